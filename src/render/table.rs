//! Tables for people, with comfy-table: sized to the width given, figures aligned right.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};

use super::{Grid, Style};

/// Rules under the header and around the table, no vertical lines: easy to read and to copy.
const STYLE: TableStyle = TableStyle::new()
    .top_border(LineStyle::none().fill('─').junction('─'))
    .header_separator(LineStyle::none().fill('─').junction('─'))
    .bottom_border(LineStyle::none().fill('─').junction('─'));

/// The narrowest the wrapping column (names) may become; a table that cannot fit grows wider.
const MIN_WRAP_WIDTH: u16 = 12;

/// Writes `grid` as a table, then its footer lines.
pub fn write(mut grid: Grid, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let mut table = Table::new();
    // The cells are wrapped here, to widths worked out here, so that the layout is exactly
    // what `column_widths` says whatever the terminal.
    let widths = column_widths(&grid, usize::from(style.width));
    table
        .load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Disabled);
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    let bold = |text: &String| {
        let cell = Cell::new_owned(text.clone());
        if style.color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    };
    table.set_header(grid.header.iter().map(bold).collect::<Vec<_>>());
    let rows = std::mem::take(&mut grid.rows);
    for (row, dim) in rows.into_iter().zip(&grid.dim) {
        table.add_row(row.into_iter().enumerate().map(|(column, text)| {
            let text = if grid.wrap.contains(&column) {
                wrap_cell(&text, widths[column])
            } else {
                text
            };
            let cell = Cell::new_owned(text);
            if *dim && style.color {
                cell.add_attribute(Attribute::Dim)
            } else {
                cell
            }
        }));
    }
    for (index, column) in table.column_iter_mut().enumerate() {
        // The one-character column separator is the only space between columns: it leaves the
        // most room for names at 80 columns.
        column.set_padding((0, 0));
        if grid.numeric.contains(&index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    // Padding after the last column is noise when text is copied or compared.
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    for line in &grid.footer {
        for part in wrap(line, usize::from(style.width)) {
            writeln!(out, "{part}")?;
        }
    }
    Ok(())
}

/// The widest line of a cell, in characters.
fn cell_width(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The width each column gets: figures their full width, and the wrapping columns an equal share
/// of what is left of `width`, never below `MIN_WRAP_WIDTH` (a terminal narrower than that gets a
/// wider table, not garbage) and never wider than their content. Columns are one space apart.
fn column_widths(grid: &Grid, width: usize) -> Vec<usize> {
    let content: Vec<usize> = (0..grid.header.len())
        .map(|column| {
            let cells = grid
                .rows
                .iter()
                .filter_map(|r| r.get(column))
                .map(|c| cell_width(c));
            cells.chain([cell_width(&grid.header[column])]).max().unwrap_or(0)
        })
        .collect();
    let separators = content.len().saturating_sub(1);
    let fixed: usize = content
        .iter()
        .enumerate()
        .filter(|(i, _)| !grid.wrap.contains(i))
        .map(|(_, w)| w)
        .sum::<usize>()
        + separators;
    let share = width.saturating_sub(fixed) / grid.wrap.len().max(1);
    content
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            if grid.wrap.contains(&i) {
                // A word that cannot break (an id, a URL) sets the floor: the rest of the
                // column may as well use that room.
                let longest_word = grid
                    .rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .flat_map(|c| c.split_whitespace())
                    .map(|word| word.chars().count())
                    .max()
                    .unwrap_or(0);
                w.min(share.max(usize::from(MIN_WRAP_WIDTH)).max(longest_word))
            } else {
                w
            }
        })
        .collect()
}

/// Wraps every line of a cell to `width` at spaces. A word longer than that (an id, a URL) is
/// never broken, so that it can be copied: it stands on its own line, and its column grows. A
/// line keeps its indent, and a bulleted line (`• `) indents its continuation under the text.
fn wrap_cell(text: &str, width: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let body = line.trim_start();
        let indent = line.len() - body.len();
        let hanging = indent + if body.starts_with("• ") { 2 } else { 0 };
        let first = width.saturating_sub(indent).max(1);
        let rest = width.saturating_sub(hanging).max(1);
        for (i, part) in wrap_widths(body, first, rest).into_iter().enumerate() {
            let pad = if i == 0 { indent } else { hanging };
            out.push(format!("{}{part}", " ".repeat(pad)));
        }
    }
    out.join("\n")
}

/// Breaks `text` at spaces into lines of at most `width` characters (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_widths(text, width, width)
}

/// Like `wrap`, with a first line of `first` characters and the others of `rest`.
fn wrap_widths(text: &str, first: usize, rest: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let width = if lines.is_empty() { first } else { rest };
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footers_wrap_at_spaces_within_the_width() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("a verylongword b", 4), ["a", "verylongword", "b"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn cells_wrap_each_line_and_break_long_words() {
        assert_eq!(wrap_cell("ab cd\nefghij", 4), "ab\ncd\nefghij");
        assert_eq!(
            wrap_cell("MITx · https://example.org/a/long/path", 10),
            "MITx ·\nhttps://example.org/a/long/path"
        );
        assert_eq!(wrap_cell("• one two\n  id", 6), "• one\n  two\n  id");
    }
}
