//! The background tick: runs whatever the simulator's clock has made due (recurring charges,
//! settlement, code expiry) a few times a second, so real time passing works as well as
//! `POST /_sim/advance`.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use crate::gateway;
use crate::sim::Sim;

const TICK: Duration = Duration::from_millis(250);

pub async fn run(sim: Arc<Sim>, mut shutdown: watch::Receiver<bool>) {
    let mut interval = tokio::time::interval(TICK);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tokio::select! {
            _ = interval.tick() => {
                let report = gateway::run_due(&sim);
                if report.period_charges + report.settlements + report.expired + report.auto_closed + report.abandoned > 0 {
                    sim.log(|| format!("due work: {report:?}"));
                }
            }
            _ = shutdown.changed() => return,
        }
    }
}
