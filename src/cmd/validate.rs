//! `validate`: every problem in the loaded sources, and a summary.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value};

use super::count;
use crate::catalog::Loaded;
use crate::render::{self, Column, Document, Format, Grid, Validation};

/// Prints the problems and a summary, in any format; the caller turns problems into exit
/// code 1. The table is the plain `FILE:LINE:COLUMN: message` lines editors jump to; JSON is
/// one summary object; CSV, Markdown and HTML have a row per problem.
pub fn run(loaded: &Loaded, format: Format, out: &mut dyn Write) -> Result<()> {
    let catalog = &loaded.catalog;
    let replaced: Vec<Value> = loaded
        .replaced
        .iter()
        .map(
            |r| serde_json::json!({ "kind": r.kind, "id": r.id, "from": r.from, "by": r.by, "keys": r.keys, "change": r.change }),
        )
        .collect();
    let mut summary = Map::new();
    // The version of the JSON every command prints (docs/json.md): a script can check it.
    summary.insert("json_format".into(), crate::render::JSON_FORMAT.into());
    summary.insert("sources".into(), catalog.sources.clone().into());
    summary.insert("programs".into(), catalog.programs.len().into());
    summary.insert("institutions".into(), catalog.institutions.len().into());
    summary.insert("replaced".into(), replaced.into());
    summary.insert("problems".into(), serde_json::to_value(&loaded.problems)?);

    let corrected: Vec<String> = loaded
        .replaced
        .iter()
        .map(|r| {
            let keys: Vec<String> = r.keys.iter().map(|k| format!("`{k}`")).collect();
            let keys = match (&r.change, keys.is_empty()) {
                (Some(change), _) => change.clone(),
                (None, true) if r.kind == "source" => "replaced".to_string(),
                (None, true) => "no keys".to_string(),
                (None, false) => keys.join(", "),
            };
            format!(
                "corrected: {} `{}` of {} by {}: {keys}",
                r.kind, r.id, r.from, r.by
            )
        })
        .collect();
    let total = format!(
        "{} and {} from {}; {} corrected by later sources; {} found",
        count(catalog.programs.len(), "program"),
        count(catalog.institutions.len(), "institution"),
        count(catalog.sources.len(), "source"),
        loaded.replaced.len(),
        count(loaded.problems.len(), "problem"),
    );
    let mut grid = Grid::new([
        Column::text("File"),
        Column::figure("Line"),
        Column::figure("Column"),
        Column::text("Problem"),
    ]);
    for d in &loaded.problems {
        grid.push(
            vec![
                d.file.clone(),
                d.line.to_string(),
                d.column.to_string(),
                d.message.clone(),
            ],
            false,
        );
    }
    grid.footer.clone_from(&corrected);
    grid.footer.push(total.clone());
    let mut lines: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    lines.extend(corrected);
    lines.push(total);
    let validation = Validation {
        document: Document {
            grid,
            page: render::Page {
                title: "validate".into(),
                heading: "Catalogue check".into(),
                made: crate::catalog::Date::today().to_string(),
                catalogue: loaded.catalog.sources.join(" and "),
                ..render::Page::default()
            },
            plot: None,
        },
        problems: loaded.problems.clone(),
        lines,
        summary: Value::Object(summary),
    };
    render::validation(&validation, format, out)?;
    Ok(())
}
