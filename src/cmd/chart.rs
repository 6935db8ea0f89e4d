//! `chart`: the programs `compare` would rank, as points of cost against months, with the
//! cost–time front marked and joined.

use std::io::Write;

use super::{Context, CostMonths, FRONT_LEGEND, count, provenance, with_removed};
use crate::catalog::{Amount, Catalog};
use crate::chart::{self, Chart, Scale};
use crate::money::Money;
use crate::rank::Comparison;
use crate::render::plot::{Plot, PlotPoint};
use crate::render::{self, Column, Entry, Grid, Report, Row, text};
use anyhow::Result;

const FIELDS: &[&str] = &[
    "mark",
    "id",
    "name",
    "cost",
    "months",
    "cost_min",
    "cost_max",
    "months_min",
    "months_max",
    "front",
];

/// Draws the programs `args` selects, in the order `compare` would rank them.
pub fn run(
    args: &Comparison,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    _err: &mut dyn Write,
) -> Result<()> {
    let super::compare::Ranking { ranked, removed, .. } = super::compare::ranking(args, catalog, ctx)?;
    let programs: Vec<_> = ranked.iter().map(|r| r.program).collect();
    let chart = chart::chart(&programs, &ctx.money);

    let mut grid = Grid::new([
        Column::word("Mark"),
        Column::text("Program"),
        Column::figure("Cost"),
        Column::figure("Months"),
        Column::word("Front"),
    ]);
    let first = format!(
        "{} drawn, {} not (cost or months unknown)",
        count(chart.points.len(), "program"),
        chart.unplaced.len()
    );
    grid.footer = vec![with_removed(first, removed), FRONT_LEGEND.to_string()];
    if chart.scale.log_cost {
        grid.footer.push(format!(
            "cost on a log scale: the costs span more than {} times",
            chart::LOG_SCALE_FROM
        ));
    }
    grid.footer.push(provenance(catalog, ctx, false));
    let report = Report {
        entries: chart.points.iter().map(|point| Drawn {
            point,
            money: &ctx.money,
        }),
        layout: grid,
        fields: FIELDS.to_vec(),
        single: false,
        title: "chart".into(),
        plot: Some(plot(&chart, &ctx.money.display)),
    };
    render::report(report, ctx.format, ctx.style, out)?;
    Ok(())
}

/// One drawn point and the rates its cost is shown in.
struct Drawn<'a> {
    point: &'a chart::Point<'a>,
    money: &'a Money,
}

/// What `chart` prints for one program.
#[derive(serde::Serialize)]
pub struct ChartRecord<'a> {
    mark: String,
    id: &'a str,
    name: &'a str,
    #[serde(serialize_with = "render::figure")]
    cost: f64,
    #[serde(serialize_with = "render::figure")]
    months: f64,
    #[serde(flatten)]
    figures: CostMonths,
    front: bool,
}

impl<'a> Entry for Drawn<'a> {
    type Record = ChartRecord<'a>;

    fn record(&self) -> ChartRecord<'a> {
        let (point, p) = (self.point, self.point.program);
        ChartRecord {
            mark: point.mark.to_string(),
            id: &p.id,
            name: &p.name,
            cost: point.cost,
            months: point.months,
            figures: CostMonths::new(self.money.cost_of(p), p.months),
            front: point.front,
        }
    }

    fn rows(&self, rows: &mut Vec<Row>) {
        let (point, p) = (self.point, self.point.program);
        rows.push(Row {
            cells: vec![
                point.mark.to_string(),
                format!("{}\n{}", p.name, p.id),
                text::money(self.money.cost_of(p), &self.money.display),
                text::range(p.months),
                if point.front { "◆".into() } else { String::new() },
            ],
            dim: false,
            note: None,
        });
    }
}

/// The chart as the renderers draw it: positions as fractions, axis ends as text.
pub fn plot(chart: &Chart, currency: &str) -> Plot {
    let points = chart
        .points
        .iter()
        .map(|p| PlotPoint {
            mark: p.mark,
            label: format!("{} {}", p.mark, p.program.id),
            x: chart.scale.x(p.cost),
            y: chart.scale.y(p.months),
            front: p.front,
        })
        .collect();
    let front_line = chart.front_line().iter().map(|p| (p.cost, p.months)).collect();
    let left_out = chart.unplaced.iter().map(|p| p.id.clone()).collect();
    axes(points, front_line, &chart.scale, currency, left_out)
}

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
        left_out,
        in_terminal: true,
    }
}
