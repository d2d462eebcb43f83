//! A recurring card schedule (定期定額): the first charge at checkout, then one per period on the
//! simulator's clock until ExecTimes charges have run or the merchant cancels.

use omg_core::order::PeriodType;
use omg_core::taiwan_time::TaiwanDateTime;
use serde::Serialize;

/// QueryCreditCardPeriodInfo's ExecStatus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExecStatus {
    Cancelled,
    Running,
    Finished,
}

impl ExecStatus {
    /// `0` cancelled, `1` running, `2` finished.
    pub fn code(&self) -> &'static str {
        match self {
            ExecStatus::Cancelled => "0",
            ExecStatus::Running => "1",
            ExecStatus::Finished => "2",
        }
    }
}

/// One executed charge (an ExecLog entry).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Charge {
    /// 1 for the first charge at checkout.
    pub period: u32,
    pub success: bool,
    pub rtn_code: i64,
    pub rtn_msg: String,
    pub amount: i64,
    pub gwsr: String,
    pub auth_code: String,
    /// Taiwan time `yyyy/MM/dd HH:mm:ss`.
    pub process_date: String,
    pub trade_no: String,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Schedule {
    #[serde(serialize_with = "crate::terms::wire_period_type")]
    pub period_type: PeriodType,
    pub frequency: u32,
    pub exec_times: u32,
    pub amount: i64,
    /// The time of the first charge: later periods are counted from it.
    pub started_at: i64,
    pub status: ExecStatus,
    pub charges: Vec<Charge>,
    /// How many of the coming charges the control API asked to fail.
    pub fail_next: u32,
}

impl Schedule {
    pub fn new(period_type: PeriodType, frequency: u32, exec_times: u32, amount: i64, started_at: i64) -> Self {
        Schedule {
            period_type,
            frequency,
            exec_times,
            amount,
            started_at,
            status: ExecStatus::Running,
            charges: Vec::new(),
            fail_next: 0,
        }
    }

    /// When charge number `period` (1-based) falls due: `started_at` plus (period-1) periods,
    /// counted in calendar days, months or years of Taiwan time (a 31st becomes the month's last day).
    pub fn due_at(&self, period: u32) -> i64 {
        let steps = i64::from(period.saturating_sub(1)) * i64::from(self.frequency);
        let start = TaiwanDateTime::from_unix(self.started_at);
        match self.period_type {
            PeriodType::Day => self.started_at + steps * 86_400,
            PeriodType::Month => add_months(start, steps).to_unix(),
            PeriodType::Year => add_months(start, steps * 12).to_unix(),
        }
    }

    /// The next charge's period number and due time, while the schedule runs.
    pub fn next_due(&self) -> Option<(u32, i64)> {
        if self.status != ExecStatus::Running {
            return None;
        }
        let period = self.charges.len() as u32 + 1;
        (period <= self.exec_times).then(|| (period, self.due_at(period)))
    }

    /// Records a charge and finishes the schedule after the last one.
    pub fn record(&mut self, charge: Charge) {
        self.charges.push(charge);
        if self.charges.len() as u32 >= self.exec_times && self.status == ExecStatus::Running {
            self.status = ExecStatus::Finished;
        }
    }

    /// Takes one pending forced failure, if any: true means the next charge must fail.
    pub fn take_forced_failure(&mut self) -> bool {
        if self.fail_next > 0 {
            self.fail_next -= 1;
            true
        } else {
            false
        }
    }

    pub fn total_success_times(&self) -> u32 {
        self.charges.iter().filter(|c| c.success).count() as u32
    }

    pub fn total_success_amount(&self) -> i64 {
        self.charges.iter().filter(|c| c.success).map(|c| c.amount).sum()
    }
}

fn add_months(t: TaiwanDateTime, months: i64) -> TaiwanDateTime {
    let index = t.year * 12 + i64::from(t.month) - 1 + months;
    let year = index.div_euclid(12);
    let month = (index.rem_euclid(12) + 1) as u32;
    let day = t.day.min(last_day(year, month));
    TaiwanDateTime { year, month, day, ..t }
}

fn last_day(year: i64, month: u32) -> u32 {
    // The day before the 1st of the next month.
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    let first_next = TaiwanDateTime { year: ny, month: nm, day: 1, hour: 12, minute: 0, second: 0 }.to_unix();
    TaiwanDateTime::from_unix(first_next - 86_400).day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> i64 {
        TaiwanDateTime::parse(s).unwrap().to_unix()
    }

    fn show(unix: i64) -> String {
        TaiwanDateTime::from_unix(unix).trade_date()
    }

    #[test]
    fn monthly_schedule_keeps_the_day_or_the_last_day() {
        let s = Schedule::new(PeriodType::Month, 1, 4, 100, at("2024/01/31 09:00:00"));
        assert_eq!(show(s.due_at(1)), "2024/01/31 09:00:00");
        assert_eq!(show(s.due_at(2)), "2024/02/29 09:00:00");
        assert_eq!(show(s.due_at(3)), "2024/03/31 09:00:00");
        assert_eq!(show(s.due_at(13)), "2025/01/31 09:00:00");
    }

    #[test]
    fn daily_and_yearly_steps() {
        let d = Schedule::new(PeriodType::Day, 3, 5, 100, at("2024/12/30 09:00:00"));
        assert_eq!(show(d.due_at(2)), "2025/01/02 09:00:00");
        let y = Schedule::new(PeriodType::Year, 1, 3, 100, at("2024/02/29 09:00:00"));
        assert_eq!(show(y.due_at(2)), "2025/02/28 09:00:00");
    }

    #[test]
    fn schedule_finishes_after_exec_times_and_counts_successes() {
        let mut s = Schedule::new(PeriodType::Day, 1, 2, 100, 0);
        s.fail_next = 1;
        let charge = |period, success| Charge {
            period,
            success,
            rtn_code: if success { crate::gateway::SUCCESS } else { crate::gateway::FAILED_RTN_CODE },
            rtn_msg: String::new(),
            amount: 100,
            gwsr: String::new(),
            auth_code: String::new(),
            process_date: String::new(),
            trade_no: String::new(),
            at: 0,
        };
        assert_eq!(s.next_due().map(|d| d.0), Some(1));
        s.record(charge(1, true));
        assert!(s.take_forced_failure());
        assert!(!s.take_forced_failure());
        s.record(charge(2, false));
        assert_eq!(s.status, ExecStatus::Finished);
        assert_eq!(s.next_due(), None);
        assert_eq!((s.total_success_times(), s.total_success_amount()), (1, 100));
    }
}
