//! The values of an entry checked one by one: ids, dates, numbers and amounts within their
//! limits, each problem at the value's position.

use toml::Spanned;

use super::super::raw::Word;
use toml::value::Datetime;

use super::Findings;
use crate::catalog::amount::{Amount, Stated};
use crate::catalog::date::Date;
use crate::catalog::wording::{limit, shown};

/// Whether `text` is a slug: `[a-z0-9]+(-[a-z0-9]+)*`.
pub fn is_slug(text: &str) -> bool {
    // A byte at a time: every id of a large catalogue passes through here.
    let bytes = text.as_bytes();
    !bytes.is_empty()
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !bytes.windows(2).any(|w| w == b"--")
}

/// Whether `text` looks like an ISO 4217 code: three capital letters.
pub fn is_currency_code(text: &str) -> bool {
    text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase())
}

pub(super) fn check_slug<S: std::ops::Deref<Target = str> + std::fmt::Display>(
    findings: &mut Findings,
    id: &Spanned<S>,
    what: &str,
) {
    let length = id.get_ref().chars().count();
    if length > crate::catalog::text::MAX_ID {
        findings.at(
            id,
            format!(
                "{what} is {length} characters long; ids hold at most {}",
                crate::catalog::text::MAX_ID
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
fn plain_date(value: &Spanned<Datetime>) -> Result<Date, String> {
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

/// A date of a check (`verified`, `as_of`, `rates_as_of`): a plain date, not after `latest`
/// (today, for what the user loads; `None` for the built-in catalogue, whose dates the binary
/// was built with, so that a `SOURCE_DATE_EPOCH` in the past cannot refuse them).
pub fn check_date(value: &Spanned<Datetime>, key: &str, latest: Option<Date>) -> Result<Date, String> {
    let date = plain_date(value)?;
    let Some(today) = latest else { return Ok(date) };
    if date > today {
        return Err(format!(
            "`{key}` is {date}, later than today ({today}): a check cannot happen in the future"
        ));
    }
    Ok(date)
}

pub(super) fn checked_date(
    findings: &mut Findings,
    value: Option<&Spanned<Datetime>>,
    key: &str,
) -> Option<Date> {
    let value = value?;
    match check_date(value, key, findings.latest) {
        Ok(d) => Some(d),
        Err(message) => {
            findings.at(value, message);
            None
        }
    }
}

pub(super) fn date(findings: &mut Findings, value: Option<&Spanned<Datetime>>) -> Option<Date> {
    let value = value?;
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

pub(super) fn amount(
    findings: &mut Findings,
    value: &Spanned<Amount>,
    key: &str,
    positive: bool,
    high: f64,
) -> Amount {
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

pub(super) fn stated(
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

/// One of a closed set of words (`kind`, `pacing`, ...), or a problem at it naming the allowed
/// ones and the closest: checked here rather than by serde, so that a misspelling does not hide
/// the entry's other problems.
pub(super) fn word<T: Copy>(
    findings: &mut Findings,
    value: Option<&Spanned<Word<T>>>,
    allowed: &[&str],
) -> Option<T> {
    match value?.get_ref() {
        Word::Known(word) => Some(*word),
        Word::Unknown(text) => {
            findings.at(value?, crate::catalog::wording::not_allowed(text, allowed));
            None
        }
    }
}
