//! The rules: each entry is checked on its own as it is converted from what was written to the
//! typed model; rules across entries and files run once everything is merged (`across`).

mod parts;
mod values;

pub use parts::fee_needs;
use parts::{check_credit, check_fees};
pub use values::{
    MAX_AMOUNT, MAX_COUNT, MAX_HOURS_PER_WEEK, MAX_MONTHS, RATE_RANGE, check_date, is_currency_code, is_slug,
};
use values::{amount, check_slug, checked_date, date, number_in, stated, word};

use toml::Spanned;

use super::correct::{Given, InstitutionKey, ProgramKey};
use super::raw::{RawFees, RawInstitution, RawProgram};
use crate::catalog::Date;
use crate::catalog::model::{
    Admission, Delivery, Institution, Kind, Pacing, Program, Rare, RareBox, Status, Text,
};
use crate::catalog::wording::limit;

/// What kind of problem a `Problem` is, where the loader treats kinds differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A rule of the format.
    Rule,
    /// Text the TOML parser refuses.
    Syntax,
    /// A one-line string left open, found before the parser runs.
    Unclosed,
    /// An id defined again; the first definition stands at this offset of the same source,
    /// and the message names its line.
    Duplicate { first: usize },
}

/// A problem at a byte offset of one source, before it is placed at a line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub kind: ProblemKind,
}

impl Problem {
    /// A problem with a rule at `offset`.
    pub fn new(offset: usize, message: impl Into<String>) -> Self {
        Problem::of(ProblemKind::Rule, offset, message)
    }

    /// A problem of `kind` at `offset`.
    pub fn of(kind: ProblemKind, offset: usize, message: impl Into<String>) -> Self {
        Problem {
            offset,
            message: message.into(),
            kind,
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
/// An entry refused for its own problems, with the institution it names (and where), which
/// can only be checked once every source is loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub problems: Vec<Problem>,
    pub institution: Option<(String, usize)>,
}

/// Which loaded file an entry comes from, and the latest date a check in it may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// Index of the source among those loaded.
    pub index: usize,
    /// Today, for files the user gives; `None` for the built-in catalogue.
    pub latest: Option<Date>,
}

pub(super) struct Findings {
    base: usize,
    problems: Vec<Problem>,
    /// The latest date a check may carry (`Origin::latest`).
    latest: Option<Date>,
}

impl Findings {
    fn at<T>(&mut self, spanned: &Spanned<T>, message: impl Into<String>) {
        self.problems
            .push(Problem::new(self.base + spanned.span().start, message));
    }
}

/// Checks one institution; `base` is the offset of the text it was parsed from, where its
/// header stands.
pub fn institution(
    raw: RawInstitution,
    base: usize,
    origin: Origin,
) -> Result<(Institution, InstitutionPlace), Vec<Problem>> {
    let source = origin.index;
    let mut findings = Findings {
        base,
        problems: Vec::new(),
        latest: origin.latest,
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
        given: InstitutionKey::given_in(&raw),
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

/// A whole number from 1 to `MAX_COUNT` (`courses`, `max_courses_per_term`).
fn count(f: &mut Findings, value: &Spanned<i64>, key: &str) -> Option<u32> {
    match u32::try_from(*value.get_ref()) {
        Ok(n) if n >= 1 && f64::from(n) <= MAX_COUNT => Some(n),
        _ => {
            f.at(
                value,
                format!(
                    "`{key}` must be a whole number from 1 to {}, found {}",
                    limit(MAX_COUNT),
                    value.get_ref()
                ),
            );
            None
        }
    }
}

/// An empty string clears an optional key: it is the same as no value.
fn non_empty<T: std::ops::Deref<Target = str>>(text: Option<T>) -> Option<T> {
    text.filter(|t| !t.is_empty())
}

/// Checks one program; `base` is the offset of the text it was parsed from, where its header
/// stands. Keys a new entry must give may be missing here: the merge decides whether the entry
/// is new (and reports them) or corrects an earlier one.
// Long on purpose: one check per key, in the format's order: split, the keys would be read in two places.
#[allow(clippy::too_many_lines)]
pub fn program(raw: RawProgram, base: usize, origin: Origin) -> Result<(Program, References), Rejected> {
    let source = origin.index;
    let mut f = Findings {
        base,
        problems: Vec::new(),
        latest: origin.latest,
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
    let course_hours_per_week = raw
        .course_hours_per_week
        .as_ref()
        .map(|h| amount(&mut f, h, "course_hours_per_week", true, MAX_HOURS_PER_WEEK));
    let courses = raw.courses.as_ref().and_then(|c| count(&mut f, c, "courses"));
    let max_courses_per_term = raw
        .max_courses_per_term
        .as_ref()
        .and_then(|c| count(&mut f, c, "max_courses_per_term"));
    if let Some(max) = &raw.max_months {
        number_in(&mut f, max, "max_months", 0.0, true, MAX_MONTHS);
    }
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
    // Room for exactly the pathways given: kept for as long as the catalogue lives, the room
    // for four a filter collects into (most programs have one) would be a fifth of its memory.
    let given = raw.credit.as_ref().map_or(0, Vec::len);
    let mut credit = Vec::with_capacity(given);
    for c in raw.credit.iter().flatten() {
        let Some(pathway) = check_credit(&mut f, c) else {
            continue;
        };
        let at = c
            .get_ref()
            .toward
            .as_ref()
            .map_or(c.span().start, |t| t.span().start);
        credit_at.push(offset32(base + at));
        credit.push(pathway);
    }
    // Where a pathway is refused, the room left for it is given back.
    if credit.len() < given {
        credit.shrink_to_fit();
    }
    let kind = word::<Kind>(&mut f, raw.kind.as_ref(), Kind::NAMES);
    let delivery = word::<Delivery>(&mut f, raw.delivery.as_ref(), Delivery::NAMES);
    let pacing = word::<Pacing>(&mut f, raw.pacing.as_ref(), Pacing::NAMES);
    let admission = word::<Admission>(&mut f, raw.admission.as_ref(), Admission::NAMES);
    let status = word::<Status>(&mut f, raw.status.as_ref(), Status::NAMES);
    let ends = date(&mut f, raw.ends.as_ref());
    let verified = checked_date(&mut f, raw.verified.as_ref(), "verified");
    if !f.problems.is_empty() {
        // The institution it names is checked once every source is loaded, as for an entry
        // that passed: one run shows every problem of the entry.
        let institution = raw
            .institution
            .as_ref()
            .map(|i| (i.get_ref().to_string(), base + i.span().start));
        return Err(Rejected {
            problems: f.problems,
            institution,
        });
    }
    let kind = kind.unwrap_or(Kind::MicroMasters);
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
        given: ProgramKey::given_in(&raw),
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
        delivery: delivery.unwrap_or(Delivery::Online),
        pacing: pacing.unwrap_or(Pacing::Unknown),
        subjects: raw.subjects.unwrap_or_default(),
        courses,
        credits: raw.credits.map(Spanned::into_inner),
        admission: admission.unwrap_or(if kind.is_degree() {
            Admission::Selective
        } else {
            Admission::Open
        }),
        cost,
        currency: raw.currency.map_or(Text::const_new("USD"), Spanned::into_inner),
        financial_aid: raw.financial_aid.map(Spanned::into_inner),
        fees: fees.map(Box::new),
        months,
        hours_per_week,
        credit,
        status: status.unwrap_or(Status::Active),
        url: non_empty(raw.url),
        verified,
        rare: RareBox::new(Rare {
            course_hours_per_week,
            max_courses_per_term,
            max_months: raw.max_months.map(Spanned::into_inner),
            ends,
            partners: raw.partners.unwrap_or_default(),
            notes: non_empty(raw.notes),
            sources: raw.sources.unwrap_or_default(),
        }),
        source,
        checked: None,
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

    proptest::proptest! {
        #[test]
        fn slugs_are_what_splitting_at_hyphens_finds(text in "[a-c0-9A_é-]{0,8}") {
            let split = !text.is_empty()
                && text.split('-').all(|part| {
                    !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                });
            proptest::prop_assert_eq!(is_slug(&text), split, "{}", text);
        }
    }

    #[test]
    fn currency_codes_are_three_capitals() {
        assert!(is_currency_code("EUR"));
        assert!(!is_currency_code("eur"));
        assert!(!is_currency_code("EURO"));
    }
}
