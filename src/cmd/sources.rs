//! `sources`: the sources the catalogue's figures come from, as `[[source]]` tables give them.

use std::io::Write;

use super::{Context, count};
use crate::catalog::{Catalog, Reference};
use crate::render::{self, Column, Entry, Grid, Report, Row};
use anyhow::Result;

/// Prints every source, in load order, with how many programs cite it.
pub fn run(catalog: &Catalog, ctx: &Context, out: &mut dyn Write, _err: &mut dyn Write) -> Result<()> {
    let mut layout = Grid::new([
        Column::word("Key"),
        Column::text("Source"),
        Column::word("Date"),
        Column::figure("Cited by"),
    ]);
    layout.footer = vec![format!(
        "{}; cited by a program as `[KEY]` in its notes or in its `sources`",
        count(catalog.references.len(), "source")
    )];
    let mut page = ctx.page(catalog, "sources");
    page.heading = "The sources the catalogue cites".into();
    let entries = catalog
        .references
        .iter()
        .map(|reference| Listed { reference, catalog });
    let report = Report::new(entries, layout, page);
    render::report(report, ctx.format, ctx.style, out)?;
    Ok(())
}

/// One source and the catalogue that cites it.
struct Listed<'a> {
    reference: &'a Reference,
    catalog: &'a Catalog,
}

impl Listed<'_> {
    fn cited_by(&self) -> usize {
        let key = self.reference.key.as_str();
        self.catalog
            .programs
            .iter()
            .filter(|p| p.cited().contains(&key))
            .count()
    }
}

/// What `sources` prints for one source.
#[derive(Default, serde::Serialize)]
pub struct SourceRecord<'a> {
    key: &'a str,
    title: &'a str,
    url: Option<&'a str>,
    date: Option<String>,
    about: Option<&'a str>,
    /// How many programs cite it.
    cited_by: usize,
    /// The loaded file that gave it.
    file: &'a str,
}

impl<'a> Entry for Listed<'a> {
    type Record = SourceRecord<'a>;

    fn record(&self) -> SourceRecord<'a> {
        let r = self.reference;
        SourceRecord {
            key: &r.key,
            title: &r.title,
            url: r.url.as_deref(),
            date: r.date.map(|d| d.to_string()),
            about: r.about.as_deref(),
            cited_by: self.cited_by(),
            file: self.catalog.sources.get(r.file).map_or("", String::as_str),
        }
    }

    fn rows(&self, rows: &mut Vec<Row>) {
        let r = self.reference;
        let mut text = r.title.clone();
        if let Some(url) = &r.url {
            text.push_str(&format!("\n{url}"));
        }
        if let Some(about) = &r.about {
            text.push_str(&format!("\n{about}"));
        }
        rows.push(Row {
            cells: vec![
                r.key.clone(),
                text,
                r.date.map_or_else(|| "undated".to_string(), |d| d.to_string()),
                self.cited_by().to_string(),
            ],
            ..Row::default()
        });
    }
}
