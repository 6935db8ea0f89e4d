//! `estimate`: the total cost and time of one program for this learner.

use std::io::Write;

use anyhow::{Result, bail};
use serde_json::{Map, Value};

use super::Context;
use crate::catalog::{Amount, Catalog, Grants, Tuition};
use crate::estimate::{self, CostBasis, Estimate, FeeKind, Note, Request, Then};
use crate::render::{self, Document, Grid, text};

/// Estimates program `id` for `request`.
pub fn run(
    id: &str,
    request: &Request,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    _err: &mut dyn Write,
) -> Result<()> {
    let Some(program) = catalog.program(id) else {
        bail!("{}", catalog.unknown_program(id));
    };
    let estimate = estimate::estimate(program, catalog, &ctx.money, request)?;
    let document = Document {
        records: vec![record(&estimate)],
        fields: Vec::new(),
        single: true,
        grid: grid(&estimate, &ctx.money.display),
        title: format!("estimate {}", estimate.id),
        plot: None,
        ..Document::default()
    };
    render::write(document, ctx.format, ctx.style, out)?;
    Ok(())
}

fn put(record: &mut Map<String, Value>, prefix: &str, amount: Option<Amount>) {
    record.insert(format!("{prefix}_min"), render::maybe(amount.map(|a| a.min)));
    record.insert(format!("{prefix}_max"), render::maybe(amount.map(|a| a.max)));
}

/// The JSON object, keys as in the interface.
pub fn record(e: &Estimate) -> Map<String, Value> {
    let mut r = Map::new();
    r.insert("id".into(), e.id.clone().into());
    r.insert("name".into(), e.name.clone().into());
    r.insert("currency".into(), e.currency.clone().into());
    put(&mut r, "full_cost", e.full_cost);
    r.insert("aid".into(), render::number(e.aid));
    put(&mut r, "cost", e.cost);
    r.insert(
        "cost_basis".into(),
        match e.cost_basis {
            CostBasis::Advertised => "advertised",
            CostBasis::Fees { .. } => "fees",
        }
        .into(),
    );
    if let CostBasis::Fees { terms, parts } = &e.cost_basis {
        r.insert("terms".into(), terms.map_or(Value::Null, Value::from));
        let mut fees = Map::new();
        for part in parts {
            let key = part.kind.as_str().replace([' ', '-'], "_");
            fees.insert(key, render::number(part.total()));
        }
        r.insert("fees".into(), Value::Object(fees));
    }
    put(&mut r, "effort_hours", e.effort_hours);
    put(&mut r, "months", e.months);
    r.insert(
        "months_basis".into(),
        match e.months_basis {
            estimate::MonthsBasis::Advertised => "advertised",
            estimate::MonthsBasis::Pace(_) => "pace",
            estimate::MonthsBasis::Terms { .. } => "terms",
        }
        .into(),
    );
    if let Some(t) = &e.then {
        let mut then = Map::new();
        then.insert("id".into(), t.id.clone().into());
        then.insert("share".into(), render::maybe(t.share));
        then.insert("share_computed".into(), t.computed.into());
        then.insert("grants".into(), t.grants.as_str().into());
        then.insert("tuition".into(), t.tuition.as_str().into());
        put(&mut then, "cost", t.cost);
        put(&mut then, "months", t.months);
        r.insert("then".into(), Value::Object(then));
        put(&mut r, "total_cost", t.total_cost);
        put(&mut r, "direct_cost", t.direct_cost);
        put(&mut r, "saving", t.saving);
        put(&mut r, "total_months", t.total_months);
        put(&mut r, "direct_months", t.direct_months);
        put(&mut r, "months_saved", t.months_saved);
    }
    r.insert(
        "notes".into(),
        e.notes.iter().map(note).collect::<Vec<_>>().into(),
    );
    r
}

/// What the credential does for the degree, in words.
fn then_line(e: &Estimate, t: &Then) -> String {
    let mut line = match (t.grants, t.share) {
        (Grants::Admission, _) => format!("{} is a route in only: no credit", e.id),
        (_, None) => format!("{} counts for a share no source gives (?)", e.id),
        (_, Some(share)) if t.computed => format!(
            "{} counts for ~{} (computed from credits)",
            e.id,
            text::share(Some(share))
        ),
        (_, Some(share)) => format!("{} counts for {}", e.id, text::share(Some(share))),
    };
    if t.tuition == Tuition::Full {
        line.push_str("; full tuition still due");
    }
    line
}

fn grid(e: &Estimate, currency: &str) -> Grid {
    let money = |a: Option<Amount>| text::money(a, currency);
    let mut grid = Grid::new(&["", &e.id], &[1], &[1]);
    let mut row = |label: &str, value: String| grid.push(vec![label.to_string(), value], false);
    row("program", e.name.clone());
    row("full price", money(e.full_cost));
    if let CostBasis::Fees { parts, .. } = &e.cost_basis {
        for part in parts {
            let how = if part.kind == FeeKind::OneOff {
                String::new()
            } else {
                format!(
                    " ({} × {})",
                    text::short(part.count),
                    money(Some(Amount::exact(part.each)))
                )
            };
            row(
                &format!("  {}{how}", part.kind),
                money(Some(Amount::exact(part.total()))),
            );
        }
    }
    row("aid", text::share(Some(e.aid)));
    row("you pay", money(e.cost));
    row(
        "effort (hours)",
        e.effort_hours.map_or_else(
            || "?".into(),
            |h| text::range(Some(Amount::range(h.min.round(), h.max.round()))),
        ),
    );
    row("months", text::range(e.months));
    if let Some(t) = &e.then {
        row(&format!("then {}", t.id), then_line(e, t));
        row("  rest of the degree", money(t.cost));
        row("  its months", text::range(t.months));
        row("pathway total", money(t.total_cost));
        row("degree alone", money(t.direct_cost));
        row("money saved", money(t.saving));
        row("pathway months", text::range(t.total_months));
        row("degree alone months", text::range(t.direct_months));
        row("months saved", text::range(t.months_saved));
    }
    grid.footer = e.notes.iter().map(note).collect();
    grid
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
        Note::Terms { terms, term_months } => format!("months: {terms} term(s) of {term_months} months"),
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
