//! The catalogue: its typed model, and loading it from TOML sources with every problem found.

mod amount;
mod date;
/// The built-in catalogue's embedded form; `build.rs` writes it.
#[doc(hidden)]
pub mod embed;
mod load;
pub mod model;
pub mod text;
pub(crate) mod wording;

use std::collections::{BTreeMap, HashMap};

pub use amount::Amount;
pub use date::Date;
pub use load::{BUILTIN_NAME, Diagnostic, InstitutionKey, Loaded, ProgramKey, Source, load, write};
pub use model::{
    Admission, Checked, CreditSummary, Delivery, Fees, Figure, Grants, Institution, Kind, Pacing, Pathway,
    PathwayKind, PathwayStatus, Program, Rare, RareBox, Status, Target, Text, Tuition,
};

/// Where each id stands in its list. foldhash rather than the standard SipHash: the merge and
/// the cross-checks look up every id, and on a large catalogue the hashing was a visible part
/// of loading; its seed is still chosen at random for each run.
pub(crate) type IdIndex = HashMap<Text, usize, foldhash::fast::RandomState>;

/// Every loaded institution and program, merged across sources.
#[derive(Debug, Default, Clone)]
pub struct Catalog {
    pub institutions: Vec<Institution>,
    pub programs: Vec<Program>,
    /// Value of one unit of each currency in USD; USD itself is implied.
    pub rates: BTreeMap<String, f64>,
    /// When and by whom each rate was published, from the file that set it.
    pub rate_info: BTreeMap<String, RateInfo>,
    /// The oldest `as_of` among the sources that give one.
    pub as_of: Option<Date>,
    /// The names of the sources, in load order.
    pub sources: Vec<String>,
    /// The files whose entries corrected built-in ones, with how many they corrected: footers
    /// name them, so that figures from a file set in a shell profile do not pass unseen.
    pub corrections: BTreeMap<String, Corrected>,
    /// The sources entries cite, by key, in load order.
    pub references: Vec<Reference>,
    /// The files that corrected each program, in order (`corrected_by`).
    pub corrected_by: HashMap<String, Vec<String>>,
    institution_index: IdIndex,
    program_index: IdIndex,
}

impl Catalog {
    /// Takes the id lookups the loader built while merging.
    pub(crate) fn set_index(&mut self, institutions: IdIndex, programs: IdIndex) {
        self.institution_index = institutions;
        self.program_index = programs;
    }

    /// The source cited as `key`.
    pub fn reference(&self, key: &str) -> Option<&Reference> {
        self.references.iter().find(|r| r.key == key)
    }

    /// The files that corrected program `id`, in order; empty where none did.
    pub fn corrections_of(&self, id: &str) -> &[String] {
        self.corrected_by.get(id).map_or(&[], Vec::as_slice)
    }

    /// Where the program with this id stands in `programs`.
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        self.program_index.get(id).copied()
    }

    /// The program with this id.
    pub fn program(&self, id: &str) -> Option<&Program> {
        self.program_index.get(id).map(|&i| &self.programs[i])
    }

    /// The ids of the degrees a pathway may point to, in catalogue order.
    pub fn degree_ids(&self) -> impl Iterator<Item = &str> {
        self.programs
            .iter()
            .filter(|p| p.kind.is_degree())
            .map(|p| p.id.as_str())
    }

    /// Where the institution with this id stands in `institutions`.
    pub(crate) fn institution_position(&self, id: &str) -> Option<usize> {
        self.institution_index.get(id).copied()
    }

    /// The institution with this id.
    pub fn institution(&self, id: &str) -> Option<&Institution> {
        self.institution_index.get(id).map(|&i| &self.institutions[i])
    }

    /// Value of one unit of `code` in USD, if known.
    pub fn rate(&self, code: &str) -> Option<f64> {
        if code == "USD" {
            Some(1.0)
        } else {
            self.rates.get(code).copied()
        }
    }

    /// Every currency with a known rate, USD included, sorted.
    pub fn currencies(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self.rates.keys().map(String::as_str).collect();
        if !codes.contains(&"USD") {
            codes.push("USD");
        }
        codes.sort_unstable();
        codes
    }

    /// The message for an unknown program id, naming the closest known ids.
    pub fn unknown_program(&self, id: &str) -> String {
        let ids = self.programs.iter().map(|p| p.id.as_str());
        let hint = wording::did_you_mean(
            &id.to_lowercase(),
            ids,
            0.7,
            3,
            "run `micromasters list` to see every id",
        );
        format!("unknown program `{id}`{hint}")
    }

    /// The message for a `--toward` id that names no program: the degrees it may mean, those
    /// whose id it begins first (`mit-scm` is `mit-scm-masters`), else the closest degrees.
    pub fn unknown_degree(&self, id: &str) -> String {
        let wanted = id.to_lowercase();
        let degrees: Vec<&str> = self.degree_ids().collect();
        let begun: Vec<String> = degrees
            .iter()
            .filter(|d| d.starts_with(&wanted))
            .take(3)
            .map(|d| format!("`{d}`"))
            .collect();
        let hint = if begun.is_empty() {
            wording::did_you_mean(
                &wanted,
                degrees.iter().copied(),
                0.7,
                3,
                "run `micromasters list --kind masters` to see every degree",
            )
        } else {
            format!("; did you mean {}?", begun.join(" or "))
        };
        format!("unknown degree `{id}`{hint}")
    }
}

/// What one file corrected of the built-in catalogue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corrected {
    /// Institutions and programs.
    pub entries: usize,
    /// The currencies whose rate it set again.
    pub rates: Vec<String>,
    /// The source keys it gave again.
    pub sources: Vec<String>,
}

impl std::fmt::Display for Corrected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        match self.entries {
            0 => {}
            1 => parts.push("1 entry".to_string()),
            n => parts.push(format!("{n} entries")),
        }
        if !self.rates.is_empty() {
            let s = if self.rates.len() == 1 { "" } else { "s" };
            parts.push(format!("rate{s} {}", self.rates.join(", ")));
        }
        if !self.sources.is_empty() {
            let s = if self.sources.len() == 1 { "" } else { "s" };
            parts.push(format!("source{s} {}", self.sources.join(", ")));
        }
        f.write_str(&parts.join("; "))
    }
}

/// When and by whom a rate was published, as its file says (`rates_as_of`, `rates_source`, or
/// its own `[rate.CODE]` table), and which loaded file set it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateInfo {
    pub as_of: Option<Date>,
    pub source: Option<String>,
    /// Index of the loaded file that set it.
    pub file: usize,
}

/// A source entries cite: a `[[source]]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reference {
    pub key: String,
    pub title: String,
    pub url: Option<String>,
    /// The source's own date; `None` where it is undated.
    pub date: Option<Date>,
    pub about: Option<String>,
    /// Index of the loaded file that gave it.
    pub file: usize,
}

/// An entry that a later source corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// `program` or `institution`.
    pub kind: &'static str,
    pub id: String,
    /// The source the corrected entry last came from.
    pub from: String,
    /// The source whose entry corrected it.
    pub by: String,
    /// The keys the correction replaced.
    pub keys: Vec<&'static str>,
    /// What changed, where a value says it best (a rate: `1.117 → 0.5 USD`).
    pub change: Option<String>,
}

/// Loads the built-in catalogue (when `builtin`), then `files` in order. The built-in catalogue
/// alone is read from the form the build checked and embedded (`embed`), not parsed again.
pub fn load_sources(builtin: bool, files: &[std::path::PathBuf]) -> Loaded {
    if builtin
        && files.is_empty()
        && let Some(catalog) = crate::embedded_catalog()
    {
        return Loaded {
            catalog,
            problems: Vec::new(),
            replaced: Vec::new(),
        };
    }
    let mut inputs = Vec::with_capacity(files.len() + 1);
    if builtin {
        inputs.push(Ok(Source::builtin()));
    }
    let mut stdin_read = false;
    inputs.extend(files.iter().map(|f| {
        if f.as_os_str() == "-" {
            if stdin_read {
                return Err(Diagnostic::whole_file(
                    "<stdin>",
                    "standard input can be read once: give `--catalog -` once",
                ));
            }
            stdin_read = true;
        }
        Source::read(f)
    }));
    load(inputs)
}

/// The one typed error: a catalogue with problems, each placed at `FILE:LINE:COLUMN`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub Vec<Diagnostic>);

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.len();
        // The command that loads the files at fault: `validate` takes them as arguments.
        let mut files: Vec<&str> = Vec::new();
        for d in &self.0 {
            if d.file != load::BUILTIN_NAME && d.file != "<stdin>" && !files.contains(&d.file.as_str()) {
                files.push(&d.file);
            }
        }
        let command = if files.is_empty() {
            "micromasters validate".to_string()
        } else {
            format!("micromasters validate {}", files.join(" "))
        };
        write!(
            f,
            "the catalogue has {n} problem{} (listed above); fix {} or run `{}` to check it",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it" } else { "them" },
            text::plain(&command)
        )
    }
}

impl std::error::Error for Invalid {}
