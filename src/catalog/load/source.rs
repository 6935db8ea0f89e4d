//! Where a catalogue's text comes from: the built-in one, a file, or standard input; refused
//! when it cannot be a catalogue (a directory, a device, too large, not UTF-8, empty).

use std::borrow::Cow;
use std::path::Path;

use super::diagnostic::Diagnostic;
use super::stream::{self, Refused, Streamed};

/// The name the built-in catalogue goes by in reports.
pub const BUILTIN_NAME: &str = "data/catalog.toml";
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

/// What kind of special file `meta` is, where it is one a catalogue cannot be read from as a
/// file: a socket; a pipe (`<(cmd)`, a FIFO) is read, but waited for only so long.
#[cfg(unix)]
fn special(meta: &std::fs::Metadata) -> Option<Special> {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_socket() {
        Some(Special::Socket)
    } else if kind.is_fifo() {
        Some(Special::Pipe)
    } else {
        None
    }
}

#[cfg(not(unix))]
fn special(_meta: &std::fs::Metadata) -> Option<Special> {
    None
}

/// A file that is not a regular one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Special {
    Socket,
    Pipe,
}

/// How long opening a pipe may wait for a program to write to it: `<(cmd)` opens at once, a
/// FIFO nobody writes to would block forever.
const PIPE_OPEN_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Opens `path`, a pipe, waiting at most `PIPE_OPEN_WAIT` for a writer; `None` when none came.
fn open_pipe(path: &Path) -> Option<std::io::Result<std::fs::File>> {
    let (send, receive) = std::sync::mpsc::channel();
    let path = path.to_path_buf();
    // The thread is left blocked in `open` when no writer comes; the process ends without it.
    std::thread::spawn(move || {
        let _ = send.send(std::fs::File::open(path));
    });
    receive.recv_timeout(PIPE_OPEN_WAIT).ok()
}

/// One catalogue text and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    /// The text; empty for a large file read in pieces (`streamed`).
    pub text: Cow<'static, str>,
    /// A large file, cut into entries on a first read, and read again in pieces as they are
    /// parsed rather than held.
    pub(super) streamed: Option<Box<Streamed>>,
}

impl Source {
    /// Whether this is the catalogue compiled into the binary.
    pub fn is_builtin(&self) -> bool {
        matches!(self.text, Cow::Borrowed(_)) && self.name == BUILTIN_NAME
    }

    /// The catalogue compiled into the binary.
    pub fn builtin() -> Source {
        Source::new(
            BUILTIN_NAME,
            Cow::Borrowed(include_str!("../../../data/catalog.toml")),
        )
    }

    /// A catalogue text held in memory, reported as `name`.
    pub fn new(name: &str, text: Cow<'static, str>) -> Source {
        Source {
            name: name.to_string(),
            text,
            streamed: None,
        }
    }

    /// Reads a catalogue file (`-` is standard input); a file that cannot be used is one
    /// diagnostic naming it. Files larger than `MAX_FILE_BYTES` are refused without reading on.
    /// A large file is only opened here, to be read once as it is parsed (see `load`).
    pub fn read(path: &Path) -> Result<Source, Diagnostic> {
        let name = if path.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        Source::read_as(path, name, false)
    }

    /// This source as `read` would make it were large files cut into entries when read, before
    /// they are parsed: a large file to be read once is read so now; any other is kept.
    pub fn read_cut(self) -> Result<Source, Diagnostic> {
        match &self.streamed {
            Some(streamed) if streamed.once.is_some() => {
                Source::read_as(&streamed.path.clone(), self.name, true)
            }
            _ => Ok(self),
        }
    }

    /// `read`, reported as `name`; with `cut`, a large file is cut into entries now rather than
    /// read once later.
    pub(super) fn read_as(path: &Path, name: String, cut: bool) -> Result<Source, Diagnostic> {
        let stdin = path.as_os_str() == "-";
        match read_text(path, stdin, cut) {
            Ok(Read::Text(text)) => Ok(Source {
                name,
                text: Cow::Owned(text),
                streamed: None,
            }),
            Ok(Read::Streamed(streamed)) => Ok(Source {
                name,
                text: Cow::Owned(String::new()),
                streamed: Some(Box::new(streamed)),
            }),
            Err(refused) => Err(Diagnostic::whole_file(&name, refused.message())),
        }
    }
}

/// A catalogue file read: its text, or, for a large one, where its entries stand.
enum Read {
    Text(String),
    Streamed(Streamed),
}

/// Reads the catalogue at `path` (standard input when `stdin`); a large file only when `cut`
/// (see `Source::read_as`).
fn read_text(path: &Path, stdin: bool, cut: bool) -> Result<Read, Refused> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    let limit = (MAX_FILE_BYTES + 1) as u64;
    if stdin {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)?;
    } else {
        if path.is_dir() {
            return Err(Refused::Not(
                "is a directory, not a catalogue file; name a `.toml` file".into(),
            ));
        }
        // Asked before opening: opening a pipe nobody writes to would never return.
        let file = match std::fs::metadata(path).ok().as_ref().and_then(special) {
            Some(Special::Socket) => {
                return Err(Refused::Not(
                    "is a socket, not a catalogue file; name a `.toml` file".into(),
                ));
            }
            Some(Special::Pipe) => match open_pipe(path) {
                Some(opened) => opened?,
                None => {
                    return Err(Refused::Not(format!(
                        "is a pipe that no program wrote to within {} seconds; give a file, or `<(command)`",
                        PIPE_OPEN_WAIT.as_secs()
                    )));
                }
            },
            None => std::fs::File::open(path)?,
        };
        let meta = file.metadata()?;
        if is_device(&meta) {
            return Err(Refused::Not(
                "is a device, not a catalogue file; name a `.toml` file".into(),
            ));
        }
        if meta.len() > MAX_FILE_BYTES as u64 {
            return Err(Refused::TooLarge);
        }
        if meta.is_file() && meta.len() >= stream::STREAM_FROM_BYTES {
            if !cut {
                return Ok(Read::Streamed(stream::to_read_once(
                    path,
                    &meta,
                    stream::PIECE_BYTES,
                )));
            }
            let threads = crate::cores();
            let modified = meta.modified().ok();
            match stream::first_pass(
                path,
                modified,
                &file,
                stream::PIECE_BYTES,
                MAX_FILE_BYTES,
                threads,
            ) {
                Ok(streamed) => return Ok(Read::Streamed(streamed)),
                // Read again from the start, whole.
                Err(Refused::Whole) => {
                    std::io::Seek::seek(&mut &file, std::io::SeekFrom::Start(0))?;
                }
                Err(refused) => return Err(refused),
            }
        }
        // Read into room for the whole file (one more byte shows it grew while read), not
        // into a buffer doubled and copied on the way.
        bytes.reserve_exact(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
        (&file).take(limit).read_to_end(&mut bytes)?;
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Refused::TooLarge);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        Refused::NotUtf8(memchr::memchr_iter(b'\n', &e.as_bytes()[..valid]).count() + 1)
    })?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Refused::Empty);
    }
    Ok(Read::Text(text))
}
