//! The whole contract in one value: everything that crosses a language boundary, as the generator
//! (`crates/omg-generate`) consumes it. [`contract()`] gathers the pieces, each written next to
//! the code it describes: the records (`describe!`), the value sets, the operations, the client
//! settings, the order fields, the exception classes and the constants. The generator takes a
//! [`Contract`] by value, so a test can edit a copy (add a field, an argument) and see every
//! language's output change.

use super::desc::{TypeDesc, ValueSet};
use super::exceptions::{ErrorClass, ERROR_CLASSES, GATEWAY_PREDICATES};
use super::operations::{Operation, CLIENT_PROPERTIES, NOTIFICATION_METHODS, OPERATIONS};
use super::order_options::{OrderOption, ORDER_OPTIONS};
use super::value_sets::VALUE_SETS;
use crate::client::settings::{Setting, SETTINGS};

/// A constant every language exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Constant {
    Str { name: &'static str, value: &'static str, doc: &'static str },
    Int { name: &'static str, value: i64, doc: &'static str },
}

impl Constant {
    pub fn name(&self) -> &'static str {
        match self {
            Constant::Str { name, .. } | Constant::Int { name, .. } => name,
        }
    }
}

/// Everything that crosses a boundary.
#[derive(Clone, Debug)]
pub struct Contract {
    /// The records (results, notification kinds, checkout, errors, settings, ...).
    pub types: Vec<&'static TypeDesc>,
    pub value_sets: Vec<&'static ValueSet>,
    /// The client's methods and the module's functions.
    pub operations: Vec<&'static Operation>,
    /// The methods of every verified notification.
    pub notification_methods: Vec<&'static Operation>,
    pub settings: Vec<Setting>,
    /// The fields of `ClientSettings` the client shows as its own properties.
    pub client_properties: Vec<&'static str>,
    pub order_options: Vec<OrderOption>,
    /// The base class first, then one class per error kind.
    pub errors: Vec<&'static ErrorClass>,
    /// The RtnCode predicates of the gateway error (attributes of its class).
    pub gateway_predicates: Vec<&'static str>,
    pub constants: Vec<Constant>,
}

impl Contract {
    /// The record called `name` (its class name).
    pub fn record(&self, name: &str) -> Option<&'static TypeDesc> {
        self.types.iter().copied().find(|t| t.name == name)
    }

    /// The records that are notification kinds (they have a `dedupe_key`), in order.
    pub fn notification_kinds(&self) -> Vec<&'static TypeDesc> {
        self.types.iter().copied().filter(|t| t.field("dedupe_key").is_some()).collect()
    }
}

/// The contract as the code states it now.
pub fn contract() -> Contract {
    Contract {
        types: super::types().to_vec(),
        value_sets: VALUE_SETS.to_vec(),
        operations: OPERATIONS.iter().collect(),
        notification_methods: NOTIFICATION_METHODS.iter().collect(),
        settings: SETTINGS.to_vec(),
        client_properties: CLIENT_PROPERTIES.to_vec(),
        order_options: ORDER_OPTIONS.to_vec(),
        errors: ERROR_CLASSES.iter().collect(),
        gateway_predicates: GATEWAY_PREDICATES.to_vec(),
        constants: vec![
            Constant::Str {
                name: "ACK",
                value: crate::notify::ACK,
                doc: "The reply that stops the gateway from re-sending a notification: exactly these four characters.",
            },
            Constant::Int {
                name: "MAX_NOTIFICATION_BYTES",
                value: crate::notify::MAX_BODY_BYTES as i64,
                doc: "The largest notification body accepted, in bytes (64 KiB).",
            },
        ],
    }
}
