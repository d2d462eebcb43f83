//! The simulator run from a command line: its flags and the foreground run until Ctrl-C or
//! SIGTERM. Shared by the `omg-sim` binary and `omg sim`, so both take the same flags.

use omg_core::rules;
use std::io::Write;

use omg_core::{Error, Result};

use crate::{parse_merchants_toml, spawn_blocking_sim_on, Forward, Merchant, SimConfig, Simulator};

#[derive(clap::Args, Debug, Clone)]
pub struct SimArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Address to bind instead of 127.0.0.1 (loopback addresses only are sensible).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Another merchant, MerchantID:HashKey:HashIV[:CreditCheckCode] (repeatable). The public
    /// stage merchant 1000031 is always there.
    #[arg(long = "merchant", value_name = "ID:KEY:IV[:CODE]")]
    pub merchants: Vec<String>,
    /// A TOML file of merchants ([[merchant]] MerchantID, HashKey, HashIV, CreditCheckCode,
    /// PlatformID). Default: the OMG_SIM_MERCHANTS environment variable, if set.
    #[arg(long = "merchants", value_name = "FILE")]
    pub merchants_file: Option<String>,
    /// Re-send notifications like the real gateway (four re-sends, 5-15 minutes apart) instead of
    /// the accelerated test schedule (0.2 s, 0.5 s, 1 s, ...).
    #[arg(long)]
    pub realistic: bool,
    /// Do not log requests and deliveries to stderr.
    #[arg(long)]
    pub quiet: bool,
    /// Deliver server notifications, and send the payer's browser (OrderResultURL,
    /// ClientRedirectURL, ClientBackURL), for a public callback origin to a local one instead,
    /// e.g. https://shop.example.com=http://127.0.0.1:9000 (repeatable; path and query are kept).
    #[arg(long = "forward", value_name = "FROM=TO")]
    pub forwards: Vec<String>,
    /// Write the %xx escapes of notification bodies in lowercase (%e4%ba%a4), as the real
    /// gateway's captures do, instead of uppercase.
    #[arg(long)]
    pub lowercase_escapes: bool,
    /// Turn off the daily auto-close (on by default, as production): authorised card payments
    /// are then not captured at 20:15 Taiwan time, and DoAction is not refused 20:15-20:30.
    #[arg(long)]
    pub no_daily_auto_close: bool,
    /// Turn off the 21-day limit on a manual capture (on by default: error_overDAY).
    #[arg(long)]
    pub no_capture_limit: bool,
}

impl SimArgs {
    /// The simulator configuration the flags (and OMG_SIM_MERCHANTS) describe.
    pub fn config(&self) -> Result<SimConfig> {
        let mut builder = Simulator::builder()
            .accelerated(!self.realistic)
            .log(!self.quiet)
            .daily_auto_close(!self.no_daily_auto_close)
            .capture_limit(!self.no_capture_limit)
            .lowercase_escapes(self.lowercase_escapes);
        let file =
            self.merchants_file.clone().or_else(|| std::env::var("OMG_SIM_MERCHANTS").ok().filter(|v| !v.is_empty()));
        if let Some(path) = file {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Error::invalid("--merchants", rules::UNREADABLE, format!("cannot read merchants file {path}: {e}"))
            })?;
            for merchant in parse_merchants_toml(&text)? {
                builder = builder.merchant(merchant);
            }
        }
        for spec in &self.merchants {
            builder = builder.merchant(Merchant::parse_flag(spec)?);
        }
        for spec in &self.forwards {
            builder = builder.forward(Forward::parse(spec)?);
        }
        Ok(builder.into_config())
    }

    /// The address to listen on.
    pub fn addr(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

/// Runs the simulator on `addr` until Ctrl-C or SIGTERM. The first line of stdout is its base
/// URL, for scripts that start it on port 0; `program` names it in the log lines on stderr.
pub fn run_in_foreground(config: SimConfig, addr: &str, program: &str) -> std::io::Result<()> {
    let sim = spawn_blocking_sim_on(config, addr)?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", sim.base_url());
    let _ = out.flush();
    drop(out);
    let merchants: Vec<String> = sim.sim().config.merchants.iter().map(|m| m.id().to_string()).collect();
    eprintln!(
        "{program}: gateway at {0} (merchants: {1}); back office (in a browser) at {0}/; control API at {0}/_sim/; \
         Ctrl-C to stop",
        sim.base_url(),
        merchants.join(", ")
    );
    wait_for_stop();
    eprintln!("{program}: stopping");
    sim.shutdown();
    Ok(())
}

/// Blocks until Ctrl-C (SIGINT) or SIGTERM. If no signal can be watched, blocks until killed.
fn wait_for_stop() {
    let watched = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map(|runtime| runtime.block_on(stop_signal()))
        .unwrap_or(false);
    if !watched {
        loop {
            std::thread::park();
        }
    }
}

/// Waits for the first stop signal; false when none can be watched.
async fn stop_signal() -> bool {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                result = tokio::signal::ctrl_c() => return result.is_ok(),
                _ = term.recv() => return true,
            }
        }
    }
    tokio::signal::ctrl_c().await.is_ok()
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::SimArgs;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        sim: SimArgs,
    }

    #[test]
    fn the_card_time_rules_are_on_unless_turned_off() {
        let default = Cli::parse_from(["omg-sim"]).sim.config().unwrap();
        assert!(default.daily_auto_close && default.capture_limit);
        let off = Cli::parse_from(["omg-sim", "--no-daily-auto-close", "--no-capture-limit"]).sim.config().unwrap();
        assert!(!off.daily_auto_close && !off.capture_limit);
    }
}
