//! `omg`: the OMG payment SDK on the command line. See docs/cli.md.

// First: its `outln!` / `out!` macros are used by every command.
#[macro_use]
mod output;
mod commands;
mod env;
mod exit;
mod gateway_args;
mod keys;
mod progress;
mod verbose;

use clap::{CommandFactory, Parser, Subcommand};
use omg_core::api::Action;

/// `omg sim` and `omg demo` serve the simulator in this process: the `omg-sim` binary's allocator
/// (src/main.rs there; docs/performance.md, "omg-sim").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser, Debug)]
#[command(
    name = "omg",
    version,
    about = "OMG 金流 (funpoint) payments: sign, verify, query, refund, simulate",
    after_help = "Keys: set OMG_MERCHANT_ID, OMG_HASH_KEY and OMG_HASH_IV in the environment, or pass \
                  --credentials-file PATH (or --hash-key-file / --hash-iv-file, `-` for stdin). \
                  --hash-key and --hash-iv on the command line are visible to other local users \
                  in the process list.\n\nExit codes: 0 ok, 1 signature, 2 usage, 3 invalid input, \
                  4 gateway refusal, 5 transport, 6 demo step failed, 7 outcome unknown (a capture, \
                  refund or cancellation may have happened: run the query the message names, never \
                  resend)."
)]
struct Cli {
    /// Print what the client does on stderr: each request sent, each reply's HTTP status, each
    /// retry with its reason and delay, an unknown outcome. Never a key or a request body.
    #[arg(long, short = 'v', global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the CheckMacValue of fields read from stdin (form body, or JSON with --json).
    Sign(commands::sign::SignArgs),
    /// Verify a notification body read from stdin (exit 0 valid, 1 invalid).
    Verify(commands::verify::VerifyArgs),
    /// Describe a RtnCode, or list the known ones.
    Codes(commands::codes::CodesArgs),
    /// Draw Code 39 barcode segments as SVG on stdout.
    Barcode(commands::barcode::BarcodeArgs),
    /// Ask the gateway about an order or a recurring schedule.
    Query(commands::query::QueryArgs),
    /// Act on a recurring schedule (cancel).
    Period(commands::period::PeriodArgs),
    /// DoAction C: capture an authorised card payment.
    Capture(commands::do_action::DoActionArgs),
    /// DoAction R: refund a card payment.
    Refund(commands::do_action::DoActionArgs),
    /// DoAction E: cancel a pending capture.
    CancelCapture(commands::do_action::DoActionArgs),
    /// DoAction N: abandon an uncaptured authorisation.
    Abandon(commands::do_action::DoActionArgs),
    /// QueryTrade/V2: a card payment's authorised, captured and refunded amounts.
    CreditDetail(commands::credit_detail::CreditDetailArgs),
    /// Sign an AioCheckOut/V5 order given by flags; print its fields or its HTML form.
    Checkout(Box<commands::checkout::CheckoutArgs>),
    /// Run the offline gateway (omg-sim) in the foreground, or drive a running one
    /// (orders, deliveries, resend, trigger, advance).
    Sim(commands::sim::SimCommand),
    /// Walk the whole product against a built-in offline gateway: no setup, no network.
    Demo(commands::demo::DemoArgs),
    /// Check that the gateway accepts the configured keys (a query for a made-up order).
    Doctor(commands::doctor::DoctorArgs),
}

impl Command {
    fn wants_json(&self) -> bool {
        match self {
            Command::Sign(a) => a.json,
            Command::Verify(a) => a.json,
            Command::Codes(a) => a.json,
            Command::Barcode(_) | Command::Demo(_) => false,
            Command::Sim(a) => a.wants_json(),
            Command::Query(a) => a.wants_json(),
            Command::Period(a) => a.wants_json(),
            Command::Capture(a) | Command::Refund(a) | Command::CancelCapture(a) | Command::Abandon(a) => {
                a.gateway.json
            }
            Command::CreditDetail(a) => a.gateway.json,
            Command::Checkout(a) => a.gateway.json,
            Command::Doctor(a) => a.gateway.json,
        }
    }
}

fn main() {
    let cli = Cli::parse();
    if cli.verbose {
        verbose::enable();
    }
    let stdin_is_input = match &cli.command {
        Command::Sign(a) => a.keys.reads_stdin(),
        Command::Verify(a) => a.keys.reads_stdin(),
        _ => false,
    };
    if stdin_is_input {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "this command reads its input from standard input: a key file cannot be `-` here",
            )
            .exit();
    }
    let result = match &cli.command {
        Command::Sign(a) => commands::sign::run(a).map(done),
        Command::Verify(a) => commands::verify::run(a).map(done),
        Command::Codes(a) => commands::codes::run(a).map(done),
        Command::Barcode(a) => commands::barcode::run(a).map(done),
        Command::Query(a) => commands::query::run(a).map(done),
        Command::Period(a) => commands::period::run(a).map(done),
        Command::Capture(a) => commands::do_action::run(Action::Capture, a).map(done),
        Command::Refund(a) => commands::do_action::run(Action::Refund, a).map(done),
        Command::CancelCapture(a) => commands::do_action::run(Action::CancelCapture, a).map(done),
        Command::Abandon(a) => commands::do_action::run(Action::Abandon, a).map(done),
        Command::CreditDetail(a) => commands::credit_detail::run(a).map(done),
        Command::Checkout(a) => commands::checkout::run(a).map(done),
        Command::Sim(a) => commands::sim::run(a).map(done),
        Command::Doctor(a) => commands::doctor::run(a),
        // The demo's exit code says how its steps went.
        Command::Demo(a) => commands::demo::run(a),
    };
    let code = match result {
        Ok(code) => code,
        Err(e) => output::report_error(&e, cli.command.wants_json()),
    };
    std::process::exit(code);
}

/// The exit code of a command that succeeded.
fn done(_: ()) -> i32 {
    exit::OK
}
