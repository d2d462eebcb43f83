//! `omg checkout`: an AioCheckOut/V5 order given by flags, signed. Prints the action URL and the
//! signed fields, or with `--html` the auto-submitting HTML form a browser would load. No network.
//!
//! The typed flags build an `Order`; `--field K=V` then sets any wire field (known or not), and
//! the result is read back with `Order::from_fields` so every field goes through the same
//! validation — in production too, where the stage keys and http callbacks are refused.

use clap::ValueEnum;
use omg_core::order::{
    join_items, AllMethods, Atm, AtmBank, Barcode, Credit, CreditInstallments, CreditRecurring, Cvs, CvsStore, Method,
    PeriodType, UnionPay,
};
use omg_core::rules;
use omg_core::{generate_merchant_trade_no, Error, FieldError, Order, Payment, Result, SystemClock};
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

#[derive(clap::Args, Debug)]
pub struct CheckoutArgs {
    /// Payment method.
    #[arg(long, value_enum, default_value_t = MethodArg::Credit)]
    pub method: MethodArg,
    /// TotalAmount (whole NTD).
    #[arg(long)]
    pub amount: Option<i64>,
    /// An item name (repeat for several; joined with #).
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

    /// credit: remember the card for --member-id (BindingCard=1).
    #[arg(long)]
    pub binding_card: bool,
    /// credit: MerchantMemberID.
    #[arg(long)]
    pub member_id: Option<String>,
    /// credit: UnionPay 0 (payer chooses), 1 (UnionPay only), 2 (hidden).
    #[arg(long, value_name = "0|1|2")]
    pub union_pay: Option<String>,
    /// installments: the choices offered, comma-separated (3,6,12,18,24,30).
    #[arg(long, value_name = "N,N,...")]
    pub installments: Option<String>,
    /// recurring: PeriodType D, M or Y.
    #[arg(long, value_name = "D|M|Y")]
    pub period_type: Option<String>,
    /// recurring: Frequency (every N units).
    #[arg(long)]
    pub frequency: Option<i64>,
    /// recurring: ExecTimes (charges in all).
    #[arg(long)]
    pub exec_times: Option<i64>,
    /// recurring: PeriodReturnURL.
    #[arg(long)]
    pub period_return_url: Option<String>,
    /// atm: ExpireDate in days; barcode: StoreExpireDate in days.
    #[arg(long)]
    pub expire_days: Option<i64>,
    /// atm: ExpireMinute; cvs: StoreExpireDate in minutes.
    #[arg(long)]
    pub expire_minutes: Option<i64>,
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

    /// Any wire field, K=V (repeatable); set after the flags above, so it wins.
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
    let order = build_order(args, client.config().credentials.merchant_id())?;
    let checkout = client.checkout(&order)?;
    if args.gateway.json && !args.html {
        let warnings = warnings_json(&checkout.warnings);
        println!(
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
        print!("{}", checkout.html());
    } else {
        print!("POST {}\n{}", checkout.action_url, fields_text(&checkout.fields));
    }
    Ok(())
}

/// Checkout warnings as `[{field, rule, message}]`, the FieldError shape of every binding.
fn warnings_json(warnings: &[FieldError]) -> serde_json::Value {
    warnings.iter().map(|w| json!({"field": w.field, "rule": w.rule, "message": w.message})).collect()
}

/// The order the flags describe, `--field`s applied, read back through the wire form.
pub fn build_order(args: &CheckoutArgs, merchant_id: &str) -> Result<Order> {
    let mut errors = Vec::new();
    let payment = payment(args, &mut errors);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let trade_no = match &args.trade_no {
        Some(no) => no.clone(),
        None => generate_merchant_trade_no("C", &SystemClock)?,
    };
    let mut order = Order::new(
        trade_no,
        args.amount.unwrap_or(0),
        args.desc.clone().unwrap_or_default(),
        join_items(&args.items),
        args.return_url.clone().unwrap_or_default(),
        payment,
    );
    order.order_result_url = args.order_result_url.clone();
    order.client_back_url = args.client_back_url.clone();
    let mut fields = order.to_fields(merchant_id);
    for field in &args.fields {
        let (key, value) = field
            .split_once('=')
            .ok_or_else(|| Error::invalid("--field", rules::FORMAT, format!("expected K=V, got {field:?}")))?;
        fields.set(key.trim(), value);
    }
    Order::from_fields(&fields)
}

/// The flags that belong to one method, and the methods each applies to.
fn check_applies(errors: &mut Vec<FieldError>, flag: &str, given: bool, method: MethodArg, allowed: &[MethodArg]) {
    if given && !allowed.contains(&method) {
        errors.push(FieldError::new(
            flag,
            rules::NOT_ALLOWED,
            format!("{flag} does not apply to --method {method:?}").to_lowercase(),
        ));
    }
}

fn choice<T: Copy>(
    errors: &mut Vec<FieldError>,
    flag: &str,
    value: &Option<String>,
    all: &[T],
    wire: fn(T) -> &'static str,
) -> Option<T> {
    let value = value.as_deref()?;
    let found = all.iter().copied().find(|v| wire(*v) == value);
    if found.is_none() {
        let listing: Vec<&str> = all.iter().map(|v| wire(*v)).collect();
        errors.push(FieldError::new(
            flag,
            rules::ONE_OF,
            format!("{flag} must be one of {}, not {value:?}", listing.join(", ")),
        ));
    }
    found
}

fn payment(args: &CheckoutArgs, errors: &mut Vec<FieldError>) -> Payment {
    use MethodArg as M;
    let m = args.method;
    check_applies(errors, "--binding-card", args.binding_card, m, &[M::Credit]);
    check_applies(errors, "--member-id", args.member_id.is_some(), m, &[M::Credit]);
    check_applies(errors, "--union-pay", args.union_pay.is_some(), m, &[M::Credit]);
    check_applies(errors, "--installments", args.installments.is_some(), m, &[M::Installments]);
    for (flag, given) in [
        ("--period-type", args.period_type.is_some()),
        ("--frequency", args.frequency.is_some()),
        ("--exec-times", args.exec_times.is_some()),
        ("--period-return-url", args.period_return_url.is_some()),
    ] {
        check_applies(errors, flag, given, m, &[M::Recurring]);
    }
    check_applies(errors, "--expire-days", args.expire_days.is_some(), m, &[M::Atm, M::Barcode]);
    check_applies(errors, "--expire-minutes", args.expire_minutes.is_some(), m, &[M::Atm, M::Cvs]);
    check_applies(errors, "--bank", args.bank.is_some(), m, &[M::Atm]);
    check_applies(errors, "--store", args.store.is_some(), m, &[M::Cvs]);
    let code_methods = [M::Atm, M::Cvs, M::Barcode, M::All];
    check_applies(errors, "--payment-info-url", args.payment_info_url.is_some(), m, &code_methods);
    check_applies(errors, "--client-redirect-url", args.client_redirect_url.is_some(), m, &code_methods);
    check_applies(errors, "--ignore-payment", args.ignore_payment.is_some(), m, &[M::All]);

    match m {
        M::Credit => Payment::Credit(Credit {
            binding_card: args.binding_card.then_some(true),
            merchant_member_id: args.member_id.clone(),
            union_pay: choice(errors, "--union-pay", &args.union_pay, UnionPay::ALL, UnionPay::as_wire),
        }),
        M::Installments => {
            let mut installments = Vec::new();
            for part in args.installments.as_deref().unwrap_or("").split(',').map(str::trim).filter(|p| !p.is_empty()) {
                match part.parse() {
                    Ok(n) => installments.push(n),
                    Err(_) => errors.push(FieldError::new(
                        "--installments",
                        rules::FORMAT,
                        format!("{part:?} is not a number"),
                    )),
                }
            }
            Payment::CreditInstallments(CreditInstallments { binding: Default::default(), installments })
        }
        M::Recurring => Payment::CreditRecurring(CreditRecurring {
            binding: Default::default(),
            period_amount: args.amount.unwrap_or(0),
            period_type: choice(errors, "--period-type", &args.period_type, PeriodType::ALL, PeriodType::as_wire)
                .unwrap_or(PeriodType::Month),
            frequency: args.frequency.unwrap_or(1),
            exec_times: args.exec_times.unwrap_or(2),
            period_return_url: args.period_return_url.clone(),
        }),
        M::Atm => Payment::Atm(Atm {
            expire_days: args.expire_days,
            expire_minutes: args.expire_minutes,
            bank: choice(errors, "--bank", &args.bank, AtmBank::ALL, AtmBank::as_wire),
            payment_info_url: args.payment_info_url.clone(),
            client_redirect_url: args.client_redirect_url.clone(),
        }),
        M::Cvs => Payment::Cvs(Cvs {
            expire_minutes: args.expire_minutes,
            store: choice(errors, "--store", &args.store, CvsStore::ALL, CvsStore::as_wire),
            payment_info_url: args.payment_info_url.clone(),
            client_redirect_url: args.client_redirect_url.clone(),
            ..Cvs::default()
        }),
        M::Barcode => Payment::Barcode(Barcode {
            expire_days: args.expire_days,
            payment_info_url: args.payment_info_url.clone(),
            client_redirect_url: args.client_redirect_url.clone(),
            ..Barcode::default()
        }),
        M::Aftee => Payment::Aftee,
        M::All => {
            let mut ignore_payment = Vec::new();
            for name in
                args.ignore_payment.as_deref().unwrap_or("").split(['#', ',']).map(str::trim).filter(|p| !p.is_empty())
            {
                match Method::from_wire(name) {
                    Some(method) => ignore_payment.push(method),
                    None => errors.push(FieldError::new(
                        "--ignore-payment",
                        rules::ONE_OF,
                        format!("{name:?} is not a method (Credit, ATM, CVS, BARCODE, AFTEE)"),
                    )),
                }
            }
            Payment::All(AllMethods {
                ignore_payment,
                payment_info_url: args.payment_info_url.clone(),
                client_redirect_url: args.client_redirect_url.clone(),
                ..AllMethods::default()
            })
        }
    }
}
