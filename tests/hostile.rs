//! Hostile input never crashes the tool, hangs it or makes it claim something false.

mod common;

use std::time::Duration;

use common::micromasters;

/// Runs `validate` on `file` alone, within a few seconds; returns (exit code, stdout, stderr).
fn validate(file: &std::path::Path) -> (i32, String, String) {
    let output = micromasters()
        .args(["--no-builtin", "validate"])
        .arg(file)
        .timeout(Duration::from_secs(20))
        .output()
        .expect("the binary runs");
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(!err.contains("panicked"), "{err}");
    (
        output
            .status
            .code()
            .expect("an exit code, not a signal or a time-out"),
        out.into_owned(),
        err.into_owned(),
    )
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new("tests/fixtures/hostile").join(name)
}

#[test]
fn a_truncated_file_is_a_clear_error() {
    let (code, out, _) = validate(&fixture("truncated.toml"));
    assert_eq!(code, 1);
    assert!(
        out.starts_with("tests/fixtures/hostile/truncated.toml:81:8: invalid TOML"),
        "{out}"
    );
}

#[test]
fn binary_junk_is_one_line() {
    let (code, out, _) = validate(&fixture("junk.toml"));
    assert_eq!(code, 1);
    assert!(
        out.starts_with("tests/fixtures/hostile/junk.toml: is not UTF-8 text"),
        "{out}"
    );
}

#[test]
fn very_deep_nesting_is_refused_without_overflowing_the_stack() {
    for name in ["deep.toml", "deep_tables.toml"] {
        let (code, out, _) = validate(&fixture(name));
        assert_eq!(code, 1);
        assert!(
            out.contains(": brackets nested more than 64 levels deep"),
            "{out}"
        );
    }
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_load() {
    let (code, out, _) = validate(&fixture("bom_crlf.toml"));
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("1 program and 1 institution"));
}

#[test]
fn duplicate_tables_are_reported() {
    let (code, out, _) = validate(&fixture("duplicate_tables.toml"));
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "tests/fixtures/hostile/duplicate_tables.toml:6:1: duplicate key `rates`: it is already set earlier in this file"
    );
    assert!(
        lines[1].starts_with("tests/fixtures/hostile/duplicate_tables.toml:25:"),
        "{out}"
    );
}

#[test]
fn valid_entries_beside_invalid_ones_are_not_blamed() {
    let (code, out, _) = validate(&fixture("mixed.toml"));
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("tests/fixtures/hostile/mixed.toml:15:15: invalid TOML"));
    assert!(lines[1].starts_with("tests/fixtures/hostile/mixed.toml:31:8: `cost`"));
    assert!(lines[2].starts_with("2 programs and 1 institution"));
}

#[test]
fn very_long_strings_are_refused_each_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.toml");
    let long = "é".repeat(1 << 20);
    std::fs::write(
        &path,
        format!(
            "format = 1\n[[institution]]\nid = \"u\"\nname = \"{long}\"\n[[program]]\nid = \"p\"\nname = \"{long}\"\n\
             kind = \"certificate\"\ninstitution = \"u\"\npacing = \"both\"\ncost = 1\nmonths = 1\nnotes = \"{long}\"\n"
        ),
    )
    .unwrap();
    let (code, out, _) = validate(&path);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let file = path.display();
    // Strings hold at most 4,096 bytes of text (quotes aside): each of the three is reported at
    // its opening quote.
    assert_eq!(lines.len(), 4, "{out}");
    for (line, row) in lines.iter().zip([4, 7, 13]) {
        let column = if row == 13 { 9 } else { 8 };
        assert_eq!(
            *line,
            format!(
                "{file}:{row}:{column}: this string is 2097152 bytes long; catalogue strings hold at most 4096 bytes"
            )
        );
    }
}

#[test]
fn tens_of_thousands_of_broken_entries_are_all_reported_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.toml");
    let mut text = String::from("format = 1\n[[institution]]\nid = \"u\"\nname = \"U\"\n");
    for i in 0..30_000 {
        // The first 2,000 are valid, the others have a reversed range.
        let cost = if i < 2_000 { "1" } else { "[3, 1]" };
        text.push_str(&format!(
            "[[program]]\nid = \"p{i}\"\nname = \"P\"\nkind = \"certificate\"\ninstitution = \"u\"\npacing = \"both\"\n\
             cost = {cost}\nmonths = 1\n"
        ));
    }
    // Duplicates too: each is placed against its first definition without rescanning the file.
    for i in 0..2_000 {
        text.push_str(&format!(
            "[[program]]\nid = \"p{i}\"\nname = \"P\"\nkind = \"certificate\"\ninstitution = \"u\"\npacing = \"both\"\n\
             cost = 1\nmonths = 1\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    let (code, out, _) = validate(&path);
    assert_eq!(code, 1);
    assert!(
        out.ends_with("30000 problems found\n"),
        "{}",
        &out[out.len().saturating_sub(200)..]
    );
    assert!(
        out.contains(":240006:6: duplicate program id `p0`: it is already defined at line 6 of this file\n")
    );
}

#[test]
fn odd_flags_are_usage_or_data_errors_never_crashes() {
    let cases: &[(&[&str], i32)] = &[
        (&["compare", "--max-cost", "1e308"], 2),
        (&["compare", "--max-cost", "1e400"], 2),
        (&["compare", "--max-cost", "NaN"], 2),
        (&["compare", "--max-months", "-1"], 2),
        (&["compare", "--limit", "18446744073709551616"], 2),
        (&["compare", "--limit", "18446744073709551615"], 0),
        (&["compare", "--min-credit", ""], 2),
        (&["compare", "--university", ""], 0),
        (&["compare", "--weights", ""], 2),
        (&["compare", "--sort", ""], 2),
        (&["compare", "--sort", "-"], 2),
        (&["compare", "💥"], 1),
        (&["show", "' OR 1=1 --"], 1),
        (&["show", "../../etc/passwd"], 1),
        // Hours a person could mean: from half an hour a week.
        (&["estimate", "mitx-scm", "--hours-per-week", "1e-300"], 2),
        (&["estimate", "mitx-scm", "--hours-per-week", "5e-324"], 2),
        (&["estimate", "mitx-scm", "--hours-per-week", "0.5"], 0),
        (
            &[
                "compare",
                "--weights",
                "cost=1e308,months=1e308,credit=1e308,pacing=1e308",
            ],
            2,
        ),
        (
            &[
                "compare",
                "--weights",
                "cost=1000,months=1000,credit=1000,pacing=1000",
            ],
            0,
        ),
        (&["plan", "--budget", "1e300"], 2),
        (&["estimate", "mitx-scm", "--courses-per-term", "13"], 2),
        (&["estimate", "mitx-scm", "--hours-per-week", "inf"], 2),
        (&["estimate", "mitx-scm", "--courses-per-term", "4294967296"], 2),
        // A negative-looking share reaches the share parser, which names the range.
        (&["estimate", "mitx-scm", "--aid", "-0"], 0),
        (&["estimate", "mitx-scm", "--aid", "-10%"], 2),
        (&["estimate", "mitx-scm", "--hours-per-week", "200"], 2),
        (&["estimate", "mitx-scm", "--aid=-0"], 0),
        (&["estimate", "mitx-scm", "--then", ""], 1),
        (&["--currency", "", "list"], 1),
        (&["--catalog", "", "list"], 2),
        (&["completions", "tcsh"], 2),
    ];
    for (args, expected) in cases {
        let output = micromasters()
            .args(*args)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(output.status.code(), Some(*expected), "{args:?}: {err}");
        if *expected != 0 {
            assert!(err.starts_with("error: "), "{args:?}: {err}");
        }
    }
}
