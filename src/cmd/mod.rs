//! One module per command, all with the same entry shape:
//! `run(args, &Catalog, &Context, out, err) -> anyhow::Result<()>`.

pub mod audit;
pub mod chart;
pub mod compare;
pub mod estimate;
pub mod list;
pub mod plan;
pub mod profile;
pub mod show;
pub mod sources;
pub mod validate;

use anyhow::{Result, bail};

use crate::catalog::{Amount, Catalog, Date, Figure, Program};
use crate::filter::Removed;
use crate::money::{Money, Rate};
use crate::pace::Pace;
use crate::rank::{self, Comparison, Ranking};
use crate::render::{self, Cited, Format, Page, Style, text};
use crate::route::{Bounds, Route, Step, Taken};
use crate::schedule::{self, Finances, GainFrom, Month, Schedule};

/// What every command needs besides its own arguments.
#[derive(Debug, Clone)]
pub struct Context {
    pub format: Format,
    pub style: Style,
    pub money: Money,
    /// For marking stale figures.
    pub today: Date,
    /// The command line as the learner typed it, for a page's inputs.
    pub command: String,
}

impl Context {
    /// The page around a command's table: its title, the command line, the day it was made
    /// and the catalogue it was made from.
    pub fn page(&self, catalog: &Catalog, title: impl Into<String>) -> Page {
        Page {
            title: title.into(),
            inputs: vec![("command".into(), format!("`{}`", self.command))],
            made: self.today.to_string(),
            catalogue: catalogue_words(catalog),
            ..Page::default()
        }
    }

    /// `program` as a page's sources list it.
    pub fn cited(&self, program: &Program) -> Cited {
        Cited {
            id: program.id.to_string(),
            name: program.name.to_string(),
            url: program.url.as_deref().map(str::to_string),
            verified: program.oldest_check().map(|d| d.to_string()),
            stale: program.is_stale(self.today),
        }
    }

    /// The page of `title` citing `programs`.
    pub fn page_citing<'a>(
        &self,
        catalog: &Catalog,
        title: impl Into<String>,
        programs: impl IntoIterator<Item = &'a Program>,
    ) -> Page {
        let mut page = self.page(catalog, title);
        // Only a page lists them; a table or a stream of 100,000 records does not pay for it.
        if self.format == Format::Html {
            let mut seen = std::collections::HashSet::new();
            for program in programs {
                if seen.insert(program.id.as_str()) {
                    page.sources.push(self.cited(program));
                }
            }
        }
        page
    }
}

/// How a page reads a score, for `compare`'s "how to read this".
pub const SCORE_READING: &str = "Each program gets a part from 0 (the worst of those compared) to 1 (the best) for cost, months, credit and pacing; the score is 100 times their weighted mean, so it says how a program stands among these programs, not how good it is. An unknown figure gets the worst part, so it never wins by being unknown. A * marks a figure checked over a year ago: check the program's page before deciding.";

/// How a page reads the cost–time front, for `chart` and `plan`.
pub const FRONT_READING: &str = "A point on the cost–time front (joined by the line) is one that no other is both cheaper and quicker than: the front holds the best trades between money and time, and everything off it is beaten on both by something on it. Ranges are placed by their middle. A * marks a figure checked over a year ago.";

/// The catalogue in words: its files and the date its figures are as of.
pub fn catalogue_words(catalog: &Catalog) -> String {
    let files = catalog
        .sources
        .iter()
        .map(|s| {
            if s == crate::catalog::BUILTIN_NAME {
                "the built-in catalogue".to_string()
            } else {
                s.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" and ");
    match catalog.as_of {
        Some(date) => format!("{files} (figures as of {date})"),
        None => files,
    }
}

/// The degrees `--toward` names; an unknown one is an error naming the degrees it may mean.
pub fn degrees_named<'a>(catalog: &'a Catalog, ids: &[String]) -> Result<Vec<&'a Program>> {
    named(catalog, ids, Catalog::unknown_degree)
}

/// The programs named by `ids`, in that order; an unknown id is an error naming close ones.
pub fn programs_named<'a>(catalog: &'a Catalog, ids: &[String]) -> Result<Vec<&'a Program>> {
    named(catalog, ids, Catalog::unknown_program)
}

/// The programs `ids` name, in order; an unknown id is the error `unknown` words.
fn named<'a>(
    catalog: &'a Catalog,
    ids: &[String],
    unknown: fn(&Catalog, &str) -> String,
) -> Result<Vec<&'a Program>> {
    ids.iter()
        .map(|id| match catalog.program(id) {
            Some(p) => Ok(p),
            None => bail!("{}", unknown(catalog, id)),
        })
        .collect()
}

/// The low end of a range, `None` when unknown.
pub(crate) fn low(amount: Option<Amount>) -> Option<f64> {
    amount.map(|a| a.min)
}

/// The high end of a range, `None` when unknown.
pub(crate) fn high(amount: Option<Amount>) -> Option<f64> {
    amount.map(|a| a.max)
}

/// A cost and a duration as the four keys every record gives them: `cost_min`, `cost_max`,
/// `months_min`, `months_max`, each `null` when unknown.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct CostMonths {
    #[serde(serialize_with = "render::optional_number")]
    pub cost_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub cost_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub months_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub months_max: Option<f64>,
}

impl CostMonths {
    pub fn new(cost: Option<Amount>, months: Option<Amount>) -> Self {
        CostMonths {
            cost_min: low(cost),
            cost_max: high(cost),
            months_min: low(months),
            months_max: high(months),
        }
    }
}

/// A route's totals as every route record gives them: the known range (`null` where a part is
/// unknown) and the bounds that are known (`null` where none is).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TotalsRecord {
    #[serde(serialize_with = "render::optional_number")]
    pub total_cost_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub total_cost_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub total_months_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub total_months_max: Option<f64>,
    #[serde(flatten)]
    pub bounds: BoundsRecord,
}

impl TotalsRecord {
    pub fn new(route: &Route) -> Self {
        let (cost, months) = (route.total_cost.amount(), route.total_months.amount());
        TotalsRecord {
            total_cost_min: low(cost),
            total_cost_max: high(cost),
            total_months_min: low(months),
            total_months_max: high(months),
            bounds: BoundsRecord::new(route.total_cost, route.total_months),
        }
    }
}

/// What is known of a cost and a duration that may be only bounded.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct BoundsRecord {
    #[serde(serialize_with = "render::optional_number")]
    pub cost_at_least: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub cost_at_most: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub months_at_least: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub months_at_most: Option<f64>,
}

impl BoundsRecord {
    pub fn new(cost: Bounds, months: Bounds) -> Self {
        BoundsRecord {
            cost_at_least: Some(cost.low),
            cost_at_most: cost.high,
            months_at_least: Some(months.low),
            months_at_most: months.high,
        }
    }
}

/// One step of a route, as `plan` and `estimate --then` print it.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct StepRecord<'a> {
    /// `None` for a degree outside the catalogue.
    pub id: Option<&'a str>,
    pub name: &'a str,
    /// Who grants a degree outside the catalogue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<&'a str>,
    pub status: Option<&'static str>,
    pub url: Option<&'a str>,
    pub verified: Option<String>,
    pub stale: Option<bool>,
    #[serde(serialize_with = "render::optional_number")]
    pub share: Option<f64>,
    #[serde(flatten)]
    pub figures: CostMonths,
    #[serde(flatten)]
    pub bounds: BoundsRecord,
    pub pace: &'static str,
    pub over_limit: bool,
}

impl<'a> StepRecord<'a> {
    pub fn new(step: &Step<'a>, ctx: &Context) -> Self {
        let program = step.taken.program();
        StepRecord {
            id: program.map(|p| p.id.as_str()),
            name: step.taken.name(),
            at: match step.taken {
                Taken::Described { at, .. } => at,
                Taken::Program(_) => None,
            },
            status: program.map(|p| p.status.as_str()),
            url: program.and_then(|p| p.url.as_deref()),
            verified: program.and_then(Program::oldest_check).map(|d| d.to_string()),
            stale: program.map(|p| p.is_stale(ctx.today)),
            share: step.via.and(step.share),
            figures: CostMonths::new(step.cost.amount(), step.months.amount()),
            bounds: BoundsRecord::new(step.cost, step.months),
            pace: step.pace(),
            over_limit: step.over_limit(),
        }
    }
}

/// The record `compare` and `list` print for one program, in the display currency; its field
/// names are the JSON keys and CSV columns of the interface.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ProgramRecord<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    pub institution: &'a str,
    pub institution_name: Option<&'a str>,
    pub pacing: &'static str,
    pub delivery: &'static str,
    pub status: &'static str,
    pub currency: &'a str,
    // `CostMonths`'s four keys, written out rather than flattened: `flatten` sends the whole
    // record through serde's map path, which made `list --format csv` on 100,000 programs
    // about 10% slower.
    #[serde(serialize_with = "render::optional_number")]
    pub cost_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub cost_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub months_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub months_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub credit_share: Option<f64>,
    /// `yours` where the months are at the learner's pace, `advertised` otherwise.
    pub pace: &'static str,
    pub pathways: usize,
    pub verified: Option<String>,
    pub stale: bool,
    /// The files that corrected this entry, in order.
    pub corrected_by: &'a [String],
    /// The rate amounts were converted at; absent in USD.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<&'a Rate>,
}

impl<'a> ProgramRecord<'a> {
    /// The record of `program`.
    pub fn new(program: &'a Program, catalog: &'a Catalog, ctx: &'a Context) -> Self {
        let cost = ctx.money.cost_of(program);
        ProgramRecord {
            id: &program.id,
            name: &program.name,
            kind: program.kind.as_str(),
            institution: &program.institution,
            institution_name: catalog.institution(&program.institution).map(|i| i.name.as_str()),
            pacing: program.pacing.as_str(),
            delivery: program.delivery.as_str(),
            status: program.status.as_str(),
            currency: &ctx.money.display,
            cost_min: low(cost),
            cost_max: high(cost),
            months_min: low(program.months),
            months_max: high(program.months),
            credit_share: program.credit_share(),
            pace: "advertised",
            pathways: program.active_credit().count(),
            verified: program.oldest_check().map(|d| d.to_string()),
            stale: program.is_stale(ctx.today),
            corrected_by: catalog.corrections_of(&program.id),
            rate: ctx.money.rate(),
        }
    }
}

/// ` *` where `figure` of `program` may be stale, else nothing.
pub fn stale_mark(program: &Program, figure: Figure, ctx: &Context) -> &'static str {
    if program.is_figure_stale(figure, ctx.today) {
        " *"
    } else {
        ""
    }
}

/// The cost cell of a table, with `*` where the cost may be stale.
pub fn cost_cell(program: &Program, ctx: &Context) -> String {
    let mut cell = String::with_capacity(24);
    text::push_money(&mut cell, ctx.money.cost_of(program), &ctx.money.display);
    cell.push_str(stale_mark(program, Figure::Cost, ctx));
    cell
}

/// The months cell at the learner's `pace`: the months, `adv.` where the pace was given but
/// could not be followed, `!` past the program's time limit, `*` where they may be stale.
pub fn paced_months_cell(program: &Program, pace: Pace, ctx: &Context) -> String {
    // Without a pace the advertised months stand, unmarked: no calendar to work out.
    let mut cell = if pace.given() {
        let calendar = crate::pace::calendar(program, 1.0, pace);
        pace_marked(
            text::range(calendar.months),
            calendar.pace(),
            calendar.over_limit,
            true,
        )
    } else {
        text::range(program.months)
    };
    cell.push_str(stale_mark(program, Figure::Months, ctx));
    cell
}

/// The months cell of a table, with `*` where the months may be stale.
pub fn months_cell(program: &Program, ctx: &Context) -> String {
    format!(
        "{}{}",
        text::range(program.months),
        stale_mark(program, Figure::Months, ctx)
    )
}

/// The footer line about where the figures come from: the range of check dates among
/// `programs` (those shown), the display currency and its rate, and the files that corrected
/// built-in figures.
pub fn provenance<'a>(
    catalog: &Catalog,
    ctx: &Context,
    programs: impl IntoIterator<Item = &'a Program>,
) -> String {
    let (mut oldest, mut newest, mut undated, mut any_stale) = (None::<Date>, None::<Date>, false, false);
    for program in programs {
        any_stale |= program.is_stale(ctx.today);
        for check in &program.checks() {
            match check.date {
                Some(d) => {
                    oldest = Some(oldest.map_or(d, |o| o.min(d)));
                    newest = Some(newest.map_or(d, |n| n.max(d)));
                }
                None => undated = true,
            }
        }
    }
    let checked = match (oldest, newest) {
        (Some(o), Some(n)) if o == n => format!("checked {o}"),
        (Some(o), Some(n)) => format!("checked {o} to {n}"),
        _ => "no check dates given".to_string(),
    };
    let undated = if undated && oldest.is_some() {
        " (some figures undated)"
    } else {
        ""
    };
    let stale = if any_stale {
        "; * possibly stale (checked over a year ago)"
    } else {
        ""
    };
    // In load order, as the files were given.
    let corrected: Vec<String> = catalog
        .sources
        .iter()
        .filter_map(|file| {
            catalog
                .corrections
                .get(file)
                .map(|what| format!("{file} ({what})"))
        })
        .collect();
    let corrected = if corrected.is_empty() {
        String::new()
    } else {
        format!("; built-in figures corrected by {}", corrected.join(", "))
    };
    format!(
        "{checked}{undated}; amounts in {}{stale}{}{corrected}",
        ctx.money.display,
        rate_line(catalog, ctx)
    )
}

/// Where amounts were converted: the rate both ways, its date and who published it.
fn rate_line(catalog: &Catalog, ctx: &Context) -> String {
    let code = &ctx.money.display;
    let Some(rate) = catalog.rate(code).filter(|_| code != "USD") else {
        return String::new();
    };
    let info = catalog.rate_info.get(code).cloned().unwrap_or_default();
    let date = info
        .as_of
        .map_or_else(|| "date not given".to_string(), |d| format!("as of {d}"));
    let source = info
        .source
        .map_or_else(|| "source not given".to_string(), |s| text::plain(&s));
    format!(
        "; converted at 1 USD = {} {code} (1 {code} = {} USD), {date}, {source}",
        text::rate(1.0 / rate),
        text::rate(rate)
    )
}

/// The learner's inputs as a page lists them: pace, aid, money over time and the currency with
/// its rate; what was not given is left out, and a missing pace is said.
pub fn learner_inputs(
    request: &crate::estimate::Request,
    catalog: &Catalog,
    ctx: &Context,
) -> Vec<(String, String)> {
    let code = ctx.money.display.as_str();
    let money = |v: f64| text::money(Some(Amount::exact(v)), code);
    let mut inputs = Vec::new();
    let pace = request.pace;
    match (pace.hours_per_week, pace.courses_per_term) {
        (None, None) => inputs.push(("pace".into(), "not given: the programs' advertised months".into())),
        (hours, courses) => {
            if let Some(h) = hours {
                inputs.push(("hours a week".into(), text::short(h)));
            }
            if let Some(c) = courses {
                inputs.push(("courses a term".into(), c.to_string()));
            }
        }
    }
    if let Some(aid) = request.aid {
        inputs.push(("aid hoped for".into(), format!("{}%", text::short(aid * 100.0))));
    }
    let f = &request.finances;
    if let Some(start) = f.start {
        inputs.push(("start".into(), start.to_string()));
    }
    if let Some(cap) = f.employer_cap {
        inputs.push(("employer pays at most".into(), format!("{} a year", money(cap))));
    }
    if let Some(share) = f.employer_share {
        inputs.push((
            "employer pays".into(),
            format!("{}% of each payment", text::short(share * 100.0)),
        ));
    }
    if let Some(gain) = f.salary_gain {
        inputs.push(("salary gain".into(), format!("{} a year", money(gain))));
    }
    if let Some(campus) = f.campus_cost_per_month {
        inputs.push(("campus months cost".into(), format!("{} a month", money(campus))));
    }
    let rate = rate_line(catalog, ctx);
    inputs.push((
        "currency".into(),
        match rate.strip_prefix("; ") {
            Some(rate) => format!("{code}, {rate}"),
            None => format!("{code} (the catalogue's own; no conversion)"),
        },
    ));
    inputs
}

/// The legend of the credit column.
pub const CREDIT_LEGEND: &str = "? not known; credit: the largest known share of a degree, ~ computed from credits, ? share unknown, entry: admission only, – no pathway recorded (an ended one counts for nothing)";

/// The legend of bounded figures.
pub const BOUNDS_LEGEND: &str =
    "≥ at least: a part is unknown and may add more; a to b ?: between a and b, a part unknown";

/// The legend of a pace over a program's time limit.
pub const LIMIT_LEGEND: &str = "! at your pace the program takes longer than it allows";

/// The legend of months that could not follow the learner's pace.
pub const ADVERTISED_LEGEND: &str =
    "adv. advertised months: the catalogue lacks what your pace needs (courses and terms, or weekly hours)";

/// A months cell with its marks: ` adv.` where the learner gave a pace (`paced`) that the
/// program's figures could not follow, ` !` where the pace overruns the program's limit.
pub fn pace_marked(mut cell: String, pace: &str, over_limit: bool, paced: bool) -> String {
    if paced && pace == "advertised" && cell != "?" {
        cell.push_str(" adv.");
    }
    if over_limit {
        cell.push_str(" !");
    }
    cell
}

/// The legend of the front mark. Every command marks the front over the same set, all that
/// passed the filters (before `--limit`), and says so.
pub fn front_legend(matched: usize, noun: &str) -> String {
    let set = if matched == 1 {
        format!("the 1 {noun}")
    } else {
        format!("the {matched} {noun}s")
    };
    format!(
        "◆ on the cost–time front of {set} that passed the filters: none of them is both no dearer and no quicker (by the middle of the ranges)"
    )
}

/// The programs' names, a comma apart: a page's heading.
pub fn names(programs: &[&Program]) -> String {
    programs
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "1 program" or "2 programs".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `line`, followed by what the filters hid and why.
pub fn with_removed(mut line: String, removed: Removed) -> String {
    if removed.retired > 0 {
        line.push_str(&format!(
            "; {} retired hidden (--include-retired shows them)",
            removed.retired
        ));
    }
    if removed.unknown > 0 {
        line.push_str(&format!(
            "; {} left out because a filter needs a figure the catalogue gives as unknown",
            removed.unknown
        ));
    }
    line
}

/// The programs `args` names or its filters keep, scored and in order; an unknown id (or
/// `--toward` degree) is an error naming close ones.
pub fn ranking<'a>(args: &Comparison, catalog: &'a Catalog, ctx: &Context) -> Result<Ranking<'a>> {
    let named = programs_named(catalog, &args.ids)?;
    // An unknown `--toward` degree is a mistake to name, not a filter that keeps nothing.
    degrees_named(catalog, &args.filter.toward)?;
    Ok(rank::ranking(catalog, &named, args, &ctx.money))
}

/// Writes a note for each `--university` value that matches no institution, with the closest.
pub fn note_unmatched(catalog: &Catalog, universities: &[String], err: &mut dyn std::io::Write) {
    for (value, hint) in crate::filter::unmatched_universities(catalog, universities) {
        let _ = writeln!(err, "note: no institution matches `{value}`{hint}");
    }
}

/// Why nothing matched, for stderr.
pub fn empty_note(removed: Removed) -> String {
    let mut reasons = Vec::new();
    if removed.filtered > 0 {
        reasons.push(format!("{} failed the filters", removed.filtered));
    }
    if removed.unknown > 0 {
        reasons.push(format!("{} had unknown figures a filter needs", removed.unknown));
    }
    if removed.retired > 0 {
        reasons.push(format!(
            "{} retired were hidden (--include-retired)",
            removed.retired
        ));
    }
    if reasons.is_empty() {
        "no program matches".into()
    } else {
        format!("no program matches: {}", reasons.join(", "))
    }
}

/// The month a learner's route starts: the one they gave, else the month after today.
pub fn start_of(finances: &Finances, ctx: &Context) -> Month {
    finances
        .start
        .unwrap_or_else(|| schedule::default_start(ctx.today))
}

/// A route over time as JSON and CSV give it: keys present always, `null` (or empty) where the
/// learner asked nothing about money over time or a figure of the route is unknown.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct MoneyRecord {
    pub start: Option<String>,
    pub finish: Option<String>,
    /// The month it ends in at the high end of its months, where that differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finish_max: Option<String>,
    pub payments: Vec<YearRecord>,
    #[serde(serialize_with = "render::optional_number")]
    pub out_of_pocket_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub out_of_pocket_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub employer_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub employer_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub payback_months_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    pub payback_months_max: Option<f64>,
}

/// One calendar year of payments: low ends, and `_max` siblings where a figure is a range.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct YearRecord {
    pub year: i32,
    #[serde(serialize_with = "render::figure")]
    pub total: f64,
    #[serde(serialize_with = "render::figure")]
    pub employer: f64,
    #[serde(serialize_with = "render::figure")]
    pub out_of_pocket: f64,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "render::optional_number"
    )]
    pub total_max: Option<f64>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "render::optional_number"
    )]
    pub employer_max: Option<f64>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "render::optional_number"
    )]
    pub out_of_pocket_max: Option<f64>,
}

impl MoneyRecord {
    pub fn new(schedule: Option<&Schedule>) -> Self {
        let Some(s) = schedule else {
            return MoneyRecord::default();
        };
        let max = |a: Amount| (a.max != a.min).then_some(a.max);
        MoneyRecord {
            start: Some(s.start.to_string()),
            finish: Some(s.finish.0.to_string()),
            finish_max: (s.finish.1 != s.finish.0).then(|| s.finish.1.to_string()),
            payments: s
                .years
                .iter()
                .map(|y| YearRecord {
                    year: y.year,
                    total: y.total.min,
                    employer: y.employer.min,
                    out_of_pocket: y.out_of_pocket.min,
                    total_max: max(y.total),
                    employer_max: max(y.employer),
                    out_of_pocket_max: max(y.out_of_pocket),
                })
                .collect(),
            out_of_pocket_min: Some(s.out_of_pocket.min),
            out_of_pocket_max: Some(s.out_of_pocket.max),
            employer_min: Some(s.employer.min),
            employer_max: Some(s.employer.max),
            payback_months_min: s.payback_months.map(|p| p.min),
            payback_months_max: s.payback_months.map(|p| p.max),
        }
    }
}

/// The payback in words: `31 months after finishing (2030-06)`, or from the start.
pub fn payback_words(s: &Schedule, from: GainFrom) -> Option<String> {
    let months = s.payback_months?;
    let (point, words) = match from {
        GainFrom::Finish => (s.finish.0.plus(1), "after finishing"),
        GainFrom::Start => (s.start, "from the start"),
    };
    let whole = Amount::range(months.min.ceil(), months.max.ceil());
    let by = point.plus(whole.min as u32);
    Some(format!("{} months {words} ({by})", text::range(Some(whole))))
}

/// The line a route's money over time adds to a table: out of pocket, employer, payback.
pub fn money_line(s: &Schedule, finances: &Finances, currency: &str) -> String {
    let mut line = format!(
        "{} to {}: you pay {}",
        s.start,
        s.finish.1,
        text::money(Some(s.out_of_pocket), currency)
    );
    if s.employer.max > 0.0 {
        line.push_str(&format!(
            ", your employer {}",
            text::money(Some(s.employer), currency)
        ));
    }
    if let Some(payback) = payback_words(s, finances.gain_from) {
        line.push_str(&format!("; pays back {payback}"));
    }
    line
}

/// What a footer says of an employer's help: the US tax-free limit, named but applied only
/// when asked for with `--employer-cap`.
pub const EMPLOYER_NOTE: &str = "employer: a US employer may pay up to $5,250 a year of educational assistance tax-free (IRS, section 127); --employer-cap 5250 applies that limit";
