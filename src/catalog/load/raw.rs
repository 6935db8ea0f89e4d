//! The catalogue as written: serde types that keep the positions the checks report.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use crate::catalog::amount::{Amount, Stated};
use crate::catalog::model::Text;
use crate::catalog::model::{Admission, Delivery, Grants, Kind, Pacing, PathwayStatus, Status, Tuition};

/// A closed word as written: the value it names, or the text that names none, kept for the
/// check that reports it beside the entry's other problems (serde would stop at it).
#[derive(Debug, Clone, PartialEq)]
pub enum Word<T> {
    Known(T),
    Unknown(String),
}

impl<T: std::str::FromStr> Word<T> {
    pub fn of(text: &str) -> Self {
        text.parse()
            .map_or_else(|_| Word::Unknown(text.to_string()), Word::Known)
    }
}

impl<'de, T: std::str::FromStr> Deserialize<'de> for Word<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        Ok(Word::of(&text))
    }
}

/// One TOML document: a whole file, or one entry cut out of it.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub format: Option<Spanned<i64>>,
    pub as_of: Option<Spanned<Datetime>>,
    pub rates: Option<BTreeMap<Spanned<String>, Spanned<f64>>>,
    /// Rates the other way round: units of the currency per USD.
    pub rates_per_usd: Option<BTreeMap<Spanned<String>, Spanned<f64>>>,
    pub rates_as_of: Option<Spanned<Datetime>>,
    pub rates_source: Option<String>,
    pub institution: Option<Vec<Spanned<RawInstitution>>>,
    pub program: Option<Vec<Spanned<RawProgram>>>,
    /// `[[source]]` tables: the sources entries cite.
    pub source: Option<Vec<Spanned<RawSource>>>,
    /// `[rate.CODE]` tables: a rate with its own date and source.
    pub rate: Option<BTreeMap<Spanned<String>, Spanned<RawRate>>>,
}

/// A `[[source]]` table.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub key: Spanned<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: Option<Spanned<Datetime>>,
    pub about: Option<String>,
}

/// A `[rate.CODE]` table: the value of one unit in USD (`usd`) or units per USD (`per_usd`).
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRate {
    pub usd: Option<Spanned<f64>>,
    pub per_usd: Option<Spanned<f64>>,
    pub as_of: Option<Spanned<Datetime>>,
    pub source: Option<String>,
}

/// An `[[institution]]` entry. Keys required of a new entry are optional here, because an
/// entry that corrects an earlier one gives only what changes; the merge checks them.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInstitution {
    pub id: Spanned<String>,
    pub name: Option<String>,
    pub short: Option<String>,
    pub country: Option<Spanned<String>>,
    pub url: Option<String>,
}

/// A `[[program]]` entry. Keys required of a new entry are optional here, because an entry
/// that corrects an earlier one gives only what changes; the merge checks them.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgram {
    pub id: Spanned<Text>,
    pub name: Option<Text>,
    /// Checked against the allowed words by `check`, so that a misspelling does not hide the
    /// entry's other problems.
    pub kind: Option<Spanned<Word<Kind>>>,
    pub institution: Option<Spanned<Text>>,
    pub platform: Option<Text>,
    pub delivery: Option<Spanned<Word<Delivery>>>,
    pub pacing: Option<Spanned<Word<Pacing>>>,
    pub subjects: Option<Vec<Text>>,
    pub courses: Option<Spanned<i64>>,
    pub credits: Option<Spanned<f64>>,
    pub admission: Option<Spanned<Word<Admission>>>,
    pub cost: Option<Spanned<Stated>>,
    pub currency: Option<Spanned<Text>>,
    pub financial_aid: Option<Spanned<f64>>,
    pub fees: Option<Spanned<RawFees>>,
    pub months: Option<Spanned<Stated>>,
    pub hours_per_week: Option<Spanned<Amount>>,
    pub course_hours_per_week: Option<Spanned<Amount>>,
    pub max_courses_per_term: Option<Spanned<i64>>,
    pub max_months: Option<Spanned<f64>>,
    pub credit: Option<Vec<Spanned<RawCredit>>>,
    pub status: Option<Spanned<Word<Status>>>,
    pub ends: Option<Spanned<Datetime>>,
    pub partners: Option<Vec<Text>>,
    pub url: Option<Text>,
    pub verified: Option<Spanned<Datetime>>,
    pub notes: Option<Text>,
    pub sources: Option<Vec<Text>>,
}

/// A program's `fees` table.
#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFees {
    pub per_course: Option<Spanned<f64>>,
    pub per_credit: Option<Spanned<f64>>,
    pub per_term: Option<Spanned<f64>>,
    pub term_months: Option<Spanned<f64>>,
    pub one_off: Option<Spanned<f64>>,
}

/// One table of a program's `credit` array.
#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCredit {
    pub toward: Option<Spanned<String>>,
    pub degree: Option<String>,
    pub at: Option<Spanned<String>>,
    pub grants: Option<Spanned<Word<Grants>>>,
    /// A number, or `"unknown"` where a source names the pathway but not its amount.
    pub share: Option<Spanned<Stated>>,
    pub credits: Option<Spanned<f64>>,
    pub of: Option<Spanned<f64>>,
    pub unit: Option<String>,
    pub tuition: Option<Spanned<Word<Tuition>>>,
    pub note: Option<String>,
    pub status: Option<Spanned<Word<PathwayStatus>>>,
    pub ends: Option<Spanned<Datetime>>,
}
