//! `estimate`: the cost and time of one program for this learner, and with `--then` of a route
//! through up to three programs, each counting toward the next.

use std::io::Write;

use super::{Context, CostMonths, MoneyRecord, StepRecord, TotalsRecord, high, low};
use crate::catalog::{Amount, Catalog, Figure, Pathway, PathwayKind, Program, Target, Tuition};
use crate::estimate::{self, CostBasis, Estimate, FeeKind, FeePart, Note, Request};
use crate::money::Rate;
use crate::pace::{Basis, Calendar};
use crate::render::{self, Align, Column, Entry, Grid, Report, Row, Wrap, text};
use crate::route::{Bounds, MAX_STEPS, Route, Step, Taken};
use crate::schedule::{self, Finances, Schedule};
use anyhow::{Result, bail};

/// Estimates each of `ids` for `request`: one program alone (then each program of `then` after
/// it), or several side by side, one column each (`then` takes one program).
pub fn run(
    ids: &[String],
    then: &[String],
    request: &Request,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    match ids {
        [id] => one(id, then, request, catalog, ctx, out, err),
        _ if !then.is_empty() => bail!(
            "--then follows one program: give one id with it, not {}",
            ids.len()
        ),
        _ => side_by_side(ids, request, catalog, ctx, out),
    }
}

/// Several programs' estimates, one column each, as `show` lays programs out; JSON an array.
fn side_by_side(
    ids: &[String],
    request: &Request,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
) -> Result<()> {
    let programs = super::programs_named(catalog, ids)?;
    let estimates = programs
        .iter()
        .map(|p| estimate::estimate(p, &ctx.money, request))
        .collect::<Result<Vec<_>>>()?;
    let finances = request.finances;
    let schedules: Vec<Option<Schedule>> = programs
        .iter()
        .map(|&p| {
            finances.given().then(|| {
                let route = Route::new(&[Taken::Program(p)], &[], &ctx.money, request);
                schedule::schedule(&route, &finances, super::start_of(&finances, ctx))
            })?
        })
        .collect();
    let entries: Vec<Estimated> = programs
        .iter()
        .zip(&estimates)
        .zip(&schedules)
        .map(|((&program, estimate), schedule)| Estimated {
            program,
            catalog,
            estimate,
            route: None,
            schedule: schedule.as_ref(),
            finances,
            ctx,
            paced: request.pace.given(),
            laid_out: false,
        })
        .collect();
    // Each program's rows, merged by label in the order they first appear.
    let columns: Vec<Vec<Row>> = entries
        .iter()
        .map(|e| {
            let mut rows = Vec::new();
            e.rows(&mut rows);
            rows
        })
        .collect();
    let mut labels: Vec<String> = Vec::new();
    for row in columns.iter().flatten() {
        if !labels.contains(&row.cells[0]) {
            labels.push(row.cells[0].clone());
        }
    }
    let header = std::iter::once(Column::word("")).chain(
        programs
            .iter()
            .map(|p| Column::new(p.id.clone(), Align::Right, Wrap::Words)),
    );
    let mut grid = Grid::new(header);
    for label in &labels {
        let mut cells = vec![label.clone()];
        for column in &columns {
            let value = column
                .iter()
                .find(|r| &r.cells[0] == label)
                .map_or(String::new(), |r| r.cells[1].clone());
            cells.push(value);
        }
        grid.push(cells, false);
    }
    grid.footer
        .push(super::provenance(catalog, ctx, programs.iter().copied()));
    let mut page = ctx.page_citing(catalog, "estimate", programs.iter().copied());
    if ctx.format == render::Format::Html {
        page.heading = format!(
            "What {} would cost you, and how long {} take",
            super::names(&programs),
            if programs.len() == 1 {
                "it would"
            } else {
                "each would"
            }
        );
        page.inputs.extend(super::learner_inputs(request, catalog, ctx));
        for (p, e) in programs.iter().zip(&estimates) {
            page.answer.push(answer_alone(p, e, ctx));
        }
    }
    let entries = entries.into_iter().map(|e| Estimated { laid_out: true, ..e });
    let report = Report::new(entries, grid, page);
    render::report(report, ctx.format, ctx.style, out)?;
    Ok(())
}

/// One program's estimate, then each program of `then` after the one before.
fn one(
    id: &str,
    then: &[String],
    request: &Request,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    _err: &mut dyn Write,
) -> Result<()> {
    let Some(program) = catalog.program(id) else {
        bail!("{}", catalog.unknown_program(id));
    };
    if then.len() >= MAX_STEPS {
        bail!(
            "a route takes at most {MAX_STEPS} programs: give --then at most {} times",
            MAX_STEPS - 1
        );
    }
    let estimate = estimate::estimate(program, &ctx.money, request)?;
    let route = if then.is_empty() {
        None
    } else {
        Some(route(program, then, catalog, ctx, request)?)
    };
    // Money over time, where the learner asked about it: the route, or the program alone.
    let finances = request.finances;
    let schedule = finances.given().then(|| {
        let start = super::start_of(&finances, ctx);
        match &route {
            Some(r) => schedule::schedule(r, &finances, start),
            None => schedule::schedule(
                &Route::new(&[Taken::Program(program)], &[], &ctx.money, request),
                &finances,
                start,
            ),
        }
    });
    let schedule = schedule.flatten();
    let report = Report {
        entries: std::iter::once(Estimated {
            program,
            catalog,
            estimate: &estimate,
            route: route.as_ref(),
            schedule: schedule.as_ref(),
            finances,
            ctx,
            paced: request.pace.given(),
            laid_out: false,
        }),
        layout: layout(
            &estimate,
            route.as_ref(),
            request.pace.given(),
            program,
            catalog,
            ctx,
            finances.given(),
        ),
        single: true,
        page: if ctx.format == render::Format::Html {
            report_page(
                program,
                &estimate,
                route.as_ref(),
                schedule.as_ref(),
                request,
                catalog,
                ctx,
            )
        } else {
            render::Page::default()
        },
        plot: None,
    };
    render::report(report, ctx.format, ctx.style, out)?;
    Ok(())
}

/// One program's estimate in a sentence.
fn answer_alone(program: &Program, estimate: &Estimate, ctx: &Context) -> String {
    format!(
        "{} (`{}`): you pay {} over {} months.",
        program.name,
        program.id,
        text::money(estimate.cost, &ctx.money.display),
        text::range(estimate.calendar.months)
    )
}

/// The report page of an estimate: the question, the learner's inputs, the answer first (what
/// the learner pays and when, the route against the degree alone, the payback and the
/// employer's part where asked), the sources of every step, how to read it.
fn report_page(
    program: &Program,
    estimate: &Estimate,
    route: Option<&Route>,
    schedule: Option<&Schedule>,
    request: &Request,
    catalog: &Catalog,
    ctx: &Context,
) -> render::Page {
    let steps: Vec<&Program> = match route {
        Some(r) => r.steps.iter().filter_map(|s| s.taken.program()).collect(),
        None => vec![program],
    };
    let mut page = ctx.page_citing(catalog, "estimate", steps.iter().copied());
    let names: Vec<&str> = steps.iter().map(|p| p.name.as_str()).collect();
    page.heading = match route {
        Some(_) => format!(
            "{}: what the route would cost you, and how long it would take",
            names.join(", then ")
        ),
        None => format!(
            "{}: what it would cost you, and how long it would take",
            program.name
        ),
    };
    page.inputs.extend(super::learner_inputs(request, catalog, ctx));
    let currency = &ctx.money.display;
    match route {
        Some(r) => {
            page.answer.push(format!(
                "{} (`{}`): {} in {} months.",
                names.join(", then "),
                r.id(),
                text::money_bounds(r.total_cost, currency),
                text::months_bounds(r.total_months)
            ));
            if r.saving().is_some() || r.months_saved().is_some() {
                page.answer.push(format!(
                    "Against the degree alone: {}, {}.",
                    text::saving(r.saving(), currency),
                    text::months_saved(r.months_saved())
                ));
            }
        }
        None => page.answer.push(answer_alone(program, estimate, ctx)),
    }
    if let Some(s) = schedule {
        page.answer
            .push(format!("{}.", super::money_line(s, &request.finances, currency)));
    }
    page.reading.push("The price is the program's advertised cost, or its fee parts at your pace where you give --courses-per-term; aid comes off up to what the program offers. The rest of a degree is its price less the share your credit covers. A * marks a figure checked over a year ago: check the program's page, linked under Sources, before deciding.".into());
    page
}

/// The route from `first` through the programs `then` names, each entered by its pathway from
/// the one before; a program with no pathway to the next is an error that lists its pathways.
fn route<'a>(
    first: &'a Program,
    then: &[String],
    catalog: &'a Catalog,
    ctx: &Context,
    request: &Request,
) -> Result<Route<'a>> {
    let mut taken = vec![Taken::Program(first)];
    let mut via = Vec::new();
    let mut before = first;
    for next_id in then {
        let Some(next) = catalog.program(next_id) else {
            bail!("{}", catalog.unknown_program(next_id));
        };
        let Some(path) = before.pathway_to(next_id) else {
            bail!("{}", no_pathway(before, next));
        };
        taken.push(Taken::Program(next));
        via.push(path);
        before = next;
    }
    Ok(Route::new(&taken, &via, &ctx.money, request))
}

/// Why `from` cannot count toward `to`, with the pathways it has.
fn no_pathway(from: &Program, to: &Program) -> String {
    // The catalogue programs it leads to can follow `--then`; those outside are counted, and
    // named in full only when few (`show --pathways` lists them all).
    let toward: Vec<String> = from
        .credit
        .iter()
        .filter_map(|p| p.toward().map(|id| format!("`{id}`")))
        .collect();
    let outside: Vec<String> = from
        .credit
        .iter()
        .filter_map(|p| match &p.target {
            Target::Program(_) => None,
            Target::Described { degree, at } => Some(match at {
                Some(at) => format!("{degree} at {at} (not in the catalogue)"),
                None => format!("{degree} (not in the catalogue)"),
            }),
        })
        .collect();
    let mut known = toward;
    if outside.len() <= 3 {
        known.extend(outside);
    } else {
        known.push(format!(
            "{} degrees outside the catalogue (`micromasters show --pathways {}` lists them)",
            outside.len(),
            from.id
        ));
    }
    let what = if to.kind.is_degree() {
        String::new()
    } else {
        format!(" (a {}, not a degree)", to.kind)
    };
    if known.is_empty() {
        format!(
            "`{}` lists no credit pathway, so it cannot count toward `{}`{what}",
            from.id, to.id
        )
    } else {
        format!(
            "`{}` has no credit pathway to `{}`{what}; its pathways: {}",
            from.id,
            to.id,
            known.join(", ")
        )
    }
}

/// An estimate, the route it starts where `--then` was given, and the context to show them in.
#[derive(Clone)]
struct Estimated<'a> {
    program: &'a Program,
    catalog: &'a Catalog,
    estimate: &'a Estimate,
    route: Option<&'a Route<'a>>,
    /// The route (or the program) over time, where money over time was asked.
    schedule: Option<&'a Schedule>,
    finances: Finances,
    ctx: &'a Context,
    /// Whether the learner gave a pace, so that advertised months are marked.
    paced: bool,
    /// Laid out already in the table's columns, beside other programs: no rows of its own.
    laid_out: bool,
}

/// What `estimate` prints, keys as in the interface. `terms` and `fees` appear when the fee
/// parts priced it, `then` and the totals with `--then`.
#[derive(Default, serde::Serialize)]
pub struct EstimateRecord<'a> {
    id: &'a str,
    name: &'a str,
    currency: &'a str,
    #[serde(serialize_with = "render::optional_number")]
    full_cost_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    full_cost_max: Option<f64>,
    #[serde(serialize_with = "render::figure")]
    aid: f64,
    #[serde(serialize_with = "render::optional_number")]
    cost_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    cost_max: Option<f64>,
    cost_basis: &'static str,
    /// Absent when the advertised cost was used.
    #[serde(skip_serializing_if = "Option::is_none")]
    terms: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fees: Option<Fees<'a>>,
    #[serde(serialize_with = "render::optional_number")]
    effort_hours_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    effort_hours_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    months_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    months_max: Option<f64>,
    months_basis: &'static str,
    pace: &'static str,
    over_limit: bool,
    status: &'static str,
    url: Option<&'a str>,
    verified: Option<String>,
    stale: bool,
    corrected_by: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    rate: Option<&'a Rate>,
    #[serde(flatten)]
    then: Option<ThenRecord<'a>>,
    #[serde(flatten)]
    money: MoneyRecord,
    notes: Vec<String>,
}

/// The fee parts by kind (`per_course`, `one_off`, ...), each its total.
pub struct Fees<'a>(&'a [FeePart]);

impl serde::Serialize for Fees<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for part in self.0 {
            let key = part.kind.as_str().replace([' ', '-'], "_");
            map.serialize_entry(&key, &render::number(part.total()))?;
        }
        map.end()
    }
}

/// The next program, then the route's totals beside the last program alone, and every step.
#[derive(Default, serde::Serialize)]
pub struct ThenRecord<'a> {
    then: ThenPart<'a>,
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
    direct_months_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    direct_months_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    months_saved_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    months_saved_max: Option<f64>,
    steps: Vec<StepRecord<'a>>,
}

/// The program after the first: what the first counts for, and what is left of it.
#[derive(Default, serde::Serialize)]
pub struct ThenPart<'a> {
    id: &'a str,
    #[serde(serialize_with = "render::optional_number")]
    share: Option<f64>,
    share_computed: bool,
    grants: &'static str,
    tuition: &'static str,
    #[serde(flatten)]
    figures: CostMonths,
    pace: &'static str,
}

fn then_record<'a>(route: &'a Route<'a>, ctx: &Context) -> ThenRecord<'a> {
    let next = &route.steps[1];
    let via = next.via;
    let (saving, months_saved) = (route.saving(), route.months_saved());
    ThenRecord {
        then: ThenPart {
            id: next.taken.program().map_or("", |p| p.id.as_str()),
            share: next.share,
            share_computed: via
                .is_some_and(|p| matches!(p.kind(), PathwayKind::Share { computed: true, .. })),
            grants: via.map_or("credit", |p| p.grants.as_str()),
            tuition: via.map_or("reduced", |p| p.tuition.as_str()),
            figures: CostMonths::new(next.cost.amount(), next.months.amount()),
            pace: next.pace(),
        },
        totals: TotalsRecord::new(route),
        direct_cost_min: low(route.direct_cost),
        direct_cost_max: high(route.direct_cost),
        saving_min: low(saving),
        saving_max: high(saving),
        direct_months_min: low(route.direct_months),
        direct_months_max: high(route.direct_months),
        months_saved_min: low(months_saved),
        months_saved_max: high(months_saved),
        steps: route.steps.iter().map(|s| StepRecord::new(s, ctx)).collect(),
    }
}

impl<'a> Entry for Estimated<'a> {
    type Record = EstimateRecord<'a>;

    fn record(&self) -> EstimateRecord<'a> {
        let (e, program, ctx) = (self.estimate, self.program, self.ctx);
        let (terms, fees) = match &e.cost_basis {
            CostBasis::Advertised => (None, None),
            CostBasis::Fees { terms, parts } => (Some(*terms), Some(Fees(parts))),
        };
        EstimateRecord {
            id: &e.id,
            name: &e.name,
            currency: &e.currency,
            full_cost_min: low(e.full_cost),
            full_cost_max: high(e.full_cost),
            aid: e.aid,
            cost_min: low(e.cost),
            cost_max: high(e.cost),
            cost_basis: match e.cost_basis {
                CostBasis::Advertised => "advertised",
                CostBasis::Fees { .. } => "fees",
            },
            terms,
            fees,
            effort_hours_min: low(e.effort_hours),
            effort_hours_max: high(e.effort_hours),
            months_min: low(e.calendar.months),
            months_max: high(e.calendar.months),
            months_basis: match e.calendar.basis {
                Basis::Advertised => "advertised",
                Basis::Effort { .. } => "pace",
                Basis::Terms { .. } => "terms",
            },
            pace: e.calendar.pace(),
            over_limit: e.calendar.over_limit,
            status: program.status.as_str(),
            url: program.url.as_deref(),
            verified: program.oldest_check().map(|d| d.to_string()),
            stale: program.is_stale(ctx.today),
            corrected_by: self.catalog.corrections_of(&program.id),
            rate: ctx.money.rate(),
            then: self.route.map(|r| then_record(r, ctx)),
            money: MoneyRecord::new(self.schedule),
            notes: e.notes.iter().map(note).collect(),
        }
    }

    fn rows(&self, rows: &mut Vec<Row>) {
        if self.laid_out {
            return;
        }
        let (e, currency) = (self.estimate, self.ctx.money.display.as_str());
        let money = |a: Option<Amount>| text::money(a, currency);
        let mut row = |label: &str, value: String| {
            rows.push(Row {
                cells: vec![label.to_string(), value],
                ..Row::default()
            });
        };
        row("program", format!("{}{}", e.name, self.program.retired_mark()));
        row("full price", money(e.full_cost));
        if let CostBasis::Fees { parts, .. } = &e.cost_basis {
            for part in parts {
                let how = if part.kind == FeeKind::OneOff {
                    String::new()
                } else {
                    format!(
                        " ({} × {})",
                        text::short(part.count),
                        text::unit_price(part.each, part.count, part.total(), currency)
                    )
                };
                row(
                    &format!("  {}{how}", part.kind),
                    money(Some(Amount::exact(part.total()))),
                );
            }
        }
        row("aid", text::share(Some(e.aid)));
        let mark = |p: &Program, f: Figure| super::stale_mark(p, f, self.ctx);
        row(
            "you pay",
            format!("{}{}", money(e.cost), mark(self.program, Figure::Cost)),
        );
        row(
            "effort (hours)",
            e.effort_hours.map_or_else(
                || "?".into(),
                |h| text::range(Some(Amount::range(h.min.round(), h.max.round()))),
            ),
        );
        row(
            "months",
            months_cell(e.calendar.months, &e.calendar, self.paced) + mark(self.program, Figure::Months),
        );
        if let Some(route) = self.route {
            route_rows(route, self.ctx, self.paced, &mut row);
        }
        if let Some(s) = self.schedule {
            schedule_rows(s, &self.finances, currency, &mut row);
        }
    }
}

/// The rows of the steps after the first, and of the route's totals.
fn route_rows(route: &Route, ctx: &Context, paced: bool, row: &mut impl FnMut(&str, String)) {
    let currency = ctx.money.display.as_str();
    let money = |a: Option<Amount>| text::money(a, currency);
    let bounds = |b: Bounds| text::money_bounds(b, currency);
    let mark = |p: &Program, f: Figure| super::stale_mark(p, f, ctx);
    for (before, step) in route.steps.iter().zip(&route.steps[1..]) {
        let label = step.taken.label();
        row(&format!("then {label}"), then_line(&before.taken.label(), step));
        let rest = if step.taken.degree_kind().is_some() {
            "  rest of the degree"
        } else {
            "  rest of the program"
        };
        let (cost_mark, months_mark) = step
            .taken
            .program()
            .map_or(("", ""), |p| (mark(p, Figure::Cost), mark(p, Figure::Months)));
        row(rest, format!("{}{cost_mark}", bounds(step.cost)));
        let months = text::months_bounds(step.months);
        row("  its months", with_pace_mark(months, step, paced) + months_mark);
    }
    row("pathway total", bounds(route.total_cost));
    let alone = if route.last().taken.degree_kind().is_some() {
        "degree alone"
    } else {
        "program alone"
    };
    row(alone, money(route.direct_cost));
    row("money saved", text::saving(route.saving(), currency));
    row("pathway months", text::months_bounds(route.total_months));
    row(&format!("{alone} months"), text::range(route.direct_months));
    row("months saved", text::months_saved(route.months_saved()));
}

/// The rows of money over time: when it starts and ends, each year's payments, and the totals.
fn schedule_rows(s: &Schedule, finances: &Finances, currency: &str, row: &mut impl FnMut(&str, String)) {
    let money = |a: Amount| text::money(Some(a), currency);
    row("starts", s.start.to_string());
    let finish = if s.finish.0 == s.finish.1 {
        s.finish.0.to_string()
    } else {
        format!("{} to {}", s.finish.0, s.finish.1)
    };
    row("finishes", finish);
    for year in &s.years {
        let employer = if year.employer.max > 0.0 {
            format!(
                " (employer {}, you {})",
                money(year.employer),
                money(year.out_of_pocket)
            )
        } else {
            String::new()
        };
        row(
            &format!("  paid in {}", year.year),
            format!("{}{employer}", money(year.total)),
        );
    }
    if s.employer.max > 0.0 {
        row("employer pays", money(s.employer));
    }
    row("out of pocket", money(s.out_of_pocket));
    if let Some(payback) = super::payback_words(s, finances.gain_from) {
        row("pays back", payback);
    }
}

/// The table's header and the notes under it; the rows come from the entry.
fn layout(
    e: &Estimate,
    route: Option<&Route>,
    paced: bool,
    first: &Program,
    catalog: &Catalog,
    ctx: &Context,
    over_time: bool,
) -> Grid {
    let mut grid = Grid::new([
        Column::word(""),
        Column::new(e.id.clone(), Align::Right, Wrap::Words),
    ]);
    grid.footer = e.notes.iter().map(note).collect();
    let steps = route.map_or(&[][..], |r| &r.steps[1..]);
    if paced && steps.iter().any(|s| s.pace() == "advertised") {
        grid.footer.push(super::ADVERTISED_LEGEND.to_string());
    }
    if let Some(route) = route {
        if !route.total_cost.exact || !route.total_months.exact {
            grid.footer.push(super::BOUNDS_LEGEND.to_string());
        }
        if route.steps.iter().any(Step::over_limit) {
            grid.footer.push(super::LIMIT_LEGEND.to_string());
        }
    }
    if over_time {
        grid.footer.push(super::EMPLOYER_NOTE.to_string());
    }
    let programs: Vec<&Program> = match route {
        Some(r) => r.steps.iter().filter_map(|s| s.taken.program()).collect(),
        None => vec![first],
    };
    grid.footer.push(super::provenance(catalog, ctx, programs));
    grid
}

/// A months cell, marked where the learner gave a pace that the program's figures could not
/// follow (advertised months) or that overruns its time limit.
fn months_cell(months: Option<Amount>, calendar: &Calendar, paced: bool) -> String {
    super::pace_marked(text::range(months), calendar.pace(), calendar.over_limit, paced)
}

fn with_pace_mark(months: String, step: &Step, paced: bool) -> String {
    super::pace_marked(months, step.pace(), step.over_limit(), paced)
}

/// What the step before does for this one, in words.
fn then_line(before: &str, step: &Step) -> String {
    let via = step.via;
    let mut line = match (via.map(Pathway::kind), step.share) {
        (Some(PathwayKind::Admission), _) => format!("{before} is a route in only: no credit"),
        (_, None) => format!("{before} counts for a share no source gives (?)"),
        (Some(PathwayKind::Share { computed: true, .. }), Some(share)) => format!(
            "{before} counts for ~{} (computed from credits)",
            text::share(Some(share))
        ),
        (_, Some(share)) => format!("{before} counts for {}", text::share(Some(share))),
    };
    if via.is_some_and(|p| p.tuition == Tuition::Full) {
        line.push_str("; full tuition still due");
    }
    line
}

/// A note in words: how a figure was made, with the option that changes it.
pub fn note(note: &Note) -> String {
    let percent = |share: f64| format!("{}%", (share * 1000.0).round() / 10.0);
    match note {
        Note::AdvertisedPriceHasFees => {
            "price: the advertised cost; give --courses-per-term to price your own pace from the fee parts"
                .into()
        }
        Note::FeePrice { per_term, terms } => {
            format!("price: the fee parts at {per_term} course(s) a term ({terms} term(s))")
        }
        Note::NoAid { id } => format!("aid: `{id}` lists no financial aid, so none is applied"),
        Note::AidCapped { id, limit, asked } => format!(
            "aid: capped at {} (the most aid `{id}` lists), not the {} asked",
            percent(*limit),
            percent(*asked)
        ),
        Note::Terms {
            terms,
            per_term,
            term_months,
            from_hours,
            capped,
        } => {
            let span = |(low, high): (u32, u32)| {
                if low == high {
                    low.to_string()
                } else {
                    format!("{low}–{high}")
                }
            };
            let how = match (from_hours, capped) {
                (true, false) => " (your hours over one course's weekly hours)",
                (_, true) => " (at most the program allows)",
                _ => "",
            };
            format!(
                "months: {} term(s) of {} months, {} course(s) a term{how}",
                span((terms.0, terms.1)),
                text::short(*term_months),
                span((per_term.0, per_term.1))
            )
        }
        Note::HoursIgnored => {
            "pace: --hours-per-week is not used here: with --courses-per-term, the terms set the calendar"
                .into()
        }
        Note::Pace { hours } => {
            format!("months: the advertised effort at {hours} hours a week (effort / (hours x 52/12))")
        }
        Note::Scheduled => {
            "schedule: course runs follow a schedule, so the calendar may not shrink with your pace".into()
        }
        Note::NoEffort { id } => {
            format!(
                "months: advertised; `{id}` gives no hours per week (or no months) to turn into your pace"
            )
        }
        Note::AdvertisedMonths => "months: advertised".into(),
        Note::OverLimit { id, max_months } => format!(
            "limit: at this pace `{id}` would take longer than the {} months it allows",
            text::short(*max_months)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_word_percentages_with_one_decimal_and_name_the_option() {
        let capped = Note::AidCapped {
            id: "p".into(),
            limit: 0.9,
            asked: 0.125,
        };
        assert_eq!(
            note(&capped),
            "aid: capped at 90% (the most aid `p` lists), not the 12.5% asked"
        );
        assert!(note(&Note::HoursIgnored).contains("--hours-per-week"));
    }
}
