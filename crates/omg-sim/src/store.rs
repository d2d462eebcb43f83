//! The simulator's memory: every order it has seen, in process memory only. Nothing is written to
//! disk; a restart (or `POST /_sim/reset`) forgets everything, including which MerchantTradeNos
//! were used.

use std::collections::{HashMap, HashSet};

use omg_core::mac::HashMethod;
use omg_core::Fields;
use serde::Serialize;

use crate::card::CardPayment;
use crate::recurring::Schedule;
use crate::terms::OrderTerms;

/// Orders are unique per merchant: (MerchantID, MerchantTradeNo).
pub type OrderKey = (String, String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// The payment page was shown; the payer has not finished.
    AwaitingPayer,
    /// An ATM/CVS/BARCODE payment code was issued and waits to be paid.
    CodeIssued,
    Paid,
    Declined,
    /// The payer never paid in time (or the control API expired it).
    Expired,
    /// Still waiting for the payer 90 days after it was created: given up by the gateway
    /// (QueryTradeInfo's TradeStatus 10200095, "order cancelled").
    Abandoned,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CodeKind {
    Atm,
    Cvs,
    Barcode,
}

/// An ATM virtual account, CVS payment code or BARCODE triple.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IssuedCode {
    pub kind: CodeKind,
    pub bank_code: String,
    pub v_account: String,
    pub payment_no: String,
    pub barcodes: [String; 3],
    pub expire_at: i64,
    /// As the notification writes it: `yyyy/MM/dd` (ATM, BARCODE) or `yyyy/MM/dd HH:mm:ss` (CVS).
    pub expire_date: String,
}

impl IssuedCode {
    /// The value a payer quotes at the bank or the store: what `POST /_sim/pay-code` takes.
    pub fn payable_code(&self) -> &str {
        match self.kind {
            CodeKind::Atm => &self.v_account,
            CodeKind::Cvs => &self.payment_no,
            CodeKind::Barcode => &self.barcodes[1],
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SimOrder {
    pub terms: OrderTerms,
    /// The fields as received (CheckMacValue removed).
    #[serde(skip)]
    pub request: Fields,
    /// The hash the order was signed with (EncryptType 1 SHA-256, legacy 0 MD5): every
    /// notification about it is signed the same way.
    #[serde(skip)]
    pub hash: HashMethod,
    pub trade_no: String,
    pub created_at: i64,
    /// Taiwan time of creation, `yyyy/MM/dd HH:mm:ss` (TradeDate).
    pub trade_date: String,
    pub status: OrderStatus,
    /// The method the payer is using (`Credit`, `ATM`, ...); None while an `ALL` page waits for a choice.
    pub method: Option<String>,
    pub payment_type: Option<String>,
    /// The bank (ATM) or store chain (CVS, BARCODE) of the payment code: ChooseSubPayment, or
    /// what the payer picked on the page; None until then (no code can be issued before).
    pub sub_payment: Option<String>,
    pub payment_date: Option<String>,
    /// Unix seconds of the payment, for settlement (HandlingCharge).
    pub paid_at: Option<i64>,
    pub simulate_paid: bool,
    /// The installment count the payer picked.
    pub installments: Option<u32>,
    pub code: Option<IssuedCode>,
    pub card: Option<CardPayment>,
    pub schedule: Option<Schedule>,
    /// For ATM/CVS payments: the payer's bank and masked account, or the store.
    pub paid_from: Option<(String, String)>,
}

#[derive(Default)]
pub struct Store {
    orders: HashMap<OrderKey, SimOrder>,
    by_trade_no: HashMap<String, OrderKey>,
    by_gwsr: HashMap<String, OrderKey>,
    by_code: HashMap<String, OrderKey>,
    /// Orders that may have work falling due (a code to expire, a capture or refund to settle,
    /// a schedule to charge, an order or authorisation to abandon): the only ones the clock tick
    /// looks at.
    active: HashSet<OrderKey>,
    /// (PlatformID, MerchantTradeNo) of every order placed under a platform: the number is unique
    /// across all the platform's merchants.
    platform_trade_nos: HashSet<(String, String)>,
    seq: u64,
}

impl Store {
    /// A new number, unique for this simulator's life.
    pub fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    pub fn contains(&self, key: &OrderKey) -> bool {
        self.orders.contains_key(key)
    }

    /// True when a merchant of platform `platform_id` already used `merchant_trade_no`.
    pub fn platform_has_trade_no(&self, platform_id: &str, merchant_trade_no: &str) -> bool {
        self.platform_trade_nos.contains(&(platform_id.to_string(), merchant_trade_no.to_string()))
    }

    pub fn insert(&mut self, order: SimOrder) {
        let key = (order.terms.merchant_id.clone(), order.terms.merchant_trade_no.clone());
        if !order.terms.platform_id.is_empty() {
            self.platform_trade_nos.insert((order.terms.platform_id.clone(), order.terms.merchant_trade_no.clone()));
        }
        self.by_trade_no.insert(order.trade_no.clone(), key.clone());
        self.index(&key, &order);
        self.orders.insert(key, order);
    }

    /// Indexes the card serial and payment code of an order (after they are assigned) and marks
    /// it for the clock tick. Call after any change that may create due work.
    pub fn reindex(&mut self, key: &OrderKey) {
        if let Some(order) = self.orders.get(key).cloned() {
            self.index(key, &order);
        }
    }

    fn index(&mut self, key: &OrderKey, order: &SimOrder) {
        if let Some(card) = &order.card {
            self.by_gwsr.insert(card.gwsr.clone(), key.clone());
        }
        if let Some(code) = &order.code {
            self.by_code.insert(code.payable_code().to_string(), key.clone());
        }
        let awaiting_payer = order.status == OrderStatus::AwaitingPayer;
        if awaiting_payer || order.code.is_some() || order.card.is_some() || order.schedule.is_some() {
            self.active.insert(key.clone());
        }
    }

    /// The orders the clock tick must look at.
    pub fn active_keys(&self) -> Vec<OrderKey> {
        self.active.iter().cloned().collect()
    }

    /// Takes an order off the tick's list until `reindex` puts it back.
    pub fn deactivate(&mut self, key: &OrderKey) {
        self.active.remove(key);
    }

    pub fn get(&self, merchant_id: &str, merchant_trade_no: &str) -> Option<&SimOrder> {
        self.orders.get(&(merchant_id.to_string(), merchant_trade_no.to_string()))
    }

    pub fn get_mut(&mut self, key: &OrderKey) -> Option<&mut SimOrder> {
        self.orders.get_mut(key)
    }

    pub fn key_by_trade_no(&self, trade_no: &str) -> Option<OrderKey> {
        self.by_trade_no.get(trade_no).cloned()
    }

    pub fn key_by_gwsr(&self, gwsr: &str) -> Option<OrderKey> {
        self.by_gwsr.get(gwsr).cloned()
    }

    pub fn key_by_code(&self, code: &str) -> Option<OrderKey> {
        self.by_code.get(code).cloned()
    }

    /// The key of the only order with this MerchantTradeNo, when exactly one merchant has one
    /// (the control API lets tests omit the MerchantID).
    pub fn key_by_trade_no_any_merchant(&self, merchant_trade_no: &str) -> Option<OrderKey> {
        let mut keys = self.orders.keys().filter(|(_, no)| no == merchant_trade_no);
        match (keys.next(), keys.next()) {
            (Some(key), None) => Some(key.clone()),
            _ => None,
        }
    }

    pub fn keys(&self) -> Vec<OrderKey> {
        self.orders.keys().cloned().collect()
    }

    pub fn orders(&self) -> impl Iterator<Item = &SimOrder> {
        self.orders.values()
    }

    pub fn len(&self) -> usize {
        self.orders.len()
    }

    pub fn is_empty(&self) -> bool {
        self.orders.is_empty()
    }
}
