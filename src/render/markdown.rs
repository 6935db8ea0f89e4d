//! GitHub-flavoured Markdown tables, cells escaped, footer lines as a paragraph.

use std::io::{self, Write};

use super::Grid;

/// Escapes what would break a Markdown table cell or turn text into markup: HTML (`<script>`,
/// `<img onerror=...>`), links (`[x](javascript:...)`: with the brackets escaped, parentheses
/// cannot open one and stay as they are), emphasis, strikethrough (`~~`) and code spans.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // One tilde cannot strike anything through: only text with a pair is escaped (`~30%`
    // stays as it is).
    let tildes = text.matches('~').count() > 1;
    for c in super::text::plain(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '\\' | '|' | '[' | ']' | '*' | '_' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '~' if tildes => out.push_str("\\~"),
            other => out.push(other),
        }
    }
    out
}

/// Writes `grid` as a Markdown table.
pub fn write(grid: &Grid, out: &mut dyn Write) -> io::Result<()> {
    let header: Vec<String> = grid.columns.iter().map(|c| escape(&c.header)).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let rules: Vec<&str> = (0..grid.columns.len())
        .map(|i| if grid.is_figure(i) { "---:" } else { "---" })
        .collect();
    writeln!(out, "| {} |", rules.join(" | "))?;
    let first_wrap = grid.first_wrapping();
    for (row, note) in grid
        .rows
        .iter()
        .zip(grid.notes.iter().chain(std::iter::repeat(&None)))
    {
        let mut cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
        if let (Some(note), Some(column)) = (note, first_wrap)
            && let Some(cell) = cells.get_mut(column)
        {
            cell.push_str(&format!("<br>{}", escape(note)));
        }
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

    #[test]
    fn markup_and_links_stay_text() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(
            escape("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(escape("a\u{1b}[2J"), "a\\\\u{1b}\\[2J");
        assert_eq!(escape("~~struck~~ (Spanish)"), "\\~\\~struck\\~\\~ (Spanish)");
        assert_eq!(escape("~30%"), "~30%");
    }
}
