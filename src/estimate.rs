//! The total cost and time of one program for one learner, and of a pathway to a degree. Pure.

use anyhow::{Result, bail};

use crate::catalog::{Amount, Catalog, Grants, Pacing, Pathway, PathwayKind, Program, Target, Tuition};
use crate::money::Money;
use crate::named::named_enum;

/// Weeks in an average month: effort is months x `WEEKS_PER_MONTH` x hours per week.
pub const WEEKS_PER_MONTH: f64 = 52.0 / 12.0;

/// What the learner told us about themselves.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    /// Hours a week the learner will study (> 0).
    pub hours_per_week: Option<f64>,
    /// Share of the cost the learner hopes aid will remove, in [0, 1].
    pub aid: Option<f64>,
    /// Courses the learner will take each term (>= 1).
    pub courses_per_term: Option<u32>,
    /// The degree the credential should count toward.
    pub then: Option<String>,
}

/// How the credential's price was worked out.
#[derive(Debug, Clone, PartialEq)]
pub enum CostBasis {
    /// The catalogue's `cost`.
    Advertised,
    /// The fee parts at the learner's pace.
    Fees { terms: Option<u32>, parts: Vec<FeePart> },
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

/// How the months were worked out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MonthsBasis {
    Advertised,
    /// At the learner's hours per week.
    Pace(f64),
    /// `terms` terms of `term_months` months.
    Terms {
        terms: u32,
        term_months: f64,
    },
}

/// The rest of a degree after the credential, beside the degree alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Then {
    pub id: String,
    pub name: String,
    /// The share the credential counts for: 0 for an admission-only route, `None` where no
    /// source gives it.
    pub share: Option<f64>,
    /// Whether the share was computed from credits.
    pub computed: bool,
    pub grants: Grants,
    pub tuition: Tuition,
    /// The part of the degree still to pay.
    pub cost: Option<Amount>,
    /// The part of the degree still to study.
    pub months: Option<Amount>,
    pub total_cost: Option<Amount>,
    pub direct_cost: Option<Amount>,
    /// Direct minus total, low end with low end.
    pub saving: Option<Amount>,
    pub total_months: Option<Amount>,
    pub direct_months: Option<Amount>,
    /// Direct minus total; negative when the pathway takes longer.
    pub months_saved: Option<Amount>,
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
    /// Months are terms of a fixed length.
    Terms { terms: u32, term_months: f64 },
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
    pub months: Option<Amount>,
    pub months_basis: MonthsBasis,
    pub then: Option<Then>,
    /// What the learner should know about how the figures were made.
    pub notes: Vec<Note>,
}

fn minus(a: Amount, b: Amount) -> Amount {
    Amount::range(a.min - b.min, a.max - b.max)
}

fn both(a: Option<Amount>, b: Option<Amount>, f: fn(Amount, Amount) -> Amount) -> Option<Amount> {
    Some(f(a?, b?))
}

/// Estimates `program` for `request`.
// Long on purpose: price, aid, then months, in the order the notes are worded.
#[allow(clippy::too_many_lines)]
pub fn estimate(program: &Program, catalog: &Catalog, money: &Money, request: &Request) -> Result<Estimate> {
    let mut notes = Vec::new();
    let advertised = money.cost_of(program);
    let (full_cost, cost_basis, terms) = match (request.courses_per_term, &program.fees, program.courses) {
        (None, _, _) => {
            if program.fees.is_some() {
                notes.push(Note::AdvertisedPriceHasFees);
            }
            (advertised, CostBasis::Advertised, None)
        }
        (Some(_), None, _) => bail!(
            "`{}` lists no fee parts, so --courses-per-term cannot price it; drop the option to use its advertised cost",
            program.id
        ),
        (Some(per_term), Some(fees), courses) => {
            let courses = courses.unwrap_or(0);
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
            notes.push(Note::FeePrice { per_term, terms });
            (
                Some(Amount::exact(total)),
                CostBasis::Fees {
                    terms: Some(terms),
                    parts,
                },
                Some(terms),
            )
        }
    };

    let limit = program.financial_aid.unwrap_or(0.0);
    let aid = match request.aid {
        None => 0.0,
        Some(asked) if asked > limit => {
            let id = program.id.clone();
            notes.push(if program.financial_aid.is_none() {
                Note::NoAid { id }
            } else {
                Note::AidCapped { id, limit, asked }
            });
            limit
        }
        Some(asked) => asked,
    };
    let cost = full_cost.map(|c| c.scale(1.0 - aid));

    let effort_hours = match (program.months, program.hours_per_week) {
        (Some(m), Some(h)) => Some(Amount::range(
            m.min * WEEKS_PER_MONTH * h.min,
            m.max * WEEKS_PER_MONTH * h.max,
        )),
        _ => None,
    };
    let term_months = program.fees.as_ref().and_then(|f| f.term_months);
    let (months, months_basis) = match (terms, term_months, request.hours_per_week, effort_hours) {
        (Some(terms), Some(term_months), hours, _) => {
            notes.push(Note::Terms { terms, term_months });
            if hours.is_some() {
                notes.push(Note::HoursIgnored);
            }
            (
                Some(Amount::exact(f64::from(terms) * term_months)),
                MonthsBasis::Terms { terms, term_months },
            )
        }
        (_, _, Some(hours), Some(effort)) => {
            notes.push(Note::Pace { hours });
            if matches!(program.pacing, Pacing::InstructorLed | Pacing::Both) {
                notes.push(Note::Scheduled);
            }
            (
                Some(effort.scale(1.0 / (hours * WEEKS_PER_MONTH))),
                MonthsBasis::Pace(hours),
            )
        }
        (_, _, Some(_), None) => {
            notes.push(Note::NoEffort {
                id: program.id.clone(),
            });
            (program.months, MonthsBasis::Advertised)
        }
        _ => {
            notes.push(Note::AdvertisedMonths);
            (program.months, MonthsBasis::Advertised)
        }
    };

    let then = match &request.then {
        None => None,
        Some(degree_id) => Some(pathway(program, catalog, money, degree_id, cost, months)?),
    };
    Ok(Estimate {
        id: program.id.clone(),
        name: program.name.clone(),
        currency: money.display.clone(),
        full_cost,
        cost,
        cost_basis,
        aid,
        effort_hours,
        months,
        months_basis,
        then,
        notes,
    })
}

fn pathway(
    program: &Program,
    catalog: &Catalog,
    money: &Money,
    degree_id: &str,
    cost: Option<Amount>,
    months: Option<Amount>,
) -> Result<Then> {
    let Some(degree) = catalog.program(degree_id) else {
        bail!("{}", catalog.unknown_program(degree_id));
    };
    let Some(path) = program.pathway_to(degree_id) else {
        let known: Vec<String> = program
            .credit
            .iter()
            .map(|p| match &p.target {
                Target::Program(id) => format!("`{id}`"),
                Target::Described { degree, at } => match at {
                    Some(at) => format!("{degree} at {at} (not in the catalogue)"),
                    None => format!("{degree} (not in the catalogue)"),
                },
            })
            .collect();
        if known.is_empty() {
            bail!(
                "`{}` lists no credit pathway, so it cannot count toward `{degree_id}`",
                program.id
            );
        }
        bail!(
            "`{}` has no credit pathway to `{degree_id}`; its pathways: {}",
            program.id,
            known.join(", ")
        );
    };
    Ok(rest_of_degree(path, degree, money.cost_of(degree), cost, months))
}

/// The rest of `degree` after a credential costing `cost` and taking `months`, by `path`:
/// the degree's price x (1 - share) (x 1 where the route grants admission only or tuition is
/// full), its months x (1 - share) (x 1 for admission). An unknown share leaves unknown what
/// it would scale.
pub fn rest_of_degree(
    path: &Pathway,
    degree: &Program,
    direct_cost: Option<Amount>,
    cost: Option<Amount>,
    months: Option<Amount>,
) -> Then {
    let (share, computed) = match path.kind() {
        PathwayKind::Share { share, computed } => (Some(share), computed),
        PathwayKind::Unknown => (None, false),
        PathwayKind::Admission => (Some(0.0), false),
    };
    let price_share = if path.tuition == Tuition::Full {
        Some(0.0)
    } else {
        share
    };
    let then_cost = both(direct_cost, price_share.map(Amount::exact), |c, s| {
        c.scale(1.0 - s.min)
    });
    let then_months = both(degree.months, share.map(Amount::exact), |m, s| {
        m.scale(1.0 - s.min)
    });
    let total_cost = both(cost, then_cost, Amount::plus);
    let total_months = both(months, then_months, Amount::plus);
    Then {
        id: degree.id.clone(),
        name: degree.name.clone(),
        share,
        computed,
        grants: path.grants,
        tuition: path.tuition,
        cost: then_cost,
        months: then_months,
        total_cost,
        direct_cost,
        saving: both(direct_cost, total_cost, minus),
        total_months,
        direct_months: degree.months,
        months_saved: both(degree.months, total_months, minus),
    }
}
