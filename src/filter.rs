//! Which programs a query keeps, and how many it left out and why. Pure.

use std::collections::HashSet;

use crate::catalog::{Catalog, Kind, Pacing, Program, Status};
use crate::money::Money;

/// What a user asked to keep. Every field that is `None` or empty keeps everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub kinds: Vec<Kind>,
    /// Case-insensitive part of an institution's id, name or short name.
    pub university: Option<String>,
    /// Case-insensitive part of one of the program's subjects.
    pub subject: Option<String>,
    /// `InstructorLed` or `SelfPaced`; a program with `Both` matches either.
    pub pacing: Option<Pacing>,
    /// Highest cost allowed, in the display currency.
    pub max_cost: Option<f64>,
    /// Highest advertised months allowed.
    pub max_months: Option<f64>,
    /// Smallest credit share allowed, in [0, 1].
    pub min_credit: Option<f64>,
    pub include_retired: bool,
}

/// Programs left out, by reason, for the footer and the empty-result note.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    /// Retired programs hidden because `--include-retired` was not given.
    pub retired: usize,
    /// Left out because a filter needed a figure the catalogue gives as unknown.
    pub unknown: usize,
    /// Left out because a known figure failed a filter.
    pub filtered: usize,
}

/// The programs a query keeps, in catalogue order, and what it left out.
#[derive(Debug, Clone)]
pub struct Selection<'a> {
    pub programs: Vec<&'a Program>,
    pub removed: Removed,
}

enum Verdict {
    Keep,
    Unknown,
    Fails,
}

/// Applies `filter` to the programs `named` on the command line, or to the whole catalogue
/// when none are. Named programs are shown even when retired.
pub fn select<'a>(
    catalog: &'a Catalog,
    named: &[&'a Program],
    filter: &Filter,
    money: &Money,
) -> Selection<'a> {
    let universities: Option<HashSet<&str>> = filter.university.as_ref().map(|text| {
        let needle = text.to_lowercase();
        catalog
            .institutions
            .iter()
            .filter(|i| {
                [Some(&i.id), Some(&i.name), i.short.as_ref()]
                    .into_iter()
                    .flatten()
                    .any(|t| t.to_lowercase().contains(&needle))
            })
            .map(|i| i.id.as_str())
            .collect()
    });
    let subject = filter.subject.as_ref().map(|s| s.to_lowercase());
    let candidates: Box<dyn Iterator<Item = &'a Program>> = if named.is_empty() {
        Box::new(catalog.programs.iter())
    } else {
        Box::new(named.iter().copied())
    };
    let mut removed = Removed::default();
    let mut programs = Vec::new();
    for program in candidates {
        if named.is_empty() && !filter.include_retired && program.status == Status::Retired {
            removed.retired += 1;
            continue;
        }
        let verdict = judge(program, filter, universities.as_ref(), subject.as_deref(), money);
        match verdict {
            Verdict::Keep => programs.push(program),
            Verdict::Unknown => removed.unknown += 1,
            Verdict::Fails => removed.filtered += 1,
        }
    }
    Selection { programs, removed }
}

fn judge(
    program: &Program,
    filter: &Filter,
    universities: Option<&HashSet<&str>>,
    subject: Option<&str>,
    money: &Money,
) -> Verdict {
    if !filter.kinds.is_empty() && !filter.kinds.contains(&program.kind) {
        return Verdict::Fails;
    }
    if let Some(ids) = universities
        && !ids.contains(program.institution.as_str())
    {
        return Verdict::Fails;
    }
    if let Some(needle) = subject
        && !program.subjects.iter().any(|s| s.to_lowercase().contains(needle))
    {
        return Verdict::Fails;
    }
    // Known figures that fail a filter are checked before unknown ones, so that a program is
    // only counted as "unknown" when nothing else already ruled it out.
    let mut unknown = false;
    if let Some(wanted) = filter.pacing {
        match program.pacing {
            Pacing::Unknown => unknown = true,
            Pacing::Both => {}
            p if p != wanted => return Verdict::Fails,
            _ => {}
        }
    }
    if let Some(limit) = filter.max_cost {
        match money.cost_of(program) {
            None => unknown = true,
            Some(cost) if cost.max > limit => return Verdict::Fails,
            Some(_) => {}
        }
    }
    if let Some(limit) = filter.max_months {
        match program.months {
            None => unknown = true,
            Some(months) if months.max > limit => return Verdict::Fails,
            Some(_) => {}
        }
    }
    if let Some(least) = filter.min_credit
        && program.credit_share().unwrap_or(0.0) < least
    {
        return Verdict::Fails;
    }
    if unknown { Verdict::Unknown } else { Verdict::Keep }
}
