//! Sources in order: read each, parse it into checked entries (`parse`), merge them by id, a
//! later source correcting an earlier entry key by key (`merge`), then check what needs every
//! source (`across`) and place every problem at its `FILE:LINE:COLUMN`.

mod across;
mod check;
mod correct;
mod diagnostic;
mod fast;
mod merge;
mod parse;
mod raw;
mod source;
mod split;
mod stream;
/// Test support: writes a loaded catalogue back as TOML, for the round-trip property tests.
#[doc(hidden)]
pub mod write;

use std::collections::HashMap;

use crate::catalog::date::Date;
use crate::catalog::{Catalog, IdIndex, RateInfo, Reference, Replacement, wording};
use check::{InstitutionPlace, Problem, ProblemKind, References};
use diagnostic::LineIndex;
use merge::Merge;
use parse::{MAX_PROBLEMS, Parsed, bom_len, parse_source};

pub use correct::{InstitutionKey, ProgramKey};
pub use diagnostic::Diagnostic;
pub use source::{BUILTIN_NAME, Source};

/// What loading found: the merged catalogue, every problem, and which entries later sources
/// replaced. The catalogue is only to be used when `problems` is empty.
#[derive(Debug)]
pub struct Loaded {
    pub catalog: Catalog,
    pub problems: Vec<Diagnostic>,
    pub replaced: Vec<Replacement>,
}

/// Loads `inputs` in order as one catalogue. Inputs that could not be read are reported in
/// their place.
///
/// A large file is read once, each piece cut into entries as the one before it is parsed.
/// Whether that stands for the file is only known once it is read (see `stream::read_once`):
/// where it does not, everything is loaded again, each large file cut into entries first, as
/// `Source::read_cut` reads it; the answer is the same either way.
pub fn load(inputs: Vec<Result<Source, Diagnostic>>) -> Loaded {
    load_as_read(&inputs).unwrap_or_else(|parse::Restart| {
        let cut: Vec<_> = inputs
            .into_iter()
            .map(|input| input.and_then(Source::read_cut))
            .collect();
        // Nothing read once is left, so this load does not restart; were it to, say so.
        load_as_read(&cut).unwrap_or_else(|parse::Restart| Loaded {
            catalog: Catalog::default(),
            problems: vec![Diagnostic::whole_file(
                "<catalogue>",
                "internal error while reading the catalogue; please report it",
            )],
            replaced: Vec::new(),
        })
    })
}

/// `load`, or `Restart` where a file read once cannot be so.
// Long on purpose: the loader's phases in order, each a few lines; the order is the point.
#[allow(clippy::too_many_lines)]
fn load_as_read(inputs: &[Result<Source, Diagnostic>]) -> Result<Loaded, parse::Restart> {
    let mut catalog = Catalog::default();
    let mut problems = Vec::new();
    let mut replaced = Vec::new();
    let mut references: Vec<References> = Vec::new();
    let mut program_at = IdIndex::default();
    let mut institution_at = IdIndex::default();
    let mut texts: Vec<&Source> = Vec::new();
    // Where each institution stands in its source, for duplicate reports.
    let mut institution_id_at: Vec<InstitutionPlace> = Vec::new();
    let mut pending: Vec<(usize, Problem)> = Vec::new();
    // Institutions named by entries refused for other problems: (source, id, offset).
    let mut rejected: Vec<(usize, String, usize)> = Vec::new();

    for input in inputs {
        let source = match input {
            Ok(source) => source,
            Err(diagnostic) => {
                problems.push(diagnostic.clone());
                continue;
            }
        };
        let index = texts.len();
        catalog.sources.push(source.name.clone());
        // The built-in catalogue's dates are those the binary was built with: only what the
        // user loads is held to today.
        let latest = (!source.is_builtin()).then(Date::today);
        // Each part's entries are merged as it comes, while the next parts are parsed; what
        // merging finds is kept apart, to follow the top-level keys' problems and corrections
        // as it always has.
        let mut top = Parsed::default();
        let mut entry_problems = Vec::new();
        let mut entry_replaced = Vec::new();
        let parsed = parse_source(source, check::Origin { index, latest }, |mut part| {
            // Room for every program at once, rather than doubled and copied as they come (the
            // index of ids too: rather than grown and rehashed). For a file read once the count
            // is an estimate: room that cannot be had is simply not made, and they grow.
            let ahead = part.programs_ahead;
            let _ = catalog.programs.try_reserve_exact(ahead);
            let _ = references.try_reserve_exact(ahead);
            let _ = program_at.try_reserve(ahead);
            let entries = std::mem::take(&mut part.entries);
            top.append_top(part);
            let mut merge = Merge {
                source: index,
                sources: &catalog.sources,
                replaced: &mut entry_replaced,
                problems: &mut entry_problems,
            };
            merge.entries(
                entries.institutions,
                entries.institution_ids,
                &mut catalog.institutions,
                &mut institution_id_at,
                &mut institution_at,
            );
            merge.entries(
                entries.programs,
                entries.references,
                &mut catalog.programs,
                &mut references,
                &mut program_at,
            );
        });
        parsed?;
        texts.push(source);
        rejected.extend(
            std::mem::take(&mut top.rejected_institutions)
                .into_iter()
                .map(|(id, at)| (index, id, at)),
        );
        let mut parsed_problems = top.duplicate_top_keys();
        parsed_problems.append(&mut top.problems);
        match top.format {
            None if top.unreadable_top => {}
            None => parsed_problems.push(Problem::new(
                0,
                "missing required key `format`; add `format = 1` at the top",
            )),
            Some((1, _)) => {}
            Some((other, offset)) => parsed_problems.push(Problem::new(
                offset,
                format!("unsupported `format = {other}`; this version of micromasters reads format 1"),
            )),
        }
        if let Some(date) = top.as_of {
            catalog.as_of = Some(catalog.as_of.map_or(date, |d: Date| d.min(date)));
        }
        let plain = top.rates.into_iter().map(|(code, rate)| {
            let (as_of, source) = (top.rates_as_of, top.rates_source.clone());
            (code, rate, as_of, source)
        });
        let tables = top
            .rate_tables
            .into_iter()
            .map(|t| (t.code, t.usd, t.as_of, t.source));
        for (code, rate, as_of, source) in plain.chain(tables) {
            set_rate(
                &mut catalog,
                &mut replaced,
                index,
                code,
                rate,
                RateInfo {
                    as_of,
                    source,
                    file: index,
                },
            );
        }
        add_references(
            &mut catalog,
            &mut replaced,
            &mut parsed_problems,
            index,
            &top.references,
        );

        parsed_problems.append(&mut entry_problems);
        replaced.append(&mut entry_replaced);
        pending.extend(parsed_problems.into_iter().map(|p| (index, p)));
    }

    catalog.set_index(institution_at, program_at);
    // Every file that changed a built-in entry or rate is named, also behind another correction.
    let mut from_builtin: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    for r in &replaced {
        if r.from == BUILTIN_NAME || from_builtin.contains(&(r.kind, r.id.as_str())) {
            from_builtin.insert((r.kind, r.id.as_str()));
            let corrected = catalog.corrections.entry(r.by.clone()).or_default();
            match r.kind {
                "rate" => corrected.rates.push(r.id.clone()),
                "source" => corrected.sources.push(r.id.clone()),
                _ => corrected.entries += 1,
            }
        }
        if r.kind == "program" {
            catalog
                .corrected_by
                .entry(r.id.clone())
                .or_default()
                .push(r.by.clone());
        }
    }
    pending.extend(across::cross_check(&catalog, &references));
    pending.extend(across::rejected_institutions(&catalog, &rejected));
    across::compute_shares(&mut catalog);
    if catalog.programs.is_empty() && !catalog.sources.is_empty() && pending.is_empty() && problems.is_empty()
    {
        pending.push((
            catalog.sources.len() - 1,
            Problem::new(
                0,
                "the loaded catalogue holds no programs; add a file with `[[program]]` entries",
            ),
        ));
    }
    if pending.len() > MAX_PROBLEMS {
        pending.sort_by_key(|(source, p)| (*source, p.offset));
        let more = pending.len() - MAX_PROBLEMS;
        pending.truncate(MAX_PROBLEMS);
        let (source, last) = pending.last().map_or((0, 0), |(s, p)| (*s, p.offset));
        pending.push((
            source,
            Problem::new(
                last,
                format!("and {more} more problems, not listed; fix these first"),
            ),
        ));
    }
    problems.extend(place(pending, &texts));
    Ok(Loaded {
        catalog,
        problems,
        replaced,
    })
}

/// Turns offsets into lines and columns, sorted by source and position. A file read in pieces
/// is read again, whole, where it has problems to place.
fn place(mut pending: Vec<(usize, Problem)>, texts: &[&Source]) -> Vec<Diagnostic> {
    pending.sort_by_key(|(source, p)| (*source, p.offset));
    let mut indexes: HashMap<usize, LineIndex> = HashMap::new();
    let mut sources: Vec<usize> = pending.iter().map(|(source, _)| *source).collect();
    sources.dedup();
    // The whole text of each file read in pieces with problems to place; `None` where it is
    // not what it was when read.
    let wholes: HashMap<usize, Option<String>> = sources
        .into_iter()
        .filter_map(|source| {
            let streamed = texts.get(source)?.streamed.as_deref()?;
            Some((source, stream::whole(streamed)))
        })
        .collect();
    let mut changed: Vec<usize> = Vec::new();
    pending
        .into_iter()
        .filter_map(|(source, problem)| {
            let Some(text) = texts.get(source) else {
                return Some(Diagnostic::whole_file("<catalogue>", problem.message));
            };
            let body: &str = match wholes.get(&source) {
                Some(Some(whole)) => whole,
                Some(None) => {
                    // Read again, the file was not what it had been: where its problems stand
                    // is not known. Said once, in their place.
                    if changed.contains(&source) {
                        return None;
                    }
                    changed.push(source);
                    return Some(Diagnostic::whole_file(&text.name, stream::CHANGED));
                }
                None => &text.text,
            };
            let skip = bom_len(body);
            let index = indexes
                .entry(source)
                .or_insert_with(|| LineIndex::new(body, skip));
            let (line, column) = index.position(body, problem.offset.max(skip));
            let message = match problem.kind {
                ProblemKind::Duplicate { first } => {
                    let first_line = index.position(body, first.max(skip)).0;
                    format!(
                        "{}: it is already defined at line {first_line} of this file",
                        problem.message
                    )
                }
                _ => problem.message,
            };
            Some(Diagnostic {
                file: text.name.clone(),
                line,
                column,
                message,
            })
        })
        .collect()
}

/// Sets the rate of `code` from file `index`; a rate an earlier file set is a correction.
fn set_rate(
    catalog: &mut Catalog,
    replaced: &mut Vec<Replacement>,
    index: usize,
    code: String,
    rate: f64,
    info: RateInfo,
) {
    if let (Some(&old), Some(old_info)) = (catalog.rates.get(&code), catalog.rate_info.get(&code))
        && old_info.file != index
    {
        replaced.push(Replacement {
            kind: "rate",
            id: code.clone(),
            from: catalog.sources[old_info.file].clone(),
            by: catalog.sources[index].clone(),
            keys: Vec::new(),
            change: Some(format!(
                "1 {code} = {} → {} USD",
                wording::shown(old),
                wording::shown(rate)
            )),
        });
    }
    catalog.rate_info.insert(code.clone(), info);
    catalog.rates.insert(code, rate);
}

/// Adds the `[[source]]` tables of file `index`: a key defined twice in one file is a problem; a
/// key an earlier file defined is replaced, and named like a correction.
fn add_references(
    catalog: &mut Catalog,
    replaced: &mut Vec<Replacement>,
    problems: &mut Vec<Problem>,
    index: usize,
    references: &[(Reference, usize)],
) {
    let mut seen: Vec<&str> = Vec::new();
    let mut added = Vec::new();
    for (reference, at) in references {
        if seen.contains(&reference.key.as_str()) {
            problems.push(Problem::new(
                *at,
                format!(
                    "duplicate source key `{}`: it is already defined in this file",
                    reference.key
                ),
            ));
            continue;
        }
        seen.push(&reference.key);
        added.push(reference.clone());
    }
    for reference in added {
        match catalog.references.iter_mut().find(|r| r.key == reference.key) {
            Some(earlier) => {
                replaced.push(Replacement {
                    kind: "source",
                    id: reference.key.clone(),
                    from: catalog.sources[earlier.file].clone(),
                    by: catalog.sources[index].clone(),
                    keys: Vec::new(),
                    change: None,
                });
                *earlier = reference;
            }
            None => catalog.references.push(reference),
        }
    }
}
