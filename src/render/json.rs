//! JSON: one document on stdout, an array of records or one object.

use std::io::{self, Write};

use serde::Serialize;

use super::batches;

/// Writes the records of `items` (`record` makes each) as pretty JSON, in batches as they
/// come (see `batches`: records are made and written on every core): an array, or
/// (with `single`) the first record alone. The output is what `serde_json` prints for the whole
/// array, without holding more than a few batches.
pub fn write<T: Send, R: Serialize>(
    items: impl Iterator<Item = T>,
    record: impl Fn(&T) -> R + Sync,
    single: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut items = items.peekable();
    if single && let Some(item) = items.next() {
        let mut buffer = Vec::with_capacity(1024);
        serde_json::to_writer_pretty(&mut buffer, &record(&item)).map_err(io::Error::from)?;
        write_safe(&buffer, out)?;
        return out.write_all(b"\n");
    }
    if items.peek().is_none() {
        return out.write_all(b"[]\n");
    }
    out.write_all(b"[\n")?;
    batches::write(
        items,
        out,
        || (),
        |(), start, batch, bytes| {
            for (i, item) in batch.iter().enumerate() {
                // An element of the array: serde_json's pretty layout one level in, written in
                // place after what the batch holds, its controls escaped where it has any.
                let from = bytes.len();
                bytes.extend_from_slice(if start + i == 0 { b"  " } else { b",\n  " });
                let mut serializer = serde_json::Serializer::with_formatter(&mut *bytes, InArray::default());
                record(item).serialize(&mut serializer).map_err(io::Error::from)?;
                make_safe_from(bytes, from)?;
            }
            Ok(())
        },
    )?;
    out.write_all(b"\n]\n")
}

/// serde_json's pretty layout (two spaces a level) for a record that stands in an array, one
/// level in: what `to_writer_pretty` prints for it with two more spaces after every newline,
/// each newline and its spaces written at once.
struct InArray {
    level: usize,
    has_value: bool,
}

impl Default for InArray {
    fn default() -> Self {
        InArray {
            level: 1,
            has_value: false,
        }
    }
}

impl InArray {
    /// A comma (`comma`), a newline and the spaces of `level`.
    fn line<W: ?Sized + Write>(writer: &mut W, comma: bool, level: usize) -> io::Result<()> {
        const ROOM: &[u8] = b",\n                                                                ";
        let (start, spaces) = (usize::from(!comma), 2 * level);
        if let Some(line) = ROOM.get(start..2 + spaces) {
            return writer.write_all(line);
        }
        writer.write_all(&ROOM[start..2])?;
        for _ in 0..level {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    /// An array or object opens (`bracket`): one level further in.
    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// An array or object closes (`bracket`), on a line of its own where it holds anything.
    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            InArray::line(writer, false, self.level)?;
        }
        writer.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for InArray {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        InArray::line(writer, !first, self.level)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        InArray::line(writer, !first, self.level)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes the records of `items` as JSON Lines: one compact record a line, in batches (the
/// records of `--format json`'s array; a single object is one line).
pub fn write_lines<T: Send, R: Serialize>(
    items: impl Iterator<Item = T>,
    record: impl Fn(&T) -> R + Sync,
    out: &mut dyn Write,
) -> io::Result<()> {
    batches::write(
        items,
        out,
        || (),
        |(), _, batch, bytes| {
            for item in batch {
                // Written in place after what the batch holds, its controls escaped where it has any.
                let from = bytes.len();
                serde_json::to_writer(&mut *bytes, &record(item)).map_err(io::Error::from)?;
                bytes.push(b'\n');
                make_safe_from(bytes, from)?;
            }
            Ok(())
        },
    )
}

/// Writes JSON text with DEL, C1 and bidirectional controls (which serde_json leaves raw inside
/// strings) as `\u` escapes; most text holds none and is written as it is.
fn write_safe(json: &[u8], out: &mut dyn Write) -> io::Result<()> {
    if may_be_unsafe(json) {
        write_escaped(json, out)
    } else {
        out.write_all(json)
    }
}

/// What `bytes` holds from `from` on made safe as `write_safe` writes it, in place.
fn make_safe_from(bytes: &mut Vec<u8>, from: usize) -> io::Result<()> {
    if may_be_unsafe(&bytes[from..]) {
        let written = bytes.split_off(from);
        write_escaped(&written, bytes)?;
    }
    Ok(())
}

/// Whether JSON text may hold a control `write_safe` escapes: a byte that starts DEL, a C1
/// control or a bidirectional control.
fn may_be_unsafe(json: &[u8]) -> bool {
    memchr::memchr3(0x7F, 0xC2, 0xE2, json).is_some()
}

/// `json` written with its unsafe controls escaped (see `escape_unsafe`).
fn write_escaped(json: &[u8], out: &mut dyn Write) -> io::Result<()> {
    match std::str::from_utf8(json) {
        Ok(text) => out.write_all(escape_unsafe(text).as_bytes()),
        Err(_) => out.write_all(json),
    }
}

/// serde_json escapes C0 controls but not DEL, the C1 controls or bidirectional controls; they
/// can only stand inside strings, where a `\uXXXX` escape means the same.
pub fn escape_unsafe(json: &str) -> std::borrow::Cow<'_, str> {
    if !super::text::has_unsafe(json) {
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
        // Nested objects and arrays, empty ones, and nesting deeper than one write of spaces.
        let mut deep = serde_json::json!({"end": [1]});
        for i in 0..40 {
            deep = if i % 2 == 0 {
                serde_json::json!([deep, {}])
            } else {
                serde_json::json!({"in": deep, "e": []})
            };
        }
        let records = vec![
            serde_json::json!({"a": 1, "b": [1, 2]}),
            serde_json::json!({"a": {"c": null}, "d": [], "e": {}, "f": [{"g": [[]]}, "h\ni"]}),
            serde_json::json!([]),
            serde_json::json!("text"),
            deep,
        ];
        let mut out = Vec::new();
        super::write(records.iter(), |r| *r, false, &mut out).unwrap();
        let whole = serde_json::to_string_pretty(&records).unwrap() + "\n";
        assert_eq!(String::from_utf8(out).unwrap(), whole);
        let mut empty = Vec::new();
        super::write(
            std::iter::empty::<serde_json::Value>(),
            Clone::clone,
            false,
            &mut empty,
        )
        .unwrap();
        assert_eq!(empty, b"[]\n");
        // Batches on every core (see `batches`), in order, controls escaped in each.
        let many: Vec<serde_json::Value> = (0..3 * super::batches::BATCH + 7)
            .map(|i| serde_json::json!({"i": i, "name": format!("n\u{202e}{i}")}))
            .collect();
        let mut out = Vec::new();
        super::write(many.iter(), |r| *r, false, &mut out).unwrap();
        let whole = serde_json::to_string_pretty(&many).unwrap() + "\n";
        assert_eq!(String::from_utf8(out).unwrap(), super::escape_unsafe(&whole));
        let mut lines = Vec::new();
        super::write_lines(many.iter(), |r| *r, &mut lines).unwrap();
        let each: String = many
            .iter()
            .map(|r| serde_json::to_string(r).unwrap() + "\n")
            .collect::<Vec<_>>()
            .concat();
        assert_eq!(String::from_utf8(lines).unwrap(), super::escape_unsafe(&each));
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
