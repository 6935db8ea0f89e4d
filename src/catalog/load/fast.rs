//! A fast reader for the plain shape most catalogue entries take: one `key = value` a line, with
//! strings without escapes, numbers, dates, one-line arrays and inline tables. It builds the same
//! `raw` values, with the same spans, as the TOML parser, at a fraction of the cost. Anything
//! outside that shape returns `None` and is left to the TOML parser, whose answer is the
//! reference; a property test checks that the two agree.

use std::ops::Range;

use toml::Spanned;
use toml::value::{Date, Datetime};

use super::raw::{RawCredit, RawFees, RawInstitution, RawProgram, Word};
use crate::catalog::amount::{Amount, Stated};
use crate::catalog::model::{Admission, Delivery, Kind, Pacing, Status, Text};

/// A value as written, with its span in the entry's text.
#[derive(Debug, Clone, PartialEq)]
enum Value<'a> {
    Str(&'a str),
    Int(i64),
    Float(f64),
    Date(Date),
    Array(Vec<(Value<'a>, Range<usize>)>),
    /// A non-empty array of strings alone (`subjects`, `partners`), made into texts as it is
    /// read, with room for exactly its items.
    Strs(Vec<Text>),
    /// `[low, high]` of two numbers (`cost`, `months`, ...), read without an array's room.
    Pair(f64, f64),
    Table(Vec<(&'a str, Value<'a>, Range<usize>)>),
}

/// Bytes that end a plain basic string: its closing quote, or what the fast reader leaves to the
/// TOML parser (escapes, control characters other than tab, DEL).
const STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != 0x09;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table[0x7f] = true;
    table
};

/// Bytes a bare key is made of.
const KEY_BYTE: [bool; 256] =
    super::split::byte_set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

/// Bytes a number or date is read over (what follows one must be none of them).
const NUMBER_BYTE: [bool; 256] = super::split::byte_set(b"0123456789+-.eE_:TZ");

struct Cursor<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    /// Room for an array's items as they are read, kept from one array to the next: arrays do
    /// not nest here (only at the top of a value), and each is then copied out at its size.
    items: Vec<(Value<'a>, Range<usize>)>,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    /// What may stand between an array's items: blanks, newlines and comments (TOML allows
    /// them there, and the catalogue writes long pathway lists one item a line).
    fn array_space(&mut self) -> Option<()> {
        loop {
            self.blanks();
            match self.peek() {
                Some(b'#' | b'\n' | b'\r') => self.end_of_line()?,
                _ => return Some(()),
            }
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.at += 1)
    }

    fn key(&mut self) -> Option<&'a str> {
        let start = self.at;
        let rest = &self.bytes[start..];
        self.at += rest
            .iter()
            .position(|&b| !KEY_BYTE[usize::from(b)])
            .unwrap_or(rest.len());
        (self.at > start).then(|| &self.text[start..self.at])
    }

    /// The end of a line: blanks, an optional comment, then `\n`, `\r\n` or the end.
    fn end_of_line(&mut self) -> Option<()> {
        self.blanks();
        if self.peek() == Some(b'#') {
            while let Some(b) = self.peek() {
                // TOML forbids control characters other than tab in comments.
                if b == b'\n' || (b < 0x20 && b != b'\t' && b != b'\r') || b == 0x7f {
                    break;
                }
                if b == b'\r' {
                    break;
                }
                self.at += 1;
            }
        }
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.at += 1;
                Some(())
            }
            Some(b'\r') if self.bytes.get(self.at + 1) == Some(&b'\n') => {
                self.at += 2;
                Some(())
            }
            _ => None,
        }
    }

    fn value(&mut self, depth: u8) -> Option<(Value<'a>, Range<usize>)> {
        let start = self.at;
        let value = match self.peek()? {
            b'"' => {
                self.at += 1;
                let body = self.at;
                self.at += self.bytes[body..]
                    .iter()
                    .position(|&b| STRING_STOP[usize::from(b)])?;
                // Escapes, control characters and multi-line strings go to the parser.
                if self.bytes[self.at] != b'"' {
                    return None;
                }
                let s = &self.text[body..self.at];
                self.at += 1;
                if s.is_empty() && self.peek() == Some(b'"') {
                    return None;
                }
                Value::Str(s)
            }
            b'[' if depth == 0
                && let Some(pair) = self.pair() =>
            {
                pair
            }
            b'[' if depth == 0 => {
                self.at += 1;
                let mut items = std::mem::take(&mut self.items);
                items.clear();
                loop {
                    self.array_space()?;
                    if self.eat(b']').is_some() {
                        break;
                    }
                    items.push(self.value(depth + 1)?);
                    self.array_space()?;
                    if self.eat(b',').is_none() {
                        self.eat(b']')?;
                        break;
                    }
                }
                // Copied out at its size, and the room kept for the next array (not taken).
                #[allow(clippy::drain_collect)]
                let value = if !items.is_empty() && items.iter().all(|(v, _)| matches!(v, Value::Str(_))) {
                    let mut texts = Vec::with_capacity(items.len());
                    for (item, _) in &items {
                        if let Value::Str(s) = item {
                            texts.push(Text::from(*s));
                        }
                    }
                    Value::Strs(texts)
                } else {
                    Value::Array(items.drain(..).collect())
                };
                self.items = items;
                value
            }
            b'{' if depth <= 1 => {
                self.at += 1;
                let mut entries: Vec<(&str, Value, Range<usize>)> = Vec::new();
                self.blanks();
                if self.eat(b'}').is_none() {
                    loop {
                        self.blanks();
                        let key = self.key()?;
                        self.blanks();
                        self.eat(b'=')?;
                        self.blanks();
                        let (value, span) = self.value(2)?;
                        if entries.iter().any(|(k, _, _)| *k == key) {
                            return None;
                        }
                        entries.push((key, value, span));
                        self.blanks();
                        if self.eat(b',').is_some() {
                            continue;
                        }
                        self.eat(b'}')?;
                        break;
                    }
                }
                Value::Table(entries)
            }
            b'0'..=b'9' | b'+' | b'-' => self.number_or_date()?,
            _ => return None,
        };
        Some((value, start..self.at))
    }

    /// Two numbers in brackets on one line, `[a, b]`; the cursor stays where it was otherwise.
    fn pair(&mut self) -> Option<Value<'a>> {
        let start = self.at;
        let number = |cursor: &mut Self| match cursor.peek()? {
            b'0'..=b'9' | b'+' | b'-' => float(&cursor.number_or_date()?),
            _ => None,
        };
        let pair = (|| {
            self.eat(b'[')?;
            self.blanks();
            let low = number(self)?;
            self.blanks();
            self.eat(b',')?;
            self.blanks();
            let high = number(self)?;
            self.blanks();
            self.eat(b']')?;
            Some(Value::Pair(low, high))
        })();
        if pair.is_none() {
            self.at = start;
        }
        pair
    }

    fn number_or_date(&mut self) -> Option<Value<'a>> {
        self.plain_number().or_else(|| self.any_number_or_date())
    }

    /// A number in the plainest shape, read digit by digit: digits, or digits, a point and
    /// digits, followed by what cannot continue a number. `None`, the cursor unmoved, for
    /// anything else (and for what `f64` parsing must round) so that `any_number_or_date`
    /// decides. An integer has at most 18 digits, so it fits; a fraction's digits make a whole
    /// number below 2^53 with at most 15 after the point, so that it and the power of ten are
    /// exact and one division rounds as parsing the text does.
    fn plain_number(&mut self) -> Option<Value<'a>> {
        const TENS: [f64; 16] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        ];
        let (bytes, start) = (self.bytes, self.at);
        let mut digits: u64 = 0;
        let mut i = start;
        let mut digit_run = |i: &mut usize| {
            let from = *i;
            while let Some(&b) = bytes.get(*i).filter(|b| b.is_ascii_digit() && *i - start < 19) {
                digits = digits * 10 + u64::from(b - b'0');
                *i += 1;
            }
            *i - from
        };
        let whole = digit_run(&mut i);
        if whole == 0 || whole > 18 || (whole > 1 && bytes[start] == b'0') {
            return None;
        }
        let fraction = if bytes.get(i) == Some(&b'.') {
            i += 1;
            let fraction = digit_run(&mut i);
            if fraction == 0 || fraction >= TENS.len() || digits >= 1 << 53 {
                return None;
            }
            Some(fraction)
        } else {
            None
        };
        if bytes.get(i).is_some_and(|&b| NUMBER_BYTE[usize::from(b)]) {
            return None;
        }
        self.at = i;
        Some(match fraction {
            None => Value::Int(digits as i64),
            Some(places) => Value::Float(digits as f64 / TENS[places]),
        })
    }

    /// Any number or date the fast reader takes, through the standard parsers.
    fn any_number_or_date(&mut self) -> Option<Value<'a>> {
        let start = self.at;
        while self.peek().is_some_and(|b| NUMBER_BYTE[usize::from(b)]) {
            self.at += 1;
        }
        let token = &self.text[start..self.at];
        if let Some(date) = plain_date(token) {
            return Some(Value::Date(date));
        }
        let digits = token.strip_prefix(['+', '-']).unwrap_or(token);
        let (whole, rest) = digits.split_at(digits.find(['.', 'e', 'E']).unwrap_or(digits.len()));
        let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !plain(whole) || (whole.len() > 1 && whole.starts_with('0')) {
            return None;
        }
        if rest.is_empty() {
            return token.parse().ok().map(Value::Int);
        }
        let (fraction, exponent) = match rest.find(['e', 'E']) {
            Some(e) => (&rest[..e], Some(&rest[e + 1..])),
            None => (rest, None),
        };
        if !fraction.is_empty() && !fraction.strip_prefix('.').is_some_and(plain) {
            return None;
        }
        if let Some(exp) = exponent
            && !plain(exp.strip_prefix(['+', '-']).unwrap_or(exp))
        {
            return None;
        }
        let value: f64 = token.parse().ok()?;
        value.is_finite().then_some(Value::Float(value))
    }
}

/// A `YYYY-MM-DD` that is a real day.
fn plain_date(token: &str) -> Option<Date> {
    let b = token.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |r: Range<usize>| -> Option<u16> {
        let s = &token[r];
        s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some(Date {
        year,
        month: month as u8,
        day: day as u8,
    })
}

/// Hands each of the entry's keys and values to `each`, in order, if its text is in the plain
/// shape and starts with `header`: `None` as soon as it is not, or `each` refuses a value.
fn entry<'a>(
    text: &'a str,
    header: &str,
    mut each: impl FnMut(&'a str, Value<'a>, Range<usize>) -> Option<()>,
) -> Option<()> {
    let mut cursor = Cursor {
        text,
        bytes: text.as_bytes(),
        at: 0,
        items: Vec::new(),
    };
    cursor.at = text.strip_prefix(header).map(|_| header.len())?;
    cursor.end_of_line()?;
    while cursor.at < text.len() {
        cursor.blanks();
        if matches!(cursor.peek(), Some(b'#' | b'\n' | b'\r') | None) {
            cursor.end_of_line()?;
            continue;
        }
        let key = cursor.key()?;
        // Most lines write `key = value`: the ` = ` taken at once.
        if cursor.bytes.get(cursor.at..cursor.at + 3) == Some(b" = ") {
            cursor.at += 3;
        } else {
            cursor.blanks();
            cursor.eat(b'=')?;
        }
        cursor.blanks();
        let (value, span) = cursor.value(0)?;
        cursor.end_of_line()?;
        // A key given twice is a TOML error: the fields refuse to be set twice.
        each(key, value, span)?;
    }
    Some(())
}

fn string<S: for<'s> From<&'s str>>(value: &Value, span: Range<usize>) -> Option<Spanned<S>> {
    match value {
        Value::Str(s) => Some(Spanned::new(span, S::from(s))),
        _ => None,
    }
}

fn float(value: &Value) -> Option<f64> {
    match value {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

fn amount(value: &Value) -> Option<Amount> {
    match value {
        Value::Pair(low, high) => Some(Amount::range(*low, *high)),
        Value::Array(items) => match items.as_slice() {
            [(a, _), (b, _)] => Some(Amount::range(float(a)?, float(b)?)),
            _ => None,
        },
        other => float(other).map(Amount::exact),
    }
}

fn stated(value: &Value) -> Option<Stated> {
    match value {
        Value::Str("unknown") => Some(Stated::Unknown),
        other => amount(other).map(Stated::Known),
    }
}

/// A closed word (`kind`, `pacing`, ...) with its place.
fn word<T: std::str::FromStr>(value: &Value, span: Range<usize>) -> Option<Spanned<Word<T>>> {
    match value {
        Value::Str(s) => Some(Spanned::new(span, Word::of(s))),
        _ => None,
    }
}

/// A list of strings: read as texts already (see `Value::Strs`), or empty.
fn strings(value: Value) -> Option<Vec<Text>> {
    match value {
        Value::Strs(texts) => Some(texts),
        Value::Array(items) if items.is_empty() => Some(Vec::new()),
        _ => None,
    }
}

fn date(value: &Value, span: Range<usize>) -> Option<Spanned<Datetime>> {
    match value {
        Value::Date(d) => Some(Spanned::new(
            span,
            Datetime {
                date: Some(*d),
                time: None,
                offset: None,
            },
        )),
        _ => None,
    }
}

fn spanned_float(value: &Value, span: Range<usize>) -> Option<Spanned<f64>> {
    float(value).map(|f| Spanned::new(span, f))
}

fn fees(value: Value, span: Range<usize>) -> Option<Spanned<RawFees>> {
    let Value::Table(entries) = value else { return None };
    let mut fees = RawFees {
        per_course: None,
        per_credit: None,
        per_term: None,
        term_months: None,
        one_off: None,
    };
    for (key, value, span) in entries {
        let slot = match key {
            "per_course" => &mut fees.per_course,
            "per_credit" => &mut fees.per_credit,
            "per_term" => &mut fees.per_term,
            "term_months" => &mut fees.term_months,
            "one_off" => &mut fees.one_off,
            _ => return None,
        };
        *slot = Some(spanned_float(&value, span)?);
    }
    Some(Spanned::new(span, fees))
}

fn credit(value: Value) -> Option<Vec<Spanned<RawCredit>>> {
    let Value::Array(items) = value else { return None };
    items
        .into_iter()
        .map(|(item, span)| {
            let Value::Table(entries) = item else { return None };
            let mut c = RawCredit::default();
            for (key, value, span) in entries {
                match key {
                    "toward" => once(&mut c.toward, || string(&value, span))?,
                    "degree" => once(&mut c.degree, || Some(string(&value, span)?.into_inner()))?,
                    "at" => once(&mut c.at, || string(&value, span))?,
                    "grants" => once(&mut c.grants, || word(&value, span))?,
                    "share" => once(&mut c.share, || Some(Spanned::new(span, stated(&value)?)))?,
                    "credits" => once(&mut c.credits, || spanned_float(&value, span))?,
                    "of" => once(&mut c.of, || spanned_float(&value, span))?,
                    "unit" => once(&mut c.unit, || Some(string(&value, span)?.into_inner()))?,
                    "tuition" => once(&mut c.tuition, || word(&value, span))?,
                    "status" => once(&mut c.status, || word(&value, span))?,
                    "ends" => once(&mut c.ends, || date(&value, span))?,
                    "note" => once(&mut c.note, || Some(string(&value, span)?.into_inner()))?,
                    _ => return None,
                }
            }
            Some(Spanned::new(span, c))
        })
        .collect()
}

/// Sets `slot` once: a key given twice is a TOML error, left to the parser to report.
fn once<T>(slot: &mut Option<T>, make: impl FnOnce() -> Option<T>) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(make()?);
    Some(())
}

/// Reads a `[[program]]` entry in the plain shape.
pub fn program(text: &str) -> Option<RawProgram> {
    let mut p = RawProgramParts::default();
    entry(text, "[[program]]", |key, value, span| {
        match key {
            "id" => once(&mut p.id, || string(&value, span))?,
            "name" => once(&mut p.name, || Some(string(&value, span)?.into_inner()))?,
            "kind" => once(&mut p.kind, || word(&value, span))?,
            "institution" => once(&mut p.institution, || string(&value, span))?,
            "platform" => once(&mut p.platform, || Some(string(&value, span)?.into_inner()))?,
            "delivery" => once(&mut p.delivery, || word(&value, span))?,
            "pacing" => once(&mut p.pacing, || word(&value, span))?,
            "subjects" => once(&mut p.subjects, || strings(value))?,
            "courses" => match value {
                Value::Int(i) => once(&mut p.courses, || Some(Spanned::new(span, i)))?,
                _ => return None,
            },
            "credits" => once(&mut p.credits, || spanned_float(&value, span))?,
            "admission" => once(&mut p.admission, || word(&value, span))?,
            "cost" => once(&mut p.cost, || Some(Spanned::new(span, stated(&value)?)))?,
            "currency" => once(&mut p.currency, || string(&value, span))?,
            "financial_aid" => once(&mut p.financial_aid, || spanned_float(&value, span))?,
            "fees" => once(&mut p.fees, || fees(value, span))?,
            "months" => once(&mut p.months, || Some(Spanned::new(span, stated(&value)?)))?,
            "hours_per_week" => once(&mut p.hours_per_week, || {
                Some(Spanned::new(span, amount(&value)?))
            })?,
            "course_hours_per_week" => once(&mut p.course_hours_per_week, || {
                Some(Spanned::new(span, amount(&value)?))
            })?,
            "max_courses_per_term" => match value {
                Value::Int(i) => once(&mut p.max_courses_per_term, || Some(Spanned::new(span, i)))?,
                _ => return None,
            },
            "max_months" => once(&mut p.max_months, || spanned_float(&value, span))?,
            "credit" => once(&mut p.credit, || credit(value))?,
            "status" => once(&mut p.status, || word(&value, span))?,
            "ends" => once(&mut p.ends, || date(&value, span))?,
            "partners" => once(&mut p.partners, || strings(value))?,
            "url" => once(&mut p.url, || Some(string(&value, span)?.into_inner()))?,
            "verified" => once(&mut p.verified, || date(&value, span))?,
            "notes" => once(&mut p.notes, || Some(string(&value, span)?.into_inner()))?,
            "sources" => once(&mut p.sources, || strings(value))?,
            _ => return None,
        }
        Some(())
    })?;
    Some(RawProgram {
        id: p.id?,
        name: p.name,
        kind: p.kind,
        institution: p.institution,
        platform: p.platform,
        delivery: p.delivery,
        pacing: p.pacing,
        subjects: p.subjects,
        courses: p.courses,
        credits: p.credits,
        admission: p.admission,
        cost: p.cost,
        currency: p.currency,
        financial_aid: p.financial_aid,
        fees: p.fees,
        months: p.months,
        hours_per_week: p.hours_per_week,
        course_hours_per_week: p.course_hours_per_week,
        max_courses_per_term: p.max_courses_per_term,
        max_months: p.max_months,
        credit: p.credit,
        status: p.status,
        ends: p.ends,
        partners: p.partners,
        url: p.url,
        verified: p.verified,
        notes: p.notes,
        sources: p.sources,
    })
}

/// The fields of a program as they are met, before the required ones are checked.
#[derive(Default)]
struct RawProgramParts {
    id: Option<Spanned<Text>>,
    name: Option<Text>,
    kind: Option<Spanned<Word<Kind>>>,
    institution: Option<Spanned<Text>>,
    platform: Option<Text>,
    delivery: Option<Spanned<Word<Delivery>>>,
    pacing: Option<Spanned<Word<Pacing>>>,
    subjects: Option<Vec<Text>>,
    courses: Option<Spanned<i64>>,
    credits: Option<Spanned<f64>>,
    admission: Option<Spanned<Word<Admission>>>,
    cost: Option<Spanned<Stated>>,
    currency: Option<Spanned<Text>>,
    financial_aid: Option<Spanned<f64>>,
    fees: Option<Spanned<RawFees>>,
    months: Option<Spanned<Stated>>,
    hours_per_week: Option<Spanned<Amount>>,
    course_hours_per_week: Option<Spanned<Amount>>,
    max_courses_per_term: Option<Spanned<i64>>,
    max_months: Option<Spanned<f64>>,
    credit: Option<Vec<Spanned<RawCredit>>>,
    status: Option<Spanned<Word<Status>>>,
    ends: Option<Spanned<Datetime>>,
    partners: Option<Vec<Text>>,
    url: Option<Text>,
    verified: Option<Spanned<Datetime>>,
    notes: Option<Text>,
    sources: Option<Vec<Text>>,
}

/// Reads an `[[institution]]` entry in the plain shape.
pub fn institution(text: &str) -> Option<RawInstitution> {
    let (mut id, mut name, mut short, mut country, mut url) = (None, None, None, None, None);
    entry(text, "[[institution]]", |key, value, span| {
        match key {
            "id" => once(&mut id, || string(&value, span))?,
            "name" => once(&mut name, || Some(string(&value, span)?.into_inner()))?,
            "short" => once(&mut short, || Some(string(&value, span)?.into_inner()))?,
            "country" => once(&mut country, || string(&value, span))?,
            "url" => once(&mut url, || Some(string(&value, span)?.into_inner()))?,
            _ => return None,
        }
        Some(())
    })?;
    Some(RawInstitution {
        id: id?,
        name,
        short,
        country,
        url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(t: &str) -> Cursor<'_> {
        Cursor {
            text: t,
            bytes: t.as_bytes(),
            at: 0,
            items: Vec::new(),
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_numbers_read_as_the_standard_parsers_read_them(
            number in "[0-9]{1,20}(\\.[0-9]{0,17})?([eE_:.+-][0-9]{0,3})?",
            after in "[ ,\\]}\n#x]?",
        ) {
            let text = format!("{number}{after}");
            let (mut fast, mut general) = (cursor(&text), cursor(&text));
            proptest::prop_assert_eq!(fast.number_or_date(), general.any_number_or_date(), "{}", text);
            proptest::prop_assert_eq!(fast.at, general.at, "{}", text);
        }
    }

    #[test]
    fn plain_numbers_take_the_digit_path() {
        for (text, value) in [
            ("0", Value::Int(0)),
            ("16350", Value::Int(16350)),
            ("999999999999999999", Value::Int(999_999_999_999_999_999)),
            ("0.9", Value::Float(0.9)),
            ("12.50", Value::Float(12.5)),
            ("0.1", Value::Float(0.1)),
            (
                "9007199254740.991",
                Value::Float("9007199254740.991".parse().expect("a number")),
            ),
        ] {
            assert_eq!(cursor(text).plain_number(), Some(value), "{text}");
        }
        // Left to the standard parsers: too many digits, a zero before others, an exponent,
        // a sign, a date, digits past 2^53, a point with nothing after it.
        for text in [
            "1234567890123456789",
            "01",
            "1e3",
            "-5",
            "2024-02-29",
            "9007199254740.993",
            "1.",
            "1.2.3",
        ] {
            assert_eq!(cursor(text).plain_number(), None, "{text}");
        }
    }

    #[test]
    fn numbers_follow_toml() {
        fn value(t: &str) -> Option<Value<'_>> {
            cursor(t).number_or_date()
        }
        assert_eq!(value("1500"), Some(Value::Int(1500)));
        assert_eq!(value("-5"), Some(Value::Int(-5)));
        assert_eq!(value("985.5"), Some(Value::Float(985.5)));
        assert_eq!(value("1e3"), Some(Value::Float(1000.0)));
        for refused in [
            "01",
            "1.",
            ".5",
            "1_000",
            "1e",
            "1e999",
            "--1",
            "1.2.3",
            "2020-13-01",
        ] {
            assert_eq!(value(refused), None, "{refused}");
        }
        assert!(matches!(value("2024-02-29"), Some(Value::Date(_))));
        assert_eq!(value("2023-02-29"), None);
    }

    #[test]
    fn the_fast_reader_takes_every_built_in_entry() {
        // Start-up time rests on this: an entry the fast reader refuses costs the TOML parser.
        use super::super::split::{ChunkKind, split};
        let text = include_str!("../../../data/catalog.toml");
        let split = split(text, 0, 1);
        let mut refused = Vec::new();
        for chunk in &split.chunks {
            let slice = &text[chunk.start..chunk.end];
            let taken = match chunk.kind {
                ChunkKind::Program => program(slice).is_some(),
                ChunkKind::Institution => institution(slice).is_some(),
                ChunkKind::Top => true,
            };
            if !taken {
                refused.push(slice.lines().nth(1).unwrap_or_default().to_string());
            }
        }
        assert!(split.chunks.len() > 150, "{} chunks", split.chunks.len());
        assert_eq!(refused, Vec::<String>::new());
    }

    #[test]
    fn only_the_plain_shape_is_read() {
        let plain = "[[institution]]\nid = \"u\"  # comment\r\nname = \"U\"\n\n";
        assert!(institution(plain).is_some());
        // Keys a new entry needs are the merge's to demand: a correction gives only `id` and more.
        assert!(institution("[[institution]]\nid = \"u\"\n").is_some());
        for other in [
            "[[institution]]\nid = \"u\"\nname = 0x10\n",
            "[[institution]]\nid = \"u\"\nname = \"a\\\"b\"\n",
            "[[institution]]\nid = 'u'\nname = \"U\"\n",
            "[[institution]]\nid = \"u\"\nid = \"v\"\nname = \"U\"\n",
            "[[institution]]\nid = \"u\"\nname = \"\"\"U\"\"\"\n",
            "[[institution]]\nid = \"u\"\nname.x = \"U\"\n",
            "[[institution]] x\nid = \"u\"\nname = \"U\"\n",
            "[[institution]]\nid = \"u\"\nname = \"U\" x\n",
        ] {
            assert!(institution(other).is_none(), "{other}");
        }
    }
}

#[cfg(test)]
mod agreement {
    //! The fast reader and the TOML parser agree on every entry the fast reader takes.

    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    use super::super::check;
    use super::super::raw::RawDocument;

    /// Keys with values in and out of range, of the right type and not.
    const FIELDS: &[(&str, &[&str])] = &[
        ("name", &["\"Supply Chain\"", "\"Économie 数据\"", "5"]),
        ("kind", &["\"micromasters\"", "\"masters\"", "\"diploma\""]),
        ("institution", &["\"mit\"", "\"Bad Id\""]),
        ("platform", &["\"edX\""]),
        ("delivery", &["\"online\"", "\"campus\""]),
        ("pacing", &["\"self-paced\"", "\"both\"", "\"weekly\""]),
        (
            "subjects",
            &[
                "[\"a\", \"b\"]",
                "[]",
                "[\"a\",]",
                "[1]",
                "[\n  \"a\", # first\n\n  \"b\"\n]",
            ],
        ),
        ("courses", &["5", "0", "-2", "5.0", "99999999999"]),
        ("credits", &["36", "0", "1.5e1"]),
        ("admission", &["\"open\"", "\"closed\""]),
        (
            "cost",
            &[
                "1500",
                "[1350, 1500]",
                "[1500, 1350]",
                "-5",
                "\"unknown\"",
                "\"free\"",
                "[1, 2, 3]",
                "985.5",
            ],
        ),
        ("currency", &["\"USD\"", "\"eur\"", "\"EUR\""]),
        ("financial_aid", &["0.9", "2", "1"]),
        (
            "fees",
            &[
                "{ per_course = 200, one_off = 60 }",
                "{}",
                "{ per_term = 5 }",
                "{ per_credit = -1 }",
                "{ term_months = 0, one_off = 1 }",
                "{ bogus = 1 }",
            ],
        ),
        ("months", &["12", "[6, 12]", "0", "\"unknown\"", "[12, 6]"]),
        ("hours_per_week", &["[8, 12]", "10", "0", "\"unknown\""]),
        ("course_hours_per_week", &["[15, 20]", "12", "0", "200"]),
        ("max_courses_per_term", &["3", "0", "2.5"]),
        ("max_months", &["60", "62.5", "0", "601"]),
        (
            "credit",
            &[
                "[{ toward = \"mit-scm\", share = 0.5, note = \"n\" }]",
                "[{ degree = \"MSc\", at = \"X\", share = 0.25 }]",
                "[{ share = 0.5 }]",
                "[{ toward = \"a\", degree = \"b\", share = 1.5 }]",
                "[{ toward = \"a\", at = \"b\", share = 0.5 }, { degree = \"c\", share = 0 }]",
                "[{ toward = \"a\", share = \"unknown\" }, { degree = \"c\", grants = \"admission\" }]",
                "[{ toward = \"a\", credits = 9, of = 30, unit = \"credits\", tuition = \"full\" }]",
                "[{ toward = \"a\", credits = 40, of = 30 }, { degree = \"c\", share = [0.1, 0.2] }]",
                "[{ toward = \"a\", grants = \"admission\", share = 0.5 }, { degree = \"c\", of = 3 }]",
                "[{ toward = \"a\", grants = \"credits\" }, { degree = \"c\", tuition = \"free\" }]",
                "[\n  { toward = \"a\", share = 0.5 },\n  # a comment\n  { degree = \"c\", at = \"X\", share = \"unknown\" },\n]",
                "[\r\n  { toward = \"a\", share = 0.5 }\r\n]",
                "[\n  { toward = \"a\",\n share = 0.5 },\n]",
            ],
        ),
        ("status", &["\"retired\"", "\"active\""]),
        ("ends", &["2021-08-30", "2021-02-30", "2021-08-30T10:00:00"]),
        ("partners", &["[\"GE\"]"]),
        ("url", &["\"https://example.org\""]),
        ("verified", &["2024-02-29", "2023-02-29"]),
        ("notes", &["\"a note # not a comment\"", "\"\""]),
    ];

    fn entry() -> impl Strategy<Value = String> {
        let id = prop_oneof![Just("\"mitx-scm\""), Just("\"Not A Slug\""), Just("7")];
        let chosen = prop::sample::subsequence((0..FIELDS.len()).collect::<Vec<_>>(), 0..12);
        let fields = chosen.prop_flat_map(|keys| {
            let n = keys.len();
            let value = prop_oneof![3 => Just(0usize), 2 => 0..8usize];
            (
                Just(keys),
                prop::collection::vec((value, any::<bool>(), 0..4usize), n),
            )
        });
        let required = prop::collection::vec(prop::bool::weighted(0.95), 6);
        (id, fields, required, any::<bool>()).prop_map(|(id, fields, required, crlf)| {
            let mut lines = vec!["[[program]]".to_string()];
            let (keys, looks) = fields;
            let mut present: Vec<&str> = Vec::new();
            for (field, (value, comment, blanks)) in keys.into_iter().zip(looks) {
                let (key, values) = FIELDS[field];
                present.push(key);
                let value = values[value % values.len()];
                let gap = " ".repeat(blanks);
                let comment = if comment { " # note" } else { "" };
                lines.push(format!("{key}{gap}={gap}{value}{comment}"));
                if blanks == 3 {
                    lines.push(String::new());
                }
            }
            if required[0] {
                lines.push(format!("id = {id}"));
            }
            for (i, key) in ["name", "kind", "institution", "pacing", "cost", "months"]
                .iter()
                .enumerate()
            {
                let wanted = i == 5 || required[i + 1];
                if wanted && !present.contains(key) {
                    lines.push(format!(
                        "{key} = {}",
                        FIELDS.iter().find(|f| f.0 == *key).map_or("", |f| f.1[0])
                    ));
                }
            }
            let newline = if crlf { "\r\n" } else { "\n" };
            lines.join(newline) + newline
        })
    }

    #[test]
    fn most_generated_entries_exercise_the_fast_path() {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = entry();
        let taken = (0..400)
            .filter(|_| {
                let text = strategy.new_tree(&mut runner).expect("a value").current();
                super::program(&text).is_some()
            })
            .count();
        assert!(taken > 100, "only {taken} of 400 took the fast path");
    }

    proptest! {
        #[test]
        fn the_fast_reader_agrees_with_the_toml_parser(text in entry()) {
            let Some(fast) = super::program(&text) else { return Ok(()) };
            let document: RawDocument = toml::from_str(&text).expect("the fast reader took what TOML refuses");
            let slow = document.program.expect("one program").remove(0).into_inner();
            prop_assert_eq!(&fast, &slow);
            // Spans matter only through what the checks report: compare those, offsets included.
            let origin = check::Origin { index: 0, latest: None };
            let (fast, slow) = (check::program(fast, 0, origin), check::program(slow, 0, origin));
            match (fast, slow) {
                (Ok((a, ra)), Ok((b, rb))) => {
                    prop_assert_eq!(a, b);
                    prop_assert_eq!(
                        (ra.id, ra.header, ra.given, ra.institution, ra.currency, ra.credit, ra.fees),
                        (rb.id, rb.header, rb.given, rb.institution, rb.currency, rb.credit, rb.fees)
                    );
                }
                (Err(a), Err(b)) => prop_assert_eq!(a, b),
                (a, b) => prop_assert!(false, "fast {:?} but toml {:?}", a.is_ok(), b.is_ok()),
            }
        }

        #[test]
        fn plain_entries_take_the_fast_path(cost in 0u32..5000, months in 1u32..36) {
            let text = format!(
                "[[program]]\nid = \"p\"\nname = \"P\"\nkind = \"micromasters\"\ninstitution = \"u\"\n\
                 pacing = \"both\"\ncost = [{cost}, {}]\nmonths = {months}\n",
                cost + 100
            );
            prop_assert!(super::program(&text).is_some());
        }
    }
}
