//! Cost against months: where each program stands, on which scale, and which are on the
//! cost–time front. Pure; the renderers draw it as characters or as SVG.

use crate::catalog::Program;
use crate::front;
use crate::money::Money;
use crate::rank::Ranked;

/// Costs that span more than this many times are drawn on a log scale.
pub const LOG_SCALE_FROM: f64 = 10.0;

/// One program placed on the chart.
#[derive(Debug, Clone)]
pub struct Point<'a> {
    pub program: &'a Program,
    /// The middle of the cost range, in the display currency.
    pub cost: f64,
    /// The middle of the months range.
    pub months: f64,
    pub front: bool,
    /// The mark it is drawn with in a terminal: `a`..`z`, `A`..`Z`, `0`..`9`, then `+`.
    pub mark: char,
}

/// The programs to draw, the scale, and those that cannot be drawn.
#[derive(Debug, Clone)]
pub struct Chart<'a> {
    /// In the order given (the order of `compare`), marks assigned in that order.
    pub points: Vec<Point<'a>>,
    /// Programs whose cost or months is unknown.
    pub unplaced: Vec<&'a Program>,
    pub scale: Scale,
}

/// The axes of a plot of cost against months.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// Whether the cost axis is logarithmic (`ln(1 + cost)`).
    pub log_cost: bool,
    /// Lowest and highest cost and months among the points.
    pub cost_range: (f64, f64),
    pub months_range: (f64, f64),
}

impl Scale {
    /// The axes that hold every (cost, months) of `points`: a log cost axis where the costs
    /// span more than `LOG_SCALE_FROM` times.
    pub fn of(points: &[(f64, f64)]) -> Scale {
        let span = |values: &mut dyn Iterator<Item = f64>| {
            values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            })
        };
        let cost_range = span(&mut points.iter().map(|p| p.0));
        let months_range = span(&mut points.iter().map(|p| p.1));
        if points.is_empty() {
            return Scale {
                log_cost: false,
                cost_range: (0.0, 0.0),
                months_range: (0.0, 0.0),
            };
        }
        Scale {
            log_cost: cost_range.1 > LOG_SCALE_FROM * cost_range.0.max(1.0),
            cost_range,
            months_range,
        }
    }

    /// Where `cost` falls across the cost axis, from 0 (lowest) to 1 (highest).
    pub fn x(&self, cost: f64) -> f64 {
        let scale = |v: f64| if self.log_cost { libm::log1p(v.max(0.0)) } else { v };
        fraction(scale(cost), scale(self.cost_range.0), scale(self.cost_range.1))
    }

    /// Where `months` falls up the months axis, from 0 (fewest) to 1 (most).
    pub fn y(&self, months: f64) -> f64 {
        fraction(months, self.months_range.0, self.months_range.1)
    }
}

/// The marks of the first points, in order.
const MARKS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// Places the `ranked` programs on cost (by the middle of the range) against months, each on
/// the front where the ranking put it.
pub fn chart<'a>(ranked: &[Ranked<'a>], money: &Money) -> Chart<'a> {
    let mut placed = Vec::new();
    let mut unplaced = Vec::new();
    for r in ranked {
        match (money.cost_of(r.program), r.months) {
            (Some(cost), Some(months)) => placed.push((r.program, cost.mid(), months.mid(), r.front)),
            _ => unplaced.push(r.program),
        }
    }
    let scale = Scale::of(&placed.iter().map(|&(_, c, m, _)| (c, m)).collect::<Vec<_>>());
    let points = placed
        .into_iter()
        .enumerate()
        .map(|(i, (program, cost, months, front))| Point {
            program,
            cost,
            months,
            front,
            mark: MARKS.chars().nth(i).unwrap_or('+'),
        })
        .collect();
    Chart {
        points,
        unplaced,
        scale,
    }
}

impl Chart<'_> {
    /// The front's points, cheapest first: the line that joins them.
    pub fn front_line(&self) -> Vec<&Point<'_>> {
        let mut front: Vec<&Point> = self.points.iter().filter(|p| p.front).collect();
        front.sort_by(|a, b| front::along((a.cost, a.months), (b.cost, b.months)));
        front
    }
}

/// `v` between `low` and `high`, as 0 to 1; the middle when they are equal.
fn fraction(v: f64, low: f64, high: f64) -> f64 {
    if high > low {
        ((v - low) / (high - low)).clamp(0.0, 1.0)
    } else {
        0.5
    }
}

#[cfg(test)]
mod tests {
    use super::fraction;

    #[test]
    fn fractions_stay_in_range_and_a_single_value_sits_in_the_middle() {
        assert_eq!(fraction(5.0, 0.0, 10.0), 0.5);
        assert_eq!(fraction(20.0, 0.0, 10.0), 1.0);
        assert_eq!(fraction(3.0, 3.0, 3.0), 0.5);
    }
}
