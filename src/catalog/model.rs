//! The catalogue as the rest of the program sees it: checked, typed, without positions.

use crate::named::named_enum;

use super::amount::Amount;
use super::date::Date;

/// Catalogue text: a string of up to 24 bytes (most ids, currencies, subjects) is held in
/// place, without a heap allocation of its own; longer text is held like a `String`.
pub type Text = compact_str::CompactString;

named_enum! {
    /// What kind of credential a program leads to.
    Kind {
        MicroMasters = "micromasters",
        MicroBachelors = "microbachelors",
        /// A professional certificate or XSeries.
        Certificate = "certificate",
        Masters = "masters",
        Bachelors = "bachelors",
    }
}

impl Kind {
    /// Degrees are what credit pathways lead to.
    pub fn is_degree(self) -> bool {
        matches!(self, Kind::Masters | Kind::Bachelors)
    }
}

named_enum! {
    /// Where the teaching happens.
    Delivery {
        Online = "online",
        Blended = "blended",
        Campus = "campus",
    }
}

named_enum! {
    /// Who sets the calendar.
    Pacing {
        InstructorLed = "instructor-led",
        SelfPaced = "self-paced",
        /// Some courses of each kind, or a choice.
        Both = "both",
        Unknown = "unknown",
    }
}

named_enum! {
    /// Whether anyone may enrol.
    Admission {
        Open = "open",
        Selective = "selective",
    }
}

named_enum! {
    /// What a pathway gives an admitted holder of the credential.
    Grants {
        /// Credit toward the degree.
        Credit = "credit",
        /// Only a route in: an admission requirement met or waived, no credit.
        Admission = "admission",
    }
}

named_enum! {
    /// What a pathway's holder still pays for the degree.
    Tuition {
        /// The credit lowers the degree's price in proportion.
        Reduced = "reduced",
        /// The whole price: the credit saves time, not money.
        Full = "full",
    }
}

named_enum! {
    /// Whether a pathway still stands.
    PathwayStatus {
        Active = "active",
        /// Lapsed or replaced: listed, but it counts for nothing.
        Ended = "ended",
    }
}

named_enum! {
    /// Whether the program still takes learners.
    Status {
        Active = "active",
        Retired = "retired",
    }
}

named_enum! {
    /// The groups of a program's figures that one check dates together: a correction's
    /// `verified` dates only the groups whose keys it gives.
    Figure {
        /// `cost`, `currency`, `financial_aid`, `fees`.
        Cost = "cost",
        /// `months`, `courses` and the pace keys.
        Months = "months",
        Pacing = "pacing",
        /// `credit` and `credits`: every pathway.
        Credit = "credit",
    }
}

/// When a group of figures was checked, and which loaded file gave it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Checked {
    /// `None` where the file that gave the figures dates no check of them.
    pub date: Option<Date>,
    /// Index of the source (file) the figures come from.
    pub source: u32,
}

/// A university or other provider.
#[derive(Debug, Clone, PartialEq)]
pub struct Institution {
    pub id: String,
    pub name: String,
    /// The name learners know (`MITx`).
    pub short: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    pub url: Option<String>,
    /// Index of the source this entry came from.
    pub source: usize,
}

impl Institution {
    /// The short name where there is one, else the full name.
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

/// How a program's price is charged, in the program's currency.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Fees {
    pub per_course: Option<f64>,
    pub per_credit: Option<f64>,
    pub per_term: Option<f64>,
    /// Length of one term in months.
    pub term_months: Option<f64>,
    pub one_off: Option<f64>,
}

impl Fees {
    /// Whether any part carries a price (a table may hold only `term_months`: a calendar).
    pub fn has_price(&self) -> bool {
        self.per_course.is_some()
            || self.per_credit.is_some()
            || self.per_term.is_some()
            || self.one_off.is_some()
    }
}

/// Where a pathway's credit counts.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A degree program in the loaded catalogue, by id.
    Program(Text),
    /// A degree described in words, with who grants it.
    Described { degree: Text, at: Option<Text> },
}

/// One pathway from a credential toward a degree.
#[derive(Debug, Clone, PartialEq)]
pub struct Pathway {
    pub target: Target,
    pub grants: Grants,
    /// Share of the degree the credential counts for, in (0, 1]; `None` where no source gives
    /// it (or could not be worked out) and for admission-only routes. Computed from `credits`
    /// and `of` (or the degree's own `credits`) once the catalogue is loaded.
    pub share: Option<f64>,
    /// The credit granted, in the degree's own `unit`.
    pub credits: Option<f64>,
    /// The degree's total in the same unit, where the pathway gives it.
    pub of: Option<f64>,
    /// The unit of `credits` and `of` ("ECTS", "credit hours").
    pub unit: Option<Text>,
    pub tuition: Tuition,
    pub note: Option<Text>,
    /// `Ended` where a source says it lapsed or was replaced.
    pub status: PathwayStatus,
    /// The day it was last stated, or closed.
    pub ends: Option<Date>,
}

/// What kind of pathway this is, as every output tells them apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PathwayKind {
    /// Credit of a known share; `computed` when it was worked out from credits.
    Share { share: f64, computed: bool },
    /// Credit whose amount no source gives.
    Unknown,
    /// Only a route in: no credit.
    Admission,
}

impl Pathway {
    /// What kind of pathway this is.
    pub fn kind(&self) -> PathwayKind {
        match (self.grants, self.share) {
            (Grants::Admission, _) => PathwayKind::Admission,
            (Grants::Credit, Some(share)) => PathwayKind::Share {
                share,
                computed: self.credits.is_some(),
            },
            (Grants::Credit, None) => PathwayKind::Unknown,
        }
    }

    /// Whether it still counts: an ended pathway is listed but gives nothing.
    pub fn is_active(&self) -> bool {
        self.status == PathwayStatus::Active
    }

    /// The catalogue degree this pathway leads to, if it names one.
    pub fn toward(&self) -> Option<&str> {
        match &self.target {
            Target::Program(id) => Some(id),
            Target::Described { .. } => None,
        }
    }
}

/// The pathways of one program, summed up as one table cell or filter tells them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CreditSummary {
    /// No pathway at all.
    None,
    /// The largest known share, and whether it was computed from credits.
    Share { share: f64, computed: bool },
    /// Pathways with credit, none of known share.
    Unknown,
    /// Admission-only routes and nothing else.
    Admission,
}

/// The keys few programs give, kept apart so that a program that gives none of them pays one
/// pointer for them all (see `RareBox`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rare {
    /// The weekly effort of one course, as a source gives it.
    pub course_hours_per_week: Option<Amount>,
    /// The most courses the program allows in one term.
    pub max_courses_per_term: Option<u32>,
    /// The longest the program allows from start to finish, in months.
    pub max_months: Option<f64>,
    pub ends: Option<Date>,
    pub partners: Vec<Text>,
    pub notes: Option<Text>,
    /// Keys of the `[[source]]` tables its figures come from.
    pub sources: Vec<Text>,
}

/// What a program without any rare key reads.
static NO_RARE: Rare = Rare {
    course_hours_per_week: None,
    max_courses_per_term: None,
    max_months: None,
    ends: None,
    partners: Vec::new(),
    notes: None,
    sources: Vec::new(),
};

/// A program's `Rare` keys: no allocation until one is set. It reads as a `Rare` (the empty
/// one where none is set), and setting a field through it makes room for them.
#[derive(Clone, Default)]
pub struct RareBox(Option<Box<Rare>>);

impl RareBox {
    /// Holds `rare`, boxed only where it gives anything.
    pub fn new(rare: Rare) -> Self {
        RareBox((rare != NO_RARE).then(|| Box::new(rare)))
    }

    /// Lets the room go where a correction left nothing in it.
    pub fn tidy(&mut self) {
        if self.0.as_deref().is_some_and(|rare| *rare == NO_RARE) {
            self.0 = None;
        }
    }
}

impl std::ops::Deref for RareBox {
    type Target = Rare;
    fn deref(&self) -> &Rare {
        self.0.as_deref().unwrap_or(&NO_RARE)
    }
}

impl std::ops::DerefMut for RareBox {
    fn deref_mut(&mut self) -> &mut Rare {
        self.0.get_or_insert_with(Box::default)
    }
}

impl PartialEq for RareBox {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for RareBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

/// One credential or degree.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub id: Text,
    pub name: Text,
    pub kind: Kind,
    /// The institution's id.
    pub institution: Text,
    pub platform: Option<Text>,
    pub delivery: Delivery,
    pub pacing: Pacing,
    pub subjects: Vec<Text>,
    pub courses: Option<u32>,
    pub credits: Option<f64>,
    pub admission: Admission,
    /// Full price in `currency`; `None` where the catalogue says `"unknown"`.
    pub cost: Option<Amount>,
    /// ISO 4217 code of `cost` and `fees`.
    pub currency: Text,
    /// Largest share of the cost that aid can remove, in [0, 1].
    pub financial_aid: Option<f64>,
    /// Boxed: few programs have fees, and every program pays for the room.
    pub fees: Option<Box<Fees>>,
    /// Advertised calendar months; `None` where unknown.
    pub months: Option<Amount>,
    pub hours_per_week: Option<Amount>,
    pub credit: Vec<Pathway>,
    pub status: Status,
    pub url: Option<Text>,
    pub verified: Option<Date>,
    /// What few programs give (`rare.notes`, `rare.ends`, ...), in one box of its own.
    pub rare: RareBox,
    /// Index of the source this entry came from.
    pub source: usize,
    /// When each group of figures was checked, by `Figure`; `None` (as for most programs) where
    /// every group was checked on `verified`, from `source`: one pointer, not four dates.
    pub checked: Option<Box<[Checked; 4]>>,
}

impl Program {
    /// The keys of the sources it cites: its `sources`, then each `[KEY]` in its notes, once.
    pub fn cited(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.rare.sources.iter().map(Text::as_str).collect();
        for key in self.rare.notes.as_deref().map(citations).into_iter().flatten() {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        keys
    }

    /// ` (retired)` after a retired program's name, else nothing: every output marks it.
    pub fn retired_mark(&self) -> &'static str {
        if self.status == Status::Retired {
            " (retired)"
        } else {
            ""
        }
    }

    /// When `figure` was checked, and from which file.
    pub fn check(&self, figure: Figure) -> Checked {
        self.checks()[figure as usize]
    }

    /// Every group's check, in `Figure` order.
    pub fn checks(&self) -> [Checked; 4] {
        self.checked.as_deref().copied().unwrap_or(
            [Checked {
                date: self.verified,
                source: self.source as u32,
            }; 4],
        )
    }

    /// Whether `figure` was checked more than `STALE_AFTER_DAYS` before `today` (or never).
    pub fn is_figure_stale(&self, figure: Figure, today: Date) -> bool {
        self.check(figure)
            .date
            .is_none_or(|v| v.days_until(today) > STALE_AFTER_DAYS)
    }

    /// The oldest check of its figures; `None` where one is undated.
    pub fn oldest_check(&self) -> Option<Date> {
        self.checks().iter().map(|c| c.date).min_by(|a, b| match (a, b) {
            (None, _) => std::cmp::Ordering::Less,
            (_, None) => std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => x.cmp(y),
        })?
    }

    /// The largest known share among the pathways, or `None` where none is known.
    pub fn credit_share(&self) -> Option<f64> {
        self.active_credit().filter_map(|p| p.share).reduce(f64::max)
    }

    /// The pathways summed up: the largest known share, else unknown credit, else admission.
    pub fn credit_summary(&self) -> CreditSummary {
        let best = self
            .active_credit()
            .filter_map(|p| match p.kind() {
                PathwayKind::Share { share, computed } => Some((share, computed)),
                _ => None,
            })
            .reduce(|a, b| if b.0 > a.0 { b } else { a });
        if let Some((share, computed)) = best {
            CreditSummary::Share { share, computed }
        } else if self.active_credit().any(|p| p.kind() == PathwayKind::Unknown) {
            CreditSummary::Unknown
        } else if self.active_credit().next().is_none() {
            CreditSummary::None
        } else {
            CreditSummary::Admission
        }
    }

    /// The pathways that still count (ended ones are listed, but give nothing).
    pub fn active_credit(&self) -> impl Iterator<Item = &Pathway> {
        self.credit.iter().filter(|p| p.is_active())
    }

    /// The pathway that still counts toward the catalogue program `id`, if there is one.
    pub fn pathway_to(&self, id: &str) -> Option<&Pathway> {
        self.active_credit().find(|p| p.toward() == Some(id))
    }

    /// Whether any of its figures was checked more than `STALE_AFTER_DAYS` before `today`
    /// (or never).
    pub fn is_stale(&self, today: Date) -> bool {
        Figure::ALL.iter().any(|&f| self.is_figure_stale(f, today))
    }
}

/// The source keys cited in `text` as `[KEY]`: a key is a word of letters and digits with at
/// least one hyphen (`[MOOCoke-2022]`, `[EDX-DS]`), so that a bracketed word such as `[sic]` is
/// not taken for one.
pub fn citations(text: &str) -> impl Iterator<Item = &str> {
    text.split('[').skip(1).filter_map(|rest| {
        let key = &rest[..rest.find(']')?];
        is_source_key(key).then_some(key)
    })
}

/// Whether `key` has the shape of a source key: letters and digits in words joined by hyphens,
/// at least one hyphen, a letter first.
pub fn is_source_key(key: &str) -> bool {
    key.contains('-')
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .split('-')
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Figures checked longer ago than this are marked as possibly stale.
pub const STALE_AFTER_DAYS: i64 = 365;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_list_the_allowed_ones() {
        for kind in Kind::ALL {
            assert_eq!(kind.as_str().parse::<Kind>(), Ok(*kind));
        }
        let err = "weekly".parse::<Pacing>().unwrap_err();
        assert_eq!(
            err,
            "`weekly` is not one of `instructor-led`, `self-paced`, `both`, `unknown`"
        );
    }

    #[test]
    fn only_masters_and_bachelors_are_degrees() {
        let degrees: Vec<_> = Kind::ALL.iter().filter(|k| k.is_degree()).collect();
        assert_eq!(degrees, [&Kind::Masters, &Kind::Bachelors]);
    }
}
