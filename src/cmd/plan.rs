//! `plan`: every route to a degree for one learner, cheapest first, the front marked.

use std::io::Write;

use super::{Context, CostMonths, count, front_legend, high, low, programs_named, provenance, with_removed};
use crate::catalog::{Amount, Catalog, Grants, Program};
use crate::chart::Scale;
use crate::plan::{self, PlanRequest, Route};
use crate::render::plot::{Plot, PlotPoint};
use crate::render::{self, Column, Entry, Grid, Report, Row, text};
use anyhow::Result;

/// Prints the routes `request` keeps.
pub fn run(
    request: &PlanRequest,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    programs_named(catalog, &request.filter.toward)?;
    let plan = plan::plan(catalog, &ctx.money, request)?;
    let mut grid = Grid::new([
        Column::figure("#"),
        Column::text("Route"),
        Column::figure("Total cost"),
        Column::figure("Months"),
        Column::figure("Saving"),
        Column::figure("Months saved"),
    ]);
    let any_stale = plan
        .routes
        .iter()
        .flat_map(programs)
        .any(|p| p.is_stale(ctx.today));
    let first = if plan.routes.len() < plan.matched {
        format!("{} of {} shown", plan.routes.len(), count(plan.matched, "route"))
    } else {
        count(plan.matched, "route")
    };
    grid.footer = vec![
        with_removed(first, plan.removed),
        front_legend(plan.matched, "route"),
        "saving: against the degree alone".into(),
        "credential months at the advertised pace unless --hours-per-week; aid applies to the credential only".into(),
        provenance(catalog, ctx, any_stale),
    ];
    if plan.routes.is_empty() {
        let _ = writeln!(
            err,
            "note: no route matches; widen the filters or raise --budget / --max-months"
        );
    }
    let report = Report {
        entries: plan.routes.iter().enumerate().map(|(i, route)| Ranked {
            rank: i + 1,
            route,
            catalog,
            ctx,
        }),
        layout: grid,
        single: false,
        title: "plan".into(),
        plot: Some(route_plot(&plan.routes, &ctx.money.display)),
    };
    render::report(report, ctx.format, ctx.style, out)?;
    Ok(())
}

/// The routes with known totals as points of total cost against total months, the front
/// joined; the others are listed under the plot.
fn route_plot(routes: &[Route], currency: &str) -> Plot {
    let known: Vec<(usize, f64, f64)> = routes
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, r.total_cost?.mid(), r.total_months?.mid())))
        .collect();
    let scale = Scale::of(&known.iter().map(|&(_, c, m)| (c, m)).collect::<Vec<_>>());
    let points = known
        .iter()
        .map(|&(i, cost, months)| PlotPoint {
            mark: char::from_digit(((i + 1) % 36) as u32, 36).unwrap_or('+'),
            label: format!("{} {}", i + 1, routes[i].id()),
            x: scale.x(cost),
            y: scale.y(months),
            front: routes[i].front,
        })
        .collect();
    let mut front: Vec<(f64, f64)> = known
        .iter()
        .filter(|&&(i, _, _)| routes[i].front)
        .map(|&(_, c, m)| (c, m))
        .collect();
    front.sort_by(|a, b| crate::front::along(*a, *b));
    let left_out = routes
        .iter()
        .filter(|r| r.total_cost.is_none() || r.total_months.is_none())
        .map(Route::id)
        .collect();
    // The table reads as a plan; the page shows the routes' trade-off too.
    Plot {
        in_terminal: false,
        ..Plot::axes(points, front, &scale, currency, left_out)
    }
}

fn programs<'a>(route: &'a Route) -> impl Iterator<Item = &'a Program> {
    route.credential.into_iter().chain([route.degree])
}

/// The route cell: what is taken, in order, and how the credential counts.
fn describe(route: &Route, catalog: &Catalog, ctx: &Context) -> String {
    let school = |p: &Program| {
        catalog
            .institution(&p.institution)
            .map_or(p.institution.clone(), |i| i.label().to_string())
    };
    let money = |a: Option<Amount>| text::money(a, &ctx.money.display);
    let front = if route.front { " ◆" } else { "" };
    let degree = route.degree;
    let Some(credential) = route.credential else {
        return format!(
            "{} ({}), directly{front}\n{}",
            degree.name,
            school(degree),
            degree.id
        );
    };
    let estimate = route.estimate.as_ref();
    let then = estimate.and_then(|e| e.then.as_ref());
    let how = match then.map(|t| (t.grants, t.share, t.computed)) {
        Some((Grants::Admission, _, _)) => "admission route, no credit".to_string(),
        Some((_, None, _)) => "credit of unknown share".to_string(),
        Some((_, Some(s), true)) => format!("~{} credit", text::share(Some(s))),
        Some((_, Some(s), false)) => format!("{} credit", text::share(Some(s))),
        None => String::new(),
    };
    let full = if then.is_some_and(|t| t.tuition == crate::catalog::Tuition::Full) {
        ", full tuition"
    } else {
        ""
    };
    format!(
        "{} ({}), then {} ({}){front}\n{}\n1. {} {}, {} mo; 2. rest of degree {}, {} mo ({how}{full})",
        credential.name,
        school(credential),
        degree.name,
        school(degree),
        route.id(),
        credential.id,
        money(estimate.and_then(|e| e.cost)),
        text::range(estimate.and_then(|e| e.months)),
        money(then.and_then(|t| t.cost)),
        text::range(then.and_then(|t| t.months)),
    )
}

/// One route with its place in the plan.
struct Ranked<'a> {
    rank: usize,
    route: &'a Route<'a>,
    catalog: &'a Catalog,
    ctx: &'a Context,
}

/// One step of a route: a program and what it costs and takes.
#[derive(Default, serde::Serialize)]
struct Step<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(flatten)]
    figures: CostMonths,
}

/// What `plan` prints for one route, keys as in the interface.
#[derive(Default, serde::Serialize)]
pub struct RouteRecord<'a> {
    rank: usize,
    route: String,
    degree: &'a str,
    credential: Option<&'a str>,
    grants: Option<&'static str>,
    #[serde(serialize_with = "render::optional_number")]
    share: Option<f64>,
    steps: Vec<Step<'a>>,
    #[serde(serialize_with = "render::optional_number")]
    total_cost_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    total_cost_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    total_months_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    total_months_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    direct_cost_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    direct_cost_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    saving_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    saving_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    months_saved_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    months_saved_max: Option<f64>,
    front: bool,
    unknown: Vec<String>,
}

fn step(program: &Program, cost: Option<Amount>, months: Option<Amount>) -> Step<'_> {
    Step {
        id: &program.id,
        name: &program.name,
        figures: CostMonths::new(cost, months),
    }
}

impl<'a> Entry for Ranked<'a> {
    type Record = RouteRecord<'a>;

    fn record(&self) -> RouteRecord<'a> {
        let route = self.route;
        let then = route.estimate.as_ref().and_then(|e| e.then.as_ref());
        let steps = match (&route.estimate, then) {
            (Some(e), Some(t)) => vec![
                step(route.credential.unwrap_or(route.degree), e.cost, e.months),
                step(route.degree, t.cost, t.months),
            ],
            _ => vec![step(route.degree, route.direct_cost, route.direct_months)],
        };
        RouteRecord {
            rank: self.rank,
            route: route.id(),
            degree: &route.degree.id,
            credential: route.credential.map(|c| c.id.as_str()),
            grants: then.map(|t| t.grants.as_str()),
            share: then.and_then(|t| t.share),
            steps,
            total_cost_min: low(route.total_cost),
            total_cost_max: high(route.total_cost),
            total_months_min: low(route.total_months),
            total_months_max: high(route.total_months),
            direct_cost_min: low(route.direct_cost),
            direct_cost_max: high(route.direct_cost),
            saving_min: low(route.saving),
            saving_max: high(route.saving),
            months_saved_min: low(route.months_saved),
            months_saved_max: high(route.months_saved),
            front: route.front,
            unknown: route.unknown(&self.ctx.money),
        }
    }

    fn rows(&self, rows: &mut Vec<Row>) {
        let (route, ctx) = (self.route, self.ctx);
        let money = |a: Option<Amount>| text::money(a, &ctx.money.display);
        rows.push(Row {
            cells: vec![
                self.rank.to_string(),
                describe(route, self.catalog, ctx),
                money(route.total_cost),
                text::range(route.total_months),
                money(route.saving),
                text::range(route.months_saved),
            ],
            dim: false,
            note: None,
        });
    }
}
