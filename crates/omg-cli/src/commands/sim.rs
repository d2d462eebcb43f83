//! `omg sim`: the offline gateway (omg-sim) in the foreground, with the omg-sim binary's flags.
//! The first line of stdout is the base URL, for scripts that start it on port 0; Ctrl-C or
//! SIGTERM stops it. `omg sim orders | deliveries | resend | trigger | advance` drive a running
//! one instead (sim_control.rs).

use omg_core::rules;
use omg_core::{Error, Result};
pub use omg_sim::command_line::SimArgs;

use super::sim_control::{self, SimAction};

#[derive(clap::Args, Debug, Clone)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SimCommand {
    #[command(subcommand)]
    pub action: Option<SimAction>,
    #[command(flatten)]
    pub args: SimArgs,
}

impl SimCommand {
    pub fn wants_json(&self) -> bool {
        self.action.as_ref().is_some_and(sim_control::wants_json)
    }
}

pub fn run(command: &SimCommand) -> Result<()> {
    match &command.action {
        Some(action) => sim_control::run(action),
        None => serve(&command.args),
    }
}

fn serve(args: &SimArgs) -> Result<()> {
    let config = args.config()?;
    omg_sim::command_line::run_in_foreground(config, &args.addr(), "omg sim")
        .map_err(|e| Error::invalid("--port", rules::UNAVAILABLE, format!("cannot listen on {}: {e}", args.addr())))
}
