//! Which notification a verified field set is. The gateway does not say; the fields do.

use crate::fields::Fields;

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

/// Field names only a PeriodReturnURL notification carries. They are capitalised differently from
/// the NeedExtraPaidInfo extras of a payment result (`gwsr`, `process_date`, `auth_code`,
/// `amount`), and names are matched exactly, so the two never mix. `TotalSuccessTimes` is left
/// out on purpose: the recurring extras of a first-period payment result carry it too.
const PERIOD_ONLY_FIELDS: [&str; 5] = ["Gwsr", "ProcessDate", "AuthCode", "FirstAuthAmount", "Amount"];

/// Field names only a payment-code notification carries (ATM, CVS, BARCODE).
const CODE_ONLY_FIELDS: [&str; 7] = ["BankCode", "vAccount", "PaymentNo", "Barcode1", "Barcode2", "Barcode3", "ExpireDate"];

/// RtnCode 2 (ATM account issued) and 10100073 (CVS/BARCODE code issued).
const CODE_ISSUED_RTN_CODES: [&str; 2] = ["2", "10100073"];

impl NotificationKind {
    /// The classification rule, first match wins:
    /// 1. any of `Gwsr`, `ProcessDate`, `AuthCode`, `FirstAuthAmount`, `Amount` (exact case)
    ///    → `PeriodCharge`;
    /// 2. RtnCode `2` or `10100073`, or any of `BankCode`, `vAccount`, `PaymentNo`,
    ///    `Barcode1`–`3`, `ExpireDate` present (even empty — a failed code issue still carries
    ///    them) → `PaymentCodeIssued`;
    /// 3. otherwise → `PaymentResult`.
    pub fn classify(fields: &Fields) -> Self {
        if PERIOD_ONLY_FIELDS.iter().any(|name| fields.contains(name)) {
            return NotificationKind::PeriodCharge;
        }
        let code_rtn = fields.get("RtnCode").map(str::trim).is_some_and(|code| CODE_ISSUED_RTN_CODES.contains(&code));
        if code_rtn || CODE_ONLY_FIELDS.iter().any(|name| fields.contains(name)) {
            return NotificationKind::PaymentCodeIssued;
        }
        NotificationKind::PaymentResult
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
