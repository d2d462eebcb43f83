//! The status code every entry point returns. Failures also write a JSON error payload (whose
//! `kind` names the same thing) to the call's `out_error`.

/// What happened. `OMG_OK` is 0; every other value is a failure with a payload in `out_error`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OmgStatus {
    /// Success: the out-parameters hold the result.
    OmgOk = 0,
    /// Input broke a rule; the payload's `field_errors` name each field and rule.
    OmgErrValidation = 1,
    /// A CheckMacValue is missing or wrong (forged, altered, other keys).
    OmgErrSignature = 2,
    /// The gateway refused the request (`rtn_code`, `rtn_msg`).
    OmgErrGateway = 3,
    /// No complete reply (`timeout`, `status`, `outcome_unknown`).
    OmgErrTransport = 4,
    /// Unreadable bytes: not UTF-8, bad escape, bad JSON, too big.
    OmgErrDecode = 5,
    /// A NULL pointer where a value is required, or an argument out of its range.
    OmgErrArgument = 6,
    /// The client handle is unknown or already freed.
    OmgErrHandle = 7,
    /// A bug inside the library (a caught panic). Please report it.
    OmgErrInternal = 8,
}

impl OmgStatus {
    /// The status of an omg-core error kind.
    pub(crate) fn of_kind(kind: &str) -> OmgStatus {
        match kind {
            "validation" => OmgStatus::OmgErrValidation,
            "signature" => OmgStatus::OmgErrSignature,
            "gateway" => OmgStatus::OmgErrGateway,
            "transport" => OmgStatus::OmgErrTransport,
            "decode" => OmgStatus::OmgErrDecode,
            "argument" => OmgStatus::OmgErrArgument,
            "handle" => OmgStatus::OmgErrHandle,
            _ => OmgStatus::OmgErrInternal,
        }
    }
}
