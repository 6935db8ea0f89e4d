//! `estimate`: the total cost and time of one program for this learner.

use std::io::Write;

use super::{Context, CostMonths, high, low};
use crate::catalog::{Amount, Catalog, Grants, Tuition};
use crate::estimate::{self, CostBasis, Estimate, FeeKind, FeePart, Note, Request, Then};
use crate::render::{self, Align, Column, Entry, Grid, Report, Row, Wrap, text};
use anyhow::{Result, bail};

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
    let report = Report {
        entries: std::iter::once(Estimated {
            estimate: &estimate,
            currency: &ctx.money.display,
        }),
        layout: layout(&estimate),
        single: true,
        title: format!("estimate {}", estimate.id),
        plot: None,
    };
    render::report(report, ctx.format, ctx.style, out)?;
    Ok(())
}

/// An estimate and the currency its figures are shown in.
struct Estimated<'a> {
    estimate: &'a Estimate,
    currency: &'a str,
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
    /// Absent when the advertised cost was used; `null` when the terms are unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[allow(clippy::option_option)]
    terms: Option<Option<u32>>,
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
    #[serde(flatten)]
    then: Option<ThenRecord<'a>>,
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

/// The rest of the degree, then the pathway's totals beside the degree alone.
#[derive(Default, serde::Serialize)]
pub struct ThenRecord<'a> {
    then: ThenPart<'a>,
    #[serde(serialize_with = "render::optional_number")]
    total_cost_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    total_cost_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    direct_cost_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    direct_cost_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    saving_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    saving_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    total_months_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    total_months_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    direct_months_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    direct_months_max: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    months_saved_min: Option<f64>,
    #[serde(serialize_with = "render::optional_number")]
    months_saved_max: Option<f64>,
}

/// The degree after the credential: what the credential counts for, and what is left.
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
}

fn then_record(t: &Then) -> ThenRecord<'_> {
    ThenRecord {
        then: ThenPart {
            id: &t.id,
            share: t.share,
            share_computed: t.computed,
            grants: t.grants.as_str(),
            tuition: t.tuition.as_str(),
            figures: CostMonths::new(t.cost, t.months),
        },
        total_cost_min: low(t.total_cost),
        total_cost_max: high(t.total_cost),
        direct_cost_min: low(t.direct_cost),
        direct_cost_max: high(t.direct_cost),
        saving_min: low(t.saving),
        saving_max: high(t.saving),
        total_months_min: low(t.total_months),
        total_months_max: high(t.total_months),
        direct_months_min: low(t.direct_months),
        direct_months_max: high(t.direct_months),
        months_saved_min: low(t.months_saved),
        months_saved_max: high(t.months_saved),
    }
}

impl<'a> Entry for Estimated<'a> {
    type Record = EstimateRecord<'a>;

    fn record(&self) -> EstimateRecord<'a> {
        let e = self.estimate;
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
            months_min: low(e.months),
            months_max: high(e.months),
            months_basis: match e.months_basis {
                estimate::MonthsBasis::Advertised => "advertised",
                estimate::MonthsBasis::Pace(_) => "pace",
                estimate::MonthsBasis::Terms { .. } => "terms",
            },
            then: e.then.as_ref().map(then_record),
            notes: e.notes.iter().map(note).collect(),
        }
    }

    fn rows(&self, rows: &mut Vec<Row>) {
        let (e, currency) = (self.estimate, self.currency);
        let money = |a: Option<Amount>| text::money(a, currency);
        let mut row = |label: &str, value: String| {
            rows.push(Row {
                cells: vec![label.to_string(), value],
                ..Row::default()
            });
        };
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
    }
}

/// The table's header and the notes under it; the rows come from the entry.
fn layout(e: &Estimate) -> Grid {
    let mut grid = Grid::new([
        Column::word(""),
        Column::new(e.id.clone(), Align::Right, Wrap::Words),
    ]);
    grid.footer = e.notes.iter().map(note).collect();
    grid
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
