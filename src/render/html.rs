//! One self-contained HTML5 page: the table, its footer, and (for charts and plans) an inline
//! SVG plot. No external scripts, styles, fonts or images, and a content security policy that
//! forbids loading any; readable with scripts off (a small inline script sorts columns). Every
//! piece of catalogue text is escaped; only `http(s)` URLs become links.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::plot::Plot;
use super::{Document, Grid};

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::text::plain(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// A cell's text as HTML: escaped, lines joined with `<br>`, `http(s)` URLs as links, and
/// Markdown's `code` spans as code rather than backticks.
fn cell(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line
                .split(' ')
                .map(|word| {
                    if word.starts_with("https://") || word.starts_with("http://") {
                        let url = escape(word);
                        format!("<a href=\"{url}\" rel=\"noopener noreferrer\">{url}</a>")
                    } else {
                        escape(word)
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            super::text::code_spans(&line, "<code>", "</code>")
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}\
main{max-width:72rem;margin:0 auto;padding:1.5rem}h1{font-size:1.4rem;margin:0 0 1rem}\
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{padding:.35rem .6rem;border-bottom:1px solid #ddd;\
text-align:left;vertical-align:top}th{background:#f2f4f7;position:sticky;top:0}th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:inherit}\
td.num,th.num{text-align:right;white-space:nowrap}tr.dim td{color:#595959}td small{color:#555}\
.scroll{overflow-x:auto;max-width:100%}.scroll table{min-width:40rem}footer p{overflow-wrap:anywhere}\
h2{font-size:1.1rem;margin:1.2rem 0 .4rem}header p.made{color:#444;margin:0 0 .6rem}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.3rem 0}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}\
code{font:.92em ui-monospace,monospace;overflow-wrap:anywhere}.answer p{font-size:1.05rem;margin:.3rem 0}\
.sources ul{padding-left:1.2rem}.sources li,.reading p{overflow-wrap:anywhere;margin:.2rem 0}\
svg .grid{stroke:#e4e6ea;stroke-width:1}svg .tick{font-size:12px}.plot{overflow-x:auto;max-width:100%}\
@media (max-width:40rem){main{padding:.8rem}dl{grid-template-columns:1fr}dt{margin-top:.3rem}.plot svg{width:760px;max-width:none}}\
@page{size:A4;margin:12mm}\
@media print{body{font-size:10px;color:#000;background:#fff}main{max-width:none;padding:0}th{position:static}th button{font-weight:700}\
th,td{padding:.15rem .3rem}.scroll{overflow:visible}.scroll table{min-width:0}svg{max-height:9cm;width:auto}\
a{color:#000}h1{font-size:1.2rem}section{break-inside:avoid-page}}\
footer p{margin:.2rem 0;color:#444;font-size:.9rem}svg{max-width:100%;height:auto;border:1px solid #ddd;background:#fcfcfd}\
svg text{font:12px system-ui,sans-serif;fill:#1b1b1b}svg .front{fill:#c62828}svg .point{fill:#1565c0}\
svg .line{fill:none;stroke:#c62828;stroke-width:2}svg .axis{stroke:#555;stroke-width:1}\
details.left-out{margin:.4rem 0}details.left-out p{overflow-wrap:anywhere;font-size:.9rem}\
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\
@media (prefers-color-scheme:dark){body{color:#e8e8e8;background:#121417}th{background:#23272e}\
th,td{border-bottom-color:#3a3f47}tr.dim td{color:#b0b0b0}td small,footer p,header p.made{color:#c8c8c8}a{color:#8ab4f8}\
svg{background:#1b1e23;border-color:#3a3f47}svg text{fill:#e8e8e8}svg .axis{stroke:#aaa}svg .grid{stroke:#30343b}\
svg .front{fill:#ff8a80}svg .point{fill:#82b1ff}svg .line{stroke:#ff8a80}}";

/// Sorts a table by the column whose header button is pressed: figures by the `data-sort`
/// keys Rust wrote (known before bounded, then low end, then high end), unknowns last either
/// way; text by its words.
/// The header says the order (`aria-sort`).
const SCRIPT: &str = "document.querySelectorAll('th button').forEach(function(b){var th=b.parentNode;\
b.addEventListener('click',function(){var i=th.cellIndex,body=th.closest('table').tBodies[0],rows=Array.from(body.rows),\
up=th.getAttribute('aria-sort')!=='ascending';th.closest('tr').querySelectorAll('th').forEach(function(o){o.removeAttribute('aria-sort');});\
th.setAttribute('aria-sort',up?'ascending':'descending');var num=th.classList.contains('num');\
var key=function(r){var c=r.cells[i];if(!c)return null;if(num){var d=c.getAttribute('data-sort');return d?d.split(' ').map(Number):null;}\
return c.textContent.trim().toLowerCase();};rows.sort(function(a,b){var x=key(a),y=key(b);if(x===null||y===null)\
return x===null?(y===null?0:1):-1;var o=0;if(num){o=x[0]-y[0]||x[1]-y[1]||x[2]-y[2];}else{o=x<y?-1:x>y?1:0;}return up?o:-o;});\
rows.forEach(function(r){body.appendChild(r);});});});";

/// The key a figure cell sorts by, as the commands sort (`Bounds::sort_key`): a known figure
/// (tier 0) before a bounded one (tier 1: `≥ $985.50`, `$16,000 to $19,000 ?`), each by its
/// first number and its last on the first line (`$6,000–7,000` is 6000 to 7000), or a known
/// range by its middle where the column sorts so; `None` for an unknown (`?`) or empty cell,
/// which sorts last either way.
pub fn sort_key(text: &str, by_middle: bool) -> Option<(u8, f64, f64)> {
    let line = text.lines().next()?;
    let (low, high) = sort_value(line)?;
    let bounded = line.split_whitespace().any(|w| w == "≥" || w == "?");
    if by_middle && !bounded {
        let middle = f64::midpoint(low, high);
        return Some((0, middle, middle));
    }
    Some((u8::from(bounded), low, high))
}

/// A figure's first number and its last on the first line; `None` where it has none.
pub fn sort_value(text: &str) -> Option<(f64, f64)> {
    let line = text.lines().next()?;
    let mut numbers = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, numbers: &mut Vec<f64>| {
        if let Ok(n) = current.replace(',', "").parse::<f64>() {
            numbers.push(n);
        }
        current.clear();
    };
    let chars: Vec<char> = line.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        let next_is_digit = chars.get(k + 1).is_some_and(char::is_ascii_digit);
        let part_of_number = c.is_ascii_digit()
            || (c == '.' && !current.is_empty())
            || (c == ',' && !current.is_empty() && next_is_digit);
        // A minus sign opens a number only where a word or a sum starts.
        let sign =
            c == '-' && current.is_empty() && next_is_digit && (k == 0 || matches!(chars[k - 1], ' ' | '$'));
        if part_of_number || sign {
            current.push(c);
        } else {
            flush(&mut current, &mut numbers);
        }
    }
    flush(&mut current, &mut numbers);
    let first = *numbers.first()?;
    Some((first, *numbers.last().unwrap_or(&first)))
}

/// Writes `document` as one page: the question and its inputs, the answer, the plot and the
/// table, the legend, the sources, and how to read it.
pub fn write(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    let info = &document.page;
    let heading = match info.heading() {
        "" => "micromasters",
        heading => heading,
    };
    let mut page = String::with_capacity(16 * 1024);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n",
    );
    let _ = writeln!(page, "<title>{} · micromasters</title>", escape(heading));
    let _ = writeln!(page, "<style>{STYLE}</style>\n</head>\n<body>\n<main>");
    let _ = writeln!(page, "<header>\n<h1>{}</h1>", escape(heading));
    if !info.made.is_empty() || !info.catalogue.is_empty() {
        let made = escape(&info.made);
        let _ = write!(page, "<p class=\"made\">Made");
        if !made.is_empty() {
            let _ = write!(page, " on <time datetime=\"{made}\">{made}</time>");
        }
        let _ = write!(page, " by micromasters {}", env!("CARGO_PKG_VERSION"));
        if !info.catalogue.is_empty() {
            let _ = write!(page, " from {}", cell(&info.catalogue));
        }
        page.push_str(".</p>\n");
    }
    if !info.inputs.is_empty() {
        page.push_str(
            "<section class=\"inputs\" aria-labelledby=\"inputs\">\n<h2 id=\"inputs\">Inputs</h2>\n<dl>\n",
        );
        for (what, value) in &info.inputs {
            let _ = writeln!(page, "<dt>{}</dt><dd>{}</dd>", escape(what), cell(value));
        }
        page.push_str("</dl>\n</section>\n");
    }
    page.push_str("</header>\n");
    if !info.answer.is_empty() {
        page.push_str(
            "<section class=\"answer\" aria-labelledby=\"answer\">\n<h2 id=\"answer\">The answer</h2>\n",
        );
        for line in &info.answer {
            let _ = writeln!(page, "<p>{}</p>", cell(line));
        }
        page.push_str("</section>\n");
    }
    if let Some(plot) = &document.plot {
        svg(plot, &mut page);
    }
    table(&document.grid, &mut page);
    if !document.grid.footer.is_empty() {
        page.push_str("<footer>\n");
        for line in &document.grid.footer {
            let _ = writeln!(page, "<p>{}</p>", cell(line));
        }
        page.push_str("</footer>\n");
    }
    sources(&info.sources, &mut page);
    if !info.reading.is_empty() {
        page.push_str("<section class=\"reading\" aria-labelledby=\"reading\">\n<h2 id=\"reading\">How to read this</h2>\n");
        for line in &info.reading {
            let _ = writeln!(page, "<p>{}</p>", cell(line));
        }
        page.push_str("</section>\n");
    }
    let _ = writeln!(page, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>");
    out.write_all(page.as_bytes())
}

/// Where the figures come from: each program's page, the day it was checked, and a mark where
/// that is over a year ago.
fn sources(cited: &[super::Cited], page: &mut String) {
    if cited.is_empty() {
        return;
    }
    page.push_str(
        "<section class=\"sources\" aria-labelledby=\"sources\">\n<h2 id=\"sources\">Sources</h2>\n<ul>\n",
    );
    for c in cited {
        let name = escape(&c.name);
        let id = escape(&c.id);
        let named = match c.url.as_deref() {
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                format!(
                    "<a href=\"{}\" rel=\"noopener noreferrer\">{name}</a>",
                    escape(url)
                )
            }
            _ => name,
        };
        let checked = match (&c.verified, c.stale) {
            (Some(date), true) => format!("checked {}, <strong>possibly stale</strong>", escape(date)),
            (Some(date), false) => format!("checked {}", escape(date)),
            (None, _) => "undated, <strong>possibly stale</strong>".to_string(),
        };
        let _ = writeln!(page, "<li>{named} (<code>{id}</code>): {checked}</li>");
    }
    page.push_str("</ul>\n</section>\n");
}

fn table(grid: &Grid, page: &mut String) {
    if grid.columns.is_empty() {
        return;
    }
    let class = |i: usize| {
        if grid.is_figure(i) { " class=\"num\"" } else { "" }
    };
    // The table scrolls inside its own box on a narrow screen, never the page.
    // Keyboard users can scroll the box too (it takes focus), and it is named for them.
    page.push_str("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"the table\">\n<table>\n<thead><tr>");
    for (i, c) in grid.columns.iter().enumerate() {
        if c.header.is_empty() {
            // A column of row labels (`estimate`'s): named for screen readers, not sorted.
            let _ = write!(page, "<th scope=\"col\"><span class=\"sr\">item</span></th>");
            continue;
        }
        let _ = write!(
            page,
            "<th scope=\"col\"{}><button type=\"button\">{}</button></th>",
            class(i),
            escape(&c.header)
        );
    }
    page.push_str("</tr></thead>\n<tbody>\n");
    let first_wrap = grid.first_wrapping();
    for (r, row) in grid.rows.iter().enumerate() {
        let dim = grid.dim.get(r).copied().unwrap_or(false);
        page.push_str(if dim { "<tr class=\"dim\">" } else { "<tr>" });
        for (i, text) in row.iter().enumerate() {
            let mut content = cell(text);
            if let (Some(Some(note)), Some(column)) = (grid.notes.get(r), first_wrap)
                && column == i
            {
                let _ = write!(content, "<br><small>{}</small>", escape(note));
            }
            // Figures sort by their value, not their text: the low end, then the high end.
            let sort = if grid.is_figure(i) {
                sort_key(text, grid.columns[i].by_middle).map_or(String::new(), |(tier, low, high)| {
                    format!(" data-sort=\"{tier} {low} {high}\"")
                })
            } else {
                String::new()
            };
            let _ = write!(page, "<td{}{sort}>{content}</td>", class(i));
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</tbody>\n</table>\n</div>\n");
}

/// The plot as inline SVG: gridlines at round values with their labels, the axes, the front
/// joined, every point labelled where a label fits clear of the others and of the line.
fn svg(plot: &Plot, page: &mut String) {
    let (w, h) = (960.0, 500.0);
    let (left, right, top, bottom) = (90.0, 230.0, 34.0, 60.0);
    let px = |x: f64| left + x * (w - left - right);
    let py = |y: f64| top + (1.0 - y) * (h - top - bottom);
    page.push_str("<div class=\"plot\" tabindex=\"0\" role=\"region\" aria-label=\"the chart\">\n");
    let _ = writeln!(
        page,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        escape(&format!("{} against {}", plot.y_title, plot.x_title))
    );
    let text = svg_text;
    let mut taken = Occupied::new(w, h);
    gridlines(
        plot,
        &px,
        &py,
        (left, top, w - right, h - bottom),
        &mut taken,
        page,
    );
    let _ = writeln!(
        page,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/><line class=\"axis\" x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{}\"/>",
        h - bottom,
        w - right,
        h - bottom,
        h - bottom
    );
    if plot.x_ticks.is_empty() {
        text(page, left, h - bottom + 18.0, "start", "", &plot.x_ends.0);
        text(page, w - right, h - bottom + 18.0, "end", "", &plot.x_ends.1);
    }
    if plot.y_ticks.is_empty() {
        text(page, left - 8.0, h - bottom, "end", "", &plot.y_ends.0);
        text(page, left - 8.0, top + 10.0, "end", "", &plot.y_ends.1);
    }
    text(
        page,
        (left + w - right) / 2.0,
        h - 14.0,
        "middle",
        "",
        &plot.x_title,
    );
    text(page, left, top - 14.0, "start", "", &plot.y_title);
    front_line(plot, &px, &py, &mut taken, page);
    for p in &plot.points {
        taken.insert((px(p.x) - 5.0, py(p.y) - 5.0, px(p.x) + 5.0, py(p.y) + 5.0));
    }
    for p in &plot.points {
        let (x, y) = (px(p.x), py(p.y));
        let class = if p.front { "front" } else { "point" };
        let _ = writeln!(
            page,
            "<circle class=\"{class}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\"><title>{}</title></circle>",
            escape(&p.label)
        );
        let box_at =
            |dy: f64, chars: usize| (x + 7.0, y + dy - 9.0, x + 9.0 + 6.6 * chars as f64, y + dy + 4.0);
        let chars = p.label.chars().count();
        let spot = [0.0, 14.0, -14.0, 28.0, -28.0]
            .into_iter()
            .find(|&dy| !taken.overlaps(box_at(dy, chars)));
        let (dy, label) = match spot {
            Some(dy) => (dy, p.label.clone()),
            None => (0.0, p.mark.to_string()),
        };
        taken.insert(box_at(dy, label.chars().count()));
        text(page, x + 8.0, y + dy + 4.0, "start", "", &label);
    }
    page.push_str("</svg>\n</div>\n");
    if !plot.left_out.is_empty() {
        // A long list would bury the chart: it opens on demand.
        let _ = writeln!(
            page,
            "<details class=\"left-out\"><summary>Not drawn: {} with an unknown cost or length</summary><p>{}</p></details>",
            if plot.left_out.len() == 1 {
                "1 point".to_string()
            } else {
                format!("{} points", plot.left_out.len())
            },
            escape(&plot.left_out.join(", "))
        );
    }
}

/// One SVG text element, escaped.
fn svg_text(page: &mut String, x: f64, y: f64, anchor: &str, class: &str, s: &str) {
    let class = if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    };
    let _ = writeln!(
        page,
        "<text{class} x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\">{}</text>",
        escape(s)
    );
}

/// Gridlines at the ticks of both axes, with their labels, inside the frame (left, top, right,
/// bottom); the labels go into `taken` so that point labels keep clear of them.
fn gridlines(
    plot: &Plot,
    px: &dyn Fn(f64) -> f64,
    py: &dyn Fn(f64) -> f64,
    (left, top, right, bottom): (f64, f64, f64, f64),
    taken: &mut Occupied,
    page: &mut String,
) {
    for (x, label) in &plot.x_ticks {
        let x = px(*x);
        let _ = writeln!(
            page,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{bottom}\"/>"
        );
        svg_text(page, x, bottom + 18.0, "middle", "tick", label);
        let half = 3.4 * label.chars().count() as f64;
        taken.insert((x - half, bottom + 6.0, x + half, bottom + 22.0));
    }
    for (y, label) in &plot.y_ticks {
        let y = py(*y);
        let _ = writeln!(
            page,
            "<line class=\"grid\" x1=\"{left}\" y1=\"{y:.1}\" x2=\"{right}\" y2=\"{y:.1}\"/>"
        );
        svg_text(page, left - 8.0, y + 4.0, "end", "tick", label);
    }
}

/// The front joined through its points; the line is in the way of labels, so small boxes go
/// into `taken` every few pixels along it.
fn front_line(
    plot: &Plot,
    px: &dyn Fn(f64) -> f64,
    py: &dyn Fn(f64) -> f64,
    taken: &mut Occupied,
    page: &mut String,
) {
    if plot.front_line.len() < 2 {
        return;
    }
    let points: Vec<(f64, f64)> = plot.front_line.iter().map(|&(x, y)| (px(x), py(y))).collect();
    let joined: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
    let _ = writeln!(page, "<polyline class=\"line\" points=\"{}\"/>", joined.join(" "));
    for pair in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        let steps = (libm::hypot(x1 - x0, y1 - y0) / 6.0).ceil().max(1.0) as usize;
        for k in 0..=steps {
            let t = k as f64 / steps as f64;
            let (x, y) = (x0 + t * (x1 - x0), y0 + t * (y1 - y0));
            taken.insert((x - 2.0, y - 2.0, x + 2.0, y + 2.0));
        }
    }
}

/// A box on the plot: left, top, right, bottom, in pixels.
type Box = (f64, f64, f64, f64);

/// The boxes already drawn, bucketed by the cells of a coarse grid so that asking whether a
/// place is free looks at a few boxes, not all of them: placing labels stays linear in the
/// points. A cell that holds `CELL_CAPACITY` boxes counts as full: past that nothing more
/// could be read there anyway.
struct Occupied {
    columns: usize,
    rows: usize,
    cells: Vec<Vec<Box>>,
}

/// The grid's cell, in pixels.
const CELL: (f64, f64) = (40.0, 20.0);
/// The most boxes a cell keeps.
const CELL_CAPACITY: usize = 8;

impl Occupied {
    fn new(width: f64, height: f64) -> Self {
        let columns = (width / CELL.0).ceil() as usize + 2;
        let rows = (height / CELL.1).ceil() as usize + 2;
        Occupied {
            columns,
            rows,
            cells: vec![Vec::new(); columns * rows],
        }
    }

    /// The cells `b` covers (clamped to the grid).
    fn cells_of(&self, b: Box) -> impl Iterator<Item = usize> + use<> {
        let column = |x: f64, n: usize| ((x / CELL.0).floor().max(0.0) as usize).min(n - 1);
        let row = |y: f64, n: usize| ((y / CELL.1).floor().max(0.0) as usize).min(n - 1);
        let (c0, c1) = (column(b.0, self.columns), column(b.2, self.columns));
        let (r0, r1) = (row(b.1, self.rows), row(b.3, self.rows));
        let columns = self.columns;
        (r0..=r1).flat_map(move |r| (c0..=c1).map(move |c| r * columns + c))
    }

    fn insert(&mut self, b: Box) {
        for i in self.cells_of(b) {
            if self.cells[i].len() < CELL_CAPACITY {
                self.cells[i].push(b);
            }
        }
    }

    fn overlaps(&self, b: Box) -> bool {
        self.cells_of(b).any(|i| {
            let cell = &self.cells[i];
            cell.len() >= CELL_CAPACITY
                || cell
                    .iter()
                    .any(|a| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_sort_by_their_value_low_end_then_high_end() {
        assert_eq!(sort_value("$6,000–7,000"), Some((6000.0, 7000.0)));
        assert_eq!(sort_value("$74,000 *"), Some((74000.0, 74000.0)));
        assert_eq!(sort_value("≥ $985.50"), Some((985.5, 985.5)));
        assert_eq!(sort_value("$16,000 to $19,000 ?"), Some((16000.0, 19000.0)));
        assert_eq!(sort_value("12–36 adv."), Some((12.0, 36.0)));
        assert_eq!(sort_value("-3 to 2.5"), Some((-3.0, 2.5)));
        assert_eq!(sort_value("NGN 1,799,688"), Some((1_799_688.0, 1_799_688.0)));
        assert_eq!(sort_value("?"), None);
        assert_eq!(sort_key("≥ $985.50", false), Some((1, 985.5, 985.5)));
        assert_eq!(
            sort_key("$16,000 to $19,000 ?", true),
            Some((1, 16000.0, 19000.0))
        );
        assert_eq!(sort_key("$6,000–7,000 *", false), Some((0, 6000.0, 7000.0)));
        assert_eq!(sort_key("12 to 48 ? adv.", true), Some((1, 12.0, 48.0)));
        assert_eq!(sort_key("$6,000–7,000 *", true), Some((0, 6500.0, 6500.0)));
        assert_eq!(sort_key("?", true), None);
        assert_eq!(sort_value("–"), None);
    }

    #[test]
    fn text_is_escaped_and_only_http_urls_become_links() {
        assert_eq!(
            escape("<b onclick='x'>&\""),
            "&lt;b onclick=&#39;x&#39;&gt;&amp;&quot;"
        );
        assert_eq!(
            cell("see https://example.org/a?b=1&c=2 now"),
            "see <a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">https://example.org/a?b=1&amp;c=2</a> now"
        );
        assert_eq!(cell("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(cell("a\nb"), "a<br>b");
    }
}
