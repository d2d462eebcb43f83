//! The one error type of omg-core. Every failure a merchant can meet is one of five kinds, so a
//! binding can map each kind to one exception class without looking at messages.

use std::fmt;

use crate::codes::Category;
use crate::rules::Rule;

/// One broken rule of one field: which field, which rule (a stable machine name such as
/// `max_length`), and a sentence for humans. Never carries a secret value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub rule: String,
    pub message: String,
}

impl FieldError {
    /// A broken rule of the catalogue ([`crate::rules`]) on `field`.
    pub fn new(field: impl Into<String>, rule: Rule, message: impl Into<String>) -> Self {
        FieldError { field: field.into(), rule: rule.into(), message: message.into() }
    }

    /// The same broken rule, told of another field (a setting given under another name, an
    /// entry of a list): the message says `field` where it said the old name.
    pub fn for_field(&self, field: impl Into<String>) -> Self {
        let field = field.into();
        FieldError { message: self.message.replace(&self.field, &field), field, rule: self.rule.clone() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.field, self.message, self.rule)
    }
}

/// What went wrong when talking to the gateway over the network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportError {
    pub message: String,
    /// The request timed out (connect or read).
    pub timeout: bool,
    /// The HTTP status, when the gateway answered with a non-success status.
    pub status: Option<u16>,
    /// A money-moving request may have reached the gateway: its outcome is unknown and must be
    /// reconciled with the query named in `message`, never by sending it again.
    pub outcome_unknown: bool,
    /// With `outcome_unknown`: the query that tells what happened (QueryTrade/V2 for DoAction,
    /// QueryCreditCardPeriodInfo for CreditCardPeriodAction).
    pub reconcile_with: Option<crate::server_apis::Api>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// Input that breaks the protocol's rules: every broken rule, each naming its field.
    Validation(Vec<FieldError>),
    /// A CheckMacValue that is missing or does not match: a forged, tampered or corrupted message.
    Signature(String),
    /// The gateway understood the request and refused it.
    Gateway { rtn_code: Option<i64>, rtn_msg: String },
    /// The request did not complete (connection, timeout, HTTP status, size cap).
    Transport(TransportError),
    /// Bytes that cannot be read as the expected format (bad UTF-8, bad percent-escape, bad JSON).
    Decode(String),
}

impl Error {
    /// A validation error with a single broken rule.
    pub fn invalid(field: impl Into<String>, rule: Rule, message: impl Into<String>) -> Self {
        Error::Validation(vec![FieldError::new(field, rule, message)])
    }

    /// A short stable name of the kind, the same in every binding (`validation`, `signature`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Validation(_) => "validation",
            Error::Signature(_) => "signature",
            Error::Gateway { .. } => "gateway",
            Error::Transport(_) => "transport",
            Error::Decode(_) => "decode",
        }
    }

    /// True for a gateway refusal whose RtnCode is of `category` (codes.rs). The predicates below
    /// are the ones every language offers on its gateway error (boundary/exceptions.rs lists them).
    pub fn is_gateway(&self, category: Category) -> bool {
        matches!(self, Error::Gateway { rtn_code: Some(code), .. } if crate::codes::describe(*code).category == category)
    }

    /// True for the gateway's "order not found" (RtnCode 10200047), the one outcome an unknown
    /// order ends in whichever reply shape the gateway used (protocol.md §6).
    pub fn is_not_found(&self) -> bool {
        self.is_gateway(Category::NotFound)
    }

    /// True when the gateway refused a MerchantTradeNo it has seen before (RtnCode 10200058 or
    /// 10300028): the order needs a new number.
    pub fn is_duplicate(&self) -> bool {
        self.is_gateway(Category::Duplicate)
    }

    /// True when CreditCardPeriodAction found the schedule already stopped (RtnCode 100006): the
    /// cancellation the caller wanted is in place.
    pub fn is_already_stopped(&self) -> bool {
        self.is_gateway(Category::AlreadyStopped)
    }

    /// The field errors of a validation error, empty for the other kinds.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Validation(errors) => errors,
            _ => &[],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(errors) => {
                write!(f, "invalid input: ")?;
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        write!(f, "; ")?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
            Error::Signature(reason) => write!(f, "signature error: {reason}"),
            Error::Gateway { rtn_code: Some(code), rtn_msg } => {
                write!(f, "gateway refused the request: RtnCode {code}: {rtn_msg}")?;
                if *code == 10200073 {
                    // The one refusal whose fix is always the same three settings.
                    write!(f, " (the keys do not match: check OMG_MERCHANT_ID, OMG_HASH_KEY and OMG_HASH_IV; `omg doctor` checks them)")?;
                }
                Ok(())
            }
            Error::Gateway { rtn_code: None, rtn_msg } => write!(f, "gateway refused the request: {rtn_msg}"),
            Error::Transport(t) => write!(f, "transport error: {}", t.message),
            Error::Decode(reason) => write!(f, "cannot decode: {reason}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
