//! `compare`: rank programs that pass the filters.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value};

use super::{
    CREDIT_LEGEND, Context, FRONT_LEGEND, PROGRAM_FIELDS, cost_cell, count, program_record, programs_named,
    provenance, with_removed,
};
use crate::catalog::Catalog;
use crate::filter::{self, Removed};
use crate::rank::{self, Comparison};
use crate::render::{self, Document, Grid, text};

/// Ranks and prints the programs `args` selects.
pub fn run(
    args: &Comparison,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let named = programs_named(catalog, &args.ids)?;
    // An unknown `--toward` degree is a mistake to name, not a filter that keeps nothing.
    programs_named(catalog, &args.filter.toward)?;
    let selection = filter::select(catalog, &named, &args.filter, &ctx.money);
    let mut ranked = rank::score(&selection.programs, &ctx.money, args.weights, args.prefer);
    let matched = ranked.len();
    rank::order(&mut ranked, &args.order, &ctx.money, args.prefer, args.limit);

    let header = ["#", "Program", "Pacing", "Cost", "Months", "Credit", "Score"];
    let mut grid = Grid::new(&header, &[0, 3, 4, 5, 6], &[1, 2]);
    grid.hyphenate = vec![2];
    let mut records = Vec::with_capacity(ranked.len());
    let mut any_stale = false;
    for (i, r) in ranked.iter().enumerate() {
        let p = r.program;
        any_stale |= p.is_stale(ctx.today);
        let parts = [
            ("cost", r.parts.cost, args.weights.cost),
            ("months", r.parts.months, args.weights.months),
            ("credit", r.parts.credit, args.weights.credit),
            ("pacing", r.parts.pacing, args.weights.pacing),
        ];
        // Only what the format prints is built: records for machines, rows for people.
        if ctx.format.is_for_machines() {
            let mut record = Map::new();
            record.insert("rank".into(), (i + 1).into());
            record.extend(program_record(p, catalog, ctx));
            record.insert("score".into(), render::number(r.score));
            record.insert("front".into(), r.front.into());
            if args.explain {
                let mut explain = Map::new();
                for (name, part, weight) in parts {
                    explain.insert(name.into(), render::number(part));
                    explain.insert(format!("{name}_weight"), render::number(weight));
                }
                record.insert("explain".into(), Value::Object(explain));
            }
            records.push(record);
            continue;
        }
        let school = catalog
            .institution(&p.institution)
            .map_or(p.institution.as_str(), |i| i.label());
        let row = vec![
            (i + 1).to_string(),
            format!(
                "{}\n{school} · {}{}",
                p.name,
                p.id,
                if r.front { " ◆" } else { "" }
            ),
            p.pacing.to_string(),
            cost_cell(p, ctx),
            text::range(p.months),
            text::credit(p.credit_summary()),
            format!("{:.1}", r.score),
        ];
        grid.push(row, p.status == crate::catalog::Status::Retired);
        if args.explain {
            let shown: Vec<String> = parts
                .iter()
                .map(|(name, part, _)| format!("{name} {part:.2}"))
                .collect();
            grid.note_last(format!("parts: {}", shown.join(", ")));
        }
    }
    grid.footer = footer(
        ranked.len(),
        matched,
        selection.removed,
        args.explain.then_some(args.weights),
    );
    grid.footer.push(provenance(catalog, ctx, any_stale));
    grid.footer.push(CREDIT_LEGEND.to_string());
    if ranked.iter().any(|r| r.front) {
        grid.footer.push(FRONT_LEGEND.to_string());
    }
    if ranked.is_empty() {
        let _ = writeln!(err, "note: {}", empty_note(selection.removed));
    }
    let mut fields = vec!["rank"];
    fields.extend_from_slice(PROGRAM_FIELDS);
    fields.push("score");
    fields.push("front");
    let document = Document {
        records,
        fields,
        single: false,
        grid,
        title: "compare".into(),
        plot: None,
    };
    render::write(document, ctx.format, ctx.style, out)?;
    Ok(())
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
