//! A long table's rows, made once and held packed in one text (see `table::write`): making a
//! row (a route found again, its figures written) costs more than measuring, wrapping and
//! drawing it, and a few bytes of index per cell cost less than a string each.

use std::io::{self, Write};

use super::{RowCells, RowRef, Rows, batches};

/// Ends each cell of a packed row, and its note; `END_ROW` then ends the row. Neither is in a
/// cell made plain (control characters are shown escaped), and `pack` escapes them where a
/// cell is not.
pub(super) const END_CELL: u8 = 0x1f;
const END_ROW: u8 = 0x1e;

/// A row's flags, the byte that opens it: `0` plus these.
const DIM: u8 = 1;
const NOTED: u8 = 2;

/// Adds `rows` to `bytes`, compressed: each row its flags, then each cell and its note each
/// ended by `END_CELL`, then `END_ROW`.
pub(super) fn pack(rows: &[RowRef<'_>], bytes: &mut Vec<u8>) {
    let mut text = Vec::new();
    for row in rows {
        let flags = if row.dim { DIM } else { 0 } | if row.note.is_some() { NOTED } else { 0 };
        text.push(b'0' + flags);
        for cell in row.cells.iter().chain(row.note) {
            if memchr::memchr2(END_CELL, END_ROW, cell.as_bytes()).is_some() {
                text.extend_from_slice(crate::catalog::text::plain(cell).as_bytes());
            } else {
                text.extend_from_slice(cell.as_bytes());
            }
            text.push(END_CELL);
        }
        text.push(END_ROW);
    }
    bytes.extend_from_slice(&lz4_flex::compress_prepend_size(&text));
}

/// Rows packed by `pack`, a batch at a time as they were written, each batch compressed: the
/// rows of a long table take a fraction of the memory their cells would.
#[derive(Default)]
pub(super) struct Packed {
    batches: Vec<Box<[u8]>>,
}

impl Write for Packed {
    /// Takes `bytes`, a batch that `pack` wrote (each call one whole batch).
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.batches.push(bytes.into());
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Packed {
    /// Hands `each` the rows of `batch`, unpacked.
    fn unpack(batch: &[u8], each: &mut dyn FnMut(&[RowRef<'_>]) -> io::Result<()>) -> io::Result<()> {
        let unpacked = lz4_flex::decompress_size_prepended(batch)
            .ok()
            .and_then(|text| String::from_utf8(text).ok())
            .ok_or_else(not_packed)?;
        let rows: Vec<RowRef<'_>> = rows(&unpacked).collect::<Option<_>>().ok_or_else(not_packed)?;
        each(&rows)
    }
}

/// Bytes that `pack` did not write: only a bug could give them.
fn not_packed() -> io::Error {
    io::Error::other("internal error: a table's rows were not packed whole; please report it")
}

/// The rows `pack` wrote in `text`, each `None` where it is not as `pack` writes it.
fn rows(text: &str) -> impl Iterator<Item = Option<RowRef<'_>>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let Some(end) = memchr::memchr(END_ROW, rest.as_bytes()) else {
            rest = "";
            return Some(None);
        };
        let (row, after) = (&rest[..end], &rest[end + 1..]);
        rest = after;
        Some(row_of(row))
    })
}

/// One row as `pack` wrote it, less its `END_ROW`.
fn row_of(row: &str) -> Option<RowRef<'_>> {
    let flags = row
        .as_bytes()
        .first()?
        .checked_sub(b'0')
        .filter(|f| *f <= DIM | NOTED)?;
    let mut cells = &row[1..];
    if !(cells.is_empty() || cells.ends_with(char::from(END_CELL))) {
        return None;
    }
    let mut note = None;
    if flags & NOTED != 0 {
        let body = &cells[..cells.len().checked_sub(1)?];
        let start = memchr::memrchr(END_CELL, body.as_bytes()).map_or(0, |at| at + 1);
        note = Some(&body[start..]);
        cells = &cells[..start];
    }
    Some(RowRef {
        cells: RowCells::Packed(cells),
        dim: flags & DIM != 0,
        note,
    })
}

impl Rows for Packed {
    fn each(&self, each: &mut dyn FnMut(RowRef<'_>) -> io::Result<()>) -> io::Result<()> {
        for batch in &self.batches {
            Packed::unpack(batch, &mut |rows| rows.iter().try_for_each(|row| each(*row)))?;
        }
        Ok(())
    }

    fn batches(&self, out: &mut dyn Write, each: &super::RowBatch<'_>) -> io::Result<()> {
        batches::write_by(
            self.batches.iter(),
            1,
            out,
            || (),
            |(), _, batch, bytes| {
                batch
                    .iter()
                    .try_for_each(|packed| Packed::unpack(packed, &mut |rows| each(rows, bytes)))
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(rows: &[RowRef<'_>]) -> Vec<(Vec<String>, bool, Option<String>)> {
        rows.iter()
            .map(|r| {
                let cells = r.cells.iter().map(str::to_string).collect();
                (cells, r.dim, r.note.map(str::to_string))
            })
            .collect()
    }

    #[test]
    fn rows_packed_are_the_rows_given() {
        let cells: Vec<Vec<String>> = vec![
            vec!["1".into(), "Name\nid".into(), String::new(), "$5".into()],
            vec![],
            vec![String::new()],
            vec!["é 中".into(), "a\x1fb\x1ec".into()],
            vec!["x".into(), String::new(), String::new()],
        ];
        let notes = [None, Some("a note"), Some(""), None, Some("last")];
        let rows: Vec<RowRef<'_>> = cells
            .iter()
            .zip(notes)
            .enumerate()
            .map(|(i, (cells, note))| RowRef {
                cells: RowCells::Held(cells),
                dim: i % 2 == 1,
                note,
            })
            .collect();
        let mut packed = Packed::default();
        for batch in [&rows[..2], &rows[2..]] {
            let mut bytes = Vec::new();
            pack(batch, &mut bytes);
            packed.write_all(&bytes).unwrap();
        }
        let mut back = Vec::new();
        let mut first = Vec::new();
        packed
            .each(&mut |row| {
                if back.is_empty() {
                    first = (0..6)
                        .map(|i| row.cells.get(i))
                        .map(|c| c.map(str::to_string))
                        .collect();
                }
                back.extend(owned(&[row]));
                Ok(())
            })
            .unwrap();
        let mut expected = owned(&rows);
        // The separators a cell held are shown escaped, as any control character is.
        expected[3].0[1] = "a\\u{1f}b\\u{1e}c".into();
        assert_eq!(back, expected);
        let cells = ["1", "Name\nid", "", "$5"].map(|c| Some(c.to_string()));
        assert_eq!(first, [&cells[..], &[None, None]].concat());
    }

    #[test]
    fn text_that_pack_did_not_write_is_refused() {
        let refused: [&[u8]; 8] = [
            b"x\x1f\x1e",
            b"0a\x1f",
            b"0a\x1f\x1ea",
            b"0a",
            b"2\x1e",
            b"9\x1e",
            b"\x1e",
            b"0\xff\x1f\x1e",
        ];
        for text in refused {
            let mut packed = Packed::default();
            packed.write_all(&lz4_flex::compress_prepend_size(text)).unwrap();
            assert!(packed.each(&mut |_| Ok(())).is_err(), "{text:?}");
        }
        let mut packed = Packed::default();
        packed.write_all(b"not compressed").unwrap();
        assert!(packed.each(&mut |_| Ok(())).is_err());
        let mut packed = Packed::default();
        packed
            .write_all(&lz4_flex::compress_prepend_size(b"0\x1e3a\x1fb\x1f\x1e"))
            .unwrap();
        let mut count = 0;
        packed
            .each(&mut |_| {
                count += 1;
                Ok(())
            })
            .unwrap();
        assert_eq!(count, 2);
    }
}
