//! An omg-core error as data: what every binding turns into its exception (Python), thrown error
//! (Node), PHP exception or .NET exception, and what `omg --json` prints. One place decides its
//! shape so that every language reports the same error alike.

use serde_json::Value;

use crate::error::{Error, FieldError};

use super::described::{describe, Described};

/// The `kind` of an error payload (`Error::kind`), one per core error variant.
pub mod kind {
    /// Input that breaks the protocol's rules; `field_errors` lists every broken rule.
    pub const VALIDATION: &str = "validation";
    /// A CheckMacValue that is missing or does not match.
    pub const SIGNATURE: &str = "signature";
    /// The gateway understood the request and refused it (`rtn_code`, `rtn_msg`).
    pub const GATEWAY: &str = "gateway";
    /// The request did not complete (`timeout`, `status`, `outcome_unknown`, `reconcile_with`).
    pub const TRANSPORT: &str = "transport";
    /// Bytes that cannot be read as the expected format.
    pub const DECODE: &str = "decode";
}

describe! {
    /// One broken rule of one field: the field, a stable rule name (see omg_core::rules) and a
    /// sentence for people. Never carries a secret value.
    FIELD_ERROR: FieldError as "FieldError" |e| {
        /// The field, by the name the caller used (wire name, setting name, variable name).
        field: Str = &e.field,
        /// A stable rule name: required, max_length, charset, range, one_of, format, conflict, ...
        rule: Str = &e.rule,
        /// A sentence for people.
        message: Str = &e.message,
    }
}

/// The payload of an [`Error`]: the same fields whatever the kind, the ones that do not apply
/// empty (`field_errors` empty, the others null or false).
pub struct ErrorPayload<'a>(pub &'a Error);

describe! {
    /// An omg-core error as data, the same in every language.
    ERROR_PAYLOAD: ErrorPayload<'_> as "ErrorPayload" |p| {
        /// validation, signature, gateway, transport or decode.
        kind: Str in super::value_sets::ERROR_KIND = p.0.kind(),
        /// The whole error in one sentence (never a secret).
        message: Str = &p.0.to_string(),
        /// Validation: every broken rule; empty for the other kinds.
        field_errors: List(FIELD_ERROR) = p.0.field_errors(),
        /// Gateway: the gateway's RtnCode (absent when the reply had none, as in QueryTrade/V2).
        rtn_code: OptInt = match p.0 { Error::Gateway { rtn_code, .. } => *rtn_code, _ => None },
        /// Gateway: the gateway's RtnMsg, verbatim.
        rtn_msg: OptStr = match p.0 { Error::Gateway { rtn_msg, .. } => Some(rtn_msg.as_str()), _ => None },
        /// Transport: the connect or read timeout expired.
        timeout: Bool = matches!(p.0, Error::Transport(t) if t.timeout),
        /// Transport: the HTTP status, when the gateway answered with a non-success status.
        status: OptInt = match p.0 { Error::Transport(t) => t.status.map(i64::from), _ => None },
        /// Transport: a money-moving request may have reached the gateway; reconcile, never resend.
        outcome_unknown: Bool = matches!(p.0, Error::Transport(t) if t.outcome_unknown),
        /// Transport with outcome_unknown: the API that tells what happened (e.g. QueryTrade/V2).
        reconcile_with: OptStr = match p.0 { Error::Transport(t) => t.reconcile_with.map(|api| api.name()), _ => None },
        /// Gateway: the order does not exist (RtnCode 10200047).
        is_not_found: Bool = p.0.is_not_found(),
        /// Gateway: the MerchantTradeNo was used before (RtnCode 10200058 or 10300028): the order needs a new number.
        is_duplicate: Bool = p.0.is_duplicate(),
        /// Gateway: the recurring schedule is already stopped (RtnCode 100006): the cancellation is in place.
        is_already_stopped: Bool = p.0.is_already_stopped(),
    }
}

/// The JSON payload of `error` (see [`ERROR_PAYLOAD`]).
pub fn error_payload(error: &Error) -> Value {
    ErrorPayload(error).to_json()
}
