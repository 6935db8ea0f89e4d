//! `list`: programs grouped by institution, institutions by name, programs by name.

use std::io::Write;

use anyhow::Result;

use super::{CREDIT_LEGEND, Context, ProgramRecord, cost_cell, count, months_cell, provenance, with_removed};
use crate::catalog::{Catalog, Program, Status};
use crate::filter::{self, Filter};
use crate::rank::OrderKey;
use crate::render::{self, Align, Column, Entry, Grid, Report, Row, Wrap, text};

/// Lists the programs that pass `filter`: grouped by institution, or in the `order` asked
/// for; the first `limit` only, where one is given.
pub fn run(
    filter: &Filter,
    order: Option<&[OrderKey]>,
    limit: Option<usize>,
    catalog: &Catalog,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    super::degrees_named(catalog, &filter.toward)?;
    super::note_unmatched(catalog, &filter.universities, err);
    let selection = filter::select(catalog, &[], filter, &ctx.money);
    // Institutions by name as a reader files them ("The University of Queensland" under U),
    // then id, once each; then each program by its institution's place, its name and its id.
    let mut schools: Vec<(String, &str, usize)> = catalog
        .institutions
        .iter()
        .enumerate()
        .map(|(at, i)| (filing_name(&i.name), i.id.as_str(), at))
        .collect();
    schools.sort_unstable();
    // Each institution's place in that order, by where it stands in the catalogue.
    let mut place = vec![usize::MAX; catalog.institutions.len()];
    for (filed, &(_, _, at)) in schools.iter().enumerate() {
        place[at] = filed;
    }
    let mut programs: Vec<&Program> = selection.programs.clone();
    sort_by_cached_key(&mut programs, |p| {
        let school = catalog
            .institution_position(&p.institution)
            .map_or(usize::MAX, |at| place[at]);
        // `str`'s lowercasing: the same mapping as `CompactString`'s, at a third of the cost.
        (school, p.name.as_str().to_lowercase(), p.id.as_str())
    });
    if let Some(keys) = order {
        crate::rank::order_programs(&mut programs, keys, &ctx.money);
    }
    let matched = programs.len();
    programs.truncate(limit.unwrap_or(usize::MAX));

    let mut layout = Grid::new([
        Column::text("Program"),
        Column::word("Kind"),
        Column::new("Pacing", Align::Left, Wrap::Hyphens),
        Column::figure("Cost"),
        Column::figure("Months"),
        Column::figure("Credit"),
    ]);
    let institutions = programs
        .iter()
        .map(|p| p.institution.as_str())
        .collect::<std::collections::HashSet<_>>()
        .len();
    let shown = if programs.len() < matched {
        format!("{} of {}", programs.len(), count(matched, "program"))
    } else {
        count(programs.len(), "program")
    };
    let first = format!("{shown} from {}", count(institutions, "institution"));
    layout.footer = vec![
        with_removed(first, selection.removed),
        provenance(catalog, ctx, programs.iter().copied()),
        CREDIT_LEGEND.to_string(),
    ];
    if programs.is_empty() {
        let _ = writeln!(err, "note: {}", super::empty_note(selection.removed));
    }
    let mut page = ctx.page_citing(catalog, "list", programs.iter().copied());
    page.heading = "Programs by university".into();
    // Grouped by institution unless another order was asked for: then each row names its own.
    let grouped = order.is_none();
    let entries = programs.iter().enumerate().map(|(i, program)| Listing {
        program,
        opens_group: grouped && (i == 0 || programs[i - 1].institution != program.institution),
        school: (!grouped).then(|| {
            catalog
                .institution(&program.institution)
                .map_or(program.institution.as_str(), |i| i.label())
        }),
        catalog,
        ctx,
    });
    let report = Report::new(entries, layout, page);
    render::report(report, ctx.format, ctx.style, out)?;
    Ok(())
}

/// One program as `list` reports it, and whether it opens its institution's group.
struct Listing<'a> {
    program: &'a Program,
    opens_group: bool,
    /// Its institution's short name, where rows are not grouped under institutions.
    school: Option<&'a str>,
    catalog: &'a Catalog,
    ctx: &'a Context,
}

impl<'a> Entry for Listing<'a> {
    type Record = ProgramRecord<'a>;

    fn record(&self) -> ProgramRecord<'a> {
        ProgramRecord::new(self.program, self.catalog, self.ctx)
    }

    fn rows(&self, rows: &mut Vec<Row>) {
        let p = self.program;
        if self.opens_group {
            let heading = self
                .catalog
                .institution(&p.institution)
                .map_or(p.institution.to_string(), |i| match &i.short {
                    Some(short) => format!("{short} — {}", i.name),
                    None => i.name.clone(),
                });
            let mut cells = vec![heading];
            cells.resize(6, String::new());
            rows.push(Row {
                cells,
                ..Row::default()
            });
        }
        // Retired rows say so in words, not only in a colour some never see.
        let retired = p.retired_mark();
        rows.push(Row {
            cells: vec![
                match self.school {
                    Some(school) => format!("• {}{retired}\n  {school} · {}", p.name, p.id),
                    None => format!("• {}{retired}\n  {}", p.name, p.id),
                },
                p.kind.to_string(),
                p.pacing.to_string(),
                cost_cell(p, self.ctx),
                months_cell(p, self.ctx),
                text::credit(p.credit_summary()),
            ],
            dim: p.status == Status::Retired,
            note: None,
        });
    }
}

/// Sorts `items` as `slice::sort_by_cached_key` does (stable, each key made once). A long
/// list has its keys made and sorted in two halves at once, which are then merged.
fn sort_by_cached_key<T: Copy + Send + Sync, K: Ord + Send>(items: &mut [T], key: impl Fn(&T) -> K + Sync) {
    // Each key with where its item stands: the pairs are all different, so sorting them
    // unstably leaves equal keys in their order.
    let sorted = |from: usize, to: usize| {
        let mut keyed: Vec<(K, usize)> = (from..to).map(|i| (key(&items[i]), i)).collect();
        keyed.sort_unstable();
        keyed
    };
    let order: Vec<usize> = if items.len() >= PARALLEL_SORT_FROM && crate::cores() > 1 {
        let (middle, end) = (items.len() / 2, items.len());
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| sorted(middle, end));
            let first = sorted(0, middle);
            // A half whose thread failed is sorted again here.
            (first, second.join().unwrap_or_else(|_| sorted(middle, end)))
        });
        let (mut first, mut second) = (first.into_iter().peekable(), second.into_iter().peekable());
        let mut order = Vec::with_capacity(items.len());
        loop {
            let next = match (first.peek(), second.peek()) {
                (Some(a), Some(b)) if b < a => second.next(),
                (Some(_), _) => first.next(),
                (None, _) => second.next(),
            };
            let Some((_, at)) = next else { break };
            order.push(at);
        }
        order
    } else {
        sorted(0, items.len()).into_iter().map(|(_, at)| at).collect()
    };
    let before = items.to_vec();
    for (item, at) in items.iter_mut().zip(order) {
        *item = before[at];
    }
}

/// Lists this long are sorted on two cores (see `sort_by_cached_key`).
const PARALLEL_SORT_FROM: usize = 8192;

/// A name as a reader files it: lowercase, without a leading article ("The", "La", "Le").
fn filing_name(name: &str) -> String {
    let lower = name.to_lowercase();
    for article in ["the ", "la ", "le ", "les ", "el "] {
        if let Some(rest) = lower.strip_prefix(article) {
            return rest.to_string();
        }
    }
    lower
}

#[cfg(test)]
mod tests {
    use super::{PARALLEL_SORT_FROM, filing_name, sort_by_cached_key};
    use proptest::prelude::*;

    proptest! {
        // Long lists, so fewer of them than the default.
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn a_long_list_sorts_as_the_standard_sort_does(
            items in proptest::collection::vec((0u8..8, 0u16..4000), 0..3 * PARALLEL_SORT_FROM),
        ) {
            // Few keys, many ties: the order of equal keys shows.
            let mut ours: Vec<(u8, u16)> = items.clone();
            let mut standard = items;
            sort_by_cached_key(&mut ours, |&(key, _)| key);
            standard.sort_by_cached_key(|&(key, _)| key);
            prop_assert_eq!(ours, standard);
        }
    }

    #[test]
    fn names_are_filed_without_a_leading_article() {
        assert_eq!(
            filing_name("The University of Queensland"),
            "university of queensland"
        );
        assert!(filing_name("The University of Queensland") > filing_name("University of Adelaide"));
        assert_eq!(filing_name("Theory Institute"), "theory institute");
    }
}
