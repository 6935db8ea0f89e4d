//! CSV: a header row and one row per record; nested keys joined with `_`, lists with `; `.

use std::io::{self, Write};

use serde::Serialize;

use super::batches;
use super::cells::Cells;

/// Keeps the kind of an I/O error (a closed pipe must stay a closed pipe).
fn io_error(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes the records of `items` (`record` makes each) as CSV, in batches as they come (see
/// `batches`: records are made and written on every core): the first record names
/// the columns (`empty` does when there is none: the record type's columns); a later record's
/// missing columns are empty.
pub fn write<T: Send, R: Serialize>(
    items: impl Iterator<Item = T>,
    record: impl Fn(&T) -> R + Sync,
    empty: &R,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut items = items.peekable();
    let mut cells = Cells::with_names();
    match items.peek() {
        Some(first) => cells.fill(&record(first)),
        None => cells.fill(empty),
    }
    .map_err(io::Error::other)?;
    let names = cells.names.take().unwrap_or_default();
    let mut header = csv::Writer::from_writer(&mut *out);
    header.write_record(&names).map_err(io_error)?;
    header.flush()?;
    drop(header);
    // Each worker fills one set of cells again for each record (in the room of the last), and
    // moves them into one line, so that a long listing does not allocate a string a cell.
    let names = names.as_slice();
    let scratch = || (Cells::default(), vec![String::new(); names.len()]);
    batches::write(items, out, scratch, |(cells, line), _, batch, bytes| {
        let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(bytes);
        for item in batch {
            let record = record(item);
            cells.fill(&record).map_err(io::Error::other)?;
            // Records of one type have the same cells, in the header's order; one of another
            // shape (a key left out) has its cells placed by their names.
            let mut by_name = None;
            if cells.values_mut().len() != names.len() {
                cells.names = Some(Vec::new());
                cells.fill(&record).map_err(io::Error::other)?;
                let own = cells.names.take().unwrap_or_default();
                by_name = Some(
                    names
                        .iter()
                        .map(|n| own.iter().position(|o| o == n))
                        .collect::<Vec<_>>(),
                );
            }
            let values = cells.values_mut();
            for (column, slot) in line.iter_mut().enumerate() {
                slot.clear();
                let from = by_name.as_ref().map_or(Some(column), |places| places[column]);
                if let Some(value) = from.and_then(|i| values.get_mut(i)) {
                    std::mem::swap(slot, value);
                }
            }
            writer.write_record(&*line).map_err(io_error)?;
        }
        writer.flush()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Default)]
    struct Flat {
        id: usize,
        name: String,
    }

    #[test]
    fn a_long_listing_is_the_csv_of_its_records_in_order() {
        // Batches on every core (see `batches`), with text that needs quoting.
        for count in [0, 1, 3 * super::batches::BATCH + 7] {
            let records: Vec<Flat> = (0..count)
                .map(|id| Flat {
                    id,
                    name: format!("name {id}, \"quoted\""),
                })
                .collect();
            let mut ours = Vec::new();
            write(records.iter(), |r| *r, &&Flat::default(), &mut ours).unwrap();
            let mut standard = ::csv::Writer::from_writer(Vec::new());
            standard.write_record(["id", "name"]).unwrap();
            for record in &records {
                standard
                    .write_record([record.id.to_string(), record.name.clone()])
                    .unwrap();
            }
            assert_eq!(ours, standard.into_inner().unwrap(), "{count} records");
        }
    }

    #[derive(Serialize)]
    struct Gapped {
        a: u8,
        #[serde(skip_serializing_if = "Option::is_none")]
        b: Option<u8>,
        c: u8,
    }

    #[test]
    fn a_record_without_a_key_has_that_column_empty() {
        let records = [
            Gapped {
                a: 1,
                b: Some(2),
                c: 3,
            },
            Gapped { a: 4, b: None, c: 6 },
        ];
        let mut out = Vec::new();
        write(records.iter(), |r| *r, &&records[0], &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a,b,c\n1,2,3\n4,,6\n");
    }

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
