//! JSON: one document on stdout, an array of records or one object.

use std::io::{self, Write};

use super::Document;

/// Writes the records as pretty JSON.
pub fn write(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    let result = match (document.single, document.records.first()) {
        (true, Some(record)) => serde_json::to_string_pretty(record),
        _ => serde_json::to_string_pretty(&document.records),
    };
    let text = result.map_err(io::Error::from)?;
    writeln!(out, "{}", escape_unsafe(&text))
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
