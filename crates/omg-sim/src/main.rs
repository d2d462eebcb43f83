//! `omg-sim`: run the offline gateway. Prints its base URL as the first line of stdout, then
//! logs requests and deliveries to stderr until Ctrl-C.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use omg_sim::{parse_merchants_toml, Merchant, Simulator};

#[derive(Parser, Debug)]
#[command(name = "omg-sim", version, about = "An offline OMG (funpoint) payment gateway on 127.0.0.1")]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Address to bind instead of 127.0.0.1 (loopback addresses only are sensible).
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Another merchant, MerchantID:HashKey:HashIV[:CreditCheckCode] (repeatable). The public
    /// stage merchant 1000031 is always there.
    #[arg(long = "merchant", value_name = "ID:KEY:IV[:CODE]")]
    merchants: Vec<String>,
    /// A TOML file of merchants ([[merchant]] MerchantID, HashKey, HashIV, CreditCheckCode,
    /// PlatformID). Default: the OMG_SIM_MERCHANTS environment variable, if set.
    #[arg(long = "merchants", value_name = "FILE")]
    merchants_file: Option<String>,
    /// Re-send notifications like the real gateway (every 5-15 minutes, 4 a day) instead of
    /// the accelerated test schedule (0.2 s, 0.5 s, 1 s, ...).
    #[arg(long)]
    realistic: bool,
    /// Do not log requests and deliveries to stderr.
    #[arg(long)]
    quiet: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut builder = Simulator::builder().accelerated(!args.realistic).log(!args.quiet);
    let file = args.merchants_file.clone().or_else(|| std::env::var("OMG_SIM_MERCHANTS").ok().filter(|v| !v.is_empty()));
    if let Some(path) = file {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("omg-sim: cannot read merchants file {path}: {e}");
                return ExitCode::from(2);
            }
        };
        match parse_merchants_toml(&text) {
            Ok(list) => {
                for m in list {
                    builder = builder.merchant(m);
                }
            }
            Err(e) => {
                eprintln!("omg-sim: {path}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    for spec in &args.merchants {
        match Merchant::parse_flag(spec) {
            Ok(m) => builder = builder.merchant(m),
            Err(e) => {
                eprintln!("omg-sim: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("omg-sim: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let addr = format!("{}:{}", args.host, args.port);
        let sim = match builder.start(&addr).await {
            Ok(sim) => sim,
            Err(e) => {
                eprintln!("omg-sim: cannot listen on {addr}: {e}");
                return ExitCode::FAILURE;
            }
        };
        // The first line of stdout is the base URL, for scripts that start omg-sim on port 0.
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", sim.base_url());
        let _ = out.flush();
        drop(out);
        let merchants: Vec<String> = sim.sim().config.merchants.iter().map(|m| m.id().to_string()).collect();
        eprintln!("omg-sim: gateway at {} (merchants: {}); control API at {}/_sim/; Ctrl-C to stop", sim.base_url(), merchants.join(", "), sim.base_url());
        wait_for_stop().await;
        eprintln!("omg-sim: stopping");
        sim.shutdown().await;
        ExitCode::SUCCESS
    })
}

/// Ctrl-C (SIGINT) or SIGTERM.
async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
