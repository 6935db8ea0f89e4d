//! Routes to a degree for one learner: each degree taken directly, and each credential with a
//! pathway toward it taken first. Pure; a route's figures are those of `estimate --then`.

use std::collections::HashSet;

use anyhow::Result;

use crate::catalog::{Amount, Catalog, Program, Status};
use crate::estimate::{self, Estimate, Request};
use crate::filter::{self, Filter, Removed};
use crate::front;
use crate::money::Money;
use crate::named::named_enum;

named_enum! {
    /// What routes are ordered by first.
    PlanSort {
        Cost = "cost",
        Months = "months",
    }
}

/// What the learner asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanRequest {
    /// `subjects` and `universities` keep a route when its degree or its credential matches;
    /// `kinds` and `toward` name the degree; `include_retired` shows retired programs too.
    pub filter: Filter,
    /// Highest total cost allowed, in the display currency, by the high end.
    pub budget: Option<f64>,
    /// Highest total months allowed, by the high end.
    pub max_months: Option<f64>,
    /// The learner's pace, for the credential's months (as in `estimate`).
    pub hours_per_week: Option<f64>,
    /// Aid hoped for on the credential, capped as in `estimate`.
    pub aid: Option<f64>,
    pub sort: Option<PlanSort>,
    pub limit: Option<usize>,
}

/// One way to a degree.
#[derive(Debug, Clone)]
pub struct Route<'a> {
    /// The credential taken first; `None` when the degree is taken directly.
    pub credential: Option<&'a Program>,
    pub degree: &'a Program,
    /// The credential's estimate, with `then` the rest of the degree.
    pub estimate: Option<Estimate>,
    pub total_cost: Option<Amount>,
    pub total_months: Option<Amount>,
    pub direct_cost: Option<Amount>,
    pub direct_months: Option<Amount>,
    pub saving: Option<Amount>,
    pub months_saved: Option<Amount>,
    /// On the cost–time front of the routes that passed the filters.
    pub front: bool,
}

impl Route<'_> {
    /// `CREDENTIAL>DEGREE`, or `DEGREE` for a direct route.
    pub fn id(&self) -> String {
        match self.credential {
            Some(c) => format!("{}>{}", c.id, self.degree.id),
            None => self.degree.id.clone(),
        }
    }

    /// The figures whose being unknown left a total unknown, as `id.figure` or `share`.
    pub fn unknown(&self, money: &Money) -> Vec<String> {
        let mut missing = Vec::new();
        if let Some(c) = self.credential {
            let e = self.estimate.as_ref();
            if e.is_some_and(|e| e.cost.is_none()) {
                missing.push(format!("{}.cost", c.id));
            }
            if e.is_some_and(|e| e.months.is_none()) {
                missing.push(format!("{}.months", c.id));
            }
            if e.and_then(|e| e.then.as_ref()).is_some_and(|t| t.share.is_none()) {
                missing.push("share".to_string());
            }
        }
        if money.cost_of(self.degree).is_none() {
            missing.push(format!("{}.cost", self.degree.id));
        }
        if self.degree.months.is_none() {
            missing.push(format!("{}.months", self.degree.id));
        }
        missing
    }
}

/// The routes a request keeps, in order, and what it left out.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    pub routes: Vec<Route<'a>>,
    /// How many routes passed the filters before `limit`.
    pub matched: usize,
    pub removed: Removed,
}

/// Every route for `request`, cheapest (or quickest) first; unknown totals last.
pub fn plan<'a>(catalog: &'a Catalog, money: &Money, request: &PlanRequest) -> Result<Plan<'a>> {
    let f = &request.filter;
    let shown = |p: &Program| f.include_retired || p.status != Status::Retired;
    let degrees: HashSet<&str> = catalog
        .programs
        .iter()
        .filter(|p| p.kind.is_degree())
        .filter(|p| f.kinds.is_empty() || f.kinds.contains(&p.kind))
        .filter(|p| f.toward.is_empty() || f.toward.contains(&p.id))
        .map(|p| p.id.as_str())
        .collect();
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
    let matches = |p: &Program| matching.as_ref().is_none_or(|m| m.contains(p.id.as_str()));

    let mut removed = Removed::default();
    let mut candidates: Vec<(Option<&Program>, &Program)> = Vec::new();
    for program in &catalog.programs {
        if program.kind.is_degree() && degrees.contains(program.id.as_str()) {
            candidates.push((None, program));
        }
        for degree in program
            .credit
            .iter()
            .filter_map(|p| p.toward())
            .filter(|id| degrees.contains(id))
            .filter_map(|id| catalog.program(id))
        {
            candidates.push((Some(program), degree));
        }
    }
    let mut routes = Vec::new();
    for (credential, degree) in candidates {
        let programs = [credential, Some(degree)];
        if !programs.iter().flatten().all(|p| shown(p)) {
            removed.retired += 1;
            continue;
        }
        if !programs.iter().flatten().any(|p| matches(p)) {
            removed.filtered += 1;
            continue;
        }
        let route = route(catalog, money, request, credential, degree)?;
        let within = |total: Option<Amount>, limit: Option<f64>| match (total, limit) {
            (_, None) => Some(true),
            (None, Some(_)) => None,
            (Some(t), Some(limit)) => Some(t.max <= limit),
        };
        match (
            within(route.total_cost, request.budget),
            within(route.total_months, request.max_months),
        ) {
            (Some(false), _) | (_, Some(false)) => removed.filtered += 1,
            (None, _) | (_, None) => removed.unknown += 1,
            _ => routes.push(route),
        }
    }
    let points: Vec<Option<(f64, f64)>> = routes
        .iter()
        .map(|r| Some((r.total_cost?.mid(), r.total_months?.mid())))
        .collect();
    for (route, on) in routes.iter_mut().zip(front::front(&points)) {
        route.front = on;
    }
    let by_months = request.sort == Some(PlanSort::Months);
    let key = |r: &Route| {
        let (cost, months) = (r.total_cost.map(Amount::mid), r.total_months.map(Amount::mid));
        let (first, second) = if by_months { (months, cost) } else { (cost, months) };
        // Known before unknown, then low before high.
        (
            first.is_none(),
            first.unwrap_or(0.0),
            second.is_none(),
            second.unwrap_or(0.0),
        )
    };
    let mut keyed: Vec<_> = routes.into_iter().map(|r| (key(&r), r.id(), r)).collect();
    keyed.sort_by(|(a, ida, _), (b, idb, _)| {
        a.0.cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.total_cmp(&b.3))
            .then(ida.cmp(idb))
    });
    let matched = keyed.len();
    keyed.truncate(request.limit.unwrap_or(usize::MAX));
    Ok(Plan {
        routes: keyed.into_iter().map(|(_, _, r)| r).collect(),
        matched,
        removed,
    })
}

/// One route's figures: the degree alone, or `estimate CREDENTIAL --then DEGREE`.
fn route<'a>(
    catalog: &Catalog,
    money: &Money,
    request: &PlanRequest,
    credential: Option<&'a Program>,
    degree: &'a Program,
) -> Result<Route<'a>> {
    let direct_cost = money.cost_of(degree);
    let direct_months = degree.months;
    let Some(credential) = credential else {
        return Ok(Route {
            credential: None,
            degree,
            estimate: None,
            total_cost: direct_cost,
            total_months: direct_months,
            direct_cost,
            direct_months,
            saving: direct_cost.map(|_| Amount::exact(0.0)),
            months_saved: direct_months.map(|_| Amount::exact(0.0)),
            front: false,
        });
    };
    let learner = Request {
        hours_per_week: request.hours_per_week,
        aid: request.aid,
        courses_per_term: None,
        then: Some(degree.id.clone()),
    };
    let estimate = estimate::estimate(credential, catalog, money, &learner)?;
    let then = estimate.then.as_ref();
    Ok(Route {
        credential: Some(credential),
        degree,
        total_cost: then.and_then(|t| t.total_cost),
        total_months: then.and_then(|t| t.total_months),
        direct_cost,
        direct_months,
        saving: then.and_then(|t| t.saving),
        months_saved: then.and_then(|t| t.months_saved),
        estimate: Some(estimate),
        front: false,
    })
}
