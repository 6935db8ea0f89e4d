//! GitHub-flavoured Markdown tables, cells escaped, footer lines as a paragraph.

use std::io::{self, Write};

use super::Grid;

/// Escapes what would break a Markdown table cell.
pub fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

/// Writes `grid` as a Markdown table.
pub fn write(grid: &Grid, out: &mut dyn Write) -> io::Result<()> {
    let header: Vec<String> = grid.header.iter().map(|h| escape(h)).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let rules: Vec<&str> = (0..grid.header.len())
        .map(|i| if grid.numeric.contains(&i) { "---:" } else { "---" })
        .collect();
    writeln!(out, "| {} |", rules.join(" | "))?;
    for row in &grid.rows {
        let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    if !grid.footer.is_empty() {
        writeln!(out)?;
        for line in &grid.footer {
            writeln!(out, "{}  ", escape(line))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_and_newlines_cannot_break_a_cell() {
        assert_eq!(escape("a|b\nc"), "a\\|b<br>c");
        assert_eq!(escape("back\\slash"), "back\\\\slash");
    }
}
