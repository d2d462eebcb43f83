//! The typed results of the five server APIs (crates/omg-core/src/api/*) as they cross a
//! boundary. Status fields come twice: as sent on the wire (`trade_status`) and by their stable
//! name (`trade_status_name`, api/status_names.rs).

use crate::api::do_action::DoActionResult;
use crate::api::period_action::PeriodActionResult;
use crate::api::query_credit_detail::{CloseEntry, CreditDetail};
use crate::api::query_period_info::{ExecLogEntry, PeriodInfo};
use crate::api::query_trade_info::TradeInfo;

use super::described::describe;
use super::value_sets::{CREDIT_STATUS_NAME, EXEC_STATUS_NAME, TRADE_STATUS_NAME};

describe! {
    /// QueryTradeInfo/V5: the state of one order.
    TRADE_INFO: TradeInfo as "TradeInfo" |t| {
        /// MerchantID.
        merchant_id: Str = &t.merchant_id,
        /// MerchantTradeNo: your order number.
        merchant_trade_no: Str = &t.merchant_trade_no,
        /// StoreID.
        store_id: Str = &t.store_id,
        /// TradeNo: the gateway's trade number (empty while the payer has not chosen a method).
        trade_no: Str = &t.trade_no,
        /// TradeAmt as a whole number; absent when missing or not a whole number (see raw).
        trade_amt: OptInt = t.trade_amt,
        /// PaymentDate (yyyy/MM/dd HH:mm:ss, Taiwan time).
        payment_date: Str = &t.payment_date,
        /// PaymentType, e.g. Credit_CreditCard.
        payment_type: Str = &t.payment_type,
        /// HandlingCharge (may be decimal).
        handling_charge: Str = &t.handling_charge,
        /// PaymentTypeChargeFee (may be decimal).
        payment_type_charge_fee: Str = &t.payment_type_charge_fee,
        /// TradeDate: when the order was created.
        trade_date: Str = &t.trade_date,
        /// TradeStatus as sent: 0 not paid, 1 paid, 10200095 the payer never chose a method.
        trade_status: Str = t.trade_status.as_str(),
        /// TradeStatus by name: not_paid, paid, never_chose_payment or unknown.
        trade_status_name: Str in TRADE_STATUS_NAME = t.trade_status.name(),
        /// True when TradeStatus is 1.
        is_paid: Bool = t.is_paid(),
        /// ItemName.
        item_name: Str = &t.item_name,
        /// CustomField1 to CustomField4.
        custom_fields: StrList = &t.custom_fields,
        /// The fields beyond the documented ones (NeedExtraPaidInfo fields such as gwsr), in order.
        extra: StrMap = &t.extra,
        /// Every field received, in order, values exactly as sent, CheckMacValue included.
        raw: StrMap = &t.raw,
    }
}

describe! {
    /// One charge in a recurring schedule's ExecLog.
    EXEC_LOG_ENTRY: ExecLogEntry as "ExecLogEntry" |e| {
        /// RtnCode of this charge (1 = charged).
        rtn_code: OptInt = e.rtn_code,
        /// RtnMsg of this charge.
        rtn_msg: Str = &e.rtn_msg,
        /// The amount charged.
        amount: OptInt = e.amount,
        /// gwsr: the card authorisation number.
        gwsr: Str = &e.gwsr,
        /// process_date: when the card was charged.
        process_date: Str = &e.process_date,
        /// auth_code: the bank's authorisation code.
        auth_code: Str = &e.auth_code,
        /// TradeNo of this charge.
        trade_no: Str = &e.trade_no,
    }
}

describe! {
    /// QueryCreditCardPeriodInfo: a recurring schedule and its charges.
    PERIOD_INFO: PeriodInfo as "PeriodInfo" |p| {
        /// MerchantID.
        merchant_id: Str = &p.merchant_id,
        /// MerchantTradeNo.
        merchant_trade_no: Str = &p.merchant_trade_no,
        /// TradeNo of the first charge.
        trade_no: Str = &p.trade_no,
        /// RtnCode (1).
        rtn_code: Int = p.rtn_code,
        /// PeriodType: D, M or Y.
        period_type: Str = &p.period_type,
        /// Frequency.
        frequency: OptInt = p.frequency,
        /// ExecTimes: charges in all.
        exec_times: OptInt = p.exec_times,
        /// PeriodAmount.
        period_amount: OptInt = p.period_amount,
        /// amount: the first authorised amount.
        amount: OptInt = p.amount,
        /// gwsr of the first charge.
        gwsr: Str = &p.gwsr,
        /// process_date of the first charge.
        process_date: Str = &p.process_date,
        /// auth_code of the first charge.
        auth_code: Str = &p.auth_code,
        /// card4no: last 4 card digits.
        card4no: Str = &p.card4no,
        /// card6no: first 6 card digits.
        card6no: Str = &p.card6no,
        /// TotalSuccessTimes.
        total_success_times: OptInt = p.total_success_times,
        /// TotalSuccessAmount.
        total_success_amount: OptInt = p.total_success_amount,
        /// ExecStatus as sent (0 cancelled, 1 running, 2 finished); absent when the reply had none.
        exec_status: OptStr = p.exec_status.as_ref().map(|s| s.as_str()),
        /// ExecStatus by name: cancelled, running, finished or unknown; absent with exec_status.
        exec_status_name: OptStr in EXEC_STATUS_NAME = p.exec_status.as_ref().map(|s| s.name()),
        /// ExecLog: every charge so far, oldest first.
        exec_log: List(EXEC_LOG_ENTRY) = &p.exec_log,
        /// The JSON received.
        raw: Json = &p.raw,
    }
}

describe! {
    /// CreditCardPeriodAction: the schedule was cancelled.
    PERIOD_ACTION_RESULT: PeriodActionResult as "PeriodActionResult" |r| {
        /// RtnCode (1).
        rtn_code: Int = r.rtn_code,
        /// RtnMsg.
        rtn_msg: Str = &r.rtn_msg,
        /// MerchantID.
        merchant_id: Str = &r.merchant_id,
        /// MerchantTradeNo.
        merchant_trade_no: Str = &r.merchant_trade_no,
        /// Every field received, in order.
        raw: StrMap = &r.raw,
    }
}

describe! {
    /// DoAction: a capture, refund, capture cancellation or abandonment was accepted.
    DO_ACTION_RESULT: DoActionResult as "DoActionResult" |r| {
        /// MerchantID.
        merchant_id: Str = &r.merchant_id,
        /// MerchantTradeNo.
        merchant_trade_no: Str = &r.merchant_trade_no,
        /// TradeNo.
        trade_no: Str = &r.trade_no,
        /// RtnCode (1).
        rtn_code: Int = r.rtn_code,
        /// RtnMsg.
        rtn_msg: Str = &r.rtn_msg,
        /// Every field received, in order.
        raw: StrMap = &r.raw,
    }
}

describe! {
    /// One capture or refund entry of a card payment (QueryTrade/V2 close_data).
    CLOSE_ENTRY: CloseEntry as "CloseEntry" |e| {
        /// status as sent, e.g. 要關帳, 已關帳, 要退款, 已退款.
        status: Str = e.status.as_str(),
        /// status by name: authorised, capture_pending, captured, refund_pending, refunded or unknown.
        status_name: Str in CREDIT_STATUS_NAME = e.status.name(),
        /// sno: the entry's serial number.
        sno: Str = &e.sno,
        /// amount of the entry.
        amount: OptInt = e.amount,
        /// datetime of the entry.
        datetime: Str = &e.datetime,
    }
}

describe! {
    /// QueryTrade/V2: a card payment's authorised, captured and refunded amounts.
    CREDIT_DETAIL: CreditDetail as "CreditDetail" |d| {
        /// TradeID.
        trade_id: Str = &d.trade_id,
        /// amount: the authorised amount.
        amount: OptInt = d.amount,
        /// clsamt: the captured amount, after refunds.
        clsamt: OptInt = d.clsamt,
        /// authtime as written by the gateway, e.g. 2016/5/12 下午 07:09:17.
        authtime: Str = &d.authtime,
        /// status as sent (a Chinese word such as 已授權, 要關帳, 已關帳, 要退款, 已退款).
        status: Str = d.status.as_str(),
        /// status by name: authorised, capture_pending, captured, refund_pending, refunded or unknown.
        status_name: Str in CREDIT_STATUS_NAME = d.status.name(),
        /// close_data: the capture and refund entries, oldest first.
        close_data: List(CLOSE_ENTRY) = &d.close_data,
        /// The JSON received.
        raw: Json = &d.raw,
    }
}
