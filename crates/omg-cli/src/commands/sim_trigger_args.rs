//! What `omg sim trigger` is given: its command line (TriggerArgs) and the events it can make
//! happen (Event). Read by sim_trigger.rs, which runs them, and sim_scenarios.rs, which runs the
//! scenarios among them.

use clap::ValueEnum;

use super::sim_api::Target;
use crate::keys::KeyArgs;

#[derive(clap::Args, Debug, Clone)]
pub struct TriggerArgs {
    /// A scenario (creates its own order) or an event on the order named next; --list lists them.
    #[arg(value_enum, required_unless_present = "list")]
    pub event: Option<Event>,
    /// The MerchantTradeNo of an existing order (events; a scenario creates its own).
    pub order: Option<String>,
    /// List the scenarios and events.
    #[arg(long)]
    pub list: bool,
    /// Scenarios: the order's ReturnURL, where your app receives the payment result.
    #[arg(long, value_name = "URL")]
    pub return_url: Option<String>,
    /// Scenarios: the PaymentInfoURL told of an issued ATM/CVS/BARCODE code (default: none, not sent).
    #[arg(long, value_name = "URL")]
    pub payment_info_url: Option<String>,
    /// recurring: the PeriodReturnURL told of each charge from the 2nd on (default: none, not sent).
    #[arg(long, value_name = "URL")]
    pub period_return_url: Option<String>,
    /// Scenarios: TotalAmount (default 1200; recurring: the amount of each charge).
    #[arg(long)]
    pub amount: Option<i64>,
    /// Scenarios: the order's ChoosePayment (ALL: the payer picks the scenario's method on the
    /// page; code-expired: ATM, CVS or BARCODE; simulate-paid: any). Events choose / pay /
    /// decline: the method the payer picks for an ALL order.
    #[arg(long)]
    pub method: Option<String>,
    /// The bank (ATM: FIRST, CHINATRUST, ...) or store chain (CVS: CVS, FAMILY, IBON) the payer
    /// picks for a code order (default: the first).
    #[arg(long)]
    pub sub_payment: Option<String>,
    /// card-paid / pay: the number of installments the payer picks (card-paid: the order offers it).
    #[arg(long)]
    pub installments: Option<u32>,
    /// pay-code: the ATM account, CVS code or Barcode2 the payer pays.
    #[arg(long)]
    pub code: Option<String>,
    /// fail-charges: how many of the next recurring charges fail.
    #[arg(long, default_value_t = 1)]
    pub count: u32,
    /// recurring: how many period charges succeed after the first (the clock moves a day for each).
    #[arg(long, default_value_t = 2)]
    pub periods: u32,
    /// recurring: how many charges fail after them (in QueryCreditCardPeriodInfo's ExecLog; the
    /// gateway posts only successful charges).
    #[arg(long, default_value_t = 1)]
    pub failed: u32,
    /// Scenarios: the merchant whose keys sign the order (default: OMG_MERCHANT_ID, ..., else the
    /// public stage merchant). omg-sim must know it (omg sim --merchant ID:KEY:IV).
    #[command(flatten)]
    pub keys: KeyArgs,
    #[command(flatten)]
    pub target: Target,
}

/// What `omg sim trigger` can make happen. The first eight are scenarios: they create their own
/// signed order (simulate-paid too, when no order is named).
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A card order, paid: ReturnURL with RtnCode 1.
    CardPaid,
    /// A card order, declined: ReturnURL with RtnCode 0.
    CardDeclined,
    /// An ATM order: the payer picks a bank, the virtual account is issued (PaymentInfoURL, RtnCode
    /// 2), then paid (ReturnURL, RtnCode 1).
    AtmIssuedThenPaid,
    /// A CVS order: a store code issued (PaymentInfoURL, RtnCode 10100073), then paid (ReturnURL).
    CvsIssuedThenPaid,
    /// A BARCODE order: three barcodes issued (PaymentInfoURL, RtnCode 10100073), then paid (ReturnURL).
    BarcodeIssuedThenPaid,
    /// An ATM (or --method CVS/BARCODE) code issued (PaymentInfoURL), then expired unpaid.
    CodeExpired,
    /// A recurring card order: the first charge (ReturnURL), --periods charges a day apart
    /// (PeriodReturnURL), then --failed failed ones (only in QueryCreditCardPeriodInfo).
    Recurring,
    /// The back office's "simulate paid": ReturnURL with SimulatePaid=1 (of the named order, or a new one).
    SimulatePaid,
    /// The payer picks on the payment page of order NO: a method for an ALL order, the bank or store
    /// of an ATM/CVS/BARCODE order (its code is issued then).
    Choose,
    /// The payer pays order NO (a card is authorised; a code order's code is paid, issued first
    /// with the default bank or store if the payer had not picked one).
    Pay,
    /// The payer's card is declined (order NO).
    Decline,
    /// An issued ATM/CVS/BARCODE code is paid (order NO, or --code).
    PayCode,
    /// An issued code of order NO expires unpaid.
    Expire,
    /// The next --count recurring charges of order NO fail.
    FailCharges,
}

impl Event {
    /// True for the scenarios, which create their own order (simulate-paid: when none is named).
    pub fn creates_order(self, order: Option<&str>) -> bool {
        match self {
            Event::SimulatePaid => order.is_none(),
            Event::Choose | Event::Pay | Event::Decline | Event::PayCode | Event::Expire | Event::FailCharges => false,
            _ => true,
        }
    }

    pub fn name(self) -> String {
        self.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
    }

    pub fn help(self) -> String {
        self.to_possible_value().and_then(|v| v.get_help().map(|h| h.to_string())).unwrap_or_default()
    }
}
