//! `plan`: every route to a degree for one learner, cheapest first, the front marked.

use std::fmt::Write as _;
use std::io::Write;

use super::{
    ADVERTISED_LEGEND, BOUNDS_LEGEND, Context, LIMIT_LEGEND, MoneyRecord, StepRecord, TotalsRecord, count,
    front_legend, high, low, pace_marked, provenance, with_removed,
};
use crate::catalog::{Catalog, Grants, Program, Tuition};
use crate::chart::Scale;
use crate::money::Rate;
use crate::plan::{self, Fit, PlanRequest, Planned};
use crate::render::plot::{Plot, PlotPoint};
use crate::render::{self, Column, Entry, Grid, Report, Row, text};
use crate::route::{Route, Step, Taken};
use crate::schedule::Finances;
use anyhow::Result;

/// Prints the routes `request` keeps.
pub fn run(
    request: &PlanRequest,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    super::degrees_named(catalog, &request.filter.toward)?;
    super::note_unmatched(catalog, &request.filter.universities, err);
    let finances = request.learner.finances;
    let plan = plan::plan(catalog, &ctx.money, request, super::start_of(&finances, ctx));
    let paced = request.learner.pace.given();
    let mut grid = Grid::new([
        Column::figure("#"),
        Column::text("Route"),
        Column::figure("Total cost").by_middle(),
        Column::figure("Months").by_middle(),
    ]);
    // What the footer says of the steps, from what the plan kept of each route; JSON and CSV
    // print no footer, and do not pay for it.
    let (mut advertised, mut over_limit) = (false, false);
    let mut programs: Vec<&Program> = Vec::new();
    let footed = matches!(
        ctx.format,
        render::Format::Table | render::Format::Markdown | render::Format::Html
    );
    for planned in plan.routes.iter().filter(|_| footed) {
        advertised |= planned.advertised;
        over_limit |= planned.over_limit;
        programs.extend(planned.programs());
    }
    let first = if plan.routes.len() < plan.matched {
        format!("{} of {} shown", plan.routes.len(), count(plan.matched, "route"))
    } else {
        count(plan.matched, "route")
    };
    grid.footer = vec![
        with_removed(first, plan.removed),
        front_legend(plan.matched, "route"),
        "may fit: an unknown part may take it past --budget or --max-months".into(),
        "months at your pace in every step where the catalogue has what it needs (--hours-per-week, --courses-per-term); aid applies to each step up to what its program lists".into(),
    ];
    if plan
        .routes
        .iter()
        .any(|r| !r.total_cost.exact || !r.total_months.exact)
    {
        grid.footer.push(BOUNDS_LEGEND.into());
    }
    if paced && advertised {
        grid.footer.push(ADVERTISED_LEGEND.into());
    }
    if over_limit {
        grid.footer.push(LIMIT_LEGEND.into());
    }
    if finances.given() {
        grid.footer.push(super::EMPLOYER_NOTE.into());
    }
    grid.footer.push(provenance(catalog, ctx, programs));
    if plan.routes.is_empty() {
        let _ = writeln!(err, "note: {}", empty_note(request));
    }
    let page = if ctx.format == render::Format::Html {
        report_page(request, &plan.routes, catalog, ctx)
    } else {
        render::Page::default()
    };
    let report = Report {
        entries: plan.routes.iter().enumerate().map(|(i, planned)| Ranked {
            rank: i + 1,
            planned,
            catalog,
            ctx,
            paced,
            finances,
        }),
        layout: grid,
        single: false,
        page,
        // Only a page draws it (`in_terminal` is false): other formats do not pay for a label
        // for every route.
        plot: (ctx.format == render::Format::Html).then(|| route_plot(&plan.routes, &ctx.money.display)),
    };
    render::report(report, ctx.format, ctx.style, out)?;
    Ok(())
}

/// The question a plan answers, in words: "Routes to a degree in data or analytics at 8 hours
/// a week".
fn question(request: &PlanRequest, catalog: &Catalog, ctx: &Context) -> String {
    let f = &request.filter;
    let mut words = String::from("Routes to ");
    if f.toward.is_empty() {
        words.push_str("a degree");
    } else {
        let names: Vec<&str> = f
            .toward
            .iter()
            .map(|id| catalog.program(id).map_or(id.as_str(), |p| p.name.as_str()))
            .collect();
        words.push_str(&names.join(" or "));
    }
    if !f.subjects.is_empty() {
        let _ = write!(words, " in {}", f.subjects.join(" or "));
    }
    if !f.universities.is_empty() {
        let _ = write!(words, " at {}", f.universities.join(" or "));
    }
    let pace = request.learner.pace;
    if let Some(h) = pace.hours_per_week {
        let _ = write!(words, " at {} hours a week", text::short(h));
    }
    if let Some(c) = pace.courses_per_term {
        let _ = write!(words, " at {c} course{} a term", if c == 1 { "" } else { "s" });
    }
    if let Some(budget) = request.budget {
        let _ = write!(
            words,
            " within {}",
            text::money(Some(crate::catalog::Amount::exact(budget)), &ctx.money.display)
        );
    }
    words
}

/// One route in a sentence: its name and its total cost and months.
fn in_words(planned: &Planned, ctx: &Context) -> String {
    let route = planned.route();
    let names: Vec<String> = route.steps.iter().map(|s| s.taken.name().to_string()).collect();
    let how = if route.is_direct() { ", directly" } else { "" };
    format!(
        "{}{how} (`{}`): {} in {} months",
        names.join(", then "),
        route.id(),
        text::money_bounds(route.total_cost, &ctx.money.display),
        text::months_bounds(route.total_months)
    )
}

/// The report page of a plan: the question, the learner's inputs, the answer first (the
/// cheapest and the fastest route on the front), the sources of every step, how to read it.
fn report_page(request: &PlanRequest, routes: &[Planned], catalog: &Catalog, ctx: &Context) -> render::Page {
    let programs: Vec<&Program> = routes
        .iter()
        .flat_map(|r| r.route().steps)
        .filter_map(|s| s.taken.program())
        .collect();
    let mut page = ctx.page_citing(catalog, "plan", programs);
    page.heading = question(request, catalog, ctx);
    let f = &request.filter;
    let mut asked = Vec::new();
    if !f.subjects.is_empty() {
        asked.push(("subjects".to_string(), f.subjects.join(", ")));
    }
    if !f.toward.is_empty() {
        asked.push(("toward".to_string(), f.toward.join(", ")));
    }
    if let Some(budget) = request.budget {
        asked.push((
            "budget".to_string(),
            text::money(Some(crate::catalog::Amount::exact(budget)), &ctx.money.display),
        ));
    }
    if let Some(months) = request.max_months {
        asked.push(("at most".to_string(), format!("{} months", text::short(months))));
    }
    page.inputs.extend(asked);
    page.inputs
        .extend(super::learner_inputs(&request.learner, catalog, ctx));
    let front: Vec<&Planned> = routes.iter().filter(|r| r.front).collect();
    let by = |key: fn(&Planned) -> f64| front.iter().copied().min_by(|a, b| key(a).total_cmp(&key(b)));
    let cheapest = by(|r| r.total_cost.low);
    let fastest = by(|r| r.total_months.low);
    match (cheapest, fastest) {
        (Some(c), Some(q)) if std::ptr::eq(c, q) => {
            page.answer.push(format!(
                "The cheapest and the quickest route on the cost–time front: {}.",
                in_words(c, ctx)
            ));
        }
        (Some(c), Some(q)) => {
            page.answer
                .push(format!("Cheapest on the front: {}.", in_words(c, ctx)));
            page.answer
                .push(format!("Quickest on the front: {}.", in_words(q, ctx)));
        }
        _ if routes.is_empty() => page.answer.push(format!("No route: {}.", empty_note(request))),
        _ => page
            .answer
            .push("No route has a known cost and length, so none is on the front.".into()),
    }
    if routes.iter().any(|r| r.schedule.is_some()) {
        page.answer.push(
            "Each route's payments, the employer's part and when it pays back are under its name in the table."
                .into(),
        );
    }
    page.reading.push(super::FRONT_READING.into());
    page.reading.push("Routes are sorted cheapest first (or as --sort asks); a figure with ≥ is a lower bound because a part of the route is unknown, and \"a to b ?\" gives the bounds that are known. Click a column's header to sort by it.".into());
    page
}

/// Why no route was listed, naming only the options that were given.
fn empty_note(request: &PlanRequest) -> String {
    let f = &request.filter;
    let mut given = Vec::new();
    for (set, flag) in [
        (!f.subjects.is_empty(), "--subject"),
        (!f.universities.is_empty(), "--university"),
        (!f.toward.is_empty(), "--toward"),
        (!f.kinds.is_empty(), "--kind"),
        (f.pacing.is_some(), "--pacing"),
        (request.budget.is_some(), "--budget"),
        (request.max_months.is_some(), "--max-months"),
    ] {
        if set {
            given.push(flag);
        }
    }
    if given.is_empty() {
        "no route matches".into()
    } else {
        format!("no route matches; widen {}", given.join(", "))
    }
}

/// The routes with known totals as points of total cost against total months, the front
/// joined; the others are listed under the plot.
fn route_plot(routes: &[Planned], currency: &str) -> Plot {
    let known: Vec<(usize, f64, f64)> = routes
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, r.total_cost.amount()?.mid(), r.total_months.amount()?.mid())))
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
        .filter(|r| r.total_cost.amount().is_none() || r.total_months.amount().is_none())
        .map(Planned::id)
        .collect();
    // The table reads as a plan; the page shows the routes' trade-off too.
    Plot {
        in_terminal: false,
        ..Plot::axes(points, front, &scale, currency, left_out)
    }
}

/// The route cell: what is taken, in order, and how each step counts toward the next.
fn describe(
    planned: &Planned,
    route: &Route,
    catalog: &Catalog,
    ctx: &Context,
    paced: bool,
    finances: &Finances,
) -> String {
    let over_time = planned.schedule.as_deref().map_or(String::new(), |s| {
        format!("\n{}", super::money_line(s, finances, &ctx.money.display))
    });
    // The school a step is taken at, written at the end of `out`.
    let school = |out: &mut String, taken: Taken| match taken {
        Taken::Program(p) => match catalog.institution(&p.institution) {
            Some(i) => out.push_str(i.label()),
            None => out.push_str(&p.institution),
        },
        Taken::Described { at, .. } => out.push_str(at.unwrap_or("outside the catalogue")),
    };
    let mut marks = String::new();
    if route.front {
        marks.push_str(" ◆");
    }
    if planned.fit == Fit::MayFit {
        marks.push_str(" (may fit)");
    }
    let mut out = String::with_capacity(256);
    if route.is_direct() {
        let degree = route.last().taken;
        out.push_str(degree.name());
        out.push_str(degree.program().map_or("", Program::retired_mark));
        out.push_str(" (");
        school(&mut out, degree);
        out.push_str("), directly");
        out.push_str(&marks);
        out.push('\n');
        out.push_str(&degree.label());
        out.push_str(&over_time);
        return out;
    }
    for (i, s) in route.steps.iter().enumerate() {
        if i > 0 {
            out.push_str(", then ");
        }
        out.push_str(s.taken.name());
        out.push_str(s.taken.program().map_or("", Program::retired_mark));
        out.push_str(" (");
        school(&mut out, s.taken);
        out.push(')');
    }
    out.push_str(&marks);
    out.push('\n');
    for (i, id) in route
        .steps
        .iter()
        .filter_map(|s| s.taken.program().map(|p| p.id.as_str()))
        .enumerate()
    {
        if i > 0 {
            out.push('>');
        }
        out.push_str(id);
    }
    out.push('\n');
    for (i, s) in route.steps.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&(i + 1).to_string());
        out.push_str(". ");
        match s.taken {
            Taken::Program(p) if i == 0 => out.push_str(&p.id),
            Taken::Program(p) if !p.kind.is_degree() => {
                out.push_str("rest of ");
                out.push_str(&p.id);
            }
            Taken::Program(_) | Taken::Described { .. } => out.push_str("rest of degree"),
        }
        out.push(' ');
        out.push_str(&text::money_bounds(s.cost, &ctx.money.display));
        out.push_str(", ");
        out.push_str(&pace_marked(
            text::months_bounds(s.months),
            s.pace(),
            s.over_limit(),
            paced,
        ));
        out.push_str(" mo");
        if i > 0 {
            out.push_str(" (");
            out.push_str(&credit_words(s));
            out.push(')');
        }
    }
    let (saving, months) = (route.saving(), route.months_saved());
    if saving.is_some() || months.is_some() {
        out.push_str("\nagainst the degree alone: ");
        out.push_str(&text::saving(saving, &ctx.money.display));
        out.push_str(", ");
        out.push_str(&text::months_saved(months));
    }
    out.push_str(&over_time);
    out
}

/// How the step before counts toward `step`, in a few words.
fn credit_words(step: &Step) -> String {
    let Some(via) = step.via else { return String::new() };
    let mut words = match (via.grants, step.share) {
        (Grants::Admission, _) => "admission route, no credit".to_string(),
        (_, None) => "credit of unknown share".to_string(),
        (_, Some(s)) if via.credits.is_some() => format!("~{} credit", text::share(Some(s))),
        (_, Some(s)) => format!("{} credit", text::share(Some(s))),
    };
    if via.tuition == Tuition::Full {
        words.push_str(", full tuition");
    }
    words
}

/// One route with its place in the plan.
struct Ranked<'a> {
    rank: usize,
    planned: &'a Planned<'a>,
    catalog: &'a Catalog,
    ctx: &'a Context,
    paced: bool,
    finances: Finances,
}

/// What `plan` prints for one route, keys as in the interface.
#[derive(Default, serde::Serialize)]
pub struct RouteRecord<'a> {
    rank: usize,
    route: String,
    /// `None` for a degree outside the catalogue (its name is in `degree_name`).
    degree: Option<&'a str>,
    degree_name: &'a str,
    credential: Option<&'a str>,
    grants: Option<&'static str>,
    #[serde(serialize_with = "render::optional_number")]
    share: Option<f64>,
    steps: Vec<StepRecord<'a>>,
    #[serde(flatten)]
    totals: TotalsRecord,
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
    /// `fits` or `may fit` (an unknown part may take it past the budget or months asked).
    fit: &'static str,
    unknown: Vec<String>,
    #[serde(flatten)]
    money: MoneyRecord,
    /// The files that corrected a program of the route, in order.
    corrected_by: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rate: Option<&'a Rate>,
}

impl<'a> Entry for Ranked<'a> {
    type Record = RouteRecord<'a>;
    /// A route's row is made from its steps, each made again from the catalogue.
    const COSTLY_ROWS: bool = true;

    fn record(&self) -> RouteRecord<'a> {
        let route: Route<'a> = self.planned.route();
        let last = route.last();
        let first = route.steps.first().and_then(|s| s.taken.program());
        let (saving, months_saved) = (route.saving(), route.months_saved());
        RouteRecord {
            rank: self.rank,
            route: route.id(),
            degree: last.taken.program().map(|p| p.id.as_str()),
            degree_name: last.taken.name(),
            credential: first.filter(|_| !route.is_direct()).map(|p| p.id.as_str()),
            grants: last.via.map(|p| p.grants.as_str()),
            share: last.via.and(last.share),
            steps: route.steps.iter().map(|s| StepRecord::new(s, self.ctx)).collect(),
            totals: TotalsRecord::new(&route),
            direct_cost_min: low(route.direct_cost),
            direct_cost_max: high(route.direct_cost),
            saving_min: low(saving),
            saving_max: high(saving),
            months_saved_min: low(months_saved),
            months_saved_max: high(months_saved),
            front: route.front,
            fit: match self.planned.fit {
                Fit::Fits => "fits",
                Fit::MayFit => "may fit",
            },
            unknown: route.unknown(&self.ctx.money),
            money: MoneyRecord::new(self.planned.schedule.as_deref()),
            corrected_by: route
                .steps
                .iter()
                .filter_map(|s| s.taken.program())
                .flat_map(|p| self.catalog.corrections_of(&p.id))
                .map(String::as_str)
                .collect(),
            rate: self.ctx.money.rate(),
        }
    }

    fn rows(&self, rows: &mut Vec<Row>) {
        let (route, ctx) = (self.planned.route(), self.ctx);
        let currency = ctx.money.display.as_str();
        let retired = self.planned.through_retired();
        let (advertised, over) = (self.planned.advertised, self.planned.over_limit);
        let months = text::months_bounds(route.total_months);
        let months = pace_marked(
            months,
            if advertised { "advertised" } else { "yours" },
            over,
            self.paced,
        );
        rows.push(Row {
            cells: vec![
                self.rank.to_string(),
                describe(
                    self.planned,
                    &route,
                    self.catalog,
                    ctx,
                    self.paced,
                    &self.finances,
                ),
                text::money_bounds(route.total_cost, currency),
                months,
            ],
            dim: retired,
            note: None,
        });
    }
}
