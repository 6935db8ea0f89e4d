//! Corrections: an entry whose id an earlier source defines replaces only the keys it gives.

use super::model::{Fees, Institution, Program};

/// The keys of a `[[program]]` entry, in the order the format lists them.
pub const PROGRAM_KEYS: [&str; 23] = [
    "name",
    "kind",
    "institution",
    "platform",
    "delivery",
    "pacing",
    "subjects",
    "courses",
    "credits",
    "admission",
    "cost",
    "currency",
    "financial_aid",
    "fees",
    "months",
    "hours_per_week",
    "credit",
    "status",
    "ends",
    "partners",
    "url",
    "verified",
    "notes",
];

/// The keys a new `[[program]]` must give.
pub const PROGRAM_REQUIRED: [&str; 6] = ["name", "kind", "institution", "pacing", "cost", "months"];

/// The keys of an `[[institution]]` entry besides `id`.
pub const INSTITUTION_KEYS: [&str; 4] = ["name", "short", "country", "url"];

/// The keys a new `[[institution]]` must give.
pub const INSTITUTION_REQUIRED: [&str; 1] = ["name"];

/// Which keys of an entry were given, one bit per key of its list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Given(u32);

impl Given {
    /// The keys of `keys` whose flag is set, in order: `flags[i]` says whether `keys[i]` was given.
    pub fn from_flags(flags: &[bool]) -> Self {
        Given(
            flags
                .iter()
                .enumerate()
                .filter(|(_, set)| **set)
                .fold(0, |bits, (i, _)| bits | 1 << i),
        )
    }

    fn has(self, i: usize) -> bool {
        self.0 & (1 << i) != 0
    }

    /// The names in `keys` that were given.
    pub fn names(self, keys: &[&'static str]) -> Vec<&'static str> {
        keys.iter()
            .enumerate()
            .filter(|(i, _)| self.has(*i))
            .map(|(_, k)| *k)
            .collect()
    }

    /// The names in `required` that were not given, by `keys`' numbering.
    pub fn missing(self, keys: &[&'static str], required: &[&'static str]) -> Vec<&'static str> {
        required
            .iter()
            .filter(|r| !keys.iter().position(|k| k == *r).is_some_and(|i| self.has(i)))
            .copied()
            .collect()
    }
}

/// An entry a later source may correct.
pub trait Correctable: Sized {
    /// Every key of the entry besides `id`.
    const KEYS: &'static [&'static str];
    /// The keys a new entry must give.
    const REQUIRED: &'static [&'static str];
    /// Takes from `newer` the keys it gives.
    fn correct(&mut self, newer: Self, given: Given);
}

/// Moves each field whose key is given from `$newer` into `$old`, by index in the key list.
macro_rules! take_given {
    ($old:ident, $newer:ident, $given:ident; $($i:literal => $field:ident),+ $(,)?) => {
        $(if $given.has($i) { $old.$field = $newer.$field; })+
    };
}

impl Correctable for Program {
    const KEYS: &'static [&'static str] = &PROGRAM_KEYS;
    const REQUIRED: &'static [&'static str] = &PROGRAM_REQUIRED;

    fn correct(&mut self, mut newer: Program, given: Given) {
        // Fees merge key by key; an empty fee table clears them.
        if given.has(13) {
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
        take_given!(self, newer, given;
            0 => name, 1 => kind, 2 => institution, 3 => platform, 4 => delivery, 5 => pacing,
            6 => subjects, 7 => courses, 8 => credits, 9 => admission, 10 => cost, 11 => currency,
            12 => financial_aid, 13 => fees, 14 => months, 15 => hours_per_week, 16 => credit,
            17 => status, 18 => ends, 19 => partners, 20 => url, 21 => verified, 22 => notes,
        );
        self.source = newer.source;
    }
}

impl Correctable for Institution {
    const KEYS: &'static [&'static str] = &INSTITUTION_KEYS;
    const REQUIRED: &'static [&'static str] = &INSTITUTION_REQUIRED;

    fn correct(&mut self, newer: Institution, given: Given) {
        take_given!(self, newer, given; 0 => name, 1 => short, 2 => country, 3 => url);
        self.source = newer.source;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_keys_are_named_and_missing_ones_found() {
        let given = Given::from_flags(&[true, false, true, false]);
        assert_eq!(given.names(&INSTITUTION_KEYS), ["name", "country"]);
        assert!(given.missing(&INSTITUTION_KEYS, &INSTITUTION_REQUIRED).is_empty());
        let none = Given::default();
        assert_eq!(none.missing(&PROGRAM_KEYS, &PROGRAM_REQUIRED), PROGRAM_REQUIRED);
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
        merged.correct(newer, Given::from_flags(&[false, true, false, true]));
        assert_eq!(merged.name, "Old");
        assert_eq!(merged.short, None, "an empty value clears the key");
        assert_eq!(merged.url.as_deref(), Some("https://u.example"));
        assert_eq!(merged.source, 1);
    }
}
