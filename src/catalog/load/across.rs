//! The rules that need every source loaded and merged: references to institutions and degrees,
//! rates, what fee parts need of their program, and shares worked out from credits.

use super::Catalog;
use super::check::{self, Problem, References};
use crate::catalog::wording;

/// The rules that need every source: references to institutions and degrees, and rates.
pub(super) fn cross_check(catalog: &Catalog, references: &[References]) -> Vec<(usize, Problem)> {
    let mut found = Vec::new();
    let institution_ids: Vec<&str> = catalog.institutions.iter().map(|i| i.id.as_str()).collect();
    let degree_ids: Vec<&str> = catalog.degree_ids().collect();
    // Suggestions cost a comparison with many ids each: a file with thousands of unknown
    // references gets them for the first few hundred only.
    let mut suggestions = SUGGESTIONS;
    // Each program's pathways to other catalogue programs, found here once for `cycles`.
    let mut edges = Edges {
        start: Vec::with_capacity(catalog.programs.len() + 1),
        to: Vec::new(),
    };
    for (program, refs) in catalog.programs.iter().zip(references) {
        edges.start.push(edges.to.len());
        let mut problem =
            |offset: usize, message: String| found.push((program.source, Problem::new(offset, message)));
        if catalog.institution(&program.institution).is_none() {
            problem(
                refs.institution as usize,
                unknown_institution(&program.institution, &institution_ids, &mut suggestions),
            );
        }
        for (pathway, &offset) in program.credit.iter().zip(refs.credit.iter()) {
            let offset = offset as usize;
            let Some(id) = pathway.toward() else { continue };
            match catalog.position(id).map(|j| (j, &catalog.programs[j])) {
                None => {
                    problem(
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
                    );
                }
                Some((_, target)) if target.id == program.id => problem(
                    offset,
                    format!("`toward` names `{id}` itself: a program cannot count toward itself"),
                ),
                Some((j, target)) => {
                    edges.to.push((j, offset));
                    if pathway.share.is_none()
                        && let (Some(credits), None, Some(of)) = (pathway.credits, pathway.of, target.credits)
                        && credits > of
                    {
                        problem(
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
            problem(refs.fees[at] as usize, message.to_string());
        }
        if program.currency != "USD" && !catalog.rates.contains_key(program.currency.as_str()) {
            let known: Vec<String> = catalog
                .currencies()
                .into_iter()
                .map(|c| format!("`{c}`"))
                .collect();
            problem(
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
    edges.start.push(edges.to.len());
    found.extend(cycles(catalog, &edges));
    found.extend(citations(catalog, references));
    found
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
