//! `omg demo`: the whole product in a few seconds, with no setup and no network. It starts omg-sim
//! in-process and a small merchant receiver on loopback, then walks every flow a merchant builds
//! with the real `Client`, printing each step as it happens (✔ / ✘) and a summary. Exit 0 when
//! every step passed, 6 otherwise.
//!
//! - `report`: the step lines and the summary;
//! - `receiver`: the merchant's notification endpoint (verify, dedupe, `1|OK`);
//! - `payer`: the payer's browser, the simulator's control API, a stranger's POST;
//! - `card`, `recurring`, `codes`, `forgery`: the flows.

mod card;
mod codes;
mod forgery;
mod payer;
mod receiver;
mod recurring;
mod report;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use omg_core::client::{Client, ClientOptions};
use omg_core::order::{Order, Payment};
use omg_core::{generate_merchant_trade_no, Clock, Config, Credentials, Environment, Error, Result, SystemClock};
use omg_sim::{Sim, STAGE_CREDIT_CHECK_CODE};

use crate::exit;
use payer::Payer;
use receiver::Receiver;
use report::Report;

#[derive(clap::Args, Debug)]
pub struct DemoArgs {
    /// Where to write the BARCODE order's SVG (default: a new folder in the system temp dir).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// The simulator's clock for the client: requests carry a TimeStamp the simulator checks against
/// its own time, which the demo moves forward to run recurring charges.
struct SimTime(Arc<Sim>);

impl Clock for SimTime {
    fn now_unix(&self) -> i64 {
        self.0.clock.now_unix()
    }
}

/// What every flow uses: the merchant's client and receiver, the payer, where files go.
pub(crate) struct Demo {
    pub client: Client,
    pub credentials: Credentials,
    pub payer: Payer,
    pub receiver: Receiver,
    pub out_dir: PathBuf,
}

impl Demo {
    /// A fresh MerchantTradeNo.
    pub fn trade_no(&self) -> std::result::Result<String, String> {
        generate_merchant_trade_no("D", &SystemClock).map_err(|e| e.to_string())
    }

    /// An order whose notifications go to the receiver, with the extra paid info (gwsr, card
    /// digits, installments) a merchant wants for reconciliation.
    pub fn order(&self, no: &str, amount: i64, items: &str, payment: Payment) -> Order {
        let mut order = Order::new(no, amount, "omg demo", items, self.receiver.url("/return"), payment);
        order.need_extra_paid_info = Some(true);
        order
    }
}

pub fn run(args: &DemoArgs) -> Result<i32> {
    let started = Instant::now();
    let setup = |what: &str, e: std::io::Error| {
        Error::Transport(omg_core::TransportError {
            message: format!("cannot start the {what} on 127.0.0.1: {e}"),
            timeout: false,
            status: None,
            outcome_unknown: false,
            reconcile_with: None,
        })
    };
    // Without the daily auto-close: the demo captures and refunds at whatever time it is run,
    // and the gateway refuses DoAction from 20:15 to 20:30 Taiwan time while it closes.
    let config = omg_sim::Simulator::builder().daily_auto_close(false).into_config();
    let sim = omg_sim::spawn_blocking_sim(config).map_err(|e| setup("simulator", e))?;
    let credentials = Credentials::stage().with_credit_check_code(STAGE_CREDIT_CHECK_CODE);
    let receiver = Receiver::start(credentials.clone()).map_err(|e| setup("merchant receiver", e))?;
    let config =
        Config { credentials: credentials.clone(), environment: Environment::Custom(sim.base_url().to_string()) };
    let client = Client::new(config, ClientOptions::default())?.with_clock(Arc::new(SimTime(Arc::clone(sim.sim()))));
    let out_dir = match &args.out {
        Some(dir) => dir.clone(),
        None => std::env::temp_dir().join(format!("omg-demo-{}", std::process::id())),
    };
    let demo = Demo { client, credentials, payer: Payer::new(sim.base_url()), receiver, out_dir };

    outln!("omg demo: the whole product against an offline gateway, no setup, no network");
    outln!("  gateway (omg-sim, in-process)   {}", sim.base_url());
    outln!("  merchant notification receiver  {}", demo.receiver.base_url());
    outln!("  merchant                        {} (public stage merchant)", demo.credentials.merchant_id());

    let mut report = Report::default();
    let genuine = card::run(&demo, &mut report);
    recurring::run(&demo, &mut report);
    codes::run(&demo, &mut report);
    forgery::run(&demo, &mut report, genuine.as_ref());
    report.summary();
    outln!("({:.1} s)", started.elapsed().as_secs_f64());

    drop(demo);
    sim.shutdown();
    Ok(if report.failed() == 0 { exit::OK } else { exit::DEMO_FAILED })
}
