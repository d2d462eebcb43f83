//! A signed order ready for the payer's browser: `actionUrl`, `fields`, `html()`. Its properties
//! come from omg-core's description of `Checkout`, like every result's.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use omg_core::boundary::Described;

use crate::described::read_only;
use crate::guard::entry;
use crate::view::View;

#[php_class]
#[php(name = "Omg\\Payment\\Checkout")]
pub struct Checkout {
    view: View,
}

impl Checkout {
    pub fn new(checkout: &omg_core::Checkout) -> Self {
        Checkout { view: View::new(omg_core::Checkout::desc(), checkout.to_json(), crate::described::object) }
    }
}

#[php_impl]
impl Checkout {
    #[php(name = "__get")]
    pub fn magic_get(&self, name: String) -> PhpResult<Zval> {
        entry(|| self.view.property(&name))
    }

    #[php(name = "__isset")]
    pub fn magic_isset(&self, name: String) -> bool {
        self.view.has(&name)
    }

    #[php(name = "__set")]
    pub fn magic_set(&self, name: String, _value: &Zval) -> PhpResult<()> {
        Err(read_only("Checkout", &name))
    }

    /// A complete HTML page whose form posts the fields to the gateway as soon as it loads; every
    /// value HTML-escaped.
    pub fn html(&self) -> PhpResult<Zval> {
        entry(|| self.view.property("html"))
    }

    /// Every property as an array, camelCase keys.
    pub fn to_array(&self) -> PhpResult<ZBox<ZendHashTable>> {
        entry(|| self.view.to_array())
    }
}
