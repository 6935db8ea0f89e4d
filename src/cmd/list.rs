//! `list`: programs grouped by institution, institutions by name, programs by name.

use std::io::Write;

use anyhow::Result;

use super::{
    CREDIT_LEGEND, Context, PROGRAM_FIELDS, cost_cell, count, program_record, programs_named, provenance,
    with_removed,
};
use crate::catalog::{Catalog, Program, Status};
use crate::filter::{self, Filter};
use crate::render::{self, Document, Grid, text};

/// Lists the programs that pass `filter`.
pub fn run(
    filter: &Filter,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    programs_named(catalog, &filter.toward)?;
    let selection = filter::select(catalog, &[], filter, &ctx.money);
    let mut programs: Vec<(&str, &Program)> = selection
        .programs
        .iter()
        .map(|p| {
            let name = catalog
                .institution(&p.institution)
                .map_or(p.institution.as_str(), |i| i.name.as_str());
            (name, *p)
        })
        .collect();
    programs.sort_by_cached_key(|(institution, p)| {
        (
            institution.to_lowercase(),
            p.institution.clone(),
            p.name.to_lowercase(),
            p.id.clone(),
        )
    });

    let mut grid = Grid::new(
        &["Program", "Kind", "Pacing", "Cost", "Months", "Credit"],
        &[3, 4, 5],
        &[0, 2],
    );
    grid.hyphenate = vec![2];
    let mut records = Vec::with_capacity(programs.len());
    let mut previous: Option<&str> = None;
    let mut any_stale = false;
    for (_, p) in &programs {
        any_stale |= p.is_stale(ctx.today);
        // Only what the format prints is built: records for machines, rows for people.
        if ctx.format.is_for_machines() {
            records.push(program_record(p, catalog, ctx));
            continue;
        }
        if previous != Some(p.institution.as_str()) {
            let heading = catalog
                .institution(&p.institution)
                .map_or(p.institution.clone(), |i| match &i.short {
                    Some(short) => format!("{short} — {}", i.name),
                    None => i.name.clone(),
                });
            grid.push(
                vec![
                    heading,
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
                false,
            );
        }
        previous = Some(p.institution.as_str());
        grid.push(
            vec![
                // Retired rows say so in words, not only in a colour some never see.
                format!(
                    "• {}{}\n  {}",
                    p.name,
                    if p.status == Status::Retired {
                        " (retired)"
                    } else {
                        ""
                    },
                    p.id
                ),
                p.kind.to_string(),
                p.pacing.to_string(),
                cost_cell(p, ctx),
                text::range(p.months),
                text::credit(p.credit_summary()),
            ],
            p.status == Status::Retired,
        );
    }
    let institutions = {
        let mut ids: Vec<&str> = programs.iter().map(|(_, p)| p.institution.as_str()).collect();
        ids.dedup();
        ids.len()
    };
    let first = format!(
        "{} from {}",
        count(programs.len(), "program"),
        count(institutions, "institution")
    );
    let first = with_removed(first, selection.removed);
    grid.footer = vec![
        first,
        provenance(catalog, ctx, any_stale),
        CREDIT_LEGEND.to_string(),
    ];
    if programs.is_empty() {
        let _ = writeln!(err, "note: {}", super::compare::empty_note(selection.removed));
    }
    let document = Document {
        records,
        fields: PROGRAM_FIELDS.to_vec(),
        single: false,
        grid,
        title: "list".into(),
        plot: None,
    };
    render::write(document, ctx.format, ctx.style, out)?;
    Ok(())
}
