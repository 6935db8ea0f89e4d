//! `compare`: rank programs that pass the filters.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value};

use super::{
    CREDIT_LEGEND, Context, FRONT_LEGEND, PROGRAM_FIELDS, ProgramRecord, cost_cell, count, programs_named,
    provenance, with_removed,
};
use crate::catalog::{Catalog, Status};
use crate::filter::{self, Removed};
use crate::rank::{self, Comparison, Criterion, Ranked};
use crate::render::{self, Align, Column, Entry, Grid, Report, Row, Wrap, text};

/// Ranks and prints the programs `args` selects.
pub fn run(
    args: &Comparison,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let Ranking {
        ranked,
        matched,
        removed,
    } = ranking(args, catalog, ctx)?;

    let mut layout = Grid::new([
        Column::figure("#"),
        Column::text("Program"),
        Column::new("Pacing", Align::Left, Wrap::Hyphens),
        Column::figure("Cost"),
        Column::figure("Months"),
        Column::figure("Credit"),
        Column::figure("Score"),
    ]);
    let any_stale = ranked.iter().any(|r| r.program.is_stale(ctx.today));
    layout.footer = footer(
        ranked.len(),
        matched,
        removed,
        args.explain.then_some(args.weights),
    );
    layout.footer.push(provenance(catalog, ctx, any_stale));
    layout.footer.push(CREDIT_LEGEND.to_string());
    if ranked.iter().any(|r| r.front) {
        layout.footer.push(FRONT_LEGEND.to_string());
    }
    if ranked.is_empty() {
        let _ = writeln!(err, "note: {}", empty_note(removed));
    }
    let mut fields = vec!["rank"];
    fields.extend_from_slice(PROGRAM_FIELDS);
    fields.extend(["score", "front"]);
    let entries = ranked.into_iter().enumerate().map(|(i, ranked)| Place {
        rank: i + 1,
        ranked,
        catalog,
        ctx,
        args,
    });
    let report = Report {
        entries,
        layout,
        fields,
        single: false,
        title: "compare".into(),
        plot: None,
    };
    render::report(report, ctx.format, ctx.style, out)?;
    Ok(())
}

/// What `compare` and `chart` share: the programs `args` selects, scored and in order.
pub(super) struct Ranking<'a> {
    pub ranked: Vec<Ranked<'a>>,
    /// How many passed the filters, before `--limit`.
    pub matched: usize,
    pub removed: Removed,
}

/// Selects, scores and orders the programs `args` names or its filters keep.
pub(super) fn ranking<'a>(args: &Comparison, catalog: &'a Catalog, ctx: &Context) -> Result<Ranking<'a>> {
    let named = programs_named(catalog, &args.ids)?;
    // An unknown `--toward` degree is a mistake to name, not a filter that keeps nothing.
    programs_named(catalog, &args.filter.toward)?;
    let selection = filter::select(catalog, &named, &args.filter, &ctx.money);
    let scored = rank::score(&selection.programs, &ctx.money, args.weights, args.prefer);
    let matched = scored.len();
    let ranked = rank::order(scored, &args.order, &ctx.money, args.prefer, args.limit);
    Ok(Ranking {
        ranked,
        matched,
        removed: selection.removed,
    })
}

/// One ranked program, in its place, as `compare` reports it.
struct Place<'a> {
    rank: usize,
    ranked: Ranked<'a>,
    catalog: &'a Catalog,
    ctx: &'a Context,
    args: &'a Comparison,
}

/// The record of one ranked program: the program's, with its rank, score and parts.
#[derive(serde::Serialize)]
struct RankingRecord<'a> {
    rank: usize,
    #[serde(flatten)]
    program: ProgramRecord<'a>,
    #[serde(serialize_with = "render::figure")]
    score: f64,
    front: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<Map<String, Value>>,
}

impl Place<'_> {
    /// Each criterion's part and weight.
    fn parts(&self) -> [(Criterion, f64, f64); 4] {
        self.ranked.parts.with(self.args.weights)
    }
}

impl<'a> Entry for Place<'a> {
    type Record = RankingRecord<'a>;

    fn record(&self) -> RankingRecord<'a> {
        let explain = self.args.explain.then(|| {
            let mut explain = Map::new();
            for (name, part, weight) in self.parts() {
                explain.insert(name.as_str().into(), render::number(part));
                explain.insert(format!("{name}_weight"), render::number(weight));
            }
            explain
        });
        RankingRecord {
            rank: self.rank,
            program: ProgramRecord::new(self.ranked.program, self.catalog, self.ctx),
            score: self.ranked.score,
            front: self.ranked.front,
            explain,
        }
    }

    fn rows(&self, rows: &mut Vec<Row>) {
        let (p, ctx) = (self.ranked.program, self.ctx);
        let school = self
            .catalog
            .institution(&p.institution)
            .map_or(p.institution.as_str(), |i| i.label());
        let front = if self.ranked.front { " ◆" } else { "" };
        let note = self.args.explain.then(|| {
            let shown: Vec<String> = self
                .parts()
                .iter()
                .map(|(name, part, _)| format!("{name} {part:.2}"))
                .collect();
            format!("parts: {}", shown.join(", "))
        });
        rows.push(Row {
            cells: vec![
                self.rank.to_string(),
                format!("{}\n{school} · {}{front}", p.name, p.id),
                p.pacing.to_string(),
                cost_cell(p, ctx),
                text::range(p.months),
                text::credit(p.credit_summary()),
                format!("{:.1}", self.ranked.score),
            ],
            dim: p.status == Status::Retired,
            note,
        });
    }
}

fn footer(shown: usize, matched: usize, removed: Removed, explain: Option<rank::Weights>) -> Vec<String> {
    let first = if shown < matched {
        format!("{shown} of {} shown", count(matched, "program"))
    } else {
        count(shown, "program")
    };
    let mut lines = vec![with_removed(first, removed)];
    if let Some(w) = explain {
        lines.push(format!(
            "score = 100 x weighted mean of the parts, each 0 (worst here) to 1 (best here); cost and months on a ratio scale, part = (ln(1+worst) - ln(1+value)) / (ln(1+worst) - ln(1+best)) by the middle of the range; credit linear on the largest known share; weights: cost {}, months {}, credit {}, pacing {}",
            text::short(w.cost),
            text::short(w.months),
            text::short(w.credit),
            text::short(w.pacing)
        ));
    }
    lines
}

/// Why nothing matched, for stderr.
pub fn empty_note(removed: Removed) -> String {
    let mut reasons = Vec::new();
    if removed.filtered > 0 {
        reasons.push(format!("{} failed the filters", removed.filtered));
    }
    if removed.unknown > 0 {
        reasons.push(format!("{} had unknown figures a filter needs", removed.unknown));
    }
    if removed.retired > 0 {
        reasons.push(format!(
            "{} retired were hidden (--include-retired)",
            removed.retired
        ));
    }
    if reasons.is_empty() {
        "no program matches".into()
    } else {
        format!("no program matches: {}", reasons.join(", "))
    }
}
