//! The naive peer: reads a whole catalogue with `toml` and serde derive, keeps active programs
//! that are self-paced (or both) with a highest cost in USD of at most MAX (3000), sorts them by
//! cost (low, high), months (low, high) and id, and prints the first 20 ids, one a line.
//!
//!     naive-peer CATALOG.toml [MAX_COST_USD]

use std::collections::HashMap;

use serde::Deserialize;

#[derive(Deserialize)]
struct Catalogue {
    #[serde(default)]
    rates: HashMap<String, f64>,
    program: Vec<Program>,
}

#[derive(Deserialize)]
struct Program {
    id: String,
    status: Option<String>,
    pacing: String,
    currency: Option<String>,
    cost: Figure,
    months: Figure,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Figure {
    One(f64),
    Range([f64; 2]),
    // `"unknown"`: never kept.
    Word(#[allow(dead_code)] String),
}

impl Figure {
    fn ends(&self) -> Option<(f64, f64)> {
        match self {
            Figure::One(x) => Some((*x, *x)),
            Figure::Range([a, b]) => Some((*a, *b)),
            Figure::Word(_) => None,
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: naive-peer CATALOG.toml [MAX_COST_USD]");
    let most: f64 = args.next().map_or(3000.0, |m| m.parse().expect("a number"));
    let text = std::fs::read_to_string(&path).expect("a readable catalogue");
    let catalogue: Catalogue = toml::from_str(&text).expect("a catalogue");
    let mut kept = Vec::new();
    for p in &catalogue.program {
        let active = p.status.as_deref().unwrap_or("active") == "active";
        if !active || !(p.pacing == "self-paced" || p.pacing == "both") {
            continue;
        }
        let currency = p.currency.as_deref().unwrap_or("USD");
        let rate = if currency == "USD" {
            1.0
        } else {
            catalogue.rates[currency]
        };
        let (Some((low, high)), Some((m_low, m_high))) = (p.cost.ends(), p.months.ends()) else {
            continue;
        };
        let (low, high) = (low * rate, high * rate);
        if high <= most {
            kept.push((low, high, m_low, m_high, p.id.as_str()));
        }
    }
    kept.sort_by(|a, b| a.partial_cmp(b).expect("finite figures"));
    for row in kept.iter().take(20) {
        println!("{}", row.4);
    }
}
