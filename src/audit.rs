//! What the catalogue does not know: unknown figures, pathways of unknown share, old checks,
//! and the coverage of each figure by kind. Pure.

use crate::catalog::model::STALE_AFTER_DAYS;
use crate::catalog::{Date, Kind, Pacing, PathwayKind, Program, Status};
use crate::money::Money;

/// One program that needs checking.
#[derive(Debug, Clone)]
pub struct Finding<'a> {
    pub program: &'a Program,
    /// The figures not known: `cost`, `months`, `pacing`, `share`.
    pub missing: Vec<&'static str>,
    /// Days since `verified`; `None` where there is no date.
    pub days_since_verified: Option<i64>,
}

impl Finding<'_> {
    /// Whether the last check is older than `STALE_AFTER_DAYS` (or never happened).
    pub fn stale(&self) -> bool {
        self.days_since_verified.is_none_or(|d| d > STALE_AFTER_DAYS)
    }
}

/// How many programs of one kind know each figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Coverage {
    pub programs: usize,
    pub cost: usize,
    pub months: usize,
    pub pacing: usize,
    /// At least one pathway of any kind.
    pub pathway: usize,
    /// At least one pathway of known share.
    pub share: usize,
}

/// The figures `program` leaves unknown.
pub fn missing(program: &Program, money: &Money) -> Vec<&'static str> {
    let mut found = Vec::new();
    if money.cost_of(program).is_none() {
        found.push("cost");
    }
    if program.months.is_none() {
        found.push("months");
    }
    if program.pacing == Pacing::Unknown {
        found.push("pacing");
    }
    if program.active_credit().any(|p| p.kind() == PathwayKind::Unknown) {
        found.push("share");
    }
    found
}

/// The programs needing a check, most in need first: active before retired, more figures
/// missing first, then the oldest check (none is oldest), then id.
pub fn findings<'a>(programs: &[&'a Program], money: &Money, today: Date) -> Vec<Finding<'a>> {
    let mut found: Vec<Finding> = programs
        .iter()
        .map(|p| Finding {
            program: p,
            missing: missing(p, money),
            days_since_verified: p.verified.map(|v| v.days_until(today)),
        })
        .filter(|f| !f.missing.is_empty() || f.stale())
        .collect();
    // Each finding's place worked out once, the id copied beside it (in place when short):
    // comparing through the programs would reach into every corner of a large catalogue.
    found.sort_by_cached_key(|f| {
        (
            f.program.status == Status::Retired,
            std::cmp::Reverse(f.missing.len()),
            std::cmp::Reverse(f.days_since_verified.unwrap_or(i64::MAX)),
            f.program.id.clone(),
        )
    });
    found
}

/// Coverage by kind, in the order of `Kind::ALL`, kinds without programs left out.
pub fn coverage(programs: &[&Program], money: &Money) -> Vec<(Kind, Coverage)> {
    Kind::ALL
        .iter()
        .filter_map(|&kind| {
            let of_kind: Vec<&&Program> = programs.iter().filter(|p| p.kind == kind).collect();
            if of_kind.is_empty() {
                return None;
            }
            let count = |known: &dyn Fn(&Program) -> bool| of_kind.iter().filter(|p| known(p)).count();
            Some((
                kind,
                Coverage {
                    programs: of_kind.len(),
                    cost: count(&|p| money.cost_of(p).is_some()),
                    months: count(&|p| p.months.is_some()),
                    pacing: count(&|p| p.pacing != Pacing::Unknown),
                    pathway: count(&|p| p.active_credit().next().is_some()),
                    share: count(&|p| p.credit_share().is_some()),
                },
            ))
        })
        .collect()
}
