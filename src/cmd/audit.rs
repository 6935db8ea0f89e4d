//! `audit`: what the catalogue does not know, most in need first, and its coverage.

use std::io::Write;

use super::{Context, count, with_removed};
use crate::audit::{self, Finding};
use crate::catalog::{Catalog, Status};
use crate::filter::{self, Filter};
use crate::render::{self, Column, Entry, Grid, Report, Row};
use anyhow::Result;

/// Prints the programs that need a check among those `filter` keeps (retired ones included).
pub fn run(
    filter: &Filter,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    super::degrees_named(catalog, &filter.toward)?;
    super::note_unmatched(catalog, &filter.universities, err);
    let filter = Filter {
        include_retired: true,
        ..filter.clone()
    };
    let selection = filter::select(catalog, &[], &filter, &ctx.money);
    let findings = audit::findings(&selection.programs, &ctx.money, ctx.today);
    let mut layout = Grid::new([
        Column::text("Program"),
        Column::text("Missing"),
        Column::word("Checked"),
        Column::figure("Days"),
    ]);
    let first = format!(
        "{} to check of {}",
        count(findings.len(), "program"),
        count(selection.programs.len(), "program")
    );
    layout.footer = vec![with_removed(first, selection.removed)];
    layout
        .footer
        .push("coverage, known of all (kind: cost, months, pacing, a pathway, a known share):".into());
    for (kind, c) in audit::coverage(&selection.programs, &ctx.money) {
        layout.footer.push(format!(
            "  {kind} ({}): cost {}, months {}, pacing {}, pathway {}, known share {}",
            c.programs, c.cost, c.months, c.pacing, c.pathway, c.share
        ));
    }
    let mut page = ctx.page_citing(catalog, "audit", findings.iter().map(|f| f.program));
    page.heading = "What the catalogue does not know, and how old its figures are".into();
    let report = Report::new(findings.iter(), layout, page);
    render::report(report, ctx.format, ctx.style, out)?;
    Ok(())
}

/// What `audit` prints for one program.
#[derive(Default, serde::Serialize)]
pub struct AuditRecord<'a> {
    id: &'a str,
    name: &'a str,
    status: &'static str,
    missing: &'a [&'static str],
    url: Option<&'a str>,
    verified: Option<String>,
    days_since_verified: Option<i64>,
}

impl<'a> Entry for &'a Finding<'a> {
    type Record = AuditRecord<'a>;

    fn record(&self) -> AuditRecord<'a> {
        let p = self.program;
        AuditRecord {
            id: &p.id,
            name: &p.name,
            status: p.status.as_str(),
            missing: &self.missing,
            url: p.url.as_deref(),
            verified: p.verified.map(|d| d.to_string()),
            days_since_verified: self.days_since_verified,
        }
    }

    fn rows(&self, rows: &mut Vec<Row>) {
        let p = self.program;
        let retired = if p.status == Status::Retired {
            " (retired)"
        } else {
            ""
        };
        let url = p.url.as_deref().unwrap_or("no url");
        let missing = if self.missing.is_empty() {
            "–".into()
        } else {
            self.missing.join(", ")
        };
        rows.push(Row {
            cells: vec![
                format!("{}{retired}\n{}\n{url}", p.name, p.id),
                missing,
                p.verified.map_or_else(|| "never".into(), |d| d.to_string()),
                self.days_since_verified
                    .map_or_else(|| "?".into(), |d| d.to_string()),
            ],
            dim: p.status == Status::Retired,
            note: None,
        });
    }
}
