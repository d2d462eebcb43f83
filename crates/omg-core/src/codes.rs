//! The RtnCode catalogue (protocol.md §7). The complete table lives in the merchant back office;
//! these are the codes known from the documents. An unknown code is reported as unknown with
//! its number kept — never guessed.

/// RtnCode 1: paid (notifications, TradeStatus) or the action was done (server APIs).
pub const SUCCESS: i64 = 1;
/// RtnCode 2: an ATM virtual account was issued (PaymentInfoURL).
pub const ATM_ACCOUNT_ISSUED: i64 = 2;
/// RtnCode 10100073: a CVS or BARCODE payment code was issued (PaymentInfoURL).
pub const CVS_CODE_ISSUED: i64 = 10100073;
/// RtnCode 10200047: no such order (QueryCreditCardPeriodInfo, CreditCardPeriodAction, ...).
pub const ORDER_NOT_FOUND: i64 = 10200047;
/// RtnCode 10200058: the MerchantTradeNo was used before (secondary summary only).
pub const DUPLICATE_TRADE_NO: i64 = 10200058;
/// RtnCode 10300028: the MerchantTradeNo was used before, order not created (訂單編號重覆，建立失敗),
/// as the ECPay family answers it (confirmed; the code omg-sim answers).
pub const DUPLICATE_TRADE_NO_NOT_CREATED: i64 = 10300028;
/// RtnCode 10200069: the TotalAmount is not acceptable (secondary summary only).
pub const INVALID_AMOUNT: i64 = 10200069;
/// RtnCode 10200073: CheckMacValue error.
pub const CHECK_MAC_VALUE_ERROR: i64 = 10200073;
/// RtnCode 10200083: CreditCardPeriodAction verification error.
pub const PERIOD_ACTION_VERIFICATION_ERROR: i64 = 10200083;
/// RtnCode / TradeStatus 10200095: the payer never chose a payment method, or the order was
/// cancelled.
pub const NEVER_CHOSE_PAYMENT: i64 = 10200095;
/// RtnCode 10300023: no payment method is available to the merchant.
pub const NO_PAYMENT_METHOD: i64 = 10300023;
/// RtnCode 100006: the recurring schedule is already stopped (CreditCardPeriodAction).
pub const PERIOD_ALREADY_STOPPED: i64 = 100006;

/// What kind of outcome a code stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Success,
    CodeIssued,
    Signature,
    NotFound,
    Duplicate,
    InvalidInput,
    NotPaid,
    Unavailable,
    AlreadyStopped,
    Unknown,
}

impl Category {
    /// A stable snake_case name, the same in every binding.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Success => "success",
            Category::CodeIssued => "code_issued",
            Category::Signature => "signature",
            Category::NotFound => "not_found",
            Category::Duplicate => "duplicate",
            Category::InvalidInput => "invalid_input",
            Category::NotPaid => "not_paid",
            Category::Unavailable => "unavailable",
            Category::AlreadyStopped => "already_stopped",
            Category::Unknown => "unknown",
        }
    }
}

/// A code, its meaning in Chinese and English, and its category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeInfo {
    pub code: i64,
    pub zh: &'static str,
    pub en: &'static str,
    pub category: Category,
    /// False for codes only a secondary summary reports.
    pub confirmed: bool,
}

const KNOWN: &[CodeInfo] = &[
    CodeInfo {
        code: 1,
        zh: "成功（已付款／執行成功）",
        en: "success (paid / action done)",
        category: Category::Success,
        confirmed: true,
    },
    CodeInfo {
        code: 2,
        zh: "ATM 虛擬帳號取號成功",
        en: "ATM virtual account issued",
        category: Category::CodeIssued,
        confirmed: true,
    },
    CodeInfo {
        code: 10100073,
        zh: "超商代碼／條碼取號成功",
        en: "CVS / BARCODE payment code issued",
        category: Category::CodeIssued,
        confirmed: true,
    },
    CodeInfo {
        code: 10200047, zh: "查無此訂單", en: "order not found", category: Category::NotFound, confirmed: true
    },
    CodeInfo {
        code: 10200073,
        zh: "檢查碼錯誤（CheckMacValue Error）",
        en: "CheckMacValue error",
        category: Category::Signature,
        confirmed: true,
    },
    CodeInfo {
        code: 10200083,
        zh: "定期定額作業驗證錯誤",
        en: "period-action verification error",
        category: Category::Signature,
        confirmed: true,
    },
    CodeInfo {
        code: 10200095,
        zh: "消費者未選擇付款方式／訂單已取消",
        en: "payer never chose a payment method / order cancelled",
        category: Category::NotPaid,
        confirmed: true,
    },
    CodeInfo {
        code: 10300023,
        zh: "無可用的付款方式",
        en: "no payment method available",
        category: Category::Unavailable,
        confirmed: true,
    },
    CodeInfo {
        code: 10200058,
        zh: "訂單編號重複",
        en: "duplicate MerchantTradeNo",
        category: Category::Duplicate,
        confirmed: false,
    },
    // The ECPay family's answer to a reused MerchantTradeNo (protocol.md §7): a duplicate too.
    CodeInfo {
        code: 10300028,
        zh: "訂單編號重覆，建立失敗",
        en: "duplicate MerchantTradeNo, order not created",
        category: Category::Duplicate,
        confirmed: true,
    },
    CodeInfo {
        code: 10200069,
        zh: "交易金額錯誤",
        en: "invalid TotalAmount",
        category: Category::InvalidInput,
        confirmed: false,
    },
    CodeInfo {
        code: 100006,
        zh: "該訂單狀態為停用中",
        en: "recurring schedule already stopped",
        category: Category::AlreadyStopped,
        confirmed: true,
    },
];

/// What `code` means; unknown codes come back with category `Unknown` and the number kept.
pub fn describe(code: i64) -> CodeInfo {
    KNOWN.iter().copied().find(|c| c.code == code).unwrap_or(CodeInfo {
        code,
        zh: "未知的代碼",
        en: "unknown code",
        category: Category::Unknown,
        confirmed: false,
    })
}

/// Every known code, for listings.
pub fn known() -> &'static [CodeInfo] {
    KNOWN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_have_their_category() {
        assert_eq!(describe(1).category, Category::Success);
        assert_eq!(describe(2).category, Category::CodeIssued);
        assert_eq!(describe(10100073).category, Category::CodeIssued);
        assert_eq!(describe(10200073).category, Category::Signature);
        assert_eq!(describe(10200047).category, Category::NotFound);
        assert_eq!(describe(100006).en, "recurring schedule already stopped");
        assert!(!describe(10200058).confirmed);
    }

    #[test]
    fn every_named_code_is_in_the_catalogue_with_its_category() {
        let named = [
            (SUCCESS, Category::Success),
            (ATM_ACCOUNT_ISSUED, Category::CodeIssued),
            (CVS_CODE_ISSUED, Category::CodeIssued),
            (ORDER_NOT_FOUND, Category::NotFound),
            (DUPLICATE_TRADE_NO, Category::Duplicate),
            (DUPLICATE_TRADE_NO_NOT_CREATED, Category::Duplicate),
            (INVALID_AMOUNT, Category::InvalidInput),
            (CHECK_MAC_VALUE_ERROR, Category::Signature),
            (PERIOD_ACTION_VERIFICATION_ERROR, Category::Signature),
            (NEVER_CHOSE_PAYMENT, Category::NotPaid),
            (NO_PAYMENT_METHOD, Category::Unavailable),
            (PERIOD_ALREADY_STOPPED, Category::AlreadyStopped),
        ];
        for (code, category) in named {
            assert_eq!(describe(code).category, category, "{code}");
        }
    }

    #[test]
    fn unknown_codes_keep_their_number() {
        let info = describe(99_999_999);
        assert_eq!(info.code, 99_999_999);
        assert_eq!(info.category.as_str(), "unknown");
    }

    #[test]
    fn catalogue_has_no_duplicate_codes() {
        let mut codes: Vec<i64> = known().iter().map(|c| c.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), known().len());
    }
}
