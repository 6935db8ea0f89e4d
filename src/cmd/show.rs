//! `show`: every field of one or more programs, one column per program.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value};

use super::{Context, programs_named};
use crate::catalog::{Catalog, Fees, PathwayKind, Program, Target};
use crate::render::{self, Document, Grid, text};

/// Prints the programs named by `ids`.
pub fn run(
    ids: &[String],
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    _err: &mut dyn Write,
) -> Result<()> {
    let programs = programs_named(catalog, ids)?;
    let mut header = vec!["Field"];
    header.extend(programs.iter().map(|p| p.id.as_str()));
    let wrap: Vec<usize> = (1..header.len()).collect();
    let mut grid = Grid::new(&header, &[], &wrap);
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
    let records = programs.iter().map(|p| record(p, catalog, ctx)).collect();
    let document = Document {
        records,
        fields: Vec::new(),
        single: false,
        grid,
        title: "show".into(),
        plot: None,
        ..Document::default()
    };
    render::write(document, ctx.format, ctx.style, out)?;
    Ok(())
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
                Target::Described { degree, at: None } => degree.clone(),
            };
            let note = p.note.as_ref().map_or(String::new(), |n| format!("; {n}"));
            format!("{} toward {target}{note}", text::pathway_amount(p))
        })
        .collect()
}

fn fields(p: &Program, catalog: &Catalog, ctx: &Context) -> Vec<(&'static str, String)> {
    let institution = catalog
        .institution(&p.institution)
        .map_or(p.institution.clone(), |i| format!("{} ({})", i.name, i.label()));
    let cost = ctx.money.cost_of(p);
    let stale = p.is_stale(ctx.today);
    let mut cost_text = text::money(cost, &ctx.money.display);
    if p.currency != ctx.money.display {
        cost_text.push_str(&format!(" ({})", text::money(p.cost, &p.currency)));
    }
    if stale {
        cost_text.push_str(" *");
    }
    let verified = match (p.verified, stale) {
        (Some(d), true) => format!("{d} (possibly stale)"),
        (Some(d), false) => d.to_string(),
        (None, _) => "never (possibly stale)".into(),
    };
    let fees = p.fees.as_deref().map(|f| {
        fee_parts(f, &p.currency, ctx)
            .into_iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let pathways = pathway_lines(p, catalog);
    vec![
        ("name", p.name.clone()),
        ("kind", p.kind.to_string()),
        ("institution", institution),
        ("platform", or_dash(p.platform.clone())),
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
        ("months", text::range(p.months)),
        (
            "hours/week",
            or_dash(p.hours_per_week.map(|h| text::range(Some(h)))),
        ),
        (
            "credit",
            or_dash((!pathways.is_empty()).then(|| pathways.join("\n"))),
        ),
        ("status", p.status.to_string()),
        ("ends", or_dash(p.ends.map(|d| d.to_string()))),
        (
            "partners",
            or_dash((!p.partners.is_empty()).then(|| p.partners.join(", "))),
        ),
        ("url", or_dash(p.url.clone())),
        ("verified", verified),
        ("notes", or_dash(p.notes.clone())),
        (
            "source",
            catalog.sources.get(p.source).cloned().unwrap_or_default(),
        ),
    ]
}

/// The full JSON record of one program.
pub fn record(p: &Program, catalog: &Catalog, ctx: &Context) -> Map<String, Value> {
    // A derived record always serializes to an object.
    let mut record = match serde_json::to_value(super::ProgramRecord::new(p, catalog, ctx)) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let convert = |v: f64| render::number(ctx.money.convert_value(v, &p.currency));
    record.insert("platform".into(), render::maybe_text(p.platform.as_deref()));
    record.insert("subjects".into(), p.subjects.clone().into());
    record.insert("courses".into(), p.courses.map_or(Value::Null, Value::from));
    record.insert("credits".into(), render::maybe(p.credits));
    record.insert("admission".into(), p.admission.as_str().into());
    record.insert("listed_currency".into(), p.currency.clone().into());
    record.insert("financial_aid".into(), render::maybe(p.financial_aid));
    // The same keys for every program, fee parts or not: CSV columns must not depend on which
    // program comes first.
    let f = p.fees.as_deref().copied().unwrap_or_default();
    let mut fees = Map::new();
    fees.insert("per_course".into(), f.per_course.map_or(Value::Null, convert));
    fees.insert("per_credit".into(), f.per_credit.map_or(Value::Null, convert));
    fees.insert("per_term".into(), f.per_term.map_or(Value::Null, convert));
    fees.insert("term_months".into(), render::maybe(f.term_months));
    fees.insert("one_off".into(), f.one_off.map_or(Value::Null, convert));
    record.insert("fees".into(), Value::Object(fees));
    record.insert(
        "hours_per_week_min".into(),
        render::maybe(p.hours_per_week.map(|h| h.min)),
    );
    record.insert(
        "hours_per_week_max".into(),
        render::maybe(p.hours_per_week.map(|h| h.max)),
    );
    let pathways: Vec<Value> = p
        .credit
        .iter()
        .map(|c| {
            let mut m = Map::new();
            let (toward, degree, at) = match &c.target {
                Target::Program(id) => (Some(id.as_str()), None, None),
                Target::Described { degree, at } => (None, Some(degree.as_str()), at.as_deref()),
            };
            m.insert("toward".into(), render::maybe_text(toward));
            m.insert("degree".into(), render::maybe_text(degree));
            m.insert("at".into(), render::maybe_text(at));
            m.insert("grants".into(), c.grants.as_str().into());
            m.insert("share".into(), render::maybe(c.share));
            m.insert(
                "share_computed".into(),
                matches!(c.kind(), PathwayKind::Share { computed: true, .. }).into(),
            );
            m.insert("credits".into(), render::maybe(c.credits));
            m.insert("of".into(), render::maybe(c.of));
            m.insert("unit".into(), render::maybe_text(c.unit.as_deref()));
            m.insert("tuition".into(), c.tuition.as_str().into());
            m.insert("note".into(), render::maybe_text(c.note.as_deref()));
            Value::Object(m)
        })
        .collect();
    record.insert("credit".into(), pathways.into());
    record.insert(
        "ends".into(),
        render::maybe_text(p.ends.map(|d| d.to_string()).as_deref()),
    );
    record.insert("partners".into(), p.partners.clone().into());
    record.insert("url".into(), render::maybe_text(p.url.as_deref()));
    record.insert("notes".into(), render::maybe_text(p.notes.as_deref()));
    record.insert(
        "source".into(),
        catalog.sources.get(p.source).cloned().unwrap_or_default().into(),
    );
    record
}
