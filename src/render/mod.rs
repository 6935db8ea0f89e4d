//! Output: one document, four formats, each a small module behind `Format`.

mod batches;
mod cells;
mod csv;
mod html;
mod json;
mod markdown;
mod packed;
pub mod plot;
mod table;
pub mod text;

use std::io::{self, Write};

use serde_json::Value;

use crate::catalog::Diagnostic;

use crate::named::named_enum;

/// The version of the JSON records every command prints (`docs/json.md`): keys are only added
/// within a version. `validate --format json` carries it as `json_format`.
pub const JSON_FORMAT: u32 = 1;

named_enum! {
    /// How a document is printed.
    Format {
        /// A table for people, sized to the terminal.
        Table = "table",
        Json = "json",
        /// JSON Lines: one record a line, for streams.
        Jsonl = "jsonl",
        Csv = "csv",
        Markdown = "markdown",
        /// One self-contained page.
        Html = "html",
    }
}

/// How tables look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    /// Columns available.
    pub width: u16,
    /// Rules drawn with ASCII dashes, for a terminal that cannot draw lines (`TERM=dumb`).
    pub ascii: bool,
}

/// Where a column's cells stand across it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    /// Figures.
    Right,
}

/// Whether a column's cells wrap when the table is too wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// Never: figures, marks, dates; the column is as wide as its widest cell.
    Never,
    /// At spaces (names, notes).
    Words,
    /// At spaces, and also after a hyphen (`instructor-` / `led`); never for columns that
    /// hold ids.
    Hyphens,
}

/// One column of a table: its header, alignment and wrapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: String,
    pub align: Align,
    pub wrap: Wrap,
    /// Whether its known ranges sort by their middle (`plan`'s totals) rather than by their
    /// low end, then their high end (`compare`'s figures); a page's `data-sort` follows.
    pub by_middle: bool,
}

impl Column {
    /// A column of figures: aligned right, never wrapped.
    pub fn figure(header: impl Into<String>) -> Self {
        Column::new(header, Align::Right, Wrap::Never)
    }

    /// A column of text that wraps at spaces.
    pub fn text(header: impl Into<String>) -> Self {
        Column::new(header, Align::Left, Wrap::Words)
    }

    /// A column of short words that never wrap (a mark, a date).
    pub fn word(header: impl Into<String>) -> Self {
        Column::new(header, Align::Left, Wrap::Never)
    }

    /// The column sorted by the middle of its known ranges.
    #[must_use]
    pub fn by_middle(self) -> Self {
        Column {
            by_middle: true,
            ..self
        }
    }

    pub fn new(header: impl Into<String>, align: Align, wrap: Wrap) -> Self {
        Column {
            header: header.into(),
            align,
            wrap,
            by_middle: false,
        }
    }
}

/// The table people read: its columns, rows of text, and footer lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Rows shown dimmed in colour (retired programs).
    pub dim: Vec<bool>,
    /// A line under each row (the parts of a score), shown in full, running on under the
    /// figures; `None` for most rows.
    pub notes: Vec<Option<String>>,
    pub footer: Vec<String>,
}

impl Grid {
    /// A grid with these columns and no rows.
    pub fn new(columns: impl IntoIterator<Item = Column>) -> Self {
        Grid {
            columns: columns.into_iter().collect(),
            ..Grid::default()
        }
    }

    /// Whether column `i` is aligned right.
    pub fn is_figure(&self, i: usize) -> bool {
        self.columns.get(i).is_some_and(|c| c.align == Align::Right)
    }

    /// Whether column `i` wraps when the table is too wide.
    pub fn wraps(&self, i: usize) -> bool {
        self.columns.get(i).is_some_and(|c| c.wrap != Wrap::Never)
    }

    /// The first column that wraps, where notes under a row go.
    pub fn first_wrapping(&self) -> Option<usize> {
        (0..self.columns.len()).find(|&i| self.wraps(i))
    }

    /// Escapes control and bidirectional characters in every cell, header and footer line, and
    /// shows tabs as spaces.
    pub fn make_plain(&mut self) {
        let cells = self.rows.iter_mut().flatten();
        let notes = self.notes.iter_mut().flatten();
        let headers = self.columns.iter_mut().map(|c| &mut c.header);
        for cell in cells.chain(notes).chain(headers).chain(&mut self.footer) {
            make_plain(cell);
        }
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<String>, dim: bool) {
        self.rows.push(row);
        self.dim.push(dim);
        self.notes.push(None);
    }

    /// Sets the line under the last row.
    pub fn note_last(&mut self, note: String) {
        if let Some(last) = self.notes.last_mut() {
            *last = Some(note);
        }
    }

    /// Adds `rows`, each with its dimming and the line under it.
    fn extend(&mut self, rows: Vec<Row>) {
        for row in rows {
            self.push(row.cells, row.dim);
            if let Some(note) = row.note {
                self.note_last(note);
            }
        }
    }
}

/// One row of a table, borrowed: what a table is drawn from, walk after walk.
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'a> {
    pub cells: RowCells<'a>,
    pub dim: bool,
    pub note: Option<&'a str>,
}

/// A row's cells, borrowed: held each as a string, or found in a text that holds many (a
/// long table's rows held packed: see `packed`).
#[derive(Debug, Clone, Copy)]
pub enum RowCells<'a> {
    Held(&'a [String]),
    Found(&'a [&'a str]),
}

impl<'a> RowCells<'a> {
    /// Cell `i`, if the row has it.
    pub fn get(self, i: usize) -> Option<&'a str> {
        match self {
            RowCells::Held(cells) => cells.get(i).map(String::as_str),
            RowCells::Found(cells) => cells.get(i).copied(),
        }
    }

    /// How many cells the row has.
    pub fn len(self) -> usize {
        match self {
            RowCells::Held(cells) => cells.len(),
            RowCells::Found(cells) => cells.len(),
        }
    }

    /// Whether the row has no cells.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The cells in order.
    pub fn iter(self) -> impl Iterator<Item = &'a str> {
        let (held, found) = match self {
            RowCells::Held(cells) => (cells, &[][..]),
            RowCells::Found(cells) => (&[][..], cells),
        };
        held.iter().map(String::as_str).chain(found.iter().copied())
    }
}

/// Rows a table is drawn from, walked more than once (for the widths, the wrapping, the
/// drawing), the same rows in the same order each time.
pub trait Rows {
    /// Hands `each` every row in order, until it fails.
    fn each(&self, each: &mut dyn FnMut(RowRef<'_>) -> io::Result<()>) -> io::Result<()>;

    /// Whether the rows are held (a short table): what is worked out for each may be kept too.
    fn held(&self) -> bool {
        false
    }

    /// Whether making a row again costs more than holding it packed (see `table::write`).
    fn costly(&self) -> bool {
        false
    }

    /// Hands `each` every row in order, a batch of rows at a time, with the bytes it is to add
    /// what it makes of them to; the bytes are written to `out` in the batches' order. Rows
    /// walked from many entries are made, and `each` run, on every core (see `batches`); by
    /// default each row is a batch of its own, here.
    fn batches(&self, out: &mut dyn Write, each: &RowBatch<'_>) -> io::Result<()> {
        let mut bytes = Vec::new();
        self.each(&mut |row| {
            bytes.clear();
            each(&[row], &mut bytes)?;
            out.write_all(&bytes)
        })
    }
}

/// What `Rows::batches` runs on each batch of rows: it adds what it makes of them to the bytes.
pub type RowBatch<'a> = dyn Fn(&[RowRef<'_>], &mut Vec<u8>) -> io::Result<()> + Sync + 'a;

impl Grid {
    /// The rows held, borrowed.
    fn row_refs(&self) -> impl Iterator<Item = RowRef<'_>> {
        self.rows.iter().enumerate().map(|(i, cells)| RowRef {
            cells: RowCells::Held(cells),
            dim: self.dim.get(i).copied().unwrap_or(false),
            note: self.notes.get(i).and_then(Option::as_deref),
        })
    }
}

impl Rows for Grid {
    fn held(&self) -> bool {
        true
    }

    fn each(&self, each: &mut dyn FnMut(RowRef<'_>) -> io::Result<()>) -> io::Result<()> {
        self.row_refs().try_for_each(each)
    }

    fn batches(&self, out: &mut dyn Write, each: &RowBatch<'_>) -> io::Result<()> {
        let rows: Vec<RowRef<'_>> = self.row_refs().collect();
        let mut bytes = Vec::new();
        each(&rows, &mut bytes)?;
        out.write_all(&bytes)
    }
}

/// A report's rows, made again from its entries on every walk rather than held: the rows of
/// its layout first, then each entry's, made plain as `Grid::make_plain` makes them.
struct EntryRows<'a, I> {
    layout: &'a Grid,
    entries: I,
}

impl<E: Entry, I: Iterator<Item = E> + Clone> Rows for EntryRows<'_, I> {
    fn costly(&self) -> bool {
        E::COSTLY_ROWS
    }

    fn each(&self, each: &mut dyn FnMut(RowRef<'_>) -> io::Result<()>) -> io::Result<()> {
        self.layout.each(each)?;
        let mut rows = Vec::new();
        for entry in self.entries.clone() {
            entry.rows(&mut rows);
            for mut row in rows.drain(..) {
                make_row_plain(&mut row);
                each(row_ref(&row))?;
            }
        }
        Ok(())
    }

    fn batches(&self, out: &mut dyn Write, each: &RowBatch<'_>) -> io::Result<()> {
        // The layout's own rows come first (see `Report::layout`).
        if !self.layout.rows.is_empty() {
            self.layout.batches(out, each)?;
        }
        batches::write(self.entries.clone(), out, Vec::new, |rows, _, batch, bytes| {
            rows.clear();
            for entry in batch {
                entry.rows(rows);
            }
            rows.iter_mut().for_each(make_row_plain);
            let refs: Vec<RowRef<'_>> = rows.iter().map(row_ref).collect();
            each(&refs, bytes)
        })
    }
}

/// `row`, borrowed.
fn row_ref(row: &Row) -> RowRef<'_> {
    RowRef {
        cells: RowCells::Held(&row.cells),
        dim: row.dim,
        note: row.note.as_deref(),
    }
}

/// Every cell and the note of `row` made plain (see `make_plain`).
fn make_row_plain(row: &mut Row) {
    for cell in row.cells.iter_mut().chain(&mut row.note) {
        make_plain(cell);
    }
}

/// Escapes control and bidirectional characters in `cell`, and shows tabs as spaces.
fn make_plain(cell: &mut String) {
    if text::has_unsafe(cell) {
        *cell = text::plain(cell);
    }
    // A tab (only `notes` may hold one) would push the columns apart.
    if cell.contains('\t') {
        *cell = cell.replace('\t', " ");
    }
}

/// One row of a table for people.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub cells: Vec<String>,
    /// Shown dimmed in colour (a retired program).
    pub dim: bool,
    /// A line under the row (the parts of a score).
    pub note: Option<String>,
}

/// One thing a command reports, as a record for machines and as rows for people. Renderers
/// ask for what their format needs, one entry at a time: JSON and CSV never build rows, and
/// stream records as they are produced, a long listing's made and written on every core
/// (hence `Send`).
pub trait Entry: Send {
    /// Its `Default` names the CSV columns when there is no entry.
    type Record: serde::Serialize + Default;
    /// Whether its rows cost more to make than to hold: a long table then makes each once,
    /// and holds them packed for its walks (a route, made again from its steps), rather than
    /// make them for each walk (a program's row, from its fields).
    const COSTLY_ROWS: bool = false;
    /// The record: JSON and CSV derive from it.
    fn record(&self) -> Self::Record;
    /// The rows it shows as in a table (a group's heading row too, where it opens one).
    fn rows(&self, rows: &mut Vec<Row>);
}

/// What a command reports: its entries, and the table's layout and footer.
pub struct Report<I> {
    pub entries: I,
    /// The header, alignments and wrapping of the table; its footer lines. Rows already in it
    /// come before the entries' (`show` lays its table out across programs there).
    pub layout: Grid,
    /// JSON prints the first record as an object rather than an array.
    pub single: bool,
    /// What a page shows around the table: its title, inputs and sources.
    pub page: Page,
    /// A plot drawn above the table (charts and plans).
    pub plot: Option<plot::Plot>,
}

impl<I> Report<I> {
    /// A report of `entries` in `layout`, with `page` around it as HTML: an array in JSON, and
    /// no plot (set `single` or `plot` where a command has one).
    pub fn new(entries: I, layout: Grid, page: Page) -> Self {
        Report {
            entries,
            layout,
            single: false,
            page,
            plot: None,
        }
    }
}

/// What a page shows around its table, for a reader who was not at the terminal: the question
/// it answers, the inputs, when and from what it was made, the answer first, the sources of
/// the figures, and how to read it. Only HTML draws it; the other formats carry the same
/// facts in their footers and records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// The command (`compare`, `plan`): the page's short title.
    pub title: String,
    /// The question, in words ("Routes to a degree in data or analytics at 8 hours a week");
    /// the title where empty.
    pub heading: String,
    /// What the reader gave, as (what, value): the command line first.
    pub inputs: Vec<(String, String)>,
    /// The day the page was made.
    pub made: String,
    /// The catalogue it was made from, in words.
    pub catalogue: String,
    /// The answer in a sentence or two, before the details.
    pub answer: Vec<String>,
    /// Where each program's figures come from.
    pub sources: Vec<Cited>,
    /// How to read the page, a paragraph each.
    pub reading: Vec<String>,
}

/// One program's source on a page: its page, the day its figures were checked, and whether
/// that is over a year ago.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cited {
    pub id: String,
    pub name: String,
    pub url: Option<String>,
    pub verified: Option<String>,
    pub stale: bool,
}

impl Page {
    /// The heading, or the title where none was given.
    pub fn heading(&self) -> &str {
        if self.heading.is_empty() {
            &self.title
        } else {
            &self.heading
        }
    }
}

/// The most rows a table holds; a longer one is drawn from walks over its entries.
const HELD_ROWS: usize = 1024;

/// Writes `report` in `format`: records streamed for JSON and CSV, and for a table rows made
/// as it is drawn (its entries are walked again for each pass: hence `Clone`); Markdown and
/// pages lay out a grid.
pub fn report<E: Entry>(
    report: Report<impl Iterator<Item = E> + Clone>,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Report {
        entries,
        layout,
        single,
        page,
        plot,
    } = report;
    match format {
        Format::Json => json::write(entries, E::record, single, out),
        Format::Jsonl => json::write_lines(entries, E::record, out),
        Format::Csv => csv::write(entries, E::record, &E::Record::default(), out),
        Format::Table => {
            if let Some(plot) = plot.as_ref().filter(|p| p.in_terminal) {
                plot::write(plot, style, out)?;
            }
            // A short table is made once and held: walking its entries three times would make
            // every row three times. A long one is walked, and never held.
            let mut rows = Vec::new();
            for entry in entries.clone() {
                entry.rows(&mut rows);
                if rows.len() > HELD_ROWS {
                    break;
                }
            }
            let mut layout = layout;
            if rows.len() <= HELD_ROWS {
                layout.extend(rows);
                layout.make_plain();
                return table::write(&layout, &layout, style, out);
            }
            drop(rows);
            layout.make_plain();
            let rows = EntryRows {
                layout: &layout,
                entries,
            };
            table::write(&layout, &rows, style, out)
        }
        Format::Markdown | Format::Html => {
            let mut grid = layout;
            let mut rows = Vec::new();
            for entry in entries {
                entry.rows(&mut rows);
            }
            grid.extend(rows);
            let document = Document { grid, page, plot };
            draw(&document, format, out)
        }
    }
}

/// What tables, Markdown and pages draw: a grid, and a plot above it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub grid: Grid,
    /// What the page is about, and what it shows around the table.
    pub page: Page,
    /// A plot drawn above the table (charts and plans).
    pub plot: Option<plot::Plot>,
}

/// What `validate` prints: plain `FILE:LINE:COLUMN` lines in a terminal, one summary object in
/// JSON, a row per problem in CSV, the grid in Markdown and HTML.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Validation {
    pub document: Document,
    pub problems: Vec<Diagnostic>,
    pub lines: Vec<String>,
    pub summary: Value,
}

/// Writes `validation` to `out` in `format`.
pub fn validation(validation: &Validation, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => {
            for line in &validation.lines {
                writeln!(out, "{}", text::plain(line))?;
            }
            Ok(())
        }
        Format::Json => json::write(std::iter::once(&validation.summary), |s| *s, true, out),
        Format::Jsonl => json::write_lines(std::iter::once(&validation.summary), |s| *s, out),
        Format::Csv => csv::write(validation.problems.iter(), |p| *p, &&Diagnostic::default(), out),
        Format::Markdown | Format::Html => draw(&validation.document, format, out),
    }
}

/// Draws `document` as Markdown or a page, each of which escapes catalogue text itself (a
/// table is drawn from its entries' rows, made plain as they come: see `report`).
fn draw(document: &Document, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Html => html::write(document, out),
        _ => markdown::write(&document.grid, out),
    }
}

/// Serializes a figure: whole numbers without a fraction, others to two decimals (for
/// `#[serde(serialize_with)]`).
pub fn figure<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.is_finite() && *value == value.trunc() && value.abs() < 9.0e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64((value * 100.0).round() / 100.0)
    }
}

/// Serializes a figure as `figure` does, or `null`.
pub fn optional_number<S: serde::Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => figure(v, serializer),
        None => serializer.serialize_none(),
    }
}

/// A figure as a JSON value, as `figure` writes it (for records built as maps).
pub fn number(value: f64) -> Value {
    figure(&value, serde_json::value::Serializer).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An entry of a long report: a row (and a heading row before every tenth), its name long
    /// or short, some rows noted or dim, some text unsafe to print raw, one figure the widest;
    /// with `COSTLY`, its rows are held packed between the table's walks.
    #[derive(Clone)]
    struct Numbered<const COSTLY: bool>(usize);

    impl<const COSTLY: bool> Entry for Numbered<COSTLY> {
        type Record = ();
        const COSTLY_ROWS: bool = COSTLY;
        fn record(&self) {}
        fn rows(&self, rows: &mut Vec<Row>) {
            let i = self.0;
            if i.is_multiple_of(10) {
                rows.push(Row {
                    cells: vec![String::new(), format!("Group {i}"), String::new()],
                    ..Row::default()
                });
            }
            let name = match i % 7 {
                0 => format!("A program name long enough to wrap over lines, number {i}"),
                3 => format!("https://example.org/a/long/unbroken/path/{i}"),
                5 => format!("Name\u{202e} {i}\twith a tab"),
                _ => format!("Program {i}"),
            };
            // One figure, in one batch, wider than the rest.
            let cost = if i == 300 {
                "$1,234,567,890,123".to_string()
            } else {
                format!("${},000–{},500", i % 50, i % 90)
            };
            rows.push(Row {
                cells: vec![format!("{}", i + 1), name, cost],
                dim: i % 4 == 1,
                note: (i % 6 == 2).then(|| format!("a note under row {i}, which wraps at the width")),
            });
        }
    }

    #[test]
    fn a_long_table_drawn_on_every_core_is_the_table_held() {
        long_table_is_the_table_held::<false>();
    }

    #[test]
    fn a_long_table_held_packed_is_the_table_held() {
        long_table_is_the_table_held::<true>();
    }

    fn long_table_is_the_table_held<const COSTLY: bool>() {
        let layout = || {
            let mut grid = Grid::new([
                Column::figure("#"),
                Column::text("Program"),
                Column::figure("Cost"),
            ]);
            grid.footer.push("footer line".into());
            grid
        };
        let entries: Vec<Numbered<COSTLY>> = (0..5 * batches::BATCH + 5).map(Numbered).collect();
        // Up to 30 columns, the widest figure leaves the names too little: cards are drawn.
        for (width, color, ascii) in [
            (12, false, false),
            (30, false, true),
            (60, true, false),
            (120, false, false),
        ] {
            let style = Style { color, width, ascii };
            let mut held = layout();
            let mut rows = Vec::new();
            for entry in &entries {
                entry.rows(&mut rows);
            }
            assert!(rows.len() > HELD_ROWS, "long enough to be walked");
            held.extend(rows);
            held.make_plain();
            let mut expected = Vec::new();
            table::write(&held, &held, style, &mut expected).unwrap();
            let mut drawn = Vec::new();
            let report = Report::new(entries.iter().cloned(), layout(), Page::default());
            super::report(report, Format::Table, style, &mut drawn).unwrap();
            let (drawn, expected) = (
                String::from_utf8(drawn).unwrap(),
                String::from_utf8(expected).unwrap(),
            );
            assert!(expected.contains("footer line") && expected.lines().count() > 800);
            let cards = expected.lines().any(|line| line.starts_with("Cost:"));
            assert_eq!(cards, width <= 30, "cards at width {width}, a table wider");
            assert_eq!(drawn, expected, "at width {width}");
        }
    }
}
