//! CSV: a header row and one row per record; nested keys joined with `_`, lists with `; `.

use std::io::{self, Write};

use serde_json::{Map, Value};

use serde::Serialize;

/// Flattens one record into `(column, cell)` pairs.
fn flatten(prefix: &str, record: &Map<String, Value>, cells: &mut Vec<(String, String)>) {
    for (key, value) in record {
        let name = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}_{key}")
        };
        match value {
            Value::Object(inner) => flatten(&name, inner, cells),
            other => cells.push((name, cell(other))),
        }
    }
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => text_cell(s),
        Value::Array(items) => text_cell(&items.iter().map(cell).collect::<Vec<_>>().join("; ")),
        Value::Object(_) => value.to_string(),
        other => other.to_string(),
    }
}

/// A text cell made safe: control and bidirectional characters escaped, and a cell that a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) prefixed
/// with `'`. Numbers are not text cells and stay as they are.
fn text_cell(text: &str) -> String {
    let safe = super::text::plain(text);
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{safe}")
    } else {
        safe
    }
}

/// Keeps the kind of an I/O error (a closed pipe must stay a closed pipe).
fn io_error(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes `records` as CSV as they come: the header is `fields`, then any other columns the
/// first record has; a record's missing columns are empty.
pub fn write<R: Serialize>(
    records: impl Iterator<Item = R>,
    fields: &[&str],
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let mut header: Option<Vec<String>> = None;
    for record in records {
        let value = serde_json::to_value(&record).map_err(io::Error::from)?;
        let mut cells = Vec::new();
        if let Value::Object(map) = &value {
            flatten("", map, &mut cells);
        }
        if header.is_none() {
            let mut names: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
            for (name, _) in &cells {
                if !names.contains(name) {
                    names.push(name.clone());
                }
            }
            writer.write_record(&names).map_err(io_error)?;
            header = Some(names);
        }
        let header = header.as_deref().unwrap_or_default();
        let line = header.iter().map(|h| {
            cells
                .iter()
                .find(|(name, _)| name == h)
                .map_or("", |(_, v)| v.as_str())
        });
        writer.write_record(line).map_err(io_error)?;
    }
    if header.is_none() {
        writer.write_record(fields).map_err(io_error)?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        for formula in ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(1+1)", "\tx", "\rx"] {
            assert!(cell(&Value::from(formula)).starts_with('\''), "{formula}");
        }
        assert_eq!(cell(&Value::from(-2.5)), "-2.5");
        assert_eq!(cell(&Value::from("a\u{1b}b")), "a\\u{1b}b");
    }
}
