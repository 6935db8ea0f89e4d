//! A long table's rows, made once and held packed, a batch to a text, compressed (see
//! `table::write`): making a row (a route found again, its figures written) costs more than
//! measuring, wrapping and drawing it, and a compressed text takes less memory than a string
//! for each cell.

use std::io::{self, Write};

use super::table::Overflow;
use super::{RowCells, RowRef, Rows, batches};

/// Ends each cell of a packed row, and its note; `END_ROW` then ends the row. Neither is in a
/// cell made plain (control characters are shown escaped), and `pack` escapes them where a
/// cell is not.
const END_CELL: u8 = 0x1f;
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
    /// Hands `each` every row, a batch at a time on every core as `Rows::batches` does, each
    /// batch let go once its rows are used.
    pub(super) fn drain(self, out: &mut dyn Write, each: &super::RowBatch<'_>) -> io::Result<()> {
        walk(self.batches.into_iter(), out, each)
    }

    /// Hands `each` the rows of `batch`, unpacked.
    fn unpack(batch: &[u8], each: &mut dyn FnMut(&[RowRef<'_>]) -> io::Result<()>) -> io::Result<()> {
        let unpacked = lz4_flex::decompress_size_prepended(batch)
            .ok()
            .and_then(|text| String::from_utf8(text).ok())
            .ok_or_else(not_packed)?;
        // Every cell of the batch, found once, then each row's among them.
        let mut cells: Vec<&str> = Vec::new();
        let mut places: Vec<(usize, bool, Option<&str>)> = Vec::new();
        for row in rows(&unpacked) {
            let (row, dim, note) = row.ok_or_else(not_packed)?;
            cells.extend(split(row));
            places.push((cells.len(), dim, note));
        }
        let mut start = 0;
        let rows: Vec<RowRef<'_>> = places
            .into_iter()
            .map(|(end, dim, note)| {
                let row = RowRef {
                    cells: RowCells::Found(&cells[start..end]),
                    dim,
                    note,
                };
                start = end;
                row
            })
            .collect();
        each(&rows)
    }
}

/// Ends each number of a line that runs on, as a note holds it, and `END_OVERFLOW` the line;
/// neither is in text made plain.
const END_NUMBER: char = '\x1d';
const END_OVERFLOW: char = '\x1c';

/// A drawn row's lines that run on over their blank neighbours (see `table::Overflow`), as its
/// note when it is held packed as drawn: each its column, its line and its text; `None` where
/// it has none.
pub(super) fn overflows_as_note(overflows: &[Overflow]) -> Option<String> {
    let mut note = String::new();
    for (column, line, text) in overflows {
        note.push_str(&format!(
            "{column}{END_NUMBER}{line}{END_NUMBER}{text}{END_OVERFLOW}"
        ));
    }
    (!overflows.is_empty()).then_some(note)
}

/// The lines that run on that `overflows_as_note` made `note` of; `None` where it did not.
pub(super) fn overflows_of_note(note: Option<&str>) -> Option<Vec<Overflow>> {
    let Some(note) = note else {
        return Some(Vec::new());
    };
    note.split_terminator(END_OVERFLOW)
        .map(|overflow| {
            let mut parts = overflow.splitn(3, END_NUMBER);
            let column = parts.next()?.parse().ok()?;
            let line = parts.next()?.parse().ok()?;
            Some((column, line, parts.next()?.to_string()))
        })
        .collect()
}

/// Hands `each` the rows of `packed`, a batch at a time on every core, in order.
fn walk<B: AsRef<[u8]> + Send>(
    packed: impl Iterator<Item = B>,
    out: &mut dyn Write,
    each: &super::RowBatch<'_>,
) -> io::Result<()> {
    batches::write_by(
        packed,
        1,
        out,
        || (),
        |(), _, batch, bytes| {
            batch
                .iter()
                .try_for_each(|packed| Packed::unpack(packed.as_ref(), &mut |rows| each(rows, bytes)))
        },
    )
}

/// Bytes that `pack` did not write: only a bug could give them.
pub(super) fn not_packed() -> io::Error {
    io::Error::other("internal error: a table's rows were not packed whole; please report it")
}

/// The rows `pack` wrote in `text`, each its cells (each ended by `END_CELL`), whether it is
/// dimmed and its note; `None` where it is not as `pack` writes it.
fn rows(text: &str) -> impl Iterator<Item = Option<(&str, bool, Option<&str>)>> {
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
fn row_of(row: &str) -> Option<(&str, bool, Option<&str>)> {
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
    Some((cells, flags & DIM != 0, note))
}

/// The cells of `cells`, each ended by `END_CELL`.
fn split(cells: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(END_CELL, cells.as_bytes()).map(move |end| {
        let cell = &cells[start..end];
        start = end + 1;
        cell
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
        walk(self.batches.iter(), out, each)
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

    #[test]
    fn lines_that_run_on_come_back_from_a_note() {
        let overflows: Vec<Overflow> = vec![
            (1, 0, "https://example.org/a/long/path".into()),
            (3, 12, String::new()),
            (0, 2, "é 中 · 7".into()),
        ];
        let note = overflows_as_note(&overflows);
        assert_eq!(overflows_of_note(note.as_deref()), Some(overflows));
        assert_eq!(overflows_as_note(&[]), None);
        assert_eq!(overflows_of_note(None), Some(Vec::new()));
        for note in ["1\x1dtext\x1c", "x\x1d0\x1dtext\x1c", "1\x1d-2\x1dtext\x1c"] {
            assert_eq!(overflows_of_note(Some(note)), None, "{note:?}");
        }
    }
}
