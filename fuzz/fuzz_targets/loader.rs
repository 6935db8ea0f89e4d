//! Arbitrary bytes as a catalogue: loading must never panic, and a catalogue that loads must go
//! through compare, list, show and estimate in every format without panicking either.

#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use micromasters::catalog::{Date, Source, load};
use micromasters::cli::Comparison;
use micromasters::cmd::{self, Context};
use micromasters::estimate::Request;
use micromasters::filter::Filter;
use micromasters::money::Money;
use micromasters::rank::{OrderKey, SortKey, Weights};
use micromasters::render::{Format, Style};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let loaded = load(vec![Ok(Source { name: "fuzz.toml".into(), text: Cow::Owned(text) })]);
    if !loaded.problems.is_empty() {
        return;
    }
    let catalog = &loaded.catalog;
    for display in [None, catalog.rates.keys().next().map(String::as_str)] {
        let Ok(money) = Money::new(catalog, display) else { continue };
        for format in [Format::Table, Format::Json, Format::Csv, Format::Markdown] {
            let ctx = Context {
                format,
                style: Style { color: true, width: 40 },
                money: money.clone(),
                today: Date { year: 2026, month: 11, day: 28 },
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
                explain: true,
                limit: None,
            };
            let _ = cmd::compare::run(&comparison, catalog, &ctx, &mut out, &mut err);
            let ids: Vec<String> = catalog.programs.iter().take(3).map(|p| p.id.clone()).collect();
            let _ = cmd::show::run(&ids, catalog, &ctx, &mut out, &mut err);
            for program in catalog.programs.iter().take(5) {
                let degrees = program.credit.iter().filter_map(|p| match &p.target {
                    micromasters::catalog::Target::Program(id) => Some(id.clone()),
                    _ => None,
                });
                for then in std::iter::once(None).chain(degrees.map(Some)) {
                    let request = Request { hours_per_week: Some(7.5), aid: Some(0.95), courses_per_term: Some(2), then };
                    let _ = cmd::estimate::run(&program.id, &request, catalog, &ctx, &mut out, &mut err);
                }
            }
        }
    }
});
