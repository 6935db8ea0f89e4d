//! Routes: one to three programs taken in order, each step's credit applied to the next, with
//! totals that are exact where every part is known and bounded where some part is not. Pure;
//! `estimate --then` and `plan` both build their figures here.

use crate::catalog::{Amount, Kind, Pathway, PathwayKind, Program, Target, Tuition};
use crate::estimate::{self, Request};
use crate::money::Money;
use crate::pace::{self, Calendar};

/// The most steps a route takes.
pub const MAX_STEPS: usize = 3;

/// A figure of a route: a known range, or only what is known of it, a lower bound and perhaps
/// an upper one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub low: f64,
    /// `None` where no upper bound is known.
    pub high: Option<f64>,
    /// Whether `low` to `high` is the figure itself (a known range), not bounds on it.
    pub exact: bool,
}

impl Bounds {
    /// A known figure.
    pub fn known(amount: Amount) -> Self {
        Bounds {
            low: amount.min,
            high: Some(amount.max),
            exact: true,
        }
    }

    /// A figure known only to lie between `low` and `high`.
    pub fn between(low: f64, high: f64) -> Self {
        Bounds {
            low,
            high: Some(high),
            exact: false,
        }
    }

    /// A figure of which nothing is known but that it is not negative.
    pub fn unknown() -> Self {
        Bounds {
            low: 0.0,
            high: None,
            exact: false,
        }
    }

    /// `amount` where it is known, else unknown.
    pub fn of(amount: Option<Amount>) -> Self {
        amount.map_or_else(Bounds::unknown, Bounds::known)
    }

    /// The figure as a range, where it is known.
    pub fn amount(self) -> Option<Amount> {
        match (self.exact, self.high) {
            (true, Some(high)) => Some(Amount::range(self.low, high)),
            _ => None,
        }
    }

    /// The sum of two figures: exact where both are.
    #[must_use]
    pub fn plus(self, other: Bounds) -> Bounds {
        Bounds {
            low: self.low + other.low,
            high: self.high.zip(other.high).map(|(a, b)| a + b),
            exact: self.exact && other.exact,
        }
    }

    /// What a sort compares: the middle of a known range, else the lower bound.
    pub fn sort_value(self) -> f64 {
        match self.amount() {
            Some(a) => a.mid(),
            None => self.low,
        }
    }

    /// What a route's total sorts by, smaller first: a known figure by the middle of its range
    /// (tier 0); a bounded one by its lower bound, then its upper (tier 1); nothing known last
    /// (tier 2). A page's `data-sort` gives the same key for the first two, nothing for the last.
    pub fn sort_key(self) -> (u8, f64, f64) {
        match (self.exact, self.high) {
            (true, Some(high)) => {
                let middle = f64::midpoint(self.low, high);
                (0, middle, middle)
            }
            (_, high) if self.low > 0.0 || high.is_some() => (1, self.low, high.unwrap_or(self.low)),
            _ => (2, 0.0, 0.0),
        }
    }

    /// Whether the figure keeps within `limit`: `Some(true)` when it surely does (the high end),
    /// `Some(false)` when it surely does not (the low end), `None` when it may.
    pub fn within(self, limit: f64) -> Option<bool> {
        if self.low > limit {
            Some(false)
        } else if self.high.is_some_and(|h| h <= limit) {
            Some(true)
        } else if self.exact {
            Some(false)
        } else {
            None
        }
    }
}

/// What a step takes: a program of the catalogue, or a degree a pathway names outside it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Taken<'a> {
    Program(&'a Program),
    Described { degree: &'a str, at: Option<&'a str> },
}

impl<'a> Taken<'a> {
    /// The program, where the step is one of the catalogue.
    pub fn program(self) -> Option<&'a Program> {
        match self {
            Taken::Program(p) => Some(p),
            Taken::Described { .. } => None,
        }
    }

    /// The id of a catalogue program, else the degree's words and who grants it.
    pub fn label(self) -> String {
        match self {
            Taken::Program(p) => p.id.to_string(),
            Taken::Described { degree, at: Some(at) } => format!("{degree} at {at}"),
            Taken::Described { degree, at: None } => degree.to_string(),
        }
    }

    /// Its name: the program's, or the degree's words.
    pub fn name(self) -> &'a str {
        match self {
            Taken::Program(p) => &p.name,
            Taken::Described { degree, .. } => degree,
        }
    }

    /// The kind of degree it leads to, where it can be told: a program's kind, or for a
    /// degree outside the catalogue, a master's or a bachelor's by the first word of its name.
    pub fn degree_kind(self) -> Option<Kind> {
        match self {
            Taken::Program(p) => p.kind.is_degree().then_some(p.kind),
            Taken::Described { degree, .. } => described_kind(degree),
        }
    }
}

/// A master's or a bachelor's, by the words a degree outside the catalogue is named with
/// ("Master of Data Science", "MS in Analytics", "Bachelor of Science"); `None` where the name
/// does not say.
fn described_kind(degree: &str) -> Option<Kind> {
    let first = degree.split_whitespace().next()?;
    let lower: String = first
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if lower.starts_with("master")
        || [
            "ms", "msc", "mba", "meng", "mse", "mps", "mph", "ma", "mcs", "mim", "mads", "mds",
        ]
        .contains(&lower.as_str())
    {
        Some(Kind::Masters)
    } else if lower.starts_with("bachelor") || ["bs", "bsc", "ba", "beng"].contains(&lower.as_str()) {
        Some(Kind::Bachelors)
    } else {
        None
    }
}

/// One step of a route, with what it costs and takes for this learner.
#[derive(Debug, Clone, PartialEq)]
pub struct Step<'a> {
    pub taken: Taken<'a>,
    /// The pathway from the step before; `None` for the first.
    pub via: Option<&'a Pathway>,
    /// The share of this step the credit before it covers: 0 for the first step and for an
    /// admission route, `None` where no source gives it.
    pub share: Option<f64>,
    /// After aid, in the display currency.
    pub cost: Bounds,
    pub months: Bounds,
    /// The months' calendar, where the step is a catalogue program.
    pub calendar: Option<Calendar>,
}

impl Step<'_> {
    /// `"yours"` or `"advertised"`, as for a program's months.
    pub fn pace(&self) -> &'static str {
        self.calendar.as_ref().map_or("advertised", Calendar::pace)
    }

    /// The pace would overrun the program's time limit.
    pub fn over_limit(&self) -> bool {
        self.calendar.is_some_and(|c| c.over_limit)
    }
}

/// One way to a degree: its steps, and its totals, worked out once from them.
#[derive(Debug, Clone, PartialEq)]
pub struct Route<'a> {
    pub steps: Vec<Step<'a>>,
    pub total_cost: Bounds,
    pub total_months: Bounds,
    /// The last step taken alone, at the same pace and aid; `None` outside the catalogue.
    pub direct_cost: Option<Amount>,
    pub direct_months: Option<Amount>,
    /// On the cost–time front of the routes compared; set by `plan`.
    pub front: bool,
}

/// The id of a route through `taken`: the labels joined by `>` (see `Route::id`).
pub fn id_of<'a>(taken: impl Iterator<Item = Taken<'a>>) -> String {
    taken.map(Taken::label).collect::<Vec<_>>().join(">")
}

/// The degree alone (`direct`) minus a route's total, low end with low end; where both are
/// known.
pub fn saving(direct: Option<Amount>, total: Bounds) -> Option<Amount> {
    Some(minus(direct?, total.amount()?))
}

fn minus(a: Amount, b: Amount) -> Amount {
    Amount::range(a.min - b.min, a.max - b.max)
}

impl<'a> Route<'a> {
    /// The route through `taken` in order, each entered by the pathway in `via` (one fewer than
    /// the steps), for `request`.
    pub fn new(taken: &[Taken<'a>], via: &[&'a Pathway], money: &Money, request: &Request) -> Route<'a> {
        let steps: Vec<Step<'a>> = taken
            .iter()
            .enumerate()
            .map(|(i, &t)| step(t, i.checked_sub(1).map(|j| via[j]), money, request))
            .collect();
        let total_cost = steps
            .iter()
            .map(|s| s.cost)
            .fold(Bounds::known(Amount::exact(0.0)), Bounds::plus);
        let total_months = steps
            .iter()
            .map(|s| s.months)
            .fold(Bounds::known(Amount::exact(0.0)), Bounds::plus);
        let last = steps.last().and_then(|s| s.taken.program());
        let alone = last.map(|p| step(Taken::Program(p), None, money, request));
        Route {
            direct_cost: alone.as_ref().and_then(|s| s.cost.amount()),
            direct_months: alone.as_ref().and_then(|s| s.months.amount()),
            steps,
            total_cost,
            total_months,
            front: false,
        }
    }

    /// The steps' labels joined by `>`: `mitx-scm>mit-scm-masters`, or one id.
    pub fn id(&self) -> String {
        id_of(self.steps.iter().map(|s| s.taken))
    }

    /// The last step: the degree.
    pub fn last(&self) -> &Step<'a> {
        &self.steps[self.steps.len() - 1]
    }

    /// Whether the route is the degree taken alone.
    pub fn is_direct(&self) -> bool {
        self.steps.len() == 1
    }

    /// The degree alone minus the route, low end with low end; where both are known.
    pub fn saving(&self) -> Option<Amount> {
        saving(self.direct_cost, self.total_cost)
    }

    /// Months of the degree alone minus the route's; negative when the route takes longer.
    pub fn months_saved(&self) -> Option<Amount> {
        Some(minus(self.direct_months?, self.total_months.amount()?))
    }

    /// The figures whose being unknown left a total unknown, as `LABEL.cost`, `LABEL.months` or
    /// `share` (a pathway of unknown share).
    pub fn unknown(&self, money: &Money) -> Vec<String> {
        let mut missing = Vec::new();
        for step in &self.steps {
            let label = step.taken.label();
            let program = step.taken.program();
            if program.is_none_or(|p| money.cost_of(p).is_none()) {
                missing.push(format!("{label}.cost"));
            }
            if program.is_none_or(|p| p.months.is_none()) {
                missing.push(format!("{label}.months"));
            }
            if step.via.is_some() && step.share.is_none() {
                missing.push("share".to_string());
            }
        }
        missing
    }
}

/// One step's figures: its price and months at the learner's pace, after aid, less what the
/// credit before it covers. With a share s, the price scales by 1 - s (by 1 where tuition is
/// full or the route grants admission only) and the months are those of what is left; an
/// unknown share leaves them between 0 and the whole; a degree outside the catalogue is unknown.
fn step<'a>(taken: Taken<'a>, via: Option<&'a Pathway>, money: &Money, request: &Request) -> Step<'a> {
    let Taken::Program(program) = taken else {
        return Step {
            taken,
            via,
            share: via.and_then(|p| p.share),
            cost: Bounds::unknown(),
            months: Bounds::unknown(),
            calendar: None,
        };
    };
    let (full, _) = estimate::price(program, money, request.pace.courses_per_term);
    let (aid, _) = estimate::aid(program, request.aid);
    let full = full.map(|c| c.scale(1.0 - aid));
    let kind = via.map_or(PathwayKind::Admission, Pathway::kind);
    let share = match kind {
        PathwayKind::Share { share, .. } => Some(share),
        PathwayKind::Unknown => None,
        PathwayKind::Admission => Some(0.0),
    };
    let full_tuition = via.is_some_and(|p| p.tuition == Tuition::Full);
    let whole = pace::calendar(program, 1.0, request.pace);
    let (cost, months, calendar) = if let Some(s) = share {
        let price_left = if full_tuition { 1.0 } else { 1.0 - s };
        let calendar = pace::calendar(program, 1.0 - s, request.pace);
        (
            Bounds::of(full.map(|c| c.scale(price_left))),
            Bounds::of(calendar.months),
            calendar,
        )
    } else {
        let cost = match (full, full_tuition) {
            (Some(c), true) => Bounds::known(c),
            (Some(c), false) => Bounds::between(0.0, c.max),
            (None, _) => Bounds::unknown(),
        };
        let months = whole
            .months
            .map_or_else(Bounds::unknown, |m| Bounds::between(0.0, m.max));
        (cost, months, whole)
    };
    Step {
        taken,
        via,
        share,
        cost,
        months,
        calendar: Some(calendar),
    }
}

/// Where a pathway leads: the catalogue program it names, or the degree it describes.
pub fn target<'a>(pathway: &'a Pathway, find: impl Fn(&str) -> Option<&'a Program>) -> Option<Taken<'a>> {
    match &pathway.target {
        Target::Program(id) => find(id).map(Taken::Program),
        Target::Described { degree, at } => Some(Taken::Described {
            degree,
            at: at.as_deref(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_add_exactly_where_every_part_is_known() {
        let known = Bounds::known(Amount::range(100.0, 200.0));
        let some = Bounds::between(0.0, 1000.0);
        assert_eq!(known.plus(known).amount(), Some(Amount::range(200.0, 400.0)));
        let sum = known.plus(some);
        assert_eq!((sum.low, sum.high, sum.exact), (100.0, Some(1200.0), false));
        let open = sum.plus(Bounds::unknown());
        assert_eq!((open.low, open.high), (100.0, None));
        assert_eq!(open.within(50.0), Some(false));
        assert_eq!(open.within(5000.0), None, "may fit");
        assert_eq!(sum.within(1200.0), Some(true));
        assert_eq!(
            known.within(150.0),
            Some(false),
            "a known range fits by its high end"
        );
    }

    #[test]
    fn degrees_outside_the_catalogue_are_told_apart_by_their_first_word() {
        for masters in [
            "Master of Data Science",
            "MS in Analytics",
            "MSc Computing",
            "M.B.A.",
            "Master's in X",
            "MS: Analytics",
        ] {
            assert_eq!(described_kind(masters), Some(Kind::Masters), "{masters}");
        }
        assert_eq!(described_kind("Bachelor of Science"), Some(Kind::Bachelors));
        assert_eq!(described_kind("Graduate Certificate"), None);
    }
}
