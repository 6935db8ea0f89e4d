//! Tables for people, with comfy-table: sized to the width given, figures aligned right.

use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell, CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle, Width,
};

use super::{Grid, Style};

/// Rules under the header and around the table, no vertical lines: easy to read and to copy.
const STYLE: TableStyle = TableStyle::new()
    .top_border(LineStyle::none().fill('─').junction('─'))
    .header_separator(LineStyle::none().fill('─').junction('─'))
    .bottom_border(LineStyle::none().fill('─').junction('─'));

/// The narrowest the wrapping column (names) may become; a table that cannot fit grows wider.
const MIN_WRAP_WIDTH: u16 = 20;

/// Writes `grid` as a table, then its footer lines.
pub fn write(grid: &Grid, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let mut table = Table::new();
    table
        .load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    let bold = |text: &String| {
        let cell = Cell::new(text);
        if style.color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    };
    table.set_header(grid.header.iter().map(bold).collect::<Vec<_>>());
    for (row, dim) in grid.rows.iter().zip(&grid.dim) {
        table.add_row(row.iter().map(|text| {
            let cell = Cell::new(text);
            if *dim && style.color {
                cell.add_attribute(Attribute::Dim)
            } else {
                cell
            }
        }));
    }
    for (index, column) in table.column_iter_mut().enumerate() {
        // One space between columns leaves the most room for names at 80 columns.
        column.set_padding((0, 1));
        if grid.numeric.contains(&index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
        // Only the wrapping column gives way when the table is too wide, and never below a
        // readable width; figures never wrap.
        if grid.wrap.contains(&index) {
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(MIN_WRAP_WIDTH)));
        } else {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    writeln!(out, "{table}")?;
    for line in &grid.footer {
        for part in wrap(line, usize::from(style.width)) {
            writeln!(out, "{part}")?;
        }
    }
    Ok(())
}

/// Breaks `text` at spaces into lines of at most `width` characters (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
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
}
