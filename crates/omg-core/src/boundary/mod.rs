//! One description of every type that crosses a boundary (issue 11): the results of the server
//! APIs, the three notification kinds, the checkout form, the error payload and the client
//! settings. Each type is written once, here, with `describe!` (name, type, doc, how to read it
//! from the core value); from that one place come
//!
//! - [`types()`]: the description every binding and generator walks (class names, snake_case
//!   fields, value types, docs);
//! - [`Described::to_json`]: the value as JSON with exactly the described fields, which a binding
//!   can hand over as it is (Node) or read field by field (Python); [`Described::write_json`] /
//!   `to_json_text` write the same view straight as text (.NET's C ABI), and
//!   [`Described::field_json`] computes one field alone (PHP reads properties that way), and
//!   [`Described::write_flat`] writes the fields in order without names ([`flat`], .NET's
//!   notifications);
//! - [`error_payload`], [`notification_to_json`]: the two values whose type depends on the case.
//!
//! Casing: JSON keys are snake_case; each language re-cases them by its own rule (camelCase for
//! Node and PHP, PascalCase for C#). The foreign type surfaces (`.pyi`, `.d.ts`, PHP stubs, C#
//! classes) are written from this description by `crates/omg-generate` (`make generate`; `make
//! check-generated` fails when a committed file differs).

pub mod casing;
mod checkout;
mod codes;
pub mod contract;
mod desc;
pub(crate) mod described;
mod error_payload;
pub mod exceptions;
pub mod flat;
mod notifications;
pub mod operations;
pub mod order_options;
mod receipt;
pub mod render;
mod results;
mod settings;
mod signing;
pub mod value_sets;

pub use checkout::CHECKOUT;
pub use codes::CODE_INFO;
pub use contract::{contract, Constant, Contract};
pub use desc::{FieldDesc, TypeDesc, ValueSet, ValueType};
pub use described::Described;
pub use error_payload::{error_payload, kind as error_kind, ErrorPayload, ERROR_PAYLOAD, FIELD_ERROR};
pub use notifications::{
    notification_desc, notification_field_json, notification_to_flat, notification_to_json, notification_to_json_text,
    PaymentCodeIssued, PaymentResult, PeriodCharge, PAYMENT_CODE_ISSUED, PAYMENT_RESULT, PERIOD_CHARGE,
};
pub use receipt::RECEIPT;
pub use results::{
    CLOSE_ENTRY, CREDIT_DETAIL, DO_ACTION_RESULT, EXEC_LOG_ENTRY, PERIOD_ACTION_RESULT, PERIOD_INFO, TRADE_INFO,
};
pub use settings::CLIENT_SETTINGS;
pub use signing::EXPLANATION;

pub use crate::client::settings::{names as setting_names, ClientSettings, Setting, SettingKind, SETTINGS};
pub use crate::notify::receive::{receive as receive_notification, Answer, Receipt};
pub use crate::rules;

static TYPES: [&TypeDesc; 17] = [
    &TRADE_INFO,
    &EXEC_LOG_ENTRY,
    &PERIOD_INFO,
    &PERIOD_ACTION_RESULT,
    &DO_ACTION_RESULT,
    &CLOSE_ENTRY,
    &CREDIT_DETAIL,
    &PAYMENT_RESULT,
    &PAYMENT_CODE_ISSUED,
    &PERIOD_CHARGE,
    &CHECKOUT,
    &FIELD_ERROR,
    &ERROR_PAYLOAD,
    &CLIENT_SETTINGS,
    &EXPLANATION,
    &CODE_INFO,
    &RECEIPT,
];

/// Every type that crosses a boundary, in a stable order: results (each followed by the types of
/// its lists), notification kinds, checkout, error payload (after its field error), settings,
/// the explanation of a CheckMacValue, a RtnCode's meaning, the receipt of a notification request.
pub fn types() -> &'static [&'static TypeDesc] {
    &TYPES
}

/// The described type called `name` (its PascalCase class name).
pub fn type_named(name: &str) -> Option<&'static TypeDesc> {
    TYPES.iter().copied().find(|t| t.name == name)
}
