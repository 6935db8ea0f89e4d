//! A catalogue from a stranger stays harmless: no control or bidirectional character reaches a
//! terminal from any command in any format, formulas stay text in CSV, markup stays text in
//! Markdown, numbers stay in range, and no output stream makes the tool panic.

mod common;

use std::borrow::Cow;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::micromasters;

/// Every command once, with the ids the hostile fixtures use.
const COMMANDS: &[&[&str]] = &[
    &["compare"],
    &["compare", "--explain"],
    &["list"],
    &["show", "p"],
    &["estimate", "p"],
    &["plan"],
    &["audit"],
    &["validate"],
];

const FORMATS: [&str; 4] = ["table", "json", "csv", "markdown"];

/// The attack files the loader must refuse: control and bidirectional characters, raw or
/// escaped, in names, notes, institutions and degrees.
const REFUSED: [&str; 8] = [
    "escape_clear_screen.toml",
    "escape_osc8_link.toml",
    "carriage_return.toml",
    "bidi_override.toml",
    "c1_control.toml",
    "escape_in_degree.toml",
    "del_character.toml",
    "toml11_escapes.toml",
];

/// The first control (but newline) or bidirectional character in `bytes`, if any.
fn forbidden(bytes: &[u8]) -> Option<char> {
    String::from_utf8_lossy(bytes).chars().find(|&c| {
        (c.is_control() && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

fn hostile(name: &str) -> std::path::PathBuf {
    Path::new("tests/fixtures/hostile").join(name)
}

/// Runs `args` on `file` alone in `format`; returns (exit code, stdout, stderr).
fn run(file: &Path, format: &str, args: &[&str]) -> (i32, Vec<u8>, Vec<u8>) {
    let output = micromasters()
        .args(["--no-builtin", "--catalog"])
        .arg(file)
        .args(["--format", format])
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    (
        output.status.code().expect("an exit code"),
        output.stdout,
        output.stderr,
    )
}

#[test]
fn refused_text_never_reaches_a_terminal_from_any_command_or_format() {
    for name in REFUSED {
        let file = hostile(name);
        for format in FORMATS {
            for args in COMMANDS {
                let (code, out, err) = run(&file, format, args);
                assert_eq!(code, 1, "{name} {format} {args:?}");
                assert_eq!(forbidden(&out), None, "{name} {format} {args:?} stdout");
                assert_eq!(forbidden(&err), None, "{name} {format} {args:?} stderr");
                // `validate` lists problems on stdout, the other commands on stderr.
                let both = [out, err].concat();
                let both = String::from_utf8_lossy(&both);
                assert!(
                    both.contains("may not hold control or bidirectional characters"),
                    "{name}: {both}"
                );
            }
        }
    }
}

#[test]
fn an_id_typed_on_the_command_line_is_shown_escaped() {
    let output = micromasters()
        .args(["show", "\u{1b}[2J\u{202e}x"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(forbidden(&output.stderr), None);
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown program `\\u{1b}[2J\\u{202e}x`"));
}

#[test]
fn formulas_stay_text_in_csv_and_markup_stays_text_in_markdown() {
    let file = hostile("formulas_and_markup.toml");
    for format in FORMATS {
        for args in COMMANDS {
            let args: Vec<&str> = args
                .iter()
                .map(|a| if *a == "p" { "formula" } else { a })
                .collect();
            let (code, out, err) = run(&file, format, &args);
            assert_eq!(code, 0, "{format} {args:?}: {}", String::from_utf8_lossy(&err));
            assert_eq!(forbidden(&out), None);
            assert_eq!(forbidden(&err), None);
        }
    }
    let (_, csv, _) = run(&file, "csv", &["list"]);
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let header = reader.headers().unwrap().clone();
    let name = header.iter().position(|h| h == "name").unwrap();
    let institution = header.iter().position(|h| h == "institution_name").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let formula = rows.iter().find(|r| &r[0] == "formula").unwrap();
    assert_eq!(&formula[name], "'+1+1");
    assert_eq!(&formula[institution], "'=cmd|' /C calc'!A0");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '@']),
                "a formula reached CSV: {cell}"
            );
        }
    }
    let (_, show, _) = run(&file, "csv", &["show", "formula"]);
    assert!(String::from_utf8_lossy(&show).contains("'=HYPERLINK"));
    let (_, markdown, _) = run(&file, "markdown", &["show", "markup"]);
    let markdown = String::from_utf8_lossy(&markdown);
    for raw in ["<script", "<img"] {
        assert!(!markdown.contains(raw), "{raw} reached Markdown:\n{markdown}");
    }
    // A link needs an unescaped `]` right before its `(`: escaped brackets cannot open one.
    assert_eq!(
        markdown.matches("](javascript:").count(),
        markdown.matches("\\](javascript:").count(),
        "a link reached Markdown:\n{markdown}"
    );
    assert!(
        markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{markdown}"
    );
}

#[test]
fn numbers_out_of_range_and_future_dates_are_refused_each_at_its_place() {
    let (code, out, _) = run(&hostile("numbers.toml"), "table", &["validate"]);
    assert_eq!(code, 1);
    let out = String::from_utf8(out).unwrap();
    let f = "tests/fixtures/hostile/numbers.toml";
    for expected in [
        format!(
            "{f}:3:9: `as_of` is 2999-01-01, later than today (2026-11-29): a check cannot happen in the future"
        ),
        format!(
            "{f}:4:17: rate of `EUR` must be between 0.000001 and 1,000,000 (the value of one unit in USD), found 5e-324"
        ),
        format!("{f}:16:11: `courses` must be a whole number from 1 to 1,000, found 4294967296"),
        format!("{f}:18:8: `cost` must be at most 10^12, found 1.8e17"),
        format!("{f}:19:10: `months` must be at most 600, found 601"),
        format!("{f}:20:18: `hours_per_week` must be at most 168, found 200"),
        format!(
            "{f}:21:12: `verified` is 2999-01-01, later than today (2026-11-29): a check cannot happen in the future"
        ),
        format!("{f}:22:23: `per_course` must be in [0, 10^12], found 10000000000000"),
    ] {
        assert!(
            out.lines().any(|l| l == expected),
            "missing `{expected}` in\n{out}"
        );
    }
}

#[test]
fn the_largest_allowed_amounts_print_exactly_and_score_finitely() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.toml");
    std::fs::write(
        &path,
        "format = 1\nrates = { XAU = 1000000 }\n[[institution]]\nid = \"u\"\nname = \"U\"\n\
         [[program]]\nid = \"gold\"\nname = \"Gold\"\nkind = \"certificate\"\ninstitution = \"u\"\npacing = \"both\"\n\
         currency = \"XAU\"\ncost = 1000000000000\nmonths = 600\n\
         [[program]]\nid = \"cheap\"\nname = \"Cheap\"\nkind = \"certificate\"\ninstitution = \"u\"\npacing = \"both\"\n\
         cost = 0\nmonths = 0.1\n",
    )
    .unwrap();
    let (code, out, _) = run(&path, "json", &["compare"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    for record in json.as_array().unwrap() {
        let score = record["score"].as_f64().expect("a finite score");
        assert!((0.0..=100.0).contains(&score));
    }
    // 10^12 units of a currency worth 10^6 USD each: 10^18 USD, printed digit for digit.
    let (_, table, _) = run(&path, "table", &["--width", "120", "show", "gold"]);
    assert!(String::from_utf8_lossy(&table).contains("$1,000,000,000,000,000,000"));
}

#[test]
fn no_command_panics_when_stdout_or_stderr_is_full_or_closed() {
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    for args in COMMANDS
        .iter()
        .chain([&["--help"][..], &["--version"], &["compare", "--max-cost", "0"]].iter())
    {
        let command = || {
            let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("micromasters"));
            command
                .env("SOURCE_DATE_EPOCH", common::TODAY_EPOCH)
                .env_remove("MICROMASTERS_CATALOG")
                .args(["--no-builtin", "--catalog", "tests/fixtures/valid.toml"])
                .args(*args);
            command
        };
        let stdout_full = command().stdout(full()).stderr(Stdio::null()).status().unwrap();
        assert_ne!(stdout_full.code(), Some(101), "{args:?} stdout full");
        assert_ne!(
            stdout_full.code(),
            Some(0),
            "{args:?}: a full disk is not success"
        );
        let stderr_full = command().stdout(Stdio::null()).stderr(full()).status().unwrap();
        assert_ne!(stderr_full.code(), Some(101), "{args:?} stderr full");
        // Closed: the reading end is gone before anything is written.
        let mut child = command()
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_ne!(status.code(), Some(101), "{args:?} closed");
    }
}

#[test]
fn validate_reports_invalid_through_a_closed_pipe() {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("micromasters"));
    command
        .args(["--no-builtin", "validate", "tests/fixtures/hostile/numbers.toml"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = command.spawn().unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn three_thousand_misspelt_long_ids_validate_in_under_two_seconds() {
    let mut text = String::from("format = 1\n[[institution]]\nid = \"u\"\nname = \"U\"\n");
    let long = |i: usize| format!("{}-{i:05}", "degree-of-a-very-long-name-".repeat(2));
    for i in 0..3000 {
        text.push_str(&format!(
            "[[program]]\nid = \"{}\"\nname = \"N\"\nkind = \"masters\"\ninstitution = \"u{i}\"\npacing = \"both\"\n\
             cost = 1\nmonths = 1\ncredit = [{{ toward = \"{}x\", share = 0.5 }}]\n",
            long(i),
            long((i + 1) % 3000)
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long-ids.toml");
    std::fs::write(&path, text).unwrap();
    let started = Instant::now();
    let output = micromasters()
        .args(["--no-builtin", "validate"])
        .arg(&path)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert_eq!(output.status.code(), Some(1));
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        // Each entry: its id and its `toward` too long to be ids, and an unknown institution.
        out.ends_with("9000 problems found\n"),
        "{}",
        &out[out.len().saturating_sub(200)..]
    );
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

#[test]
fn renderers_escape_even_text_the_loader_would_refuse() {
    // Defence in depth: the loader refuses these, but a catalogue built in code reaches the
    // renderers all the same.
    use micromasters::catalog::{Date, Source, load};
    use micromasters::cmd::{self, Context};
    use micromasters::money::Money;
    use micromasters::render::{Format, Style};
    let text = std::fs::read_to_string("tests/fixtures/valid.toml").unwrap();
    let mut loaded = load(vec![Ok(Source::new("valid.toml", Cow::Owned(text)))]);
    assert_eq!(loaded.problems, []);
    for program in &mut loaded.catalog.programs {
        program.name = format!("{}\u{1b}[2J\u{9b}\r\u{7f}\u{202e}", program.name).into();
        program.rare.notes = Some("\u{1b}]8;;https://evil.example\u{7}x".into());
    }
    let catalog = &loaded.catalog;
    let money = Money::new(catalog, None).unwrap();
    for format in [
        Format::Table,
        Format::Json,
        Format::Csv,
        Format::Markdown,
        Format::Html,
    ] {
        let ctx = Context {
            format,
            style: Style {
                color: false,
                width: 80,
                ascii: false,
            },
            money: money.clone(),
            today: Date {
                year: 2026,
                month: 11,
                day: 29,
            },
            command: "micromasters list".into(),
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let all = micromasters::filter::Filter {
            include_retired: true,
            ..Default::default()
        };
        cmd::list::run(&all, None, None, catalog, &ctx, &mut out, &mut err).unwrap();
        cmd::show::run(&["scm".into(), "mba".into()], catalog, &ctx, &mut out, &mut err).unwrap();
        assert_eq!(forbidden(&out), None, "{format}");
        if format == Format::Json {
            // Escapes in JSON still mean the same text.
            assert!(String::from_utf8_lossy(&out).contains("\\u001b[2J\\u009b\\r\\u007f\\u202e"));
        }
    }
}
