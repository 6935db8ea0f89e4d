//! Calendar dates as the catalogue writes them (`2026-11-28`), and today's date.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A day in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Today, by the system clock, in UTC.
    ///
    /// `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention), when set,
    /// stands for the clock, so that output that depends on the day can be reproduced.
    pub fn today() -> Date {
        // Asked once per entry while loading: read the clock once per process.
        static TODAY: std::sync::OnceLock<Date> = std::sync::OnceLock::new();
        *TODAY.get_or_init(|| {
            let seconds = std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|s| s.trim().parse::<i64>().ok())
                .unwrap_or_else(|| {
                    SystemTime::now()
                        .duration_since(UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs() as i64)
                });
            Date::from_days_since_epoch(seconds.div_euclid(86_400))
        })
    }

    /// Whole days from `self` to `later`.
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_through_the_calendar() {
        for days in [-800_000, -1, 0, 1, 59, 60, 11_016, 20_785, 2_932_896] {
            let date = Date::from_days_since_epoch(days);
            assert_eq!(date.days_since_epoch(), days, "{date}");
        }
    }

    #[test]
    fn known_dates_have_known_day_numbers() {
        let leap = Date {
            year: 2024,
            month: 2,
            day: 29,
        };
        assert_eq!(leap.days_since_epoch(), 19_782);
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        let a = Date {
            year: 2025,
            month: 11,
            day: 28,
        };
        let b = Date {
            year: 2026,
            month: 11,
            day: 28,
        };
        assert_eq!(a.days_until(b), 365);
    }
}
