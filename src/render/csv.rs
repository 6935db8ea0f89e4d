//! CSV: a header row and one row per record; nested keys joined with `_`, lists with `; `.

use std::io::{self, Write};

use serde::Serialize;

use super::cells::Cells;

/// Keeps the kind of an I/O error (a closed pipe must stay a closed pipe).
fn io_error(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes `records` as CSV as they come: the first record names the columns (`empty` does when
/// there is none: the record type's columns); a later record's missing columns are empty.
pub fn write<R: Serialize>(
    records: impl Iterator<Item = R>,
    empty: &R,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    // Where each cell of a record goes in the header. Records of one type have the same
    // columns: the first names them, the others are placed by position.
    let mut places: Option<(usize, Vec<Option<usize>>)> = None;
    let mut line: Vec<String> = Vec::new();
    // One set of cells, filled again for each record (in the room of the last); it names its
    // columns until the names are taken below.
    let mut cells = Cells::with_names();
    for record in records {
        cells.fill(&record).map_err(io::Error::other)?;
        if places
            .as_ref()
            .is_some_and(|(count, _)| *count != cells.values().len())
        {
            // A record of another shape: name its cells again.
            cells.names = Some(Vec::new());
            cells.fill(&record).map_err(io::Error::other)?;
        }
        if let Some(names) = cells.names.take() {
            if places.is_none() {
                let header = names.clone();
                writer.write_record(&header).map_err(io_error)?;
                line = vec![String::new(); header.len()];
                places = Some((
                    0,
                    header
                        .into_iter()
                        .map(|h| names.iter().position(|n| *n == h))
                        .collect(),
                ));
            }
            if let Some((count, _)) = &mut places {
                *count = names.len();
            }
        }
        let Some((_, columns)) = &places else { continue };
        for (slot, from) in line.iter_mut().zip(columns) {
            slot.clear();
            if let Some(value) = from.and_then(|i| cells.values_mut().get_mut(i)) {
                std::mem::swap(slot, value);
            }
        }
        writer.write_record(&line).map_err(io_error)?;
    }
    if places.is_none() {
        let mut cells = Cells::with_names();
        cells.fill(empty).map_err(io::Error::other)?;
        writer
            .write_record(cells.names.unwrap_or_default())
            .map_err(io_error)?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        let cell = |value: serde_json::Value| {
            let mut cells = Cells::default();
            cells.fill(&value).unwrap();
            cells.values()[0].clone()
        };
        for formula in ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(1+1)", "\tx", "\rx"] {
            assert!(cell(formula.into()).starts_with('\''), "{formula}");
        }
        assert_eq!(cell((-2.5).into()), "-2.5");
        assert_eq!(cell("a\u{1b}b".into()), "a\\u{1b}b");
    }
}
