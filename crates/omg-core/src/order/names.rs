//! The wire names of every AioCheckOut/V5 field (protocol.md §4), spelled exactly as the gateway
//! expects them. Errors name fields by these, so a merchant can find the field in the spec.

// Filled by the SDK, not by the order.
pub const MERCHANT_ID: &str = "MerchantID";
pub const PAYMENT_TYPE: &str = "PaymentType";
pub const ENCRYPT_TYPE: &str = "EncryptType";
pub use crate::mac::CHECK_MAC_VALUE;

// Always sent.
pub const MERCHANT_TRADE_NO: &str = "MerchantTradeNo";
pub const MERCHANT_TRADE_DATE: &str = "MerchantTradeDate";
pub const TOTAL_AMOUNT: &str = "TotalAmount";
pub const TRADE_DESC: &str = "TradeDesc";
pub const ITEM_NAME: &str = "ItemName";
pub const RETURN_URL: &str = "ReturnURL";
pub const CHOOSE_PAYMENT: &str = "ChoosePayment";

// Optional, any method.
pub const STORE_ID: &str = "StoreID";
pub const ORDER_RESULT_URL: &str = "OrderResultURL";
pub const CLIENT_BACK_URL: &str = "ClientBackURL";
pub const ITEM_URL: &str = "ItemURL";
pub const REMARK: &str = "Remark";
pub const PLATFORM_ID: &str = "PlatformID";
pub const INVOICE_MARK: &str = "InvoiceMark";
pub const CUSTOM_FIELDS: [&str; 4] = ["CustomField1", "CustomField2", "CustomField3", "CustomField4"];
pub const LANGUAGE: &str = "Language";
pub const NEED_EXTRA_PAID_INFO: &str = "NeedExtraPaidInfo";
pub const RISK_MERCHANT_MEMBER_ID: &str = "RiskMerchantMemberID";
pub const DEVICE_SOURCE: &str = "DeviceSource";

// Method-specific.
pub const CHOOSE_SUB_PAYMENT: &str = "ChooseSubPayment";
pub const IGNORE_PAYMENT: &str = "IgnorePayment";
pub const BINDING_CARD: &str = "BindingCard";
pub const MERCHANT_MEMBER_ID: &str = "MerchantMemberID";
pub const UNION_PAY: &str = "UnionPay";
pub const CREDIT_INSTALLMENT: &str = "CreditInstallment";
pub const PERIOD_AMOUNT: &str = "PeriodAmount";
pub const PERIOD_TYPE: &str = "PeriodType";
pub const FREQUENCY: &str = "Frequency";
pub const EXEC_TIMES: &str = "ExecTimes";
pub const PERIOD_RETURN_URL: &str = "PeriodReturnURL";
pub const EXPIRE_DATE: &str = "ExpireDate";
pub const EXPIRE_MINUTE: &str = "ExpireMinute";
pub const STORE_EXPIRE_DATE: &str = "StoreExpireDate";
pub const DESCS: [&str; 4] = ["Desc_1", "Desc_2", "Desc_3", "Desc_4"];
pub const PAYMENT_INFO_URL: &str = "PaymentInfoURL";
pub const CLIENT_REDIRECT_URL: &str = "ClientRedirectURL";

/// The fields that belong to one payment method (or a few): sent with any other ChoosePayment
/// they are an error, never silently passed on.
pub const METHOD_SPECIFIC: &[&str] = &[
    CHOOSE_SUB_PAYMENT,
    IGNORE_PAYMENT,
    BINDING_CARD,
    MERCHANT_MEMBER_ID,
    UNION_PAY,
    CREDIT_INSTALLMENT,
    PERIOD_AMOUNT,
    PERIOD_TYPE,
    FREQUENCY,
    EXEC_TIMES,
    PERIOD_RETURN_URL,
    EXPIRE_DATE,
    EXPIRE_MINUTE,
    STORE_EXPIRE_DATE,
    DESCS[0],
    DESCS[1],
    DESCS[2],
    DESCS[3],
    PAYMENT_INFO_URL,
    CLIENT_REDIRECT_URL,
];

/// Every field name the order model knows. Any other field read by `Order::from_fields` is kept
/// in `Order::extra`; an extra field whose name equals one of these ignoring case is refused.
pub fn is_known(name: &str) -> bool {
    known().any(|k| k == name)
}

/// The known field name equal to `name` ignoring ASCII case, if any.
pub fn known_ignoring_case(name: &str) -> Option<&'static str> {
    known().find(|k| k.eq_ignore_ascii_case(name))
}

/// Every field name the order model knows.
pub fn all() -> impl Iterator<Item = &'static str> {
    known()
}

fn known() -> impl Iterator<Item = &'static str> {
    const COMMON: &[&str] = &[
        MERCHANT_ID,
        PAYMENT_TYPE,
        ENCRYPT_TYPE,
        CHECK_MAC_VALUE,
        MERCHANT_TRADE_NO,
        MERCHANT_TRADE_DATE,
        TOTAL_AMOUNT,
        TRADE_DESC,
        ITEM_NAME,
        RETURN_URL,
        CHOOSE_PAYMENT,
        STORE_ID,
        ORDER_RESULT_URL,
        CLIENT_BACK_URL,
        ITEM_URL,
        REMARK,
        PLATFORM_ID,
        INVOICE_MARK,
        LANGUAGE,
        NEED_EXTRA_PAID_INFO,
        RISK_MERCHANT_MEMBER_ID,
        DEVICE_SOURCE,
    ];
    COMMON.iter().chain(&CUSTOM_FIELDS).chain(METHOD_SPECIFIC).copied()
}
