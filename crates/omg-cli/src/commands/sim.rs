//! `omg sim`: the offline gateway (omg-sim) in the foreground, with the omg-sim binary's flags.
//! The first line of stdout is the base URL, for scripts that start it on port 0; Ctrl-C or
//! SIGTERM stops it.

use omg_core::{Error, Result};
pub use omg_sim::command_line::SimArgs;

pub fn run(args: &SimArgs) -> Result<()> {
    let config = args.config()?;
    omg_sim::command_line::run_in_foreground(config, &args.addr(), "omg sim")
        .map_err(|e| Error::invalid("--port", "available", format!("cannot listen on {}: {e}", args.addr())))
}
