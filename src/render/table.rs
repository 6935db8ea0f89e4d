//! Tables for people, with comfy-table: sized to the width given, figures aligned right.

use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell, CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle,
};

use super::{Grid, Style};

/// Rules under the header and around the table, no vertical lines: easy to read and to copy.
const STYLE: TableStyle = TableStyle::new()
    .top_border(LineStyle::none().fill('─').junction('─'))
    .header_separator(LineStyle::none().fill('─').junction('─'))
    .bottom_border(LineStyle::none().fill('─').junction('─'));

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
        // Only the wrapping column gives way when the table is too wide; figures never wrap.
        if Some(index) != grid.wrap {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    writeln!(out, "{table}")?;
    for line in &grid.footer {
        writeln!(out, "{line}")?;
    }
    Ok(())
}
