//! The life of one card payment after authorisation (protocol.md §6, DoAction), and settlement.
//!
//! ```text
//! authorised --C--> capture pending --(settlement)--> captured --R--> refund pending --(settlement)--> refunded
//!     |  ^               |    |                          ^ (partial R: stays captured, less left)
//!     N  '------E--------'    R (partial: lowers the captured amount)
//!     v
//! abandoned
//! ```
//!
//! Settlement happens at 20:00 Taiwan time on the simulator's clock (the acquirers' daily batch).

pub use omg_core::api::Action;
use omg_core::taiwan_time::TaiwanDateTime;
use serde::Serialize;

/// The acquirer's daily settlement hour, Taiwan time.
pub const SETTLEMENT_HOUR: u32 = 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CardState {
    Authorised,
    /// Capture requested (要關帳), waits for settlement.
    CapturePending,
    /// Settled (已關帳); refunds may follow.
    Captured,
    /// Authorisation given up (N); nothing can follow.
    Abandoned,
}

/// One line of QueryTrade/V2's close_data: a capture or a refund, pending or settled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CloseEntry {
    pub sno: u32,
    pub kind: CloseKind,
    pub amount: i64,
    /// Taiwan time, `yyyy/MM/dd HH:mm:ss`.
    pub datetime: String,
    pub settled: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CloseKind {
    Capture,
    Refund,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CardPayment {
    pub gwsr: String,
    pub auth_code: String,
    /// The card number the payer typed (first 6 and last 4 digits are reported).
    #[serde(skip)]
    pub card_number: String,
    pub authorised_amount: i64,
    /// Unix seconds of the authorisation.
    pub authorised_at: i64,
    pub state: CardState,
    /// The amount captured (after partial refunds of a pending capture), 0 before any capture.
    pub captured_amount: i64,
    /// The total of refunds requested after settlement (pending or done).
    pub refunded_amount: i64,
    /// When the pending capture or refunds settle (unix seconds), if anything is pending.
    pub settles_at: Option<i64>,
    pub close_data: Vec<CloseEntry>,
}

/// Why an action was refused: the RtnMsg the reply carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal(pub String);

/// The daily auto-close (`SimConfig::daily_auto_close`, on by default): when the gateway captures
/// authorised payments by itself, Taiwan time, and how long DoAction is refused from then.
pub const AUTO_CLOSE_HOUR: u32 = 20;
pub const AUTO_CLOSE_MINUTE: u32 = 15;
pub const AUTO_CLOSE_WINDOW_SECONDS: i64 = 15 * 60;
/// A manual capture is possible within 21 days of the authorisation (`error_overDAY` after).
pub const CAPTURE_LIMIT_SECONDS: i64 = 21 * 24 * 3600;
/// An authorisation never captured is abandoned after 90 days (V1.3.7 pp.44–45); an order never
/// paid is given up after as long.
pub const ABANDON_AFTER_SECONDS: i64 = 90 * 24 * 3600;

/// The first daily auto-close point (20:15 Taiwan time) strictly after `unix`.
pub fn next_auto_close(unix: i64) -> i64 {
    let t = TaiwanDateTime::from_unix(unix);
    let today = TaiwanDateTime { hour: AUTO_CLOSE_HOUR, minute: AUTO_CLOSE_MINUTE, second: 0, ..t }.to_unix();
    if today > unix {
        today
    } else {
        today + 24 * 3600
    }
}

/// True from 20:15:00 to 20:29:59 Taiwan time.
pub fn in_auto_close_window(unix: i64) -> bool {
    let t = TaiwanDateTime::from_unix(unix);
    let start = TaiwanDateTime { hour: AUTO_CLOSE_HOUR, minute: AUTO_CLOSE_MINUTE, second: 0, ..t }.to_unix();
    (start..start + AUTO_CLOSE_WINDOW_SECONDS).contains(&unix)
}

/// The next settlement point strictly after `unix`: the next 20:00 Taiwan time.
pub fn next_settlement(unix: i64) -> i64 {
    let t = TaiwanDateTime::from_unix(unix);
    let today = TaiwanDateTime { hour: SETTLEMENT_HOUR, minute: 0, second: 0, ..t }.to_unix();
    if today > unix {
        today
    } else {
        today + 86_400
    }
}

impl CardPayment {
    pub fn authorised(gwsr: String, auth_code: String, amount: i64, now: i64) -> Self {
        CardPayment {
            gwsr,
            auth_code,
            card_number: String::new(),
            authorised_amount: amount,
            authorised_at: now,
            state: CardState::Authorised,
            captured_amount: 0,
            refunded_amount: 0,
            settles_at: None,
            close_data: Vec::new(),
        }
    }

    /// Applies one DoAction request at `now` (unix seconds).
    pub fn apply(&mut self, action: Action, amount: i64, now: i64) -> Result<(), Refusal> {
        if amount < 1 {
            return Err(Refusal("error_amount: TotalAmount must be at least 1".into()));
        }
        match (action, &self.state) {
            (Action::Capture, CardState::Authorised) => {
                if amount > self.authorised_amount {
                    return Err(Refusal(format!(
                        "error_overAmount: capture {amount} exceeds the authorised {}",
                        self.authorised_amount
                    )));
                }
                self.state = CardState::CapturePending;
                self.captured_amount = amount;
                self.settles_at = Some(next_settlement(now));
                self.push_entry(CloseKind::Capture, amount, now);
                Ok(())
            }
            (Action::CancelCapture, CardState::CapturePending) => {
                self.state = CardState::Authorised;
                self.captured_amount = 0;
                self.settles_at = None;
                self.close_data.retain(|e| e.settled);
                Ok(())
            }
            (Action::Refund, CardState::CapturePending) => {
                // A partial refund of a capture that has not settled lowers the capture; a full
                // one is refused: the gateway wants E (cancel capture) then N (abandon).
                if amount >= self.captured_amount {
                    return Err(Refusal(format!(
                        "error_overAmount: refund {amount} of a pending capture of {} must be partial (use E then N for a full refund)",
                        self.captured_amount
                    )));
                }
                self.captured_amount -= amount;
                if let Some(entry) =
                    self.close_data.iter_mut().rev().find(|e| e.kind == CloseKind::Capture && !e.settled)
                {
                    entry.amount = self.captured_amount;
                }
                Ok(())
            }
            (Action::Refund, CardState::Captured) => {
                let refundable = self.captured_amount - self.refunded_amount;
                if amount > refundable {
                    return Err(Refusal(format!(
                        "error_overAmount: refund {amount} exceeds the refundable {refundable}"
                    )));
                }
                self.refunded_amount += amount;
                self.settles_at = Some(next_settlement(now));
                self.push_entry(CloseKind::Refund, amount, now);
                Ok(())
            }
            (Action::Abandon, CardState::Authorised) => {
                self.state = CardState::Abandoned;
                Ok(())
            }
            (Action::Refund, CardState::Authorised) => {
                Err(Refusal("error_notClosed: nothing is captured yet; use N to abandon the authorisation".into()))
            }
            (_, CardState::Abandoned) => Err(Refusal("error_abandoned: the authorisation was abandoned".into())),
            (action, state) => Err(Refusal(format!(
                "error_state: action {} is not allowed while {}",
                action.code(),
                state_name(state)
            ))),
        }
    }

    /// Settles whatever is pending if `now` has reached the settlement point; true if it did.
    pub fn settle(&mut self, now: i64) -> bool {
        match self.settles_at {
            Some(at) if now >= at => {
                if self.state == CardState::CapturePending {
                    self.state = CardState::Captured;
                }
                for entry in &mut self.close_data {
                    entry.settled = true;
                }
                self.settles_at = None;
                true
            }
            _ => false,
        }
    }

    /// QueryTrade/V2's status word for this payment.
    pub fn status_word(&self) -> &'static str {
        match self.state {
            CardState::Authorised => "已授權",
            CardState::CapturePending => "要關帳",
            CardState::Abandoned => "已取消",
            CardState::Captured if self.refunded_amount == 0 => "已關帳",
            CardState::Captured if self.close_data.iter().any(|e| e.kind == CloseKind::Refund && !e.settled) => {
                "要退款"
            }
            CardState::Captured => "已退款",
        }
    }

    /// The captured amount less refunds: QueryTrade/V2's clsamt.
    pub fn net_captured(&self) -> i64 {
        self.captured_amount - self.refunded_amount
    }

    fn push_entry(&mut self, kind: CloseKind, amount: i64, now: i64) {
        let sno = self.close_data.len() as u32 + 1;
        self.close_data.push(CloseEntry {
            sno,
            kind,
            amount,
            datetime: TaiwanDateTime::from_unix(now).trade_date(),
            settled: false,
        });
    }
}

impl CloseEntry {
    /// The close_data status word of this entry.
    pub fn status_word(&self) -> &'static str {
        match (self.kind, self.settled) {
            (CloseKind::Capture, false) => "要關帳",
            (CloseKind::Capture, true) => "已關帳",
            (CloseKind::Refund, false) => "要退款",
            (CloseKind::Refund, true) => "已退款",
        }
    }
}

fn state_name(state: &CardState) -> &'static str {
    match state {
        CardState::Authorised => "authorised",
        CardState::CapturePending => "capture pending",
        CardState::Captured => "captured",
        CardState::Abandoned => "abandoned",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2024/01/01 10:00:00 Taiwan time.
    const MORNING: i64 = 1_704_074_400;

    fn paid(amount: i64) -> CardPayment {
        CardPayment::authorised("10000001".into(), "777777".into(), amount, MORNING)
    }

    #[test]
    fn settlement_is_the_next_8pm_taiwan_time() {
        assert_eq!(TaiwanDateTime::from_unix(next_settlement(MORNING)).trade_date(), "2024/01/01 20:00:00");
        let at_8pm = next_settlement(MORNING);
        assert_eq!(TaiwanDateTime::from_unix(next_settlement(at_8pm)).trade_date(), "2024/01/02 20:00:00");
    }

    #[test]
    fn capture_settles_then_partial_refunds_until_nothing_is_left() {
        let mut p = paid(1000);
        assert_eq!(
            p.apply(Action::Capture, 1001, MORNING),
            Err(Refusal("error_overAmount: capture 1001 exceeds the authorised 1000".into()))
        );
        p.apply(Action::Capture, 900, MORNING).unwrap();
        assert_eq!(p.status_word(), "要關帳");
        assert!(!p.settle(MORNING + 3600));
        assert!(p.settle(next_settlement(MORNING)));
        assert_eq!(p.status_word(), "已關帳");
        p.apply(Action::Refund, 400, MORNING + 86_400).unwrap();
        assert_eq!(p.status_word(), "要退款");
        assert!(p.apply(Action::Refund, 501, MORNING + 86_400).is_err());
        p.apply(Action::Refund, 500, MORNING + 86_400).unwrap();
        assert!(p.apply(Action::Refund, 1, MORNING + 86_400).is_err());
        assert!(p.settle(MORNING + 3 * 86_400));
        assert_eq!(p.status_word(), "已退款");
        assert_eq!(p.net_captured(), 0);
        assert_eq!(p.close_data.iter().map(|e| e.status_word()).collect::<Vec<_>>(), ["已關帳", "已退款", "已退款"]);
    }

    #[test]
    fn refund_before_capture_and_full_refund_of_pending_capture_are_refused() {
        let mut p = paid(500);
        assert!(p.apply(Action::Refund, 100, MORNING).unwrap_err().0.starts_with("error_notClosed"));
        p.apply(Action::Capture, 500, MORNING).unwrap();
        assert!(p.apply(Action::Refund, 500, MORNING).is_err());
        p.apply(Action::Refund, 200, MORNING).unwrap();
        assert_eq!(p.captured_amount, 300);
        assert_eq!(p.close_data[0].amount, 300);
        // E then N: the full refund of a pending capture.
        p.apply(Action::CancelCapture, 300, MORNING).unwrap();
        assert_eq!(p.state, CardState::Authorised);
        assert!(p.close_data.is_empty());
        p.apply(Action::Abandon, 500, MORNING).unwrap();
        assert!(p.apply(Action::Capture, 500, MORNING).unwrap_err().0.starts_with("error_abandoned"));
    }

    #[test]
    fn actions_out_of_place_are_refused() {
        let mut p = paid(500);
        assert!(p.apply(Action::CancelCapture, 500, MORNING).is_err());
        p.apply(Action::Capture, 500, MORNING).unwrap();
        assert!(p.apply(Action::Capture, 500, MORNING).is_err());
        assert!(p.apply(Action::Abandon, 500, MORNING).is_err());
        assert!(p.apply(Action::Capture, 0, MORNING).is_err());
    }
}
