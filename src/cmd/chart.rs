//! `chart`: the programs `compare` would rank, as points of cost against months, with the
//! cost–time front marked and joined.

use std::io::Write;

use super::{Context, CostMonths, cost_cell, count, front_legend, provenance, with_removed};
use crate::catalog::Catalog;
use crate::chart::{self, Chart};
use crate::money::Rate;
use crate::pace::Pace;
use crate::rank::{Comparison, Ranking};
use crate::render::plot::{Plot, PlotPoint};
use crate::render::{self, Column, Entry, Grid, Report, Row};
use anyhow::Result;

/// Draws the programs `args` selects, in the order `compare` would rank them.
pub fn run(
    args: &Comparison,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let Ranking {
        ranked,
        removed,
        matched,
    } = super::ranking(args, catalog, ctx)?;
    super::note_unmatched(catalog, &args.filter.universities, err);
    let chart = chart::chart(&ranked, &ctx.money);

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
    grid.footer = vec![with_removed(first, removed), front_legend(matched, "program")];
    if chart.scale.log_cost {
        grid.footer.push(format!(
            "cost on a log scale: the costs span more than {} times",
            chart::LOG_SCALE_FROM
        ));
    }
    grid.footer
        .push(provenance(catalog, ctx, chart.points.iter().map(|p| p.program)));
    let mut page = ctx.page_citing(catalog, "chart", chart.points.iter().map(|p| p.program));
    page.heading = "Cost against months".into();
    page.reading.push(super::FRONT_READING.into());
    let report = Report {
        entries: chart.points.iter().map(|point| Drawn {
            point,
            catalog,
            ctx,
            pace: args.filter.pace,
        }),
        layout: grid,
        single: false,
        page,
        plot: Some(plot(&chart, &ctx.money.display)),
    };
    render::report(report, ctx.format, ctx.style, out)?;
    Ok(())
}

/// One drawn point and the rates its cost is shown in.
struct Drawn<'a> {
    point: &'a chart::Point<'a>,
    catalog: &'a Catalog,
    ctx: &'a Context,
    /// The learner's pace, which the months follow where given.
    pace: Pace,
}

/// What `chart` prints for one program.
#[derive(Default, serde::Serialize)]
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
    status: &'static str,
    verified: Option<String>,
    stale: bool,
    corrected_by: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    rate: Option<&'a Rate>,
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
            figures: CostMonths::new(self.ctx.money.cost_of(p), crate::pace::months_at(p, self.pace)),
            front: point.front,
            status: p.status.as_str(),
            verified: p.oldest_check().map(|d| d.to_string()),
            stale: p.is_stale(self.ctx.today),
            corrected_by: self.catalog.corrections_of(&p.id),
            rate: self.ctx.money.rate(),
        }
    }

    fn rows(&self, rows: &mut Vec<Row>) {
        let (point, p) = (self.point, self.point.program);
        rows.push(Row {
            cells: vec![
                point.mark.to_string(),
                format!("{}{}\n{}", p.name, p.retired_mark(), p.id),
                cost_cell(p, self.ctx),
                super::paced_months_cell(p, self.pace, self.ctx),
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
            label: format!("{} {}{}", p.mark, p.program.id, p.program.retired_mark()),
            x: chart.scale.x(p.cost),
            y: chart.scale.y(p.months),
            front: p.front,
        })
        .collect();
    let front_line = chart.front_line().iter().map(|p| (p.cost, p.months)).collect();
    let left_out = chart.unplaced.iter().map(|p| p.id.to_string()).collect();
    Plot::axes(points, front_line, &chart.scale, currency, left_out)
}
