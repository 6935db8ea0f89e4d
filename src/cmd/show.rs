//! `show`: every field of one or more programs, one column per program.

use std::io::Write;

use super::{Context, ProgramRecord, high, low, months_cell, programs_named, stale_mark};
use crate::catalog::{Catalog, Checked, Fees, Figure, PathwayKind, PathwayStatus, Program, Target, Text};
use crate::render::{self, Column, Entry, Grid, Report, Row, text};
use anyhow::Result;

/// Prints the programs named by `ids`.
pub fn run(
    ids: &[String],
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    _err: &mut dyn Write,
) -> Result<()> {
    let programs = programs_named(catalog, ids)?;
    // A page is headed by the programs' names (a terminal by their ids, which fit).
    let header = |p: &Program| {
        if ctx.format == crate::render::Format::Html {
            format!("{} ({})", p.name, p.id)
        } else {
            p.id.to_string()
        }
    };
    let columns =
        std::iter::once(Column::word("Field")).chain(programs.iter().map(|p| Column::text(header(p))));
    let mut grid = Grid::new(columns);
    let columns: Vec<Vec<(&str, String)>> = programs.iter().map(|p| fields(p, catalog, ctx)).collect();
    if let Some(first) = columns.first() {
        for (row, (label, _)) in first.iter().enumerate() {
            let mut cells = vec![label.to_string()];
            cells.extend(columns.iter().map(|c| c[row].1.clone()));
            grid.push(cells, false);
        }
    }
    if programs.iter().any(|p| p.is_stale(ctx.today)) {
        grid.footer.push(format!(
            "possibly stale: figures checked more than {} days ago; check the url before deciding",
            crate::catalog::model::STALE_AFTER_DAYS
        ));
    }
    let mut page = ctx.page_citing(catalog, "show", programs.iter().copied());
    page.heading = super::names(&programs);
    let entries = programs.iter().map(|&program| Shown {
        program,
        catalog,
        ctx,
    });
    let report = Report::new(entries, grid, page);
    render::report(report, ctx.format, ctx.style, out)?;
    Ok(())
}

/// One program as `show` prints it.
struct Shown<'a> {
    program: &'a Program,
    catalog: &'a Catalog,
    ctx: &'a Context,
}

impl<'a> Entry for Shown<'a> {
    type Record = ShowRecord<'a>;

    fn record(&self) -> ShowRecord<'a> {
        record(self.program, self.catalog, self.ctx)
    }

    /// None: the table has one column per program, laid out across them in `run`.
    fn rows(&self, _rows: &mut Vec<Row>) {}
}

fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "–".into())
}

fn fee_parts(fees: &Fees, currency: &str, ctx: &Context) -> Vec<(&'static str, String)> {
    let money = |v: f64| {
        text::money(
            Some(crate::catalog::Amount::exact(
                ctx.money.convert_value(v, currency),
            )),
            &ctx.money.display,
        )
    };
    let mut parts = Vec::new();
    if let Some(v) = fees.per_course {
        parts.push(("per course", money(v)));
    }
    if let Some(v) = fees.per_credit {
        parts.push(("per credit", money(v)));
    }
    if let Some(v) = fees.per_term {
        parts.push(("per term", money(v)));
    }
    if let Some(v) = fees.term_months {
        parts.push(("term months", text::short(v)));
    }
    if let Some(v) = fees.one_off {
        parts.push(("one-off", money(v)));
    }
    parts
}

fn pathway_lines(program: &Program, catalog: &Catalog) -> Vec<String> {
    program
        .credit
        .iter()
        .map(|p| {
            let target = match &p.target {
                Target::Program(id) => {
                    let degree = catalog.program(id);
                    let school = degree
                        .and_then(|d| catalog.institution(&d.institution))
                        .map_or(String::new(), |i| format!(" at {}", i.name));
                    let name = degree.map_or(String::new(), |d| format!(" ({})", d.name));
                    format!("`{id}`{name}{school}")
                }
                Target::Described { degree, at: Some(at) } => format!("{degree} at {at}"),
                Target::Described { degree, at: None } => degree.to_string(),
            };
            let note = p.note.as_ref().map_or(String::new(), |n| format!("; {n}"));
            let ended = match (p.status, p.ends) {
                (PathwayStatus::Ended, Some(d)) => format!("ended {d}: "),
                (PathwayStatus::Ended, None) => "ended: ".to_string(),
                (PathwayStatus::Active, Some(d)) => format!("(last stated {d}) "),
                (PathwayStatus::Active, None) => String::new(),
            };
            format!("{ended}{} toward {target}{note}", text::pathway_amount(p))
        })
        .collect()
}

/// `show --pathways`: one row per pathway of each program, in every format: flat columns for
/// CSV, a record each for JSON.
pub fn pathways(ids: &[String], catalog: &Catalog, ctx: &Context, out: &mut dyn Write) -> Result<()> {
    let programs = programs_named(catalog, ids)?;
    // The program by its id alone: an id never breaks, and its name is one `show` away.
    let mut layout = Grid::new([
        Column::word("Program"),
        Column::text("Toward"),
        Column::word("Credit"),
        Column::text("Note"),
    ]);
    let count: usize = programs.iter().map(|p| p.credit.len()).sum();
    layout.footer = vec![format!(
        "{} of {}; an ended pathway counts for nothing",
        super::count(count, "pathway"),
        super::count(programs.len(), "program")
    )];
    let mut page = ctx.page_citing(catalog, "show --pathways", programs.iter().copied());
    page.heading = format!("Pathways of {}", super::names(&programs));
    let entries = programs.iter().flat_map(|&program| {
        let records = record(program, catalog, ctx).credit;
        let lines = pathway_lines(program, catalog);
        program
            .credit
            .iter()
            .zip(records)
            .zip(lines)
            .map(move |((pathway, record), line)| PathwayEntry {
                program,
                pathway,
                record,
                line,
            })
    });
    let report = Report::new(entries, layout, page);
    render::report(report, ctx.format, ctx.style, out)?;
    Ok(())
}

/// One pathway of one program, as `show --pathways` reports it.
struct PathwayEntry<'a> {
    program: &'a Program,
    pathway: &'a crate::catalog::Pathway,
    record: PathwayRecord<'a>,
    line: String,
}

/// The record of one pathway: its program, then the pathway's own fields. (A handful of rows
/// a program: `flatten` costs nothing that matters here.)
#[derive(Default, serde::Serialize)]
pub struct PathwayRow<'a> {
    program: &'a str,
    program_name: &'a str,
    #[serde(flatten)]
    pathway: PathwayRecord<'a>,
}

impl<'a> Entry for PathwayEntry<'a> {
    type Record = PathwayRow<'a>;

    fn record(&self) -> PathwayRow<'a> {
        PathwayRow {
            program: &self.program.id,
            program_name: &self.program.name,
            pathway: self.record.clone(),
        }
    }

    fn rows(&self, rows: &mut Vec<Row>) {
        let (toward, note) = match self.line.split_once("; ") {
            Some((toward, note)) => (toward.to_string(), note.to_string()),
            None => (self.line.clone(), String::new()),
        };
        // The amount leads the line ("25% toward ..."): it has a column of its own.
        let amount = text::pathway_amount(self.pathway);
        let toward = toward
            .split_once(" toward ")
            .map_or(toward.clone(), |(before, after)| {
                let ended = before.strip_suffix(&amount).unwrap_or("").trim();
                if ended.is_empty() {
                    after.to_string()
                } else {
                    format!("{after} ({})", ended.trim_end_matches(':'))
                }
            });
        rows.push(Row {
            cells: vec![self.program.id.to_string(), toward.replace('`', ""), amount, note],
            dim: self.pathway.status == PathwayStatus::Ended,
            note: None,
        });
    }
}

/// The sources the program cites, one a line: key, date, title and url.
fn cited_lines(p: &Program, catalog: &Catalog) -> Option<String> {
    let lines: Vec<String> = p
        .cited()
        .into_iter()
        .filter_map(|key| catalog.reference(key))
        .map(|r| {
            let date = r.date.map_or_else(|| "undated".to_string(), |d| d.to_string());
            let url = r.url.as_ref().map_or(String::new(), |u| format!(" {u}"));
            format!("[{}] ({date}) {}{url}", r.key, r.title)
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// When the figures were checked: one date where every group shares it, else each group's
/// date and, where a later file gave it, the file.
fn verified_text(p: &Program, catalog: &Catalog, ctx: &Context) -> String {
    let one = |check: Checked, stale: bool| {
        let date = check.date.map_or_else(|| "never".to_string(), |d| d.to_string());
        if stale {
            format!("{date} (possibly stale)")
        } else {
            date
        }
    };
    let checks = p.checks();
    let first = checks[0];
    if checks.iter().all(|c| *c == first) {
        return one(first, p.is_figure_stale(Figure::Cost, ctx.today));
    }
    Figure::ALL
        .iter()
        .map(|&f| {
            let check = p.check(f);
            let from = if check.source as usize == p.source && checks.iter().all(|c| c.source == check.source)
            {
                String::new()
            } else {
                catalog
                    .sources
                    .get(check.source as usize)
                    .map_or(String::new(), |s| format!(", {s}"))
            };
            format!("{f}: {}{from}", one(check, p.is_figure_stale(f, ctx.today)))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn fields(p: &Program, catalog: &Catalog, ctx: &Context) -> Vec<(&'static str, String)> {
    let institution = catalog
        .institution(&p.institution)
        .map_or(p.institution.to_string(), |i| {
            format!("{} ({})", i.name, i.label())
        });
    let cost = ctx.money.cost_of(p);
    let mut cost_text = text::money(cost, &ctx.money.display);
    if p.currency != ctx.money.display {
        cost_text.push_str(&format!(" ({})", text::money(p.cost, &p.currency)));
    }
    cost_text.push_str(stale_mark(p, Figure::Cost, ctx));
    let verified = verified_text(p, catalog, ctx);
    let fees = p.fees.as_deref().map(|f| {
        fee_parts(f, &p.currency, ctx)
            .into_iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let pathways = pathway_lines(p, catalog);
    vec![
        ("name", p.name.to_string()),
        ("kind", p.kind.to_string()),
        ("institution", institution),
        ("platform", or_dash(p.platform.as_deref().map(str::to_string))),
        ("delivery", p.delivery.to_string()),
        ("pacing", p.pacing.to_string()),
        (
            "subjects",
            or_dash((!p.subjects.is_empty()).then(|| p.subjects.join(", "))),
        ),
        ("courses", or_dash(p.courses.map(|c| c.to_string()))),
        ("credits", or_dash(p.credits.map(text::short))),
        ("admission", p.admission.to_string()),
        ("cost", cost_text),
        (
            "financial aid",
            or_dash(p.financial_aid.map(|a| format!("up to {}", text::share(Some(a))))),
        ),
        ("fees", or_dash(fees)),
        ("months", months_cell(p, ctx)),
        (
            "hours/week",
            or_dash(p.hours_per_week.map(|h| text::range(Some(h)))),
        ),
        (
            "course hours/week",
            or_dash(p.rare.course_hours_per_week.map(|h| text::range(Some(h)))),
        ),
        (
            "most courses a term",
            or_dash(p.rare.max_courses_per_term.map(|c| c.to_string())),
        ),
        (
            "time limit",
            or_dash(p.rare.max_months.map(|m| format!("{} months", text::short(m)))),
        ),
        (
            "credit",
            or_dash((!pathways.is_empty()).then(|| pathways.join("\n"))),
        ),
        ("status", p.status.to_string()),
        ("ends", or_dash(p.rare.ends.map(|d| d.to_string()))),
        (
            "partners",
            or_dash((!p.rare.partners.is_empty()).then(|| p.rare.partners.join(", "))),
        ),
        ("url", or_dash(p.url.as_deref().map(str::to_string))),
        ("verified", verified),
        ("notes", or_dash(p.rare.notes.as_deref().map(str::to_string))),
        ("sources", or_dash(cited_lines(p, catalog))),
        (
            "source",
            catalog.sources.get(p.source).cloned().unwrap_or_default(),
        ),
    ]
}

/// Everything `show` prints about one program: `compare`'s record, then every other field.
#[derive(Default, serde::Serialize)]
pub struct ShowRecord<'a> {
    #[serde(flatten)]
    program: ProgramRecord<'a>,
    platform: Option<&'a str>,
    subjects: &'a [Text],
    courses: Option<u32>,
    #[serde(serialize_with = "render::optional_number")]
    credits: Option<f64>,
    admission: &'static str,
    listed_currency: &'a str,
    #[serde(serialize_with = "render::optional_number")]
    financial_aid: Option<f64>,
    fees: FeesRecord,
    #[serde(serialize_with = "render::optional_number")]
    hours_per_week_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    hours_per_week_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    course_hours_per_week_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    course_hours_per_week_max: Option<f64>,
    max_courses_per_term: Option<u32>,
    #[serde(serialize_with = "render::optional_number")]
    max_months: Option<f64>,
    credit: Vec<PathwayRecord<'a>>,
    ends: Option<String>,
    partners: &'a [Text],
    url: Option<&'a str>,
    notes: Option<&'a str>,
    source: String,
    /// When each group of figures was checked, from which file, and whether it may be stale.
    checked: CheckedRecord,
    /// The sources it cites.
    sources: Vec<CitedRecord<'a>>,
}

/// A source a program cites.
#[derive(Default, serde::Serialize)]
pub struct CitedRecord<'a> {
    key: &'a str,
    title: &'a str,
    url: Option<&'a str>,
    date: Option<String>,
}

/// Each figure group's check.
#[derive(Default, serde::Serialize)]
pub struct CheckedRecord {
    cost: GroupRecord,
    months: GroupRecord,
    pacing: GroupRecord,
    credit: GroupRecord,
}

/// One figure group's check.
#[derive(Default, serde::Serialize)]
pub struct GroupRecord {
    verified: Option<String>,
    source: String,
    stale: bool,
}

/// The fee parts in the display currency. The same keys for every program, fee parts or not:
/// CSV columns must not depend on which program comes first.
#[derive(Default, serde::Serialize)]
pub struct FeesRecord {
    #[serde(serialize_with = "render::optional_number")]
    per_course: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    per_credit: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    per_term: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    term_months: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    one_off: Option<f64>,
}

/// One pathway: toward a catalogue program, or a degree described by name and school.
#[derive(Default, Clone, serde::Serialize)]
pub struct PathwayRecord<'a> {
    toward: Option<&'a str>,
    degree: Option<&'a str>,
    at: Option<&'a str>,
    grants: &'static str,
    #[serde(serialize_with = "render::optional_number")]
    share: Option<f64>,
    share_computed: bool,
    #[serde(serialize_with = "render::optional_number")]
    credits: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    of: Option<f64>,
    unit: Option<&'a str>,
    tuition: &'static str,
    note: Option<&'a str>,
    /// `active`, or `ended` where it lapsed (it then counts for nothing).
    status: &'static str,
    ends: Option<String>,
}

/// The full record of one program.
pub fn record<'a>(p: &'a Program, catalog: &'a Catalog, ctx: &'a Context) -> ShowRecord<'a> {
    let convert = |v: f64| ctx.money.convert_value(v, &p.currency);
    let f = p.fees.as_deref().copied().unwrap_or_default();
    let credit = p
        .credit
        .iter()
        .map(|c| {
            let (toward, degree, at) = match &c.target {
                Target::Program(id) => (Some(id.as_str()), None, None),
                Target::Described { degree, at } => (None, Some(degree.as_str()), at.as_deref()),
            };
            PathwayRecord {
                toward,
                degree,
                at,
                grants: c.grants.as_str(),
                share: c.share,
                share_computed: matches!(c.kind(), PathwayKind::Share { computed: true, .. }),
                credits: c.credits,
                of: c.of,
                unit: c.unit.as_deref(),
                tuition: c.tuition.as_str(),
                note: c.note.as_deref(),
                status: c.status.as_str(),
                ends: c.ends.map(|d| d.to_string()),
            }
        })
        .collect();
    ShowRecord {
        program: ProgramRecord::new(p, catalog, ctx),
        platform: p.platform.as_deref(),
        subjects: &p.subjects,
        courses: p.courses,
        credits: p.credits,
        admission: p.admission.as_str(),
        listed_currency: &p.currency,
        financial_aid: p.financial_aid,
        fees: FeesRecord {
            per_course: f.per_course.map(convert),
            per_credit: f.per_credit.map(convert),
            per_term: f.per_term.map(convert),
            term_months: f.term_months,
            one_off: f.one_off.map(convert),
        },
        hours_per_week_min: low(p.hours_per_week),
        hours_per_week_max: high(p.hours_per_week),
        course_hours_per_week_min: low(p.rare.course_hours_per_week),
        course_hours_per_week_max: high(p.rare.course_hours_per_week),
        max_courses_per_term: p.rare.max_courses_per_term,
        max_months: p.rare.max_months,
        credit,
        ends: p.rare.ends.map(|d| d.to_string()),
        partners: &p.rare.partners,
        url: p.url.as_deref(),
        notes: p.rare.notes.as_deref(),
        source: catalog.sources.get(p.source).cloned().unwrap_or_default(),
        checked: {
            let group = |f: Figure| {
                let check = p.check(f);
                GroupRecord {
                    verified: check.date.map(|d| d.to_string()),
                    source: catalog
                        .sources
                        .get(check.source as usize)
                        .cloned()
                        .unwrap_or_default(),
                    stale: p.is_figure_stale(f, ctx.today),
                }
            };
            CheckedRecord {
                cost: group(Figure::Cost),
                months: group(Figure::Months),
                pacing: group(Figure::Pacing),
                credit: group(Figure::Credit),
            }
        },
        sources: p
            .cited()
            .into_iter()
            .filter_map(|key| catalog.reference(key))
            .map(|r| CitedRecord {
                key: &r.key,
                title: &r.title,
                url: r.url.as_deref(),
                date: r.date.map(|d| d.to_string()),
            })
            .collect(),
    }
}
