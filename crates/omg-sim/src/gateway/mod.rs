//! What the gateway does, apart from HTTP, one concept per file:
//!
//! | file | holds |
//! |---|---|
//! | `refusals` | the codes the simulator answers with, why AioCheckOut refuses an order |
//! | `acceptance` | AioCheckOut/V5: verify, validate, store an order |
//! | `payer` | the payer's side: choose a method, get a code, pay, be declined; simulated payments |
//! | `payment_page` | what the page offers and posts: the test card, a browser post, code methods |
//! | `timed` | work due as the clock moves: recurring charges, settlement, expiry |
//! | `actions` | the merchant's server actions: cancel a schedule, DoAction |
//! | `notification_fields` | the fields of every notification, signed |
//!
//! Every notification is built with omg-core's `notify::builder` and signed with the merchant's
//! keys; every function returns after releasing the store's lock and hands its notifications to
//! the background deliverer.

mod acceptance;
mod actions;
mod notification_fields;
mod payer;
mod payment_page;
mod refusals;
mod timed;

pub use acceptance::checkout;
pub use actions::{cancel_schedule, do_action, CancelOutcome};
pub use notification_fields::{charge_fee, extra_paid_info, handling_charge};
pub use payer::{
    choose_method, code_redirect, decline, expire, pay, pay_code, payer_picks, simulate, PayRequest, PayerOutcome,
};
pub use payment_page::{is_code_method, BrowserPost, TEST_CARD, TEST_CVV};
pub use refusals::*;
pub use timed::{fail_next_charges, run_due};

use crate::store::OrderStatus;

pub(crate) fn status_name(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::AwaitingPayer => "waiting for the payer",
        OrderStatus::CodeIssued => "waiting for its payment code to be paid",
        OrderStatus::Paid => "paid",
        OrderStatus::Declined => "declined",
        OrderStatus::Expired => "expired",
        OrderStatus::Abandoned => "abandoned (90 days without payment)",
    }
}
