//! The rules that need every source loaded and merged: references to institutions and degrees,
//! rates, what fee parts need of their program, and shares worked out from credits.

use super::Catalog;
use super::check::{self, Problem, References};
use crate::catalog::wording;

/// The rules that need every source: references to institutions and degrees, and rates.
pub(super) fn cross_check(catalog: &Catalog, references: &[References]) -> Vec<(usize, Problem)> {
    // Each program's references are looked up in indexes far larger than a cache: a large
    // catalogue is checked in two halves at once, and what they find is put in program order.
    let programs = catalog.programs.len().min(references.len());
    let halves: Vec<Checked> = if programs >= PARALLEL_FROM_PROGRAMS && crate::cores() > 1 {
        let middle = programs / 2;
        std::thread::scope(|scope| {
            let second = scope.spawn(|| check_programs(catalog, references, middle..programs));
            let first = check_programs(catalog, references, 0..middle);
            // A half whose thread failed is checked again here.
            let second = second
                .join()
                .unwrap_or_else(|_| check_programs(catalog, references, middle..programs));
            vec![first, second]
        })
    } else {
        vec![check_programs(catalog, references, 0..programs)]
    };
    let institution_ids: Vec<&str> = catalog.institutions.iter().map(|i| i.id.as_str()).collect();
    let degree_ids: Vec<&str> = catalog.degree_ids().collect();
    // Suggestions cost a comparison with many ids each: a file with thousands of unknown
    // references gets them for the first few hundred only, in program order.
    let mut suggestions = SUGGESTIONS;
    let mut found = Vec::new();
    let mut edges = Edges {
        start: Vec::with_capacity(programs + 1),
        to: Vec::with_capacity(halves.iter().map(|h| h.to.len()).sum()),
    };
    for half in halves {
        let base = edges.to.len();
        edges.start.extend(half.start.iter().map(|s| s + base));
        edges.to.extend(half.to);
        found.extend(half.found.into_iter().map(|finding| match finding {
            Finding::Ready(source, problem) => (source, problem),
            Finding::UnknownInstitution { source, offset, id } => (
                source,
                Problem::new(
                    offset,
                    unknown_institution(id, &institution_ids, &mut suggestions),
                ),
            ),
            Finding::UnknownToward { source, offset, id } => (
                source,
                Problem::new(
                    offset,
                    format!(
                        "`toward` names unknown program `{id}`{}",
                        did_you_mean(
                            id,
                            &degree_ids,
                            "use `degree = \"...\"` for a degree outside the catalogue",
                            &mut suggestions
                        )
                    ),
                ),
            ),
        }));
    }
    edges.start.push(edges.to.len());
    found.extend(cycles(catalog, &edges));
    found.extend(citations(catalog, references));
    found
}

/// From this many programs on, `cross_check` looks at two halves at once.
const PARALLEL_FROM_PROGRAMS: usize = 16_384;

/// What checking some programs found: their problems in order, and their pathways to other
/// catalogue programs (`start` for each program, into `to`, as in `Edges`).
struct Checked<'a> {
    found: Vec<Finding<'a>>,
    start: Vec<usize>,
    to: Vec<(usize, usize)>,
}

impl Checked<'_> {
    fn problem(&mut self, source: usize, offset: usize, message: String) {
        self.found
            .push(Finding::Ready(source, Problem::new(offset, message)));
    }
}

/// A problem `cross_check` found, or a reference to something no source defines, whose
/// message waits for its turn at the suggestion budget.
enum Finding<'a> {
    Ready(usize, Problem),
    UnknownInstitution {
        source: usize,
        offset: usize,
        id: &'a str,
    },
    UnknownToward {
        source: usize,
        offset: usize,
        id: &'a str,
    },
}

/// The references, credits, fees and currency of the programs in `range`.
fn check_programs<'a>(
    catalog: &'a Catalog,
    references: &[References],
    range: std::ops::Range<usize>,
) -> Checked<'a> {
    let mut checked = Checked {
        found: Vec::new(),
        start: Vec::with_capacity(range.len()),
        to: Vec::new(),
    };
    for (program, refs) in catalog.programs[range.clone()].iter().zip(&references[range]) {
        checked.start.push(checked.to.len());
        let source = program.source;
        if catalog.institution(&program.institution).is_none() {
            checked.found.push(Finding::UnknownInstitution {
                source,
                offset: refs.institution as usize,
                id: &program.institution,
            });
        }
        for (pathway, &offset) in program.credit.iter().zip(refs.credit.iter()) {
            let offset = offset as usize;
            let Some(id) = pathway.toward() else { continue };
            match catalog.position(id).map(|j| (j, &catalog.programs[j])) {
                None => checked.found.push(Finding::UnknownToward { source, offset, id }),
                Some((_, target)) if target.id == program.id => checked.problem(
                    source,
                    offset,
                    format!("`toward` names `{id}` itself: a program cannot count toward itself"),
                ),
                Some((j, target)) => {
                    checked.to.push((j, offset));
                    if pathway.share.is_none()
                        && let (Some(credits), None, Some(of)) = (pathway.credits, pathway.of, target.credits)
                        && credits > of
                    {
                        checked.problem(
                            source,
                            offset,
                            format!(
                                "`credits` ({credits}) is more than the {of} credits of `{id}`: a pathway never counts for more than the whole degree"
                            ),
                        );
                    }
                }
            }
        }
        for (at, message) in check::fee_needs(program) {
            checked.problem(source, refs.fees[at] as usize, message.to_string());
        }
        if program.currency != "USD" && !catalog.rates.contains_key(program.currency.as_str()) {
            let known: Vec<String> = catalog
                .currencies()
                .into_iter()
                .map(|c| format!("`{c}`"))
                .collect();
            checked.problem(
                source,
                refs.currency as usize,
                format!(
                    "currency `{}` has no rate; add `{} = <value in USD>` to `rates` (known: {})",
                    program.currency,
                    program.currency,
                    known.join(", ")
                ),
            );
        }
    }
    checked
}

/// Every program's pathways to another catalogue program, in pathway order: program `i`'s are
/// `to[start[i]..start[i + 1]]`, each `(the program it leads to, the offset of its `toward`)`.
struct Edges {
    start: Vec<usize>,
    to: Vec<(usize, usize)>,
}

/// Sources a program cites (in `sources`, or as `[KEY]` in its notes) that no `[[source]]`
/// defines, each at the program's header.
fn citations(catalog: &Catalog, references: &[References]) -> Vec<(usize, Problem)> {
    let known: Vec<&str> = catalog.references.iter().map(|r| r.key.as_str()).collect();
    let mut found = Vec::new();
    for (program, refs) in catalog.programs.iter().zip(references) {
        for key in program.cited() {
            if !known.contains(&key) {
                let message = format!(
                    "`{}` cites source `[{key}]`, which no `[[source]]` defines{}",
                    program.id,
                    wording::did_you_mean(
                        key,
                        known.iter().copied(),
                        0.8,
                        1,
                        "add a `[[source]]` with this key"
                    )
                );
                found.push((program.source, Problem::new(refs.header as usize, message)));
            }
        }
    }
    found
}

/// Pathways that close a cycle (`a` toward `b`, `b` toward `a`): each is an error at the
/// pathway that leads back, since a route must end. Self-references are reported above.
fn cycles(catalog: &Catalog, edges: &Edges) -> Vec<(usize, Problem)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; catalog.programs.len()];
    let mut found = Vec::new();
    // Depth first, without recursion: each frame is a program and the end of its edges left
    // to walk, taken last first.
    let mut path: Vec<(usize, usize)> = Vec::new();
    for start in 0..catalog.programs.len() {
        if mark[start] != Mark::New {
            continue;
        }
        path.push((start, edges.start[start + 1]));
        mark[start] = Mark::Open;
        while let Some((at, end)) = path.last_mut() {
            let at = *at;
            if *end == edges.start[at] {
                mark[at] = Mark::Done;
                path.pop();
                continue;
            }
            *end -= 1;
            let (next, offset) = edges.to[*end];
            match mark[next] {
                Mark::Open => {
                    let from = path.iter().position(|(p, _)| *p == next).unwrap_or(0);
                    let mut ids: Vec<&str> = path[from..]
                        .iter()
                        .map(|(p, _)| catalog.programs[*p].id.as_str())
                        .collect();
                    ids.push(&catalog.programs[next].id);
                    let program = &catalog.programs[at];
                    found.push((
                        program.source,
                        Problem::new(
                            offset,
                            format!(
                                "`toward` `{}` closes a cycle of pathways ({}): a chain of pathways must end",
                                catalog.programs[next].id,
                                ids.join(" → ")
                            ),
                        ),
                    ));
                }
                Mark::New => {
                    mark[next] = Mark::Open;
                    path.push((next, edges.start[next + 1]));
                }
                Mark::Done => {}
            }
        }
    }
    found
}

/// The problem of a reference to an institution no loaded source defines.
fn unknown_institution(id: &str, known: &[&str], suggestions: &mut usize) -> String {
    format!(
        "unknown institution `{id}`{}",
        did_you_mean(id, known, "add an `[[institution]]` with this id", suggestions)
    )
}

/// The institutions that entries refused for other problems name, each `(source, id, offset)`:
/// those no loaded source defines are problems too, so that one run shows them all.
pub(super) fn rejected_institutions(
    catalog: &Catalog,
    named: &[(usize, String, usize)],
) -> Vec<(usize, Problem)> {
    let known: Vec<&str> = catalog.institutions.iter().map(|i| i.id.as_str()).collect();
    let mut suggestions = SUGGESTIONS;
    named
        .iter()
        .filter(|(_, id, _)| catalog.institution(id).is_none())
        .map(|(source, id, at)| {
            (
                *source,
                Problem::new(*at, unknown_institution(id, &known, &mut suggestions)),
            )
        })
        .collect()
}

/// Works out the share of each pathway given in credits without a total, against its
/// degree's own `credits`; it stays unknown where the degree gives none, or the credits exceed
/// them (reported by `cross_check`).
pub(super) fn compute_shares(catalog: &mut Catalog) {
    let mut computed = Vec::new();
    for (i, program) in catalog.programs.iter().enumerate() {
        for (j, pathway) in program.credit.iter().enumerate() {
            if pathway.share.is_some() || pathway.of.is_some() {
                continue;
            }
            let degree_credits = pathway
                .toward()
                .and_then(|id| catalog.program(id))
                .and_then(|degree| degree.credits);
            if let (Some(credits), Some(of)) = (pathway.credits, degree_credits)
                && credits <= of
            {
                computed.push((i, j, credits / of));
            }
        }
    }
    for (i, j, share) in computed {
        catalog.programs[i].credit[j].share = Some(share);
    }
}

/// Unknown references that get a "did you mean" in one load.
const SUGGESTIONS: usize = 100;

fn did_you_mean(found: &str, known: &[&str], otherwise: &str, budget: &mut usize) -> String {
    if *budget == 0 {
        return format!("; {otherwise}");
    }
    *budget -= 1;
    wording::did_you_mean(found, known.iter().copied(), 0.8, 1, otherwise)
}

#[cfg(test)]
mod tests {
    use super::super::{Source, load};

    /// A catalogue of `n` programs, the `i`th toward program `i - 1` where `bad(i)` does not
    /// make it name an institution, a program and a currency no source defines.
    fn catalogue(n: usize, bad: impl Fn(usize) -> bool) -> String {
        let mut text = String::from(
            "format = 1\nrates = { EUR = 1.1 }\n[[institution]]\nid = \"school\"\nname = \"School\"\ncountry = \"US\"\n",
        );
        for i in 0..n {
            let (school, toward, currency) = if bad(i) {
                ("schol", format!("program-x{i}"), "XYZ")
            } else {
                ("school", format!("program-{}", i.max(1) - 1), "EUR")
            };
            text.push_str(&format!(
                "[[program]]\nid = \"program-{i}\"\nname = \"P {i}\"\nkind = \"certificate\"\ninstitution = \"{school}\"\npacing = \"both\"\ncost = 100\ncurrency = \"{currency}\"\nmonths = 6\nurl = \"https://example.org/{i}\"\ncredit = [{{ toward = \"{toward}\", share = 0.25 }}]\n"
            ));
        }
        text
    }

    fn problems(text: String) -> Vec<String> {
        let loaded = load(vec![Ok(Source::new("c.toml", text.into()))]);
        loaded.problems.iter().map(ToString::to_string).collect()
    }

    /// A catalogue large enough to be checked in two halves reports what one checked whole
    /// does: the same problems in the same order, and "did you mean" for the first hundred
    /// unknown references in the file's order, whichever half they are in.
    #[test]
    fn a_large_catalogue_checked_in_halves_reports_as_one_checked_whole() {
        let n = super::PARALLEL_FROM_PROGRAMS + 2_000;
        // 30 bad programs in the first half and 60 at the end of the second: each names an
        // unknown institution and program (the budget's two) and a currency without a rate.
        let bad = |i: usize| i % 2 == 1 && !(60..n - 120).contains(&i);
        let found = problems(catalogue(n, bad));
        // And the first program, toward itself.
        assert_eq!(found.len(), 90 * 3 + 1, "{:?}", &found[..5]);
        let institutions: Vec<&String> = found
            .iter()
            .filter(|p| p.contains("unknown institution"))
            .collect();
        assert_eq!(institutions.len(), 90);
        // Only institutions have a near id to suggest; the first 50 bad programs spend the
        // budget, 30 of them in the first half and 20 in the second.
        let suggested = institutions
            .iter()
            .take_while(|p| p.contains("did you mean"))
            .count();
        assert_eq!(suggested, 50, "{institutions:?}");
        assert!(institutions[50..].iter().all(|p| !p.contains("did you mean")));
        // Below the size that is split, the same programs report the same problems.
        let small = problems(catalogue(400, |i| i % 2 == 1 && !(60..280).contains(&i)));
        let shape = |found: &[String]| -> Vec<String> {
            let message = |p: &String| p.splitn(4, ':').nth(3).unwrap_or_default().to_string();
            found
                .iter()
                .map(|p| {
                    message(p)
                        .split("program-")
                        .next()
                        .unwrap_or_default()
                        .to_string()
                })
                .collect()
        };
        assert_eq!(shape(&small), shape(&found));
    }
}
