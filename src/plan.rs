//! Routes to a degree for one learner: each degree taken directly, and every chain of up to
//! three programs whose pathways lead to it, in the catalogue or outside it. Pure; a route's
//! figures are those of `estimate A --then B [--then C]` (both build a `route::Route`).

use std::collections::{HashMap, HashSet};

use crate::catalog::{Amount, Catalog, Pathway, Program, Status};
use crate::estimate::Request;
use crate::filter::{self, Filter, PacingWanted, Removed};
use crate::front;
use crate::money::Money;
use crate::named::named_enum;
use crate::route::{self, Bounds, MAX_STEPS, Route, Taken};
use crate::schedule::{self, Month, Schedule};

named_enum! {
    /// What routes are ordered by first.
    PlanSort {
        Cost = "cost",
        Months = "months",
        /// Money saved against the degree alone, most first.
        Saving = "saving",
        /// Months until a salary gain repays what the learner paid, fewest first.
        Payback = "payback",
    }
}

/// One key of a plan's order, best first unless reversed (unknowns stay last either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanKey {
    pub key: PlanSort,
    pub reverse: bool,
}

/// A plan's order: keys applied in turn, then cost, then months, then the route's id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanOrder(pub Vec<PlanKey>);

/// Parses `months,-saving`: a comma list of plan keys, each optionally prefixed by `-`, as
/// `compare --sort` takes its keys.
pub fn parse_order(text: &str) -> Result<PlanOrder, String> {
    crate::rank::parse_keys(text, PlanSort::NAMES).map(|keys| {
        PlanOrder(
            keys.into_iter()
                .map(|(key, reverse)| PlanKey { key, reverse })
                .collect(),
        )
    })
}

/// What the learner asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanRequest {
    /// `subjects` and `universities` keep a route when any of its programs matches; `kinds`
    /// and `toward` name the degree; `pacing` is asked of every program of the route;
    /// `include_retired` shows routes through retired programs too.
    pub filter: Filter,
    /// Highest total cost allowed, in the display currency.
    pub budget: Option<f64>,
    /// Highest total months allowed.
    pub max_months: Option<f64>,
    /// The learner's pace and the aid hoped for, for every step (as in `estimate`).
    pub learner: Request,
    /// Empty for the default: cost, then months.
    pub sort: PlanOrder,
    pub limit: Option<usize>,
}

/// Whether a route keeps within the budget and months asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Within them, or none was asked.
    Fits,
    /// Its lower bounds fit, but an unknown part may take it past them.
    MayFit,
}

/// A route the plan keeps, and how it fits. Its steps are made again from what it takes
/// where they are shown (`route`): a plan of 100,000 programs holds every route's totals, not
/// every step of it.
#[derive(Clone)]
pub struct Planned<'a> {
    chain: Chain<'a>,
    money: &'a Money,
    learner: &'a Request,
    pub total_cost: Bounds,
    pub total_months: Bounds,
    /// The degree taken alone, for the saving.
    direct_cost: Option<Amount>,
    /// On the cost–time front of the routes compared.
    pub front: bool,
    pub fit: Fit,
    /// A step's months are the program's advertised ones (not the learner's pace).
    pub advertised: bool,
    /// At the learner's pace a step would overrun its program's time limit.
    pub over_limit: bool,
    /// The route over time, where the learner asked about money over time (or sorts by
    /// payback) and its figures are known.
    /// Boxed: most plans have none, and every route pays for the room.
    pub schedule: Option<Box<Schedule>>,
}

impl<'a> Planned<'a> {
    /// The route in full, made again: the same steps and totals it was planned with.
    pub fn route(&self) -> Route<'a> {
        let mut route = Route::new(self.chain.taken(), &self.chain.via(), self.money, self.learner);
        route.front = self.front;
        route
    }

    /// The route's id, as `Route::id` gives it, without making the route again.
    pub fn id(&self) -> String {
        route::id_of(self.chain.taken().iter().copied())
    }

    /// The programs the route takes, in order (a degree outside the catalogue is none).
    pub fn programs(&self) -> impl Iterator<Item = &'a Program> + '_ {
        self.chain.taken().iter().filter_map(|t| t.program())
    }

    /// Whether a step is a retired program.
    pub fn through_retired(&self) -> bool {
        self.chain
            .taken()
            .iter()
            .any(|t| t.program().is_some_and(|p| p.status == Status::Retired))
    }
}

/// The routes a request keeps, in order, and what it left out.
#[derive(Clone)]
pub struct Plan<'a> {
    pub routes: Vec<Planned<'a>>,
    /// How many routes passed the filters before `limit`.
    pub matched: usize,
    pub removed: Removed,
}

/// Every chain of programs that ends in a degree: each degree alone, then each program with
/// a pathway toward the first step of a chain, up to `MAX_STEPS`, and each pathway to a degree
/// outside the catalogue with what leads to it. Ended by cycles being catalogue errors.
fn chains(catalog: &Catalog) -> Chains<'_> {
    // Who points at each program: (the program that counts toward it, by which pathway).
    let mut into: HashMap<&str, Vec<(&Program, &Pathway)>> = HashMap::new();
    for program in &catalog.programs {
        for pathway in program.active_credit() {
            if let Some(id) = pathway.toward() {
                into.entry(id).or_default().push((program, pathway));
            }
        }
    }
    let mut open: Vec<Chain> = Vec::new();
    for program in &catalog.programs {
        if program.kind.is_degree() {
            open.push(Chain::new(Taken::Program(program)));
        }
        for pathway in program.active_credit() {
            if let Some(described @ Taken::Described { .. }) = route::target(pathway, |_| None) {
                open.push(Chain::new(described).after(program, pathway));
            }
        }
    }
    Chains { into, open }
}

/// The chains, made as they are taken (a depth-first walk from each degree): never all held.
struct Chains<'a> {
    into: HashMap<&'a str, Vec<(&'a Program, &'a Pathway)>>,
    /// The chains still to hand on, each to be made longer first.
    open: Vec<Chain<'a>>,
}

impl<'a> Iterator for Chains<'a> {
    type Item = Chain<'a>;

    fn next(&mut self) -> Option<Chain<'a>> {
        let chain = self.open.pop()?;
        if chain.len < MAX_STEPS
            && let Some(first) = chain.taken()[0].program()
        {
            for &(before, pathway) in self.into.get(first.id.as_str()).into_iter().flatten() {
                if chain
                    .taken()
                    .iter()
                    .any(|t| t.program().is_some_and(|p| p.id == before.id))
                {
                    continue;
                }
                self.open.push(chain.after(before, pathway));
            }
        }
        Some(chain)
    }
}

/// A chain of steps, held in place: a plan of 100,000 programs has as many chains, and two
/// small vectors each would cost more than their steps.
#[derive(Clone, Copy)]
struct Chain<'a> {
    /// The steps in order; those past `len` repeat the last, unused.
    taken: [Taken<'a>; MAX_STEPS],
    /// The pathway into each step after the first.
    via: [Option<&'a Pathway>; MAX_STEPS - 1],
    len: usize,
}

impl<'a> Chain<'a> {
    /// `last` alone.
    fn new(last: Taken<'a>) -> Self {
        Chain {
            taken: [last; MAX_STEPS],
            via: [None; MAX_STEPS - 1],
            len: 1,
        }
    }

    /// `before`, then this chain, entered by `pathway`.
    fn after(mut self, before: &'a Program, pathway: &'a Pathway) -> Self {
        self.taken.copy_within(0..MAX_STEPS - 1, 1);
        self.taken[0] = Taken::Program(before);
        self.via.copy_within(0..MAX_STEPS - 2, 1);
        self.via[0] = Some(pathway);
        self.len += 1;
        self
    }

    fn taken(&self) -> &[Taken<'a>] {
        &self.taken[..self.len]
    }

    /// The pathways between the steps.
    fn via(&self) -> Vec<&'a Pathway> {
        self.via[..self.len - 1].iter().flatten().copied().collect()
    }
}

/// Every route for `request`, its schedule from `start` where money over time was asked:
/// known totals first, by the chosen key (the middle of the range), then bounded ones by
/// their lower bound, then those of which nothing is known; ties by the other key, then the
/// route's id.
pub fn plan<'a>(catalog: &'a Catalog, money: &'a Money, request: &'a PlanRequest, start: Month) -> Plan<'a> {
    let finances = &request.learner.finances;
    let scheduled = finances.given() || request.sort.0.iter().any(|k| k.key == PlanSort::Payback);
    let f = &request.filter;
    // Programs whose subjects and institution match, when the learner named any.
    let matching: Option<HashSet<&str>> = (!f.subjects.is_empty() || !f.universities.is_empty()).then(|| {
        let words = Filter {
            subjects: f.subjects.clone(),
            universities: f.universities.clone(),
            include_retired: true,
            ..Filter::default()
        };
        let selection = filter::select(catalog, &[], &words, money);
        selection.programs.iter().map(|p| p.id.as_str()).collect()
    });
    let mut removed = Removed::default();
    let mut routes = Vec::new();
    for chain in chains(catalog) {
        let taken = chain.taken();
        let last = taken[taken.len() - 1];
        let degree_ok = last
            .degree_kind()
            .is_some_and(|k| f.kinds.is_empty() || f.kinds.contains(&k))
            && (f.toward.is_empty()
                || last
                    .program()
                    .is_some_and(|p| f.toward.iter().any(|t| *t == p.id)));
        if !degree_ok {
            continue;
        }
        let programs: Vec<&Program> = taken.iter().filter_map(|t| t.program()).collect();
        if !f.include_retired && programs.iter().any(|p| p.status == Status::Retired) {
            removed.retired += 1;
            continue;
        }
        if matching
            .as_ref()
            .is_some_and(|m| !programs.iter().any(|p| m.contains(p.id.as_str())))
        {
            removed.filtered += 1;
            continue;
        }
        match f.pacing.map(|wanted| paced(taken, wanted)) {
            Some(Some(false)) => {
                removed.filtered += 1;
                continue;
            }
            Some(None) => {
                removed.unknown += 1;
                continue;
            }
            _ => {}
        }
        let route = Route::new(taken, &chain.via(), money, &request.learner);
        let fits = [
            request.budget.map(|b| route.total_cost.within(b)),
            request.max_months.map(|m| route.total_months.within(m)),
        ];
        if fits.contains(&Some(Some(false))) {
            removed.filtered += 1;
            continue;
        }
        let fit = if fits.contains(&Some(None)) {
            Fit::MayFit
        } else {
            Fit::Fits
        };
        let schedule = scheduled
            .then(|| schedule::schedule(&route, finances, start))
            .flatten()
            .map(Box::new);
        routes.push(Planned {
            chain,
            money,
            learner: &request.learner,
            total_cost: route.total_cost,
            total_months: route.total_months,
            direct_cost: route.direct_cost,
            front: false,
            fit,
            advertised: route.steps.iter().any(|s| s.pace() == "advertised"),
            over_limit: route.steps.iter().any(route::Step::over_limit),
            schedule,
        });
    }
    // The front is of the routes whose totals are known, over all that passed the filters.
    mark_front(&mut routes);
    let mut keyed = sorted(routes, &request.sort);
    let matched = keyed.len();
    keyed.truncate(request.limit.unwrap_or(usize::MAX));
    Plan {
        routes: keyed,
        matched,
        removed,
    }
}

/// Marks the cost–time front among `routes`: those with known totals, none through a retired
/// program (it cannot be taken).
fn mark_front(routes: &mut [Planned]) {
    let points: Vec<Option<(f64, f64)>> = routes
        .iter()
        .map(|r| {
            let point = (r.total_cost.amount()?.mid(), r.total_months.amount()?.mid());
            Some(point).filter(|_| !r.through_retired())
        })
        .collect();
    for (planned, on) in routes.iter_mut().zip(front::front(&points)) {
        planned.front = on;
    }
}

/// `routes` in `order`: its keys in turn, then cost, then months, then the route's id.
fn sorted<'a>(mut routes: Vec<Planned<'a>>, order: &PlanOrder) -> Vec<Planned<'a>> {
    let mut keys = order.0.clone();
    for key in [PlanSort::Cost, PlanSort::Months] {
        if !keys.iter().any(|k| k.key == key) {
            keys.push(PlanKey { key, reverse: false });
        }
    }
    // Each route's keys in one list, and its id; the order is found on indices and the routes
    // put in it in place, rather than sorting copies of them beside their keys.
    routes.shrink_to_fit();
    let width = keys.len();
    let values: Vec<(u8, f64, f64)> = routes
        .iter()
        .flat_map(|r| keys.iter().map(|k| key(r, k.key)))
        .collect();
    let ids: Vec<String> = routes.iter().map(Planned::id).collect();
    // Known before bounded before unknown whichever the direction; the values by the key's.
    let by = |a: &(u8, f64, f64), b: &(u8, f64, f64), reverse: bool| {
        let values = a.1.total_cmp(&b.1).then(a.2.total_cmp(&b.2));
        a.0.cmp(&b.0)
            .then(if reverse { values.reverse() } else { values })
    };
    let mut at: Vec<usize> = (0..routes.len()).collect();
    at.sort_by(|&a, &b| {
        let (ka, kb) = (&values[a * width..][..width], &values[b * width..][..width]);
        keys.iter()
            .enumerate()
            .map(|(i, k)| by(&ka[i], &kb[i], k.reverse))
            .find(|o| o.is_ne())
            .unwrap_or_else(|| ids[a].cmp(&ids[b]))
    });
    drop((values, ids));
    crate::rank::permute(&mut routes, &mut at);
    routes
}

/// What a route sorts by for `sort`: cost and months as `Bounds::sort_key` gives them (known
/// figures by their middle, then bounded ones by their lower bound, nothing known last);
/// saving and payback by their middle (most saved first, soonest first), unknown last.
fn key(planned: &Planned, sort: PlanSort) -> (u8, f64, f64) {
    let known = |v: Option<f64>| v.map_or((2, 0.0, 0.0), |v| (0, v, v));
    match sort {
        PlanSort::Cost => planned.total_cost.sort_key(),
        PlanSort::Months => planned.total_months.sort_key(),
        PlanSort::Saving => known(route::saving(planned.direct_cost, planned.total_cost).map(|s| -s.mid())),
        PlanSort::Payback => known(
            planned
                .schedule
                .as_deref()
                .and_then(|s| s.payback_months)
                .map(Amount::mid),
        ),
    }
}

/// Whether every step can be taken at the pacing `wanted`: `None` where a step's pacing is
/// unknown.
fn paced(taken: &[Taken], wanted: PacingWanted) -> Option<bool> {
    let mut all = true;
    for t in taken {
        all &= wanted.admits(t.program()?.pacing)?;
    }
    Some(all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::Month;

    #[test]
    fn a_route_made_again_is_the_route_planned() {
        let loaded = crate::catalog::load_sources(true, &["tests/fixtures/routes.toml".into()]);
        assert_eq!(loaded.problems, []);
        let catalog = &loaded.catalog;
        let money = Money::new(catalog, None).unwrap();
        let request = PlanRequest::default();
        let plan = plan(catalog, &money, &request, Month { year: 2027, month: 1 });
        assert!(
            plan.routes.iter().any(|r| r.chain.len == MAX_STEPS),
            "no route of three steps"
        );
        assert!(plan.routes.iter().any(|r| r.front));
        for planned in &plan.routes {
            let taken = planned.chain.taken();
            let again = planned.route();
            assert_eq!(again.total_cost, planned.total_cost);
            assert_eq!(again.total_months, planned.total_months);
            assert_eq!(again.direct_cost, planned.direct_cost);
            assert_eq!(again.front, planned.front);
            assert_eq!(again.id(), planned.id());
            assert_eq!(again.steps.len(), taken.len());
            // Each step after the first is entered by a pathway of the step before, toward it.
            for pair in again.steps.windows(2) {
                let via = pair[1].via.expect("a pathway into every later step");
                let before = pair[0].taken.program().expect("only a degree ends a route");
                assert!(before.credit.iter().any(|p| std::ptr::eq(p, via)));
                if let Some(id) = via.toward() {
                    assert_eq!(pair[1].taken.program().map(|p| p.id.as_str()), Some(id));
                }
            }
        }
    }
}
