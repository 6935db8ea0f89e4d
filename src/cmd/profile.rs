//! `profile`: the values in force for the learner, and where each came from (a flag, the
//! profile file, or the default).

use std::io::Write;

use crate::cli::ProfileArgs;
use crate::profile::{KEYS, Profile};
use crate::render::{self, Column, Entry, Format, Grid, Report, Row, Style, text};
use crate::schedule::GainFrom;
use anyhow::Result;

/// Prints each key's value in force and its origin. Needs no catalogue.
pub fn run(
    args: &ProfileArgs,
    currency: Option<&str>,
    profile: Option<&Profile>,
    format: Format,
    out: &mut dyn Write,
) -> Result<()> {
    let file = profile.and_then(|p| p.file.clone());
    let entries = settings(args, currency, profile, file.as_deref().unwrap_or_default());
    let mut layout = Grid::new([Column::word("Key"), Column::text("Value"), Column::text("From")]);
    layout.footer = vec![match &file {
        Some(f) => format!("profile: {f}; flags win over it"),
        None => "no profile: give --profile FILE, set MICROMASTERS_PROFILE, or write $XDG_CONFIG_HOME/micromasters/profile.toml".into(),
    }];
    let page = crate::render::Page {
        title: "profile".into(),
        heading: "Your profile".into(),
        ..crate::render::Page::default()
    };
    let report = Report::new(entries.iter(), layout, page);
    let style = Style {
        color: false,
        width: 80,
        ascii: false,
    };
    render::report(report, format, style, out)?;
    Ok(())
}

/// Each key's value in force: the flag's, else the profile file's (`from_file`), else the
/// default.
fn settings(
    args: &ProfileArgs,
    currency: Option<&str>,
    profile: Option<&Profile>,
    from_file: &str,
) -> Vec<Setting> {
    let from_file = from_file.to_string();
    let empty = Profile::default();
    let p = profile.unwrap_or(&empty);
    let l = &args.learner;
    let number = |v: f64| text::short(v);
    let share = |v: f64| text::share(Some(v));
    let gain = |g: GainFrom| match g {
        GainFrom::Finish => "finish".to_string(),
        GainFrom::Start => "start".to_string(),
    };
    // (key, flag, file, default) as text.
    let values: Vec<(&str, Option<String>, Option<String>, &str)> = vec![
        (
            "hours_per_week",
            l.hours_per_week.map(number),
            p.hours_per_week.map(number),
            "advertised pace",
        ),
        (
            "courses_per_term",
            l.courses_per_term.map(|c| c.to_string()),
            p.courses_per_term.map(|c| c.to_string()),
            "advertised pace",
        ),
        ("aid", l.aid.map(share), p.aid.map(share), "0%"),
        (
            "currency",
            currency.map(str::to_ascii_uppercase),
            p.currency.clone(),
            "USD",
        ),
        ("budget", args.budget.map(number), p.budget.map(number), "none"),
        (
            "max_months",
            args.max_months.map(number),
            p.max_months.map(number),
            "none",
        ),
        (
            "start",
            l.start.map(|m| m.to_string()),
            p.start.map(|m| m.to_string()),
            "next month",
        ),
        (
            "employer_cap",
            l.employer_cap.map(number),
            p.employer_cap.map(number),
            "none",
        ),
        (
            "employer_share",
            l.employer_share.map(share),
            p.employer_share.map(share),
            "100% with a cap, else none",
        ),
        (
            "salary_gain",
            l.salary_gain.map(number),
            p.salary_gain.map(number),
            "none",
        ),
        ("gain_from", l.gain_from.clone(), p.gain_from.map(gain), "finish"),
        (
            "campus_cost_per_month",
            l.campus_cost_per_month.map(number),
            p.campus_cost_per_month.map(number),
            "none",
        ),
        (
            "shortlist",
            None,
            (!p.shortlist.is_empty()).then(|| p.shortlist.join(", ")),
            "none",
        ),
    ];
    debug_assert!(values.iter().all(|(k, ..)| KEYS.contains(k)));
    values
        .into_iter()
        .map(|(key, flag, in_file, default)| match (flag, in_file) {
            (Some(v), _) => Setting {
                key,
                value: v,
                from: "flag".into(),
            },
            (None, Some(v)) => Setting {
                key,
                value: v,
                from: from_file.clone(),
            },
            (None, None) => Setting {
                key,
                value: default.into(),
                from: "default".into(),
            },
        })
        .collect()
}

/// One value in force.
struct Setting {
    key: &'static str,
    value: String,
    /// `flag`, the profile file's name, or `default`.
    from: String,
}

/// What `profile` prints for one key.
#[derive(Default, serde::Serialize)]
pub struct SettingRecord<'a> {
    key: &'a str,
    value: &'a str,
    from: &'a str,
}

impl<'a> Entry for &'a Setting {
    type Record = SettingRecord<'a>;

    fn record(&self) -> SettingRecord<'a> {
        SettingRecord {
            key: self.key,
            value: &self.value,
            from: &self.from,
        }
    }

    fn rows(&self, rows: &mut Vec<Row>) {
        rows.push(Row {
            cells: vec![self.key.to_string(), self.value.clone(), self.from.clone()],
            ..Row::default()
        });
    }
}
