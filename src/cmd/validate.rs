//! `validate`: every problem in the loaded sources, and a summary.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value};

use super::count;
use crate::catalog::Loaded;
use crate::render::Format;

/// Prints the problems and a summary; the caller turns problems into exit code 1.
pub fn run(loaded: &Loaded, format: Format, out: &mut dyn Write) -> Result<()> {
    let catalog = &loaded.catalog;
    if format == Format::Json {
        let mut summary = Map::new();
        let problems: Vec<Value> = loaded
            .problems
            .iter()
            .map(|d| {
                serde_json::json!({ "file": d.file, "line": d.line, "column": d.column, "message": d.message })
            })
            .collect();
        let replaced: Vec<Value> = loaded
            .replaced
            .iter()
            .map(|r| serde_json::json!({ "kind": r.kind, "id": r.id, "from": r.from, "by": r.by, "keys": r.keys }))
            .collect();
        summary.insert("sources".into(), catalog.sources.clone().into());
        summary.insert("programs".into(), catalog.programs.len().into());
        summary.insert("institutions".into(), catalog.institutions.len().into());
        summary.insert("replaced".into(), replaced.into());
        summary.insert("problems".into(), problems.into());
        serde_json::to_writer_pretty(&mut *out, &summary)?;
        writeln!(out)?;
        return Ok(());
    }
    for problem in &loaded.problems {
        writeln!(out, "{problem}")?;
    }
    for r in &loaded.replaced {
        let keys: Vec<String> = r.keys.iter().map(|k| format!("`{k}`")).collect();
        let keys = if keys.is_empty() {
            "no keys".to_string()
        } else {
            keys.join(", ")
        };
        writeln!(
            out,
            "corrected: {} `{}` of {} by {}: {keys}",
            r.kind, r.id, r.from, r.by
        )?;
    }
    writeln!(
        out,
        "{} and {} from {}; {} corrected by later sources; {} found",
        count(catalog.programs.len(), "program"),
        count(catalog.institutions.len(), "institution"),
        count(catalog.sources.len(), "source"),
        loaded.replaced.len(),
        count(loaded.problems.len(), "problem"),
    )?;
    Ok(())
}
