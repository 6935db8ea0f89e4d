//! Corrections: an entry whose id an earlier source defines replaces only the keys it gives.

use super::raw::{RawInstitution, RawProgram};
use crate::catalog::model::{Checked, Fees, Figure, Institution, Program};
use crate::named::named_enum;

/// Declares an entry's keys once, as an enum with the format's spellings, and from that one
/// table what the checks record (which keys an entry gave) and what a correction takes.
macro_rules! entry_keys {
    ($(#[$meta:meta])* $key:ident for $model:ident from $raw:ident {
        $($variant:ident = $text:literal => $field:ident $(in $part:ident)?),+ $(,)?
    }) => {
        named_enum! { $(#[$meta])* $key { $($variant = $text),+ } }

        impl $key {
            /// Which keys `raw` gives.
            pub(super) fn given_in(raw: &$raw) -> Given {
                let mut given = Given::default();
                $(if raw.$field.is_some() { given.set($key::$variant as usize); })+
                given
            }

            /// Moves each field whose key is given from `newer` into `old`.
            #[allow(unused_mut)]
            fn take(old: &mut $model, mut newer: $model, given: Given) {
                $(if given.has($key::$variant as usize) {
                    take_field!(old, newer, $field $(, $part)?);
                })+
            }
        }
    };
}

/// Moves one field from `newer` into `old`: a field in a part of its own (`rare`) is taken
/// out of `newer`'s part, which other fields may already have left.
macro_rules! take_field {
    ($old:ident, $newer:ident, $field:ident) => {
        $old.$field = $newer.$field
    };
    ($old:ident, $newer:ident, $field:ident, $part:ident) => {
        $old.$part.$field = std::mem::take(&mut $newer.$part.$field)
    };
}

entry_keys! {
    /// The keys of a `[[program]]` entry besides `id`, in the order the format lists them.
    ProgramKey for Program from RawProgram {
        Name = "name" => name,
        Kind = "kind" => kind,
        Institution = "institution" => institution,
        Platform = "platform" => platform,
        Delivery = "delivery" => delivery,
        Pacing = "pacing" => pacing,
        Subjects = "subjects" => subjects,
        Courses = "courses" => courses,
        Credits = "credits" => credits,
        Admission = "admission" => admission,
        Cost = "cost" => cost,
        Currency = "currency" => currency,
        FinancialAid = "financial_aid" => financial_aid,
        Fees = "fees" => fees,
        Months = "months" => months,
        HoursPerWeek = "hours_per_week" => hours_per_week,
        CourseHoursPerWeek = "course_hours_per_week" => course_hours_per_week in rare,
        MaxCoursesPerTerm = "max_courses_per_term" => max_courses_per_term in rare,
        MaxMonths = "max_months" => max_months in rare,
        Credit = "credit" => credit,
        Status = "status" => status,
        Ends = "ends" => ends in rare,
        Partners = "partners" => partners in rare,
        Url = "url" => url,
        Verified = "verified" => verified,
        Notes = "notes" => notes in rare,
        Sources = "sources" => sources in rare,
    }
}

entry_keys! {
    /// The keys of an `[[institution]]` entry besides `id`.
    InstitutionKey for Institution from RawInstitution {
        Name = "name" => name,
        Short = "short" => short,
        Country = "country" => country,
        Url = "url" => url,
    }
}

/// The keys a new `[[program]]` must give.
const PROGRAM_REQUIRED: &[ProgramKey] = &[
    ProgramKey::Name,
    ProgramKey::Kind,
    ProgramKey::Institution,
    ProgramKey::Pacing,
    ProgramKey::Cost,
    ProgramKey::Months,
];

/// The keys a new `[[institution]]` must give.
const INSTITUTION_REQUIRED: &[InstitutionKey] = &[InstitutionKey::Name];

/// Which keys of an entry were given, one bit per key of its list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Given(u32);

impl Given {
    fn set(&mut self, i: usize) {
        self.0 |= 1 << i;
    }

    fn has(self, i: usize) -> bool {
        self.0 & (1 << i) != 0
    }

    /// The names of the keys that were given, in the format's order.
    pub fn names<T: Correctable>(self) -> Vec<&'static str> {
        T::Key::NAMES
            .iter()
            .enumerate()
            .filter(|(i, _)| self.has(*i))
            .map(|(_, k)| *k)
            .collect()
    }

    /// The names of the keys a new entry must give that were not given.
    pub fn missing<T: Correctable>(self) -> Vec<&'static str> {
        T::REQUIRED
            .iter()
            .map(|&k| T::index(k))
            .filter(|&i| !self.has(i))
            .map(|i| T::Key::NAMES[i])
            .collect()
    }
}

/// The key enum of an entry, as `entry_keys!` makes it.
pub trait KeyList: Copy + 'static {
    /// Every key's spelling, in the format's order.
    const NAMES: &'static [&'static str];
}

impl KeyList for ProgramKey {
    const NAMES: &'static [&'static str] = ProgramKey::NAMES;
}

impl KeyList for InstitutionKey {
    const NAMES: &'static [&'static str] = InstitutionKey::NAMES;
}

/// An entry a later source may correct.
pub trait Correctable: Sized {
    /// Its keys besides `id`.
    type Key: KeyList;
    /// The keys a new entry must give.
    const REQUIRED: &'static [Self::Key];
    /// The bit of `key` in a `Given`.
    fn index(key: Self::Key) -> usize;
    /// Takes from `newer` the keys it gives.
    fn correct(&mut self, newer: Self, given: Given);
}

impl Correctable for Program {
    type Key = ProgramKey;
    const REQUIRED: &'static [ProgramKey] = PROGRAM_REQUIRED;

    fn index(key: ProgramKey) -> usize {
        key as usize
    }

    fn correct(&mut self, mut newer: Program, given: Given) {
        // Fees merge key by key; an empty fee table clears them.
        if given.has(ProgramKey::Fees as usize) {
            newer.fees = match (self.fees.take(), newer.fees) {
                (_, Some(f)) if *f == Fees::default() => None,
                (Some(old), Some(f)) => Some(Box::new(Fees {
                    per_course: f.per_course.or(old.per_course),
                    per_credit: f.per_credit.or(old.per_credit),
                    per_term: f.per_term.or(old.per_term),
                    term_months: f.term_months.or(old.term_months),
                    one_off: f.one_off.or(old.one_off),
                })),
                (_, f) => f,
            };
        }
        // The correction's `verified` dates the groups whose keys it gives, and only those; a
        // group it gives without a date is undated (possibly stale), never dated by another.
        let date = newer
            .verified
            .filter(|_| given.has(ProgramKey::Verified as usize));
        let mut checks = self.checks();
        for &key in ProgramKey::ALL {
            if let (true, Some(figure)) = (given.has(key as usize), key.figure()) {
                checks[figure as usize] = Checked {
                    date,
                    source: newer.source as u32,
                };
            }
        }
        self.checked = Some(Box::new(checks));
        let source = newer.source;
        ProgramKey::take(self, newer, given);
        self.rare.tidy();
        self.source = source;
    }
}

impl ProgramKey {
    /// The group of figures a key belongs to, which a check dates together.
    pub fn figure(self) -> Option<Figure> {
        use ProgramKey as K;
        match self {
            K::Cost | K::Currency | K::FinancialAid | K::Fees => Some(Figure::Cost),
            K::Months
            | K::Courses
            | K::HoursPerWeek
            | K::CourseHoursPerWeek
            | K::MaxCoursesPerTerm
            | K::MaxMonths => Some(Figure::Months),
            K::Pacing => Some(Figure::Pacing),
            K::Credit | K::Credits => Some(Figure::Credit),
            _ => None,
        }
    }
}

impl Correctable for Institution {
    type Key = InstitutionKey;
    const REQUIRED: &'static [InstitutionKey] = INSTITUTION_REQUIRED;

    fn index(key: InstitutionKey) -> usize {
        key as usize
    }

    fn correct(&mut self, newer: Institution, given: Given) {
        let source = newer.source;
        InstitutionKey::take(self, newer, given);
        self.source = source;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(keys: &[InstitutionKey]) -> Given {
        let mut given = Given::default();
        for &k in keys {
            given.set(k as usize);
        }
        given
    }

    #[test]
    fn given_keys_are_named_and_missing_ones_found() {
        let given = given(&[InstitutionKey::Name, InstitutionKey::Country]);
        assert_eq!(given.names::<Institution>(), ["name", "country"]);
        assert!(given.missing::<Institution>().is_empty());
        let none = Given::default();
        assert_eq!(
            none.missing::<Program>(),
            ["name", "kind", "institution", "pacing", "cost", "months"]
        );
    }

    #[test]
    fn a_correction_takes_only_the_keys_it_gives() {
        let old = Institution {
            id: "u".into(),
            name: "Old".into(),
            short: Some("O".into()),
            country: Some("US".into()),
            url: None,
            source: 0,
        };
        let newer = Institution {
            name: String::new(),
            short: None,
            url: Some("https://u.example".into()),
            source: 1,
            ..old.clone()
        };
        let mut merged = old.clone();
        merged.correct(newer, given(&[InstitutionKey::Short, InstitutionKey::Url]));
        assert_eq!(merged.name, "Old");
        assert_eq!(merged.short, None, "an empty value clears the key");
        assert_eq!(merged.url.as_deref(), Some("https://u.example"));
        assert_eq!(merged.source, 1);
    }
}
