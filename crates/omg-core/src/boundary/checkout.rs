//! A signed checkout form as it crosses a boundary.

use crate::checkout::Checkout;

use super::described::describe;

describe! {
    /// A signed AioCheckOut/V5 order, ready for the payer's browser to post to the gateway.
    CHECKOUT: Checkout as "Checkout" |c| {
        /// The gateway's AioCheckOut/V5 URL.
        action_url: Str = &c.action_url,
        /// Every field to post, in order, CheckMacValue last.
        fields: StrMap = &c.fields,
        /// A complete HTML page that posts the fields to the gateway as soon as it loads.
        html(): Str = &c.html(),
        /// What the gateway accepts but deserves a look: PeriodReturnURL on the ReturnURL route
        /// (rule `shared_route`: that route must accept period charges), a plain-http browser URL
        /// in production (rule `https`). Empty for most orders.
        warnings: List(super::FIELD_ERROR) = &c.warnings,
    }
}
