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
}

/// Whether `c` may not appear in a catalogue string: C0 controls but tab and newline, DEL and
/// the C1 controls, and the bidirectional overrides and isolates.
pub fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Checks the string literal `bytes[start..end]` (quotes included); `basic` strings may hold
/// escapes. Most strings hold neither a backslash nor a byte that starts a forbidden character,
/// and cost one `memchr3`.
pub fn scan_string(bytes: &[u8], start: usize, end: usize, basic: bool, flaws: &mut Vec<Flaw>) {
    let end = end.min(bytes.len());
    if end - start > MAX_STRING + 6 {
        flaws.push(Flaw::TooLong(start, end - start));
    }
    let body = &bytes[start..end];
    if memchr::memchr3(b'\\', 0xC2, 0xE2, body).is_none() {
        return;
    }
    let mut i = 0;
    while i < body.len() {
        let at = start + i;
        match body[i] {
            b'\\' if basic => {
                let (decoded, len) = escape(&body[i..]);
                if let Some(c) = decoded.filter(|&c| is_forbidden(c)) {
                    flaws.push(Flaw::Forbidden(at, c));
                }
                i += len;
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
        _ => (None, 2),
    }
}

/// Text from a catalogue, made safe for a terminal: control characters and bidirectional
/// controls are shown escaped (`\u{1b}`), never emitted; tab and newline stay.
pub fn plain(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
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
        assert_eq!(flaws(r#""tab\tnew\nline, é, ü, “quotes”""#), []);
        assert_eq!(flaws(r"'a\u001b'"), [], "literal strings have no escapes");
        let long = format!("\"{}\"", "a".repeat(MAX_STRING + 10));
        assert_eq!(flaws(&long), [Flaw::TooLong(0, MAX_STRING + 12)]);
    }
}
