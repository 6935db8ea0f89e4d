//! JSON: one document on stdout, an array of records or one object.

use std::io::{self, Write};

use serde::Serialize;

/// Writes `records` as pretty JSON, one at a time as they come: an array, or (with `single`)
/// the first record alone. The output is what `serde_json` prints for the whole array, without
/// holding it.
pub fn write<R: Serialize>(
    records: impl Iterator<Item = R>,
    single: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut records = records.peekable();
    if single && let Some(record) = records.next() {
        let text = serde_json::to_string_pretty(&record).map_err(io::Error::from)?;
        return writeln!(out, "{}", escape_unsafe(&text));
    }
    if records.peek().is_none() {
        return writeln!(out, "[]");
    }
    out.write_all(b"[\n")?;
    let mut first = true;
    for record in records {
        if !first {
            out.write_all(b",\n")?;
        }
        first = false;
        let text = serde_json::to_string_pretty(&record).map_err(io::Error::from)?;
        for (i, line) in escape_unsafe(&text).lines().enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            write!(out, "  {line}")?;
        }
    }
    out.write_all(b"\n]\n")
}

/// serde_json escapes C0 controls but not DEL, the C1 controls or bidirectional controls; they
/// can only stand inside strings, where a `\uXXXX` escape means the same.
pub fn escape_unsafe(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.chars().any(super::text::is_unsafe) {
        return json.into();
    }
    json.chars()
        .map(|c| {
            if super::text::is_unsafe(c) {
                format!("\\u{:04x}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn records_stream_as_the_array_serde_json_would_print() {
        let records = vec![
            serde_json::json!({"a": 1, "b": [1, 2]}),
            serde_json::json!({"a": {"c": null}}),
        ];
        let mut out = Vec::new();
        super::write(records.iter(), false, &mut out).unwrap();
        let whole = serde_json::to_string_pretty(&records).unwrap() + "\n";
        assert_eq!(String::from_utf8(out).unwrap(), whole);
        let mut empty = Vec::new();
        super::write(std::iter::empty::<serde_json::Value>(), false, &mut empty).unwrap();
        assert_eq!(empty, b"[]\n");
    }

    #[test]
    fn del_c1_and_bidi_controls_are_escaped_and_mean_the_same() {
        let json = serde_json::to_string(&"a\u{7f}b\u{9b}c\u{202e}d\u{1b}").unwrap();
        let safe = super::escape_unsafe(&json);
        assert_eq!(safe, r#""a\u007fb\u009bc\u202ed\u001b""#);
        assert_eq!(
            serde_json::from_str::<String>(&safe).unwrap(),
            "a\u{7f}b\u{9b}c\u{202e}d\u{1b}"
        );
    }
}
