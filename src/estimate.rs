//! The cost and time of one program for one learner: its price at their pace, aid, and its
//! months with how they were made. Pure; routes of several programs build on it (`route`).

use anyhow::{Result, bail};

use crate::catalog::{Amount, Pacing, Program};
use crate::money::Money;
use crate::named::named_enum;
use crate::pace::{self, Basis, Calendar, Pace};
use crate::schedule::Finances;

pub use crate::pace::WEEKS_PER_MONTH;

/// What the learner told us about themselves.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Request {
    /// Hours a week and courses a term.
    pub pace: Pace,
    /// Share of the cost the learner hopes aid will remove, in [0, 1].
    pub aid: Option<f64>,
    /// Money over time: the start, an employer's help, a salary gain.
    pub finances: Finances,
}

/// How the credential's price was worked out.
#[derive(Debug, Clone, PartialEq)]
pub enum CostBasis {
    /// The catalogue's `cost`.
    Advertised,
    /// The fee parts at the learner's pace.
    Fees { terms: u32, parts: Vec<FeePart> },
}

named_enum! {
    /// A kind of fee, as a fee table names it.
    FeeKind {
        PerCourse = "per course",
        PerCredit = "per credit",
        PerTerm = "per term",
        OneOff = "one-off",
    }
}

/// One fee part at the learner's pace: `count` times `each`, in the display currency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeePart {
    pub kind: FeeKind,
    /// Courses, credits or terms charged (1 for a one-off fee).
    pub count: f64,
    pub each: f64,
}

impl FeePart {
    /// What the part comes to.
    pub fn total(self) -> f64 {
        self.count * self.each
    }
}

/// How a figure of an estimate was made, for the learner to know; the command words it.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// The advertised cost, though fee parts could price the learner's own pace.
    AdvertisedPriceHasFees,
    /// The fee parts at `per_term` courses a term, over `terms` terms.
    FeePrice { per_term: u32, terms: u32 },
    /// The program lists no aid, so none is applied.
    NoAid { id: String },
    /// Aid capped at what the program lists.
    AidCapped { id: String, limit: f64, asked: f64 },
    /// Months are terms of a fixed length; `per_term` courses a term, from the learner's hours
    /// over one course's where `from_hours`, lowered to the program's limit where `capped`.
    Terms {
        terms: (u32, u32),
        per_term: (u32, u32),
        term_months: f64,
        from_hours: bool,
        capped: bool,
    },
    /// The learner's weekly hours are not used: terms set the calendar.
    HoursIgnored,
    /// Months from the advertised effort at the learner's weekly hours.
    Pace { hours: f64 },
    /// Course runs follow a schedule: the calendar may not shrink with a faster pace.
    Scheduled,
    /// Advertised months: the program gives no effort to turn into the learner's pace.
    NoEffort { id: String },
    /// Advertised months.
    AdvertisedMonths,
    /// The pace overruns the program's time limit, in months.
    OverLimit { id: String, max_months: f64 },
}

/// One program's cost and time for this learner, in the display currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub id: String,
    pub name: String,
    pub currency: String,
    /// Before aid.
    pub full_cost: Option<Amount>,
    /// After aid.
    pub cost: Option<Amount>,
    pub cost_basis: CostBasis,
    /// The share of the cost aid removes, after any cap.
    pub aid: f64,
    pub effort_hours: Option<Amount>,
    /// The months at the learner's pace, and how they were made.
    pub calendar: Calendar,
    /// What the learner should know about how the figures were made.
    pub notes: Vec<Note>,
}

/// What `program` costs in full at the learner's courses a term: its fee parts at that pace
/// where it lists priced parts, else its advertised cost. `None` for the terms where they are
/// not known.
pub fn price(program: &Program, money: &Money, courses_per_term: Option<u32>) -> (Option<Amount>, CostBasis) {
    let advertised = (money.cost_of(program), CostBasis::Advertised);
    let (Some(per_term), Some(fees)) = (courses_per_term, &program.fees) else {
        return advertised;
    };
    if !fees.has_price() {
        return advertised;
    }
    let courses = program.courses.unwrap_or(0);
    let terms = courses.div_ceil(per_term.max(1));
    let mut parts = Vec::new();
    let convert = |v: f64| money.convert_value(v, &program.currency);
    let mut part = |kind, fee: Option<f64>, count: Option<f64>| {
        if let (Some(fee), Some(count)) = (fee, count) {
            parts.push(FeePart {
                kind,
                count,
                each: convert(fee),
            });
        }
    };
    part(FeeKind::PerCourse, fees.per_course, Some(f64::from(courses)));
    part(FeeKind::PerCredit, fees.per_credit, program.credits);
    part(FeeKind::PerTerm, fees.per_term, Some(f64::from(terms)));
    part(FeeKind::OneOff, fees.one_off, Some(1.0));
    let total = parts.iter().map(|p| p.total()).sum();
    (Some(Amount::exact(total)), CostBasis::Fees { terms, parts })
}

/// The share of `program`'s cost aid removes when the learner asks for `asked`: at most what
/// the program lists (0 where it lists none), with the note that says so.
pub fn aid(program: &Program, asked: Option<f64>) -> (f64, Option<Note>) {
    let limit = program.financial_aid.unwrap_or(0.0);
    match asked {
        None => (0.0, None),
        Some(asked) if asked > limit => {
            let id = program.id.to_string();
            let note = if program.financial_aid.is_none() {
                Note::NoAid { id }
            } else {
                Note::AidCapped { id, limit, asked }
            };
            (limit, Some(note))
        }
        Some(asked) => (asked, None),
    }
}

/// Estimates `program` for `request`. `--courses-per-term` needs a program with fee parts or
/// terms: elsewhere it is an error, so that the learner knows it was not used.
pub fn estimate(program: &Program, money: &Money, request: &Request) -> Result<Estimate> {
    if request.pace.courses_per_term.is_some() && program.fees.is_none() {
        bail!(
            "`{}` lists no fee parts, so --courses-per-term cannot price it; drop the option to use its advertised cost",
            program.id
        );
    }
    let mut notes = Vec::new();
    let (full_cost, cost_basis) = price(program, money, request.pace.courses_per_term);
    match &cost_basis {
        CostBasis::Advertised if program.fees.is_some() && request.pace.courses_per_term.is_none() => {
            notes.push(Note::AdvertisedPriceHasFees);
        }
        CostBasis::Fees { terms, .. } => notes.push(Note::FeePrice {
            per_term: request.pace.courses_per_term.unwrap_or(1),
            terms: *terms,
        }),
        CostBasis::Advertised => {}
    }
    let (aid, aid_note) = aid(program, request.aid);
    notes.extend(aid_note);
    let cost = full_cost.map(|c| c.scale(1.0 - aid));
    let effort_hours = match (program.months, program.hours_per_week) {
        (Some(m), Some(h)) => Some(Amount::range(
            m.min * WEEKS_PER_MONTH * h.min,
            m.max * WEEKS_PER_MONTH * h.max,
        )),
        _ => None,
    };
    let calendar = pace::calendar(program, 1.0, request.pace);
    notes.extend(months_notes(program, &calendar, request.pace));
    Ok(Estimate {
        id: program.id.to_string(),
        name: program.name.to_string(),
        currency: money.display.clone(),
        full_cost,
        cost,
        cost_basis,
        aid,
        effort_hours,
        calendar,
        notes,
    })
}

/// How the months of `calendar` were made, for the learner to know.
pub fn months_notes(program: &Program, calendar: &Calendar, pace: Pace) -> Vec<Note> {
    let mut notes = Vec::new();
    match calendar.basis {
        Basis::Terms {
            per_term,
            terms,
            term_months,
            from_hours,
            capped,
            ..
        } => {
            notes.push(Note::Terms {
                terms,
                per_term,
                term_months,
                from_hours,
                capped,
            });
            if pace.hours_per_week.is_some() && !from_hours {
                notes.push(Note::HoursIgnored);
            }
        }
        Basis::Effort { hours } => {
            notes.push(Note::Pace { hours });
            if matches!(program.pacing, Pacing::InstructorLed | Pacing::Both) {
                notes.push(Note::Scheduled);
            }
        }
        Basis::Advertised if pace.hours_per_week.is_some() => notes.push(Note::NoEffort {
            id: program.id.to_string(),
        }),
        Basis::Advertised => notes.push(Note::AdvertisedMonths),
    }
    if let (true, Some(max_months)) = (calendar.over_limit, program.rare.max_months) {
        notes.push(Note::OverLimit {
            id: program.id.to_string(),
            max_months,
        });
    }
    notes
}
