//! A large catalogue file read in pieces, never held whole. First it is read once, each piece
//! cut into entries on a thread of its own while the piece before it is parsed (`read_once`).
//! Where that cannot stand for the file (which is only known once it is read: see there), it
//! is read once to cut it into entries (`first_pass`), then again piece by piece while the
//! entries are parsed (`Reread`). A file with problems is read a last time, whole, only to
//! place them at their lines. Its memory is a piece or two beside the catalogue, not the text
//! of every entry.
//!
//! A piece ends where a line holding `[[program]]` alone starts. Each piece is scanned on its
//! own and kept only where that reads as one pass over the whole text would (see
//! `split::piece`); a file where it does not (a cut inside a multi-line string, a sub-table
//! apart from its entry, a flaw in a string) is read whole instead, as a small file is.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::split::{self, Split};

/// Files at least this large are read in pieces; smaller ones whole, in one read.
pub const STREAM_FROM_BYTES: u64 = 8 << 20;

/// About how much of the file one piece holds.
pub const PIECE_BYTES: usize = 1 << 20;

/// A file cut into entries on a first read, to be read again in the same pieces.
#[derive(Debug, Clone)]
pub struct Streamed {
    pub(super) path: PathBuf,
    /// The file's length, and when it was last changed, when first read.
    pub(super) len: usize,
    pub(super) modified: Option<std::time::SystemTime>,
    /// Where each piece starts and ends, in order.
    pub(super) pieces: Vec<(usize, usize)>,
    /// The chunks and blank runs of the whole file (it has no flaws).
    pub(super) split: Split,
    /// Not cut yet: to be read once, each piece (of about this many bytes) cut into entries
    /// and parsed as it is read (`read_once`); `pieces` and `split` are then empty.
    pub(super) once: Option<usize>,
}

impl Streamed {
    /// Whether `meta` is of the file as it was first read: the same length, last changed then.
    fn is_current(&self, meta: &std::fs::Metadata) -> bool {
        meta.len() == self.len as u64 && meta.modified().ok() == self.modified
    }
}

/// Why a file is not read (in pieces).
#[derive(Debug)]
pub enum Refused {
    /// It cannot be read as pieces stand for it: read it whole.
    Whole,
    /// Reading failed.
    Io(std::io::Error),
    /// It is not UTF-8 text: the 1-based line of the first invalid byte.
    NotUtf8(usize),
    /// It holds nothing but white space.
    Empty,
    /// It is larger than the most a catalogue may be.
    TooLarge,
    /// It is not a file a catalogue is kept in: what it is instead, and what to do.
    Not(String),
}

impl Refused {
    /// What is said of the file.
    pub fn message(self) -> String {
        match self {
            Refused::Whole => "cannot read the catalogue".to_string(),
            Refused::Io(e) => match e.kind() {
                std::io::ErrorKind::NotFound => "cannot read the catalogue: no such file".to_string(),
                std::io::ErrorKind::PermissionDenied => {
                    "cannot read the catalogue: permission denied".to_string()
                }
                _ => format!("cannot read the catalogue: {e}"),
            },
            Refused::NotUtf8(line) => {
                format!("is not UTF-8 text (invalid byte at line {line}); save the catalogue as UTF-8")
            }
            Refused::Empty => "the file is empty; a catalogue starts with `format = 1`".to_string(),
            Refused::TooLarge => format!(
                "is larger than {} MiB, too large for a catalogue; nothing was read past that",
                super::source::MAX_FILE_BYTES >> 20
            ),
            Refused::Not(message) => message,
        }
    }
}

impl From<std::io::Error> for Refused {
    fn from(e: std::io::Error) -> Self {
        Refused::Io(e)
    }
}

/// Reads `reader` (the file at `path`, changed last at `modified`) once, in pieces of about
/// `piece_bytes`, and cuts it into entries on `threads` threads; at most `limit` bytes are read.
pub fn first_pass(
    path: &Path,
    modified: Option<std::time::SystemTime>,
    reader: impl Read,
    piece_bytes: usize,
    limit: usize,
    threads: usize,
) -> Result<Streamed, Refused> {
    let mut streamed = Streamed {
        path: path.to_path_buf(),
        len: 0,
        modified,
        pieces: Vec::new(),
        split: Split::default(),
        once: None,
    };
    let mut cutter = Cutter::new(true);
    let mut refused = None;
    let end = pieces(reader, piece_bytes, limit, |base, bytes, last| {
        let mut piece = match cutter.cut(bytes, base, last, threads) {
            Ok((_, piece)) => piece,
            Err(why) => {
                refused = Some(why);
                return false;
            }
        };
        if let (Some(before), Some(next)) = (streamed.split.chunks.last_mut(), piece.chunks.first()) {
            before.end = next.start;
        }
        streamed.split.chunks.append(&mut piece.chunks);
        streamed.split.blank_runs.append(&mut piece.blank_runs);
        streamed.pieces.push((base, base + bytes.len()));
        true
    })?;
    if let Some(refused) = refused {
        return Err(refused);
    }
    if cutter.blank {
        return Err(Refused::Empty);
    }
    streamed.len = end;
    streamed.split.chunks.shrink_to_fit();
    Ok(streamed)
}

/// What cutting a file's pieces in order has seen so far: its lines (where they are counted),
/// and whether all of it is blank.
struct Cutter {
    lines: Option<usize>,
    blank: bool,
}

impl Cutter {
    /// A cutter that counts lines, to say where a byte that is not UTF-8 stands, or not (a file
    /// read once is read again where it holds one).
    fn new(count_lines: bool) -> Self {
        Cutter {
            lines: count_lines.then_some(0),
            blank: true,
        }
    }

    /// The next piece, `bytes` at `base` (the `last` or not), as text and cut into entries on
    /// `threads` threads; refused where it is not UTF-8 or cannot stand for its place.
    fn cut<'b>(
        &mut self,
        bytes: &'b [u8],
        base: usize,
        last: bool,
        threads: usize,
    ) -> Result<(&'b str, Split), Refused> {
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = &bytes[..e.valid_up_to()];
                let before = self.lines.unwrap_or(0);
                return Err(Refused::NotUtf8(
                    before + memchr::memchr_iter(b'\n', valid).count() + 1,
                ));
            }
        };
        if let Some(lines) = &mut self.lines {
            *lines += memchr::memchr_iter(b'\n', bytes).count();
        }
        let first = base == 0;
        self.blank &= if first {
            text.trim_start_matches('\u{feff}')
        } else {
            text
        }
        .trim()
        .is_empty();
        let piece = split::piece(text, base, first, last, threads).ok_or(Refused::Whole)?;
        Ok((text, piece))
    }
}

/// A large file not read yet, to be read once as it is parsed (see `read_once`): at `path`,
/// `meta` as it was when opened, in pieces of about `piece_bytes`.
pub fn to_read_once(path: &Path, meta: &std::fs::Metadata, piece_bytes: usize) -> Streamed {
    Streamed {
        path: path.to_path_buf(),
        len: usize::try_from(meta.len()).unwrap_or(usize::MAX),
        modified: meta.modified().ok(),
        pieces: Vec::new(),
        split: Split::default(),
        once: Some(piece_bytes),
    }
}

/// Reads the file of `streamed` (one `to_read_once`) once, in pieces, and hands each to `each`
/// in order, as text where it starts, cut into entries on this thread, until `each` says no.
/// `Err` where reading it so cannot stand for reading it first and then again: a piece cannot
/// be cut on its own, it is not UTF-8, blank, larger than `limit`, cannot be read, or is not
/// the file it was when opened. It is then to be read as any other large file is.
pub fn read_once(
    streamed: &Streamed,
    limit: usize,
    mut each: impl FnMut(&str, usize, Split) -> bool,
) -> Result<(), Refused> {
    let piece_bytes = streamed.once.ok_or(Refused::Whole)?;
    let file = std::fs::File::open(&streamed.path)?;
    if !streamed.is_current(&file.metadata()?) {
        return Err(Refused::Whole);
    }
    let mut cutter = Cutter::new(false);
    let mut refused = None;
    let mut stopped = false;
    let end = pieces(&file, piece_bytes, limit, |base, bytes, last| {
        match cutter.cut(bytes, base, last, 1) {
            Ok((text, piece)) => {
                stopped = !each(text, base, piece);
                !stopped
            }
            Err(why) => {
                refused = Some(why);
                false
            }
        }
    })?;
    if let Some(refused) = refused {
        return Err(refused);
    }
    let unchanged = file.metadata().is_ok_and(|m| streamed.is_current(&m));
    if stopped || cutter.blank || end != streamed.len || !unchanged {
        return Err(Refused::Whole);
    }
    Ok(())
}

/// Reads `reader` to its end in pieces of about `piece_bytes`, each but the last ending just
/// before a line that holds `[[program]]` alone, and hands each to `each` with where it starts
/// and whether it is the last, until `each` says no. Returns how many bytes were read; more
/// than `limit` is `Refused::TooLarge`.
fn pieces(
    mut reader: impl Read,
    piece_bytes: usize,
    limit: usize,
    mut each: impl FnMut(usize, &[u8], bool) -> bool,
) -> Result<usize, Refused> {
    const HEADER: &[u8] = b"\n[[program]]";
    let finder = memchr::memmem::FinderRev::new(HEADER);
    let mut buffer: Vec<u8> = Vec::with_capacity(piece_bytes + (piece_bytes >> 2));
    let mut base = 0;
    let mut want = piece_bytes;
    loop {
        let ended = fill(&mut reader, &mut buffer, want)?;
        if base + buffer.len() > limit {
            return Err(Refused::TooLarge);
        }
        if ended {
            if !buffer.is_empty() || base == 0 {
                each(base, &buffer, true);
            }
            return Ok(base + buffer.len());
        }
        // The last line holding `[[program]]` alone whose line end was read.
        let mut cut = None;
        let mut before = buffer.len();
        while let Some(found) = finder.rfind(&buffer[..before]) {
            let next = buffer.get(found + HEADER.len()).copied();
            if found > 0 && matches!(next, Some(b'\n' | b'\r')) {
                cut = Some(found + 1);
                break;
            }
            before = found;
        }
        let Some(cut) = cut else {
            // No place to cut yet: the piece grows.
            want = buffer.len() + piece_bytes;
            continue;
        };
        if !each(base, &buffer[..cut], false) {
            return Ok(base + buffer.len());
        }
        buffer.copy_within(cut.., 0);
        buffer.truncate(buffer.len() - cut);
        base += cut;
        want = piece_bytes;
    }
}

/// Reads into `buffer` until it holds `want` bytes; whether the reader ended first.
fn fill(reader: &mut impl Read, buffer: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
    while buffer.len() < want {
        let had = buffer.len();
        let read = reader.by_ref().take((want - had) as u64).read_to_end(buffer)?;
        if read == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The file of a `Streamed` read again, piece by piece, each into a buffer of the caller's (so
/// that one piece can be read while the one before is parsed).
pub struct Reread<'a> {
    streamed: &'a Streamed,
    file: std::fs::File,
    next: usize,
}

/// What a piece read again is: its text and where it starts, or why it could not be read.
pub enum Again {
    Piece(String, usize),
    /// The file cannot be read again, or is not what it was: the message says which.
    Changed(String),
}

/// What is said where a file changed between its reads.
pub const CHANGED: &str = "the file changed while it was read; run the command again";

impl<'a> Reread<'a> {
    pub fn open(streamed: &'a Streamed) -> Result<Self, String> {
        let file = std::fs::File::open(&streamed.path).map_err(|e| cannot_again(&e))?;
        if !streamed.is_current(&file.metadata().map_err(|e| cannot_again(&e))?) {
            return Err(CHANGED.to_string());
        }
        Ok(Reread {
            streamed,
            file,
            next: 0,
        })
    }

    /// Whether the file is still what it was when first read (its length and when it was last
    /// changed): asked once every piece is read, so that no part of it was read from another
    /// version.
    pub fn unchanged(&self) -> bool {
        self.file.metadata().is_ok_and(|m| self.streamed.is_current(&m))
    }

    /// The next piece, in order, read into `buffer` (its room is reused); `None` after the last.
    pub fn next_piece(&mut self, mut buffer: Vec<u8>) -> Option<Again> {
        let &(start, end) = self.streamed.pieces.get(self.next)?;
        self.next += 1;
        buffer.clear();
        buffer.resize(end - start, 0);
        if let Err(e) = self.file.read_exact(&mut buffer) {
            return Some(Again::Changed(cannot_again(&e)));
        }
        match String::from_utf8(buffer) {
            Ok(text) => Some(Again::Piece(text, start)),
            Err(_) => Some(Again::Changed(CHANGED.to_string())),
        }
    }
}

/// The whole text of a streamed file, read again to place its problems; `None` where it
/// cannot be read or is not what it was.
pub fn whole(streamed: &Streamed) -> Option<String> {
    let text = std::fs::read_to_string(&streamed.path).ok()?;
    let meta = std::fs::metadata(&streamed.path).ok()?;
    (text.len() == streamed.len && streamed.is_current(&meta)).then_some(text)
}

/// What is said where a file read in pieces cannot be read again.
fn cannot_again(e: &std::io::Error) -> String {
    format!("cannot read the catalogue again: {e}")
}

#[cfg(test)]
mod tests {
    use super::super::Source;
    use super::*;

    fn cut(text: &str, piece_bytes: usize) -> Vec<String> {
        let mut found = Vec::new();
        let read = pieces(text.as_bytes(), piece_bytes, usize::MAX, |base, bytes, _| {
            assert_eq!(&text.as_bytes()[base..base + bytes.len()], bytes);
            found.push(String::from_utf8(bytes.to_vec()).unwrap());
            true
        })
        .unwrap();
        assert_eq!(read, text.len());
        assert_eq!(found.concat(), text);
        found
    }

    #[test]
    fn pieces_end_before_a_line_holding_a_program_header_alone() {
        let text =
            "format = 1\n[[program]]\nid = \"a\"\n[[program]] # x\nid = \"b\"\n[[program]]\r\nid = \"c\"\n";
        for size in 1..text.len() + 2 {
            let found = cut(text, size);
            for piece in &found[1..] {
                assert!(piece.starts_with("[[program]]\n") || piece.starts_with("[[program]]\r\n"));
            }
        }
        assert_eq!(cut(text, 12).len(), 3);
        assert_eq!(cut(text, 1000).len(), 1);
        assert_eq!(cut("", 4), [""]);
    }

    /// `text` written to a file, and that file read in pieces of `piece_bytes`.
    fn read(text: &str, piece_bytes: usize) -> (tempfile::NamedTempFile, Result<Streamed, Refused>) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
        let path = file.path().to_path_buf();
        let modified = std::fs::metadata(&path).unwrap().modified().ok();
        let opened = std::fs::File::open(&path).unwrap();
        let result = first_pass(&path, modified, opened, piece_bytes, usize::MAX, 2);
        (file, result)
    }

    /// What loading finds, as text: the entries, sources, rates, problems and replacements
    /// (the maps' order changes from run to run).
    fn loaded(source: Source) -> String {
        let loaded = super::super::load(vec![Ok(Source::builtin()), Ok(source)]);
        let catalog = &loaded.catalog;
        let mut rates: Vec<_> = catalog.rates.iter().collect();
        rates.sort_by(|a, b| a.0.cmp(b.0));
        format!(
            "{:?}\n{:?}\n{:?}\n{rates:?}\n{:?}\n{:?}",
            catalog.institutions, catalog.programs, catalog.references, loaded.problems, loaded.replaced
        )
    }

    fn catalogues() -> Vec<String> {
        let builtin = include_str!("../../../data/catalog.toml");
        let valid = include_str!("../../../tests/fixtures/valid.toml");
        let first = builtin.find("[[program]]").unwrap();
        vec![
            builtin.to_string(),
            // A BOM, line ends of two bytes, and a long run of blank lines.
            format!("\u{feff}{}", valid.replace('\n', "\r\n")),
            format!("{}{}{}", &builtin[..first], "\n".repeat(9000), &builtin[first..]),
            // Problems in entries, between entries and across them, a later piece correcting
            // an earlier one, and no line end at the end.
            format!(
                "{}\n[[program]]\nid = \"mitx-scm\"\ncost_usd = \"a lot\"\n[[program]]\nid = \"new\"\nname = \"N\"\n{}\n[[program]]\nid = \"mitx-scm\"",
                valid.replace("pacing = \"self-paced\"", "pacing = \"slow\""),
                &builtin[first..]
            ),
        ]
    }

    #[test]
    fn a_file_read_in_pieces_loads_as_it_does_read_whole() {
        for text in catalogues() {
            let whole = loaded(Source::new("c.toml", text.clone().into()));
            for piece_bytes in [1, 300, 4096, 1 << 20] {
                let (_file, streamed) = read(&text, piece_bytes);
                let streamed = streamed.unwrap_or_else(|e| panic!("{e:?} at {piece_bytes}"));
                assert_eq!(streamed.pieces.first().map(|p| p.0), Some(0));
                assert_eq!(streamed.pieces.last().map(|p| p.1), Some(text.len()));
                if piece_bytes < 4096 {
                    assert!(streamed.pieces.len() > 1);
                }
                let source = Source {
                    name: "c.toml".into(),
                    text: String::new().into(),
                    streamed: Some(Box::new(streamed)),
                };
                let streamed = loaded(source);
                let at = streamed
                    .bytes()
                    .zip(whole.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                assert!(
                    streamed == whole,
                    "pieces of {piece_bytes} bytes differ at {at}: {:?} against {:?}",
                    streamed.get(at.saturating_sub(300)..at + 200),
                    whole.get(at.saturating_sub(300)..at + 200)
                );
            }
        }
    }

    /// `text` written to a file, and that file opened to be read once in pieces of
    /// `piece_bytes`, as `Source::read` opens a large one.
    fn to_read(text: &[u8], piece_bytes: usize) -> (tempfile::NamedTempFile, Source) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, text).unwrap();
        let meta = std::fs::metadata(file.path()).unwrap();
        let source = Source {
            name: "c.toml".into(),
            text: String::new().into(),
            streamed: Some(Box::new(to_read_once(file.path(), &meta, piece_bytes))),
        };
        (file, source)
    }

    /// Whether parsing `source` (read once) went through without a restart.
    fn read_once_stands(source: &Source) -> bool {
        let origin = super::super::check::Origin {
            index: 0,
            latest: None,
        };
        super::super::parse::parse_source(source, origin, |_| {}).is_ok()
    }

    #[test]
    fn a_file_read_once_loads_as_it_does_read_whole() {
        for text in catalogues() {
            let whole = loaded(Source::new("c.toml", text.clone().into()));
            for piece_bytes in [1, 300, 4096, 1 << 20] {
                let (_file, source) = to_read(text.as_bytes(), piece_bytes);
                assert!(read_once_stands(&source), "pieces of {piece_bytes} bytes");
                assert!(loaded(source) == whole, "pieces of {piece_bytes} bytes");
            }
        }
    }

    #[test]
    fn a_file_that_reading_once_cannot_stand_for_loads_as_it_does_cut_first() {
        let valid = include_str!("../../../tests/fixtures/valid.toml");
        let entry = "[[program]]\nid = \"p\"\n";
        let mut many = String::new();
        for i in 0..super::super::parse::MAX_PROBLEMS + 10 {
            std::fmt::Write::write_fmt(
                &mut many,
                format_args!("[[program]]\nid = \"p{i}\"\nkind = \"x\"\n"),
            )
            .unwrap();
        }
        let texts: Vec<Vec<u8>> = vec![
            // A cut inside a multi-line string, far into the file.
            format!("{valid}\n[[program]]\nid = \"q\"\nnotes = \"\"\"\n[[program]]\n\"\"\"\n{entry}")
                .into_bytes(),
            // A flaw in a string, an invalid byte, and a sub-table apart from its entry, each in
            // a late piece.
            format!("{valid}\n{entry}name = \"open\n{entry}").into_bytes(),
            [valid.as_bytes(), b"\n[[program]]\nid = \"\xff\"\n"].concat(),
            format!("{valid}\n[[institution]]\nid = \"u\"\n[program.fees]\none_off = 1\n{entry}")
                .into_bytes(),
            // Nothing but blank lines, and more problems than are listed.
            b" \n\n\t\n".repeat(100),
            format!("format = 1\n{many}").into_bytes(),
        ];
        for text in texts {
            // Pieces of one entry each would start threads for each of the many entries.
            let sizes: &[usize] = if text.len() > 1 << 20 {
                &[1 << 18]
            } else {
                &[1, 300, 1 << 20]
            };
            for &piece_bytes in sizes {
                let (file, once) = to_read(&text, piece_bytes);
                let tell = String::from_utf8_lossy(&text[..text.len().min(80)]).into_owned();
                // Larger pieces may not be cut where the flaw is, and then read once as well; the
                // answer is the same either way.
                if piece_bytes == 1 || text.len() > 1 << 20 {
                    assert!(!read_once_stands(&once), "{tell:?} in pieces of {piece_bytes}");
                }
                let cut = Source::read_as(file.path(), "c.toml".into(), true);
                let cut_loaded = super::super::load(vec![Ok(Source::builtin()), cut]);
                let once_loaded = super::super::load(vec![Ok(Source::builtin()), Ok(once)]);
                let said = |l: &super::super::Loaded| {
                    let problems: Vec<String> = l.problems.iter().map(ToString::to_string).collect();
                    (problems, l.catalog.programs.len())
                };
                assert_eq!(
                    said(&once_loaded),
                    said(&cut_loaded),
                    "{tell:?} in pieces of {piece_bytes}"
                );
                assert!(!cut_loaded.problems.is_empty());
            }
        }
    }

    #[test]
    fn a_file_changed_after_it_was_opened_to_be_read_once_is_read_again() {
        let text = include_str!("../../../tests/fixtures/valid.toml");
        let (file, once) = to_read(text.as_bytes(), 300);
        std::fs::write(file.path(), format!("{text}\n# more\n")).unwrap();
        assert!(!read_once_stands(&once));
        let loaded = super::super::load(vec![Ok(once)]);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(!loaded.catalog.programs.is_empty());
    }

    #[test]
    fn a_file_that_pieces_cannot_stand_for_is_read_whole() {
        let entry = "[[program]]\nid = \"p\"\n";
        for text in [
            // A cut inside a multi-line string and an array.
            format!("format = 1\n{entry}notes = \"\"\"\n[[program]]\n\"\"\"\n{entry}"),
            format!("format = 1\n{entry}x = [\n[[program]]\n]\n{entry}"),
            // A sub-table apart from its entry, and a flaw in a string.
            format!("format = 1\n{entry}[[institution]]\nid = \"u\"\n[program.fees]\none_off = 1\n{entry}"),
            format!("format = 1\n{entry}name = \"open\n{entry}"),
        ] {
            let (_file, streamed) = read(&text, 1);
            assert!(matches!(streamed, Err(Refused::Whole)), "{text:?}");
        }
        let (_file, empty) = read(" \n\n\t\n", 1);
        assert!(matches!(empty, Err(Refused::Empty)));
        let (_file, accented) = read("format = 1\n[[program]]\nid = \"\u{e9}\"\n", 1);
        assert!(accented.is_ok());
        let mut bad = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut bad, b"format = 1\n[[program]]\nid = \"\xff\"\n").unwrap();
        let opened = std::fs::File::open(bad.path()).unwrap();
        let result = first_pass(bad.path(), None, opened, 1, usize::MAX, 1);
        assert!(matches!(result, Err(Refused::NotUtf8(3))), "{result:?}");
    }

    #[test]
    fn a_file_changed_between_its_reads_says_so() {
        let text = include_str!("../../../tests/fixtures/valid.toml");
        let (file, streamed) = read(text, 300);
        let streamed = streamed.unwrap();
        std::fs::write(file.path(), format!("{text}\n# more\n")).unwrap();
        let source = Source {
            name: "c.toml".into(),
            text: String::new().into(),
            streamed: Some(Box::new(streamed)),
        };
        let loaded = super::super::load(vec![Ok(source)]);
        let messages: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages, [format!("c.toml: {CHANGED}")]);
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let text = "[[program]]\n".repeat(10);
        let result = pieces(text.as_bytes(), 16, 100, |_, _, _| true);
        assert!(matches!(result, Err(Refused::TooLarge)));
    }
}
