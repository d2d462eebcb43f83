//! The real time of the simulator's log lines (the scheduler's and the deliverer's alike). A leaf:
//! both the simulator and its deliverer stamp their lines with it.

/// The real time for log lines, in Taiwan time like every date the gateway writes:
/// `2026/11/26 03:30:57.123`.
pub(crate) fn log_time() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let t = omg_core::taiwan_time::TaiwanDateTime::from_unix(now.as_secs() as i64);
    format!("{}.{:03}", t.trade_date(), now.subsec_millis())
}
