//! A signed order ready for the payer's browser: the action URL, the fields, the HTML form.

use napi_derive::napi;

use crate::convert::OrderedFields;

#[napi]
pub struct Checkout {
    inner: omg_core::Checkout,
}

impl Checkout {
    pub fn new(inner: omg_core::Checkout) -> Self {
        Checkout { inner }
    }
}

#[napi]
impl Checkout {
    /// The gateway's AioCheckOut/V5 URL the form posts to.
    #[napi(getter)]
    pub fn action_url(&self) -> String {
        self.inner.action_url.clone()
    }

    /// Every field to post, in order, CheckMacValue last.
    #[napi(js_name = "fieldsObject")]
    pub fn fields(&self) -> OrderedFields {
        OrderedFields(self.inner.fields.clone())
    }

    /// A complete HTML page that posts the fields to the gateway as soon as it loads; every value
    /// HTML-escaped.
    #[napi(catch_unwind)]
    pub fn html(&self) -> String {
        self.inner.html()
    }
}
