//! Merging the entries of a source into those loaded before: a new id is added, an id an
//! earlier source defines is corrected key by key, an id seen earlier in the same source is a
//! duplicate.

use std::collections::hash_map::Entry;

use super::Replacement;
use super::check::{InstitutionPlace, Problem, ProblemKind, References};
use super::correct::{Correctable, Given};
use crate::catalog::IdIndex;
use crate::catalog::model::{Institution, Program, Text};

/// An entry merged by id across sources.
pub(super) trait Keyed: Correctable {
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
pub(super) trait Placed {
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
pub(super) struct Merge<'a> {
    pub(super) source: usize,
    pub(super) sources: &'a [String],
    pub(super) replaced: &'a mut Vec<Replacement>,
    pub(super) problems: &'a mut Vec<Problem>,
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
    pub(super) fn entries<T: Keyed, P: Placed>(
        &mut self,
        items: Vec<T>,
        places: Vec<P>,
        all: &mut Vec<T>,
        all_places: &mut Vec<P>,
        index: &mut IdIndex,
    ) {
        let mut next_at = all.len();
        let mut special: Vec<(usize, Special)> = Vec::new();
        for (i, (item, place)) in items.iter().zip(&places).enumerate() {
            match index.entry(Text::from(item.id())) {
                Entry::Occupied(slot) => special.push((i, Special::Existing(*slot.get()))),
                Entry::Vacant(_) if !place.given().missing::<T>().is_empty() => {
                    special.push((i, Special::Incomplete));
                }
                Entry::Vacant(slot) => {
                    slot.insert(next_at);
                    next_at += 1;
                }
            }
        }
        if special.is_empty() {
            // Moved in whole, unless room was made for them.
            if all.is_empty() && all.capacity() < items.len() {
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
                        keys: given.names::<T>(),
                        change: None,
                    });
                    all[at].correct(item, given);
                    all_places[at] = place;
                }
            }
        }
    }

    /// The problem of a new entry without every key a new entry must give.
    fn missing<T: Keyed>(&self, place: &impl Placed) -> Problem {
        let missing = place.given().missing::<T>();
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
    Problem::of(
        ProblemKind::Duplicate { first },
        at,
        format!("duplicate {what} id `{id}`"),
    )
}
