//! QueryTradeInfo/V5: the state of one order (protocol.md §6).
//!
//! The reply is raw `k=v` text signed with CheckMacValue; values hold literal spaces and `+`
//! (`ItemName=A+B C`, `PaymentDate=2024/01/01 10:00:00`), so it is split, never decoded, and
//! verified over the values exactly as received.

use crate::clock::Clock;
use crate::config::Credentials;
use crate::error::{Error, FieldError, Result};
use crate::fields::Fields;
use crate::mac::meaning::{check_meaning_known, Shape};
use crate::mac::names::KnownFields;
use crate::mac::{self, HashMethod};

use super::reply::{render_raw, verified_raw};
use super::request::{self, check_platform_id, check_trade_number, push_platform_id, signed, Reader};
use super::{Api, ApiRequest};

/// Builds the signed request: MerchantID, MerchantTradeNo, TimeStamp (from `clock`), PlatformID
/// when given, CheckMacValue.
pub fn request(
    credentials: &Credentials,
    merchant_trade_no: &str,
    platform_id: Option<&str>,
    clock: &dyn Clock,
) -> Result<ApiRequest> {
    let mut errors: Vec<FieldError> = Vec::new();
    check_trade_number("MerchantTradeNo", merchant_trade_no, &mut errors);
    check_platform_id(platform_id.unwrap_or(""), &mut errors);
    request::finish(errors)?;
    let mut fields = Fields::new();
    fields.push("MerchantID", credentials.merchant_id());
    fields.push("MerchantTradeNo", merchant_trade_no);
    fields.push("TimeStamp", request::time_stamp(clock));
    push_platform_id(&mut fields, platform_id);
    signed(Api::QueryTradeInfo, fields, credentials)
}

/// A QueryTradeInfo request as the gateway reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryTradeInfoRequest {
    pub merchant_id: String,
    pub merchant_trade_no: String,
    /// Unix seconds; check it with [`super::time_stamp_is_fresh`].
    pub time_stamp: i64,
    pub platform_id: Option<String>,
}

/// omg-sim side: verifies CheckMacValue and MerchantID, then reads the fields (every problem in
/// one `Error::Validation`). The TimeStamp is parsed, not judged.
pub fn parse_request(fields: &Fields, credentials: &Credentials) -> Result<QueryTradeInfoRequest> {
    request::verify_incoming(fields, credentials)?;
    let mut r = Reader::new(fields);
    let merchant_trade_no = r.trade_number("MerchantTradeNo").to_string();
    let time_stamp = r.number("TimeStamp");
    let platform_id = r.optional("PlatformID").map(String::from);
    r.finish()?;
    Ok(QueryTradeInfoRequest {
        merchant_id: credentials.merchant_id().to_string(),
        merchant_trade_no,
        time_stamp,
        platform_id,
    })
}

/// TradeStatus: whether the order is paid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum TradeStatus {
    /// `0`: not paid (yet).
    #[default]
    NotPaid,
    /// `1`: paid.
    Paid,
    /// `10200095`: the payer never chose a payment method (or the order was cancelled).
    NeverChosePayment,
    /// Any other value, kept as received.
    Other(String),
}

impl TradeStatus {
    pub fn parse(value: &str) -> Self {
        match value.trim() {
            "0" => TradeStatus::NotPaid,
            "1" => TradeStatus::Paid,
            "10200095" => TradeStatus::NeverChosePayment,
            _ => TradeStatus::Other(value.to_string()),
        }
    }

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            TradeStatus::NotPaid => "0",
            TradeStatus::Paid => "1",
            TradeStatus::NeverChosePayment => "10200095",
            TradeStatus::Other(value) => value,
        }
    }
}

/// The reply's fields in the order protocol.md §6 lists them (CustomField1–4 follow ItemName).
const KNOWN_FIELDS: [&str; 16] = [
    "MerchantID",
    "MerchantTradeNo",
    "StoreID",
    "TradeNo",
    "TradeAmt",
    "PaymentDate",
    "PaymentType",
    "HandlingCharge",
    "PaymentTypeChargeFee",
    "TradeDate",
    "TradeStatus",
    "ItemName",
    "CustomField1",
    "CustomField2",
    "CustomField3",
    "CustomField4",
];

/// The state of an order. Text fields are as received (empty when absent); `raw` holds every
/// field received, CheckMacValue included.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TradeInfo {
    pub merchant_id: String,
    pub merchant_trade_no: String,
    pub store_id: String,
    /// Empty until a payment method was chosen.
    pub trade_no: String,
    /// `None` when absent or not a whole number (see `raw`).
    pub trade_amt: Option<i64>,
    pub payment_date: String,
    pub payment_type: String,
    /// May be decimal.
    pub handling_charge: String,
    /// May be decimal.
    pub payment_type_charge_fee: String,
    pub trade_date: String,
    pub trade_status: TradeStatus,
    pub item_name: String,
    pub custom_fields: [String; 4],
    /// Every other field but CheckMacValue, in order: the NeedExtraPaidInfo fields of the order
    /// (gwsr, card4no, ...) and any the gateway adds. `render_reply` sends these after the
    /// known fields.
    pub extra: Fields,
    /// Every field received. Ignored by `render_reply`.
    pub raw: Fields,
}

impl TradeInfo {
    pub fn is_paid(&self) -> bool {
        self.trade_status == TradeStatus::Paid
    }
}

/// TradeStatus and RtnCode of an order the gateway does not know (protocol.md §6, §7).
pub const NOT_FOUND: i64 = 10200047;
/// [`NOT_FOUND`] as the reply writes it (compared as text: `+10200047` is another status).
const NOT_FOUND_TEXT: &str = "10200047";

/// Verifies and reads a reply. `Error::Signature` when CheckMacValue is missing or wrong (a reply
/// without it but with a RtnCode other than 1 is an `Error::Gateway`), `Error::Decode` for an
/// empty or unreadable body or one without TradeStatus.
///
/// An unknown order ends in `Error::Gateway` with RtnCode [`NOT_FOUND`] in both shapes the
/// gateway uses: the unsigned `RtnCode=10200047&RtnMsg=...` and the ECPay family's *signed*
/// reply whose fields are empty but `TradeStatus=10200047` (verified first, like any reply).
///
/// It does not compare MerchantTradeNo with the one asked for; the caller, who knows it, should.
pub fn parse_reply(body: &[u8], credentials: &Credentials) -> Result<TradeInfo> {
    let raw = verified_raw(body, credentials)?;
    // Each known field found once (mac::names), not by a scan of the fields per name.
    let known = KnownFields::of(&raw);
    check_meaning_known(&raw, &known, Shape::TradeInfoReply)?;
    // Each known field's position, looked up once (a hash probe each): both the values below
    // and the list of the other fields read it. The names below are in KNOWN_FIELDS' order.
    let positions = KNOWN_FIELDS.map(|name| known.position(name));
    let [merchant_id, merchant_trade_no, store_id, trade_no, trade_amt, payment_date, payment_type, handling_charge, payment_type_charge_fee, trade_date, status, item_name, custom_1, custom_2, custom_3, custom_4] =
        positions.map(|position| position.map(|at| raw.value_at(at)));
    let status = status.ok_or_else(|| Error::Decode("the QueryTradeInfo reply carries no TradeStatus".into()))?;
    if status.trim() == NOT_FOUND_TEXT {
        return Err(Error::Gateway {
            rtn_code: Some(NOT_FOUND),
            rtn_msg: "order not found (TradeStatus 10200047)".into(),
        });
    }
    let trade_status = TradeStatus::parse(status);
    // Every other field but CheckMacValue. Names are unique (the signature check refuses two
    // names equal ignoring case), so a known field is the one at its name's position.
    let mut is_known = vec![false; raw.len()];
    for position in positions.into_iter().flatten() {
        is_known[position] = true;
    }
    let mut extra = Fields::new();
    for ((k, v), known) in raw.iter().zip(is_known) {
        if k != mac::CHECK_MAC_VALUE && !known {
            extra.push(k, v);
        }
    }
    let text = |value: Option<&str>| value.unwrap_or("").to_string();
    Ok(TradeInfo {
        merchant_id: text(merchant_id),
        merchant_trade_no: text(merchant_trade_no),
        store_id: text(store_id),
        trade_no: text(trade_no),
        trade_amt: trade_amt.and_then(|v| v.trim().parse().ok()),
        payment_date: text(payment_date),
        payment_type: text(payment_type),
        handling_charge: text(handling_charge),
        payment_type_charge_fee: text(payment_type_charge_fee),
        trade_date: text(trade_date),
        trade_status,
        item_name: text(item_name),
        custom_fields: [text(custom_1), text(custom_2), text(custom_3), text(custom_4)],
        extra,
        raw,
    })
}

/// omg-sim side: the reply body the gateway sends for `info` — every known field in the order of
/// protocol.md §6 (empty ones included), then `info.extra`, then CheckMacValue; raw `k=v`, values
/// not encoded. `info.raw` is not used. Fails only when two field names differ only in case.
pub fn render_reply(info: &TradeInfo, credentials: &Credentials) -> Result<String> {
    let mut fields = Fields::new();
    let values: [&str; 16] = [
        &info.merchant_id,
        &info.merchant_trade_no,
        &info.store_id,
        &info.trade_no,
        &info.trade_amt.map(|n| n.to_string()).unwrap_or_default(),
        &info.payment_date,
        &info.payment_type,
        &info.handling_charge,
        &info.payment_type_charge_fee,
        &info.trade_date,
        info.trade_status.as_str(),
        &info.item_name,
        &info.custom_fields[0],
        &info.custom_fields[1],
        &info.custom_fields[2],
        &info.custom_fields[3],
    ];
    for (name, value) in KNOWN_FIELDS.iter().zip(values) {
        fields.push(*name, value);
    }
    for (k, v) in &info.extra {
        if k != mac::CHECK_MAC_VALUE {
            fields.set(k, v);
        }
    }
    mac::sign_in_place(&mut fields, credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256)?;
    Ok(render_raw(&fields))
}

/// omg-sim side: the reply for an order the gateway does not know, as the ECPay family sends it:
/// signed, every field of the normal reply present and empty except MerchantID and
/// `TradeStatus=10200047`.
pub fn render_not_found(credentials: &Credentials) -> Result<String> {
    let info = TradeInfo {
        merchant_id: credentials.merchant_id().to_string(),
        trade_status: TradeStatus::Other(NOT_FOUND.to_string()),
        ..TradeInfo::default()
    };
    render_reply(&info, credentials)
}
