//! `omg-sim`: run the offline gateway. Prints its base URL as the first line of stdout, then
//! logs requests and deliveries to stderr until Ctrl-C or SIGTERM.

use std::process::ExitCode;

use clap::Parser;
use omg_sim::command_line::{run_in_foreground, SimArgs};

#[derive(Parser, Debug)]
#[command(name = "omg-sim", version, about = "An offline OMG (funpoint) payment gateway on 127.0.0.1")]
struct Cli {
    #[command(flatten)]
    args: SimArgs,
}

/// mimalloc rather than glibc's malloc: a request allocates and frees a few dozen small strings
/// (the form's fields, the reply's), which cost glibc a fifth of the request's user-space
/// instructions (docs/performance.md, "omg-sim").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = Cli::parse().args;
    let config = match args.config() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("omg-sim: {e}");
            return ExitCode::from(2);
        }
    };
    match run_in_foreground(config, &args.addr(), "omg-sim") {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("omg-sim: cannot listen on {}: {e}", args.addr());
            ExitCode::FAILURE
        }
    }
}
