//! A signed order ready for the payer's browser: the action URL, the fields, the HTML form.

use napi_derive::napi;

use crate::convert::OrderedFields;

/// One warning of a signed order: the field, a stable rule name, a sentence.
#[napi(object)]
pub struct Warning {
    pub field: String,
    pub rule: String,
    pub message: String,
}

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

    /// What works but deserves a look: in production, a plain-http browser URL (OrderResultURL,
    /// ClientBackURL, ClientRedirectURL; rule `https`), which only makes the payer's browser warn.
    #[napi(getter, ts_return_type = "Array<{ field: string; rule: string; message: string }>")]
    pub fn warnings(&self) -> Vec<Warning> {
        self.inner
            .warnings
            .iter()
            .map(|w| Warning { field: w.field.clone(), rule: w.rule.clone(), message: w.message.clone() })
            .collect()
    }

    /// A complete HTML page that posts the fields to the gateway as soon as it loads; every value
    /// HTML-escaped.
    #[napi(catch_unwind)]
    pub fn html(&self) -> String {
        self.inner.html()
    }
}
