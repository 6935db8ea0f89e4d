//! The learner's profile: what they would otherwise type at every run (hours a week, aid,
//! currency, budget, an employer's help, a shortlist), read from a TOML file with every problem
//! placed at `FILE:LINE:COLUMN`. Flags win over it.

use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::catalog::Diagnostic;
use crate::catalog::wording;
use crate::pace::MAX_COURSES_PER_TERM;
use crate::quantity::{FEWEST_HOURS_A_WEEK, HOURS_IN_A_WEEK, MOST_MONEY, parse_share};
use crate::schedule::{GainFrom, Month};

/// The keys a profile may give, in the order `micromasters profile` lists them.
pub const KEYS: &[&str] = &[
    "format",
    "hours_per_week",
    "courses_per_term",
    "aid",
    "currency",
    "budget",
    "max_months",
    "start",
    "employer_cap",
    "employer_share",
    "salary_gain",
    "gain_from",
    "campus_cost_per_month",
    "shortlist",
];

/// What a profile gives; `None` (or empty) for what it leaves out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    /// The file it was read from.
    pub file: Option<String>,
    pub hours_per_week: Option<f64>,
    pub courses_per_term: Option<u32>,
    pub aid: Option<f64>,
    pub currency: Option<String>,
    pub budget: Option<f64>,
    pub max_months: Option<f64>,
    pub start: Option<Month>,
    pub employer_cap: Option<f64>,
    pub employer_share: Option<f64>,
    pub salary_gain: Option<f64>,
    pub gain_from: Option<GainFrom>,
    pub campus_cost_per_month: Option<f64>,
    pub shortlist: Vec<String>,
}

/// Where the profile is: `--profile FILE`, else `MICROMASTERS_PROFILE`, else
/// `$XDG_CONFIG_HOME/micromasters/profile.toml` (`~/.config/...` when unset). The first two
/// must exist; the default place may be empty. `None` where there is none to read.
pub fn locate(
    flag: Option<&Path>,
    env: Option<&str>,
    xdg: Option<&str>,
    home: Option<&str>,
) -> Option<(PathBuf, bool)> {
    if let Some(path) = flag {
        return Some((path.to_path_buf(), true));
    }
    if let Some(path) = env.filter(|p| !p.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    let config = match (xdg.filter(|x| !x.is_empty()), home) {
        (Some(xdg), _) => PathBuf::from(xdg),
        (None, Some(home)) => Path::new(home).join(".config"),
        (None, None) => return None,
    };
    Some((config.join("micromasters").join("profile.toml"), false))
}

/// Reads the profile at `path`: `Ok(None)` where an optional one is missing, every problem
/// (each at its `FILE:LINE:COLUMN`) where it has any.
pub fn read(path: &Path, required: bool) -> Result<Option<Profile>, Vec<Diagnostic>> {
    let name = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&name, &text).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(None),
        Err(e) => Err(vec![Diagnostic::whole_file(
            &name,
            format!("cannot read the profile: {e}"),
        )]),
    }
}

/// Line and column (1-based, in characters) of byte `offset` of `text`.
fn place(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A number from a TOML integer or float.
fn number(value: &DeValue) -> Option<f64> {
    match value {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok().map(|v| v as f64),
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite()),
        _ => None,
    }
}

/// Parses a profile's text, reporting every problem.
// Long on purpose: one arm per key, each a few lines; split, the keys would be read in two places.
#[allow(clippy::too_many_lines)]
pub fn parse(name: &str, text: &str) -> Result<Profile, Vec<Diagnostic>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut at = |offset: usize, message: String| {
        let (line, column) = place(text, offset);
        problems.push(Diagnostic {
            file: name.to_string(),
            line,
            column,
            message,
        });
    };
    for error in &errors {
        let offset = error.span().map_or(0, |s| s.start);
        at(
            offset,
            format!("invalid TOML: {}", wording::humanize(error.message())),
        );
    }
    let mut profile = Profile {
        file: Some(name.to_string()),
        ..Profile::default()
    };
    let mut format = None;
    let mut format_problem = false;
    for (key, value) in table.get_ref() {
        let (key_at, value_at) = (key.span().start, value.span().start);
        let v = value.get_ref();
        let money = |v: &DeValue| number(v).filter(|n| (0.0..=MOST_MONEY).contains(n));
        let share = |v: &DeValue| match v {
            DeValue::String(s) => parse_share(s).ok(),
            other => number(other).filter(|n| (0.0..=1.0).contains(n)),
        };
        let mut wrong = |what: &str| at(value_at, format!("`{}` must be {what}", key.get_ref()));
        match key.get_ref().as_ref() {
            "format" => {
                if number(v).is_some_and(|n| n == 1.0) {
                    format = Some(1);
                } else {
                    format_problem = true;
                    wrong("1: this version of micromasters reads profile format 1");
                }
            }
            "hours_per_week" => {
                match number(v).filter(|h| (FEWEST_HOURS_A_WEEK..=HOURS_IN_A_WEEK).contains(h)) {
                    Some(h) => profile.hours_per_week = Some(h),
                    None => wrong("a number of hours from 0.5 to 168"),
                }
            }
            "courses_per_term" => match number(v)
                .filter(|n| n.fract() == 0.0 && (1.0..=f64::from(MAX_COURSES_PER_TERM)).contains(n))
            {
                Some(n) => profile.courses_per_term = Some(n as u32),
                None => wrong("a whole number from 1 to 12"),
            },
            "aid" => match share(v) {
                Some(s) => profile.aid = Some(s),
                None => wrong("a share like 0.5 or \"50%\""),
            },
            "employer_share" => match share(v) {
                Some(s) => profile.employer_share = Some(s),
                None => wrong("a share like 1 or \"100%\""),
            },
            "currency" => match v {
                DeValue::String(s) if s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphabetic()) => {
                    profile.currency = Some(s.to_ascii_uppercase());
                }
                _ => wrong("an ISO 4217 code like \"EUR\""),
            },
            "budget" | "employer_cap" | "salary_gain" | "campus_cost_per_month" => match money(v) {
                Some(n) => match key.get_ref().as_ref() {
                    "budget" => profile.budget = Some(n),
                    "employer_cap" => profile.employer_cap = Some(n),
                    "salary_gain" => profile.salary_gain = Some(n),
                    _ => profile.campus_cost_per_month = Some(n),
                },
                None => wrong("an amount of 0 or more, in the display currency"),
            },
            "max_months" => match number(v).filter(|n| *n > 0.0 && *n <= 600.0) {
                Some(n) => profile.max_months = Some(n),
                None => wrong("a number of months greater than 0, at most 600"),
            },
            "start" => match v {
                DeValue::String(s) => match Month::parse(s) {
                    Ok(m) => profile.start = Some(m),
                    Err(e) => wrong(&format!("a month like \"2027-01\" ({e})")),
                },
                _ => wrong("a month like \"2027-01\""),
            },
            "gain_from" => match v {
                DeValue::String(s) if s == "finish" => profile.gain_from = Some(GainFrom::Finish),
                DeValue::String(s) if s == "start" => profile.gain_from = Some(GainFrom::Start),
                _ => wrong("\"finish\" or \"start\""),
            },
            "shortlist" => match v {
                DeValue::Array(items) => {
                    let ids: Option<Vec<String>> = items
                        .iter()
                        .map(|i| match i.get_ref() {
                            DeValue::String(s) => Some(s.to_string()),
                            _ => None,
                        })
                        .collect();
                    match ids {
                        Some(ids) => profile.shortlist = ids,
                        None => wrong("a list of program ids, like [\"mitx-scm\", \"gatech-omsa\"]"),
                    }
                }
                _ => wrong("a list of program ids, like [\"mitx-scm\", \"gatech-omsa\"]"),
            },
            other => {
                let hint = wording::did_you_mean(
                    other,
                    KEYS.iter().copied(),
                    0.8,
                    1,
                    &format!("allowed keys: {}", KEYS.join(", ")),
                );
                at(key_at, format!("unknown key `{other}`{hint}"));
            }
        }
    }
    if format.is_none() && errors.is_empty() && !format_problem {
        at(
            0,
            "missing required key `format`; add `format = 1` at the top".to_string(),
        );
    }
    problems.sort_by_key(|p| (p.line, p.column));
    if problems.is_empty() {
        Ok(profile)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_is_found_by_flag_then_variable_then_the_config_folder() {
        let flag = Path::new("my.toml");
        assert_eq!(
            locate(Some(flag), Some("env.toml"), None, None),
            Some((flag.to_path_buf(), true))
        );
        assert_eq!(
            locate(None, Some("env.toml"), None, None),
            Some((PathBuf::from("env.toml"), true))
        );
        assert_eq!(
            locate(None, None, Some("/x"), Some("/home/a")),
            Some((PathBuf::from("/x/micromasters/profile.toml"), false))
        );
        assert_eq!(
            locate(None, None, None, Some("/home/a")),
            Some((PathBuf::from("/home/a/.config/micromasters/profile.toml"), false))
        );
    }

    #[test]
    fn every_problem_of_a_profile_is_placed() {
        let text =
            "format = 1\nhours_per_week = 500\nhours_per_wek = 10\naid = \"50%\"\nstart = \"2027-13\"\n";
        let problems = parse("p.toml", text).unwrap_err();
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "p.toml:2:18: `hours_per_week` must be a number of hours from 0.5 to 168",
                "p.toml:3:1: unknown key `hours_per_wek`; did you mean `hours_per_week`?",
                "p.toml:5:9: `start` must be a month like \"2027-01\" (`2027-13` is not a month like `2027-01`)",
            ]
        );
        let good = parse(
            "p.toml",
            "format = 1\naid = \"50%\"\nshortlist = [\"mitx-scm\"]\n",
        )
        .unwrap();
        assert_eq!(good.aid, Some(0.5));
        assert_eq!(good.shortlist, ["mitx-scm"]);
    }
}
