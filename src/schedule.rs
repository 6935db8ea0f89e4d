//! Money over time: when a route's payments fall, by calendar year; what an employer covers
//! under a yearly cap; what the learner pays out of pocket; when a salary gain repays it. Pure.

use std::collections::BTreeMap;
use std::fmt;

use crate::catalog::{Amount, Delivery, Program};
use crate::pace::Basis;
use crate::route::{Route, Step};

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl Month {
    /// The month `months` (whole) after this one.
    #[must_use]
    pub fn plus(self, months: u32) -> Month {
        let index = self.year * 12 + (self.month as i32 - 1) + months as i32;
        Month {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    /// Parses `YYYY-MM`.
    pub fn parse(text: &str) -> Result<Month, String> {
        let wrong = || format!("`{text}` is not a month like `2027-01`");
        let (year, month) = text.trim().split_once('-').ok_or_else(wrong)?;
        let (year, month): (i32, u32) = (
            year.parse().map_err(|_| wrong())?,
            month.parse().map_err(|_| wrong())?,
        );
        if !(1..=12).contains(&month) || !(1900..=2200).contains(&year) || year.to_string().len() != 4 {
            return Err(wrong());
        }
        Ok(Month { year, month })
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// From when a salary gain counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GainFrom {
    /// From the month after the route ends.
    #[default]
    Finish,
    /// From the month the route starts.
    Start,
}

/// What the learner said about money over time.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Finances {
    pub start: Option<Month>,
    /// The most an employer reimburses in one calendar year, in the display currency.
    pub employer_cap: Option<f64>,
    /// The share of each payment the employer reimburses (within the cap), in [0, 1]; 1 when
    /// only a cap is given, and no employer when neither is.
    pub employer_share: Option<f64>,
    /// A salary gain a year, in the display currency.
    pub salary_gain: Option<f64>,
    pub gain_from: GainFrom,
    /// Living costs or income given up for each month of a campus or blended step.
    pub campus_cost_per_month: Option<f64>,
}

impl Finances {
    /// Whether the learner asked about money over time at all.
    pub fn given(&self) -> bool {
        self.start.is_some()
            || self.employer_cap.is_some()
            || self.employer_share.is_some()
            || self.salary_gain.is_some()
            || self.campus_cost_per_month.is_some()
    }
}

/// One calendar year of a route: what falls due, what the employer pays back, what is left to
/// the learner (low ends, and the high ends where the figures are ranges).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Year {
    pub year: i32,
    pub total: Amount,
    pub employer: Amount,
    /// Tuition less the employer's part, plus the campus months' own cost.
    pub out_of_pocket: Amount,
}

/// A route over time.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub start: Month,
    /// The month the route ends in, at the low and the high end of its months.
    pub finish: (Month, Month),
    pub years: Vec<Year>,
    pub out_of_pocket: Amount,
    pub employer: Amount,
    /// Months from the chosen point (`gain_from`) until the gain has repaid what the learner
    /// paid; `None` without a salary gain.
    pub payback_months: Option<Amount>,
}

/// One payment: when (months after the start) and how much; `tuition` payments are the ones
/// an employer reimburses.
#[derive(Debug, Clone, Copy)]
struct Payment {
    at: f64,
    amount: f64,
    tuition: bool,
}

/// The route's schedule for `finances`, from `start`; `None` where a cost or a duration of the
/// route is unknown (a schedule of bounds would promise more than is known).
pub fn schedule(route: &Route, finances: &Finances, start: Month) -> Option<Schedule> {
    route.total_cost.amount()?;
    route.total_months.amount()?;
    let low = payments(route, finances, |a| a.min);
    let high = payments(route, finances, |a| a.max);
    // No employer unless the learner names one (a cap or a share); then 100% by default.
    let share = finances
        .employer_share
        .unwrap_or(if finances.employer_cap.is_some() { 1.0 } else { 0.0 });
    let (low_years, high_years) = (
        by_year(&low?, start, share, finances.employer_cap),
        by_year(&high?, start, share, finances.employer_cap),
    );
    let mut years: BTreeMap<i32, Year> = BTreeMap::new();
    let zero = Amount::exact(0.0);
    for (y, (total, employer, out)) in &low_years {
        years.insert(
            *y,
            Year {
                year: *y,
                total: Amount::range(*total, 0.0),
                employer: Amount::range(*employer, 0.0),
                out_of_pocket: Amount::range(*out, 0.0),
            },
        );
    }
    for (y, (total, employer, out)) in &high_years {
        let entry = years.entry(*y).or_insert(Year {
            year: *y,
            total: zero,
            employer: zero,
            out_of_pocket: zero,
        });
        entry.total.max = *total;
        entry.employer.max = *employer;
        entry.out_of_pocket.max = *out;
    }
    let sum = |years: &BTreeMap<i32, (f64, f64, f64)>, part: fn(&(f64, f64, f64)) -> f64| {
        years.values().map(part).sum::<f64>()
    };
    let out_of_pocket = Amount::range(sum(&low_years, |v| v.2), sum(&high_years, |v| v.2));
    let employer = Amount::range(sum(&low_years, |v| v.1), sum(&high_years, |v| v.1));
    let months = route.total_months.amount()?;
    let finish = |m: f64| start.plus(m.ceil().max(1.0) as u32 - 1);
    let payback_months = finances.salary_gain.filter(|g| *g > 0.0).map(|gain| {
        let monthly = gain / 12.0;
        Amount::range(out_of_pocket.min / monthly, out_of_pocket.max / monthly)
    });
    Some(Schedule {
        start,
        finish: (finish(months.min), finish(months.max)),
        years: years.into_values().collect(),
        out_of_pocket,
        employer,
        payback_months,
    })
}

/// Every payment of the route, each step's figures taken by `end` (its low or high end):
/// steps one after another; within a step, its fee parts when it lists them (per course at
/// each course's start, courses spread evenly over its months; per credit with the courses;
/// per term at each term's start; one-off at its start), else its cost spread evenly by month;
/// and the campus months' own cost, month by month.
fn payments(route: &Route, finances: &Finances, end: fn(Amount) -> f64) -> Option<Vec<Payment>> {
    let mut all = Vec::new();
    let mut offset = 0.0;
    for step in &route.steps {
        let cost = end(step.cost.amount()?);
        let months = end(step.months.amount()?);
        let program = step.taken.program();
        step_payments(step, program, cost, months, offset, &mut all);
        if let (Some(per_month), Some(p)) = (finances.campus_cost_per_month, program)
            && matches!(p.delivery, Delivery::Campus | Delivery::Blended)
        {
            spread(per_month * months, months, offset, false, &mut all);
        }
        offset += months;
    }
    Some(all)
}

/// `amount` spread over `months` from `from`: one payment a month, the last for the part month.
fn spread(amount: f64, months: f64, from: f64, tuition: bool, all: &mut Vec<Payment>) {
    if amount <= 0.0 {
        return;
    }
    if months <= 0.0 {
        all.push(Payment {
            at: from,
            amount,
            tuition,
        });
        return;
    }
    let whole = months.floor() as u32;
    let per_month = amount / months;
    for k in 0..whole {
        all.push(Payment {
            at: from + f64::from(k),
            amount: per_month,
            tuition,
        });
    }
    let part = months - f64::from(whole);
    if part > 1e-9 {
        all.push(Payment {
            at: from + f64::from(whole),
            amount: per_month * part,
            tuition,
        });
    }
}

/// One step's tuition payments: by its fee parts, in the proportions of its full fees, or spread
/// by month where it lists none.
fn step_payments(
    step: &Step,
    program: Option<&Program>,
    cost: f64,
    months: f64,
    from: f64,
    all: &mut Vec<Payment>,
) {
    let fees = program.and_then(|p| p.fees.as_deref());
    let Some((program, fees)) = program.zip(fees).filter(|(_, f)| f.has_price()) else {
        spread(cost, months, from, true, all);
        return;
    };
    let courses_total = f64::from(program.courses.unwrap_or(1).max(1));
    let (courses, terms, term_months) = if let Some(Basis::Terms {
        courses,
        terms,
        term_months,
        ..
    }) = step.calendar.map(|c| c.basis)
    {
        (f64::from(courses), f64::from(terms.0), Some(term_months))
    } else {
        let left = step.share.map_or(1.0, |s| 1.0 - s);
        let term_months = fees.term_months;
        let terms = term_months.map_or(1.0, |t| (months / t).ceil().max(1.0));
        ((courses_total * left).ceil(), terms, term_months)
    };
    let parts = [
        fees.per_course.unwrap_or(0.0) * courses_total,
        fees.per_credit.unwrap_or(0.0) * program.credits.unwrap_or(0.0),
        fees.per_term.unwrap_or(0.0) * terms,
        fees.one_off.unwrap_or(0.0),
    ];
    let whole: f64 = parts.iter().sum();
    if whole <= 0.0 {
        spread(cost, months, from, true, all);
        return;
    }
    let share = |part: f64| cost * part / whole;
    // Per course and per credit: at each course's start.
    let by_course = share(parts[0]) + share(parts[1]);
    if by_course > 0.0 {
        let n = courses.max(1.0);
        for k in 0..n as u32 {
            all.push(Payment {
                at: from + months * f64::from(k) / n,
                amount: by_course / n,
                tuition: true,
            });
        }
    }
    if parts[2] > 0.0 {
        let n = terms.max(1.0);
        let step_months = term_months.unwrap_or(months / n);
        for k in 0..n as u32 {
            all.push(Payment {
                at: from + step_months * f64::from(k),
                amount: share(parts[2]) / n,
                tuition: true,
            });
        }
    }
    if parts[3] > 0.0 {
        all.push(Payment {
            at: from,
            amount: share(parts[3]),
            tuition: true,
        });
    }
}

/// Payments summed by calendar year: (total, employer, out of pocket). The employer pays
/// `share` of each tuition payment, in order, until the year's `cap` is used up.
fn by_year(
    payments: &[Payment],
    start: Month,
    share: f64,
    cap: Option<f64>,
) -> BTreeMap<i32, (f64, f64, f64)> {
    let mut sorted: Vec<Payment> = payments.to_vec();
    sorted.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut years: BTreeMap<i32, (f64, f64, f64)> = BTreeMap::new();
    for p in sorted {
        let year = start.plus(p.at.floor().max(0.0) as u32).year;
        let entry = years.entry(year).or_default();
        let employer = if p.tuition {
            let asked = share * p.amount;
            cap.map_or(asked, |cap| asked.min((cap - entry.1).max(0.0)))
        } else {
            0.0
        };
        entry.0 += p.amount;
        entry.1 += employer;
        entry.2 += p.amount - employer;
    }
    years
}

/// The first month of the route where the learner gave none: the month after today.
pub fn default_start(today: crate::catalog::Date) -> Month {
    Month {
        year: today.year,
        month: today.month,
    }
    .plus(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_count_on_across_years() {
        let m = Month {
            year: 2026,
            month: 11,
        };
        assert_eq!(m.plus(2), Month { year: 2027, month: 1 });
        assert_eq!(m.plus(14).to_string(), "2028-01");
        assert_eq!(Month::parse("2027-03"), Ok(Month { year: 2027, month: 3 }));
        assert!(Month::parse("2027-13").is_err());
        assert!(Month::parse("27-03").is_err());
    }

    #[test]
    fn an_employer_pays_its_share_until_the_years_cap() {
        let start = Month {
            year: 2027,
            month: 11,
        };
        let payments = [
            Payment {
                at: 0.0,
                amount: 4000.0,
                tuition: true,
            },
            Payment {
                at: 1.0,
                amount: 4000.0,
                tuition: true,
            },
            Payment {
                at: 2.0,
                amount: 4000.0,
                tuition: true,
            },
            Payment {
                at: 2.0,
                amount: 500.0,
                tuition: false,
            },
        ];
        // 2027: 4,000 + 4,000, capped at 5,250; 2028: 4,000 (all of it) and 500 of campus costs.
        let years = by_year(&payments, start, 1.0, Some(5250.0));
        assert_eq!(years[&2027], (8000.0, 5250.0, 2750.0));
        assert_eq!(years[&2028], (4500.0, 4000.0, 500.0));
        let half = by_year(&payments, start, 0.5, Some(5250.0));
        assert_eq!(half[&2027], (8000.0, 4000.0, 4000.0));
    }
}
