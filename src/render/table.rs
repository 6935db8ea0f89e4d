//! Tables for people: sized to the width given, figures aligned right. The cells are wrapped
//! and the widths worked out here; the lines are drawn as comfy-table draws them at those
//! widths (a test holds them to it), without a cell made for every line.

use std::io::{self, Write};
use std::sync::{Mutex, PoisonError};

use unicode_width::UnicodeWidthStr;

use super::packed::{self, Packed};
use super::text::{is_printable_ascii, printable_ascii};
use super::{Grid, RowBatch, RowCells, RowRef, Rows, Style, Wrap};

/// The narrowest the wrapping column (names) may become; a table that cannot fit grows wider.
const MIN_WRAP_WIDTH: u16 = 6;

/// A row's cells as wrapping changed them: (column, text as drawn), in column order.
type Changed = Vec<(usize, String)>;

/// A cell's lines, each with the terminal columns it takes.
type Measured = Vec<(String, usize)>;

/// A line that runs on over its blank neighbours: its column, its line in the cell, and the
/// whole line (the cell holds its start, which fits the column).
pub(super) type Overflow = (usize, usize, String);

/// How one row is drawn: each cell's text where wrapping changed it, by column (most rows:
/// none), and the widest line of each column.
struct Drawn {
    changed: Changed,
    widest: Vec<usize>,
    /// Words had to be cut beside other cells: the table is drawn as cards.
    cut: bool,
}

/// What wrapping needs to know of the table, the same for every row.
struct Wrapping<'a> {
    layout: &'a Grid,
    widths: &'a [usize],
    /// The columns that wrap, and the first of them (where notes go).
    wraps: Vec<usize>,
    first_wrap: Option<usize>,
    width: usize,
}

impl Wrapping<'_> {
    /// Draws `row`; a line too wide below the others goes to `overflows` (see `fit`).
    /// `measured`, where given, is each cell's widest line as the first walk measured it.
    fn draw(&self, row: RowRef<'_>, measured: Option<&[usize]>, overflows: &mut Vec<Overflow>) -> Drawn {
        let (grid, widths) = (self.layout, self.widths);
        // Each cell's widest line as it stands.
        let computed: Vec<usize>;
        let natural: &[usize] = match measured {
            Some(measured) if measured.len() == row.cells.len() => measured,
            _ => {
                computed = row.cells.iter().map(cell_width).collect();
                &computed
            }
        };
        // Each cell's lines, with their widths, where wrapping may change it; `None` for a
        // figure that fits, drawn as it is (most cells).
        let mut cells: Vec<Option<Measured>> = row
            .cells
            .iter()
            .enumerate()
            .map(|(column, text)| {
                let wrap = grid.columns.get(column).map_or(Wrap::Never, |c| c.wrap);
                let noted = row.note.is_some() && self.first_wrap == Some(column);
                // A cell whose every line fits stays as it is (wrapping would give it back
                // unchanged), unless a note is to be added under it.
                if natural[column] <= widths[column] && !noted && !text.contains('\r') {
                    return None;
                }
                match wrap {
                    Wrap::Words => Some(wrap_lines(text, widths[column], false)),
                    Wrap::Hyphens => Some(wrap_lines(text, widths[column], true)),
                    Wrap::Never if width_of(text) > widths[column] => Some(
                        break_range(text, widths[column])
                            .lines()
                            .map(|line| (line.to_string(), width_of(line)))
                            .collect(),
                    ),
                    Wrap::Never => None,
                }
            })
            .collect();
        let mut cut = false;
        for &column in &self.wraps {
            // Lines below every other cell of the row have blank neighbours to run on over.
            let busy = cells
                .iter()
                .enumerate()
                .filter(|(c, _)| *c != column)
                .map(|(c, lines)| {
                    lines.as_ref().map_or_else(
                        || lines_of(row.cells.get(c).unwrap_or_default()).count(),
                        Vec::len,
                    )
                })
                .max()
                .unwrap_or(1);
            let width = widths[column];
            let Some(Some(lines)) = cells.get_mut(column) else {
                continue;
            };
            if let (Some(note), true) = (row.note, self.first_wrap == Some(column)) {
                // The note runs on over the figure columns, so it wraps to the table's width
                // from where this column starts.
                let start: usize = widths[..column].iter().map(|w| w + 1).sum();
                let room = self.width.saturating_sub(start + 2).max(1);
                lines.extend(
                    wrap_widths(note, room, room, false)
                        .into_iter()
                        .map(|(part, width)| (format!("  {part}"), width + 2)),
                );
            }
            cut |= fit(lines, column, width, busy, overflows);
        }
        let mut changed = Vec::new();
        let mut widest = Vec::with_capacity(cells.len());
        for (column, (lines, text)) in cells.into_iter().zip(row.cells.iter()).enumerate() {
            widest.push(match lines {
                None => natural[column],
                Some(lines) => {
                    let same = match lines.as_slice() {
                        [(one, _)] => one == text,
                        [] => text.is_empty(),
                        _ => false,
                    };
                    let widest = lines.iter().map(|(_, w)| *w).max().unwrap_or(0);
                    if !same {
                        let mut joined = String::with_capacity(lines.iter().map(|(l, _)| l.len() + 1).sum());
                        for (k, (line, _)) in lines.iter().enumerate() {
                            if k > 0 {
                                joined.push('\n');
                            }
                            joined.push_str(line);
                        }
                        changed.push((column, joined));
                    }
                    widest
                }
            });
        }
        Drawn { changed, widest, cut }
    }
}

/// Writes the rows of `rows` as a table laid out by `layout` (its columns and footer; its own
/// rows are not drawn unless `rows` gives them), then the footer lines.
///
/// The table is drawn from three walks over its rows: one for the columns' widths, one to wrap
/// every row (which says whether any must be cut, and how wide each column is drawn), and one
/// to draw them line by line, so that no walk holds more than a few batches of rows. Rows that
/// are not held are walked in batches on every core (`Rows::batches`); held rows (a short
/// table) are walked here, and keep how the second walk drew them for the third. Rows that cost
/// much to make (`Rows::costly`: a plan's routes) are made once, in the first walk, and held
/// packed and compressed for the other two (`packed`).
pub fn write(layout: &Grid, rows: &dyn Rows, style: Style, out: &mut dyn Write) -> io::Result<()> {
    if rows.held() || !rows.costly() {
        let widest = widest(layout, rows, None)?;
        return draw(layout, rows, None, &widest, style, out);
    }
    // Rows that are not held and cost much to make are made once, measured as they are made,
    // and held packed for the walks that wrap and draw them (see `packed`).
    let mut packed = Packed::default();
    let widest = widest(layout, rows, Some(&mut packed))?;
    draw(layout, rows, Some(packed), &widest, style, out)
}

/// Draws `rows`, whose widest cells are `widest`, from `packed` where they are held packed
/// (which is let go a batch at a time as it is wrapped, each kept as drawn): see `write`.
fn draw(
    layout: &Grid,
    rows: &dyn Rows,
    packed: Option<Packed>,
    widest: &Widest,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    // The cells are wrapped here, to widths worked out here, so that the layout is exactly
    // what `column_widths` says whatever the terminal.
    let widths = column_widths(layout, widest, usize::from(style.width));
    // Columns that cannot stand side by side within the width, or names that would have to
    // be cut mid-word beside the figures, make cards instead (see `cards`).
    let too_wide = widths.iter().sum::<usize>() + widths.len().saturating_sub(1) > usize::from(style.width);
    let headers_cut = layout
        .columns
        .iter()
        .zip(&widths)
        .any(|(c, w)| width_of(&c.header) > *w);
    if too_wide || headers_cut {
        return cards(layout, rows, style, out);
    }
    // Lines after a row's first hold nothing in its figure columns, so a word too long for its
    // column there (an id, a URL) may run on over them rather than break or widen the table:
    // the cell holds the start of the line, swapped for the whole line once drawn.
    let wrapping = Wrapping {
        layout,
        widths: &widths,
        wraps: (0..layout.columns.len()).filter(|&i| layout.wraps(i)).collect(),
        first_wrap: layout.first_wrapping(),
        width: usize::from(style.width),
    };
    // The widest line of each column: every row is drawn at these widths.
    let mut column_width: Vec<usize> = layout.columns.iter().map(|c| cell_width(&c.header)).collect();
    let cut;
    // Rows that are held anyway keep how they are drawn, rather than wrap again to draw.
    let mut kept: Vec<(Changed, Vec<Overflow>)> = Vec::new();
    // So do rows that cost much to make again, each as drawn, packed (`RowRef::note` holds its
    // lines that run on: see `packed::overflows_as_note`).
    let mut redrawn = Packed::default();
    let keep = packed.is_some();
    if rows.held() {
        let measured = widest.cells.as_deref().unwrap_or_default();
        cut = wrap_held(&wrapping, rows, measured, &mut column_width, &mut kept)?;
    } else {
        // Wrapped a batch at a time (on every core), each batch's widest lines and cuts taken
        // into the whole table's; rows that cost much to make again are kept as drawn, packed.
        let drawn = Mutex::new((column_width, false));
        let mut sink = io::sink();
        let kept: &mut dyn Write = if keep { &mut redrawn } else { &mut sink };
        let wrap_batch: &RowBatch<'_> = &|batch, bytes| {
            let (mut widest, mut cut) = (vec![0; layout.columns.len()], false);
            let mut overflows = Vec::new();
            let mut drawn_rows = Vec::new();
            for &row in batch {
                let drawn = wrapping.draw(row, None, &mut overflows);
                cut |= drawn.cut;
                take_widest(&mut widest, &drawn.widest);
                if keep {
                    drawn_rows.push((drawn.changed, packed::overflows_as_note(&overflows)));
                }
                overflows.clear();
            }
            if keep {
                pack_drawn(batch, &drawn_rows, bytes);
            }
            let mut drawn = lock(&drawn);
            take_widest(&mut drawn.0, &widest);
            drawn.1 |= cut;
            Ok(())
        };
        match packed {
            Some(packed) => packed.drain(kept, wrap_batch)?,
            None => rows.batches(kept, wrap_batch)?,
        }
        (column_width, cut) = drawn.into_inner().unwrap_or_else(PoisonError::into_inner);
    }
    if cut {
        return cards(layout, rows, style, out);
    }
    let mut lines = Lines::new(layout, style, &column_width);
    lines.rule(out)?;
    let headers: Vec<&str> = layout.columns.iter().map(|c| c.header.as_str()).collect();
    lines.row(&headers, BOLD, &[], out)?;
    lines.rule(out)?;
    if rows.held() {
        let mut kept = kept.into_iter();
        rows.each(&mut |row| {
            let (changed, overflows) = kept.next().unwrap_or_default();
            draw_row(&mut lines, row, &changed, &overflows, out)
        })?;
    } else if keep {
        // Drawn as the wrapping walk kept them, a batch at a time (on every core), in order.
        redrawn.batches(out, &|batch, bytes| {
            draw_kept(&mut Lines::new(layout, style, &column_width), batch, bytes)
        })?;
    } else {
        // Drawn a batch at a time (on every core), and written in order.
        rows.batches(out, &|batch, bytes| {
            let mut lines = Lines::new(layout, style, &column_width);
            let mut overflows = Vec::new();
            for &row in batch {
                overflows.clear();
                let changed = wrapping.draw(row, None, &mut overflows).changed;
                draw_row(&mut lines, row, &changed, &overflows, bytes)?;
            }
            Ok(())
        })?;
    }
    lines.rule(out)?;
    for line in &layout.footer {
        for part in wrap(line, usize::from(style.width)) {
            writeln!(out, "{part}")?;
        }
    }
    Ok(())
}

/// Wraps held `rows` once, each kept as drawn in `kept`, their widest lines taken into
/// `column_width`; `measured` is each cell's width as the first walk measured it, row after
/// row. Whether words had to be cut.
fn wrap_held(
    wrapping: &Wrapping<'_>,
    rows: &dyn Rows,
    mut measured: &[usize],
    column_width: &mut [usize],
    kept: &mut Vec<(Changed, Vec<Overflow>)>,
) -> io::Result<bool> {
    let (mut cut, mut overflows) = (false, Vec::new());
    rows.each(&mut |row| {
        let mine = next_row(&mut measured, row.cells.len());
        let drawn = wrapping.draw(row, Some(mine), &mut overflows);
        cut |= drawn.cut;
        take_widest(column_width, &drawn.widest);
        kept.push((drawn.changed, std::mem::take(&mut overflows)));
        Ok(())
    })?;
    Ok(cut)
}

/// The first `n` of `measured`, which then holds the rest; empty where fewer are left.
fn next_row<'a>(measured: &mut &'a [usize], n: usize) -> &'a [usize] {
    let (row, rest) = measured.split_at_checked(n).unwrap_or_default();
    *measured = rest;
    row
}

/// Draws `row`, its cells as wrapping `changed` them and with its lines that run on
/// (`overflows`), with `lines`.
fn draw_row(
    lines: &mut Lines<'_>,
    row: RowRef<'_>,
    changed: &Changed,
    overflows: &[Overflow],
    out: &mut dyn Write,
) -> io::Result<()> {
    let texts = drawn_texts(row, changed);
    lines.row(&texts, if row.dim { DIM } else { "" }, overflows, out)
}

/// Packs `batch` as wrapping drew it (`drawn`: each row's changed cells, and its lines that
/// run on as `packed::overflows_as_note` gives them) into `bytes`.
fn pack_drawn(batch: &[RowRef<'_>], drawn: &[(Changed, Option<String>)], bytes: &mut Vec<u8>) {
    let texts: Vec<Vec<&str>> = batch
        .iter()
        .zip(drawn)
        .map(|(row, (changed, _))| drawn_texts(*row, changed))
        .collect();
    let rows: Vec<RowRef<'_>> = batch
        .iter()
        .zip(&texts)
        .zip(drawn)
        .map(|((row, texts), (_, note))| RowRef {
            cells: RowCells::Found(texts),
            dim: row.dim,
            note: note.as_deref(),
        })
        .collect();
    packed::pack(&rows, bytes);
}

/// Draws `batch`, rows packed by `pack_drawn`, with `lines`.
fn draw_kept(lines: &mut Lines<'_>, batch: &[RowRef<'_>], bytes: &mut Vec<u8>) -> io::Result<()> {
    let mut texts = Vec::new();
    for row in batch {
        let overflows = packed::overflows_of_note(row.note).ok_or_else(packed::not_packed)?;
        texts.clear();
        texts.extend(row.cells.iter());
        lines.row(&texts, if row.dim { DIM } else { "" }, &overflows, bytes)?;
    }
    Ok(())
}

/// The cells of `row` as wrapping `changed` them.
fn drawn_texts<'a>(row: RowRef<'a>, changed: &'a Changed) -> Vec<&'a str> {
    let mut changed = changed.iter().peekable();
    row.cells
        .iter()
        .enumerate()
        .map(|(column, text)| {
            changed
                .next_if(|(c, _)| *c == column)
                .map_or(text, |(_, d)| d.as_str())
        })
        .collect()
}

/// Widens each of `widest` to the width of its column in `widths`.
fn take_widest(widest: &mut [usize], widths: &[usize]) {
    for (w, &width) in widest.iter_mut().zip(widths) {
        *w = (*w).max(width);
    }
}

/// What a batch of rows takes its widths into; a batch that failed left it whole.
fn lock<T>(shared: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The SGR codes that start a header's and a retired row's cells, and the one that ends them.
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// The table's lines, drawn row by row at the widths worked out for all of it: each cell's
/// line padded to its column (figures on the right), the columns one space apart, trailing
/// blanks cut. It draws what comfy-table draws for the same cells at these fixed widths with no
/// padding (the tests hold it to that), without making a cell of every line.
struct Lines<'a> {
    layout: &'a Grid,
    style: Style,
    widths: &'a [usize],
    /// The line being drawn, and where each cell's next line starts: reused for every row.
    line: String,
    next: Vec<Option<usize>>,
}

impl<'a> Lines<'a> {
    fn new(layout: &'a Grid, style: Style, widths: &'a [usize]) -> Self {
        Lines {
            layout,
            style,
            widths,
            line: String::new(),
            next: Vec::with_capacity(widths.len()),
        }
    }

    /// A rule across the table.
    fn rule(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let across = self.widths.iter().sum::<usize>() + self.widths.len().saturating_sub(1);
        let fill = if self.style.ascii { "-" } else { "─" };
        self.line.clear();
        for _ in 0..across {
            self.line.push_str(fill);
        }
        self.line.push('\n');
        out.write_all(self.line.as_bytes())
    }

    /// One row: its cells' `texts` (lines apart by `\n`), each line of a cell in `attribute`
    /// (`BOLD`, `DIM` or none) where colour is on, and the lines of `overflows` drawn whole.
    fn row(
        &mut self,
        texts: &[&str],
        attribute: &str,
        overflows: &[Overflow],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let attribute = if self.style.color { attribute } else { "" };
        // Where each cell's next line starts; `None` once its lines are drawn.
        self.next.clear();
        self.next.extend(texts.iter().map(|_| Some(0)));
        let height = texts
            .iter()
            .map(|text| text.bytes().filter(|&b| b == b'\n').count() + 1)
            .max()
            .unwrap_or(0);
        for k in 0..height {
            self.line.clear();
            for (column, (text, next)) in texts.iter().zip(self.next.iter_mut()).enumerate() {
                if column > 0 {
                    self.line.push(' ');
                }
                let width = self.widths.get(column).copied().unwrap_or(0);
                let Some(from) = *next else {
                    // A cell with fewer lines than its row is blank below them, unstyled.
                    push_spaces(&mut self.line, width);
                    continue;
                };
                let rest = &text[from..];
                let piece = if let Some(end) = newline(rest) {
                    *next = Some(from + end + 1);
                    &rest[..end]
                } else {
                    *next = None;
                    rest
                };
                let piece = overflows
                    .iter()
                    .find(|(c, line, _)| *c == column && *line == k)
                    .map_or(piece, |(_, _, whole)| whole.as_str());
                let pad = width.saturating_sub(width_of(piece));
                self.line.push_str(attribute);
                if self.layout.is_figure(column) {
                    push_spaces(&mut self.line, pad);
                    self.line.push_str(piece);
                } else {
                    self.line.push_str(piece);
                    push_spaces(&mut self.line, pad);
                }
                if !attribute.is_empty() {
                    self.line.push_str(RESET);
                }
            }
            // Padding after the last column is noise when text is copied or compared. Spaces
            // are cut a byte at a time; `trim_end` then looks at what stands before them.
            let spaces = self.line.bytes().rev().take_while(|&b| b == b' ').count();
            let kept = self.line[..self.line.len() - spaces].trim_end().len();
            self.line.truncate(kept);
            self.line.push('\n');
            out.write_all(self.line.as_bytes())?;
        }
        Ok(())
    }
}

/// Adds `n` spaces to `line`, a run at a time rather than a character at a time.
fn push_spaces(line: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let run = n.min(SPACES.len());
        line.push_str(&SPACES[..run]);
        n -= run;
    }
}

/// Fits a wrapped cell's `lines` to its column's `width`, the first `busy` of them beside other
/// cells' lines: a line too wide below those runs on over their blank lines (the whole line
/// goes to `overflows`, swapped in once drawn); a single word too wide beside them (a URL) moves
/// below them to do so. Returns whether words had to be cut beside them, which makes the table
/// cards instead.
fn fit(
    lines: &mut Measured,
    column: usize,
    width: usize,
    busy: usize,
    overflows: &mut Vec<Overflow>,
) -> bool {
    if lines.iter().all(|(_, w)| *w <= width) {
        // Every line fits: nothing to move, run on or cut (most wrapped cells).
        return false;
    }
    let mut cut = false;
    let mut fitted = Vec::with_capacity(lines.len());
    for (line, line_width) in std::mem::take(lines) {
        if line_width > width && fitted.len() < busy && unbreakable(&line) {
            while fitted.len() < busy {
                fitted.push((String::new(), 0));
            }
        }
        if line_width <= width {
            fitted.push((line, line_width));
        } else if fitted.len() >= busy {
            let start = start_at_width(&line, width).to_string();
            overflows.push((column, fitted.len(), line));
            fitted.push(measured(start));
        } else {
            // At the columns the terminal gives it (a wide character takes two).
            cut = true;
            fitted.extend(break_at_width(&line, width.max(1)).into_iter().map(measured));
        }
    }
    *lines = fitted;
    cut
}

/// A line with the terminal columns it takes.
fn measured(line: String) -> (String, usize) {
    let width = width_of(&line);
    (line, width)
}

/// Whether `line` is one word that must not break: a URL, or an id (`mitx-scm`: lower-case
/// letters, digits and hyphens). A name's words may break; a table that would have to is
/// drawn as cards.
fn unbreakable(line: &str) -> bool {
    !line.contains(' ')
        && (line.contains("://")
            || (line.contains('-')
                && line
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')))
}

/// `grid` as cards, for a width its columns cannot share: a rule, then each row as its name
/// (the first column after the rank) and a `Header: value` line for each other
/// cell, rows a blank line apart; then the footer. Lines wrap at spaces to the width; a word
/// longer than that (an id, a URL) stands whole on its own line.
fn cards(layout: &Grid, rows: &dyn Rows, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let width = usize::from(style.width);
    let rule = if style.ascii { "-" } else { "─" }.repeat(width);
    writeln!(out, "{rule}")?;
    let ranked = layout.columns.first().is_some_and(|c| c.header == "#");
    // The row's name: the first column after the rank (a program, a route, `show`'s field).
    let first = usize::from(ranked);
    let mut r = 0;
    rows.each(&mut |row| {
        if r > 0 {
            writeln!(out)?;
        }
        r += 1;
        let rank = row.cells.get(0).filter(|_| ranked);
        for (i, cell) in row.cells.iter().enumerate() {
            if cell.is_empty() || (i == 0 && ranked) {
                continue;
            }
            let header = &layout.columns[i].header;
            for (k, line) in cell.lines().enumerate() {
                let text = match (i == first, k, rank) {
                    (true, 0, Some(rank)) => format!("{rank}. {line}"),
                    (true, _, _) => line.to_string(),
                    (false, 0, _) if !header.is_empty() => format!("{header}: {line}"),
                    (false, _, _) => format!("  {line}"),
                };
                for part in wrap(&text, width) {
                    writeln!(out, "{part}")?;
                }
            }
            if i == first
                && let Some(note) = row.note
            {
                for part in wrap(&format!("  {note}"), width) {
                    writeln!(out, "{part}")?;
                }
            }
        }
        Ok(())
    })?;
    writeln!(out, "{rule}")?;
    for line in &layout.footer {
        for part in wrap(line, width) {
            writeln!(out, "{part}")?;
        }
    }
    Ok(())
}

/// `line` in pieces of at most `width` terminal columns (one wide character at least).
fn break_at_width(line: &str, width: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut used = 0;
    for c in line.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width && used > 0 {
            pieces.push(String::new());
            used = 0;
        }
        if let Some(last) = pieces.last_mut() {
            last.push(c);
        }
        used += w;
    }
    pieces
}

/// The first piece `break_at_width` cuts `line` into, without cutting the rest.
fn start_at_width(line: &str, width: usize) -> &str {
    let mut used = 0;
    for (at, c) in line.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width && used > 0 {
            return &line[..at];
        }
        used += w;
    }
    line
}

/// The terminal columns `text` takes (a CJK character or an emoji takes two). Printable ASCII,
/// most of any table, is counted by its length; the Unicode tables measure the rest, each
/// stretch from the ASCII character before it (a character after it may change how it is drawn:
/// `1` and U+FE0F) up to a run of ASCII long enough that nothing reaches across it.
fn width_of(text: &str) -> usize {
    // A run of this many ASCII characters ends a stretch: what follows it changes the width of
    // none before its last. The property tests find no difference from a run of one; four
    // leaves a margin and still splits text at nearly every accent.
    const APART: usize = 4;
    let bytes = text.as_bytes();
    let mut width = 0;
    let mut at = 0;
    loop {
        let plain = at + printable_ascii(&bytes[at..]);
        if plain == bytes.len() {
            return width + plain - at;
        }
        let from = if plain > at { plain - 1 } else { at };
        width += from - at;
        let mut end = plain;
        loop {
            end += bytes[end..]
                .iter()
                .position(|&b| is_printable_ascii(b))
                .unwrap_or(bytes.len() - end);
            let run = printable_ascii(&bytes[end..]);
            if run >= APART || end + run == bytes.len() {
                break;
            }
            end += run;
        }
        width += text[from..end].width();
        at = end;
    }
}

/// Where the first `\n` of `text` is: a byte at a time, as a cell is short. Not the `memchr`
/// crate: its first call asks the processor what it can do, which in a virtual machine costs
/// more than a short table's every search (see `benches/`, start-up), nor `str::find`, whose
/// set-up is most of a short search.
fn newline(text: &str) -> Option<usize> {
    text.bytes().position(|b| b == b'\n')
}

/// The lines of `text` as `str::lines` gives them (a `\r` before a `\n` is not kept).
fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text).filter(|t| !t.is_empty());
    std::iter::from_fn(move || {
        let text = rest?;
        let Some(end) = newline(text) else {
            rest = None;
            return Some(text);
        };
        rest = Some(&text[end + 1..]).filter(|t| !t.is_empty());
        let line = &text[..end];
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// The widest line of a cell, in terminal columns (a CJK character or an emoji takes two).
fn cell_width(text: &str) -> usize {
    lines_of(text).map(width_of).max().unwrap_or(0)
}

/// Each column's widest cell, and for figures the widest piece of a range broken after its
/// dashes (headers included).
struct Widest {
    content: Vec<usize>,
    narrowest: Vec<usize>,
    /// For held rows, each cell's widest line, row after row: the wrapping walk reads them
    /// rather than measure every cell again.
    cells: Option<Vec<usize>>,
}

/// Measures every row of `rows`, a batch at a time (on every core, for rows walked from
/// entries), each batch's widest cells taken into the whole table's; with `pack`, each batch's
/// rows are also packed into it, in order (see `packed`).
fn widest(grid: &Grid, rows: &dyn Rows, pack: Option<&mut Packed>) -> io::Result<Widest> {
    let headers: Vec<usize> = grid.columns.iter().map(|c| cell_width(&c.header)).collect();
    let packing = pack.is_some();
    if rows.held() && !packing {
        // A short table, walked here: each cell's width is kept for the wrapping walk.
        let (mut content, mut narrowest) = (headers.clone(), headers);
        let mut cells = Vec::new();
        rows.each(&mut |row| {
            for (column, cell) in row.cells.iter().enumerate() {
                let width = cell_width(cell);
                cells.push(width);
                take_cell(grid, column, cell, width, &mut content, &mut narrowest);
            }
            Ok(())
        })?;
        return Ok(Widest {
            content,
            narrowest,
            cells: Some(cells),
        });
    }
    let widest = Mutex::new((headers.clone(), headers));
    let mut sink = io::sink();
    let packed: &mut dyn Write = match pack {
        Some(packed) => packed,
        None => &mut sink,
    };
    rows.batches(packed, &|batch, bytes| {
        if packing {
            packed::pack(batch, bytes);
        }
        let (mut content, mut narrowest) = (vec![0; grid.columns.len()], vec![0; grid.columns.len()]);
        for row in batch {
            for (column, cell) in row.cells.iter().enumerate().take(content.len()) {
                take_cell(grid, column, cell, cell_width(cell), &mut content, &mut narrowest);
            }
        }
        let mut widest = lock(&widest);
        take_widest(&mut widest.0, &content);
        take_widest(&mut widest.1, &narrowest);
        Ok(())
    })?;
    let (content, narrowest) = widest.into_inner().unwrap_or_else(PoisonError::into_inner);
    Ok(Widest {
        content,
        narrowest,
        cells: None,
    })
}

/// Takes `cell` of `column`, `width` wide, into each column's widest cell (`content`) and, for a
/// figure, its widest piece of a range broken after its dashes (`narrowest`); a cell past the
/// grid's columns counts for neither.
fn take_cell(
    grid: &Grid,
    column: usize,
    cell: &str,
    width: usize,
    content: &mut [usize],
    narrowest: &mut [usize],
) {
    let Some(widest) = content.get_mut(column) else {
        return;
    };
    *widest = (*widest).max(width);
    if !grid.wraps(column) {
        let piece = range_pieces(cell).map(width_of).max().unwrap_or(0);
        narrowest[column] = narrowest[column].max(piece);
    }
}

/// The width each column gets: figures their full width, and the wrapping columns an equal share
/// of what is left of `width`, never below `MIN_WRAP_WIDTH` (a terminal narrower than that gets a
/// wider table, not garbage) and never wider than their content. Columns are one space apart.
fn column_widths(grid: &Grid, widest: &Widest, width: usize) -> Vec<usize> {
    let Widest {
        content, narrowest, ..
    } = widest;
    let separators = content.len().saturating_sub(1);
    let mut widths = content.clone();
    let fixed_width = |widths: &[usize]| {
        (0..widths.len())
            .filter(|&i| !grid.wraps(i))
            .map(|i| widths[i])
            .sum::<usize>()
            + separators
    };
    // Where the figures leave the names less than their narrowest, a range may break after its
    // dash (`$44,118–` over `58,824`): the widest such columns give way first.
    let wrapping = (0..grid.columns.len()).filter(|&i| grid.wraps(i)).count();
    let least = wrapping * usize::from(MIN_WRAP_WIDTH);
    let mut narrowed: Vec<(usize, usize)> = (0..grid.columns.len())
        .filter(|&i| !grid.wraps(i))
        .map(|i| (i, narrowest[i]))
        .filter(|&(i, narrowest)| narrowest < content[i])
        .collect();
    narrowed.sort_by_key(|&(i, narrowest)| std::cmp::Reverse(content[i] - narrowest));
    for (i, narrowest) in narrowed {
        if fixed_width(&widths) + least <= width {
            break;
        }
        widths[i] = narrowest;
    }
    let fixed = fixed_width(&widths);
    // What is left goes to the wrapping columns: each that needs less than an equal share
    // takes what it needs, and the others split the rest (the first of them any remainder).
    // Words too long for their column break beside the figures (names); below them they run
    // on whole (ids, URLs): see `write`.
    let mut room = width.saturating_sub(fixed);
    let mut open: Vec<usize> = (0..grid.columns.len()).filter(|&i| grid.wraps(i)).collect();
    while !open.is_empty() {
        let share = room / open.len();
        let (fits, wider): (Vec<usize>, Vec<usize>) = open.iter().partition(|&&i| content[i] <= share);
        if fits.is_empty() {
            for (n, &i) in wider.iter().enumerate() {
                let extra = if n == 0 { room % wider.len() } else { 0 };
                widths[i] = (share + extra).max(usize::from(MIN_WRAP_WIDTH));
            }
            break;
        }
        for &i in &fits {
            room -= content[i];
        }
        open = wider;
    }
    widths
}

/// A figure cut after each dash of its ranges: `$44,118–58,824 *` is `$44,118–`, `58,824 *`.
fn range_pieces(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive('–')
}

/// `text`, a figure too wide for `width`, on as few lines as its dashes allow.
fn break_range(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for piece in range_pieces(text) {
        match lines.last_mut() {
            Some(line) if width_of(line) + width_of(piece) <= width => line.push_str(piece),
            _ => lines.push(piece.to_string()),
        }
    }
    lines.join("\n")
}

/// Wraps every line of a cell to `width` at spaces. A word longer than that (an id, a URL) is
/// never broken, so that it can be copied: it stands on its own line, and its column grows. A
/// line keeps its indent, and a bulleted line (`• `) indents its continuation under the text.
#[cfg(test)]
fn wrap_cell(text: &str, width: usize, hyphenate: bool) -> String {
    let lines: Vec<String> = wrap_lines(text, width, hyphenate)
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    lines.join("\n")
}

/// A cell's lines wrapped as `wrap_cell` says (which joins them), each with its width.
fn wrap_lines(text: &str, width: usize, hyphenate: bool) -> Measured {
    let mut out = Vec::new();
    for line in lines_of(text) {
        let body = line.trim_start();
        let indent = line.len() - body.len();
        let hanging = indent + if body.starts_with("• ") { 2 } else { 0 };
        let first = width.saturating_sub(indent).max(1);
        let rest = width.saturating_sub(hanging).max(1);
        for (i, (part, part_width)) in wrap_widths(body, first, rest, hyphenate).into_iter().enumerate() {
            let pad = if i == 0 { indent } else { hanging };
            if pad == 0 {
                out.push((part, part_width));
            } else {
                let mut padded = String::with_capacity(pad + part.len());
                push_spaces(&mut padded, pad);
                padded.push_str(&part);
                out.push((padded, pad + part_width));
            }
        }
    }
    out
}

/// Breaks `text` at spaces into lines of at most `width` characters (a longer word stands alone).
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_widths(text, width, width, false)
        .into_iter()
        .map(|(line, _)| line)
        .collect()
}

/// `text` split at each space, as `str::split(' ')` splits it, a byte at a time: words are short.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        let Some(end) = text.bytes().position(|b| b == b' ') else {
            rest = None;
            return Some(text);
        };
        rest = Some(&text[end + 1..]);
        Some(&text[..end])
    })
}

/// Like `wrap`, with a first line of `first` characters and the others of `rest`, and each
/// line's width; with `hyphenate`, a word may also break after a hyphen (`instructor-` / `led`).
fn wrap_widths(text: &str, first: usize, rest: usize, hyphenate: bool) -> Measured {
    let mut lines = Vec::with_capacity(4);
    // Room for a line of ASCII, the most of any, so that it is not grown as it fills.
    let room = first.max(rest) + 8;
    let mut line = String::with_capacity(room);
    // The terminal columns `line` takes, kept as it grows: words are a space apart, so the
    // line's width is the sum of theirs.
    let mut used = 0;
    for word in words(text) {
        if word == "·" && !line.is_empty() {
            // A separator stays with the word before it, never opening a line.
            line.push_str(" ·");
            used += 2;
            continue;
        }
        // The word's pieces: after each hyphen where it may break there (an empty word then
        // has none), else the whole word.
        let mut remaining = word;
        let mut n = 0;
        while !(hyphenate && remaining.is_empty()) {
            let cut = if hyphenate {
                remaining.find('-').map_or(remaining.len(), |i| i + 1)
            } else {
                remaining.len()
            };
            let (piece, after) = remaining.split_at(cut);
            let gap = usize::from(n == 0 && !line.is_empty());
            let width = if lines.is_empty() { first } else { rest };
            let piece_width = width_of(piece);
            if !line.is_empty() && used + gap + piece_width > width {
                lines.push((std::mem::replace(&mut line, String::with_capacity(room)), used));
                used = 0;
            } else if gap == 1 {
                line.push(' ');
                used += 1;
            }
            line.push_str(piece);
            used += piece_width;
            n += 1;
            remaining = after;
            if !hyphenate {
                break;
            }
        }
    }
    lines.push((line, used));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Column;

    #[test]
    fn a_lines_start_at_a_width_is_the_first_piece_it_breaks_into() {
        let lines = [
            "",
            "a",
            "mitx-scm",
            "tecx-negotiation-leadership",
            "日本語のテキスト",
            "e\u{301}tude",
            "ab\u{200b}cd",
            "x",
        ];
        for line in lines {
            for width in 0..12 {
                assert_eq!(
                    start_at_width(line, width),
                    break_at_width(line, width)[0],
                    "{line:?} at {width}"
                );
            }
        }
    }

    /// A grid's rows, walked as a long report's are: not held.
    struct Walked<'a>(&'a Grid);

    impl Rows for Walked<'_> {
        fn each(&self, each: &mut dyn FnMut(RowRef<'_>) -> io::Result<()>) -> io::Result<()> {
            self.0.each(each)
        }
    }

    #[test]
    fn a_table_walked_is_the_table_held() {
        let mut grid = Grid::new([
            Column::figure("#"),
            Column::text("Program"),
            Column::figure("Cost"),
            Column::text("Where"),
        ]);
        for i in 0..7 {
            let name = if i == 3 {
                "A name long enough to wrap over several lines of its column".to_string()
            } else {
                format!("Program {i}")
            };
            let place = if i == 5 {
                "https://example.org/a/long/path/to/a/page"
            } else {
                "MITx"
            };
            grid.rows.push(vec![
                format!("{}", i + 1),
                name,
                format!("${},000", 9 - i),
                place.into(),
            ]);
            grid.dim.push(i == 2);
            grid.notes
                .push((i == 4).then(|| "a note under the row".to_string()));
        }
        grid.footer.push("footer line".into());
        for (width, color, ascii) in [(40, false, false), (60, true, false), (80, false, true)] {
            let style = Style { color, width, ascii };
            let mut held = Vec::new();
            write(&grid, &grid, style, &mut held).expect("written");
            let held = String::from_utf8(held).expect("UTF-8");
            assert!(
                held.contains("Program 6") && held.contains("footer line"),
                "{held}"
            );
            // Rows walked again for each pass draw what rows held draw.
            let mut walked = Vec::new();
            write(&grid, &Walked(&grid), style, &mut walked).expect("written");
            assert_eq!(
                String::from_utf8(walked).expect("UTF-8"),
                held,
                "walked at width {width}"
            );
        }
        let empty = Grid::new([Column::text("Program")]);
        let mut out = Vec::new();
        let style = Style {
            color: false,
            width: 80,
            ascii: true,
        };
        write(&empty, &empty, style, &mut out).expect("written");
        assert_eq!(String::from_utf8(out).expect("UTF-8").lines().count(), 4);
    }

    #[test]
    fn a_long_word_below_the_figures_runs_on_in_its_own_row() {
        // Both rows' routes hold `mitx-scm`, where the second row's id is cut to fit the
        // column (8 wide): only the row whose word was cut gets it back whole.
        let mut grid = Grid::new([Column::text("Route"), Column::figure("Cost")]);
        grid.rows.push(vec!["one\nmitx-scm".into(), "$1".into()]);
        grid.rows
            .push(vec!["two\nmitx-scm>mit-scm-master".into(), "$2".into()]);
        grid.dim = vec![false, false];
        grid.notes = vec![None, None];
        let style = Style {
            color: false,
            width: 13,
            ascii: true,
        };
        let mut out = Vec::new();
        write(&grid, &grid, style, &mut out).expect("written");
        let out = String::from_utf8(out).expect("UTF-8");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], "Route    Cost", "{out}");
        assert_eq!(
            lines[3..7],
            [
                "one        $1",
                "mitx-scm",
                "two        $2",
                "mitx-scm>mit-scm-master"
            ],
            "{out}"
        );
    }

    /// What comfy-table draws for `rows` (cells, dimmed) at `widths`, as the table was drawn
    /// before `Lines`: fixed widths, no padding, figures on the right, bold headers.
    fn comfy(grid: &Grid, rows: &[(Vec<String>, bool)], widths: &[usize], style: Style) -> String {
        use comfy_table::{
            Attribute, Cell, CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Table,
            TableStyle, Width,
        };
        let fill = if style.ascii { '-' } else { '─' };
        let rule = LineStyle::none().fill(fill).junction(fill);
        let mut table = Table::new();
        table
            .load_style(
                TableStyle::new()
                    .top_border(rule)
                    .header_separator(rule)
                    .bottom_border(rule),
            )
            .set_content_arrangement(ContentArrangement::Disabled);
        if style.color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        let styled = |text: &str, attribute, on: bool| {
            let cell = Cell::new(text);
            if on && style.color {
                cell.add_attribute(attribute)
            } else {
                cell
            }
        };
        table.set_header(
            grid.columns
                .iter()
                .map(|c| styled(&c.header, Attribute::Bold, true)),
        );
        for (cells, dim) in rows {
            table.add_row(cells.iter().map(|c| styled(c, Attribute::Dim, *dim)));
        }
        for (i, column) in table.column_iter_mut().enumerate() {
            column.set_padding((0, 0));
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(widths[i] as u16)));
            if grid.is_figure(i) {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
        let mut drawn = String::new();
        for line in table.lines() {
            drawn.push_str(line.trim_end());
            drawn.push('\n');
        }
        drawn
    }

    proptest::proptest! {
        #[test]
        fn widths_are_what_unicode_width_measures(
            text in "[a-z1# ]{0,6}[\u{FE0F}\u{20E3}\u{200D}\u{0301}–·字🙂\u{1F1E6}\u{0644}\u{0627}\t]{0,3}[a-z1 🙂\u{FE0F}]{0,4}",
        ) {
            proptest::prop_assert_eq!(width_of(&text), text.width(), "{:?}", text);
        }

        /// Lines and words are those `str` finds.
        #[test]
        fn lines_and_words_are_what_str_finds(text in "[a \r\n·é]{0,12}") {
            proptest::prop_assert_eq!(lines_of(&text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>());
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), text.split(' ').collect::<Vec<_>>());
        }

        /// The width wrapping carries with each line is the line's width.
        #[test]
        fn wrapped_lines_carry_their_widths(
            text in "([a-z1#* -]{0,7}[\u{FE0F}\u{20E3}\u{200D}\u{0301}–·字🙂\u{1F1E6}\u{0644}\u{0627} ]{0,2}){0,6}",
            width in 1usize..14,
            hyphenate in proptest::bool::ANY,
        ) {
            for (line, line_width) in wrap_widths(&text, width, width.saturating_sub(2).max(1), hyphenate) {
                proptest::prop_assert_eq!(line_width, width_of(&line), "{:?} in {:?}", line, text);
            }
            for (line, line_width) in wrap_lines(&format!("  • {text}\n{text}"), width, hyphenate) {
                proptest::prop_assert_eq!(line_width, width_of(&line), "{:?} in {:?}", line, text);
            }
        }

        /// Separators (` · `), which stay with the word before them, are counted too.
        #[test]
        fn wrapped_lines_with_separators_carry_their_widths(
            text in "([a-z字]{1,5}( ·)? ){0,6}",
            width in 1usize..14,
        ) {
            for (line, line_width) in wrap_widths(&text, width, width, false) {
                proptest::prop_assert_eq!(line_width, width_of(&line), "{:?} in {:?}", line, text);
            }
        }

        /// Runs of ASCII of every length between characters that join what stands beside them.
        #[test]
        fn widths_across_runs_are_what_unicode_width_measures(
            text in "([a-z1#* ]{0,6}[\u{FE0F}\u{FE0E}\u{20E3}\u{200D}\u{0301}–字🙂\u{1F1E6}\u{0644}\u{0627}\r\n\u{1b}]{1,3}){0,5}[a-z1# ]{0,5}",
        ) {
            proptest::prop_assert_eq!(width_of(&text), text.width(), "{:?}", text);
        }

        #[test]
        fn lines_draw_what_comfy_table_draws(
            figures in proptest::collection::vec(proptest::bool::ANY, 1..5),
            rows in proptest::collection::vec(
                (proptest::collection::vec("[a-z $–·é字🙂]{0,9}(\n[a-z 字]{0,6}){0,2}", 5), proptest::bool::ANY),
                0..6,
            ),
            color in proptest::bool::ANY,
            ascii in proptest::bool::ANY,
        ) {
            let grid = Grid::new(figures.iter().enumerate().map(|(i, &figure)| {
                if figure { Column::figure(format!("H{i}")) } else { Column::text(format!("Head {i}")) }
            }));
            let n = grid.columns.len();
            let rows: Vec<(Vec<String>, bool)> =
                rows.into_iter().map(|(cells, dim)| (cells[..n].to_vec(), dim)).collect();
            // Each column as wide as its widest line, as `write` draws it.
            let widths: Vec<usize> = (0..n)
                .map(|i| rows.iter().map(|(cells, _)| cell_width(&cells[i])).chain([cell_width(&grid.columns[i].header)]).max().unwrap_or(0))
                .collect();
            let style = Style { color, width: 80, ascii };
            let mut lines = Lines::new(&grid, style, &widths);
            let mut out = Vec::new();
            lines.rule(&mut out).expect("written");
            let headers: Vec<&str> = grid.columns.iter().map(|c| c.header.as_str()).collect();
            lines.row(&headers, BOLD, &[], &mut out).expect("written");
            lines.rule(&mut out).expect("written");
            for (cells, dim) in &rows {
                let texts: Vec<&str> = cells.iter().map(String::as_str).collect();
                lines.row(&texts, if *dim { DIM } else { "" }, &[], &mut out).expect("written");
            }
            lines.rule(&mut out).expect("written");
            proptest::prop_assert_eq!(String::from_utf8(out).expect("UTF-8"), comfy(&grid, &rows, &widths, style));
        }
    }

    #[test]
    fn spaces_are_added_in_runs_of_any_length() {
        for n in 0..200 {
            let mut line = String::from("x");
            push_spaces(&mut line, n);
            assert_eq!(line, format!("x{}", " ".repeat(n)), "{n}");
        }
    }

    #[test]
    fn footers_wrap_at_spaces_within_the_width() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("a verylongword b", 4), ["a", "verylongword", "b"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn a_range_too_wide_breaks_after_its_dash() {
        assert_eq!(break_range("$44,118–58,824 *", 9), "$44,118–\n58,824 *");
        assert_eq!(break_range("$44,118–58,824 *", 16), "$44,118–58,824 *");
        assert_eq!(break_range("12–24 *", 3), "12–\n24 *");
    }

    #[test]
    fn cells_wrap_each_line_and_break_long_words() {
        assert_eq!(wrap_cell("ab cd\nefghij", 4, false), "ab\ncd\nefghij");
        assert_eq!(wrap_cell("instructor-led", 14, true), "instructor-led");
        assert_eq!(wrap_cell("instructor-led", 12, true), "instructor-\nled");
        assert_eq!(wrap_cell("mitx-scm x", 6, false), "mitx-scm\nx");
        assert_eq!(
            wrap_cell("MITx · https://example.org/a/long/path", 10, false),
            "MITx ·\nhttps://example.org/a/long/path"
        );
        assert_eq!(wrap_cell("• one two\n  id", 6, false), "• one\n  two\n  id");
    }
}
