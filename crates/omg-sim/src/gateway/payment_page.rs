//! What the payment page offers and makes the payer's browser post: the test card, the form a
//! browser is sent with, which methods pay with a code issued first. A leaf the acceptance, the
//! payer's side and the notification fields all read.

use omg_core::Fields;

/// The test card the payment page offers (protocol.md §1).
pub const TEST_CARD: &str = "4311952222222222";
pub const TEST_CVV: &str = "222";

/// A form the payer's browser is made to post (OrderResultURL, ClientRedirectURL).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrowserPost {
    pub url: String,
    pub fields: Fields,
}

/// ATM, CVS and BARCODE pay with a code issued first.
pub fn is_code_method(method: &str) -> bool {
    matches!(method, "ATM" | "CVS" | "BARCODE")
}
