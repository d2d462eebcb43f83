//! `omg checkout`: an AioCheckOut/V5 order given by flags, signed. Prints the action URL and the
//! signed fields, or with `--html` the auto-submitting HTML form a browser would load. No network.
//!
//! The flags become named values, `--field K=V` replaces or adds to them, and the order is built by
//! `Order::from_named_values`, the constructor every language binding uses: the same input gets
//! the same answer here as in Python, Node, PHP and C# (an item holding `#` is refused, rule
//! `separator`; a bad UnionPay is `one_of` on UnionPay; ...). In production the stage keys and
//! http callbacks are refused too.

use clap::ValueEnum;
use omg_core::order::aliases::wire_name;
use omg_core::order::values::Value;
use omg_core::rules;
use omg_core::{generate_merchant_trade_no, Error, FieldError, Order, Result, SystemClock};
use serde_json::json;

use crate::gateway_args::GatewayArgs;
use crate::output::{fields_json, fields_text};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// One-time credit card payment.
    Credit,
    /// Credit card in installments (--installments).
    Installments,
    /// Recurring credit card charge (--period-type, --frequency, --exec-times).
    Recurring,
    /// ATM virtual account.
    Atm,
    /// Convenience-store payment code.
    Cvs,
    /// Three barcodes paid at a store counter.
    Barcode,
    /// Buy now, pay later.
    Aftee,
    /// The payer chooses on the gateway's page.
    All,
}

impl MethodArg {
    /// ChoosePayment on the wire.
    fn choose_payment(self) -> &'static str {
        match self {
            MethodArg::Credit | MethodArg::Installments | MethodArg::Recurring => "Credit",
            MethodArg::Atm => "ATM",
            MethodArg::Cvs => "CVS",
            MethodArg::Barcode => "BARCODE",
            MethodArg::Aftee => "AFTEE",
            MethodArg::All => "ALL",
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct CheckoutArgs {
    /// Payment method.
    #[arg(long, value_enum, default_value_t = MethodArg::Credit)]
    pub method: MethodArg,
    /// TotalAmount (whole NTD).
    #[arg(long)]
    pub amount: Option<i64>,
    /// An item name (repeat for several; joined with #, so a name may not hold #).
    #[arg(long = "item", value_name = "NAME")]
    pub items: Vec<String>,
    /// TradeDesc.
    #[arg(long)]
    pub desc: Option<String>,
    /// ReturnURL: the server URL told of the payment result.
    #[arg(long)]
    pub return_url: Option<String>,
    /// MerchantTradeNo (default: a fresh one).
    #[arg(long)]
    pub trade_no: Option<String>,
    /// OrderResultURL: where the payer's browser is sent with the result.
    #[arg(long)]
    pub order_result_url: Option<String>,
    /// ClientBackURL: the "back to the shop" link.
    #[arg(long)]
    pub client_back_url: Option<String>,
    /// StoreID.
    #[arg(long)]
    pub store_id: Option<String>,
    /// ItemURL.
    #[arg(long)]
    pub item_url: Option<String>,
    /// Remark.
    #[arg(long)]
    pub remark: Option<String>,
    /// Language of the payment page: ENG, KOR, JPN, CHI.
    #[arg(long)]
    pub language: Option<String>,
    /// NeedExtraPaidInfo=Y: card and bank details in the payment result.
    #[arg(long)]
    pub need_extra_paid_info: bool,
    /// CustomFieldN, N=TEXT with N 1-4 (repeatable).
    #[arg(long = "custom-field", value_name = "N=TEXT")]
    pub custom_fields: Vec<String>,

    /// credit/installments/recurring/all: remember the card for --member-id (BindingCard=1).
    #[arg(long)]
    pub binding_card: bool,
    /// credit/installments/recurring/all: MerchantMemberID.
    #[arg(long)]
    pub member_id: Option<String>,
    /// credit: UnionPay 0 (payer chooses), 1 (UnionPay only), 2 (hidden).
    #[arg(long, value_name = "0|1|2")]
    pub union_pay: Option<String>,
    /// installments: the choices offered, comma-separated (3,6,12,18,24,30).
    #[arg(long, value_name = "N,N,...")]
    pub installments: Option<String>,
    /// recurring: PeriodType D, M or Y (default M).
    #[arg(long, value_name = "D|M|Y")]
    pub period_type: Option<String>,
    /// recurring: Frequency, every N units (default 1).
    #[arg(long)]
    pub frequency: Option<i64>,
    /// recurring: ExecTimes, charges in all (default 2).
    #[arg(long)]
    pub exec_times: Option<i64>,
    /// recurring: PeriodReturnURL.
    #[arg(long)]
    pub period_return_url: Option<String>,
    /// atm/all: ExpireDate in days; barcode: StoreExpireDate in days.
    #[arg(long)]
    pub expire_days: Option<i64>,
    /// atm: ExpireMinute; cvs/all: StoreExpireDate in minutes (the CVS expiry).
    #[arg(long)]
    pub expire_minutes: Option<i64>,
    /// cvs/barcode/all: StoreExpireDate as the method counts it (CVS and ALL minutes, BARCODE days).
    #[arg(long, value_name = "N")]
    pub store_expire: Option<i64>,
    /// cvs/barcode/all: Desc_1, the first line shown at the store.
    #[arg(long = "desc-1", value_name = "TEXT")]
    pub desc_1: Option<String>,
    /// cvs/barcode/all: Desc_2.
    #[arg(long = "desc-2", value_name = "TEXT")]
    pub desc_2: Option<String>,
    /// cvs/barcode/all: Desc_3.
    #[arg(long = "desc-3", value_name = "TEXT")]
    pub desc_3: Option<String>,
    /// cvs/barcode/all: Desc_4.
    #[arg(long = "desc-4", value_name = "TEXT")]
    pub desc_4: Option<String>,
    /// atm: the bank (FIRST, CHINATRUST, UBOT, KGI, TAISHIN).
    #[arg(long)]
    pub bank: Option<String>,
    /// cvs: the store chain (CVS, FAMILY, IBON).
    #[arg(long)]
    pub store: Option<String>,
    /// atm/cvs/barcode/all: PaymentInfoURL, told of the payment code.
    #[arg(long)]
    pub payment_info_url: Option<String>,
    /// atm/cvs/barcode/all: ClientRedirectURL.
    #[arg(long)]
    pub client_redirect_url: Option<String>,
    /// all: methods not to offer, #- or comma-separated (Credit, ATM, CVS, BARCODE, AFTEE).
    #[arg(long)]
    pub ignore_payment: Option<String>,

    /// Any wire field, K=V (repeatable); replaces what a flag above set for the same field. A
    /// name the SDK does not know is sent as an extra field.
    #[arg(long = "field", value_name = "K=V")]
    pub fields: Vec<String>,
    /// Print the auto-submitting HTML form instead of the fields.
    #[arg(long)]
    pub html: bool,
    #[command(flatten)]
    pub gateway: GatewayArgs,
}

pub fn run(args: &CheckoutArgs) -> Result<()> {
    let client = args.gateway.client()?;
    let order = build_order(args)?;
    let checkout = client.checkout(&order)?;
    if args.gateway.json && !args.html {
        let warnings = warnings_json(&checkout.warnings);
        outln!(
            "{}",
            json!({"action_url": checkout.action_url, "fields": fields_json(&checkout.fields), "warnings": warnings})
        );
        return Ok(());
    }
    // On stderr: stdout stays the page or the fields, for whatever reads them.
    for warning in &checkout.warnings {
        eprintln!("omg: warning: {}: {} ({})", warning.field, warning.message, warning.rule);
    }
    if args.html {
        out!("{}", checkout.html());
    } else {
        out!("POST {}\n{}", checkout.action_url, fields_text(&checkout.fields));
    }
    Ok(())
}

/// Checkout warnings as `[{field, rule, message}]`, the FieldError shape of every binding.
fn warnings_json(warnings: &[FieldError]) -> serde_json::Value {
    warnings.iter().map(|w| json!({"field": w.field, "rule": w.rule, "message": w.message})).collect()
}

/// The order the flags describe, `--field`s applied, built by `Order::from_named_values` (every
/// flag misplaced and every field refused, reported at once).
pub fn build_order(args: &CheckoutArgs) -> Result<Order> {
    let mut errors = misplaced_flags(args);
    let mut named = NamedValues::default();
    let trade_no = match &args.trade_no {
        Some(no) => no.clone(),
        None => generate_merchant_trade_no("C", &SystemClock)?,
    };
    named.text("MerchantTradeNo", Some(trade_no));
    named.number("TotalAmount", args.amount);
    if !args.items.is_empty() {
        // A list, as the bindings hand it over: an item holding `#` is refused, not split.
        named.push("ItemName", Value::List(args.items.iter().cloned().map(Value::Text).collect()));
    }
    named.text("TradeDesc", args.desc.clone());
    named.text("ReturnURL", args.return_url.clone());
    named.text("ChoosePayment", Some(args.method.choose_payment().to_string()));
    named.text("OrderResultURL", args.order_result_url.clone());
    named.text("ClientBackURL", args.client_back_url.clone());
    named.text("StoreID", args.store_id.clone());
    named.text("ItemURL", args.item_url.clone());
    named.text("Remark", args.remark.clone());
    named.text("Language", args.language.clone());
    if args.need_extra_paid_info {
        named.push("NeedExtraPaidInfo", Value::Flag(true));
    }
    for spec in &args.custom_fields {
        match spec.split_once('=').filter(|(n, _)| matches!(n.trim(), "1" | "2" | "3" | "4")) {
            Some((n, text)) => named.text(&format!("CustomField{}", n.trim()), Some(text.to_string())),
            None => errors.push(FieldError::new(
                "--custom-field",
                rules::FORMAT,
                format!("expected N=TEXT with N 1-4, got {spec:?}"),
            )),
        }
    }
    method_values(args, &mut named);

    let mut extra = Vec::new();
    for field in &args.fields {
        let Some((key, value)) = field.split_once('=') else {
            errors.push(FieldError::new("--field", rules::FORMAT, format!("expected K=V, got {field:?}")));
            continue;
        };
        let key = key.trim();
        match wire_name(key) {
            Some(wire) => {
                named.remove(wire);
                named.push(wire, Value::Text(value.to_string()));
            }
            None => extra.push((key.to_string(), value.to_string())),
        }
    }
    match Order::from_named_values(named.values, extra) {
        Ok(order) if errors.is_empty() => Ok(order),
        Ok(_) => Err(Error::Validation(errors)),
        Err(Error::Validation(more)) => {
            errors.extend(more);
            Err(Error::Validation(errors))
        }
        Err(other) => Err(other),
    }
}

/// Named values by wire name, in the order given.
#[derive(Default)]
struct NamedValues {
    values: Vec<(String, Value)>,
}

impl NamedValues {
    fn push(&mut self, wire: &str, value: Value) {
        self.values.push((wire.to_string(), value));
    }

    fn text(&mut self, wire: &str, value: Option<String>) {
        if let Some(value) = value {
            self.push(wire, Value::Text(value));
        }
    }

    fn number(&mut self, wire: &str, value: Option<i64>) {
        if let Some(value) = value {
            self.push(wire, Value::Number(value));
        }
    }

    /// A comma- (or `#`-) separated flag as a list, each part trimmed, for the core to join and check.
    fn list(&mut self, wire: &str, value: Option<&str>, separators: &[char]) {
        if let Some(value) = value {
            let parts = value.split(separators).map(|p| Value::Text(p.trim().to_string())).collect();
            self.push(wire, Value::List(parts));
        }
    }

    fn remove(&mut self, wire: &str) {
        self.values.retain(|(name, _)| name != wire);
    }
}

/// The wire fields of the method's flags. Which flag goes with which method is checked by
/// [`misplaced_flags`]; what the values must be is the core's to say.
fn method_values(args: &CheckoutArgs, named: &mut NamedValues) {
    use MethodArg as M;
    let m = args.method;
    if matches!(m, M::Credit | M::Installments | M::Recurring | M::All) {
        if args.binding_card {
            named.push("BindingCard", Value::Flag(true));
        }
        named.text("MerchantMemberID", args.member_id.clone());
    }
    if m == M::Credit {
        named.text("UnionPay", args.union_pay.clone());
    }
    if m == M::Installments {
        named.list("CreditInstallment", args.installments.as_deref(), &[',']);
    }
    if m == M::Recurring {
        named.number("PeriodAmount", args.amount);
        named.text("PeriodType", Some(args.period_type.clone().unwrap_or_else(|| "M".into())));
        named.number("Frequency", Some(args.frequency.unwrap_or(1)));
        named.number("ExecTimes", Some(args.exec_times.unwrap_or(2)));
        named.text("PeriodReturnURL", args.period_return_url.clone());
    }
    match m {
        M::Atm => {
            named.number("ExpireDate", args.expire_days);
            named.number("ExpireMinute", args.expire_minutes);
            named.text("ChooseSubPayment", args.bank.clone());
        }
        M::Cvs => {
            named.number("StoreExpireDate", args.expire_minutes);
            named.text("ChooseSubPayment", args.store.clone());
        }
        M::Barcode => named.number("StoreExpireDate", args.expire_days),
        M::All => {
            // With ALL, ExpireDate is the ATM expiry in days and StoreExpireDate the CVS expiry in
            // minutes (protocol.md §4).
            named.number("ExpireDate", args.expire_days);
            named.number("StoreExpireDate", args.expire_minutes);
            named.list("IgnorePayment", args.ignore_payment.as_deref(), &['#', ',']);
        }
        _ => {}
    }
    if matches!(m, M::Cvs | M::Barcode | M::All) {
        // Given beside --expire-minutes/--expire-days, the core reports StoreExpireDate twice.
        named.number("StoreExpireDate", args.store_expire);
        for (wire, value) in
            [("Desc_1", &args.desc_1), ("Desc_2", &args.desc_2), ("Desc_3", &args.desc_3), ("Desc_4", &args.desc_4)]
        {
            named.text(wire, value.clone());
        }
    }
    if matches!(m, M::Atm | M::Cvs | M::Barcode | M::All) {
        named.text("PaymentInfoURL", args.payment_info_url.clone());
        named.text("ClientRedirectURL", args.client_redirect_url.clone());
    }
}

/// A flag given with a method it does not apply to (`--installments` with `--method atm`): rule
/// `not_allowed`, naming the flag; `--method installments` without `--installments`: `required`.
fn misplaced_flags(args: &CheckoutArgs) -> Vec<FieldError> {
    use MethodArg as M;
    let card = [M::Credit, M::Installments, M::Recurring, M::All];
    let store_code = [M::Cvs, M::Barcode, M::All];
    let code = [M::Atm, M::Cvs, M::Barcode, M::All];
    let flags: [(&str, bool, &[MethodArg]); 20] = [
        ("--binding-card", args.binding_card, &card),
        ("--member-id", args.member_id.is_some(), &card),
        ("--union-pay", args.union_pay.is_some(), &[M::Credit]),
        ("--installments", args.installments.is_some(), &[M::Installments]),
        ("--period-type", args.period_type.is_some(), &[M::Recurring]),
        ("--frequency", args.frequency.is_some(), &[M::Recurring]),
        ("--exec-times", args.exec_times.is_some(), &[M::Recurring]),
        ("--period-return-url", args.period_return_url.is_some(), &[M::Recurring]),
        ("--expire-days", args.expire_days.is_some(), &[M::Atm, M::Barcode, M::All]),
        ("--expire-minutes", args.expire_minutes.is_some(), &[M::Atm, M::Cvs, M::All]),
        ("--store-expire", args.store_expire.is_some(), &store_code),
        ("--desc-1", args.desc_1.is_some(), &store_code),
        ("--desc-2", args.desc_2.is_some(), &store_code),
        ("--desc-3", args.desc_3.is_some(), &store_code),
        ("--desc-4", args.desc_4.is_some(), &store_code),
        ("--bank", args.bank.is_some(), &[M::Atm]),
        ("--store", args.store.is_some(), &[M::Cvs]),
        ("--payment-info-url", args.payment_info_url.is_some(), &code),
        ("--client-redirect-url", args.client_redirect_url.is_some(), &code),
        ("--ignore-payment", args.ignore_payment.is_some(), &[M::All]),
    ];
    let mut errors: Vec<FieldError> = flags
        .iter()
        .filter(|(_, given, allowed)| *given && !allowed.contains(&args.method))
        .map(|(flag, _, _)| {
            FieldError::new(
                *flag,
                rules::NOT_ALLOWED,
                format!("{flag} does not apply to --method {:?}", args.method).to_lowercase(),
            )
        })
        .collect();
    // Without CreditInstallment the order would be a one-time payment: say what is missing.
    if args.method == M::Installments && args.installments.is_none() {
        errors.push(FieldError::new(
            "--installments",
            rules::REQUIRED,
            "--method installments needs --installments (e.g. 3,6,12)",
        ));
    }
    errors
}
