//! One source's text, cut into entries and parsed (in parallel for large files): the fast
//! reader takes plain entries, the TOML parser the rest, and each entry is checked on its own.

use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use serde::Deserialize;

use super::check::{self, InstitutionPlace, Origin, Problem, ProblemKind, References, Rejected};
use super::fast;
use super::raw::{RawDocument, RawRate, RawSource};
use super::source::{MAX_FILE_BYTES, Source};
use super::split::{self, Chunk, ChunkKind, Split};
use super::stream::{self, Streamed};
use crate::catalog::Reference;
use crate::catalog::date::Date;
use crate::catalog::model::{Institution, Program};
use crate::catalog::text::{self, Flaw};
use crate::catalog::wording;

/// The most problems listed for one load: a file with more is not worth more memory.
pub const MAX_PROBLEMS: usize = 100_000;

/// Below this size a source is parsed on one thread: starting threads would cost more.
const PARALLEL_FROM_BYTES: usize = 512 * 1024;

/// The checked entries of part of a source, in order; merged into the catalogue by id.
#[derive(Default)]
pub(super) struct Entries {
    pub(super) institutions: Vec<Institution>,
    /// Where each institution stands, in the same order.
    pub(super) institution_ids: Vec<InstitutionPlace>,
    pub(super) programs: Vec<Program>,
    /// One per program, in the same order.
    pub(super) references: Vec<References>,
}

/// A `[rate.CODE]` table checked.
pub(super) struct RateTable {
    pub(super) code: String,
    /// The value of one unit in USD.
    pub(super) usd: f64,
    pub(super) as_of: Option<Date>,
    pub(super) source: Option<String>,
}

/// Everything one part of a source holds: its top-level keys, its entries, its problems.
#[derive(Default)]
pub(super) struct Parsed {
    pub(super) format: Option<(i64, usize)>,
    pub(super) as_of: Option<Date>,
    pub(super) rates: Vec<(String, f64)>,
    pub(super) rates_as_of: Option<Date>,
    pub(super) rates_source: Option<String>,
    /// `[rate.CODE]` tables: the code, the value of one unit in USD, its date and source, and
    /// where its code stands.
    pub(super) rate_tables: Vec<RateTable>,
    /// The institutions that entries refused for their own problems name, with where.
    pub(super) rejected_institutions: Vec<(String, usize)>,
    /// `[[source]]` tables, each with where its key stands.
    pub(super) references: Vec<(Reference, usize)>,
    /// Whether a top-level part failed to parse, so a missing `format` may just be unread.
    pub(super) unreadable_top: bool,
    /// Top-level keys as they were met, for duplicates across top-level chunks.
    pub(super) top_keys: Vec<(&'static str, usize)>,
    pub(super) entries: Entries,
    pub(super) problems: Vec<Problem>,
    /// On a source's first part: how many programs it holds at most, this part's included (for a
    /// file read once, as many as its first piece holds for its length), for the room kept.
    pub(super) programs_ahead: usize,
}

impl Parsed {
    /// Adds another part's top-level keys and problems; entries are merged by id elsewhere.
    pub(super) fn append_top(&mut self, mut other: Parsed) {
        self.format = self.format.or(other.format);
        self.unreadable_top |= other.unreadable_top;
        self.as_of = self.as_of.or(other.as_of);
        self.top_keys.append(&mut other.top_keys);
        self.rates.append(&mut other.rates);
        self.rates_as_of = self.rates_as_of.or(other.rates_as_of);
        self.rates_source = self.rates_source.take().or(other.rates_source);
        self.rate_tables.append(&mut other.rate_tables);
        self.references.append(&mut other.references);
        self.rejected_institutions
            .append(&mut other.rejected_institutions);
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

    fn add_program(&mut self, checked: Result<(Program, References), Rejected>) {
        match checked {
            Ok((program, refs)) => {
                self.entries.programs.push(program);
                self.entries.references.push(refs);
            }
            Err(mut rejected) => {
                self.problems.append(&mut rejected.problems);
                self.rejected_institutions.extend(rejected.institution);
            }
        }
    }

    /// A top-level key set twice in one file (possible across separate top-level tables).
    pub(super) fn duplicate_top_keys(&self) -> Vec<Problem> {
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

pub(super) fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

/// Parses and checks every entry of one source, and hands `each` the parts in the entries'
/// order as they are done, so that the caller merges one while the next is parsed. The first
/// part says how many programs the source holds at most (`Parsed::programs_ahead`).
pub(super) fn parse_source(input: &Source, source: Origin, each: impl FnMut(Parsed)) -> Result<(), Restart> {
    if let Some(streamed) = &input.streamed {
        if streamed.once.is_some() {
            return parse_once(streamed, source, each);
        }
        let ahead = programs_in(&streamed.split.chunks);
        parse_streamed(streamed, source, first_says(ahead, each));
        return Ok(());
    }
    let text: &str = &input.text;
    let threads = if text.len() < PARALLEL_FROM_BYTES {
        1
    } else {
        crate::cores()
    };
    let split::Split {
        chunks,
        flaws,
        blank_runs,
    } = split::split(text, bom_len(text), threads);
    let mut each = first_says(programs_in(&chunks), each);
    let blank_runs = blank_runs.as_slice();
    let unclosed: Vec<usize> = flaws
        .iter()
        .filter_map(|f| match f {
            Flaw::Unclosed(at) => Some(*at),
            _ => None,
        })
        .collect();
    let flaws = Parsed {
        problems: flaws
            .into_iter()
            .map(|flaw| match flaw {
                Flaw::Forbidden(at, c) => Problem::new(at, text::forbidden_message(c)),
                Flaw::Layout(at, c) => Problem::new(
                    at,
                    format!(
                        "this string holds a {}; only `notes` (and a pathway's `note`) may hold tabs and newlines: write it on one line, with spaces",
                        if c == '\t' { "tab" } else { "newline" }
                    ),
                ),
                Flaw::Unclosed(at) => Problem::of(ProblemKind::Unclosed, at, UNCLOSED),
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
    // The flaws' part comes last: an unclosed string is only its own problem where the parser
    // placed no error on its line (see `drop_placed_unclosed`), known once every part is read.
    let mut syntax: Vec<usize> = Vec::new();
    let mut deliver = |part: Parsed| {
        if !unclosed.is_empty() {
            syntax.extend(
                part.problems
                    .iter()
                    .filter(|p| p.kind == ProblemKind::Syntax)
                    .map(|p| p.offset),
            );
        }
        each(part);
    };
    let window = Window { text, base: 0 };
    if threads < 2 || chunks.len() < 2 * threads {
        deliver(parse_chunks(window, &chunks, blank_runs, source));
    } else {
        let mut problems = 0;
        parse_in_parallel(
            window,
            &chunks,
            blank_runs,
            source,
            threads,
            &mut problems,
            0,
            &mut deliver,
        );
    }
    each(drop_placed_unclosed(flaws, text, &unclosed, &syntax));
    Ok(())
}

/// Said where a file read once (`stream::read_once`) turned out not to be one that reading so
/// can stand for: what was parsed of it is to be dropped, and the file read as large files
/// otherwise are (cut into entries first, then parsed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restart;

/// A large file read once: each piece is read and cut into entries on a thread of its own
/// while the piece before it is parsed. A file with more problems than are listed restarts
/// too, so that what is said of the entries left unchecked counts them all.
fn parse_once(streamed: &Streamed, source: Origin, mut each: impl FnMut(Parsed)) -> Result<(), Restart> {
    let threads = crate::cores();
    // One piece waits while one is parsed; the room of a piece parsed is given back, to be
    // read into again.
    let (send, receive) = std::sync::mpsc::sync_channel::<(String, usize, Split)>(1);
    let (give_back, spare) = std::sync::mpsc::channel::<String>();
    thread::scope(|scope| {
        let reader = scope.spawn(move || {
            stream::read_once(streamed, MAX_FILE_BYTES, |text, base, split| {
                let mut room = spare.try_recv().unwrap_or_default();
                room.clear();
                room.push_str(text);
                send.send((room, base, split)).is_ok()
            })
            .is_ok()
        });
        let mut problems = 0;
        let mut first = true;
        let mut whole = true;
        for (text, base, split) in &receive {
            if first {
                // Room for every program at once: as many as the first piece holds for its
                // length (more room than is used is never touched, so costs no memory).
                first = false;
                let ahead = programs_in(&split.chunks)
                    .saturating_mul(streamed.len)
                    .div_ceil(text.len().max(1));
                each(Parsed {
                    programs_ahead: ahead,
                    ..Parsed::default()
                });
            }
            let window = Window { text: &text, base };
            if problems >= MAX_PROBLEMS
                || parse_in_parallel(
                    window,
                    &split.chunks,
                    &split.blank_runs,
                    source,
                    threads,
                    &mut problems,
                    0,
                    &mut each,
                )
            {
                whole = false;
                break;
            }
            let _ = give_back.send(text);
        }
        // The reader, if still reading, stops at the next piece it would hand over.
        drop(receive);
        let read = reader.join().unwrap_or(false);
        if read && whole && problems < MAX_PROBLEMS {
            Ok(())
        } else {
            Err(Restart)
        }
    })
}

/// `each`, with the first part it is handed told that `ahead` programs come.
fn first_says(ahead: usize, mut each: impl FnMut(Parsed)) -> impl FnMut(Parsed) {
    let mut first = true;
    move |mut part: Parsed| {
        if std::mem::take(&mut first) {
            part.programs_ahead = ahead;
        }
        each(part);
    }
}

/// How many of `chunks` are programs.
fn programs_in(chunks: &[Chunk]) -> usize {
    chunks.iter().filter(|c| c.kind == ChunkKind::Program).count()
}

/// A large file's entries, parsed as its pieces are read again (see `stream`); the file was
/// cut into entries on its first read, and has no flaws.
fn parse_streamed(streamed: &Streamed, source: Origin, mut each: impl FnMut(Parsed)) {
    let (chunks, blank_runs) = (&streamed.split.chunks, &streamed.split.blank_runs);
    let threads = crate::cores();
    let failed = |message: String| Parsed {
        problems: vec![Problem::new(0, message)],
        ..Parsed::default()
    };
    let again = match stream::Reread::open(streamed) {
        Ok(again) => again,
        Err(message) => return each(failed(message)),
    };
    let mut problems = 0;
    let mut done = 0;
    // Each piece is read on a thread of its own while the one before it is parsed, into the
    // room of the one before that: the threads never wait on reading, and two pieces are held.
    thread::scope(|scope| {
        let (mut again, mut piece) = read(again, Vec::new());
        let mut spare = Vec::new();
        while let Some(this) = piece {
            let (text, base) = match this {
                stream::Again::Piece(text, base) => (text, base),
                stream::Again::Changed(message) => return each(failed(message)),
            };
            let window = Window { text: &text, base };
            let end = window.base + window.text.len();
            let count = chunks[done..].partition_point(|c| c.start < end);
            let mine = &chunks[done..done + count];
            done += count;
            let after = chunks.len() - done;
            let next = scope.spawn(move || read(again, spare));
            let stopped = !mine.is_empty()
                && parse_in_parallel(
                    window,
                    mine,
                    blank_runs,
                    source,
                    threads,
                    &mut problems,
                    after,
                    &mut each,
                );
            match next.join() {
                Ok((reread, read)) => (again, piece) = (reread, read),
                Err(_) => return each(thread_failed()),
            }
            if stopped {
                return;
            }
            spare = text.into_bytes();
        }
        if !again.unchanged() {
            each(failed(stream::CHANGED.to_string()));
        }
    });
}

/// The next piece of a file read again, into `buffer`, with the reader handed back: the reading
/// runs on a thread of its own.
fn read(mut again: stream::Reread<'_>, buffer: Vec<u8>) -> (stream::Reread<'_>, Option<stream::Again>) {
    let piece = again.next_piece(buffer);
    (again, piece)
}

/// A piece of a source's text, `text`, which starts at byte `base` of it.
#[derive(Clone, Copy)]
struct Window<'a> {
    text: &'a str,
    base: usize,
}

/// Parses `chunks` (all inside `window`) on `threads` threads and hands `deliver` the parts in
/// order. `problems` counts the problems delivered so far, also by earlier calls; `after`
/// chunks of the source follow these, for the count of what is left unchecked. Whether it
/// stopped there, at `MAX_PROBLEMS`.
#[allow(clippy::too_many_arguments)]
fn parse_in_parallel(
    window: Window<'_>,
    chunks: &[Chunk],
    blank_runs: &[(usize, usize)],
    source: Origin,
    threads: usize,
    problems: &mut usize,
    after: usize,
    deliver: &mut impl FnMut(Parsed),
) -> bool {
    // Groups of entries go to the threads in turn, and come back in order, each thread at
    // most two groups ahead: what is parsed is merged while the next groups are, and no
    // more than a few groups are ever held beside the catalogue.
    // A piece of a file read in pieces holds a few thousand entries: groups small enough that
    // every thread gets its share of them.
    let group = GROUP_CHUNKS.min(chunks.len().div_ceil(4 * threads)).max(1);
    let groups: Vec<&[Chunk]> = chunks.chunks(group).collect();
    let groups = groups.as_slice();
    // Set once the groups taken in order hold `MAX_PROBLEMS` problems: the rest would only
    // cost memory. Counted in order, so that which problems are listed never depends on
    // which thread ran ahead.
    let stop = AtomicBool::new(false);
    let stop = &stop;
    let mut stopped = false;
    thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|worker| {
                let (send, receive) = std::sync::mpsc::sync_channel(1);
                let handle = scope.spawn(move || {
                    for group in groups.iter().skip(worker).step_by(threads) {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        if send
                            .send(parse_chunks(window, group, blank_runs, source))
                            .is_err()
                        {
                            return;
                        }
                    }
                });
                (receive, handle)
            })
            .collect();
        let mut failed = vec![false; threads];
        for (i, group) in groups.iter().enumerate() {
            if *problems >= MAX_PROBLEMS {
                stop.store(true, Ordering::Relaxed);
                let count = groups[i..].iter().map(|g| g.len()).sum::<usize>() + after;
                deliver(not_checked(group[0].start, count));
                stopped = true;
                break;
            }
            let worker = i % threads;
            match workers[worker].0.recv() {
                Ok(part) => {
                    *problems += part.problems.len();
                    deliver(part);
                }
                // A worker only stops early on a bug: say so once, rather than crash.
                Err(_) if !failed[worker] => {
                    failed[worker] = true;
                    deliver(thread_failed());
                }
                Err(_) => {}
            }
        }
        for (receive, handle) in workers {
            // A worker waiting to hand over a part it was told to stop after stops now.
            drop(receive);
            // Joined here, a worker's panic is the problem reported above, not the scope's.
            let _ = handle.join();
        }
    });
    stopped
}

/// Entries parsed as one part: small enough that the parts in flight are little memory beside
/// the catalogue, large enough that there are few.
const GROUP_CHUNKS: usize = 1024;

/// What an unclosed one-line string is told.
const UNCLOSED: &str = "this string is not closed on its line; end it with its quote, or use triple quotes for text on several lines";

/// The parser places most unclosed strings itself, on their line: an unclosed string in `flaws`
/// is only worth its own problem where no syntax error (at the offsets `syntax`) stands on its
/// line.
fn drop_placed_unclosed(mut flaws: Parsed, text: &str, unclosed: &[usize], syntax: &[usize]) -> Parsed {
    if unclosed.is_empty() {
        return flaws;
    }
    let same_line = |a: usize, b: usize| {
        let (low, high) = (a.min(b), a.max(b).min(text.len()));
        text.get(low..high).is_some_and(|between| !between.contains('\n'))
    };
    flaws
        .problems
        .retain(|p| p.kind != ProblemKind::Unclosed || !syntax.iter().any(|&s| same_line(p.offset, s)));
    flaws
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

/// Parses `chunks`, all inside `window`.
fn parse_chunks(
    window: Window<'_>,
    chunks: &[Chunk],
    blank_runs: &[(usize, usize)],
    source: Origin,
) -> Parsed {
    let mut parsed = Parsed::default();
    let programs = programs_in(chunks);
    parsed.entries.programs.reserve_exact(programs);
    parsed.entries.references.reserve_exact(programs);
    for (i, chunk) in chunks.iter().enumerate() {
        if parsed.problems.len() >= MAX_PROBLEMS {
            parsed
                .problems
                .extend(not_checked(chunk.start, chunks.len() - i).problems);
            break;
        }
        let Some(slice) = split::quiet(window.text, window.base, chunk.start, chunk.end, blank_runs) else {
            // Only where a file read in pieces changed between its reads.
            parsed.problems.push(Problem::new(chunk.start, stream::CHANGED));
            break;
        };
        parse_chunk(&slice, *chunk, source, &mut parsed);
    }
    parsed
}

/// A part saying, at `at`, that `count` parts of the file were left unchecked after
/// `MAX_PROBLEMS` problems: enough to fix for now, and the rest would only cost memory.
fn not_checked(at: usize, count: usize) -> Parsed {
    Parsed {
        problems: vec![Problem::new(
            at,
            format!(
                "{count} more parts of this file were not checked after {MAX_PROBLEMS} problems; fix these first"
            ),
        )],
        ..Parsed::default()
    }
}

/// Parses the chunk `slice` (its text, which stands at `chunk.start` of the source).
// Long on purpose: one match over the kinds of chunk, each arm short; the fast path and its fallback read best together.
#[allow(clippy::too_many_lines)]
fn parse_chunk(slice: &str, chunk: Chunk, source: Origin, parsed: &mut Parsed) {
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
            parsed.problems.push(Problem::of(
                ProblemKind::Syntax,
                base + span.start,
                format!("invalid TOML: {}", wording::humanize(error.message())),
            ));
            parsed.unreadable_top |= chunk.kind == ChunkKind::Top;
            return;
        }
    };
    let document = match RawDocument::deserialize(deserializer) {
        Ok(document) => document,
        Err(error) => {
            let message = wording::humanize(error.message());
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
        match check::check_date(&as_of, "as_of", source.latest) {
            Ok(date) => parsed.as_of = parsed.as_of.or(Some(date)),
            Err(message) => parsed
                .problems
                .push(Problem::new(base + as_of.span().start, message)),
        }
    }
    if let Some(as_of) = document.rates_as_of {
        parsed.top_keys.push(("rates_as_of", base + as_of.span().start));
        match check::check_date(&as_of, "rates_as_of", source.latest) {
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
                        wording::shown(value)
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
    for (code, table) in document.rate.into_iter().flatten() {
        let at = base + code.span().start;
        if let Some(rate) = rate_table(
            code.get_ref(),
            table.get_ref(),
            (base, at),
            source.latest,
            &mut parsed.problems,
        ) {
            parsed.rate_tables.push(RateTable {
                code: code.into_inner(),
                usd: rate.0,
                as_of: rate.1,
                source: rate.2,
            });
        }
    }
    for raw in document.source.into_iter().flatten() {
        let raw = raw.into_inner();
        let at = base + raw.key.span().start;
        if let Some(reference) = reference(raw, base, source, &mut parsed.problems) {
            parsed.references.push((reference, at));
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

/// A `[rate.CODE]` table checked: the value of one unit in USD, its date and source.
/// `base` is where the chunk starts (values' spans count from it), `at` where the code stands.
fn rate_table(
    code: &str,
    table: &RawRate,
    (base, at): (usize, usize),
    latest: Option<Date>,
    problems: &mut Vec<Problem>,
) -> Option<(f64, Option<Date>, Option<String>)> {
    let before = problems.len();
    if !check::is_currency_code(code) || code == "USD" {
        problems.push(Problem::new(
            at,
            format!("`[rate.{code}]` must name an ISO 4217 code other than `USD`, like `[rate.EUR]`"),
        ));
    }
    let value = match (&table.usd, &table.per_usd) {
        (Some(usd), None) => Some((usd, *usd.get_ref())),
        // A rate of 0 or less per USD has no inverse: reported as the value it was given.
        (None, Some(per)) if *per.get_ref() <= 0.0 => Some((per, *per.get_ref())),
        (None, Some(per)) => Some((per, 1.0 / *per.get_ref())),
        _ => {
            problems.push(Problem::new(
                at,
                format!("`[rate.{code}]` takes one of `usd` (the value of one unit in USD) and `per_usd` (units per USD)"),
            ));
            None
        }
    };
    if let Some((given, usd)) = value
        && !(usd.is_finite() && (check::RATE_RANGE.0..=check::RATE_RANGE.1).contains(&usd))
    {
        problems.push(Problem::new(
            base + given.span().start,
            format!(
                "rate of `{code}` must be between 0.000001 and 1,000,000 USD a unit, found {}",
                wording::shown(usd)
            ),
        ));
    }
    let as_of = table
        .as_of
        .as_ref()
        .and_then(|d| match check::check_date(d, "as_of", latest) {
            Ok(date) => Some(date),
            Err(message) => {
                problems.push(Problem::new(base + d.span().start, message));
                None
            }
        });
    (problems.len() == before).then(|| (value.map_or(0.0, |v| v.1), as_of, table.source.clone()))
}

/// A `[[source]]` table checked.
fn reference(raw: RawSource, base: usize, source: Origin, problems: &mut Vec<Problem>) -> Option<Reference> {
    let before = problems.len();
    let key = raw.key.get_ref();
    let at = base + raw.key.span().start;
    if !(key.len() <= 64 && crate::catalog::model::is_source_key(key)) {
        problems.push(Problem::new(
            at,
            format!(
                "source key `{key}` must be letters and digits with at least one hyphen, like `MOOCoke-2022`"
            ),
        ));
    }
    if raw.title.as_deref().is_none_or(str::is_empty) {
        problems.push(Problem::new(at, format!("source `{key}` needs a `title`")));
    }
    let date = raw
        .date
        .as_ref()
        .and_then(|d| match check::check_date(d, "date", source.latest) {
            Ok(date) => Some(date),
            Err(message) => {
                problems.push(Problem::new(base + d.span().start, message));
                None
            }
        });
    (problems.len() == before).then(|| Reference {
        key: raw.key.into_inner(),
        title: raw.title.unwrap_or_default(),
        url: raw.url.filter(|u| !u.is_empty()),
        date,
        about: raw.about.filter(|a| !a.is_empty()),
        file: source.index,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_more_problems_than_are_listed_stops_being_checked_in_order() {
        // Large enough to be parsed on every core: one problem an entry, past the most listed.
        let entries = MAX_PROBLEMS + 5 * GROUP_CHUNKS;
        let mut text = String::from("format = 1\n");
        for i in 0..entries {
            text.push_str(&format!("[[program]]\nid = \"p{i}\"\nkind = \"x\"\n"));
        }
        assert!(text.len() > PARALLEL_FROM_BYTES);
        let held = Source::new("many.toml", text.clone().into());
        // Also read in pieces, each parsed in groups of its own.
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
        let opened = std::fs::File::open(file.path()).unwrap();
        let modified = opened.metadata().unwrap().modified().ok();
        let streamed = stream::first_pass(file.path(), modified, opened, 1 << 18, usize::MAX, 2).unwrap();
        assert!(streamed.pieces.len() > 4);
        let streamed = Source {
            streamed: Some(Box::new(streamed)),
            ..Source::new("many.toml", String::new().into())
        };
        for input in [&held, &streamed] {
            let run = || {
                let mut problems: Vec<(usize, String)> = Vec::new();
                let origin = Origin {
                    index: 0,
                    latest: None,
                };
                let parsed = parse_source(input, origin, |part| {
                    problems.extend(part.problems.into_iter().map(|p| (p.offset, p.message)));
                });
                assert_eq!(parsed, Ok(()));
                problems
            };
            let problems = run();
            let (unchecked, checked): (Vec<_>, Vec<_>) = problems
                .iter()
                .partition(|(_, message)| message.contains("not checked"));
            assert_eq!(unchecked.len(), 1, "{unchecked:?}");
            let count: usize = unchecked[0]
                .1
                .split(' ')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap();
            // Every entry was either checked (one problem) or counted among those not checked.
            assert_eq!(checked.len() + count, entries);
            assert!(
                (MAX_PROBLEMS..MAX_PROBLEMS + GROUP_CHUNKS).contains(&checked.len()),
                "{} checked",
                checked.len()
            );
            // Which entries were checked depends on their order, never on the threads.
            assert_eq!(run(), problems);
        }
    }
}
