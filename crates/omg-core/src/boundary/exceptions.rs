//! The exception classes every language raises, and what each carries: one class per error kind
//! under one base class, each attribute read from the error payload (boundary/error_payload.rs),
//! and the RtnCode predicates of the gateway error. Names are stems: Python and Node append
//! `Error` (`GatewayError`), PHP and C# `Exception` (`GatewayException`); attributes are re-cased
//! by each language's rule, a boolean being `isX()` in PHP.

use super::desc::{FieldDesc, ValueType};
use super::error_payload::ERROR_PAYLOAD;

/// One attribute of an exception: its name and the payload field it holds.
#[derive(Debug, PartialEq, Eq)]
pub struct Attribute {
    pub name: &'static str,
    /// The field of [`ERROR_PAYLOAD`] it holds (its type and doc).
    pub payload_field: &'static str,
    /// Always present in the errors of this class although the payload field is optional (it is
    /// absent for the other kinds): `rtn_msg` of a gateway error.
    pub present: bool,
}

impl Attribute {
    /// The payload field's description (type, doc).
    pub fn field(&self) -> &'static FieldDesc {
        ERROR_PAYLOAD.field(self.payload_field).expect("every exception attribute is a payload field")
    }

    /// The attribute's type: the payload field's, not optional when always present.
    pub fn ty(&self) -> ValueType {
        match (self.present, self.field().ty) {
            (true, ValueType::OptStr) => ValueType::Str,
            (true, ValueType::OptInt) => ValueType::Int,
            (_, ty) => ty,
        }
    }
}

/// One exception class.
#[derive(Debug, PartialEq, Eq)]
pub struct ErrorClass {
    /// `ErrorPayload.kind` of the errors it stands for; empty for the base class.
    pub kind: &'static str,
    /// The name's stem: `Omg`, `Validation`, `Signature`, `Gateway`, `Transport`, `Decode`.
    pub stem: &'static str,
    pub doc: &'static str,
    pub attributes: &'static [Attribute],
}

const fn attr(name: &'static str, payload_field: &'static str) -> Attribute {
    Attribute { name, payload_field, present: false }
}

/// The RtnCode predicates of a gateway error (each a payload field, computed by core from the
/// RtnCode's category, codes.rs): `is_not_found` in every language, in its own naming.
pub const GATEWAY_PREDICATES: [&str; 3] = ["is_not_found", "is_duplicate", "is_already_stopped"];

/// The base class, then one class per error kind.
pub static ERROR_CLASSES: [ErrorClass; 6] = [
    ErrorClass { kind: "", stem: "Omg", doc: "The base class of every error omg-payment raises about payments.", attributes: &[] },
    ErrorClass {
        kind: "validation",
        stem: "Validation",
        doc: "Input that breaks the protocol's rules; `errors` lists every broken rule at once, each naming its field.",
        attributes: &[attr("errors", "field_errors")],
    },
    ErrorClass {
        kind: "signature",
        stem: "Signature",
        doc: "A CheckMacValue that is missing or does not match: a forged, altered or wrongly keyed message.",
        attributes: &[],
    },
    ErrorClass {
        kind: "gateway",
        stem: "Gateway",
        doc: "The gateway understood the request and refused it: `rtn_code` and `rtn_msg` say why, the predicates name the refusals worth a branch.",
        attributes: &[
            attr("rtn_code", "rtn_code"),
            Attribute { name: "rtn_msg", payload_field: "rtn_msg", present: true },
            attr("is_not_found", "is_not_found"),
            attr("is_duplicate", "is_duplicate"),
            attr("is_already_stopped", "is_already_stopped"),
        ],
    },
    ErrorClass {
        kind: "transport",
        stem: "Transport",
        doc: "The request did not complete (connection, timeout, HTTP status, size cap). With `outcome_unknown`, a capture, refund or cancellation may have reached the gateway: ask `reconcile_with`, never send it again.",
        attributes: &[
            attr("timeout", "timeout"),
            attr("status", "status"),
            attr("outcome_unknown", "outcome_unknown"),
            attr("reconcile_with", "reconcile_with"),
        ],
    },
    ErrorClass {
        kind: "decode",
        stem: "Decode",
        doc: "Bytes that cannot be read as the expected format: not UTF-8, a bad percent-escape, unreadable JSON, a body over the size cap.",
        attributes: &[],
    },
];
