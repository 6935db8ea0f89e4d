//! Figures as people read them: `$1,350–1,500`, `12–18`, `50%`.

pub use crate::catalog::text::{has_unsafe, is_printable_ascii, is_unsafe, plain, printable_ascii};
use crate::catalog::{Amount, CreditSummary, Pathway, PathwayKind, Tuition};
use crate::route::Bounds;

/// A number with thousands separators: whole when it is whole or 1,000 and more (cents on a
/// figure that large, often converted from another currency, claim a precision no source has),
/// else two decimals. Exact for every amount a catalogue allows (up to 10^24 once converted).
pub fn grouped(value: f64) -> String {
    let mut out = String::with_capacity(16);
    push_grouped(&mut out, value);
    out
}

/// The whole cents of `value`, unsigned: u128 holds every allowed amount.
fn cents(value: f64) -> u128 {
    integer((value.abs() * 100.0).round())
}

/// `value`, whole and not negative, as an integer: through u64 where it fits (every real
/// figure), whose conversion takes an instruction where u128's is a call.
fn integer(value: f64) -> u128 {
    if value < 1e19 {
        u128::from(value as u64)
    } else {
        value as u128
    }
}

/// 10^19: u64 holds any nineteen digits.
const TEN_19: u128 = 10_000_000_000_000_000_000;

/// `grouped(value)`, written at the end of `out`.
fn push_grouped(out: &mut String, value: f64) {
    // Integers are formatted exactly and cheaply.
    let cents = cents(value);
    let (whole, fraction) = if cents >= 100_000 {
        (integer(value.abs().round()), 0)
    } else {
        (cents / 100, cents % 100)
    };
    if value < 0.0 && cents > 0 {
        out.push('-');
    }
    push_digits(out, whole, true);
    if fraction != 0 {
        out.push('.');
        out.push(char::from(b'0' + (fraction / 10) as u8));
        out.push(char::from(b'0' + (fraction % 10) as u8));
    }
}

/// The digits of `whole` at the end of `out`, in groups of three apart by commas where
/// `grouped`. They are worked out last first into a buffer wide enough for any u128 (39
/// digits, 12 commas), nineteen at a time in u64, whose division takes a few instructions
/// where u128's is a call, and written at once.
fn push_digits(out: &mut String, whole: u128, grouped: bool) {
    // Most figures have three digits or fewer (months, cents, shares): written directly.
    if whole < 1000 {
        let n = whole as u32;
        for (place, shown) in [(100, n >= 100), (10, n >= 10), (1, true)] {
            if shown {
                out.push(char::from(b'0' + (n / place % 10) as u8));
            }
        }
        return;
    }
    let mut text = [0u8; 52];
    let (mut n, mut count) = (0, 0);
    let mut digit = |text: &mut [u8; 52], d: u8| {
        if grouped && count > 0 && count % 3 == 0 {
            text[n] = b',';
            n += 1;
        }
        text[n] = b'0' + d;
        n += 1;
        count += 1;
    };
    let mut rest = whole;
    loop {
        let (high, mut low) = match u64::try_from(rest) {
            Ok(low) => (0, low),
            Err(_) => (rest / TEN_19, (rest % TEN_19) as u64),
        };
        // All of the last part's digits (up to twenty); nineteen of any other, zeros too.
        let mut k = 0;
        loop {
            digit(&mut text, (low % 10) as u8);
            low /= 10;
            k += 1;
            if (high == 0 && low == 0) || (high > 0 && k == 19) {
                break;
            }
        }
        if high == 0 {
            break;
        }
        rest = high;
    }
    text[..n].reverse();
    // Only ASCII digits and commas were written.
    out.push_str(std::str::from_utf8(&text[..n]).unwrap_or_default());
}

/// A unit price, `count` of which make `total`: as `money` shows it, or with cents where the
/// whole number shown, times `count`, would not come to the total shown (12 × NGN 319,944.63,
/// not 12 × NGN 319,945 for NGN 3,839,335).
pub fn unit_price(each: f64, count: f64, total: f64, code: &str) -> String {
    if (count * each.round() - total.round()).abs() < 0.5 || each.abs() < 1000.0 {
        return one_sum(each, code);
    }
    let cents = cents(each);
    let mut out = String::with_capacity(24);
    if each < 0.0 {
        out.push('-');
    }
    push_symbol(&mut out, code);
    push_grouped(&mut out, (cents / 100) as f64);
    out.push_str(&format!(".{:02}", cents % 100));
    out
}

/// The symbol a currency is written with, or its code and a space, at the end of `out`.
fn push_symbol(out: &mut String, code: &str) {
    let symbol = match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "INR" => "₹",
        "JPY" => "¥",
        "AUD" => "A$",
        "CAD" => "C$",
        other => {
            out.push_str(other);
            " "
        }
    };
    out.push_str(symbol);
}

/// One sum of money with its sign and symbol: `$1,350`, `-$250`.
fn one_sum(value: f64, code: &str) -> String {
    let mut out = String::with_capacity(16);
    push_one_sum(&mut out, value, code);
    out
}

/// `one_sum(value, code)`, written at the end of `out`; returns where its digits start.
fn push_one_sum(out: &mut String, value: f64, code: &str) -> usize {
    // A sum that shows as nothing but zeros (-0.001) takes no sign, as in `grouped`.
    if value < 0.0 && cents(value) > 0 {
        out.push('-');
    }
    push_symbol(out, code);
    let digits = out.len();
    push_grouped(out, value.abs());
    digits
}

/// An amount of money: `$1,350` or `$1,350–1,500`, `-$500 to $200` across zero; `?` when
/// unknown. The ends are shown low to high.
pub fn money(amount: Option<Amount>, code: &str) -> String {
    let mut out = String::with_capacity(24);
    push_money(&mut out, amount, code);
    out
}

/// `money(amount, code)`, written at the end of `out`.
pub fn push_money(out: &mut String, amount: Option<Amount>, code: &str) {
    let Some(a) = amount else {
        out.push('?');
        return;
    };
    let (lo, hi) = (a.min.min(a.max), a.min.max(a.max));
    let start = out.len();
    push_one_sum(out, lo, code);
    let middle = out.len();
    let digits = push_one_sum(out, hi, code) - middle;
    let high = out.split_off(middle);
    if out[start..] == *high {
        // One sum.
    } else if lo < 0.0 {
        out.push_str(" to ");
        out.push_str(&high);
    } else {
        // Neither end is negative: the high end is shown by its digits alone.
        out.push('–');
        out.push_str(&high[digits..]);
    }
}

/// A figure with at most one decimal: `12`, `7.4`.
pub fn short(value: f64) -> String {
    let mut out = String::with_capacity(8);
    push_short(&mut out, value);
    out
}

/// `short(value)`, written at the end of `out`.
fn push_short(out: &mut String, value: f64) {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        out.push('0');
    } else if rounded.abs() >= 1000.0 {
        // Thousands are grouped, as in money: `1,456`.
        if rounded < 0.0 {
            out.push('-');
        }
        push_grouped(out, rounded.abs().round());
    } else {
        // Tenths as a whole number (under 10,000): what `{rounded:.1}` prints, without the
        // float formatting, since `rounded` is the double nearest to `tenths / 10`.
        let tenths = (value * 10.0).round() as i64;
        let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
        if tenths < 0 {
            out.push('-');
        }
        push_digits(out, u128::from(whole), false);
        if tenth != 0 {
            out.push('.');
            out.push(char::from(b'0' + tenth as u8));
        }
    }
}

/// `format!("{value:.1}")`, its one decimal rounded from the exact value as the float
/// formatting rounds it (ties to even), without the float formatting for any value below
/// 2^49 in size (every score).
pub fn tenths(value: f64) -> String {
    let size = value.abs();
    if size.is_nan() || size >= (1u64 << 49) as f64 {
        return format!("{value:.1}");
    }
    // Ten times `size`, exactly, as `sum + error`: eight and two times it are exact, and the
    // error of their sum is found from the sum (Knuth's two-sum).
    let (eight, two) = (size * 8.0, size * 2.0);
    let sum = eight + two;
    let two_part = sum - eight;
    let error = (eight - (sum - two_part)) + (two - two_part);
    let floor = sum.floor();
    // Exact: `sum` is below 2^53 and `floor` within one of it.
    let fraction = sum - floor;
    let mut n = floor as u64;
    // Beside a fraction other than one half the error, under half a unit of `sum`'s last
    // place, cannot cross it (just below a whole number of tenths still rounds to it); at one
    // half it says which way the exact value lies.
    if fraction > 0.5 || (fraction == 0.5 && (error > 0.0 || (error == 0.0 && n % 2 == 1))) {
        n += 1;
    }
    let mut out = String::with_capacity(8);
    if value.is_sign_negative() {
        out.push('-');
    }
    push_digits(&mut out, u128::from(n / 10), false);
    out.push('.');
    out.push(char::from(b'0' + (n % 10) as u8));
    out
}

/// A range with at most one decimal, low to high: `12–18`, `-3 to 2.5`; `?` when unknown.
pub fn range(amount: Option<Amount>) -> String {
    let mut out = String::with_capacity(12);
    push_range(&mut out, amount);
    out
}

/// `range(amount)`, written at the end of `out`.
fn push_range(out: &mut String, amount: Option<Amount>) {
    let Some(a) = amount else {
        out.push('?');
        return;
    };
    let (lo, hi) = (a.min.min(a.max), a.min.max(a.max));
    let start = out.len();
    push_short(out, lo);
    let middle = out.len();
    push_short(out, hi);
    if out[start..middle] == out[middle..] {
        out.truncate(middle);
        return;
    }
    let high = out.split_off(middle);
    out.push_str(if lo < 0.0 { " to " } else { "–" });
    out.push_str(&high);
}

/// A figure of a route in `show` (`money` or `range`): the range where it is known, `≥ low`
/// where only a lower bound is, `low to high ?` where both bounds are; written at the end of
/// `out`.
fn push_bounded(out: &mut String, b: Bounds, show: impl Fn(&mut String, Option<Amount>)) {
    if let Some(known) = b.amount() {
        return show(out, Some(known));
    }
    match b.high {
        Some(high) => {
            show(out, Some(Amount::exact(b.low)));
            out.push_str(" to ");
            show(out, Some(Amount::exact(high)));
            out.push_str(" ?");
        }
        None if b.low <= 0.0 => out.push('?'),
        None => {
            out.push_str("≥ ");
            show(out, Some(Amount::exact(b.low)));
        }
    }
}

/// Money of a route: `$1,350–1,500`, `≥ $985.50`, `$2,475 to $12,375 ?`.
pub fn money_bounds(b: Bounds, code: &str) -> String {
    let mut out = String::with_capacity(24);
    push_bounded(&mut out, b, |out, a| push_money(out, a, code));
    out
}

/// Months of a route: `12–18`, `≥ 12`, `12 to 36 ?`.
pub fn months_bounds(b: Bounds) -> String {
    let mut out = String::with_capacity(12);
    push_bounded(&mut out, b, push_range);
    out
}

/// Money saved, in words: `saves $35,650`, `$2,000 more`; `?` when unknown.
pub fn saving(amount: Option<Amount>, code: &str) -> String {
    let mut out = String::with_capacity(24);
    push_worded(
        &mut out,
        amount,
        |out, a| push_money(out, Some(a), code),
        " more",
        "no saving",
    );
    out
}

/// Months saved, in words: `saves 4 months`, `10 months longer`; `?` when unknown.
pub fn months_saved(amount: Option<Amount>) -> String {
    let mut out = String::with_capacity(24);
    push_worded(
        &mut out,
        amount,
        |out, a| {
            push_range(out, Some(a));
            out.push_str(" months");
        },
        " longer",
        "the same months",
    );
    out
}

/// A signed difference in words, written at the end of `out`: what it saves when not
/// negative, the shortfall with `more` when not positive, both ends across zero; `zero` when
/// it is nothing.
fn push_worded(
    out: &mut String,
    amount: Option<Amount>,
    show: impl Fn(&mut String, Amount),
    more: &str,
    zero: &str,
) {
    let Some(a) = amount else {
        out.push('?');
        return;
    };
    let (lo, hi) = (a.min.min(a.max), a.min.max(a.max));
    if lo == 0.0 && hi == 0.0 {
        out.push_str(zero);
    } else if lo >= 0.0 {
        out.push_str("saves ");
        show(out, Amount::range(lo, hi));
    } else if hi <= 0.0 {
        show(out, Amount::range(-hi, -lo));
        out.push_str(more);
    } else {
        show(out, Amount::exact(-lo));
        out.push_str(more);
        out.push_str(" to saves ");
        show(out, Amount::exact(hi));
    }
}

/// A share as a percentage: `50%`; `–` when there is none.
pub fn share(value: Option<f64>) -> String {
    value.map_or_else(|| "–".into(), |v| format!("{}%", short(v * 100.0)))
}

/// An exchange rate with four significant figures or more: `1,333`, `94.96`, `0.0007501`.
pub fn rate(value: f64) -> String {
    if value >= 100.0 {
        grouped((value * 100.0).round() / 100.0)
    } else {
        let digits = (3 - libm::log10(value.abs()).floor() as i32).clamp(0, 12) as usize;
        format!("{value:.digits$}")
    }
}

/// The credit cell of a table row: the largest known share (`~` where computed from credits),
/// `?` for pathways of unknown share, `entry` for admission-only routes, `–` for none.
pub fn credit(summary: CreditSummary) -> String {
    match summary {
        CreditSummary::None => "–".into(),
        CreditSummary::Share { share: s, computed } => {
            format!("{}{}", if computed { "~" } else { "" }, share(Some(s)))
        }
        CreditSummary::Unknown => "?".into(),
        CreditSummary::Admission => "entry".into(),
    }
}

/// What one pathway grants, in words: `50%`, `~25% (7.5 of 30 credits)`, `share unknown`,
/// `admission only (no credit)`; `, full tuition` where the credit saves time, not money.
pub fn pathway_amount(pathway: &Pathway) -> String {
    let unit = pathway.unit.as_deref().unwrap_or("credits");
    let credits = pathway.credits.map(|c| match pathway.of {
        Some(of) => format!("{} of {} {unit}", short(c), short(of)),
        None => format!("{} {unit}", short(c)),
    });
    let mut text = match (pathway.kind(), credits) {
        (PathwayKind::Admission, _) => "admission only (no credit)".to_string(),
        (PathwayKind::Share { share: s, .. }, Some(credits)) => {
            format!("~{} ({credits}, computed)", share(Some(s)))
        }
        (PathwayKind::Share { share: s, .. }, None) => share(Some(s)),
        (PathwayKind::Unknown, Some(credits)) => format!("{credits} (share unknown)"),
        (PathwayKind::Unknown, None) => "share unknown".to_string(),
    };
    if pathway.tuition == Tuition::Full {
        text.push_str(", full tuition");
    }
    text
}

/// `line` with each pair of Markdown backticks replaced by `open` and `close` (`<code>` in a
/// page, bold in a man page); an unpaired backtick stays.
pub fn code_spans(line: &str, open: &str, close: &str) -> String {
    let ticks = line.matches('`').count();
    if ticks < 2 {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 16);
    let mut inside = false;
    for (i, part) in line.split('`').enumerate() {
        if i > 0 {
            if !inside && i == ticks {
                // The last backtick has no partner.
                out.push('`');
            } else {
                out.push_str(if inside { close } else { open });
                inside = !inside;
            }
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `short` as it was written with float formatting, which the whole-number one must match
    /// (zero and thousands never went through float formatting).
    fn short_by_formatting(value: f64) -> String {
        let rounded = (value * 10.0).round() / 10.0;
        if rounded == 0.0 || rounded.abs() >= 1000.0 {
            short(value)
        } else if rounded == rounded.trunc() {
            format!("{rounded:.0}")
        } else {
            format!("{rounded:.1}")
        }
    }

    #[test]
    fn tenths_are_what_the_float_formatting_writes() {
        let mut values = vec![
            0.0,
            -0.0,
            0.04,
            0.05,
            0.15,
            0.25,
            0.35,
            0.45,
            0.75,
            1.25,
            2.5,
            9.95,
            9.96,
            99.95,
            100.0,
            78.75,
            66.85,
            0.049_999_999_999_999_996,
            1e-300,
            5e-324,
            123_456.25,
            562_949_953_421_311.9,
            -0.04,
            -0.05,
            -1.25,
            -78.75,
            f64::NAN,
            f64::INFINITY,
            -f64::INFINITY,
            1e20,
            562_949_953_421_312.0,
        ];
        // Every tie and near-tie of hundredths up to 1,000, and random bits of every size.
        for k in 0..200_000 {
            let v = f64::from(k) / 200.0;
            values.extend([
                v,
                f64::from_bits(v.to_bits() + 1),
                f64::from_bits(v.to_bits().saturating_sub(1)),
            ]);
        }
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(f64::from_bits(x));
            values.push(f64::from_bits((x >> 12) | 0x3ff0_0000_0000_0000) * f64::from((x % 1000) as u32));
        }
        for v in values {
            assert_eq!(tenths(v), format!("{v:.1}"), "{v:e} ({:#x})", v.to_bits());
        }
    }

    /// `grouped` as it was written with `to_string`.
    fn grouped_by_formatting(value: f64) -> String {
        let cents = (value.abs() * 100.0).round() as u128;
        let (whole, fraction) = if cents >= 100_000 {
            (value.abs().round() as u128, 0)
        } else {
            (cents / 100, cents % 100)
        };
        let digits = whole.to_string();
        let mut out = String::new();
        if value < 0.0 && cents > 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if fraction != 0 {
            out.push_str(&format!(".{fraction:02}"));
        }
        out
    }

    #[test]
    fn grouped_digits_are_what_to_string_gives() {
        let mut value = 0.004_f64;
        while value < 1e25 {
            for v in [value, -value, value * 1.37, value + 0.005, value.round() - 0.5] {
                assert_eq!(grouped(v), grouped_by_formatting(v), "{v}");
            }
            value *= 1.9;
        }
        // Twenty digits in u64, and past it, where they are written nineteen at a time, zeros
        // between them too.
        for v in [
            1e19,
            1e20,
            18_446_744_073_709_551_616.0,
            1.000_000_000_000_000_2e19,
            5e23 + 2f64.powi(30),
        ] {
            assert_eq!(grouped(v), grouped_by_formatting(v), "{v}");
        }
        assert_eq!(grouped(1e20), "100,000,000,000,000,000,000");
        assert_eq!(grouped(1_234_567_890_123.0), "1,234,567,890,123");
        assert_eq!(money(Some(Amount::range(0.0, 0.001)), "USD"), "$0");
        assert_eq!(money(Some(Amount::range(-0.001, 5.0)), "GBP"), "£0 to £5");
    }

    #[test]
    fn short_figures_are_what_float_formatting_prints() {
        assert_eq!(short(7.44), "7.4");
        assert_eq!(short(-0.04), "0");
        assert_eq!(short(-0.06), "-0.1");
        assert_eq!(short(999.96), "1,000");
        // Every tenth below 1,000 either way, and values between them and at their ties.
        for tenths in -10_000..=10_000 {
            for offset in [0.0, 0.049_999, 0.05, 0.050_001, -0.05, 0.5e-9, 0.033, 0.077] {
                let value = f64::from(tenths) / 10.0 + offset;
                assert_eq!(short(value), short_by_formatting(value), "{value}");
            }
        }
    }

    #[test]
    fn money_groups_thousands_and_joins_ranges() {
        assert_eq!(money(Some(Amount::exact(1350.0)), "USD"), "$1,350");
        assert_eq!(money(Some(Amount::range(1350.0, 1500.0)), "USD"), "$1,350–1,500");
        assert_eq!(money(Some(Amount::exact(985.5)), "EUR"), "€985.50");
        assert_eq!(money(Some(Amount::exact(1_234_567.0)), "CHF"), "CHF 1,234,567");
        assert_eq!(money(Some(Amount::exact(-2500.0)), "USD"), "-$2,500");
        assert_eq!(money(Some(Amount::range(-500.0, 200.0)), "USD"), "-$500 to $200");
        assert_eq!(money(Some(Amount::range(300.0, 100.0)), "USD"), "$100–300");
        assert_eq!(money(None, "USD"), "?");
    }

    #[test]
    fn grouping_handles_small_negative_and_rounded_values() {
        assert_eq!(grouped(0.0), "0");
        assert_eq!(grouped(999.999), "1,000");
        assert_eq!(grouped(-0.001), "0");
        assert_eq!(grouped(100_000.0), "100,000");
    }

    #[test]
    fn large_figures_are_exact_and_whole() {
        assert_eq!(grouped(2f64.powi(70)), "1,180,591,620,717,411,303,424");
        assert_eq!(grouped(1e12), "1,000,000,000,000");
        assert_eq!(grouped(1_799_688.05), "1,799,688");
        assert_eq!(grouped(999.5), "999.50");
    }

    #[test]
    fn rates_keep_four_significant_figures_and_unsafe_text_is_escaped() {
        assert_eq!(rate(1333.1098), "1,333");
        assert_eq!(rate(0.000_750), "0.0007500");
        assert_eq!(rate(1.1172), "1.117");
        assert_eq!(plain("a\u{1b}[2Jb\u{202e}c\td"), "a\\u{1b}[2Jb\\u{202e}c\td");
    }

    #[test]
    fn months_and_shares_keep_one_decimal() {
        assert_eq!(range(Some(Amount::range(12.0, 18.0))), "12–18");
        assert_eq!(range(Some(Amount::range(7.44, 7.4))), "7.4");
        assert_eq!(range(None), "?");
        assert_eq!(range(Some(Amount::range(-14.2, -38.2))), "-38.2 to -14.2");
        assert_eq!(share(Some(0.5)), "50%");
        assert_eq!(share(Some(0.125)), "12.5%");
        assert_eq!(share(None), "–");
    }
}
