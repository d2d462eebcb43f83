//! Counters a test can read back: TCP connections accepted (does a client keep its connection
//! alive?) and requests per path (did it retry? did it call at all?).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use serde::Serialize;

use crate::faults::lock;

/// Paths beyond this many distinct ones are counted together under `other`, so a scan of random
/// URLs cannot grow the table without bound.
const MAX_PATHS: usize = 256;

#[derive(Default)]
pub struct Stats {
    connections: AtomicU64,
    requests: Mutex<BTreeMap<String, u64>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct StatsView {
    pub connections_accepted: u64,
    pub requests_total: u64,
    pub requests: BTreeMap<String, u64>,
}

impl Stats {
    pub fn connection_accepted(&self) {
        self.connections.fetch_add(1, Ordering::Relaxed);
    }

    pub fn request(&self, path: &str) {
        let mut map = lock(&self.requests);
        if let Some(n) = map.get_mut(path) {
            *n += 1;
        } else if map.len() < MAX_PATHS {
            map.insert(path.to_string(), 1);
        } else {
            *map.entry("other".to_string()).or_insert(0) += 1;
        }
    }

    pub fn view(&self) -> StatsView {
        let requests = lock(&self.requests).clone();
        StatsView {
            connections_accepted: self.connections.load(Ordering::Relaxed),
            requests_total: requests.values().sum(),
            requests,
        }
    }

    pub fn reset(&self) {
        self.connections.store(0, Ordering::Relaxed);
        lock(&self.requests).clear();
    }
}
