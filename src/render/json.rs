//! JSON: one document on stdout, an array of records or one object.

use std::io::{self, Write};

use super::Document;

/// Writes the records as pretty JSON.
pub fn write(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    let result = match (document.single, document.records.first()) {
        (true, Some(record)) => serde_json::to_writer_pretty(&mut *out, record),
        _ => serde_json::to_writer_pretty(&mut *out, &document.records),
    };
    result.map_err(io::Error::from)?;
    writeln!(out)
}
