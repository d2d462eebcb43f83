//! Taiwan time (UTC+8, no daylight saving): the gateway's dates are written in it
//! (`yyyy/MM/dd HH:mm:ss`), whatever the merchant server's own time zone.

const OFFSET_SECONDS: i64 = 8 * 3600;

/// A broken-down Taiwan-time instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaiwanDateTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl TaiwanDateTime {
    pub fn from_unix(unix: i64) -> Self {
        let local = unix + OFFSET_SECONDS;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        TaiwanDateTime {
            year,
            month,
            day,
            hour: (secs / 3600) as u32,
            minute: (secs % 3600 / 60) as u32,
            second: (secs % 60) as u32,
        }
    }

    pub fn to_unix(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - OFFSET_SECONDS
    }

    /// `yyyy/MM/dd HH:mm:ss`, the MerchantTradeDate form.
    pub fn trade_date(&self) -> String {
        format!(
            "{:04}/{:02}/{:02} {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// `yyyy/MM/dd`, the ATM ExpireDate form.
    pub fn date(&self) -> String {
        format!("{:04}/{:02}/{:02}", self.year, self.month, self.day)
    }

    /// `yyMMddHHmmss`, the stamp in generated MerchantTradeNos.
    pub fn compact_stamp(&self) -> String {
        format!(
            "{:02}{:02}{:02}{:02}{:02}{:02}",
            self.year.rem_euclid(100),
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second
        )
    }

    /// Parses `yyyy/MM/dd HH:mm:ss` (also accepts one-digit month, day and hour, as some gateway
    /// replies write them). None when it is not a real date and time.
    pub fn parse(s: &str) -> Option<Self> {
        let (date, time) = s.trim().split_once(' ')?;
        let mut d = date.split('/');
        let year: i64 = d.next()?.parse().ok()?;
        let month: u32 = d.next()?.parse().ok()?;
        let day: u32 = d.next()?.parse().ok()?;
        if d.next().is_some() {
            return None;
        }
        let mut t = time.split(':');
        let hour: u32 = t.next()?.parse().ok()?;
        let minute: u32 = t.next()?.parse().ok()?;
        let second: u32 = t.next()?.parse().ok()?;
        if t.next().is_some()
            || hour > 23
            || minute > 59
            || second > 59
            || !(1..=12).contains(&month)
            || !(1000..=9999).contains(&year)
        {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(TaiwanDateTime { year, month, day, hour, minute, second })
    }
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian calendar).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_midnight_is_8am_in_taiwan() {
        // 2024-01-01T00:00:00Z
        let t = TaiwanDateTime::from_unix(1_704_067_200);
        assert_eq!(t.trade_date(), "2024/01/01 08:00:00");
        assert_eq!(t.compact_stamp(), "240101080000");
        assert_eq!(t.to_unix(), 1_704_067_200);
    }

    #[test]
    fn late_utc_evening_is_next_day_in_taiwan() {
        // 2024-02-28T20:30:05Z -> 2024/02/29 04:30:05 (leap day)
        assert_eq!(TaiwanDateTime::from_unix(1_709_152_205).trade_date(), "2024/02/29 04:30:05");
    }

    #[test]
    fn parse_round_trips_and_rejects_impossible_dates() {
        let t = TaiwanDateTime::parse("2013/03/12 15:30:23").unwrap();
        assert_eq!(TaiwanDateTime::from_unix(t.to_unix()), t);
        assert!(TaiwanDateTime::parse("2023/02/29 10:00:00").is_none());
        assert!(TaiwanDateTime::parse("2024-01-01 10:00:00").is_none());
        assert!(TaiwanDateTime::parse("2024/01/01 24:00:00").is_none());
        assert!(TaiwanDateTime::parse("2024/01/01").is_none());
    }
}
