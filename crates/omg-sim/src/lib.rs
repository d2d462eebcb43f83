//! omg-sim: an offline OMG (funpoint) gateway on loopback.
//!
//! It accepts AioCheckOut/V5 orders (verifying CheckMacValue and validating with omg-core), shows a
//! hosted payment page where the payer pays or declines, issues ATM/CVS/BARCODE payment codes,
//! sends signed notifications (re-sent until the merchant answers `1|OK`), runs recurring
//! schedules and card settlement on its own clock, answers the five server APIs in the gateway's
//! formats, and has a control API under `/_sim/` for tests (pay, decline, advance the clock,
//! read the delivery log, inject faults, counters). State lives in memory only.
//!
//! Every signature, validation rule and reply format comes from omg-core; this crate holds the
//! state and the behaviour. See docs/simulator.md.
//!
//! Embedding from async code:
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sim = omg_sim::Simulator::builder().accelerated(true).start("127.0.0.1:0").await?;
//! println!("{}", sim.base_url());
//! sim.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! From synchronous code (tests, CLIs, language bindings): [`spawn_blocking_sim`].

mod back_office;
mod card;
mod clock;
pub mod command_line;
mod config;
mod delivery;
mod faults;
mod forwarding;
mod gateway;
mod ids;
mod log_time;
mod multipart;
mod pages;
mod recurring;
mod reply_verdict;
mod request_body;
mod routes;
mod scheduler;
mod server;
mod sim;
mod stats;
mod store;
mod terms;

pub use clock::SimClock;
pub use config::{parse_merchants_toml, Merchant, RetrySchedule, SimConfig, STAGE_CREDIT_CHECK_CODE};
pub use delivery::{Attempt, DeliveryCounters, NotifyKind, OK_REPLY};
pub use faults::{api_name, api_names, fault_path, FaultSpec};
pub use forwarding::Forward;
pub use gateway::{FAILED_RTN_CODE, TEST_CARD, TEST_CVV};
pub use server::{spawn_blocking_sim, spawn_blocking_sim_on, RunningSim, SimHandle, Simulator, SimulatorBuilder};
pub use sim::Sim;
