//! Arbitrary bytes as one or two catalogues (after the built-in one, or alone): loading must never panic, and a catalogue that loads must go
//! through compare, chart, list, show, estimate, plan and audit in every format without panicking, and
//! without any control or bidirectional character reaching the output (JSON carries them only
//! as `\u` escapes, which are plain text).

#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use micromasters::catalog::{Date, Source, load};
use micromasters::cmd::{self, Context};
use micromasters::estimate::Request;
use micromasters::filter::Filter;
use micromasters::money::Money;
use micromasters::pace::Pace;
use micromasters::plan::PlanRequest;
use micromasters::rank::{Comparison, OrderKey, SortKey, Weights};
use micromasters::schedule::Finances;
use micromasters::render::text::is_unsafe;
use micromasters::render::{Format, Style};

/// Panics (a finding) when `bytes` hold a control character other than newline, or a
/// bidirectional control; ANSI colour codes are allowed only where colour was asked for.
fn assert_safe(bytes: &[u8], color: bool, what: &str) {
    let text = String::from_utf8_lossy(bytes);
    let mut text = text.into_owned();
    if color {
        // The colour codes comfy-table writes itself: ESC [ digits ; ... m.
        let mut cleaned = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(i) = rest.find("\u{1b}[") {
            cleaned.push_str(&rest[..i]);
            let tail = &rest[i + 2..];
            let end = tail.find(|c: char| !(c.is_ascii_digit() || c == ';')).unwrap_or(tail.len());
            if tail[end..].starts_with('m') {
                rest = &tail[end + 1..];
            } else {
                cleaned.push('\u{1b}');
                rest = &rest[i + 1..];
            }
        }
        cleaned.push_str(rest);
        text = cleaned;
    }
    if let Some(c) = text.chars().find(|&c| is_unsafe(c) && c != '\t') {
        panic!("{what}: U+{:04X} reached the output", u32::from(c));
    }
}

fuzz_target!(|data: &[u8]| {
    // The first byte's low bit loads the built-in catalogue first; the rest is one file, or two
    // split at a line `--`, so that corrections, rates and sources across files are exercised.
    let (builtin, data) = match data.split_first() {
        Some((flags, rest)) => (flags & 1 == 1, rest),
        None => (false, data),
    };
    let text = String::from_utf8_lossy(data).into_owned();
    let mut sources = Vec::new();
    if builtin {
        sources.push(Ok(Source::builtin()));
    }
    for (i, part) in text.splitn(2, "\n--\n").enumerate() {
        sources.push(Ok(Source { name: format!("fuzz{i}.toml"), text: Cow::Owned(part.to_string()) }));
    }
    let loaded = load(sources);
    let mut diagnostics = Vec::new();
    for problem in &loaded.problems {
        diagnostics.extend_from_slice(problem.to_string().as_bytes());
    }
    let mut validated = Vec::new();
    let _ = cmd::validate::run(&loaded, Format::Table, &mut validated);
    diagnostics.extend_from_slice(&validated);
    assert_safe(&diagnostics, false, "diagnostics");
    if !loaded.problems.is_empty() {
        return;
    }
    let catalog = &loaded.catalog;
    for display in [None, catalog.rates.keys().next().map(String::as_str)] {
        let Ok(money) = Money::new(catalog, display) else { continue };
        for format in [Format::Table, Format::Json, Format::Csv, Format::Markdown] {
            for color in [false, true] {
                let ctx = Context {
                    format,
                    style: Style { color, width: 40, ascii: false },
                    money: money.clone(),
                    today: Date { year: 2026, month: 11, day: 28 },
                    command: "micromasters".into(),
                };
                let (mut out, mut err) = (Vec::new(), Vec::new());
                let comparison = Comparison {
                    ids: Vec::new(),
                    filter: Filter { include_retired: true, max_cost: Some(3000.0), ..Filter::default() },
                    order: vec![
                        OrderKey { key: SortKey::Score, reverse: false },
                        OrderKey { key: SortKey::Cost, reverse: true },
                        OrderKey { key: SortKey::Name, reverse: false },
                    ],
                    weights: Weights::default(),
                    prefer: None,
                    limit: None,
                };
                let _ = cmd::compare::run(&comparison, true, catalog, &ctx, &mut out, &mut err);
                let _ = cmd::chart::run(&comparison, catalog, &ctx, &mut out, &mut err);
                let all = Filter { include_retired: true, ..Filter::default() };
                let _ = cmd::list::run(&all, Some(&[OrderKey { key: SortKey::Cost, reverse: true }]), Some(5), catalog, &ctx, &mut out, &mut err);
                let _ = cmd::audit::run(&all, catalog, &ctx, &mut out, &mut err);
                let learner = Request { pace: Pace { hours_per_week: Some(9.0), courses_per_term: Some(2) }, aid: Some(0.5), finances: Finances { employer_share: Some(0.5), salary_gain: Some(1.0), ..Finances::default() } };
                let plan = PlanRequest { learner, budget: Some(5000.0), ..PlanRequest::default() };
                let _ = cmd::plan::run(&plan, catalog, &ctx, &mut out, &mut err);
                let ids: Vec<String> = catalog.programs.iter().take(3).map(|p| p.id.clone()).collect();
                let _ = cmd::show::run(&ids, catalog, &ctx, &mut out, &mut err);
                for program in catalog.programs.iter().take(5) {
                    let next = program.credit.iter().filter_map(|p| p.toward().map(String::from));
                    for then in std::iter::once(Vec::new()).chain(next.map(|id| vec![id])) {
                        let request = Request { pace: Pace { hours_per_week: Some(7.5), courses_per_term: Some(2) }, aid: Some(0.95), finances: Finances { employer_cap: Some(5250.0), salary_gain: Some(12000.0), campus_cost_per_month: Some(900.0), ..Finances::default() } };
                        let _ = cmd::estimate::run(std::slice::from_ref(&program.id), &then, &request, catalog, &ctx, &mut out, &mut err);
                    }
                }
                assert_safe(&out, color && format == Format::Table, "stdout");
                assert_safe(&err, false, "stderr");
            }
        }
    }
});
