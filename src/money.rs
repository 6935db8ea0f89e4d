//! Converting amounts between currencies with the catalogue's rates.

use std::collections::BTreeMap;

use anyhow::{Result, bail};

use crate::catalog::{Amount, Catalog, Program};

/// Converts any catalogue amount into the display currency, with the catalogue's rates (its
/// own copy: a handful of numbers, so that it borrows nothing).
#[derive(Debug, Clone)]
pub struct Money {
    /// Value of one unit of each currency in USD, as the catalogue gives them.
    rates: BTreeMap<String, f64>,
    /// ISO 4217 code amounts are shown in.
    pub display: String,
    /// Value of one unit of the display currency in USD.
    display_rate: f64,
    /// The display currency's rate as records name it; `None` for USD.
    rate: Option<Rate>,
}

/// The rate amounts were converted at, as every converted record names it: `rate` in JSON,
/// `rate_currency`, `rate_per_usd`, `rate_as_of` and `rate_source` in CSV.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Rate {
    pub currency: String,
    /// Units of `currency` per USD.
    #[serde(serialize_with = "six_places")]
    pub per_usd: f64,
    pub as_of: Option<String>,
    pub source: Option<String>,
}

/// A rate to six decimal places: enough for every published rate, without float noise.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` hands a reference
fn six_places<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64((value * 1e6).round() / 1e6)
}

impl Money {
    /// Shows amounts in `display` (USD when `None`); a code without a rate is an error naming
    /// the known ones.
    pub fn new(catalog: &Catalog, display: Option<&str>) -> Result<Self> {
        let display = display.unwrap_or("USD").to_ascii_uppercase();
        let Some(display_rate) = catalog.rate(&display) else {
            let currencies = catalog.currencies();
            let known: Vec<String> = currencies.iter().map(|c| format!("`{c}`")).collect();
            let hint =
                crate::catalog::wording::did_you_mean(&display, currencies.iter().copied(), 0.7, 1, "");
            bail!(
                "no rate for currency `{display}`; known currencies: {} (add a rate to `rates` in a catalogue of your own){hint}",
                known.join(", ")
            );
        };
        let info = catalog.rate_info.get(&display);
        let rate = (display != "USD").then(|| Rate {
            currency: display.clone(),
            per_usd: 1.0 / display_rate,
            as_of: info.and_then(|i| i.as_of).map(|d| d.to_string()),
            source: info.and_then(|i| i.source.clone()),
        });
        Ok(Money {
            rates: catalog.rates.clone(),
            display,
            display_rate,
            rate,
        })
    }

    /// Value of one unit of `currency` in USD. Loading guarantees a rate for every currency a
    /// program uses; an unknown one counts as USD rather than failing here.
    pub fn usd_rate(&self, currency: &str) -> f64 {
        self.rates.get(currency).copied().unwrap_or(1.0)
    }

    /// `amount`, given in `currency`, in the display currency.
    pub fn convert(&self, amount: Amount, currency: &str) -> Amount {
        // Most amounts are already in the display currency: no rate to look up.
        if currency == self.display {
            return amount;
        }
        amount.scale(self.usd_rate(currency) / self.display_rate)
    }

    /// A program's cost in the display currency, `None` where the catalogue says unknown.
    pub fn cost_of(&self, program: &Program) -> Option<Amount> {
        program.cost.map(|c| self.convert(c, &program.currency))
    }

    /// The rate amounts are shown at, with its date and source; `None` when they are in USD.
    pub fn rate(&self) -> Option<&Rate> {
        self.rate.as_ref()
    }

    /// A single figure in `currency`, in the display currency.
    pub fn convert_value(&self, value: f64, currency: &str) -> f64 {
        value * self.usd_rate(currency) / self.display_rate
    }
}
