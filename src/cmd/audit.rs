//! `audit`: what the catalogue does not know, most in need first, and its coverage.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value};

use super::{Context, count, programs_named, with_removed};
use crate::audit;
use crate::catalog::{Catalog, Status};
use crate::filter::{self, Filter};
use crate::render::{self, Document, Grid};

const FIELDS: &[&str] = &[
    "id",
    "name",
    "status",
    "missing",
    "url",
    "verified",
    "days_since_verified",
];

/// Prints the programs that need a check among those `filter` keeps (retired ones included).
pub fn run(
    filter: &Filter,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    _err: &mut dyn Write,
) -> Result<()> {
    programs_named(catalog, &filter.toward)?;
    let filter = Filter {
        include_retired: true,
        ..filter.clone()
    };
    let selection = filter::select(catalog, &[], &filter, &ctx.money);
    let findings = audit::findings(&selection.programs, &ctx.money, ctx.today);
    let mut grid = Grid::new(&["Program", "Missing", "Checked", "Days"], &[3], &[0, 1]);
    let mut records = Vec::new();
    for f in &findings {
        let p = f.program;
        let verified = p.verified.map(|d| d.to_string());
        let mut r = Map::new();
        r.insert("id".into(), p.id.clone().into());
        r.insert("name".into(), p.name.clone().into());
        r.insert("status".into(), p.status.as_str().into());
        r.insert("missing".into(), f.missing.clone().into());
        r.insert("url".into(), render::maybe_text(p.url.as_deref()));
        r.insert("verified".into(), render::maybe_text(verified.as_deref()));
        r.insert(
            "days_since_verified".into(),
            f.days_since_verified.map_or(Value::Null, Value::from),
        );
        records.push(r);
        let retired = if p.status == Status::Retired {
            " (retired)"
        } else {
            ""
        };
        let url = p.url.as_deref().unwrap_or("no url");
        grid.push(
            vec![
                format!("{}{retired}\n{}\n{url}", p.name, p.id),
                if f.missing.is_empty() {
                    "–".into()
                } else {
                    f.missing.join(", ")
                },
                verified.unwrap_or_else(|| "never".into()),
                f.days_since_verified
                    .map_or_else(|| "?".into(), |d| d.to_string()),
            ],
            p.status == Status::Retired,
        );
    }
    let first = format!(
        "{} to check of {}",
        count(findings.len(), "program"),
        count(selection.programs.len(), "program")
    );
    grid.footer = vec![with_removed(first, selection.removed)];
    grid.footer
        .push("coverage, known of all (kind: cost, months, pacing, a pathway, a known share):".into());
    for (kind, c) in audit::coverage(&selection.programs, &ctx.money) {
        grid.footer.push(format!(
            "  {kind} ({}): cost {}, months {}, pacing {}, pathway {}, known share {}",
            c.programs, c.cost, c.months, c.pacing, c.pathway, c.share
        ));
    }
    let document = Document {
        records,
        fields: FIELDS.to_vec(),
        single: false,
        grid,
        title: "audit".into(),
        plot: None,
        ..Document::default()
    };
    render::write(document, ctx.format, ctx.style, out)?;
    Ok(())
}
