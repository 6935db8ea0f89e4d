//! `compare`: rank programs that pass the filters.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value};

use super::{
    CREDIT_LEGEND, Context, ProgramRecord, cost_cell, count, front_legend, high, low, provenance,
    with_removed,
};
use crate::catalog::{Catalog, Status};
use crate::filter::Removed;
use crate::rank::{self, Comparison, Criterion, Ranked, Ranking};
use crate::render::{self, Align, Column, Entry, Grid, Report, Row, Wrap, text};

/// Ranks and prints the programs `args` selects.
pub fn run(
    args: &Comparison,
    explain: bool,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let Ranking {
        ranked,
        matched,
        removed,
    } = super::ranking(args, catalog, ctx)?;
    super::note_unmatched(catalog, &args.filter.universities, err);

    let mut layout = Grid::new([
        Column::figure("#"),
        Column::text("Program"),
        Column::new("Pacing", Align::Left, Wrap::Hyphens),
        Column::figure("Cost"),
        Column::figure("Months"),
        Column::figure("Credit"),
        Column::figure("Score"),
    ]);
    layout.footer = footer(ranked.len(), matched, removed, explain.then_some(args.weights));
    layout
        .footer
        .push(provenance(catalog, ctx, ranked.iter().map(|r| r.program)));
    layout.footer.push(CREDIT_LEGEND.to_string());
    let pace = args.filter.pace;
    if pace.given()
        && ranked
            .iter()
            .any(|r| crate::pace::calendar(r.program, 1.0, pace).pace() == "advertised")
    {
        layout.footer.push(super::ADVERTISED_LEGEND.to_string());
    }
    if ranked.iter().any(|r| r.front) {
        layout.footer.push(front_legend(matched, "program"));
    }
    if ranked.is_empty() {
        let _ = writeln!(err, "note: {}", super::empty_note(removed));
    }
    let mut page = ctx.page_citing(catalog, "compare", ranked.iter().map(|r| r.program));
    page.heading = "Programs ranked by cost, months, credit and pacing".into();
    page.reading.push(super::SCORE_READING.into());
    let entries = ranked.into_iter().enumerate().map(|(i, ranked)| Place {
        rank: i + 1,
        ranked,
        catalog,
        ctx,
        args,
        explain,
    });
    let report = Report::new(entries, layout, page);
    render::report(report, ctx.format, ctx.style, out)?;
    Ok(())
}

/// One ranked program, in its place, as `compare` reports it.
struct Place<'a> {
    rank: usize,
    ranked: Ranked<'a>,
    catalog: &'a Catalog,
    ctx: &'a Context,
    args: &'a Comparison,
    /// Whether each criterion's part is shown.
    explain: bool,
}

/// The record of one ranked program: the program's, with its rank, score and parts.
#[derive(Default, serde::Serialize)]
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
        let explain = self.explain.then(|| {
            let mut explain = Map::new();
            for (name, part, weight) in self.parts() {
                explain.insert(name.as_str().into(), render::number(part));
                explain.insert(format!("{name}_weight"), render::number(weight));
            }
            explain
        });
        let mut program = ProgramRecord::new(self.ranked.program, self.catalog, self.ctx);
        if self.args.filter.pace.given() {
            program.months_min = low(self.ranked.months);
            program.months_max = high(self.ranked.months);
            program.pace = crate::pace::calendar(self.ranked.program, 1.0, self.args.filter.pace).pace();
        }
        RankingRecord {
            rank: self.rank,
            program,
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
        let note = self.explain.then(|| {
            let shown: Vec<String> = self
                .parts()
                .iter()
                .map(|(name, part, _)| format!("{name} {part:.2}"))
                .collect();
            format!("parts: {}", shown.join(", "))
        });
        let mut name = String::with_capacity(p.name.len() + school.len() + p.id.len() + 20);
        for part in [&p.name, p.retired_mark(), "\n", school, " · ", &p.id, front] {
            name.push_str(part);
        }
        rows.push(Row {
            cells: vec![
                self.rank.to_string(),
                name,
                p.pacing.to_string(),
                cost_cell(p, ctx),
                super::paced_months_cell(p, self.args.filter.pace, ctx),
                text::credit(p.credit_summary()),
                text::tenths(self.ranked.score),
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
