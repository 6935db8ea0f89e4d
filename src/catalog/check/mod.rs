//! The rules: each entry is checked on its own as it is converted from what was written to the
//! typed model; rules across entries and files run once everything is merged (`across`).

mod parts;

pub use parts::fee_needs;
use parts::{check_credit, check_fees};

use toml::Spanned;
use toml::value::Datetime;

use super::amount::{Amount, Stated};
use super::correct::Given;
use super::date::Date;
use super::model::{Admission, Delivery, Institution, Kind, Pacing, Program, Status};
use super::raw::{RawFees, RawInstitution, RawProgram};
use super::wording::{limit, shown};

/// A problem at a byte offset of one source, before it is placed at a line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    /// Another place in the same source the message names as `{line}` (a first definition).
    pub see_also: Option<usize>,
}

impl Problem {
    /// A problem at `offset`.
    pub fn new(offset: usize, message: impl Into<String>) -> Self {
        Problem {
            offset,
            message: message.into(),
            see_also: None,
        }
    }
}

/// Where a program's keys stand in its source, for the checks that can only run once every
/// source is loaded and corrections are merged. A key the entry does not give stands at the
/// entry's header.
#[derive(Debug, Clone, Default)]
///
/// Offsets are `u32`: a source is at most 256 MiB, and one of these is kept per program.
pub struct References {
    pub id: u32,
    /// The entry's `[[program]]` header, where missing keys are reported.
    pub header: u32,
    /// Which keys the entry gives.
    pub given: Given,
    pub institution: u32,
    pub currency: u32,
    /// One offset per pathway, in order: its `toward` where it has one, else the table.
    pub credit: Box<[u32]>,
    /// The fee table, and its `per_course`, `per_credit` and `per_term` values.
    pub fees: [u32; 4],
}

/// An offset as `References` keeps it.
pub fn offset32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Where an institution entry stands, and which keys it gives.
#[derive(Debug, Clone, Copy, Default)]
pub struct InstitutionPlace {
    pub id: usize,
    pub header: usize,
    pub given: Given,
}

/// Collects the problems of one entry, with offsets made absolute by `base`.
pub(super) struct Findings {
    base: usize,
    problems: Vec<Problem>,
}

impl Findings {
    fn at<T>(&mut self, spanned: &Spanned<T>, message: impl Into<String>) {
        self.problems
            .push(Problem::new(self.base + spanned.span().start, message));
    }
}

/// Whether `text` is a slug: `[a-z0-9]+(-[a-z0-9]+)*`.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Whether `text` looks like an ISO 4217 code: three capital letters.
pub fn is_currency_code(text: &str) -> bool {
    text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase())
}

fn check_slug(findings: &mut Findings, id: &Spanned<String>, what: &str) {
    let length = id.get_ref().chars().count();
    if length > super::text::MAX_ID {
        findings.at(
            id,
            format!(
                "{what} is {length} characters long; ids hold at most {}",
                super::text::MAX_ID
            ),
        );
    } else if !is_slug(id.get_ref()) {
        findings.at(
            id,
            format!(
                "{what} `{}` is not a slug; use lowercase letters, digits and single hyphens, like `mitx-scm`",
                id.get_ref()
            ),
        );
    }
}

/// Converts a TOML datetime that must be a plain date.
pub fn plain_date(value: &Spanned<Datetime>) -> Result<Date, String> {
    let datetime = value.get_ref();
    match (datetime.date, datetime.time, datetime.offset) {
        (Some(d), None, None) => Ok(Date {
            year: i32::from(d.year),
            month: u32::from(d.month),
            day: u32::from(d.day),
        }),
        _ => Err(format!("expected a date like 2026-11-28, found `{datetime}`")),
    }
}

/// A date of a check (`verified`, `as_of`, `rates_as_of`): a plain date, not after today.
pub fn check_date(value: &Spanned<Datetime>, key: &str) -> Result<Date, String> {
    let date = plain_date(value)?;
    let today = Date::today();
    if date > today {
        return Err(format!(
            "`{key}` is {date}, later than today ({today}): a check cannot happen in the future"
        ));
    }
    Ok(date)
}

fn checked_date(findings: &mut Findings, value: &Option<Spanned<Datetime>>, key: &str) -> Option<Date> {
    let value = value.as_ref()?;
    match check_date(value, key) {
        Ok(d) => Some(d),
        Err(message) => {
            findings.at(value, message);
            None
        }
    }
}

fn date(findings: &mut Findings, value: &Option<Spanned<Datetime>>) -> Option<Date> {
    let value = value.as_ref()?;
    match plain_date(value) {
        Ok(d) => Some(d),
        Err(message) => {
            findings.at(value, message);
            None
        }
    }
}

/// The largest amount or fee part, in any currency: enough for any price.
pub const MAX_AMOUNT: f64 = 1e12;
/// The longest program, in months (50 years).
pub const MAX_MONTHS: f64 = 600.0;
/// The hours in a week.
pub const MAX_HOURS_PER_WEEK: f64 = 168.0;
/// The most courses or credits a program may count.
pub const MAX_COUNT: f64 = 1000.0;
/// The smallest and largest rate: one unit is worth between 10^-6 and 10^6 USD.
pub const RATE_RANGE: (f64, f64) = (1e-6, 1e6);

pub(super) fn number_in(
    findings: &mut Findings,
    value: &Spanned<f64>,
    key: &str,
    low: f64,
    low_open: bool,
    high: f64,
) {
    let v = *value.get_ref();
    let ok = v.is_finite() && (if low_open { v > low } else { v >= low }) && v <= high;
    if ok {
        return;
    }
    let range = match (low_open, high.is_infinite()) {
        (true, true) => format!("greater than {low}"),
        (false, true) => format!("{low} or more"),
        (true, false) => format!("in ({low}, {}]", limit(high)),
        (false, false) => format!("in [{low}, {}]", limit(high)),
    };
    findings.at(value, format!("`{key}` must be {range}, found {}", shown(v)));
}

fn amount(findings: &mut Findings, value: &Spanned<Amount>, key: &str, positive: bool, high: f64) -> Amount {
    let a = *value.get_ref();
    if let Some(problem) = a.problem(positive) {
        findings.at(value, format!("`{key}`: {problem}"));
    } else if a.max > high {
        findings.at(
            value,
            format!("`{key}` must be at most {}, found {}", limit(high), shown(a.max)),
        );
    }
    a
}

fn stated(
    findings: &mut Findings,
    value: &Spanned<Stated>,
    key: &str,
    positive: bool,
    high: f64,
) -> Option<Amount> {
    let known = value.get_ref().known()?;
    Some(amount(
        findings,
        &Spanned::new(value.span(), known),
        key,
        positive,
        high,
    ))
}

/// Checks one institution; `base` is the offset of the text it was parsed from, where its
/// header stands.
pub fn institution(
    raw: RawInstitution,
    base: usize,
    source: usize,
) -> Result<(Institution, InstitutionPlace), Vec<Problem>> {
    let mut findings = Findings {
        base,
        problems: Vec::new(),
    };
    check_slug(&mut findings, &raw.id, "institution id");
    if let Some(country) = &raw.country {
        let c = country.get_ref();
        if !(c.is_empty() || c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())) {
            findings.at(
                country,
                format!("`country` must be an ISO 3166-1 alpha-2 code like `US`, found `{c}`"),
            );
        }
    }
    if !findings.problems.is_empty() {
        return Err(findings.problems);
    }
    let place = InstitutionPlace {
        id: base + raw.id.span().start,
        header: base,
        given: Given::from_flags(&[
            raw.name.is_some(),
            raw.short.is_some(),
            raw.country.is_some(),
            raw.url.is_some(),
        ]),
    };
    Ok((
        Institution {
            id: raw.id.into_inner(),
            name: raw.name.unwrap_or_default(),
            short: non_empty(raw.short),
            country: non_empty(raw.country.map(Spanned::into_inner)),
            url: non_empty(raw.url),
            source,
        },
        place,
    ))
}

/// An empty string clears an optional key: it is the same as no value.
fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.is_empty())
}

/// Checks one program; `base` is the offset of the text it was parsed from, where its header
/// stands. Keys a new entry must give may be missing here: the merge decides whether the entry
/// is new (and reports them) or corrects an earlier one.
pub fn program(raw: RawProgram, base: usize, source: usize) -> Result<(Program, References), Vec<Problem>> {
    let mut f = Findings {
        base,
        problems: Vec::new(),
    };
    check_slug(&mut f, &raw.id, "program id");
    let cost = raw
        .cost
        .as_ref()
        .and_then(|c| stated(&mut f, c, "cost", false, MAX_AMOUNT));
    let months = raw
        .months
        .as_ref()
        .and_then(|m| stated(&mut f, m, "months", true, MAX_MONTHS));
    let hours_per_week = raw
        .hours_per_week
        .as_ref()
        .map(|h| amount(&mut f, h, "hours_per_week", true, MAX_HOURS_PER_WEEK));
    let courses = raw
        .courses
        .as_ref()
        .and_then(|c| match u32::try_from(*c.get_ref()) {
            Ok(n) if n >= 1 && f64::from(n) <= MAX_COUNT => Some(n),
            _ => {
                f.at(
                    c,
                    format!(
                        "`courses` must be a whole number from 1 to {}, found {}",
                        limit(MAX_COUNT),
                        c.get_ref()
                    ),
                );
                None
            }
        });
    if let Some(credits) = &raw.credits {
        number_in(&mut f, credits, "credits", 0.0, true, MAX_COUNT);
    }
    if let Some(currency) = &raw.currency
        && !is_currency_code(currency.get_ref())
    {
        f.at(
            currency,
            format!(
                "`currency` must be an ISO 4217 code like `EUR`, found `{}`",
                currency.get_ref()
            ),
        );
    }
    if let Some(aid) = &raw.financial_aid {
        number_in(&mut f, aid, "financial_aid", 0.0, false, 1.0);
    }
    let fees = raw.fees.as_ref().map(|fees| check_fees(&mut f, fees));
    let mut credit_at = Vec::new();
    let credit = raw
        .credit
        .iter()
        .flatten()
        .filter_map(|c| {
            let pathway = check_credit(&mut f, c)?;
            let at = c
                .get_ref()
                .toward
                .as_ref()
                .map_or(c.span().start, |t| t.span().start);
            credit_at.push(offset32(base + at));
            Some(pathway)
        })
        .collect();
    let ends = date(&mut f, &raw.ends);
    let verified = checked_date(&mut f, &raw.verified, "verified");
    if !f.problems.is_empty() {
        return Err(f.problems);
    }
    let kind = raw.kind.unwrap_or(Kind::MicroMasters);
    let offset = |spanned: Option<std::ops::Range<usize>>| offset32(spanned.map_or(base, |s| base + s.start));
    let fee_at = |part: fn(&RawFees) -> &Option<Spanned<f64>>| {
        offset(
            raw.fees
                .as_ref()
                .and_then(|f| part(f.get_ref()).as_ref().map(Spanned::span)),
        )
    };
    let references = References {
        id: offset32(base + raw.id.span().start),
        header: offset32(base),
        given: Given::from_flags(&[
            raw.name.is_some(),
            raw.kind.is_some(),
            raw.institution.is_some(),
            raw.platform.is_some(),
            raw.delivery.is_some(),
            raw.pacing.is_some(),
            raw.subjects.is_some(),
            raw.courses.is_some(),
            raw.credits.is_some(),
            raw.admission.is_some(),
            raw.cost.is_some(),
            raw.currency.is_some(),
            raw.financial_aid.is_some(),
            raw.fees.is_some(),
            raw.months.is_some(),
            raw.hours_per_week.is_some(),
            raw.credit.is_some(),
            raw.status.is_some(),
            raw.ends.is_some(),
            raw.partners.is_some(),
            raw.url.is_some(),
            raw.verified.is_some(),
            raw.notes.is_some(),
        ]),
        institution: offset(raw.institution.as_ref().map(Spanned::span)),
        currency: offset32(
            raw.currency
                .as_ref()
                .map_or(base + raw.id.span().start, |c| base + c.span().start),
        ),
        credit: credit_at.into_boxed_slice(),
        fees: [
            offset(raw.fees.as_ref().map(Spanned::span)),
            fee_at(|f| &f.per_course),
            fee_at(|f| &f.per_credit),
            fee_at(|f| &f.per_term),
        ],
    };
    let program = Program {
        id: raw.id.into_inner(),
        name: raw.name.unwrap_or_default(),
        kind,
        institution: raw.institution.map(Spanned::into_inner).unwrap_or_default(),
        platform: non_empty(raw.platform),
        delivery: raw.delivery.unwrap_or(Delivery::Online),
        pacing: raw.pacing.unwrap_or(Pacing::Unknown),
        subjects: raw.subjects.unwrap_or_default(),
        courses,
        credits: raw.credits.map(Spanned::into_inner),
        admission: raw.admission.unwrap_or(if kind.is_degree() {
            Admission::Selective
        } else {
            Admission::Open
        }),
        cost,
        currency: raw
            .currency
            .map_or_else(|| "USD".to_string(), Spanned::into_inner),
        financial_aid: raw.financial_aid.map(Spanned::into_inner),
        fees: fees.map(Box::new),
        months,
        hours_per_week,
        credit,
        status: raw.status.unwrap_or(Status::Active),
        ends,
        partners: raw.partners.unwrap_or_default(),
        url: non_empty(raw.url),
        verified,
        notes: non_empty(raw.notes),
        source,
    };
    Ok((program, references))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_single_hyphens() {
        for good in ["mitx-scm", "a", "x1-2b"] {
            assert!(is_slug(good), "{good}");
        }
        for bad in ["", "MITx", "a--b", "-a", "a-", "a_b", "é", "a b"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn currency_codes_are_three_capitals() {
        assert!(is_currency_code("EUR"));
        assert!(!is_currency_code("eur"));
        assert!(!is_currency_code("EURO"));
    }
}
