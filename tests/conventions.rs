//! What a demanding new user expects of a command-line tool, one test per thing they tripped on:
//! matching, footers, currencies, the manual and help, standard input, TERM, errors that say
//! where, and small figures.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::{micromasters, on_fixture, record_ids, stderr_of, stdout_of};
use serde_json::Value;

fn ids(args: &[&str]) -> Vec<String> {
    let mut command = micromasters();
    command.args(["--format", "json"]).args(args);
    let json: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
    record_ids(&json)
}

#[test]
fn matching_is_by_word_starts_and_any_of_several_values() {
    // `mit` is MITx and MIT, not the Robert H. Smith School of Business.
    let mit = ids(&["list", "--university", "mit"]);
    assert!(mit.contains(&"mitx-scm".to_string()));
    assert!(!mit.contains(&"usmx-mba-core".to_string()), "{mit:?}");
    // `ai` is not "supply chain" or "sustainability".
    let ai = ids(&["list", "--subject", "ai", "--include-retired"]);
    assert!(!ai.contains(&"mitx-scm".to_string()), "{ai:?}");
    // Repeated or comma-separated: any of them.
    let both = ids(&["list", "--subject", "data,supply"]);
    let repeated = ids(&["list", "-s", "data", "-s", "supply"]);
    assert_eq!(both, repeated);
    assert!(both.contains(&"mitx-scm".to_string()) && both.contains(&"mitx-sds".to_string()));
    let phrase = ids(&["list", "--subject", "data sci"]);
    assert!(phrase.contains(&"mitx-sds".to_string()), "{phrase:?}");
}

#[test]
fn footers_name_the_rate_its_date_and_source_and_the_files_that_corrected_figures() {
    let mut command = micromasters();
    command.args(["--width", "300", "--currency", "NGN", "compare", "mitx-scm"]);
    let out = stdout_of(&mut command, 0);
    assert!(
        out.contains(
            "converted at 1 USD = 1,333 NGN (1 NGN = 0.0007501 USD), as of 2026-11-01, HMRC monthly exchange rates, November 2026"
        ),
        "{out}"
    );
    // $950 / 0.00075013: no kobo on a figure known to the nearest dollar.
    assert!(out.contains(" NGN 1,266,447 * "), "{out}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fix.toml");
    std::fs::write(&path, "format = 1\n[[program]]\nid = \"mitx-scm\"\ncost = 1400\n").unwrap();
    let mut corrected = micromasters();
    corrected
        .arg("--catalog")
        .arg(&path)
        .args(["--width", "300", "compare", "mitx-scm"]);
    let out = stdout_of(&mut corrected, 0);
    assert!(
        out.contains(&format!(
            "built-in figures corrected by {} (1 entry)",
            path.display()
        )),
        "{out}"
    );
}

#[test]
fn rates_may_be_given_per_usd_as_people_quote_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xof.toml");
    std::fs::write(&path, "format = 1\nrates_per_usd = { XOF = 600 }\n").unwrap();
    let mut command = micromasters();
    command.arg("--catalog").arg(&path).args([
        "--format",
        "json",
        "--currency",
        "XOF",
        "compare",
        "mitx-scm",
    ]);
    let json: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
    // $950 at 600 francs to the dollar.
    assert_eq!(json[0]["cost_min"], 570_000);
}

#[test]
fn the_manual_is_one_page_with_every_command_exit_status_environment_and_files() {
    let mut command = micromasters();
    command.arg("man");
    let page = stdout_of(&mut command, 0);
    for section in [
        ".SH OPTIONS",
        ".SH COMMANDS",
        ".SS compare",
        ".SS plan",
        ".SH EXIT STATUS",
        ".SH ENVIRONMENT",
        ".SH FILES",
    ] {
        assert!(page.contains(section), "{section}");
    }
    assert!(page.contains("MICROMASTERS_CATALOG"));
    assert!(
        page.contains("\\-\\-hours\\-per\\-week"),
        "command options are listed"
    );
    assert!(!page.contains("micromasters-compare(1)") && !page.contains("micromasters\\-compare(1)"));
}

#[test]
fn help_lists_only_what_a_command_uses_and_help_help_is_help() {
    for command in ["man", "completions"] {
        let mut help = micromasters();
        help.args([command, "--help"]);
        let out = stdout_of(&mut help, 0);
        for global in ["--format", "--currency", "--color"] {
            assert!(!out.contains(global), "{command} --help lists {global}:\n{out}");
        }
    }
    let mut help = micromasters();
    help.args(["help", "--help"]);
    assert!(stdout_of(&mut help, 0).contains("Usage: micromasters"));
}

#[test]
fn a_mistyped_id_in_any_case_gets_a_suggestion() {
    let mut command = micromasters();
    command.args(["show", "MITX-SCM"]);
    assert!(stderr_of(&mut command, 1).contains("did you mean `mitx-scm`"));
}

#[test]
fn a_catalogue_can_come_from_standard_input() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("micromasters"))
        .args(["--no-builtin", "--catalog", "-", "--format", "json", "compare"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read("tests/fixtures/valid.toml").unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 5);
    let mut twice = micromasters();
    twice.args(["--no-builtin", "--catalog", "-", "--catalog", "-", "list"]);
    assert!(stderr_of(&mut twice, 1).contains("standard input can be read once"));
}

#[test]
fn a_dumb_terminal_gets_no_colour_and_no_box_drawing() {
    let mut command = on_fixture();
    command.env("TERM", "dumb").args(["compare", "--limit", "1"]);
    let out = stdout_of(&mut command, 0);
    assert!(out.starts_with("-----"), "{out}");
    assert!(!out.contains('─') && !out.contains('\u{1b}'));
}

#[test]
fn the_format_may_be_written_in_any_case() {
    let mut command = on_fixture();
    command.args(["--format", "JSON", "compare", "--limit", "1"]);
    assert!(stdout_of(&mut command, 0).starts_with('['));
}

#[test]
fn a_bad_file_from_the_environment_is_named_with_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("profile.toml");
    std::fs::write(&path, "format = 1\nas_of = \"2024-01-01\"\n").unwrap();
    let mut command = micromasters();
    command.env("MICROMASTERS_CATALOG", &path).arg("list");
    let err = stderr_of(&mut command, 1);
    assert!(
        err.contains("comes from the MICROMASTERS_CATALOG environment variable"),
        "{err}"
    );
    // A wrong top-level value is its own problem, not also a missing `format`.
    assert!(!err.contains("missing required key `format`"), "{err}");
}

#[test]
fn estimates_group_thousands_show_fee_arithmetic_and_say_what_they_ignore() {
    let mut command = micromasters();
    command.args([
        "estimate",
        "uopeople-mba",
        "--courses-per-term",
        "2",
        "--hours-per-week",
        "10",
    ]);
    let out = stdout_of(&mut command, 0);
    assert!(out.contains("  per course (12 × $240)"), "{out}");
    assert!(out.contains("--hours-per-week is not used here"), "{out}");
    let mut effort = micromasters();
    effort.args(["estimate", "mitx-sds"]);
    let out = stdout_of(&mut effort, 0);
    let line = out.lines().find(|l| l.starts_with("effort (hours)")).unwrap();
    // 18-24 months x 52/12 weeks x 10-14 hours.
    assert!(line.ends_with(" 780–1,456"), "{line}");
}

#[test]
fn show_csv_columns_do_not_depend_on_the_programs_or_their_order() {
    let header = |args: &[&str]| {
        let mut command = micromasters();
        command.args(["--format", "csv", "show"]).args(args);
        stdout_of(&mut command, 0).lines().next().unwrap().to_string()
    };
    assert_eq!(
        header(&["mitx-scm", "uopeople-mba"]),
        header(&["uopeople-mba", "mitx-scm"])
    );
    assert_eq!(header(&["mitx-scm"]), header(&["uopeople-mba"]));
}

#[test]
fn the_repository_stands_alone() {
    for file in [
        "README.md",
        "DEVELOPMENT.md",
        "docs/json.md",
        "benches/bench.py",
        "benches/gen_catalog.py",
        "benches/peer.py",
    ] {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            !text.contains(concat!("../", "shared")),
            "{file} reaches outside the repository"
        );
    }
    for entry in std::fs::read_dir("tests").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            // Spelt in two halves so that this file does not match itself.
            assert!(
                !text.contains(concat!("../", "shared")),
                "{} reaches outside",
                path.display()
            );
        }
    }
}
