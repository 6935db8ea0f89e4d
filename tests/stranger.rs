//! A stranger's catalogue changes nothing silently and costs bounded work: each case of the
//! review that found them, with its exact `FILE:LINE:COLUMN`.

mod common;

use std::time::Duration;

use common::{micromasters, stdout_of};
use serde_json::Value;

const HOSTILE: &str = "tests/fixtures/hostile";

fn fixture(name: &str) -> String {
    format!("{HOSTILE}/{name}")
}

#[test]
fn a_later_file_that_replaces_a_built_in_rate_is_named_as_a_correction() {
    let file = fixture("rate_override.toml");
    let mut validate = micromasters();
    validate.args(["validate", &file]);
    let out = stdout_of(&mut validate, 0);
    assert!(
        out.contains(&format!(
            "corrected: rate `EUR` of data/catalog.toml by {file}: 1 EUR = 1.1172 → 0.5 USD\n"
        )),
        "{out}"
    );
    assert!(
        out.ends_with("2 corrected by later sources; 0 problems found\n"),
        "{out}"
    );
    let mut json = micromasters();
    json.args([
        "--catalog",
        &file,
        "--currency",
        "EUR",
        "--format",
        "json",
        "compare",
        "mitx-scm",
    ]);
    let record: Value = serde_json::from_str(&stdout_of(&mut json, 0)).unwrap();
    // $1,400 at 0.5 USD a euro; the rate names the file's own (claimed) source.
    assert_eq!(record[0]["cost_min"], 2800);
    assert_eq!(record[0]["rate"]["per_usd"], 2.0);
    assert_eq!(record[0]["rate"]["source"], "trust me");
    assert_eq!(record[0]["corrected_by"], serde_json::json!([file]));
    let mut table = micromasters();
    table.args([
        "--catalog",
        &file,
        "--currency",
        "EUR",
        "--width",
        "300",
        "compare",
        "mitx-scm",
    ]);
    let out = stdout_of(&mut table, 0).replace('\n', " ");
    assert!(
        out.contains(&format!("corrected by {file} (1 entry; rate EUR)")),
        "{out}"
    );
}

#[test]
fn every_file_behind_a_stacked_correction_is_named() {
    let (first, second) = (fixture("rate_override.toml"), fixture("stacked_correction.toml"));
    for command in [
        &["compare", "mitx-scm"][..],
        &["list", "-u", "mitx"],
        &["plan", "--toward", "mit-scm-masters"],
        &["estimate", "mitx-scm"],
        &["chart", "mitx-scm"],
        &["audit", "-u", "mitx"],
    ] {
        let mut table = micromasters();
        table
            .args(["--catalog", &first, "--catalog", &second, "--width", "300"])
            .args(command);
        let out = stdout_of(&mut table, 0).replace('\n', " ");
        if command[0] != "audit" {
            assert!(
                out.contains(&format!(
                    "corrected by {first} (1 entry; rate EUR), {second} (1 entry)"
                )),
                "{command:?}: {out}"
            );
        }
        if command[0] == "audit" {
            continue;
        }
        let mut json = micromasters();
        json.args(["--catalog", &first, "--catalog", &second, "--format", "json"])
            .args(command);
        let out: Value = serde_json::from_str(&stdout_of(&mut json, 0)).unwrap();
        let text = out.to_string();
        assert!(
            text.contains(&second),
            "{command:?}: the second file is named in the records"
        );
    }
}

#[test]
fn an_entry_with_five_problems_is_reported_in_one_run_each_at_its_place() {
    let file = fixture("five_problems.toml");
    let mut validate = micromasters();
    validate.args(["--no-builtin", "validate", &file]);
    assert_eq!(
        stdout_of(&mut validate, 1),
        format!(
            "{file}:11:8: `micromaster` is not allowed here; expected one of `micromasters`, `microbachelors`, `certificate`, `masters`, `bachelors`; did you mean `micromasters`?\n\
             {file}:12:15: unknown institution `nowhere`; add an `[[institution]]` with this id\n\
             {file}:13:10: `self` is not allowed here; expected one of `instructor-led`, `self-paced`, `both`, `unknown`\n\
             {file}:15:10: `months`: must be greater than 0, found 0\n\
             {file}:16:11: `courses` must be a whole number from 1 to 1,000, found 0\n\
             0 programs and 1 institution from 1 source; 0 corrected by later sources; 5 problems found\n"
        )
    );
}

#[test]
fn tabs_are_refused_outside_notes_and_shown_as_spaces() {
    let file = fixture("tab.toml");
    let mut validate = micromasters();
    validate.args(["--no-builtin", "validate", &file]);
    let message = "this string holds a tab; only `notes` (and a pathway's `note`) may hold tabs and newlines: write it on one line, with spaces";
    assert_eq!(
        stdout_of(&mut validate, 1),
        format!(
            "{file}:6:10: {message}\n{file}:7:11: {message}\n1 program and 1 institution from 1 source; 0 corrected by later sources; 2 problems found\n"
        )
    );
    // In notes a tab is allowed, and a table shows it as a space.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("note.toml");
    std::fs::write(
        &path,
        "format = 1\n[[program]]\nid = \"mitx-scm\"\nnotes = \"a\tb\"\n",
    )
    .unwrap();
    let mut show = micromasters();
    show.arg("--catalog").arg(&path).args(["show", "mitx-scm"]);
    let out = stdout_of(&mut show, 0);
    assert!(!out.contains('\t'), "{out}");
    assert!(out.contains("a b"), "{out}");
}

#[test]
fn the_length_limit_counts_the_text_not_the_escapes() {
    let file = fixture("escaped_long.toml");
    let mut validate = micromasters();
    validate.args(["--no-builtin", "validate", &file]);
    let out = stdout_of(&mut validate, 1);
    // 4,096 `\u0041` escapes are 4,096 bytes of text: allowed; 4,097 raw bytes: refused.
    assert_eq!(
        out,
        format!(
            "{file}:7:9: this string is 4097 bytes long; catalogue strings hold at most 4096 bytes\n\
             0 programs and 1 institution from 1 source; 0 corrected by later sources; 1 problem found\n"
        )
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_nobody_writes_to_ends_with_an_error_and_one_with_a_writer_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("catalogue.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    let output = micromasters()
        .arg("--catalog")
        .arg(&fifo)
        .arg("validate")
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        out.starts_with(&format!(
            "{}: is a pipe that no program wrote to within 3 seconds; give a file, or `<(command)`",
            fifo.display()
        )),
        "{out}"
    );
    // With a writer, the pipe is read like a file.
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        std::fs::write(writer_path, std::fs::read("tests/fixtures/valid.toml").unwrap()).unwrap();
    });
    let mut read = micromasters();
    read.args(["--no-builtin", "--catalog"])
        .arg(&fifo)
        .arg("validate");
    let out = stdout_of(&mut read, 0);
    assert!(out.ends_with("0 problems found\n"), "{out}");
    writer.join().unwrap();
}

#[test]
fn a_source_date_epoch_before_the_built_in_dates_refuses_nothing_built_in() {
    // Nix builds set SOURCE_DATE_EPOCH to 1980-01-01.
    let mut compare = micromasters();
    compare
        .env("SOURCE_DATE_EPOCH", "315532800")
        .args(["compare", "--limit", "1"]);
    stdout_of(&mut compare, 0);
    // A file of one's own is still held to "today".
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    std::fs::write(
        &path,
        "format = 1\n[[program]]\nid = \"mitx-scm\"\nverified = 2020-01-01\n",
    )
    .unwrap();
    let mut validate = micromasters();
    validate
        .env("SOURCE_DATE_EPOCH", "315532800")
        .arg("validate")
        .arg(&path);
    let out = stdout_of(&mut validate, 1);
    assert!(
        out.starts_with(&format!(
            "{}:4:12: `verified` is 2020-01-01, later than today (1980-01-01): a check cannot happen in the future\n",
            path.display()
        )),
        "{out}"
    );
}
