//! Writes a catalogue back as TOML in format 1, so that what was loaded can be saved, shared
//! and loaded again unchanged.

use toml::value::{Array, Datetime, Table, Value};

use super::Catalog;
use crate::catalog::amount::Amount;
use crate::catalog::date::Date;
use crate::catalog::model::{Grants, Institution, PathwayStatus, Program, Target, Text, Tuition};

fn date(d: Date) -> Value {
    let text = d.to_string();
    // A `Date` always prints as YYYY-MM-DD, which TOML reads as a local date.
    text.parse::<Datetime>()
        .map_or(Value::String(text), Value::Datetime)
}

fn amount(a: Amount) -> Value {
    if a.min == a.max {
        Value::Float(a.min)
    } else {
        Value::Array(vec![Value::Float(a.min), Value::Float(a.max)])
    }
}

fn stated(a: Option<Amount>) -> Value {
    a.map_or_else(|| Value::String("unknown".into()), amount)
}

fn strings(items: &[Text]) -> Value {
    Value::Array(items.iter().map(|s| Value::String(s.to_string())).collect())
}

fn put(table: &mut Table, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        table.insert(key.into(), v);
    }
}

fn institution(i: &Institution) -> Value {
    let mut t = Table::new();
    t.insert("id".into(), Value::String(i.id.clone()));
    t.insert("name".into(), Value::String(i.name.clone()));
    put(&mut t, "short", i.short.clone().map(Value::String));
    put(&mut t, "country", i.country.clone().map(Value::String));
    put(&mut t, "url", i.url.clone().map(Value::String));
    Value::Table(t)
}

fn program(p: &Program) -> Value {
    let mut t = Table::new();
    let text = |s: &str| Value::String(s.to_string());
    t.insert("id".into(), text(&p.id));
    t.insert("name".into(), text(&p.name));
    t.insert("kind".into(), text(p.kind.as_str()));
    t.insert("institution".into(), text(&p.institution));
    put(&mut t, "platform", p.platform.as_deref().map(text));
    t.insert("delivery".into(), text(p.delivery.as_str()));
    t.insert("pacing".into(), text(p.pacing.as_str()));
    t.insert("subjects".into(), strings(&p.subjects));
    put(&mut t, "courses", p.courses.map(|c| Value::Integer(i64::from(c))));
    put(&mut t, "credits", p.credits.map(Value::Float));
    t.insert("admission".into(), text(p.admission.as_str()));
    t.insert("cost".into(), stated(p.cost));
    t.insert("currency".into(), text(&p.currency));
    put(&mut t, "financial_aid", p.financial_aid.map(Value::Float));
    if let Some(fees) = &p.fees {
        let mut f = Table::new();
        put(&mut f, "per_course", fees.per_course.map(Value::Float));
        put(&mut f, "per_credit", fees.per_credit.map(Value::Float));
        put(&mut f, "per_term", fees.per_term.map(Value::Float));
        put(&mut f, "term_months", fees.term_months.map(Value::Float));
        put(&mut f, "one_off", fees.one_off.map(Value::Float));
        t.insert("fees".into(), Value::Table(f));
    }
    t.insert("months".into(), stated(p.months));
    put(&mut t, "hours_per_week", p.hours_per_week.map(amount));
    put(
        &mut t,
        "course_hours_per_week",
        p.rare.course_hours_per_week.map(amount),
    );
    put(
        &mut t,
        "max_courses_per_term",
        p.rare.max_courses_per_term.map(|c| Value::Integer(i64::from(c))),
    );
    put(&mut t, "max_months", p.rare.max_months.map(Value::Float));
    let credit: Array = p
        .credit
        .iter()
        .map(|c| {
            let mut ct = Table::new();
            match &c.target {
                Target::Program(id) => {
                    ct.insert("toward".into(), text(id));
                }
                Target::Described { degree, at } => {
                    ct.insert("degree".into(), text(degree));
                    put(&mut ct, "at", at.as_deref().map(text));
                }
            }
            if c.grants == Grants::Admission {
                ct.insert("grants".into(), text(c.grants.as_str()));
            } else if let Some(credits) = c.credits {
                ct.insert("credits".into(), Value::Float(credits));
                put(&mut ct, "of", c.of.map(Value::Float));
            } else {
                let share = c.share.map_or_else(|| text("unknown"), Value::Float);
                ct.insert("share".into(), share);
            }
            put(&mut ct, "unit", c.unit.as_deref().map(text));
            if c.tuition == Tuition::Full {
                ct.insert("tuition".into(), text(c.tuition.as_str()));
            }
            put(&mut ct, "note", c.note.as_deref().map(text));
            if c.status != PathwayStatus::Active {
                ct.insert("status".into(), text(c.status.as_str()));
            }
            put(&mut ct, "ends", c.ends.map(date));
            Value::Table(ct)
        })
        .collect();
    if !credit.is_empty() {
        t.insert("credit".into(), Value::Array(credit));
    }
    t.insert("status".into(), text(p.status.as_str()));
    put(&mut t, "ends", p.rare.ends.map(date));
    t.insert("partners".into(), strings(&p.rare.partners));
    put(&mut t, "url", p.url.as_deref().map(text));
    put(&mut t, "verified", p.verified.map(date));
    put(&mut t, "notes", p.rare.notes.as_deref().map(text));
    if !p.rare.sources.is_empty() {
        t.insert("sources".into(), strings(&p.rare.sources));
    }
    Value::Table(t)
}

/// The whole catalogue as one TOML document in format 1.
pub fn to_toml(catalog: &Catalog) -> Result<String, toml::ser::Error> {
    let mut doc = Table::new();
    doc.insert("format".into(), Value::Integer(1));
    put(&mut doc, "as_of", catalog.as_of.map(date));
    // Each rate as a table of its own, with its own date and source.
    let rates: Table = catalog
        .rates
        .iter()
        .map(|(code, usd)| {
            let mut t = Table::new();
            t.insert("usd".into(), Value::Float(*usd));
            let info = catalog.rate_info.get(code);
            put(&mut t, "as_of", info.and_then(|i| i.as_of).map(date));
            put(
                &mut t,
                "source",
                info.and_then(|i| i.source.clone()).map(Value::String),
            );
            (code.clone(), Value::Table(t))
        })
        .collect();
    doc.insert("rate".into(), Value::Table(rates));
    let text = |s: &str| Value::String(s.to_string());
    let sources: Array = catalog
        .references
        .iter()
        .map(|r| {
            let mut t = Table::new();
            t.insert("key".into(), text(&r.key));
            t.insert("title".into(), text(&r.title));
            put(&mut t, "url", r.url.as_deref().map(text));
            put(&mut t, "date", r.date.map(date));
            put(&mut t, "about", r.about.as_deref().map(text));
            Value::Table(t)
        })
        .collect();
    doc.insert("source".into(), Value::Array(sources));
    doc.insert(
        "institution".into(),
        Value::Array(catalog.institutions.iter().map(institution).collect()),
    );
    doc.insert(
        "program".into(),
        Value::Array(catalog.programs.iter().map(program).collect()),
    );
    toml::to_string(&doc)
}
