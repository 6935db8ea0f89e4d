//! The built-in catalogue as the binary carries it: loaded and checked when the binary is built
//! (`build.rs` runs this loader on `data/catalog.toml` and fails the build on any problem), then
//! written as bytes that read back into the same `Catalog` without parsing TOML again.
//!
//! The layout is this module's own and changes with it: both ends are built from this file at
//! once. Little-endian; a count or index is a `u32`, a number its `f64` bits, an `Option` or
//! enum a byte first, and text a place and a length in the text pool, which comes first: all
//! the catalogue's text, each once, checked as UTF-8 once. Bytes that do not read back whole
//! are refused (`None`), and the caller loads the TOML text instead.

use std::collections::{BTreeMap, HashMap};

use super::model::{
    Admission, Checked, Delivery, Fees, Grants, Institution, Kind, Pacing, Pathway, PathwayStatus, Program,
    Rare, RareBox, Status, Target, Text, Tuition,
};
use super::{Amount, Catalog, Corrected, Date, IdIndex, RateInfo, Reference};

/// What begins the bytes: a layout mark, so that bytes of another layout are refused.
const MAGIC: &[u8; 8] = b"mmcat\x00\x00\x02";

/// Writes `catalog` as bytes that `decode` reads back.
pub fn encode(catalog: &Catalog) -> Vec<u8> {
    let mut out = Writer::default();
    catalog.institutions.put(&mut out);
    catalog.programs.put(&mut out);
    catalog.rates.put(&mut out);
    catalog.rate_info.put(&mut out);
    catalog.as_of.put(&mut out);
    catalog.sources.put(&mut out);
    catalog.corrections.put(&mut out);
    catalog.references.put(&mut out);
    // In id order: the map's own order is random for each run.
    let mut corrected: Vec<(&String, &Vec<String>)> = catalog.corrected_by.iter().collect();
    corrected.sort();
    (corrected.len() as u32).put(&mut out);
    for (id, files) in corrected {
        id.put(&mut out);
        files.put(&mut out);
    }
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&(out.pool.len() as u32).to_le_bytes());
    bytes.extend_from_slice(out.pool.as_bytes());
    bytes.append(&mut out.bytes);
    bytes
}

/// Reads back what `encode` wrote, with the id lookups made again; `None` where the bytes are
/// not one whole catalogue of this layout. Catalogue text (`Text`) borrows from `bytes`.
pub fn decode(bytes: &'static [u8]) -> Option<Catalog> {
    let mut r = Reader {
        bytes: bytes.strip_prefix(MAGIC)?,
        pool: "",
    };
    let pool = r.count()?;
    r.pool = std::str::from_utf8(r.bytes(pool)?).ok()?;
    let institutions: Vec<Institution> = Pack::take(&mut r)?;
    let programs: Vec<Program> = Pack::take(&mut r)?;
    let mut catalog = Catalog {
        rates: Pack::take(&mut r)?,
        rate_info: Pack::take(&mut r)?,
        as_of: Pack::take(&mut r)?,
        sources: Pack::take(&mut r)?,
        corrections: Pack::take(&mut r)?,
        references: Pack::take(&mut r)?,
        ..Catalog::default()
    };
    let corrected = r.count()?;
    let mut corrected_by = HashMap::with_capacity(corrected);
    for _ in 0..corrected {
        let id: String = Pack::take(&mut r)?;
        corrected_by.insert(id, Pack::take(&mut r)?);
    }
    if !r.bytes.is_empty() {
        return None;
    }
    catalog.corrected_by = corrected_by;
    let index = |ids: &mut dyn Iterator<Item = Text>| -> IdIndex {
        let mut index =
            IdIndex::with_capacity_and_hasher(ids.size_hint().0, foldhash::fast::RandomState::default());
        for (at, id) in ids.enumerate() {
            index.insert(id, at);
        }
        index
    };
    // A program's id is held in place or borrowed from the bytes: the index's copy is as cheap.
    let institution_at = index(&mut institutions.iter().map(|i| Text::from(i.id.as_str())));
    let program_at = index(&mut programs.iter().map(|p| p.id.clone()));
    // Ids are unique in a loaded catalogue; bytes that repeat one are not such a catalogue.
    if institution_at.len() != institutions.len() || program_at.len() != programs.len() {
        return None;
    }
    catalog.institutions = institutions;
    catalog.programs = programs;
    catalog.set_index(institution_at, program_at);
    Some(catalog)
}

/// What `encode` writes: the records, and the text pool they point into (each text once).
#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
    pool: String,
    placed: std::collections::HashMap<String, u32>,
}

impl std::ops::Deref for Writer {
    type Target = Vec<u8>;
    fn deref(&self) -> &Vec<u8> {
        &self.bytes
    }
}

impl std::ops::DerefMut for Writer {
    fn deref_mut(&mut self) -> &mut Vec<u8> {
        &mut self.bytes
    }
}

/// The bytes not read yet, and the text pool: the binary's own, so that text read from them
/// is borrowed, not copied (`Text`).
struct Reader {
    bytes: &'static [u8],
    pool: &'static str,
}

impl Reader {
    fn bytes(&mut self, n: usize) -> Option<&'static [u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.bytes(1)?[0])
    }

    /// A count of items still to read: never more than the bytes left, so that a damaged count
    /// cannot ask for a huge allocation.
    fn count(&mut self) -> Option<usize> {
        let n = u32::take(self)? as usize;
        (n <= self.bytes.len()).then_some(n)
    }
}

/// A value written to and read back from the bytes.
trait Pack: Sized {
    fn put(&self, out: &mut Writer);
    fn take(r: &mut Reader) -> Option<Self>;
}

impl Pack for u32 {
    fn put(&self, out: &mut Writer) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some(u32::from_le_bytes(r.bytes(4)?.try_into().ok()?))
    }
}

impl Pack for i32 {
    fn put(&self, out: &mut Writer) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some(i32::from_le_bytes(r.bytes(4)?.try_into().ok()?))
    }
}

impl Pack for usize {
    fn put(&self, out: &mut Writer) {
        // Indexes of sources and counts of entries: far below 2^32 in any loadable catalogue.
        u32::try_from(*self).unwrap_or(u32::MAX).put(out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some(u32::take(r)? as usize)
    }
}

impl Pack for f64 {
    fn put(&self, out: &mut Writer) {
        out.extend_from_slice(&self.to_bits().to_le_bytes());
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some(f64::from_bits(u64::from_le_bytes(r.bytes(8)?.try_into().ok()?)))
    }
}

fn put_str(text: &str, out: &mut Writer) {
    let at = if let Some(&at) = out.placed.get(text) {
        at
    } else {
        let at = out.pool.len() as u32;
        out.pool.push_str(text);
        out.placed.insert(text.to_string(), at);
        at
    };
    at.put(out);
    text.len().put(out);
}

/// Text from the pool: its place and length must fall on its characters' bounds.
fn take_str(r: &mut Reader) -> Option<&'static str> {
    let at = u32::take(r)? as usize;
    let len = u32::take(r)? as usize;
    r.pool.get(at..at.checked_add(len)?)
}

impl Pack for String {
    fn put(&self, out: &mut Writer) {
        put_str(self, out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        take_str(r).map(str::to_owned)
    }
}

impl Pack for Text {
    fn put(&self, out: &mut Writer) {
        put_str(self, out);
    }
    /// Held in place where short, else pointing into the bytes: no allocation either way.
    fn take(r: &mut Reader) -> Option<Self> {
        take_str(r).map(Text::const_new)
    }
}

impl<T: Pack> Pack for Option<T> {
    fn put(&self, out: &mut Writer) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.put(out);
            }
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => Some(Some(T::take(r)?)),
            _ => None,
        }
    }
}

impl<T: Pack> Pack for Vec<T> {
    fn put(&self, out: &mut Writer) {
        self.len().put(out);
        for item in self {
            item.put(out);
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        let n = r.count()?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(T::take(r)?);
        }
        Some(items)
    }
}

impl<T: Pack> Pack for Box<T> {
    fn put(&self, out: &mut Writer) {
        (**self).put(out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        T::take(r).map(Box::new)
    }
}

impl<T: Pack + Copy> Pack for [T; 4] {
    fn put(&self, out: &mut Writer) {
        for item in self {
            item.put(out);
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some([T::take(r)?, T::take(r)?, T::take(r)?, T::take(r)?])
    }
}

impl<V: Pack> Pack for BTreeMap<String, V> {
    fn put(&self, out: &mut Writer) {
        self.len().put(out);
        for (key, value) in self {
            key.put(out);
            value.put(out);
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        let n = r.count()?;
        let mut map = BTreeMap::new();
        for _ in 0..n {
            let key = String::take(r)?;
            map.insert(key, V::take(r)?);
        }
        Some(map)
    }
}

/// The words of a closed set, by their place in `ALL`.
macro_rules! pack_named {
    ($($name:ident),+) => {$(
        impl Pack for $name {
            fn put(&self, out: &mut Writer) {
                out.push($name::ALL.iter().position(|v| v == self).unwrap_or(0) as u8);
            }
            fn take(r: &mut Reader) -> Option<Self> {
                $name::ALL.get(usize::from(r.byte()?)).copied()
            }
        }
    )+};
}

pack_named!(
    Kind,
    Delivery,
    Pacing,
    Admission,
    Grants,
    Tuition,
    PathwayStatus,
    Status
);

/// A struct, field by field in the order given: reading back names every field, so that a
/// field added to the struct and not here does not compile.
macro_rules! pack_struct {
    ($($name:ident { $($field:ident),+ $(,)? })+) => {$(
        impl Pack for $name {
            fn put(&self, out: &mut Writer) {
                $(self.$field.put(out);)+
            }
            fn take(r: &mut Reader) -> Option<Self> {
                Some($name { $($field: Pack::take(r)?),+ })
            }
        }
    )+};
}

pack_struct! {
    Date { year, month, day }
    Amount { min, max }
    Checked { date, source }
    Fees { per_course, per_credit, per_term, term_months, one_off }
    Institution { id, name, short, country, url, source }
    Pathway { target, grants, share, credits, of, unit, tuition, note, status, ends }
    Rare { course_hours_per_week, max_courses_per_term, max_months, ends, partners, notes, sources }
    Program {
        id, name, kind, institution, platform, delivery, pacing, subjects, courses, credits,
        admission, cost, currency, financial_aid, fees, months, hours_per_week, credit, status,
        url, verified, rare, source, checked,
    }
    RateInfo { as_of, source, file }
    Reference { key, title, url, date, about, file }
    Corrected { entries, rates, sources }
}

impl Pack for Target {
    fn put(&self, out: &mut Writer) {
        match self {
            Target::Program(id) => {
                out.push(0);
                id.put(out);
            }
            Target::Described { degree, at } => {
                out.push(1);
                degree.put(out);
                at.put(out);
            }
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        match r.byte()? {
            0 => Some(Target::Program(Pack::take(r)?)),
            1 => Some(Target::Described {
                degree: Pack::take(r)?,
                at: Pack::take(r)?,
            }),
            _ => None,
        }
    }
}

impl Pack for RareBox {
    fn put(&self, out: &mut Writer) {
        (**self).put(out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Rare::take(r).map(RareBox::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Source, load};

    /// Every field of two catalogues, the id lookups through them.
    fn assert_same(a: &Catalog, b: &Catalog) {
        assert_eq!(a.institutions, b.institutions);
        assert_eq!(a.programs, b.programs);
        assert_eq!(a.rates, b.rates);
        assert_eq!(a.rate_info, b.rate_info);
        assert_eq!(a.as_of, b.as_of);
        assert_eq!(a.sources, b.sources);
        assert_eq!(a.corrections, b.corrections);
        assert_eq!(a.references, b.references);
        assert_eq!(a.corrected_by, b.corrected_by);
        for (at, p) in a.programs.iter().enumerate() {
            assert_eq!(b.position(&p.id), Some(at), "{}", p.id);
        }
        for (at, i) in a.institutions.iter().enumerate() {
            assert_eq!(b.institution_position(&i.id), Some(at), "{}", i.id);
        }
        assert_eq!(b.position("no-such-program"), None);
    }

    /// Bytes that live as long as the binary's own do.
    fn leak(bytes: Vec<u8>) -> &'static [u8] {
        Box::leak(bytes.into_boxed_slice())
    }

    fn builtin() -> Catalog {
        let loaded = load(vec![Ok(Source::builtin())]);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        loaded.catalog
    }

    #[test]
    fn the_bytes_the_build_embedded_read_back_as_the_builtin_toml_loads() {
        let catalog = crate::embedded_catalog().expect("the embedded bytes read back");
        assert_same(&builtin(), &catalog);
        assert!(catalog.programs.len() > 40, "{}", catalog.programs.len());
    }

    #[test]
    fn a_catalogue_with_corrections_reads_back_whole() {
        let loaded = crate::catalog::load_sources(true, &["tests/fixtures/routes.toml".into()]);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let bytes = leak(encode(&loaded.catalog));
        assert_same(&loaded.catalog, &decode(bytes).expect("reads back"));
    }

    #[test]
    fn bytes_cut_short_damaged_or_of_another_layout_are_refused() {
        // A small catalogue with fees, pathways of each kind and sources: each try below keeps
        // its bytes for good (`leak`).
        let files = ["valid.toml", "pathways.toml", "money.toml"]
            .map(|f| std::path::PathBuf::from("tests/fixtures").join(f));
        let loaded = crate::catalog::load_sources(false, &files);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let bytes = encode(&loaded.catalog);
        assert_same(&loaded.catalog, &decode(leak(bytes.clone())).expect("reads back"));
        // Cut anywhere: never a whole catalogue.
        for cut in (0..bytes.len()).step_by(7) {
            assert!(decode(leak(bytes[..cut].to_vec())).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(leak(longer)).is_none());
        let mut other = bytes.clone();
        other[7] ^= 0xff;
        assert!(decode(leak(other)).is_none());
        // A count far beyond the bytes left is refused before anything is allocated for it.
        let mut huge = MAGIC.to_vec();
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode(leak(huge)).is_none());
        // Damaged bytes never panic: they read back as some catalogue or none.
        let mut damaged = bytes.clone();
        for at in (MAGIC.len()..bytes.len()).step_by(3) {
            damaged[at] ^= 0xa5;
            let _ = decode(leak(damaged.clone()));
            damaged[at] ^= 0xa5;
        }
    }
}
