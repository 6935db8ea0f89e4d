//! The learner's pace: how many months a program, or what is left of it, takes at the
//! learner's weekly hours or courses a term. One rule for every step of every route. Pure.

use crate::catalog::{Amount, Program};

/// Weeks in an average month: effort is months x `WEEKS_PER_MONTH` x hours per week.
pub const WEEKS_PER_MONTH: f64 = 52.0 / 12.0;

/// The most courses a term a learner may ask for.
pub const MAX_COURSES_PER_TERM: u32 = 12;

/// How fast the learner goes; both unknown means the advertised calendar.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Pace {
    /// Hours a week the learner will study (> 0).
    pub hours_per_week: Option<f64>,
    /// Courses the learner will take each term (1 to `MAX_COURSES_PER_TERM`).
    pub courses_per_term: Option<u32>,
}

impl Pace {
    /// Whether the learner gave a pace at all.
    pub fn given(self) -> bool {
        self.hours_per_week.is_some() || self.courses_per_term.is_some()
    }
}

/// How a calendar was worked out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Basis {
    /// Terms of `term_months` months, `per_term` courses each (fewest and most); `courses` is
    /// what was left to take, `from_hours` when the courses a term came from the learner's
    /// hours, `capped` when the program's own limit lowered them.
    Terms {
        courses: u32,
        per_term: (u32, u32),
        terms: (u32, u32),
        term_months: f64,
        from_hours: bool,
        capped: bool,
    },
    /// The advertised effort at the learner's hours a week.
    Effort { hours: f64 },
    /// The advertised months (as a share of them where part is credited).
    Advertised,
}

/// A program's months at the learner's pace, and how they were made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calendar {
    /// `None` where the months are unknown.
    pub months: Option<Amount>,
    pub basis: Basis,
    /// The pace would overrun the program's `max_months`.
    pub over_limit: bool,
}

impl Calendar {
    /// `"yours"` where the learner's pace set the months, `"advertised"` otherwise: the JSON
    /// `pace` key.
    pub fn pace(&self) -> &'static str {
        match self.basis {
            Basis::Advertised => "advertised",
            _ => "yours",
        }
    }
}

/// A program's months at `pace`, where the learner gave one; its advertised months otherwise.
pub fn months_at(program: &Program, pace: Pace) -> Option<Amount> {
    if pace.given() {
        calendar(program, 1.0, pace).months
    } else {
        program.months
    }
}

/// `x` rounded up, where a product like 10 x 0.7 that lands a hair above a whole number counts
/// as that number.
fn ceil(x: f64) -> f64 {
    let near = x.round();
    if (x - near).abs() < 1e-9 { near } else { x.ceil() }
}

/// The courses a term at `pace`: the learner's own number, else their hours over the weekly
/// hours of one course (at least 1), never above the program's limit. Fewest and most, whether
/// from hours, whether capped.
fn per_term(program: &Program, pace: Pace) -> Option<((u32, u32), bool, bool)> {
    let (range, from_hours) = match (
        pace.courses_per_term,
        pace.hours_per_week,
        program.rare.course_hours_per_week,
    ) {
        (Some(n), _, _) => ((n, n), false),
        (None, Some(hours), Some(course)) => {
            let take = |h: f64| ((hours / h).floor().clamp(1.0, f64::from(MAX_COURSES_PER_TERM))) as u32;
            ((take(course.max), take(course.min)), true)
        }
        _ => return None,
    };
    let cap = program.rare.max_courses_per_term.unwrap_or(u32::MAX);
    let capped = range.1 > cap;
    Some(((range.0.min(cap), range.1.min(cap)), from_hours, capped))
}

/// The months `program` takes at `pace`, of which `left` (0 to 1) is still to take: terms where
/// the program has terms and courses and the pace gives courses a term; else the advertised
/// effort at the learner's hours; else the advertised months. Courses left are
/// ⌈courses x left⌉; other months scale by `left`.
pub fn calendar(program: &Program, left: f64, pace: Pace) -> Calendar {
    let term_months = program.fees.as_ref().and_then(|f| f.term_months);
    let terms = match (program.courses, term_months, per_term(program, pace)) {
        (Some(courses), Some(term_months), Some((per_term, from_hours, capped))) => {
            let courses = ceil(f64::from(courses) * left).max(0.0) as u32;
            let terms = (courses.div_ceil(per_term.1), courses.div_ceil(per_term.0));
            Some((
                Amount::range(f64::from(terms.0) * term_months, f64::from(terms.1) * term_months),
                Basis::Terms {
                    courses,
                    per_term,
                    terms,
                    term_months,
                    from_hours,
                    capped,
                },
            ))
        }
        _ => None,
    };
    let (months, basis) = match (terms, pace.hours_per_week, program.hours_per_week, program.months) {
        (Some((months, basis)), _, _, _) => (Some(months), basis),
        (None, Some(hours), Some(effort), Some(advertised)) => {
            let at_pace = Amount::range(
                advertised.min * WEEKS_PER_MONTH * effort.min,
                advertised.max * WEEKS_PER_MONTH * effort.max,
            )
            .scale(1.0 / (hours * WEEKS_PER_MONTH));
            (Some(at_pace.scale(left)), Basis::Effort { hours })
        }
        _ => (program.months.map(|m| m.scale(left)), Basis::Advertised),
    };
    let over_limit = matches!((months, program.rare.max_months), (Some(m), Some(limit)) if m.max > limit);
    Calendar {
        months,
        basis,
        over_limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Admission, Delivery, Fees, Kind, Pacing, RareBox, Status};

    fn program(courses: u32, term_months: f64) -> Program {
        Program {
            id: "p".into(),
            name: "P".into(),
            kind: Kind::Masters,
            institution: "u".into(),
            platform: None,
            delivery: Delivery::Online,
            pacing: Pacing::InstructorLed,
            subjects: Vec::new(),
            courses: Some(courses),
            credits: None,
            admission: Admission::Selective,
            cost: None,
            currency: "USD".into(),
            financial_aid: None,
            fees: Some(Box::new(Fees {
                term_months: Some(term_months),
                ..Fees::default()
            })),
            months: Some(Amount::range(12.0, 36.0)),
            hours_per_week: None,
            credit: Vec::new(),
            status: Status::Active,
            url: None,
            verified: None,
            rare: RareBox::default(),
            source: 0,
            checked: None,
        }
    }

    #[test]
    fn terms_come_from_courses_a_term_and_round_up() {
        let p = program(10, 4.0);
        let two = Pace {
            courses_per_term: Some(2),
            ..Pace::default()
        };
        // 10 courses, 2 a term: 5 terms of 4 months.
        assert_eq!(calendar(&p, 1.0, two).months, Some(Amount::exact(20.0)));
        // 70% left: ⌈7⌉ = 7 courses (not 8: 10 x 0.7 is a hair above 7), 4 terms.
        assert_eq!(calendar(&p, 0.7, two).months, Some(Amount::exact(16.0)));
        assert_eq!(calendar(&p, 1.0, two).pace(), "yours");
    }

    #[test]
    fn hours_give_courses_a_term_through_the_weekly_hours_of_one_course_within_the_limit() {
        let mut p = program(12, 2.5);
        p.rare.course_hours_per_week = Some(Amount::range(15.0, 20.0));
        let hours = |h: f64| Pace {
            hours_per_week: Some(h),
            ..Pace::default()
        };
        // 10 hours: fewer than one course's, so one a term: 12 terms of 2.5 months.
        assert_eq!(calendar(&p, 1.0, hours(10.0)).months, Some(Amount::exact(30.0)));
        // 40 hours: 2 courses a term at 20 h each, 2 at 15 h (⌊40/15⌋ = 2): 6 terms.
        assert_eq!(calendar(&p, 1.0, hours(40.0)).months, Some(Amount::exact(15.0)));
        // 60 hours: 3 to 4 courses a term, 3 to 4 terms; a limit of 3 a term makes it 4 terms.
        assert_eq!(
            calendar(&p, 1.0, hours(60.0)).months,
            Some(Amount::range(7.5, 10.0))
        );
        p.rare.max_courses_per_term = Some(3);
        let capped = calendar(&p, 1.0, hours(60.0));
        assert_eq!(capped.months, Some(Amount::exact(10.0)));
        assert!(matches!(capped.basis, Basis::Terms { capped: true, .. }));
    }

    #[test]
    fn without_what_the_rule_needs_the_months_stay_advertised_and_say_so() {
        let mut p = program(10, 4.0);
        let hours = Pace {
            hours_per_week: Some(10.0),
            ..Pace::default()
        };
        let c = calendar(&p, 0.5, hours);
        assert_eq!(c.months, Some(Amount::range(6.0, 18.0)));
        assert_eq!(c.pace(), "advertised");
        // With advertised effort, the effort rule: 12-36 months at 10 h against 20 h a week.
        p.hours_per_week = Some(Amount::exact(20.0));
        assert_eq!(calendar(&p, 1.0, hours).months, Some(Amount::range(24.0, 72.0)));
    }

    #[test]
    fn a_pace_past_the_time_limit_is_flagged() {
        let mut p = program(10, 4.0);
        p.rare.max_months = Some(36.0);
        let one = Pace {
            courses_per_term: Some(1),
            ..Pace::default()
        };
        assert!(calendar(&p, 1.0, one).over_limit, "40 months against 36");
        assert!(!calendar(&p, 0.5, one).over_limit, "20 months");
    }
}
