//! The simulator's clock: the machine's time plus an offset that the control API moves forward.
//!
//! Everything the gateway does "later" — recurring charges, settlement at 20:00 Taiwan time,
//! TimeStamp checks, payment-code expiry — reads this clock, so a test can jump a month ahead
//! with `POST /_sim/advance` instead of waiting. Notification re-sends are the exception: they
//! wait real (accelerated) time, because the merchant's server lives in real time.

use std::sync::atomic::{AtomicI64, Ordering};

use omg_core::{Clock, SystemClock};

#[derive(Debug, Default)]
pub struct SimClock {
    offset_seconds: AtomicI64,
}

impl SimClock {
    pub fn new() -> Self {
        SimClock::default()
    }

    /// Moves the clock forward (never backward: a negative step is ignored, because due events
    /// that already ran cannot be undone).
    pub fn advance(&self, seconds: i64) {
        if seconds > 0 {
            self.offset_seconds.fetch_add(seconds, Ordering::SeqCst);
        }
    }

    pub fn offset_seconds(&self) -> i64 {
        self.offset_seconds.load(Ordering::SeqCst)
    }

    pub fn reset(&self) {
        self.offset_seconds.store(0, Ordering::SeqCst);
    }
}

impl Clock for SimClock {
    fn now_unix(&self) -> i64 {
        SystemClock.now_unix() + self.offset_seconds()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_moves_forward_only() {
        let c = SimClock::new();
        let before = c.now_unix();
        c.advance(86_400);
        c.advance(-5000);
        let after = c.now_unix();
        assert!((86_400..86_400 + 5).contains(&(after - before)), "{}", after - before);
    }
}
