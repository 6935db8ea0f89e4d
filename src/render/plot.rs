//! A scatter plot of cost against months, drawn in characters for a terminal (SVG for a page is
//! in `html.rs`). Every position is already a fraction of its axis; this module only draws.

use std::io::{self, Write};

use super::Style;
use super::text;
use crate::catalog::Amount;
use crate::chart::Scale;

/// One labelled point.
#[derive(Debug, Clone, PartialEq)]
pub struct PlotPoint {
    /// The mark it is drawn with in a terminal.
    pub mark: char,
    /// What it is called on the page (a program id or a route).
    pub label: String,
    /// Across, from 0 (cheapest) to 1 (dearest).
    pub x: f64,
    /// Up, from 0 (quickest) to 1 (longest).
    pub y: f64,
    pub front: bool,
}

/// What a plot shows: the points, the front joined, axis ends, and what could not be drawn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plot {
    pub points: Vec<PlotPoint>,
    /// The front's points as (x, y), in order along the line.
    pub front_line: Vec<(f64, f64)>,
    /// The axis titles (`cost (USD, log scale)`, `months`).
    pub x_title: String,
    pub y_title: String,
    /// Labels at the ends of each axis: (low, high).
    pub x_ends: (String, String),
    pub y_ends: (String, String),
    /// Ticks along each axis: (where, from 0 to 1; label). A page draws them with gridlines;
    /// a log cost axis has them at 1-2-5 steps.
    pub x_ticks: Vec<(f64, String)>,
    pub y_ticks: Vec<(f64, String)>,
    /// What could not be drawn, and why (listed under the plot).
    pub left_out: Vec<String>,
    /// Whether a terminal table draws it too (a chart), or only a page (a plan's routes).
    pub in_terminal: bool,
}

impl Plot {
    /// A plot of `points` on `scale`, the front joined through `front_line` ((cost, months), in
    /// order), with its axes titled and their ends labelled in `currency` and months.
    pub fn axes(
        points: Vec<PlotPoint>,
        front_line: Vec<(f64, f64)>,
        scale: &Scale,
        currency: &str,
        left_out: Vec<String>,
    ) -> Plot {
        let money = |v: f64| text::money(Some(Amount::exact(v)), currency);
        let log = if scale.log_cost { ", log scale" } else { "" };
        Plot {
            points,
            front_line: front_line
                .into_iter()
                .map(|(c, m)| (scale.x(c), scale.y(m)))
                .collect(),
            x_title: format!("cost ({currency}{log}) →"),
            y_title: "months ↑".into(),
            x_ends: (money(scale.cost_range.0), money(scale.cost_range.1)),
            y_ends: (
                text::short(scale.months_range.0),
                text::short(scale.months_range.1),
            ),
            x_ticks: ticks(scale.cost_range, scale.log_cost)
                .into_iter()
                .map(|v| (scale.x(v), money(v)))
                .collect(),
            y_ticks: ticks(scale.months_range, false)
                .into_iter()
                .map(|v| (scale.y(v), text::short(v)))
                .collect(),
            left_out,
            in_terminal: true,
        }
    }
}

/// Round values to mark along an axis from `low` to `high`: at 1, 2 and 5 times each power of
/// ten on a log axis (where that gives at least two), else about five at a step of 1, 2 or 5
/// times a power of ten.
pub fn ticks((low, high): (f64, f64), log: bool) -> Vec<f64> {
    if !(low.is_finite() && high.is_finite()) || high <= low {
        return Vec::new();
    }
    if log && low > 0.0 {
        let mut marks = Vec::new();
        let mut decade = 10f64.powi(libm::log10(low).floor() as i32);
        while decade <= high {
            for m in [1.0, 2.0, 5.0] {
                let v = decade * m;
                if v >= low && v <= high {
                    marks.push(v);
                }
            }
            decade *= 10.0;
        }
        if marks.len() >= 2 {
            return marks;
        }
    }
    let rough = (high - low) / 5.0;
    let power = 10f64.powi(libm::log10(rough).floor() as i32);
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&s| s >= rough)
        .unwrap_or(10.0 * power);
    let mut marks = Vec::new();
    let mut v = (low / step).ceil() * step;
    while v <= high + step * 1e-9 {
        marks.push(v);
        v += step;
    }
    marks
}

/// The plot's height in rows.
const ROWS: usize = 16;

/// Draws `plot` in characters, `style.width` wide: marks for points, dots joining the front,
/// the axes with their ends, and the programs left out. Readable without colour; with colour
/// the front's marks are bold.
pub fn write(plot: &Plot, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let width = usize::from(style.width);
    let margin = plot.y_ends.0.chars().count().max(plot.y_ends.1.chars().count()) + 1;
    let columns = width.saturating_sub(margin).max(10);
    let mut grid = vec![vec![' '; columns]; ROWS];
    let cell = |x: f64, y: f64| {
        let column = (x * (columns - 1) as f64).round() as usize;
        let row = ((1.0 - y) * (ROWS - 1) as f64).round() as usize;
        (row.min(ROWS - 1), column.min(columns - 1))
    };
    for pair in plot.front_line.windows(2) {
        let ((r0, c0), (r1, c1)) = (cell(pair[0].0, pair[0].1), cell(pair[1].0, pair[1].1));
        let steps = r0.abs_diff(r1).max(c0.abs_diff(c1)).max(1);
        for s in 0..=steps {
            let t = s as f64 / steps as f64;
            let r = (r0 as f64 + (r1 as f64 - r0 as f64) * t).round() as usize;
            let c = (c0 as f64 + (c1 as f64 - c0 as f64) * t).round() as usize;
            grid[r][c] = if style.ascii { '.' } else { '·' };
        }
    }
    for point in &plot.points {
        let (r, c) = cell(point.x, point.y);
        grid[r][c] = if matches!(grid[r][c], ' ' | '·' | '.') {
            point.mark
        } else {
            '+'
        };
    }
    let fronts: Vec<char> = plot.points.iter().filter(|p| p.front).map(|p| p.mark).collect();
    writeln!(out, "{}", text::plain(&plot.y_title))?;
    for (i, row) in grid.iter().enumerate() {
        let label = match i {
            0 => plot.y_ends.1.as_str(),
            _ if i == ROWS - 1 => plot.y_ends.0.as_str(),
            _ => "",
        };
        let mut line: String = row.iter().collect::<String>().trim_end().to_string();
        if style.color {
            line = line
                .chars()
                .map(|c| {
                    if fronts.contains(&c) {
                        format!("\u{1b}[1m{c}\u{1b}[0m")
                    } else {
                        c.to_string()
                    }
                })
                .collect();
        }
        let axis = if style.ascii { '|' } else { '│' };
        writeln!(out, "{label:>width$}{axis}{line}", width = margin - 1)?;
    }
    // A terminal that cannot draw lines (`TERM=dumb`) gets ASCII axes, as it gets ASCII rules.
    let (corner, rule) = if style.ascii { ("+", "-") } else { ("└", "─") };
    writeln!(
        out,
        "{:>width$}{corner}{}",
        "",
        rule.repeat(columns),
        width = margin - 1
    )?;
    let (low, high) = (&plot.x_ends.0, &plot.x_ends.1);
    let gap = columns
        .saturating_sub(low.chars().count() + high.chars().count())
        .max(1);
    writeln!(
        out,
        "{:>width$} {low}{}{high}",
        "",
        " ".repeat(gap),
        width = margin - 1
    )?;
    writeln!(
        out,
        "{:>width$} {}",
        "",
        text::plain(&plot.x_title),
        width = margin - 1
    )?;
    if !plot.left_out.is_empty() {
        let line = format!("not drawn: {}", plot.left_out.join(", "));
        for part in super::table::wrap(&text::plain(&line), width) {
            writeln!(out, "{part}")?;
        }
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_fall_at_1_2_5_steps() {
        assert_eq!(
            ticks((357.0, 74_000.0), true),
            [500.0, 1000.0, 2000.0, 5000.0, 10_000.0, 20_000.0, 50_000.0]
        );
        assert_eq!(ticks((3.7, 21.0), false), [5.0, 10.0, 15.0, 20.0]);
        assert_eq!(ticks((0.0, 100.0), false), [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert!(ticks((5.0, 5.0), false).is_empty());
    }

    fn point(mark: char, x: f64, y: f64, front: bool) -> PlotPoint {
        PlotPoint {
            mark,
            label: mark.to_string(),
            x,
            y,
            front,
        }
    }

    #[test]
    fn points_land_in_their_cells_and_the_front_is_joined() {
        let plot = Plot {
            points: vec![
                point('a', 0.0, 1.0, true),
                point('b', 1.0, 0.0, true),
                point('c', 1.0, 1.0, false),
            ],
            front_line: vec![(0.0, 1.0), (1.0, 0.0)],
            x_title: "cost".into(),
            y_title: "months".into(),
            x_ends: ("$1".into(), "$9".into()),
            y_ends: ("1".into(), "9".into()),
            left_out: vec!["z (cost unknown)".into()],
            x_ticks: Vec::new(),
            y_ticks: Vec::new(),
            in_terminal: true,
        };
        let mut out = Vec::new();
        write(
            &plot,
            Style {
                color: false,
                width: 30,
                ascii: false,
            },
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "months");
        assert!(
            lines[1].starts_with("9│a") && lines[1].ends_with('c'),
            "{}",
            lines[1]
        );
        assert!(
            lines[16].starts_with("1│") && lines[16].ends_with('b'),
            "{}",
            lines[16]
        );
        assert!(lines[8].contains('·'), "the front is joined: {}", lines[8]);
        assert!(
            text.contains(&format!(
                "
  $1{}$9
",
                " ".repeat(24)
            )),
            "the ends sit under the ends of the axis: {text}"
        );
        assert!(text.contains("not drawn: z (cost unknown)"));
        assert!(lines.iter().all(|l| l.chars().count() <= 30), "{text}");
    }
}
