//! How problems are worded: parser and serde messages in the catalogue's words, numbers and
//! limits as people read them, and the one way every message suggests a close word or id.

/// A number found in a file, short even when huge or tiny: `1e300`, not three hundred digits.
pub fn shown(value: f64) -> String {
    if value != 0.0 && !(1e-6..1e15).contains(&value.abs()) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// A limit as people read it: `1,000` or `10^12`.
pub fn limit(high: f64) -> String {
    if high >= 1e7 {
        format!("10^{}", libm::log10(high).round())
    } else {
        // Thousands grouped, as everywhere else: the limits are whole numbers.
        let digits = format!("{high:.0}");
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        grouped
    }
}

/// Makes serde's and the TOML parser's messages speak the catalogue's language, and adds the
/// closest allowed word to a misspelt key or value.
pub fn humanize(message: &str) -> String {
    let message = message.trim_end().trim_end_matches('.');
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if message.starts_with("unknown field ") {
        let found = quoted.first().copied().unwrap_or("");
        return format!("unknown key `{found}`{}", suggestion(found, &quoted[1..], "keys"));
    }
    if message.starts_with("unknown variant ") {
        let found = quoted.first().copied().unwrap_or("");
        return not_allowed(found, &quoted[1..]);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("missing required key {rest}");
    }
    let mut text = message.to_string();
    for (from, to) in [
        ("invalid type: ", "wrong type: found "),
        ("invalid value: ", "wrong value: found "),
        ("expected f64", "expected a number"),
        ("expected i64", "expected a whole number"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected a table"),
        ("floating point", "number"),
    ] {
        text = text.replace(from, to);
    }
    if let Some(pos) = text.find("expected struct ") {
        text.replace_range(pos.., "expected a table");
    }
    text
}

/// A word that is not one of `allowed`: the allowed words, and the closest one.
pub fn not_allowed(found: &str, allowed: &[&str]) -> String {
    let list: Vec<String> = allowed.iter().map(|q| format!("`{q}`")).collect();
    let mut text = format!(
        "`{found}` is not allowed here; expected one of {}",
        list.join(", ")
    );
    if let Some(close) = closest(found, allowed) {
        text.push_str(&format!("; did you mean `{close}`?"));
    }
    text
}

fn suggestion(found: &str, allowed: &[&str], what: &str) -> String {
    let list: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
    let otherwise = if allowed.is_empty() {
        String::new()
    } else {
        format!("allowed {what}: {}", list.join(", "))
    };
    did_you_mean(found, allowed.iter().copied(), 0.8, 1, &otherwise)
}

/// The one way every message suggests: `; did you mean `a`?` (or `` `a`, `b` or `c` `` for up to
/// `most` candidates within `threshold` of `found`), else `; {otherwise}` (nothing when empty).
pub fn did_you_mean<'a>(
    found: &str,
    candidates: impl Iterator<Item = &'a str>,
    threshold: f64,
    most: usize,
    otherwise: &str,
) -> String {
    let mut close = ranked(found, candidates, threshold);
    close.truncate(most);
    let quoted: Vec<String> = close.iter().map(|c| format!("`{c}`")).collect();
    did_you_mean_worded(&quoted, otherwise)
}

/// `; did you mean a?` (or `a, b or c`) for suggestions already worded, else `; {otherwise}`
/// (nothing when empty): `did_you_mean`'s wording, for a caller that adds to each suggestion.
pub fn did_you_mean_worded(worded: &[String], otherwise: &str) -> String {
    match worded {
        [] if otherwise.is_empty() => String::new(),
        [] => format!("; {otherwise}"),
        [one] => format!("; did you mean {one}?"),
        [first @ .., last] => format!("; did you mean {} or {last}?", first.join(", ")),
    }
}

/// The allowed word closest to `found`, if any is close enough to be a likely misspelling.
/// The work is bounded, so that thousands of misspelt long ids stay quick: only words of a
/// plausible length are compared, at most `MAX_CANDIDATES` of them.
pub fn closest<'a>(found: &str, allowed: &[&'a str]) -> Option<&'a str> {
    ranked(found, allowed.iter().copied(), 0.8).into_iter().next()
}

/// Words compared at most for one suggestion.
pub const MAX_CANDIDATES: usize = 1_000;

/// The words of `allowed` within `threshold` of `found` (Jaro-Winkler), best first, then A to Z.
pub fn ranked<'a>(found: &str, allowed: impl Iterator<Item = &'a str>, threshold: f64) -> Vec<&'a str> {
    let length = found.chars().count();
    if length > super::text::MAX_ID {
        return Vec::new();
    }
    let plausible = |word: &&str| word.len().abs_diff(found.len()) <= 2 + found.len() / 2;
    let mut scored: Vec<(f64, &str)> = allowed
        .filter(plausible)
        .take(MAX_CANDIDATES)
        .map(|a| (strsim::jaro_winkler(found, a), a))
        .filter(|(score, _)| *score >= threshold)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().map(|(_, a)| a).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_name_the_closest_allowed_key() {
        let message = "unknown field `cots`, expected one of `id`, `name`, `cost`, `currency`";
        assert_eq!(humanize(message), "unknown key `cots`; did you mean `cost`?");
        let far = "unknown field `zzz`, expected `id` or `name`";
        assert_eq!(humanize(far), "unknown key `zzz`; allowed keys: `id`, `name`");
    }

    #[test]
    fn unknown_values_list_the_allowed_values() {
        let message = "unknown variant `self-paced2`, expected one of `instructor-led`, `self-paced`, `both`, `unknown`";
        assert_eq!(
            humanize(message),
            "`self-paced2` is not allowed here; expected one of `instructor-led`, `self-paced`, `both`, `unknown`; did you mean `self-paced`?"
        );
    }

    #[test]
    fn type_errors_use_plain_words() {
        assert_eq!(
            humanize("invalid type: string \"a\", expected f64"),
            "wrong type: found string \"a\", expected a number"
        );
        assert_eq!(humanize("missing field `name`"), "missing required key `name`");
    }

    #[test]
    fn suggestions_name_up_to_the_closest_few_or_say_what_to_do() {
        let ids = ["mitx-scm", "mitx-sds", "mitx-pom", "uopeople-mba"];
        assert_eq!(
            did_you_mean("mitx-scn", ids.into_iter(), 0.8, 1, "x"),
            "; did you mean `mitx-scm`?"
        );
        assert_eq!(
            did_you_mean("mitx-s", ids.into_iter(), 0.7, 3, "x"),
            "; did you mean `mitx-scm`, `mitx-sds` or `mitx-pom`?"
        );
        assert_eq!(did_you_mean("zzz", ids.into_iter(), 0.8, 1, "add it"), "; add it");
        assert_eq!(did_you_mean("zzz", ids.into_iter(), 0.8, 1, ""), "");
    }
}
