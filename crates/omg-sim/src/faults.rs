//! Fault injection: make one endpoint misbehave for the next N requests (or until cleared), so a
//! client's timeout, retry and error handling can be tested against something real.
//!
//! Faults are keyed by request path (`/Cashier/QueryTradeInfo/V5`, or its short name `query-trade`:
//! [`api_names`]); the path `*` applies to every gateway path (never to the control API under
//! `/_sim/` nor to the back office at `/`, which must stay usable to clear the fault). Order of effects on one request:
//! delay, then drop or status, else the real handler runs and its reply is corrupted as asked
//! (or, with `apply_then_drop`, thrown away with the connection; or, with `apply_then_status`,
//! replaced by an HTTP status: the request took effect and the caller cannot know it).

use std::collections::HashMap;
use std::sync::Mutex;

use omg_core::Api;
use serde::{Deserialize, Serialize};

/// The longest delay a fault may ask for: every request stays bounded in time.
pub const MAX_DELAY_MS: u64 = 120_000;

/// The short names of the gateway's paths, as `omg sim faults add` and the back office take them
/// (the names of the `omg` commands that call them: `omg query trade`, `omg credit-detail`, ...).
pub fn api_names() -> [(&'static str, &'static str); 6] {
    [
        ("checkout", omg_core::checkout::CHECKOUT_PATH),
        ("query-trade", Api::QueryTradeInfo.path()),
        ("query-period", Api::QueryPeriodInfo.path()),
        ("period-action", Api::PeriodAction.path()),
        ("do-action", Api::DoAction.path()),
        ("credit-detail", Api::QueryCreditDetail.path()),
    ]
}

/// The path a fault is for: a short name of [`api_names`] (any letter case), a path (`/...`) or `*`.
pub fn fault_path(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name == "*" || name.starts_with('/') {
        return Ok(name.to_string());
    }
    let names = api_names();
    names.iter().find(|(short, _)| short.eq_ignore_ascii_case(name)).map(|(_, path)| path.to_string()).ok_or_else(
        || {
            let shorts: Vec<&str> = names.iter().map(|(short, _)| *short).collect();
            format!("path must start with / (or be *, or one of {})", shorts.join(", "))
        },
    )
}

/// The short name of a gateway path, if it has one.
pub fn api_name(path: &str) -> Option<&'static str> {
    api_names().into_iter().find(|(_, p)| *p == path).map(|(short, _)| short)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    /// `/Cashier/QueryTradeInfo/V5`, or `*` for every gateway path.
    pub path: String,
    /// Wait this long before answering (or before dropping).
    #[serde(default)]
    pub delay_ms: u64,
    /// Answer with this HTTP status (and a short plain-text body) instead of the real reply.
    #[serde(default)]
    pub status: Option<u16>,
    /// Close the connection without answering.
    #[serde(default)]
    pub drop_connection: bool,
    /// Run the real handler (a DoAction is applied, an order created) and then close the
    /// connection without its reply: the "outcome unknown, but it happened" case.
    #[serde(default)]
    pub apply_then_drop: bool,
    /// Run the real handler (a DoAction is applied) and then answer this HTTP status (300–599)
    /// with a short text body instead of its reply; a 3xx carries `Location: <base URL>/`. What a
    /// proxy or load balancer in front of the gateway can do: the request happened, the caller
    /// sees only a redirect, a 4xx or a 5xx.
    #[serde(default)]
    pub apply_then_status: Option<u16>,
    /// Answer with a corrupted body: the first half of the real one followed by bytes that are
    /// not UTF-8, so no reply parser can read it.
    #[serde(default)]
    pub malformed_body: bool,
    /// Answer the real reply with its CheckMacValue changed (signed replies only; others are
    /// left as they are).
    #[serde(default)]
    pub wrong_signature: bool,
    /// How many requests the fault applies to; absent: until cleared.
    #[serde(default)]
    pub count: Option<u32>,
}

impl FaultSpec {
    /// Checks the spec's own sense; the message names the offending field.
    pub fn check(&self) -> Result<(), String> {
        if self.path != "*" && !self.path.starts_with('/') {
            return Err("path must start with / (or be *)".into());
        }
        if self.path.starts_with("/_sim/") || self.path == "/" {
            return Err("the control API under /_sim/ and the back office at / cannot be given faults".into());
        }
        if self.delay_ms > MAX_DELAY_MS {
            return Err(format!("delay_ms must be at most {MAX_DELAY_MS}"));
        }
        if let Some(status) = self.status {
            if !(200..=599).contains(&status) {
                return Err("status must be an HTTP status 200-599".into());
            }
        }
        if let Some(status) = self.apply_then_status {
            if !(300..=599).contains(&status) {
                return Err("apply_then_status must be an HTTP status 300-599 (a reply other than success)".into());
            }
            if self.drop_connection || self.status.is_some() || self.apply_then_drop {
                return Err("apply_then_status runs the real handler and replaces its reply: it cannot be combined with drop_connection, status or apply_then_drop".into());
            }
            if self.malformed_body || self.wrong_signature {
                return Err("apply_then_status replaces the real reply: malformed_body and wrong_signature would have nothing to corrupt".into());
            }
        }
        if self.count == Some(0) {
            return Err("count must be at least 1 (omit it for until cleared)".into());
        }
        if self.apply_then_drop && (self.drop_connection || self.status.is_some()) {
            return Err("apply_then_drop runs the real handler: it cannot be combined with drop_connection or status, which skip it".into());
        }
        if self.delay_ms == 0
            && self.status.is_none()
            && !self.drop_connection
            && !self.apply_then_drop
            && self.apply_then_status.is_none()
            && !self.malformed_body
            && !self.wrong_signature
        {
            return Err("the fault does nothing: give delay_ms, status, drop_connection, apply_then_drop, apply_then_status, malformed_body or wrong_signature".into());
        }
        Ok(())
    }
}

#[derive(Default)]
pub struct Faults {
    by_path: Mutex<HashMap<String, FaultSpec>>,
}

impl Faults {
    /// Installs a fault, replacing any earlier one for the same path.
    pub fn set(&self, spec: FaultSpec) {
        lock(&self.by_path).insert(spec.path.clone(), spec);
    }

    pub fn clear(&self) {
        lock(&self.by_path).clear();
    }

    pub fn list(&self) -> Vec<FaultSpec> {
        let mut list: Vec<FaultSpec> = lock(&self.by_path).values().cloned().collect();
        list.sort_by(|a, b| a.path.cmp(&b.path));
        list
    }

    /// The fault for one incoming request to `path`, counting it against the fault's budget.
    pub fn take(&self, path: &str) -> Option<FaultSpec> {
        if path.starts_with("/_sim/") || path == "/" {
            return None;
        }
        let mut map = lock(&self.by_path);
        let key = if map.contains_key(path) { path } else { "*" };
        let spec = map.get_mut(key)?;
        let taken = spec.clone();
        if let Some(count) = spec.count.as_mut() {
            *count -= 1;
            if *count == 0 {
                map.remove(key);
            }
        }
        Some(taken)
    }
}

/// Corrupts a body beyond reading: half of it, then two bytes that are never UTF-8.
pub fn malform(body: &[u8]) -> Vec<u8> {
    let mut out = body[..body.len() / 2].to_vec();
    out.extend_from_slice(&[0xff, 0xfe]);
    out
}

/// Changes the CheckMacValue in a `k=v&...` reply (its first hex digit), if there is one.
pub fn break_signature(body: &[u8]) -> Vec<u8> {
    const NEEDLE: &[u8] = b"CheckMacValue=";
    let mut out = body.to_vec();
    if let Some(pos) = out.windows(NEEDLE.len()).position(|w| w == NEEDLE) {
        if let Some(b) = out.get_mut(pos + NEEDLE.len()) {
            *b = if *b == b'0' { b'1' } else { b'0' };
        }
    }
    out
}

/// A poisoned lock only means another request panicked mid-update; the maps stay usable.
pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(path: &str, count: Option<u32>) -> FaultSpec {
        FaultSpec { path: path.into(), status: Some(503), count, ..Default::default() }
    }

    #[test]
    fn counted_fault_expires_and_wildcard_applies_to_gateway_paths_only() {
        let f = Faults::default();
        f.set(spec("/a", Some(2)));
        assert!(f.take("/a").is_some());
        assert!(f.take("/a").is_some());
        assert!(f.take("/a").is_none());
        f.set(spec("*", None));
        assert!(f.take("/b").is_some());
        assert!(f.take("/b").is_some());
        assert!(f.take("/_sim/stats").is_none());
        assert!(f.take("/").is_none(), "the back office stays usable");
        f.clear();
        assert!(f.take("/b").is_none());
    }

    #[test]
    fn specs_are_checked() {
        assert!(spec("/a", None).check().is_ok());
        assert!(spec("a", None).check().is_err());
        assert!(spec("/_sim/pay", None).check().is_err());
        assert!(spec("/a", Some(0)).check().is_err());
        assert!(FaultSpec { path: "/a".into(), ..Default::default() }.check().is_err());
        assert!(FaultSpec { path: "/a".into(), delay_ms: MAX_DELAY_MS + 1, ..Default::default() }.check().is_err());
        assert!(FaultSpec { path: "/a".into(), apply_then_drop: true, ..Default::default() }.check().is_ok());
        assert!(FaultSpec { path: "/a".into(), apply_then_drop: true, drop_connection: true, ..Default::default() }
            .check()
            .is_err());
        let applying =
            |status: u16| FaultSpec { path: "/a".into(), apply_then_status: Some(status), ..Default::default() };
        for status in [300, 307, 429, 599] {
            assert!(applying(status).check().is_ok(), "{status}");
        }
        for status in [0, 200, 299, 600] {
            assert!(applying(status).check().unwrap_err().contains("apply_then_status"), "{status}");
        }
        assert!(FaultSpec { apply_then_drop: true, ..applying(307) }.check().is_err());
        assert!(FaultSpec { status: Some(500), ..applying(307) }.check().is_err());
        assert!(FaultSpec { malformed_body: true, ..applying(307) }.check().is_err());
    }

    #[test]
    fn short_names_name_the_gateway_paths() {
        assert_eq!(fault_path("do-action").unwrap(), "/CreditDetail/DoAction");
        assert_eq!(fault_path("Query-Trade").unwrap(), "/Cashier/QueryTradeInfo/V5");
        assert_eq!(fault_path("checkout").unwrap(), "/Cashier/AioCheckOut/V5");
        assert_eq!(fault_path("*").unwrap(), "*");
        assert_eq!(fault_path("/x").unwrap(), "/x");
        assert!(fault_path("refund").unwrap_err().contains("do-action"));
        assert_eq!(api_name("/CreditDetail/QueryTrade/V2"), Some("credit-detail"));
    }

    #[test]
    fn corruptions() {
        assert_eq!(malform(b"abcd"), b"ab\xff\xfe");
        assert!(std::str::from_utf8(&malform(b"RtnCode=1")).is_err());
        assert_eq!(break_signature(b"A=1&CheckMacValue=ABC"), b"A=1&CheckMacValue=0BC");
        assert_eq!(break_signature(b"A=1&CheckMacValue=0BC"), b"A=1&CheckMacValue=1BC");
        assert_eq!(break_signature(b"{\"a\":1}"), b"{\"a\":1}");
    }
}
