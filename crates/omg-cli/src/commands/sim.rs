//! `omg sim`: the offline gateway (omg-sim) in the foreground, with the omg-sim binary's flags.
//! The first line of stdout is the base URL, for scripts that start it on port 0; Ctrl-C or SIGTERM stops it.

use std::io::Write;

use omg_core::{Error, Result};
use omg_sim::{parse_merchants_toml, Merchant, Simulator};

#[derive(clap::Args, Debug)]
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
    /// PlatformID). Default: $OMG_SIM_MERCHANTS, if set.
    #[arg(long = "merchants", value_name = "FILE")]
    pub merchants_file: Option<String>,
    /// Re-send notifications like the real gateway (every 5-15 minutes, 4 a day) instead of the
    /// accelerated test schedule.
    #[arg(long)]
    pub realistic: bool,
    /// Do not log requests and deliveries to stderr.
    #[arg(long)]
    pub quiet: bool,
}

pub fn run(args: &SimArgs) -> Result<()> {
    let mut builder = Simulator::builder().accelerated(!args.realistic).log(!args.quiet);
    let file = args.merchants_file.clone().or_else(|| std::env::var("OMG_SIM_MERCHANTS").ok().filter(|v| !v.is_empty()));
    if let Some(path) = file {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::invalid("--merchants", "readable", format!("cannot read {path}: {e}")))?;
        for merchant in parse_merchants_toml(&text)? {
            builder = builder.merchant(merchant);
        }
    }
    for spec in &args.merchants {
        builder = builder.merchant(Merchant::parse_flag(spec)?);
    }
    let addr = format!("{}:{}", args.host, args.port);
    let sim = omg_sim::spawn_blocking_sim_on(builder.into_config(), &addr)
        .map_err(|e| Error::invalid("--port", "available", format!("cannot listen on {addr}: {e}")))?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", sim.base_url());
    let _ = out.flush();
    drop(out);
    eprintln!("omg sim: gateway at {0}; control API at {0}/_sim/; Ctrl-C to stop", sim.base_url());
    wait_for_stop();
    eprintln!("omg sim: stopping");
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
