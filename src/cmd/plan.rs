//! `plan`: every route to a degree for one learner, cheapest first, the front marked.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value};

use super::{Context, count, programs_named, provenance, with_removed};
use crate::catalog::{Amount, Catalog, Grants, Program};
use crate::chart::Scale;
use crate::plan::{self, PlanRequest, Route};
use crate::render::plot::{Plot, PlotPoint};
use crate::render::{self, Document, Grid, text};

/// The fields of a route record, in order.
const ROUTE_FIELDS: &[&str] = &[
    "rank",
    "route",
    "degree",
    "credential",
    "grants",
    "share",
    "steps",
    "total_cost_min",
    "total_cost_max",
    "total_months_min",
    "total_months_max",
    "direct_cost_min",
    "direct_cost_max",
    "saving_min",
    "saving_max",
    "months_saved_min",
    "months_saved_max",
    "front",
    "unknown",
];

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
    let mut grid = Grid::new(
        &["#", "Route", "Total cost", "Months", "Saving", "Months saved"],
        &[0, 2, 3, 4, 5],
        &[1],
    );
    let mut records = Vec::with_capacity(plan.routes.len());
    let mut any_stale = false;
    for (i, route) in plan.routes.iter().enumerate() {
        any_stale |= programs(route).any(|p| p.is_stale(ctx.today));
        records.push(record(i + 1, route, ctx));
        let money = |a: Option<Amount>| text::money(a, &ctx.money.display);
        grid.push(
            vec![
                (i + 1).to_string(),
                describe(route, catalog, ctx),
                money(route.total_cost),
                text::range(route.total_months),
                money(route.saving),
                text::range(route.months_saved),
            ],
            false,
        );
    }
    let first = if plan.routes.len() < plan.matched {
        format!("{} of {} shown", plan.routes.len(), count(plan.matched, "route"))
    } else {
        count(plan.matched, "route")
    };
    grid.footer = vec![
        with_removed(first, plan.removed),
        "◆ on the cost–time front: no other route here is both no dearer and no slower; saving: against the degree alone".into(),
        "credential months at the advertised pace unless --hours-per-week; aid applies to the credential only".into(),
        provenance(catalog, ctx, any_stale),
    ];
    if plan.routes.is_empty() {
        let _ = writeln!(
            err,
            "note: no route matches; widen the filters or raise --budget / --max-months"
        );
    }
    let document = Document {
        records,
        fields: ROUTE_FIELDS.to_vec(),
        single: false,
        grid,
        title: "plan".into(),
        plot: Some(route_plot(&plan.routes, &ctx.money.display)),
        ..Document::default()
    };
    render::write(document, ctx.format, ctx.style, out)?;
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
    front.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let left_out = routes
        .iter()
        .filter(|r| r.total_cost.is_none() || r.total_months.is_none())
        .map(Route::id)
        .collect();
    // The table reads as a plan; the page shows the routes' trade-off too.
    Plot {
        in_terminal: false,
        ..super::chart::axes(points, front, &scale, currency, left_out)
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

fn put(record: &mut Map<String, Value>, prefix: &str, amount: Option<Amount>) {
    record.insert(format!("{prefix}_min"), render::maybe(amount.map(|a| a.min)));
    record.insert(format!("{prefix}_max"), render::maybe(amount.map(|a| a.max)));
}

fn step(program: &Program, cost: Option<Amount>, months: Option<Amount>) -> Value {
    let mut s = Map::new();
    s.insert("id".into(), program.id.clone().into());
    s.insert("name".into(), program.name.clone().into());
    put(&mut s, "cost", cost);
    put(&mut s, "months", months);
    Value::Object(s)
}

/// The JSON record of one route, keys as in the interface.
fn record(rank: usize, route: &Route, ctx: &Context) -> Map<String, Value> {
    let mut r = Map::new();
    r.insert("rank".into(), rank.into());
    r.insert("route".into(), route.id().into());
    r.insert("degree".into(), route.degree.id.clone().into());
    r.insert(
        "credential".into(),
        route.credential.map_or(Value::Null, |c| c.id.clone().into()),
    );
    let then = route.estimate.as_ref().and_then(|e| e.then.as_ref());
    r.insert(
        "grants".into(),
        then.map_or(Value::Null, |t| t.grants.as_str().into()),
    );
    r.insert("share".into(), render::maybe(then.and_then(|t| t.share)));
    let steps = match (&route.estimate, then) {
        (Some(e), Some(t)) => vec![
            step(route.credential.unwrap_or(route.degree), e.cost, e.months),
            step(route.degree, t.cost, t.months),
        ],
        _ => vec![step(route.degree, route.direct_cost, route.direct_months)],
    };
    r.insert("steps".into(), steps.into());
    put(&mut r, "total_cost", route.total_cost);
    put(&mut r, "total_months", route.total_months);
    put(&mut r, "direct_cost", route.direct_cost);
    put(&mut r, "saving", route.saving);
    put(&mut r, "months_saved", route.months_saved);
    r.insert("front".into(), route.front.into());
    r.insert("unknown".into(), route.unknown(&ctx.money).into());
    r
}
