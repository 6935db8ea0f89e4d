//! Which programs a query keeps, and how many it left out and why. Pure.

use std::collections::HashSet;

use crate::catalog::{Catalog, Kind, Pacing, PathwayKind, Program, Status};
use crate::money::Money;
use crate::pace::Pace;

crate::named::named_enum! {
    /// The pacing a learner asks for with `--pacing`.
    PacingWanted {
        /// Taught on a schedule, wholly or in part (`both` counts).
        InstructorLed = "instructor-led",
        /// At the learner's own pace, wholly or in part (`both` counts).
        SelfPaced = "self-paced",
        /// Mixed: some courses on a schedule, some at the learner's pace.
        Both = "both",
        /// Every course at the learner's own pace: it can be started any time.
        SelfPacedOnly = "self-paced-only",
        /// Every course on a schedule.
        InstructorLedOnly = "instructor-led-only",
    }
}

impl PacingWanted {
    /// Whether a program of pacing `p` is what was asked for; `None` where `p` is unknown.
    pub fn admits(self, p: Pacing) -> Option<bool> {
        Some(match (self, p) {
            (_, Pacing::Unknown) => return None,
            (PacingWanted::InstructorLed, Pacing::InstructorLed | Pacing::Both)
            | (PacingWanted::SelfPaced, Pacing::SelfPaced | Pacing::Both)
            | (PacingWanted::Both, Pacing::Both)
            | (PacingWanted::SelfPacedOnly, Pacing::SelfPaced)
            | (PacingWanted::InstructorLedOnly, Pacing::InstructorLed) => true,
            _ => false,
        })
    }
}

/// What a user asked to keep. Every field that is `None` or empty keeps everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub kinds: Vec<Kind>,
    /// Any of these matches an institution's id, name or short name, by `words_match`.
    pub universities: Vec<String>,
    /// Any of these matches one of the program's subjects, by `words_match`.
    pub subjects: Vec<String>,
    /// The pacing asked for: `self-paced` and `instructor-led` keep `both` too; the `-only`
    /// values do not, and `both` keeps only mixed programs.
    pub pacing: Option<PacingWanted>,
    /// Highest cost allowed, in the display currency.
    pub max_cost: Option<f64>,
    /// Highest months allowed: advertised, or at `pace` where the learner gave one.
    pub max_months: Option<f64>,
    /// The learner's pace, for the months `compare` and `chart` show, filter and rank by.
    pub pace: Pace,
    /// Smallest known credit share allowed, in [0, 1].
    pub min_credit: Option<f64>,
    /// Keep programs with at least one pathway of any kind.
    pub has_pathway: bool,
    /// Keep programs with a pathway toward any of these catalogue degrees.
    pub toward: Vec<String>,
    pub include_retired: bool,
}

/// Programs left out, by reason, for the footer and the empty-result note.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    /// Retired programs the other filters kept, hidden because `--include-retired` was not
    /// given.
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
    let universities: Option<HashSet<&str>> =
        (!filter.universities.is_empty()).then(|| institutions_matching(catalog, &filter.universities));
    let candidates: Box<dyn Iterator<Item = &'a Program>> = if named.is_empty() {
        Box::new(catalog.programs.iter())
    } else {
        Box::new(named.iter().copied())
    };
    let mut removed = Removed::default();
    let mut programs = Vec::new();
    let hide_retired = named.is_empty() && !filter.include_retired;
    for program in candidates {
        let verdict = judge(program, filter, universities.as_ref(), money);
        match verdict {
            // Counted as hidden only where the other filters kept it: "3 retired hidden" means
            // `--include-retired` would add three rows.
            Verdict::Keep if hide_retired && program.status == Status::Retired => removed.retired += 1,
            Verdict::Keep => programs.push(program),
            Verdict::Unknown => removed.unknown += 1,
            Verdict::Fails => removed.filtered += 1,
        }
    }
    Selection { programs, removed }
}

fn judge(program: &Program, filter: &Filter, universities: Option<&HashSet<&str>>, money: &Money) -> Verdict {
    if !filter.kinds.is_empty() && !filter.kinds.contains(&program.kind) {
        return Verdict::Fails;
    }
    if let Some(ids) = universities
        && !ids.contains(program.institution.as_str())
    {
        return Verdict::Fails;
    }
    if !filter.subjects.is_empty()
        && !program
            .subjects
            .iter()
            .any(|s| filter.subjects.iter().any(|wanted| words_match(wanted, s)))
    {
        return Verdict::Fails;
    }
    if filter.has_pathway && program.active_credit().next().is_none() {
        return Verdict::Fails;
    }
    if !filter.toward.is_empty()
        && !program
            .active_credit()
            .any(|p| p.toward().is_some_and(|t| filter.toward.iter().any(|w| w == t)))
    {
        return Verdict::Fails;
    }
    // Known figures that fail a filter are checked before unknown ones, so that a program is
    // only counted as "unknown" when nothing else already ruled it out.
    let mut unknown = false;
    if let Some(wanted) = filter.pacing {
        match wanted.admits(program.pacing) {
            None => unknown = true,
            Some(false) => return Verdict::Fails,
            Some(true) => {}
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
        match crate::pace::months_at(program, filter.pace) {
            None => unknown = true,
            Some(months) if months.max > limit => return Verdict::Fails,
            Some(_) => {}
        }
    }
    if let Some(least) = filter.min_credit
        && program.credit_share().unwrap_or(0.0) < least
    {
        // A pathway of unknown share might reach it: that is unknown, not a failure.
        if program.active_credit().any(|p| p.kind() == PathwayKind::Unknown) {
            unknown = true;
        } else {
            return Verdict::Fails;
        }
    }
    if unknown { Verdict::Unknown } else { Verdict::Keep }
}

/// The institutions any of `wanted` names. A value that is an institution's id, short name or
/// full name (case aside) names that institution only (`columbia` is Columbia, not the
/// University of British Columbia); another names those whose id, name or short name holds its
/// words as a phrase: consecutive words, each begun by the value's word in turn.
pub fn institutions_matching<'a>(catalog: &'a Catalog, wanted: &[String]) -> HashSet<&'a str> {
    // The institutions one of whose names (`id`, `name`, `short`) `test` accepts.
    let named = |test: &dyn Fn(&str) -> bool| -> Vec<&'a str> {
        catalog
            .institutions
            .iter()
            .filter(|i| {
                [Some(&i.id), Some(&i.name), i.short.as_ref()]
                    .into_iter()
                    .flatten()
                    .any(|t| test(t))
            })
            .map(|i| i.id.as_str())
            .collect()
    };
    let mut ids = HashSet::new();
    for value in wanted {
        let exact = named(&|t| t.eq_ignore_ascii_case(value.trim()));
        if exact.is_empty() {
            ids.extend(named(&|t| phrase_match(value, t)));
        } else {
            ids.extend(exact);
        }
    }
    ids
}

/// The `--university` values that match no institution, each with the institutions it may
/// mean (`did you mean ...`), for a note: an empty result is not an error, but a typo should
/// not pass for "no such program".
pub fn unmatched_universities(catalog: &Catalog, wanted: &[String]) -> Vec<(String, String)> {
    // The names are lowered for every institution: not worth it where none was asked for.
    if wanted.is_empty() {
        return Vec::new();
    }
    // Names compared in lower case; each suggestion is an institution's id, with its name.
    let names: Vec<(String, &str)> = catalog
        .institutions
        .iter()
        .flat_map(|i| {
            [Some(i.id.as_str()), Some(i.name.as_str()), i.short.as_deref()]
                .into_iter()
                .flatten()
                .map(move |n| (n.to_lowercase(), i.id.as_str()))
        })
        .collect();
    wanted
        .iter()
        .filter(|value| institutions_matching(catalog, std::slice::from_ref(value)).is_empty())
        .map(|value| {
            let wanted = value.trim().to_lowercase();
            let mut ids: Vec<&str> = Vec::new();
            for close in crate::catalog::wording::ranked(&wanted, names.iter().map(|(n, _)| n.as_str()), 0.8)
            {
                if let Some((_, id)) = names.iter().find(|(n, _)| n == close)
                    && !ids.contains(id)
                {
                    ids.push(id);
                }
            }
            ids.truncate(3);
            let named: Vec<String> = ids
                .iter()
                .map(|id| match catalog.institution(id) {
                    Some(i) => format!("`{id}` ({})", i.name),
                    None => format!("`{id}`"),
                })
                .collect();
            let hint = crate::catalog::wording::did_you_mean_worded(
                &named,
                "`micromasters list` names every institution",
            );
            (value.clone(), hint)
        })
        .collect()
}

/// Whether the words of `wanted` begin consecutive words of `field`, case aside: `british col`
/// matches "University of British Columbia", `columbia university` does not.
pub fn phrase_match(wanted: &str, field: &str) -> bool {
    let wanted: Vec<String> = words(wanted).collect();
    let field: Vec<String> = words(field).collect();
    !wanted.is_empty()
        && field
            .windows(wanted.len())
            .any(|run| run.iter().zip(&wanted).all(|(f, w)| f.starts_with(w.as_str())))
}

/// Whether `wanted` matches `field`: each of its words begins a word of the field, case
/// aside, so `mit` matches "MITx" but not "Smith", and `data sci` matches "data science".
pub fn words_match(wanted: &str, field: &str) -> bool {
    let field_words: Vec<String> = words(field).collect();
    words(wanted).all(|w| field_words.iter().any(|f| f.starts_with(&w)))
}

/// The lowercase words of `text`: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::{phrase_match, words_match};

    #[test]
    fn a_phrase_matches_consecutive_words_only() {
        assert!(phrase_match("british col", "University of British Columbia"));
        assert!(!phrase_match(
            "columbia university",
            "University of British Columbia"
        ));
        assert!(phrase_match("columbia university", "Columbia University"));
        assert!(!phrase_match("", "x"));
    }

    #[test]
    fn words_match_at_word_starts_only() {
        assert!(words_match("mit", "MITx"));
        assert!(!words_match("mit", "Robert H. Smith School of Business"));
        assert!(words_match("data sci", "data science"));
        assert!(!words_match("ai", "supply chain"));
        assert!(!words_match("ai", "sustainability"));
        assert!(words_match("AI", "artificial intelligence, AI"));
        assert!(words_match("georgia", "georgia-tech"));
    }
}
