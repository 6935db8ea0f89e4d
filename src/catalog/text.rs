//! What a catalogue's strings may hold: no control characters (but tab and newline) and no
//! bidirectional overrides or isolates, written raw or as escapes; at most `MAX_STRING` bytes.

/// The longest string, in bytes, a catalogue may hold (ids have their own, smaller limit).
pub const MAX_STRING: usize = 4096;

/// The longest id.
pub const MAX_ID: usize = 64;

/// A string problem at a byte offset of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flaw {
    /// A forbidden character, raw or escaped, at its offset.
    Forbidden(usize, char),
    /// A string longer than `MAX_STRING` bytes, at its opening quote.
    TooLong(usize, usize),
    /// Brackets nested too deep, or a header too long to be one, at the offending bracket.
    TooDeep(usize),
    /// A one-line string that its line does not close, at its opening quote.
    Unclosed(usize),
    /// A tab or newline (raw or escaped) in a string other than `notes`, at the first one.
    Layout(usize, char),
}

/// Whether `c` may not appear in a catalogue string: C0 controls but tab and newline, DEL and
/// the C1 controls, and the bidirectional overrides and isolates.
pub fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The keys whose strings may hold a tab or a newline: free text, shown in full.
const FREE_TEXT_KEYS: &[&[u8]] = &[b"notes", b"note"];

/// The key a string literal at `start` is the value of, where it stands just before it on the
/// same line (`notes = "..."`, `{ note = "..." }`); `None` for an element of an array.
fn key_before(bytes: &[u8], start: usize) -> Option<&[u8]> {
    let mut i = start;
    let skip_blank = |i: &mut usize| {
        while *i > 0 && matches!(bytes[*i - 1], b' ' | b'\t') {
            *i -= 1;
        }
    };
    skip_blank(&mut i);
    if i == 0 || bytes[i - 1] != b'=' {
        return None;
    }
    i -= 1;
    skip_blank(&mut i);
    let end = i;
    while i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'_' | b'-')) {
        i -= 1;
    }
    (i < end).then(|| &bytes[i..end])
}

/// Checks the string literal `bytes[start..end]` (quotes included); `basic` strings may hold
/// escapes. Its length is counted as the text it stands for (an escape `\u00e9` is the two
/// bytes of `é`). A tab or newline, raw or escaped, is allowed only in `notes` (`Flaw::Layout`).
/// Most strings hold neither a backslash, a tab, a newline nor a byte that starts a forbidden
/// character, and cost one `memchr3` and one `memchr2`.
pub fn scan_string(bytes: &[u8], start: usize, end: usize, basic: bool, flaws: &mut Vec<Flaw>) {
    let end = end.min(bytes.len());
    let body = &bytes[start..end];
    let quotes = if body.starts_with(b"\"\"\"") || body.starts_with(b"'''") {
        3
    } else {
        1
    };
    let inner = body.len().saturating_sub(2 * quotes);
    let plain = memchr::memchr3(b'\\', 0xC2, 0xE2, body).is_none();
    let (lo, hi) = (quotes.min(body.len()), body.len().saturating_sub(quotes));
    let layout = memchr::memchr2(b'\t', b'\n', &body[lo..hi.max(lo)]).is_some();
    if plain && !layout {
        if inner > MAX_STRING {
            flaws.push(Flaw::TooLong(start, inner));
        }
        return;
    }
    let free_text = key_before(bytes, start).is_some_and(|k| FREE_TEXT_KEYS.contains(&k));
    let mut layout_at = None;
    // Bytes the literal spends on escapes beyond the text they stand for.
    let mut saved = 0;
    let mut i = lo;
    let stop = hi.max(lo);
    while i < stop {
        let at = start + i;
        match body[i] {
            b'\\' if basic => {
                let (decoded, len) = escape(&body[i..]);
                match decoded {
                    Some(c) if is_forbidden(c) => flaws.push(Flaw::Forbidden(at, c)),
                    Some(c @ ('\t' | '\n')) if !free_text => {
                        layout_at.get_or_insert((at, c));
                    }
                    _ => {}
                }
                // A backslash at a line's end joins the lines: it and the blanks after it
                // stand for nothing.
                let skipped = if matches!(body.get(i + 1), Some(b'\n' | b'\r' | b' ' | b'\t')) && quotes == 3
                {
                    let mut j = i + 1;
                    while j < stop && matches!(body[j], b'\n' | b'\r' | b' ' | b'\t') {
                        j += 1;
                    }
                    j - i
                } else {
                    0
                };
                if skipped > 0 {
                    saved += skipped;
                    i += skipped;
                } else {
                    saved += len - decoded.map_or(1, char::len_utf8);
                    i += len;
                }
            }
            b'\t' | b'\n' if !free_text => {
                // A newline right after the opening quotes of a multi-line string is dropped.
                let trimmed = quotes == 3 && body[i] == b'\n' && i == quotes;
                if !trimmed {
                    layout_at.get_or_insert((at, body[i] as char));
                }
                i += 1;
            }
            0xC2 | 0xE2 => {
                let width = if body[i] == 0xC2 { 2 } else { 3 };
                let c = body
                    .get(i..i + width)
                    .and_then(|s| std::str::from_utf8(s).ok())
                    .and_then(|s| s.chars().next());
                if let Some(c) = c.filter(|&c| is_forbidden(c)) {
                    flaws.push(Flaw::Forbidden(at, c));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    if let Some((at, c)) = layout_at {
        flaws.push(Flaw::Layout(at, c));
    }
    let decoded = inner.saturating_sub(saved);
    if decoded > MAX_STRING {
        flaws.push(Flaw::TooLong(start, decoded));
    }
}

/// The character an escape sequence (starting at a backslash) stands for, and its length.
fn escape(s: &[u8]) -> (Option<char>, usize) {
    let hex = |digits: &[u8]| {
        std::str::from_utf8(digits)
            .ok()
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .and_then(char::from_u32)
    };
    match s.get(1) {
        Some(b'u') if s.len() >= 6 => (hex(&s[2..6]), 6),
        Some(b'U') if s.len() >= 10 => (hex(&s[2..10]), 10),
        Some(b'x') if s.len() >= 4 => (hex(&s[2..4]), 4),
        Some(b'b') => (Some('\u{8}'), 2),
        Some(b'f') => (Some('\u{c}'), 2),
        Some(b'r') => (Some('\r'), 2),
        Some(b'e') => (Some('\u{1b}'), 2),
        Some(b't') => (Some('\t'), 2),
        Some(b'n') => (Some('\n'), 2),
        _ => (None, 2),
    }
}

/// Whether `b` is printable ASCII (`0x20..0x7f`): a character of its own, one column wide.
pub const fn is_printable_ascii(b: u8) -> bool {
    matches!(b, 0x20..=0x7e)
}

/// How many of `bytes` come before the first that is not printable ASCII (`0x20..0x7f`): most
/// of any catalogue's text, measured eight bytes at a time.
pub fn printable_ascii(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A byte of 0x80 or more, below 0x20, or DEL: each test may also flag a byte above the
        // one that has it, never miss one, and the bytes of this word are looked at one by one.
        let del = x ^ (ONES * 0x7f);
        let flagged = x | (x.wrapping_sub(ONES * 0x20) & !x) | (del.wrapping_sub(ONES) & !del);
        if flagged & HIGH != 0 {
            break;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|&b| !is_printable_ascii(b))
        .unwrap_or(bytes.len() - at)
}

/// Whether `text` holds a character `plain` escapes; printable ASCII is skipped in runs.
pub fn has_unsafe(text: &str) -> bool {
    let mut at = 0;
    loop {
        at += printable_ascii(&text.as_bytes()[at..]);
        let Some(c) = text[at..].chars().next() else {
            return false;
        };
        if is_unsafe(c) {
            return true;
        }
        at += c.len_utf8();
    }
}

/// Text from a catalogue, made safe for a terminal: control characters and bidirectional
/// controls are shown escaped (`\u{1b}`), never emitted; tab and newline stay.
pub fn plain(text: &str) -> String {
    if !has_unsafe(text) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if is_unsafe(c) {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Control characters (but tab and newline) and bidirectional overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// The message for a forbidden character.
pub fn forbidden_message(c: char) -> String {
    let what = if c.is_control() {
        "a control character"
    } else {
        "a bidirectional control character"
    };
    format!(
        "this string holds {what} (U+{:04X}); catalogue text may not hold control or bidirectional characters, which could rewrite a terminal or reorder what is shown",
        u32::from(c)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyed(text: &str) -> Vec<Flaw> {
        let mut found = Vec::new();
        let start = text.find('"').unwrap();
        scan_string(text.as_bytes(), start, text.len(), true, &mut found);
        found
    }

    #[test]
    fn the_length_limit_counts_the_text_a_string_stands_for() {
        // 4,096 bytes written as 6-byte escapes pass; 4,097 raw bytes do not.
        let escaped = format!("name = \"{}\"", "\\u0041".repeat(MAX_STRING));
        assert_eq!(keyed(&escaped), []);
        let over = format!("name = \"{}\"", "a".repeat(MAX_STRING + 1));
        assert_eq!(keyed(&over), [Flaw::TooLong(7, MAX_STRING + 1)]);
        let exact = format!("name = \"{}\"", "a".repeat(MAX_STRING));
        assert_eq!(keyed(&exact), []);
        // `é` escaped is two bytes of text.
        let accents = format!("name = \"{}\"", "\\u00e9".repeat(MAX_STRING / 2 + 1));
        assert_eq!(keyed(&accents), [Flaw::TooLong(7, MAX_STRING + 2)]);
    }

    #[test]
    fn tabs_and_newlines_stand_only_in_notes() {
        assert_eq!(keyed("name = \"a\tb\""), [Flaw::Layout(9, '\t')]);
        assert_eq!(keyed(r#"name = "a\nb""#), [Flaw::Layout(9, '\n')]);
        assert_eq!(keyed("notes = \"a\tb\\nc\""), []);
        assert_eq!(keyed("{ note = \"a\\tb\" }"), []);
        assert_eq!(keyed("notes = \"\"\"\nline one\nline two\"\"\""), []);
        assert_eq!(
            keyed("name = \"\"\"\nonly one line\"\"\""),
            [],
            "the newline after the quotes is dropped"
        );
    }

    fn flaws(text: &str) -> Vec<Flaw> {
        let mut found = Vec::new();
        scan_string(text.as_bytes(), 0, text.len(), text.starts_with('"'), &mut found);
        found
    }

    #[test]
    fn escapes_and_raw_characters_that_could_rewrite_a_terminal_are_found() {
        assert_eq!(flaws(r#""a\u001b[2J""#), [Flaw::Forbidden(2, '\u{1b}')]);
        assert_eq!(
            flaws(r#""a\e]0;x\u0007""#),
            [Flaw::Forbidden(2, '\u{1b}'), Flaw::Forbidden(8, '\u{7}')]
        );
        assert_eq!(flaws("\"x\u{202e}y\""), [Flaw::Forbidden(2, '\u{202e}')]);
        assert_eq!(flaws("\"x\u{9b}y\""), [Flaw::Forbidden(2, '\u{9b}')]);
        assert_eq!(
            flaws(r#""\r\b""#),
            [Flaw::Forbidden(1, '\r'), Flaw::Forbidden(3, '\u{8}')]
        );
        assert_eq!(flaws(r#""é, ü, “quotes”""#), []);
        assert_eq!(flaws(r"'a\u001b'"), [], "literal strings have no escapes");
        let long = format!("\"{}\"", "a".repeat(MAX_STRING + 10));
        assert_eq!(flaws(&long), [Flaw::TooLong(0, MAX_STRING + 10)]);
    }
    proptest::proptest! {
        /// Bytes at every place in and around the eight-byte words: each edge of the printable
        /// range, DEL, the high bytes of `é` and of a bidirectional control.
        #[test]
        fn printable_runs_are_what_a_byte_by_byte_look_finds(
            text in "([ a~]{0,11}[\x1f\x7f\x00\t\n\u{80}\u{9f}é\u{202e}\u{2066}–]){0,4}[ a~]{0,9}",
        ) {
            let bytes = text.as_bytes();
            for from in 0..=bytes.len() {
                let slow = bytes[from..].iter().take_while(|b| (0x20..0x7f).contains(*b)).count();
                proptest::prop_assert_eq!(printable_ascii(&bytes[from..]), slow, "{:?} from {}", text, from);
            }
            proptest::prop_assert_eq!(has_unsafe(&text), text.chars().any(is_unsafe), "{:?}", text);
        }
    }

    #[test]
    fn a_control_after_a_long_run_of_plain_text_is_found() {
        for at in 0..40 {
            for c in ['\u{0}', '\u{1f}', '\u{7f}', '\u{85}', '\u{202a}', '\u{2069}'] {
                let text = format!("{}{c}{}", "a".repeat(at), "b".repeat(9));
                assert_eq!(printable_ascii(text.as_bytes()), at);
                assert!(has_unsafe(&text), "{text:?}");
            }
            let safe = format!("{}\t\né–{}", "a".repeat(at), "b".repeat(9));
            assert_eq!(printable_ascii(safe.as_bytes()), at);
            assert!(!has_unsafe(&safe));
        }
    }
}
