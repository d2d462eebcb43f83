//! Which notification a verified field set is. The gateway does not say which endpoint it posts
//! to, so a caller that knows (its ReturnURL handler, its PaymentInfoURL handler) says so with
//! [`Endpoint`]; otherwise RtnCode decides, and field presence only breaks the remaining ties.

use crate::error::{Error, Result};
use crate::fields::Fields;
use crate::mac::names::KnownFields;
use crate::rules;

/// The three notifications of protocol.md §5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NotificationKind {
    /// ReturnURL (server) or OrderResultURL (browser): the outcome of a payment.
    PaymentResult,
    /// PaymentInfoURL (server) or ClientRedirectURL (browser): an ATM account or CVS/BARCODE
    /// payment code was issued (or issuing it failed); nothing is paid yet.
    PaymentCodeIssued,
    /// PeriodReturnURL: one recurring card charge, from the 2nd period on.
    PeriodCharge,
}

/// The merchant URL a notification was posted to. A handler mounted on one URL knows it; passing
/// it makes the kind certain instead of inferred (protocol.md §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// ReturnURL (server) — or OrderResultURL, the browser copy of the same fields.
    ReturnUrl,
    /// PaymentInfoURL (server) — or ClientRedirectURL, the browser copy.
    PaymentInfoUrl,
    /// PeriodReturnURL.
    PeriodReturnUrl,
}

impl Endpoint {
    /// The stable snake_case names the bindings use.
    pub const NAMES: [&'static str; 3] = ["return_url", "payment_info_url", "period_return_url"];

    /// Reads an endpoint name, ignoring case and underscores, so both the gateway's parameter name
    /// (`ReturnURL`, `OrderResultURL`, `PaymentInfoURL`, `ClientRedirectURL`, `PeriodReturnURL`)
    /// and the snake_case name (`return_url`, ...) work. `Error::Validation` on field `endpoint`,
    /// rule `one_of`, for anything else.
    pub fn parse(name: &str) -> Result<Endpoint> {
        let folded: String = name.chars().filter(|c| *c != '_').flat_map(char::to_lowercase).collect();
        match folded.as_str() {
            "returnurl" | "orderresulturl" => Ok(Endpoint::ReturnUrl),
            "paymentinfourl" | "clientredirecturl" => Ok(Endpoint::PaymentInfoUrl),
            "periodreturnurl" => Ok(Endpoint::PeriodReturnUrl),
            _ => Err(Error::invalid(
                "endpoint",
                rules::ONE_OF,
                format!("endpoint must be one of {}, not {name:?}", Endpoint::NAMES.join(", ")),
            )),
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Endpoint::ReturnUrl => "return_url",
            Endpoint::PaymentInfoUrl => "payment_info_url",
            Endpoint::PeriodReturnUrl => "period_return_url",
        }
    }

    /// The kind of every notification posted to this endpoint.
    pub fn kind(&self) -> NotificationKind {
        match self {
            Endpoint::ReturnUrl => NotificationKind::PaymentResult,
            Endpoint::PaymentInfoUrl => NotificationKind::PaymentCodeIssued,
            Endpoint::PeriodReturnUrl => NotificationKind::PeriodCharge,
        }
    }
}

/// Field names only a PeriodReturnURL notification carries. They are capitalised differently from
/// the NeedExtraPaidInfo extras of a payment result (`gwsr`, `process_date`, `auth_code`,
/// `amount`), and names are matched exactly, so the two never mix. `TotalSuccessTimes` is left
/// out on purpose: the recurring extras of a payment result carry it too.
const PERIOD_ONLY_FIELDS: [&str; 5] = ["Gwsr", "ProcessDate", "AuthCode", "FirstAuthAmount", "Amount"];

/// Field names only a payment-code notification carries. `PaymentNo` is not one of them: it is
/// also a NeedExtraPaidInfo extra, which ECPay-family gateways send (empty or filled) on every
/// payment result.
const CODE_ONLY_FIELDS: [&str; 6] = ["BankCode", "vAccount", "Barcode1", "Barcode2", "Barcode3", "ExpireDate"];

/// RtnCode 2 (ATM account issued) and 10100073 (CVS/BARCODE code issued).
const CODE_ISSUED_RTN_CODES: [&str; 2] = ["2", "10100073"];

impl NotificationKind {
    /// The classification rule when the endpoint is not known, first match wins:
    /// 1. any of `Gwsr`, `ProcessDate`, `AuthCode`, `FirstAuthAmount`, `Amount` (exact case: the
    ///    PeriodReturnURL spelling) → `PeriodCharge`;
    /// 2. RtnCode `1` → `PaymentResult`, whatever else is present (a paid CVS result carries a
    ///    filled PaymentNo; every ECPay-family result carries the whole extras set);
    /// 3. RtnCode `2` or `10100073` → `PaymentCodeIssued`;
    /// 4. any other RtnCode: a failed code issue when a code-only field is present (`BankCode`,
    ///    `vAccount`, `Barcode1`–`3`, `ExpireDate`, even empty), else a failed payment →
    ///    `PaymentResult`.
    ///
    /// A handler that knows its URL should say so with [`Endpoint`] instead.
    pub fn classify(fields: &Fields) -> Self {
        Self::classify_known(&KnownFields::of(fields))
    }

    /// [`classify`](Self::classify) with the fields' known names already found.
    pub(crate) fn classify_known(fields: &KnownFields) -> Self {
        if PERIOD_ONLY_FIELDS.iter().any(|name| fields.contains(name)) {
            return NotificationKind::PeriodCharge;
        }
        let rtn_code = fields.get("RtnCode").map(str::trim).unwrap_or("");
        if rtn_code == "1" {
            return NotificationKind::PaymentResult;
        }
        if CODE_ISSUED_RTN_CODES.contains(&rtn_code) || CODE_ONLY_FIELDS.iter().any(|name| fields.contains(name)) {
            return NotificationKind::PaymentCodeIssued;
        }
        NotificationKind::PaymentResult
    }

    /// The kind for a notification received on `endpoint` when known, else [`classify`](Self::classify).
    pub fn for_endpoint(fields: &Fields, endpoint: Option<Endpoint>) -> Self {
        match endpoint {
            Some(endpoint) => endpoint.kind(),
            None => Self::classify(fields),
        }
    }

    /// A stable snake_case name, the same in every binding: `payment_result`,
    /// `payment_code_issued`, `period_charge`.
    pub fn as_str(&self) -> &'static str {
        match self {
            NotificationKind::PaymentResult => "payment_result",
            NotificationKind::PaymentCodeIssued => "payment_code_issued",
            NotificationKind::PeriodCharge => "period_charge",
        }
    }
}

impl std::fmt::Display for NotificationKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
