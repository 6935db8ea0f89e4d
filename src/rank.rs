//! The score and the order of a comparison. Pure and deterministic: every order ends with `id`.
//!
//! The score is a weighted mean of four parts, each in [0, 1] and normalised over the programs
//! being compared (the best of them gets 1, the worst 0): cost and months (lower is better, by
//! the middle of the range, on a ratio scale: `ln(1 + value)`), credit (the largest known
//! pathway share, linear; none, unknown and admission-only count as 0) and pacing (the preferred
//! mode, else the most flexible, is best). An unknown figure gets the worst value among the
//! programs compared. A criterion on which all programs are equal gives all of them 1. The score
//! is 100 x the weighted mean, rounded to one decimal.
//!
//! Why a ratio scale: learners weigh prices as ratios ($500 against $1,000 matters as much as
//! $20,000 against $40,000), and on a linear scale one $74,000 degree squashes the cost part of
//! every credential from $300 to $5,000 into 0.94 to 1.00.

use std::cmp::Ordering;

use crate::catalog::{Amount, Catalog, Pacing, Program, Status};
use crate::filter::{self, Filter, Removed};
use crate::money::Money;
use crate::named::named_enum;
use crate::pace::Pace;

named_enum! {
    /// What a comparison can be ordered by.
    SortKey {
        Score = "score",
        Cost = "cost",
        Months = "months",
        Credit = "credit",
        Pacing = "pacing",
        Name = "name",
    }
}

/// One key of an order, best first unless reversed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderKey {
    pub key: SortKey,
    pub reverse: bool,
}

/// An order: keys applied in turn, then `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order(pub Vec<OrderKey>);

/// Parses `score,-cost,name`: a comma list of keys, each optionally prefixed by `-`.
pub fn parse_order(text: &str) -> Result<Order, String> {
    parse_keys(text, SortKey::NAMES).map(|keys| {
        Order(
            keys.into_iter()
                .map(|(key, reverse)| OrderKey { key, reverse })
                .collect(),
        )
    })
}

/// A comma list of sort keys out of `names`, each optionally prefixed by `-` (reversed); a
/// mistyped key names the closest. `compare`, `list` and `plan` all read their `--sort` so.
pub fn parse_keys<K: std::str::FromStr<Err = String>>(
    text: &str,
    names: &[&str],
) -> Result<Vec<(K, bool)>, String> {
    text.split(',')
        .map(|part| {
            let part = part.trim();
            let (reverse, name) = match part.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, part),
            };
            let key = name.parse::<K>().map_err(|e| {
                let hint = crate::catalog::wording::did_you_mean(name, names.iter().copied(), 0.8, 1, "");
                format!("sort key {e}{hint}")
            })?;
            Ok((key, reverse))
        })
        .collect()
}

/// `parse_order` for `list`, which has no score: `score` is refused, saying why.
pub fn parse_list_order(text: &str) -> Result<Order, String> {
    let order = parse_order(text)?;
    if order.0.iter().any(|k| k.key == SortKey::Score) {
        return Err(
            "`list` has no score: sort by cost, months, credit, pacing or name (`compare` ranks by score)"
                .into(),
        );
    }
    Ok(order)
}

/// `programs` in the order of `keys` (as `compare --sort`, without `score`), then by id: cost
/// and months by the low end, then the high end; unknowns last either way.
pub fn order_programs(programs: &mut Vec<&Program>, keys: &[OrderKey], money: &Money) {
    let mut keyed: Vec<(SortValues, &Program)> = programs
        .drain(..)
        .map(|p| {
            let values = SortValues {
                score: None,
                cost: money.cost_of(p).map(|c| (c.min, c.max)),
                months: p.months.map(|m| (m.min, m.max)),
                credit: p.credit_share().unwrap_or(0.0),
                pacing: pacing_rank(p.pacing, None),
                name: p.name.as_str().to_lowercase(),
            };
            (values, p)
        })
        .collect();
    keyed.sort_by(|(a, pa), (b, pb)| SortValues::compare(a, b, keys).then_with(|| pa.id.cmp(&pb.id)));
    programs.extend(keyed.into_iter().map(|(_, p)| p));
}

named_enum! {
    /// What the score weighs.
    Criterion {
        Cost = "cost",
        Months = "months",
        Credit = "credit",
        Pacing = "pacing",
    }
}

/// How much each criterion counts in the score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub cost: f64,
    pub months: f64,
    pub credit: f64,
    pub pacing: f64,
}

impl Default for Weights {
    /// Every criterion counts the same.
    fn default() -> Self {
        Weights {
            cost: 1.0,
            months: 1.0,
            credit: 1.0,
            pacing: 1.0,
        }
    }
}

impl Weights {
    /// The weight of `criterion`, to set.
    fn of_mut(&mut self, criterion: Criterion) -> &mut f64 {
        match criterion {
            Criterion::Cost => &mut self.cost,
            Criterion::Months => &mut self.months,
            Criterion::Credit => &mut self.credit,
            Criterion::Pacing => &mut self.pacing,
        }
    }
}

/// The largest weight: a thousand times another is as lopsided as a score can usefully be, and
/// sums of such weights stay finite.
pub const MOST_WEIGHT: f64 = 1000.0;

/// Parses `cost=2,pacing=0`: criteria not named keep their default weight of 1.
pub fn parse_weights(text: &str) -> Result<Weights, String> {
    let mut weights = Weights::default();
    for part in text.split(',') {
        let Some((name, value)) = part.split_once('=') else {
            return Err(format!("`{part}` is not `criterion=weight`, like `cost=2`"));
        };
        let value: f64 = match value.trim().parse() {
            Ok(v) if f64::is_finite(v) && (0.0..=MOST_WEIGHT).contains(&v) => v,
            _ => {
                return Err(format!(
                    "weight `{}` must be a number from 0 to {MOST_WEIGHT}",
                    value.trim()
                ));
            }
        };
        let criterion = name.trim().parse::<Criterion>().map_err(|_| {
            let hint = crate::catalog::wording::did_you_mean(
                name.trim(),
                Criterion::NAMES.iter().copied(),
                0.8,
                1,
                "use `cost`, `months`, `credit` or `pacing`",
            );
            format!("unknown criterion `{}`{hint}", name.trim())
        })?;
        *weights.of_mut(criterion) = value;
    }
    if weights.cost + weights.months + weights.credit + weights.pacing <= 0.0 {
        return Err("at least one weight must be greater than 0".into());
    }
    Ok(weights)
}

/// A comparison, as plain values: which programs, in which order, scored how.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub ids: Vec<String>,
    pub filter: Filter,
    pub order: Vec<OrderKey>,
    pub weights: Weights,
    pub prefer: Option<Pacing>,
    pub limit: Option<usize>,
}

/// Each criterion's part of a score, in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Parts {
    pub cost: f64,
    pub months: f64,
    pub credit: f64,
    pub pacing: f64,
}

impl Parts {
    /// Each criterion with its part and its weight in `weights`, in the order the score lists
    /// them.
    pub fn with(self, weights: Weights) -> [(Criterion, f64, f64); 4] {
        [
            (Criterion::Cost, self.cost, weights.cost),
            (Criterion::Months, self.months, weights.months),
            (Criterion::Credit, self.credit, weights.credit),
            (Criterion::Pacing, self.pacing, weights.pacing),
        ]
    }
}

/// The programs a comparison selects, scored and in order.
#[derive(Debug, Clone)]
pub struct Ranking<'a> {
    /// In order, the first `limit` only.
    pub ranked: Vec<Ranked<'a>>,
    /// How many passed the filters, before `limit`: the set scores and the front are over.
    pub matched: usize,
    pub removed: Removed,
}

/// Selects (`named`, else every program the filters keep), scores and orders `args`'s
/// programs. Scores and the cost–time front are over every program that passed the filters,
/// before `limit` cuts the list, so that a limit never changes a mark.
pub fn ranking<'a>(
    catalog: &'a Catalog,
    named: &[&'a Program],
    args: &Comparison,
    money: &Money,
) -> Ranking<'a> {
    let selection = filter::select(catalog, named, &args.filter, money);
    let scored = score(
        &selection.programs,
        money,
        args.weights,
        args.prefer,
        args.filter.pace,
    );
    let matched = scored.len();
    Ranking {
        ranked: order(scored, &args.order, money, args.prefer, args.limit),
        matched,
        removed: selection.removed,
    }
}

/// A program with its score.
#[derive(Debug, Clone)]
pub struct Ranked<'a> {
    pub program: &'a Program,
    /// 0 to 100, higher is better.
    pub score: f64,
    pub parts: Parts,
    /// On the cost–time front of the programs compared (by the middle of their ranges).
    pub front: bool,
    /// Its months, at the learner's pace where one was given.
    pub months: Option<Amount>,
}

/// How flexible a pacing is, best first: 0 is best; `None` for unknown.
pub fn pacing_rank(pacing: Pacing, prefer: Option<Pacing>) -> Option<u8> {
    match (pacing, prefer) {
        (Pacing::Unknown, _) => None,
        (p, Some(wanted)) if p == wanted => Some(0),
        (Pacing::Both, _) => Some(u8::from(prefer.is_some())),
        (Pacing::SelfPaced, None) => Some(1),
        _ => Some(2),
    }
}

/// Normalises `values` (higher is better; `None` is unknown) to [0, 1] over the set.
fn normalise(values: &[Option<f64>]) -> Vec<f64> {
    let known = values.iter().flatten();
    let low = known.clone().copied().fold(f64::INFINITY, f64::min);
    let high = known.copied().fold(f64::NEG_INFINITY, f64::max);
    values
        .iter()
        .map(|v| {
            // Unknown takes the worst value among those compared.
            let v = v.unwrap_or(low);
            if high > low { (v - low) / (high - low) } else { 1.0 }
        })
        .collect()
}

/// Where a cost or a length stands on the score's ratio scale: `ln(1 + value)`, so that equal
/// ratios make equal steps and a zero cost stays finite.
pub fn ratio_scale(value: f64) -> f64 {
    // libm's, not the C library's: the binary then needs no libm.so, one shared library less
    // to load at start-up (see README, Performance).
    libm::log1p(value.max(0.0))
}

/// Scores `programs` against each other.
pub fn score<'a>(
    programs: &[&'a Program],
    money: &Money,
    weights: Weights,
    prefer: Option<Pacing>,
    pace: Pace,
) -> Vec<Ranked<'a>> {
    let at_pace: Vec<Option<Amount>> = programs.iter().map(|p| crate::pace::months_at(p, pace)).collect();
    let price: Vec<Option<Amount>> = programs.iter().map(|p| money.cost_of(p)).collect();
    // Each criterion's raw values are dropped once normalised: a catalogue of 100,000 programs
    // holds one such list at a time, not four.
    let cost = normalise(
        &price
            .iter()
            .map(|c| c.map(|c| -ratio_scale(c.mid())))
            .collect::<Vec<_>>(),
    );
    let months = normalise(
        &at_pace
            .iter()
            .map(|m| m.map(|m| -ratio_scale(m.mid())))
            .collect::<Vec<_>>(),
    );
    let credit = normalise(
        &programs
            .iter()
            .map(|p| Some(p.credit_share().unwrap_or(0.0)))
            .collect::<Vec<_>>(),
    );
    let pacing = normalise(
        &programs
            .iter()
            .map(|p| pacing_rank(p.pacing, prefer).map(|r| -f64::from(r)))
            .collect::<Vec<_>>(),
    );
    let total = weights.cost + weights.months + weights.credit + weights.pacing;
    // A retired program is never on the front: it cannot be taken.
    let points: Vec<Option<(f64, f64)>> = programs
        .iter()
        .zip(price.iter().zip(&at_pace))
        .map(|(p, (c, m))| {
            let open = p.status != Status::Retired;
            Some((c.as_ref()?.mid(), m.as_ref()?.mid())).filter(|_| open)
        })
        .collect();
    drop(price);
    let front = crate::front::front(&points);
    drop(points);
    programs
        .iter()
        .enumerate()
        .map(|(i, program)| {
            let parts = Parts {
                cost: cost[i],
                months: months[i],
                credit: credit[i],
                pacing: pacing[i],
            };
            let mean = (weights.cost * parts.cost
                + weights.months * parts.months
                + weights.credit * parts.credit
                + weights.pacing * parts.pacing)
                / total;
            Ranked {
                program,
                score: (mean * 1000.0).round() / 10.0,
                parts,
                front: front[i],
                months: at_pace[i],
            }
        })
        .collect()
}

/// A value an order compares, in a total order (figures by `total_cmp`: never "unordered").
trait SortValue {
    fn order(&self, other: &Self) -> Ordering;
}

impl SortValue for f64 {
    fn order(&self, other: &Self) -> Ordering {
        self.total_cmp(other)
    }
}

impl SortValue for (f64, f64) {
    fn order(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(self.1.total_cmp(&other.1))
    }
}

impl SortValue for u8 {
    fn order(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }
}

/// Compares two optional figures, unknown last whatever the direction.
fn known_first<T: SortValue>(a: Option<T>, b: Option<T>, reverse: bool) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => {
            let o = x.order(&y);
            if reverse { o.reverse() } else { o }
        }
    }
}

/// What an order compares, worked out once per program rather than in every comparison.
struct SortValues {
    /// The score, where the program was scored (`compare`; `list` has none).
    score: Option<f64>,
    cost: Option<(f64, f64)>,
    months: Option<(f64, f64)>,
    credit: f64,
    pacing: Option<u8>,
    /// Only filled when the order sorts by name.
    name: String,
}

impl SortValues {
    /// The order of `a` and `b` by `keys` in turn; `Equal` where every key ties (the caller
    /// breaks ties by id).
    fn compare(a: &SortValues, b: &SortValues, keys: &[OrderKey]) -> Ordering {
        keys.iter()
            .map(|k| match k.key {
                SortKey::Score => known_first(a.score.map(|s| -s), b.score.map(|s| -s), k.reverse),
                SortKey::Cost => known_first(a.cost, b.cost, k.reverse),
                SortKey::Months => known_first(a.months, b.months, k.reverse),
                SortKey::Credit => known_first(Some(-a.credit), Some(-b.credit), k.reverse),
                SortKey::Pacing => known_first(a.pacing, b.pacing, k.reverse),
                SortKey::Name => {
                    let o = a.name.cmp(&b.name);
                    if k.reverse { o.reverse() } else { o }
                }
            })
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    }
}

/// A figure as a number whose order is `total_cmp`'s (the bits of a negative figure flipped
/// but for the sign, then the sign flipped), halved so that room is left above it for the
/// unknown. Halving only joins neighbours, which the full comparison then tells apart.
fn total_order_bits(x: f64) -> u64 {
    let bits = x.to_bits() as i64;
    let ordered = bits ^ (((bits >> 63) as u64) >> 1) as i64;
    ((ordered as u64) ^ (1 << 63)) >> 1
}

/// What `SortValues::compare` looks at first, as a number: where two leads differ, they order
/// two programs as `compare` does; where they are equal, `compare` decides. Sorting on it
/// first keeps most comparisons off the programs' values, read from all over memory.
fn lead(values: &SortValues, keys: &[OrderKey]) -> u64 {
    let Some(first) = keys.first() else { return 0 };
    let figure = match first.key {
        SortKey::Score => values.score.map(|s| -s),
        SortKey::Cost => values.cost.map(|c| c.0),
        SortKey::Months => values.months.map(|m| m.0),
        SortKey::Credit => Some(-values.credit),
        SortKey::Pacing => values.pacing.map(f64::from),
        SortKey::Name => return 0,
    };
    match figure {
        // Unknown last whatever the direction, as `known_first` puts it.
        None => u64::MAX,
        Some(x) if first.reverse => (u64::MAX >> 1) - total_order_bits(x),
        Some(x) => total_order_bits(x),
    }
}

/// `ranked` sorted by `keys`, then by id: the first `limit` only, when one is given.
pub fn order<'a>(
    mut ranked: Vec<Ranked<'a>>,
    keys: &[OrderKey],
    money: &Money,
    prefer: Option<Pacing>,
    limit: Option<usize>,
) -> Vec<Ranked<'a>> {
    let by_name = keys.iter().any(|k| k.key == SortKey::Name);
    // What the order compares, worked out once per program; the order itself is found on
    // indices, so that sorting holds eight bytes a program beside them rather than a copy.
    let values: Vec<SortValues> = ranked
        .iter()
        .map(|r| {
            let p = r.program;
            SortValues {
                score: Some(r.score),
                cost: money.cost_of(p).map(|c| (c.min, c.max)),
                months: r.months.map(|m| (m.min, m.max)),
                credit: p.credit_share().unwrap_or(0.0),
                pacing: pacing_rank(p.pacing, prefer),
                name: if by_name {
                    p.name.as_str().to_lowercase()
                } else {
                    String::new()
                },
            }
        })
        .collect();
    let compare = |&(lead_a, a): &(u64, usize), &(lead_b, b): &(u64, usize)| {
        lead_a.cmp(&lead_b).then_with(|| {
            SortValues::compare(&values[a], &values[b], keys)
                .then_with(|| ranked[a].program.id.cmp(&ranked[b].program.id))
        })
    };
    let mut led: Vec<(u64, usize)> = values.iter().map(|v| lead(v, keys)).zip(0..).collect();
    // With a limit, only the first `limit` need sorting: the order is total (ties end with the
    // id), so selecting them first gives the same rows in the same order.
    match limit {
        Some(n) if n < led.len() => {
            led.select_nth_unstable_by(n, compare);
            led.truncate(n);
            led.sort_by(compare);
            return led.iter().map(|&(_, i)| ranked[i].clone()).collect();
        }
        _ => led.sort_by(compare),
    }
    drop(values);
    let mut at: Vec<usize> = led.into_iter().map(|(_, i)| i).collect();
    permute(&mut ranked, &mut at);
    ranked
}

/// Puts `items` in the order `at` gives (`items[k]` becomes the item that stood at `at[k]`),
/// in place: each cycle of the order is followed once, with swaps; `at` is used up.
pub fn permute<T>(items: &mut [T], at: &mut [usize]) {
    for start in 0..at.len() {
        let mut k = start;
        loop {
            let next = at[k];
            // Marks the place done: a later start finds it so.
            at[k] = k;
            if next == start || next == k {
                break;
            }
            items.swap(k, next);
            k = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn leads_order_as_the_comparison_does(
            figures in proptest::collection::vec(
                (proptest::option::of(proptest::num::f64::ANY), proptest::option::of(0u8..3)),
                2,
            ),
            key in 0usize..5,
            reverse in proptest::bool::ANY,
        ) {
            let keys = [OrderKey {
                key: [SortKey::Score, SortKey::Cost, SortKey::Months, SortKey::Credit, SortKey::Pacing][key],
                reverse,
            }];
            let values: Vec<SortValues> = figures
                .iter()
                .map(|&(figure, pacing)| SortValues {
                    score: figure,
                    cost: figure.map(|f| (f, 0.0)),
                    months: figure.map(|f| (f, 1.0)),
                    credit: figure.unwrap_or(0.0),
                    pacing,
                    name: String::new(),
                })
                .collect();
            let (a, b) = (&values[0], &values[1]);
            let (lead_a, lead_b) = (lead(a, &keys), lead(b, &keys));
            // Leads that differ order as the comparison does; equal leads leave it to it.
            if lead_a != lead_b {
                proptest::prop_assert_eq!(lead_a.cmp(&lead_b), SortValues::compare(a, b, &keys));
            }
        }
    }

    #[test]
    fn leads_tell_apart_what_differs_more_than_in_the_last_bit() {
        let keys = [OrderKey {
            key: SortKey::Cost,
            reverse: false,
        }];
        let at = |cost: Option<f64>| {
            lead(
                &SortValues {
                    score: None,
                    cost: cost.map(|c| (c, c)),
                    months: None,
                    credit: 0.0,
                    pacing: None,
                    name: String::new(),
                },
                &keys,
            )
        };
        assert!(at(Some(-5.0)) < at(Some(-0.0)));
        assert!(at(Some(0.0)) < at(Some(1.5)));
        assert!(at(Some(1.5)) < at(Some(f64::INFINITY)));
        assert!(at(Some(f64::INFINITY)) < at(None));
    }

    #[test]
    fn a_permutation_is_applied_in_place() {
        let orders: [&[usize]; 5] = [&[], &[0], &[2, 0, 1], &[1, 0, 3, 2, 4], &[4, 3, 0, 1, 2]];
        for order in orders {
            let mut items: Vec<usize> = (0..order.len()).map(|i| i * 10).collect();
            let mut at = order.to_vec();
            permute(&mut items, &mut at);
            let expected: Vec<usize> = order.iter().map(|i| i * 10).collect();
            assert_eq!(items, expected, "{order:?}");
        }
    }

    #[test]
    fn orders_parse_with_reversed_keys() {
        let keys = parse_order("score,-cost, name").unwrap();
        assert_eq!(
            keys.0,
            [
                OrderKey {
                    key: SortKey::Score,
                    reverse: false
                },
                OrderKey {
                    key: SortKey::Cost,
                    reverse: true
                },
                OrderKey {
                    key: SortKey::Name,
                    reverse: false
                },
            ]
        );
        assert!(
            parse_order("price")
                .unwrap_err()
                .contains("`price` is not one of")
        );
        assert!(parse_order("cost,").is_err());
    }

    #[test]
    fn weights_keep_defaults_for_criteria_not_named() {
        let w = parse_weights("cost=2,pacing=0").unwrap();
        assert_eq!(
            w,
            Weights {
                cost: 2.0,
                months: 1.0,
                credit: 1.0,
                pacing: 0.0
            }
        );
        assert!(parse_weights("cost=-1").is_err());
        assert!(parse_weights("cost=nan").is_err());
        assert!(
            parse_weights("speed=1")
                .unwrap_err()
                .contains("unknown criterion")
        );
        assert!(parse_weights("cost=0,months=0,credit=0,pacing=0").is_err());
        assert!(parse_weights("cost").is_err());
    }

    #[test]
    fn normalising_puts_the_best_at_one_and_unknown_at_the_worst() {
        assert_eq!(
            normalise(&[Some(-100.0), Some(-300.0), Some(-200.0)]),
            [1.0, 0.0, 0.5]
        );
        assert_eq!(normalise(&[Some(-100.0), None, Some(-300.0)]), [1.0, 0.0, 0.0]);
        assert_eq!(normalise(&[Some(5.0), Some(5.0)]), [1.0, 1.0]);
        assert_eq!(normalise(&[None, None]), [1.0, 1.0]);
    }

    #[test]
    fn pacing_prefers_the_asked_mode_then_both() {
        assert_eq!(pacing_rank(Pacing::Both, None), Some(0));
        assert_eq!(pacing_rank(Pacing::SelfPaced, None), Some(1));
        assert_eq!(pacing_rank(Pacing::InstructorLed, None), Some(2));
        assert_eq!(
            pacing_rank(Pacing::InstructorLed, Some(Pacing::InstructorLed)),
            Some(0)
        );
        assert_eq!(pacing_rank(Pacing::Both, Some(Pacing::InstructorLed)), Some(1));
        assert_eq!(
            pacing_rank(Pacing::SelfPaced, Some(Pacing::InstructorLed)),
            Some(2)
        );
        assert_eq!(pacing_rank(Pacing::Unknown, None), None);
    }
}
