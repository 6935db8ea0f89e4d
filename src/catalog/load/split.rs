//! Cuts a catalogue's text at its top-level `[[program]]` and `[[institution]]` headers, so that
//! each entry parses (in parallel) and fails on its own.
//!
//! This is a real pass over TOML's lexical structure: a `[` only starts a header at the start of
//! a line, outside strings, comments and bracketed values. Every chunk is a contiguous slice of
//! the text and a TOML document by itself, so positions inside it map back by adding its start.

use crate::catalog::text::{Flaw, scan_string};

/// What a chunk holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkKind {
    /// Top-level keys (`format`, `rates`, ...) or any header other than an entry's.
    Top,
    /// One `[[institution]]` with its sub-tables.
    Institution,
    /// One `[[program]]` with its sub-tables (`[program.fees]`, `[[program.credit]]`).
    Program,
}

/// A contiguous slice of the text, `start..end` in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    pub kind: ChunkKind,
    pub start: usize,
    pub end: usize,
    /// Brackets nest deeper than `MAX_NESTING` in it: reported as a flaw, and not given to the
    /// TOML parser, which spends memory on every level.
    pub too_deep: bool,
}

/// The deepest nesting of brackets and braces a catalogue may use (it needs three).
pub const MAX_NESTING: usize = 64;

/// A text cut into chunks, and the flaws of its strings found on the way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Split {
    pub chunks: Vec<Chunk>,
    pub flaws: Vec<Flaw>,
    /// Long runs of blank and comment-only lines, `start..end` in bytes, in order: the TOML
    /// parser spends some fifty bytes of memory on each line, so these are shown to it as one
    /// comment of the same length (see `quiet`).
    pub blank_runs: Vec<(usize, usize)>,
}

/// Runs of blank and comment-only lines at least this long are recorded in `Split::blank_runs`.
const BLANK_RUN_BYTES: usize = 4096;

/// Splits `text` from byte `from` (past a byte-order mark) into chunks in order, checking every
/// string literal on the way. Where a sub-table (`[program.fees]`, `[[program.credit]]`) stands
/// after another kind of table, as TOML allows, the entries are not contiguous: the whole text
/// is then one chunk, for the TOML parser.
///
/// With `threads` above one and a large text, the text is cut at `[[program]]` headers into
/// that many parts, scanned at once; a part is only kept where the scan of the part before it
/// ends exactly at the cut, at the start of a line outside every string and bracket (as it
/// does unless a cut falls inside a multi-line string or array), and the text is otherwise
/// scanned again in one pass. Either way the result is that of one pass.
pub fn split(text: &str, from: usize, threads: usize) -> Split {
    split_at(text, from, &cuts_for(text, from, threads))
}

/// Where to cut `text` for `threads` threads: nowhere in a text too short to be worth it.
fn cuts_for(text: &str, from: usize, threads: usize) -> Vec<usize> {
    if threads > 1 && text.len() - from >= SPLIT_APART_FROM {
        cuts(text, from, threads)
    } else {
        Vec::new()
    }
}

/// Texts shorter than this are scanned in one pass: a thread costs more than it saves. Half
/// of `stream::PIECE_BYTES`, so that each piece of a large file is scanned in parts too.
const SPLIT_APART_FROM: usize = super::stream::PIECE_BYTES / 2;

/// Where to cut `text` into `parts` parts of about equal length: at the start of a line that
/// holds a `[[program]]` header and nothing else.
fn cuts(text: &str, from: usize, parts: usize) -> Vec<usize> {
    const HEADER: &[u8] = b"\n[[program]]";
    let bytes = text.as_bytes();
    let finder = memchr::memmem::Finder::new(HEADER);
    let mut cuts: Vec<usize> = Vec::new();
    for k in 1..parts {
        let aim = from + (text.len() - from) * k / parts;
        let after = cuts.last().map_or(aim, |&c| aim.max(c));
        let mut at = after;
        while let Some(found) = finder.find(&bytes[at..]) {
            let cut = at + found + 1;
            let next = bytes.get(cut + HEADER.len() - 1).copied();
            if matches!(next, Some(b'\n' | b'\r')) {
                cuts.push(cut);
                break;
            }
            at = cut;
        }
    }
    cuts.dedup();
    cuts
}

/// `split`, with the text cut at `cuts` (each the start of a line holding `[[program]]`, in
/// order) into parts scanned on threads of their own.
fn split_at(text: &str, from: usize, cuts: &[usize]) -> Split {
    let (parts, starts) = scan_parts(text, from, cuts, true);
    join(parts, &starts, text.len())
}

/// `text[from..]` scanned as one pass would, in parts cut at `cuts` where each part before
/// ends cleanly at its cut, else in one part; `top` as for `scan`. With where each part starts.
fn scan_parts(text: &str, from: usize, cuts: &[usize], top: bool) -> (Vec<Scanned>, Vec<usize>) {
    let starts: Vec<usize> = std::iter::once(from).chain(cuts.iter().copied()).collect();
    let ends = cuts.iter().copied().chain(std::iter::once(text.len()));
    let bounds: Vec<(usize, usize)> = starts.iter().copied().zip(ends).collect();
    let parts: Vec<Scanned> = if cuts.is_empty() {
        vec![scan(text, from, text.len(), top)]
    } else {
        std::thread::scope(|scope| {
            let later: Vec<_> = bounds[1..]
                .iter()
                .map(|&(start, end)| scope.spawn(move || scan(text, start, end, false)))
                .collect();
            let first = scan(text, bounds[0].0, bounds[0].1, top);
            std::iter::once(Some(first))
                .chain(later.into_iter().map(|h| h.join().ok()))
                .collect::<Option<Vec<_>>>()
                .unwrap_or_default()
        })
    };
    // A part is only the one-pass result where the part before it ended cleanly at its cut.
    let joins = parts.len() == bounds.len() && parts[..parts.len() - 1].iter().all(|p| p.clean);
    if joins {
        (parts, starts)
    } else {
        (vec![scan(text, from, text.len(), top)], vec![from])
    }
}

/// One piece of a larger text, `text`, which starts at byte `base` of it (at the start of a
/// line holding `[[program]]`, or at the text's start when `first`): its chunks and blank runs
/// at their places in the whole text. `None` where the piece cannot stand for its place in one
/// pass over the whole text: it holds a flaw, a sub-table apart from its entry, or (unless it
/// is the `last`) it does not end at the start of a line outside every string and bracket.
pub fn piece(text: &str, base: usize, first: bool, last: bool, threads: usize) -> Option<Split> {
    let from = if first { super::parse::bom_len(text) } else { 0 };
    let (parts, starts) = scan_parts(text, from, &cuts_for(text, from, threads), first);
    let whole = parts.last().is_some_and(|p| last || p.clean)
        && parts.iter().all(|p| !p.apart && p.split.flaws.is_empty());
    if !whole {
        return None;
    }
    let mut split = join(parts, &starts, text.len());
    for chunk in &mut split.chunks {
        chunk.start += base;
        chunk.end += base;
    }
    for run in &mut split.blank_runs {
        run.0 += base;
        run.1 += base;
    }
    Some(split)
}

/// The parts scanned from `starts` (the first at the text's start), as one split of a text
/// ending at `end`.
fn join(parts: Vec<Scanned>, starts: &[usize], end: usize) -> Split {
    let mut whole = Split::default();
    let mut apart = false;
    for (part, &start) in parts.into_iter().zip(starts) {
        if let Some(last) = whole.chunks.last_mut() {
            last.end = start;
        }
        whole.chunks.extend(part.split.chunks);
        whole.flaws.extend(part.split.flaws);
        whole.blank_runs.extend(part.split.blank_runs);
        apart |= part.apart;
    }
    if apart {
        // The whole text as one chunk, for the TOML parser.
        whole.chunks = vec![Chunk {
            kind: ChunkKind::Top,
            start: starts[0],
            end,
            too_deep: whole.chunks.iter().any(|c| c.too_deep),
        }];
    }
    whole
}

/// What scanning one part of a text found.
struct Scanned {
    split: Split,
    /// A sub-table stands after another kind of table (see `split`).
    apart: bool,
    /// The scan ended exactly at the part's end, at the start of a line outside every string
    /// and bracket: the next part, scanned from there afresh, reads as one pass would.
    clean: bool,
}

/// Scans `text[from..to]`, starting at the start of a line outside every string and bracket;
/// `top`: the part before its first header is a top-level chunk (the text's first part).
// Long on purpose: one scanner loop over TOML's lexical states: its state lives across the arms.
#[allow(clippy::too_many_lines)]
fn scan(text: &str, from: usize, to: usize, top: bool) -> Scanned {
    let bytes = text.as_bytes();
    let mut flaws = Vec::new();
    let mut apart = false;
    let mut chunks = Vec::new();
    if top {
        chunks.push(Chunk {
            kind: ChunkKind::Top,
            start: from,
            end: text.len(),
            too_deep: false,
        });
    }
    let mut depth = 0usize;
    let mut i = from;
    let mut line_start = true;
    let mut line_begin = from;
    let mut blank_runs = Vec::new();
    let mut run_start: Option<usize> = None;
    while i < to {
        let b = bytes[i];
        if line_start {
            if b == b' ' || b == b'\t' || b == b'\r' {
                i += 1;
                continue;
            }
            if b == b'\n' || b == b'#' {
                run_start.get_or_insert(line_begin);
            } else if let Some(start) = run_start.take()
                && line_begin - start >= BLANK_RUN_BYTES
            {
                blank_runs.push((start, line_begin));
            }
            line_start = false;
            if b == b'[' && depth == 0 {
                let (end, header) = read_header(bytes, i);
                let current = chunks.last().map(|c| c.kind);
                apart |= header.dotted
                    && matches!(
                        (header.first.as_str(), current),
                        ("program", Some(ChunkKind::Top | ChunkKind::Institution))
                            | ("institution", Some(ChunkKind::Top | ChunkKind::Program))
                    );
                let kind = classify(&header, current);
                if let Some(kind) = kind {
                    if let Some(last) = chunks.last_mut() {
                        last.end = i;
                    }
                    chunks.push(Chunk {
                        kind,
                        start: i,
                        end: text.len(),
                        too_deep: false,
                    });
                }
                if header.first.len() > crate::catalog::text::MAX_STRING
                    && let Some(chunk) = chunks.last_mut()
                {
                    // Not a header any parser would take; do not hand it on.
                    chunk.too_deep = true;
                    flaws.push(Flaw::TooDeep(i));
                }
                i = end;
                continue;
            }
        }
        if !SPECIAL[usize::from(b)] {
            // Most bytes are plain text: skip them in a tight loop.
            i += 1;
            while i < bytes.len() && !SPECIAL[usize::from(bytes[i])] {
                i += 1;
            }
            continue;
        }
        match b {
            b'\n' => {
                line_start = true;
                i += 1;
                line_begin = i;
            }
            b'#' => i = skip_to_newline(bytes, i),
            b'"' | b'\'' => {
                // Most strings hold nothing `scan_string` looks at: they are read once, to
                // their closing quote, here.
                if let Some(end) = plain_string(bytes, i) {
                    i = end;
                    continue;
                }
                let end = skip_string(bytes, i);
                scan_string(bytes, i, end, b == b'"', &mut flaws);
                // A one-line string left open: the parser would report it a line late, where
                // the text stops making sense; say where it starts.
                let triple = bytes.get(i + 1) == Some(&b) && bytes.get(i + 2) == Some(&b);
                let closed = end > i + 1 && bytes[end - 1] == b;
                if !(triple || closed) {
                    flaws.push(Flaw::Unclosed(i));
                }
                i = end;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth == MAX_NESTING + 1
                    && let Some(chunk) = chunks.last_mut()
                {
                    chunk.too_deep = true;
                    flaws.push(Flaw::TooDeep(i));
                }
                i += 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    if let Some(start) = run_start
        && line_begin - start >= BLANK_RUN_BYTES
    {
        blank_runs.push((start, line_begin));
    }
    let clean = i == to && line_start && depth == 0 && line_begin == to;
    // The text before the first header is often empty; an empty top chunk still parses.
    Scanned {
        split: Split {
            chunks,
            flaws,
            blank_runs,
        },
        apart,
        clean,
    }
}

/// `text[start..end]`, with every blank run inside it turned into one comment line of the same
/// length: the same TOML at the same offsets, at a fraction of the parser's memory. `text`
/// stands at byte `base` of the whole text, where `start`, `end` and `runs` are counted.
/// `None` where `start` or `end` falls outside `text` or inside a character.
pub fn quiet<'a>(
    text: &'a str,
    base: usize,
    start: usize,
    end: usize,
    runs: &[(usize, usize)],
) -> Option<std::borrow::Cow<'a, str>> {
    let first = runs.partition_point(|&(_, e)| e <= start);
    let inside: Vec<(usize, usize)> = runs[first..]
        .iter()
        .take_while(|&&(s, _)| s < end)
        .map(|&(s, e)| (s.max(start), e.min(end)))
        .filter(|(s, e)| e - s >= 2)
        .collect();
    let slice = text.get(start.checked_sub(base)?..end.checked_sub(base)?)?;
    if inside.is_empty() {
        return Some(std::borrow::Cow::Borrowed(slice));
    }
    let mut bytes = slice.as_bytes().to_vec();
    for (s, e) in inside {
        let region = &mut bytes[s - start..e - start];
        region.fill(b' ');
        region[0] = b'#';
        region[region.len() - 1] = b'\n';
    }
    // Only whole lines of ASCII and other UTF-8 were overwritten with ASCII.
    Some(std::borrow::Cow::Owned(
        String::from_utf8(bytes).unwrap_or_default(),
    ))
}

/// Bytes that change the scanner's state; every other byte is skipped.
const SPECIAL: [bool; 256] = byte_set(b"\n#\"'[]{}");

/// A table that holds `true` for each of `bytes`.
pub(super) const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

/// Decides whether a header starts a new chunk (`Some(kind)`) or continues the current one.
fn classify(header: &Header, current: Option<ChunkKind>) -> Option<ChunkKind> {
    match (header.array, header.first.as_str(), header.dotted) {
        (true, "program", false) => Some(ChunkKind::Program),
        (true, "institution", false) => Some(ChunkKind::Institution),
        (_, "program", true) if current == Some(ChunkKind::Program) => None,
        (_, "institution", true) if current == Some(ChunkKind::Institution) => None,
        _ => Some(ChunkKind::Top),
    }
}

struct Header {
    array: bool,
    /// The first key of the header's dotted path, unquoted (held in place when short, as
    /// `program` is: no allocation for each entry).
    first: crate::catalog::Text,
    /// Whether the path has more than one key.
    dotted: bool,
}

/// Reads the header starting at `start` (a `[`); returns the offset after it and its key.
fn read_header(bytes: &[u8], start: usize) -> (usize, Header) {
    let array = bytes.get(start + 1) == Some(&b'[');
    let mut i = start + if array { 2 } else { 1 };
    let mut first = crate::catalog::Text::default();
    let mut segments = 1;
    let mut in_first = true;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => break,
            b']' => {
                i += if array && bytes.get(i + 1) == Some(&b']') {
                    2
                } else {
                    1
                };
                break;
            }
            b'.' => {
                segments += 1;
                in_first = false;
                i += 1;
            }
            b'"' | b'\'' => {
                let end = skip_string(bytes, i);
                if in_first {
                    let inner = &bytes[i + 1..end.saturating_sub(1).max(i + 1)];
                    first.push_str(&String::from_utf8_lossy(inner));
                }
                i = end;
            }
            b' ' | b'\t' => i += 1,
            b => {
                if in_first {
                    first.push(char::from(b));
                }
                i += 1;
            }
        }
    }
    (
        i,
        Header {
            array,
            first,
            dotted: segments > 1,
        },
    )
}

fn skip_to_newline(bytes: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |p| i + p)
}

/// Where the string literal opening at `i` ends (after its closing quote), where it is on one
/// line, within the length limit, and holds no byte `scan_string` looks at (a backslash, a tab,
/// a byte that may start a forbidden character): what `skip_string` and `scan_string` find of
/// it, found in one walk over its bytes (most strings are a few words: shorter than what a
/// vector search gains on). `None` for any other string.
fn plain_string(bytes: &[u8], i: usize) -> Option<usize> {
    let quote = bytes[i];
    if bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
        return None;
    }
    let stop = if quote == b'"' {
        &PLAIN_BASIC_STOP
    } else {
        &PLAIN_LITERAL_STOP
    };
    let rest = &bytes[i + 1..];
    let end = rest.iter().position(|&b| stop[usize::from(b)])?;
    (rest[end] == quote && end <= crate::catalog::text::MAX_STRING).then_some(i + 1 + end + 1)
}

/// The bytes at which a plain basic (`"`) or literal (`'`) string ends, or stops being plain.
const PLAIN_BASIC_STOP: [bool; 256] = byte_set(b"\"\\\n\t\xC2\xE2");
const PLAIN_LITERAL_STOP: [bool; 256] = byte_set(b"'\\\n\t\xC2\xE2");

/// Skips the string starting at `i` (a quote); returns the offset after it. An unterminated
/// single-line string stops at the end of its line, as the TOML parser will report.
fn skip_string(bytes: &[u8], i: usize) -> usize {
    let quote = bytes[i];
    let basic = quote == b'"';
    if bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
        let mut j = i + 3;
        while j < bytes.len() {
            if basic && bytes[j] == b'\\' {
                j += 2;
                continue;
            }
            if bytes[j] == quote && bytes.get(j + 1) == Some(&quote) && bytes.get(j + 2) == Some(&quote) {
                j += 3;
                // A multi-line string may end with one or two quotes of its content.
                let mut extra = 0;
                while extra < 2 && bytes.get(j) == Some(&quote) {
                    j += 1;
                    extra += 1;
                }
                return j;
            }
            j += 1;
        }
        return bytes.len();
    }
    let mut j = i + 1;
    while j < bytes.len() {
        let found = if basic {
            memchr::memchr3(b'\\', b'\n', quote, &bytes[j..])
        } else {
            memchr::memchr2(b'\n', quote, &bytes[j..])
        };
        let Some(at) = found else { return bytes.len() };
        j += at;
        match bytes[j] {
            b'\\' => j += 2,
            b'\n' => return j,
            _ => return j + 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A string `plain_string` reads in one loop ends where `skip_string` says, closed,
        /// and `scan_string` finds nothing in it: the scan is what it was without the loop.
        #[test]
        fn a_plain_string_is_what_skipping_and_checking_it_find(
            quote in proptest::sample::select(vec!['"', '\'']),
            body in "[a \"'\\\t\n\r\u{7f}é\u{85}\u{202e}–x]{0,200}",
            after in "[\"'\n a]{0,3}",
        ) {
            let text = format!("{quote}{body}{after}");
            let bytes = text.as_bytes();
            if let Some(end) = plain_string(bytes, 0) {
                proptest::prop_assert_eq!(end, skip_string(bytes, 0), "{:?}", text);
                proptest::prop_assert_eq!(bytes[end - 1], quote as u8);
                proptest::prop_assert!(end >= 2 && !(bytes.get(1) == Some(&(quote as u8)) && bytes.get(2) == Some(&(quote as u8))));
                let mut flaws = Vec::new();
                scan_string(bytes, 0, end, quote == '"', &mut flaws);
                proptest::prop_assert_eq!(flaws, Vec::new(), "{:?}", text);
            }
        }
    }

    #[test]
    fn plain_strings_are_read_to_their_closing_quote_at_once() {
        assert_eq!(plain_string(b"\"program-1\" x", 0), Some(11));
        assert_eq!(plain_string(b"'it''s'", 0), Some(4));
        // A backslash, a tab, an en dash (its first byte may start a forbidden character) and
        // a newline are for the checks; an accent is not.
        for held in ["a\\b", "a\tb", "\u{2013}", "open\n"] {
            assert_eq!(
                plain_string(format!("\"{held}\"").as_bytes(), 0),
                None,
                "{held:?}"
            );
        }
        assert_eq!(plain_string("\"caf\u{e9}\"".as_bytes(), 0), Some(7));
        assert_eq!(plain_string(b"\"\"\"triple\"\"\"", 0), None);
        // A long string is plain up to the length limit; over it, it is for the checks.
        let limit = crate::catalog::text::MAX_STRING;
        let long = format!("\"{}\" x", "a".repeat(limit));
        assert_eq!(plain_string(long.as_bytes(), 0), Some(limit + 2));
        let over = format!("\"{}\"", "a".repeat(limit + 1));
        assert_eq!(plain_string(over.as_bytes(), 0), None);
        let mut flaws = Vec::new();
        scan_string(over.as_bytes(), 0, over.len(), true, &mut flaws);
        assert_eq!(flaws, [Flaw::TooLong(0, limit + 1)]);
    }

    #[test]
    fn a_sub_table_after_another_kind_of_table_makes_the_whole_text_one_chunk() {
        let text =
            "format = 1\n[[program]]\nid = \"p\"\n[[institution]]\nid = \"u\"\n[program.fees]\none_off = 1\n";
        assert_eq!(kinds(text), [(ChunkKind::Top, text)]);
        let contiguous = "[[program]]\nid = \"p\"\n[program.fees]\none_off = 1\n[rates]\nEUR = 1\n";
        assert_eq!(kinds(contiguous).len(), 3);
    }

    #[test]
    fn long_blank_runs_become_one_comment_of_the_same_length() {
        let text = format!(
            "format = 1\n{}# note\n{}[[program]]\nid = \"p\"\n",
            "\n".repeat(5000),
            " \r\n".repeat(2000)
        );
        let split = split(&text, 0, 1);
        let header = text.find("[[program]]").unwrap();
        assert_eq!(split.blank_runs, [(11, header)]);
        let quiet = quiet(&text, 0, 0, text.len(), &split.blank_runs).unwrap();
        assert_eq!(quiet.len(), text.len());
        assert!(quiet.starts_with("format = 1\n#    "));
        assert_eq!(&quiet[header - 1..], "\n[[program]]\nid = \"p\"\n");
        assert_eq!(quiet.lines().count(), 4);
    }

    #[test]
    fn a_string_left_open_on_its_line_is_found_where_it_starts() {
        let text = "name = \"U\nV\"\nok = 'a'\nnotes = \"\"\"x\ny\"\"\"\n";
        assert_eq!(split(text, 0, 1).flaws, [Flaw::Unclosed(7), Flaw::Unclosed(11)]);
    }

    #[test]
    fn strings_are_checked_on_the_way() {
        let text = "[[program]]\nname = \"a\\u001b\" # \\u001b in a comment is text\n";
        assert_eq!(split(text, 0, 1).flaws, [Flaw::Forbidden(21, '\u{1b}')]);
    }

    fn kinds(text: &str) -> Vec<(ChunkKind, &str)> {
        split(text, 0, 1)
            .chunks
            .into_iter()
            .map(|c| (c.kind, &text[c.start..c.end]))
            .collect()
    }

    #[test]
    fn entries_are_cut_at_their_headers_with_sub_tables_kept() {
        let text = "format = 1\n[[institution]]\nid = \"a\"\n[[program]]\nid = \"p\"\n[program.fees]\none_off = 1\n[[program.credit]]\nshare = 1\n[[program]]\nid = \"q\"\n";
        let chunks = kinds(text);
        assert_eq!(chunks.len(), 4);
        assert_eq!(chunks[0], (ChunkKind::Top, "format = 1\n"));
        assert_eq!(
            chunks[1],
            (ChunkKind::Institution, "[[institution]]\nid = \"a\"\n")
        );
        assert_eq!(chunks[2].0, ChunkKind::Program);
        assert!(chunks[2].1.ends_with("share = 1\n"));
        assert_eq!(chunks[3], (ChunkKind::Program, "[[program]]\nid = \"q\"\n"));
    }

    #[test]
    fn headers_inside_strings_and_arrays_are_not_cut() {
        let text = "format = 1\nnotes = \"\"\"\n[[program]]\n\"\"\"\nx = '''\n[[program]]'''\ny = [\n[1, 2],\n]\n# [[program]]\n[[program]]\nid = \"p\"\n";
        let chunks = kinds(text);
        assert_eq!(chunks.len(), 2, "{chunks:?}");
        assert_eq!(chunks[1], (ChunkKind::Program, "[[program]]\nid = \"p\"\n"));
    }

    #[test]
    fn other_headers_start_top_chunks_and_quoted_keys_are_read() {
        let text = "[rates]\nEUR = 1\n[[ \"program\" ]]\nid = \"p\"\n[other.program]\n";
        let chunks = kinds(text);
        let found: Vec<_> = chunks.iter().map(|c| c.0).collect();
        assert_eq!(
            found,
            [ChunkKind::Top, ChunkKind::Top, ChunkKind::Program, ChunkKind::Top]
        );
    }

    #[test]
    fn a_text_cut_into_parts_splits_as_in_one_pass() {
        let blank = "\n".repeat(5000);
        let texts = [
            "format = 1\n[[program]]\nid = \"a\"\n[[program]]\nid = \"b\"\n[program.fees]\none_off = 1\n[[program]]\nid = \"c\"\n".to_string(),
            // Cuts inside a multi-line string, an array and a literal string are not clean.
            "[[program]]\nnotes = \"\"\"\n[[program]]\n\"\"\"\n[[program]]\nx = [\n[[program]]\n]\n[[program]]\ny = '''\n[[program]]\n'''\n[[program]]\nid = \"d\"\n".to_string(),
            // Blank runs and flaws on both sides of a cut.
            format!("[[program]]\nname = \"a\\u001b\"\n{blank}[[program]]\nname = \"open\n{blank}[[program]]\nid = \"e\"\n"),
            // A sub-table after another kind of table, in a later part: one chunk in all.
            "[[program]]\nid = \"f\"\n[[program]]\nid = \"g\"\n[[institution]]\nid = \"u\"\n[program.fees]\none_off = 1\n[[program]]\nid = \"h\"\n".to_string(),
            "\u{feff}[[program]]\nid = \"i\"\n[[program]]\r\nid = \"j\"\n[[program]]\nid = [[[[1]]]]\n[[program]]\n".to_string(),
        ];
        for text in &texts {
            let from = if text.starts_with('\u{feff}') { 3 } else { 0 };
            let whole = split(text, from, 1);
            let candidates: Vec<usize> = text.match_indices("\n[[program]]").map(|(i, _)| i + 1).collect();
            assert!(candidates.len() >= 2, "{text:?}");
            for (i, &a) in candidates.iter().enumerate() {
                assert_eq!(split_at(text, from, &[a]), whole, "cut at {a} of {text:?}");
                for &b in &candidates[i + 1..] {
                    assert_eq!(
                        split_at(text, from, &[a, b]),
                        whole,
                        "cuts at {a}, {b} of {text:?}"
                    );
                }
            }
            for parts in 2..6 {
                assert_eq!(split_at(text, from, &cuts(text, from, parts)), whole);
            }
        }
    }

    #[test]
    fn cuts_fall_at_program_headers_alone_on_their_line() {
        let text = "[[program]]\nid = \"a\"\n[[programs]]\n[[program]] # x\n[[program]]\nid = \"b\"\n";
        assert_eq!(cuts(text, 0, 2), [text.rfind("[[program]]").unwrap()]);
        assert!(cuts("[[program]]\nid = \"a\"\n", 0, 4).is_empty());
    }

    #[test]
    fn unterminated_strings_and_brackets_never_run_past_the_text() {
        for text in [
            "a = \"",
            "a = '''",
            "a = \"\"\"\\",
            "[[",
            "[[program",
            "a = [",
            "\"\\",
        ] {
            let chunks = split(text, 0, 1).chunks;
            assert!(chunks.iter().all(|c| c.start <= c.end && c.end <= text.len()));
        }
    }
}
