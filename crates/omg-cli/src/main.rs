//! `omg`: the OMG payment SDK on the command line. See docs/cli.md.

mod commands;
mod exit;
mod keys;
mod output;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "omg", version, about = "OMG 金流 (funpoint) payments: sign, verify, query, refund, simulate")]
struct Cli {
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
}

impl Command {
    fn wants_json(&self) -> bool {
        match self {
            Command::Sign(a) => a.json,
            Command::Verify(a) => a.json,
            Command::Codes(a) => a.json,
            Command::Barcode(_) => false,
        }
    }
}

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Sign(a) => commands::sign::run(a),
        Command::Verify(a) => commands::verify::run(a),
        Command::Codes(a) => commands::codes::run(a),
        Command::Barcode(a) => commands::barcode::run(a),
    };
    let code = match result {
        Ok(()) => exit::OK,
        Err(e) => output::report_error(&e, cli.command.wants_json()),
    };
    std::process::exit(code);
}
