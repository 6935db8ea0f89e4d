//! Sources in order: read each, cut it into entries, parse and check them (in parallel for large
//! files), then merge by id, a later source correcting an earlier entry key by key.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::Path;
use std::thread;

use serde::Deserialize;

use super::check::{self, InstitutionPlace, Problem, References};
use super::correct::{Correctable, Given};
use super::date::Date;
use super::diagnostic::{Diagnostic, LineIndex};
use super::fast;
use super::model::{Institution, Program};
use super::raw::RawDocument;
use super::split::{self, Chunk, ChunkKind};
use super::text::{self, Flaw};
use super::{Catalog, RateInfo, Replacement};

/// The name the built-in catalogue goes by in reports.
pub const BUILTIN_NAME: &str = "data/catalog.toml";

/// The most problems listed for one load: a file with more is not worth more memory.
pub const MAX_PROBLEMS: usize = 100_000;

/// The largest catalogue file: 256 MiB, over six times the 100,000-program benchmark.
pub const MAX_FILE_BYTES: usize = 256 << 20;

/// Whether `meta` is a character or block device (`/dev/zero`, `/dev/urandom`): endless, or
/// not a file a catalogue is kept in.
#[cfg(unix)]
fn is_device(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_char_device() || meta.file_type().is_block_device()
}

#[cfg(not(unix))]
fn is_device(_meta: &std::fs::Metadata) -> bool {
    false
}

/// Below this size a source is parsed on one thread: starting threads would cost more.
const PARALLEL_FROM_BYTES: usize = 512 * 1024;

/// One catalogue text and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: Cow<'static, str>,
}

impl Source {
    /// The catalogue compiled into the binary.
    pub fn builtin() -> Source {
        Source {
            name: BUILTIN_NAME.to_string(),
            text: Cow::Borrowed(include_str!("../../data/catalog.toml")),
        }
    }

    /// Reads a catalogue file (`-` is standard input); a file that cannot be used is one
    /// diagnostic naming it. Files larger than `MAX_FILE_BYTES` are refused without reading on.
    pub fn read(path: &Path) -> Result<Source, Diagnostic> {
        use std::io::Read;
        let stdin = path.as_os_str() == "-";
        let name = if stdin {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let fail = |message: String| Diagnostic::whole_file(&name, message);
        let too_large = || {
            fail(format!(
                "is larger than {} MiB, too large for a catalogue; nothing was read past that",
                MAX_FILE_BYTES >> 20
            ))
        };
        let cannot = |e: std::io::Error| {
            fail(match e.kind() {
                std::io::ErrorKind::NotFound => "cannot read the catalogue: no such file".to_string(),
                std::io::ErrorKind::PermissionDenied => {
                    "cannot read the catalogue: permission denied".to_string()
                }
                _ => format!("cannot read the catalogue: {e}"),
            })
        };
        let mut bytes = Vec::new();
        let limit = (MAX_FILE_BYTES + 1) as u64;
        if stdin {
            std::io::stdin()
                .lock()
                .take(limit)
                .read_to_end(&mut bytes)
                .map_err(cannot)?;
        } else {
            if path.is_dir() {
                return Err(fail(
                    "is a directory, not a catalogue file; name a `.toml` file".into(),
                ));
            }
            let file = std::fs::File::open(path).map_err(cannot)?;
            let meta = file.metadata().map_err(cannot)?;
            if is_device(&meta) {
                return Err(fail(
                    "is a device, not a catalogue file; name a `.toml` file".into(),
                ));
            }
            if meta.len() > MAX_FILE_BYTES as u64 {
                return Err(too_large());
            }
            file.take(limit).read_to_end(&mut bytes).map_err(cannot)?;
        }
        if bytes.len() > MAX_FILE_BYTES {
            return Err(too_large());
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            fail(format!(
                "is not UTF-8 text (invalid byte at line {line}); save the catalogue as UTF-8"
            ))
        })?;
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            return Err(fail(
                "the file is empty; a catalogue starts with `format = 1`".into(),
            ));
        }
        Ok(Source {
            name,
            text: Cow::Owned(text),
        })
    }
}

/// What loading found: the merged catalogue, every problem, and which entries later sources
/// replaced. The catalogue is only to be used when `problems` is empty.
#[derive(Debug)]
pub struct Loaded {
    pub catalog: Catalog,
    pub problems: Vec<Diagnostic>,
    pub replaced: Vec<Replacement>,
}

/// The checked entries of part of a source, in order; merged into the catalogue by id.
#[derive(Default)]
struct Entries {
    institutions: Vec<Institution>,
    /// Where each institution stands, in the same order.
    institution_ids: Vec<InstitutionPlace>,
    programs: Vec<Program>,
    /// One per program, in the same order.
    references: Vec<References>,
}

/// Everything one part of a source holds: its top-level keys, its entries, its problems.
#[derive(Default)]
struct Parsed {
    format: Option<(i64, usize)>,
    as_of: Option<Date>,
    rates: Vec<(String, f64)>,
    rates_as_of: Option<Date>,
    rates_source: Option<String>,
    /// Whether a top-level part failed to parse, so a missing `format` may just be unread.
    unreadable_top: bool,
    /// Top-level keys as they were met, for duplicates across top-level chunks.
    top_keys: Vec<(&'static str, usize)>,
    entries: Entries,
    problems: Vec<Problem>,
}

impl Parsed {
    /// Adds another part's top-level keys and problems; entries are merged by id elsewhere.
    fn append_top(&mut self, mut other: Parsed) {
        self.format = self.format.or(other.format);
        self.unreadable_top |= other.unreadable_top;
        self.as_of = self.as_of.or(other.as_of);
        self.top_keys.append(&mut other.top_keys);
        self.rates.append(&mut other.rates);
        self.rates_as_of = self.rates_as_of.or(other.rates_as_of);
        self.rates_source = self.rates_source.take().or(other.rates_source);
        self.problems.append(&mut other.problems);
    }

    fn add_institution(&mut self, checked: Result<(Institution, InstitutionPlace), Vec<Problem>>) {
        match checked {
            Ok((institution, id_at)) => {
                self.entries.institutions.push(institution);
                self.entries.institution_ids.push(id_at);
            }
            Err(mut problems) => self.problems.append(&mut problems),
        }
    }

    fn add_program(&mut self, checked: Result<(Program, References), Vec<Problem>>) {
        match checked {
            Ok((program, refs)) => {
                self.entries.programs.push(program);
                self.entries.references.push(refs);
            }
            Err(mut problems) => self.problems.append(&mut problems),
        }
    }

    /// A top-level key set twice in one file (possible across separate top-level tables).
    fn duplicate_top_keys(&self) -> Vec<Problem> {
        let mut seen: Vec<&str> = Vec::new();
        let mut found = Vec::new();
        for (key, offset) in &self.top_keys {
            if seen.contains(key) {
                found.push(Problem::new(
                    *offset,
                    format!("duplicate key `{key}`: it is already set earlier in this file"),
                ));
            }
            seen.push(key);
        }
        found
    }
}

/// Loads `inputs` in order as one catalogue. Inputs that could not be read are reported in
/// their place.
pub fn load(inputs: Vec<Result<Source, Diagnostic>>) -> Loaded {
    let mut catalog = Catalog::default();
    let mut problems = Vec::new();
    let mut replaced = Vec::new();
    let mut references: Vec<References> = Vec::new();
    let mut program_at: HashMap<String, usize> = HashMap::new();
    let mut institution_at: HashMap<String, usize> = HashMap::new();
    let mut texts: Vec<Option<Source>> = Vec::new();
    // Where each institution stands in its source, for duplicate reports.
    let mut institution_id_at: Vec<InstitutionPlace> = Vec::new();
    let mut pending: Vec<(usize, Problem)> = Vec::new();

    for input in inputs {
        let source = match input {
            Ok(source) => source,
            Err(diagnostic) => {
                problems.push(diagnostic);
                continue;
            }
        };
        let index = texts.len();
        catalog.sources.push(source.name.clone());
        let parts = parse_source(&source.text, index);
        texts.push(Some(source));
        let mut top = Parsed::default();
        let mut entries = Vec::with_capacity(parts.len());
        for mut part in parts {
            entries.push(std::mem::take(&mut part.entries));
            top.append_top(part);
        }
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
        for (code, rate) in top.rates {
            let info = RateInfo {
                as_of: top.rates_as_of,
                source: top.rates_source.clone(),
            };
            catalog.rate_info.insert(code.clone(), info);
            catalog.rates.insert(code, rate);
        }

        let total: usize = entries.iter().map(|part| part.programs.len()).sum();
        program_at.reserve(total);
        for part in entries {
            let mut merge = Merge {
                source: index,
                sources: &catalog.sources,
                replaced: &mut replaced,
                problems: &mut parsed_problems,
            };
            merge.entries(
                part.institutions,
                part.institution_ids,
                &mut catalog.institutions,
                &mut institution_id_at,
                &mut institution_at,
            );
            merge.entries(
                part.programs,
                part.references,
                &mut catalog.programs,
                &mut references,
                &mut program_at,
            );
        }
        pending.extend(parsed_problems.into_iter().map(|p| (index, p)));
    }

    catalog.set_index(institution_at, program_at);
    for r in replaced.iter().filter(|r| r.from == BUILTIN_NAME) {
        *catalog.corrections.entry(r.by.clone()).or_default() += 1;
    }
    pending.extend(cross_check(&catalog, &references));
    compute_shares(&mut catalog);
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
    Loaded {
        catalog,
        problems,
        replaced,
    }
}

/// An entry merged by id across sources.
trait Keyed: Correctable {
    /// `program` or `institution`, for messages.
    const KIND: &'static str;
    fn id(&self) -> &str;
    fn source(&self) -> usize;
}

impl Keyed for Program {
    const KIND: &'static str = "program";
    fn id(&self) -> &str {
        &self.id
    }
    fn source(&self) -> usize {
        self.source
    }
}

impl Keyed for Institution {
    const KIND: &'static str = "institution";
    fn id(&self) -> &str {
        &self.id
    }
    fn source(&self) -> usize {
        self.source
    }
}

/// Where an entry stands and which keys it gives.
trait Placed {
    fn id_at(&self) -> usize;
    fn header(&self) -> usize;
    fn given(&self) -> Given;
}

impl Placed for References {
    fn id_at(&self) -> usize {
        self.id as usize
    }
    fn header(&self) -> usize {
        self.header as usize
    }
    fn given(&self) -> Given {
        self.given
    }
}

impl Placed for InstitutionPlace {
    fn id_at(&self) -> usize {
        self.id
    }
    fn header(&self) -> usize {
        self.header
    }
    fn given(&self) -> Given {
        self.given
    }
}

/// Merges the entries of one source into those loaded before.
struct Merge<'a> {
    source: usize,
    sources: &'a [String],
    replaced: &'a mut Vec<Replacement>,
    problems: &'a mut Vec<Problem>,
}

/// What to do with an entry whose id is not simply new.
enum Special {
    /// The id stands at this index already.
    Existing(usize),
    /// A new id, but the entry lacks keys a new entry must give.
    Incomplete,
}

impl Merge<'_> {
    /// Adds `items` (with where they stand, `places`) to `all`: a new id is appended, an id
    /// from an earlier source is corrected key by key, an id seen earlier in the same source
    /// is a duplicate. When every id is new and complete (the usual case), the vectors are
    /// moved in whole.
    fn entries<T: Keyed, P: Placed>(
        &mut self,
        items: Vec<T>,
        places: Vec<P>,
        all: &mut Vec<T>,
        all_places: &mut Vec<P>,
        index: &mut HashMap<String, usize>,
    ) {
        let mut next_at = all.len();
        let mut special: Vec<(usize, Special)> = Vec::new();
        for (i, (item, place)) in items.iter().zip(&places).enumerate() {
            match index.entry(item.id().to_string()) {
                Entry::Occupied(slot) => special.push((i, Special::Existing(*slot.get()))),
                Entry::Vacant(_) if !place.given().missing(T::KEYS, T::REQUIRED).is_empty() => {
                    special.push((i, Special::Incomplete));
                }
                Entry::Vacant(slot) => {
                    slot.insert(next_at);
                    next_at += 1;
                }
            }
        }
        if special.is_empty() {
            if all.is_empty() {
                *all = items;
                *all_places = places;
            } else {
                all.extend(items);
                all_places.extend(places);
            }
            return;
        }
        let mut next = special.into_iter().peekable();
        for (i, (item, place)) in items.into_iter().zip(places).enumerate() {
            let Some((_, what)) = next.next_if(|(c, _)| *c == i) else {
                all.push(item);
                all_places.push(place);
                continue;
            };
            match what {
                Special::Incomplete => self.problems.push(self.missing::<T>(&place)),
                Special::Existing(at) if all[at].source() == self.source => {
                    let first = all_places[at].id_at();
                    self.problems
                        .push(duplicate(T::KIND, item.id(), place.id_at(), first));
                }
                Special::Existing(at) => {
                    let given = place.given();
                    self.replaced.push(Replacement {
                        kind: T::KIND,
                        id: item.id().to_string(),
                        from: self.sources[all[at].source()].clone(),
                        by: self.sources[self.source].clone(),
                        keys: given.names(T::KEYS),
                    });
                    all[at].correct(item, given);
                    all_places[at] = place;
                }
            }
        }
    }

    /// The problem of a new entry without every key a new entry must give.
    fn missing<T: Keyed>(&self, place: &impl Placed) -> Problem {
        let missing = place.given().missing(T::KEYS, T::REQUIRED);
        let keys: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
        let s = if missing.len() == 1 { "" } else { "s" };
        let correction = if self.source > 0 {
            format!(
                "; an entry that corrects an earlier {} needs an id defined in an earlier source",
                T::KIND
            )
        } else {
            String::new()
        };
        Problem::new(
            place.header(),
            format!("missing required key{s} {}{correction}", keys.join(", ")),
        )
    }
}

fn duplicate(what: &str, id: &str, at: usize, first: usize) -> Problem {
    Problem {
        see_also: Some(first),
        ..Problem::new(
            at,
            format!("duplicate {what} id `{id}`: it is already defined at line {{line}} of this file"),
        )
    }
}

/// The rules that need every source: references to institutions and degrees, and rates.
fn cross_check(catalog: &Catalog, references: &[References]) -> Vec<(usize, Problem)> {
    let mut found = Vec::new();
    let institution_ids: Vec<&str> = catalog.institutions.iter().map(|i| i.id.as_str()).collect();
    let degree_ids: Vec<&str> = catalog
        .programs
        .iter()
        .filter(|p| p.kind.is_degree())
        .map(|p| p.id.as_str())
        .collect();
    // Suggestions cost a comparison with many ids each: a file with thousands of unknown
    // references gets them for the first few hundred only.
    let mut suggestions = SUGGESTIONS;
    for (program, refs) in catalog.programs.iter().zip(references) {
        let mut problem =
            |offset: usize, message: String| found.push((program.source, Problem::new(offset, message)));
        if catalog.institution(&program.institution).is_none() {
            problem(
                refs.institution as usize,
                format!(
                    "unknown institution `{}`{}",
                    program.institution,
                    did_you_mean(
                        &program.institution,
                        &institution_ids,
                        "add an `[[institution]]` with this id",
                        &mut suggestions
                    )
                ),
            );
        }
        for (pathway, &offset) in program.credit.iter().zip(refs.credit.iter()) {
            let offset = offset as usize;
            let Some(id) = pathway.toward() else { continue };
            match catalog.program(id) {
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
                Some(target) if !target.kind.is_degree() => problem(
                    offset,
                    format!(
                        "`toward` must name a degree (`masters` or `bachelors`), but `{id}` is a `{}`",
                        target.kind
                    ),
                ),
                Some(target) => {
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
        if program.currency != "USD" && !catalog.rates.contains_key(&program.currency) {
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
    found
}

/// Works out the share of each pathway given in credits without a total, against its
/// degree's own `credits`; it stays unknown where the degree gives none, or the credits exceed
/// them (reported by `cross_check`).
fn compute_shares(catalog: &mut Catalog) {
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
    match check::closest(found, known) {
        Some(close) => format!("; did you mean `{close}`?"),
        None => format!("; {otherwise}"),
    }
}

/// Turns offsets into lines and columns, sorted by source and position.
fn place(mut pending: Vec<(usize, Problem)>, texts: &[Option<Source>]) -> Vec<Diagnostic> {
    pending.sort_by_key(|(source, p)| (*source, p.offset));
    let mut indexes: HashMap<usize, LineIndex> = HashMap::new();
    pending
        .into_iter()
        .map(|(source, problem)| {
            let Some(Some(text)) = texts.get(source) else {
                return Diagnostic::whole_file("<catalogue>", problem.message);
            };
            let skip = bom_len(&text.text);
            let index = indexes
                .entry(source)
                .or_insert_with(|| LineIndex::new(&text.text, skip));
            let (line, column) = index.position(&text.text, problem.offset.max(skip));
            let message = match problem.see_also {
                Some(first) => {
                    let first_line = index.position(&text.text, first.max(skip)).0;
                    problem.message.replace("{line}", &first_line.to_string())
                }
                None => problem.message,
            };
            Diagnostic {
                file: text.name.clone(),
                line,
                column,
                message,
            }
        })
        .collect()
}

fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

/// Parses and checks every entry of one source, in parts that keep the entries' order.
fn parse_source(text: &str, source: usize) -> Vec<Parsed> {
    let split::Split {
        chunks,
        flaws,
        blank_runs,
    } = split::split(text, bom_len(text));
    let blank_runs = blank_runs.as_slice();
    let flaws = Parsed {
        problems: flaws
            .into_iter()
            .map(|flaw| match flaw {
                Flaw::Forbidden(at, c) => Problem::new(at, text::forbidden_message(c)),
                Flaw::TooDeep(at) => Problem::new(
                    at,
                    format!(
                        "brackets nested more than {} levels deep, or a header too long to be one; a catalogue needs three levels at most",
                        split::MAX_NESTING
                    ),
                ),
                Flaw::TooLong(at, len) => Problem::new(
                    at,
                    format!(
                        "this string is {len} bytes long; catalogue strings hold at most {} bytes",
                        text::MAX_STRING
                    ),
                ),
            })
            .collect(),
        ..Parsed::default()
    };
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    let programs = chunks.iter().filter(|c| c.kind == ChunkKind::Program).count();
    if text.len() < PARALLEL_FROM_BYTES || threads < 2 || chunks.len() < 2 * threads {
        return vec![parse_chunks(text, &chunks, blank_runs, source, programs), flaws];
    }
    let per_thread = chunks.len().div_ceil(threads);
    thread::scope(|scope| {
        // The first part has room for every program, so that the others are appended to it
        // in place: the largest vectors are allocated once, not grown and copied.
        let handles: Vec<_> = chunks
            .chunks(per_thread)
            .enumerate()
            .map(|(i, group)| {
                let room = if i == 0 { programs } else { 0 };
                scope.spawn(move || parse_chunks(text, group, blank_runs, source, room))
            })
            .collect();
        let mut parts: Vec<Parsed> = handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| thread_failed()))
            .collect();
        parts.push(flaws);
        parts
    })
}

// A worker only panics on a bug; report it as a problem rather than crash.
fn thread_failed() -> Parsed {
    Parsed {
        problems: vec![Problem::new(
            0,
            "internal error while parsing this file; please report it",
        )],
        ..Parsed::default()
    }
}

/// Parses `chunks`, with room for at least `room` programs.
fn parse_chunks(
    text: &str,
    chunks: &[Chunk],
    blank_runs: &[(usize, usize)],
    source: usize,
    room: usize,
) -> Parsed {
    let mut parsed = Parsed::default();
    let programs = chunks
        .iter()
        .filter(|c| c.kind == ChunkKind::Program)
        .count()
        .max(room);
    parsed.entries.programs.reserve_exact(programs);
    parsed.entries.references.reserve_exact(programs);
    for (i, chunk) in chunks.iter().enumerate() {
        if parsed.problems.len() >= MAX_PROBLEMS {
            // Enough to fix for now; the rest would only cost memory. Say so once.
            parsed.problems.push(Problem::new(
                chunk.start,
                format!(
                    "{} more parts of this file were not checked after {MAX_PROBLEMS} problems; fix these first",
                    chunks.len() - i
                ),
            ));
            break;
        }
        let slice = split::quiet(text, chunk.start, chunk.end, blank_runs);
        parse_chunk(&slice, *chunk, source, &mut parsed);
    }
    parsed
}

/// Parses the chunk `slice` (its text, which stands at `chunk.start` of the source).
fn parse_chunk(slice: &str, chunk: Chunk, source: usize, parsed: &mut Parsed) {
    let base = chunk.start;
    if chunk.too_deep {
        // Reported by the splitter; the TOML parser would spend memory on every level.
        parsed.unreadable_top |= chunk.kind == ChunkKind::Top;
        return;
    }
    // Most entries are plain; the fast reader takes those, the TOML parser everything else.
    match chunk.kind {
        ChunkKind::Program => {
            if let Some(raw) = fast::program(slice) {
                parsed.add_program(check::program(raw, base, source));
                return;
            }
        }
        ChunkKind::Institution => {
            if let Some(raw) = fast::institution(slice) {
                parsed.add_institution(check::institution(raw, base, source));
                return;
            }
        }
        ChunkKind::Top => {}
    }
    let syntax = toml::de::Deserializer::parse(slice);
    let deserializer = match syntax {
        Ok(deserializer) => deserializer,
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            parsed.problems.push(Problem::new(
                base + span.start,
                format!("invalid TOML: {}", check::humanize(error.message())),
            ));
            parsed.unreadable_top |= chunk.kind == ChunkKind::Top;
            return;
        }
    };
    let document = match RawDocument::deserialize(deserializer) {
        Ok(document) => document,
        Err(error) => {
            let message = check::humanize(error.message());
            let missing = message.starts_with("missing required key");
            let offset = match error.span() {
                // A missing key is reported at its entry's header.
                _ if missing && chunk.kind != ChunkKind::Top => base,
                Some(span) => base + span.start,
                None => base,
            };
            parsed.problems.push(Problem::new(offset, message));
            // A top-level part that did not read may hold `format`: do not call it missing.
            parsed.unreadable_top |= chunk.kind == ChunkKind::Top;
            return;
        }
    };
    if let Some(format) = document.format {
        parsed.top_keys.push(("format", base + format.span().start));
        parsed.format = parsed
            .format
            .or(Some((*format.get_ref(), base + format.span().start)));
    }
    if let Some(as_of) = document.as_of {
        parsed.top_keys.push(("as_of", base + as_of.span().start));
        match check::check_date(&as_of, "as_of") {
            Ok(date) => parsed.as_of = parsed.as_of.or(Some(date)),
            Err(message) => parsed
                .problems
                .push(Problem::new(base + as_of.span().start, message)),
        }
    }
    if let Some(as_of) = document.rates_as_of {
        parsed.top_keys.push(("rates_as_of", base + as_of.span().start));
        match check::check_date(&as_of, "rates_as_of") {
            Ok(date) => parsed.rates_as_of = Some(date),
            Err(message) => parsed
                .problems
                .push(Problem::new(base + as_of.span().start, message)),
        }
    }
    if let Some(source) = document.rates_source {
        parsed.top_keys.push(("rates_source", base));
        parsed.rates_source = Some(source);
    }
    // Rates come in both forms people quote: the USD value of one unit (`rates`), or units per
    // USD (`rates_per_usd`, as in "₦1,333 to the dollar"), kept as the first.
    let forms = [
        ("rates", document.rates, false),
        ("rates_per_usd", document.rates_per_usd, true),
    ];
    for (key, rates, per_usd) in forms {
        let Some(rates) = rates else { continue };
        parsed.top_keys.push((key, base));
        for (code, rate) in rates {
            let offset = base + code.span().start;
            let value = *rate.get_ref();
            let meaning = if per_usd {
                "units per USD"
            } else {
                "the value of one unit in USD"
            };
            if !check::is_currency_code(code.get_ref()) {
                parsed.problems.push(Problem::new(
                    offset,
                    format!("rate key `{}` is not an ISO 4217 code like `EUR`", code.get_ref()),
                ));
            } else if !(value.is_finite() && (check::RATE_RANGE.0..=check::RATE_RANGE.1).contains(&value)) {
                parsed.problems.push(Problem::new(
                    base + rate.span().start,
                    format!(
                        "rate of `{}` must be between 0.000001 and 1,000,000 ({meaning}), found {}",
                        code.get_ref(),
                        check::shown(value)
                    ),
                ));
            } else if code.get_ref() == "USD" && value != 1.0 {
                parsed.problems.push(Problem::new(
                    base + rate.span().start,
                    format!("`USD` is the unit of every rate and is always 1, found {value}"),
                ));
            } else {
                parsed
                    .rates
                    .push((code.into_inner(), if per_usd { 1.0 / value } else { value }));
            }
        }
    }
    // In a chunk of its own an entry's header is the chunk's start; in a whole document (see
    // `split`) it is where the parser says the entry starts.
    let header = |span: std::ops::Range<usize>| {
        if chunk.kind == ChunkKind::Top {
            base + span.start
        } else {
            base
        }
    };
    for raw in document.institution.into_iter().flatten() {
        let at = header(raw.span());
        let checked = check::institution(raw.into_inner(), base, source);
        parsed.add_institution(checked.map(|(i, place)| (i, InstitutionPlace { header: at, ..place })));
    }
    for raw in document.program.into_iter().flatten() {
        let at = header(raw.span());
        let checked = check::program(raw.into_inner(), base, source);
        parsed.add_program(checked.map(|(p, refs)| {
            let header = check::offset32(at);
            (p, References { header, ..refs })
        }));
    }
}
