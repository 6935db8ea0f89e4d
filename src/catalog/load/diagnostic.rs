//! Problems found in a catalogue, each placed at `FILE:LINE:COLUMN`.

use std::fmt;

use crate::catalog::text::plain;

/// One problem in one catalogue source.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The source's name as the user gave it (`data/catalog.toml` for the built-in one).
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong, lowercase, with a hint where one helps.
    pub message: String,
}

impl Diagnostic {
    /// A problem that concerns a whole file (it cannot be read, is empty, ...).
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // File names and messages may quote catalogue text: never let it reach a terminal raw.
        let (file, message) = (plain(&self.file), plain(&self.message));
        if self.line == 0 {
            write!(f, "{file}: {message}")
        } else {
            write!(f, "{file}:{}:{}: {message}", self.line, self.column)
        }
    }
}

/// Turns byte offsets of one text into 1-based lines and character columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// The start of every `STRIDE`th line (lines 1, 1 + STRIDE, ...): a file of blank lines
    /// must not cost eight bytes a byte to place its problems.
    starts: Vec<usize>,
}

/// Lines between two remembered line starts.
const STRIDE: usize = 64;

impl LineIndex {
    /// Indexes `text`; `skip` bytes at the start (a byte-order mark) do not count as a column.
    pub fn new(text: &str, skip: usize) -> Self {
        let mut starts = vec![skip];
        starts.extend(
            memchr::memchr_iter(b'\n', text.as_bytes())
                .skip(STRIDE - 1)
                .step_by(STRIDE)
                .map(|i| i + 1),
        );
        LineIndex { starts }
    }

    /// The 1-based line and column of byte `offset` in `text`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let block = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let from = self.starts[block].min(offset);
        let newlines = memchr::memchr_iter(b'\n', &text.as_bytes()[from..offset]);
        let (count, last) = newlines.fold((0, None), |(n, _), i| (n + 1, Some(i)));
        let line = block * STRIDE + 1 + count;
        let start = last.map_or(from, |i| from + i + 1);
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let text = "ab\nçd\n\nx";
        let index = LineIndex::new(text, 0);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 3), (2, 1));
        // `ç` is two bytes but one column.
        assert_eq!(index.position(text, 5), (2, 2));
        assert_eq!(index.position(text, 8), (4, 1));
        assert_eq!(index.position(text, 999), (4, 2));
    }

    #[test]
    fn positions_past_many_lines_are_counted_from_the_nearest_remembered_line() {
        let text = "a\n".repeat(1000) + "bc";
        let index = LineIndex::new(&text, 0);
        for line in [1, 63, 64, 65, 128, 129, 1000, 1001] {
            let offset = (line - 1) * 2;
            assert_eq!(index.position(&text, offset), (line, 1), "line {line}");
        }
        assert_eq!(index.position(&text, 2001), (1001, 2));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}format = 1";
        let index = LineIndex::new(text, 3);
        assert_eq!(index.position(text, 3), (1, 1));
        assert_eq!(index.position(text, 10), (1, 8));
    }

    #[test]
    fn whole_file_problems_print_without_a_position() {
        let d = Diagnostic::whole_file("x.toml", "the file is empty");
        assert_eq!(d.to_string(), "x.toml: the file is empty");
    }
}
