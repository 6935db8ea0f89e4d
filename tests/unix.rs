//! The binary as a Unix tool: exit codes, closed pipes, colour, width, help, completions.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::{micromasters, on_fixture, stderr_of, stdout_of};

#[test]
fn usage_errors_exit_2_and_data_errors_exit_1() {
    for args in [
        &["compare", "--frobnicate"][..],
        &["estimate", "scm", "--aid", "2"],
        &["estimate", "scm", "--aid", "NaN"],
        &["estimate", "scm", "--hours-per-week", "0"],
        &["estimate", "scm", "--hours-per-week", "-3"],
        &["estimate", "scm", "--courses-per-term", "99999999999"],
        &["compare", "--limit", "0"],
        &["compare", "--max-cost", ""],
        &["compare", "--weights", "cost=inf"],
        &["--format", "yaml", "list"],
        &["--color", "sometimes", "list"],
        &["show"],
        &["frobnicate"],
    ] {
        let mut command = on_fixture();
        command.args(args);
        let err = stderr_of(&mut command, 2);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
    }
    for args in [
        &["show", "nope"][..],
        &["estimate", "nope"],
        &["compare", "", "scm"],
        &["show", "../../etc/passwd"],
        &["estimate", "scm", "--then", "sds"],
        &["--currency", "XYZ", "list"],
    ] {
        let mut command = on_fixture();
        command.args(args);
        let err = stderr_of(&mut command, 1);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
    }
}

#[test]
fn help_and_version_are_not_errors() {
    let mut help = micromasters();
    help.arg("--help");
    assert!(stdout_of(&mut help, 0).contains("Examples:"));
    let mut version = micromasters();
    version.arg("--version");
    assert!(stdout_of(&mut version, 0).starts_with("micromasters "));
}

#[test]
fn every_command_help_has_a_summary_units_and_examples() {
    for command in [
        "compare",
        "list",
        "show",
        "estimate",
        "validate",
        "completions",
        "man",
    ] {
        let mut help = micromasters();
        help.args([command, "--help"]);
        let out = stdout_of(&mut help, 0);
        assert!(out.contains("Examples:\n  micromasters "), "{command}: {out}");
    }
    let mut compare = micromasters();
    compare.args(["compare", "--help"]);
    let out = stdout_of(&mut compare, 0);
    for needle in ["--max-cost <AMOUNT>", "--limit <N>", "[default: score]", "`50%`"] {
        assert!(out.contains(needle), "{needle} in {out}");
    }
}

/// Writes a catalogue of `n` programs, big enough that its output overflows a pipe buffer.
fn big_catalogue(n: usize) -> tempfile::NamedTempFile {
    let mut text = String::from("format = 1\n[[institution]]\nid = \"u\"\nname = \"U\"\n");
    for i in 0..n {
        text.push_str(&format!(
            "[[program]]\nid = \"p{i}\"\nname = \"Program {i}\"\nkind = \"certificate\"\ninstitution = \"u\"\n\
             pacing = \"both\"\ncost = {i}\nmonths = 3\n"
        ));
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    file
}

#[test]
fn a_closed_pipe_is_success_for_every_command_and_format() {
    let catalogue = big_catalogue(3000);
    let binary = assert_cmd::cargo::cargo_bin("micromasters");
    for format in ["table", "json", "csv", "markdown"] {
        for command in [
            &["list"][..],
            &["compare"],
            &["show", "p1", "p2"],
            &["completions", "bash"],
            &["man"],
        ] {
            let mut child = Command::new(&binary)
                .args(["--no-builtin", "--catalog"])
                .arg(catalogue.path())
                .args(["--format", format])
                .args(command)
                .env_remove("MICROMASTERS_CATALOG")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            // Read one byte, then close our end, as `head -c 1` would.
            let mut stdout = child.stdout.take().unwrap();
            let mut byte = [0u8; 1];
            let _ = stdout.read(&mut byte);
            drop(stdout);
            let output = child.wait_with_output().unwrap();
            assert_eq!(output.status.code(), Some(0), "{format} {command:?}");
            assert_eq!(
                String::from_utf8_lossy(&output.stderr),
                "",
                "{format} {command:?}"
            );
        }
    }
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let mut always = on_fixture();
    always.args(["--color", "always", "compare"]);
    assert!(stdout_of(&mut always, 0).contains("\u{1b}["));
    let mut never = on_fixture();
    never.args(["--color", "never", "compare"]);
    assert!(!stdout_of(&mut never, 0).contains('\u{1b}'));
    // Not a terminal here, so `auto` means no colour, NO_COLOR or not.
    let mut auto = on_fixture();
    auto.env("NO_COLOR", "1").arg("compare");
    assert!(!stdout_of(&mut auto, 0).contains('\u{1b}'));
}

#[test]
fn tables_fit_columns_when_not_a_terminal() {
    let widest = |columns: Option<&str>| {
        let mut command = micromasters();
        if let Some(c) = columns {
            command.env("COLUMNS", c);
        }
        command.arg("compare");
        stdout_of(&mut command, 0)
            .lines()
            .map(|l| l.chars().count())
            .max()
            .unwrap()
    };
    assert_eq!(widest(None), 80);
    assert_eq!(widest(Some("100")), 100);
    assert_eq!(
        widest(Some("60")),
        60,
        "names and pacing wrap until the table fits"
    );
}

#[test]
fn tables_fit_the_width_and_ids_never_break() {
    let ids: Vec<String> = {
        let mut command = micromasters();
        command.args(["--format", "json", "compare"]);
        let json: serde_json::Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
        common::record_ids(&json)
    };
    for width in ["60", "80", "120"] {
        for explain in [false, true] {
            let mut command = micromasters();
            command.args(["--width", width, "compare"]);
            if explain {
                command.arg("--explain");
            }
            let out = stdout_of(&mut command, 0);
            let limit: usize = width.parse().unwrap();
            let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
            assert!(widest <= limit, "{widest} columns at --width {width}");
            for id in &ids {
                // An id stands whole on a line, after the school and its `·`.
                assert!(
                    out.lines().any(|l| l.split_whitespace().any(|w| w == id)),
                    "`{id}` is broken at --width {width}"
                );
            }
        }
    }
}

#[test]
fn completions_print_a_script_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let mut command = micromasters();
        command.args(["completions", shell]);
        let out = stdout_of(&mut command, 0);
        assert!(out.contains("micromasters"), "{shell}");
        assert!(out.contains("max-cost"), "{shell}");
        // Elvish and PowerShell scripts from clap complete flags only; fish's complete the
        // values of flags (degree ids for --then), bash's and zsh's positional ids too.
        if ["bash", "zsh"].contains(&shell) {
            assert!(out.contains("mitx-scm"), "program ids complete too in {shell}");
        }
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(
                out.contains("mit-scm-masters"),
                "degree ids complete for --then in {shell}"
            );
        }
    }
}

#[test]
fn the_man_page_comes_from_the_same_definition() {
    let mut command = micromasters();
    command.arg("man");
    let out = stdout_of(&mut command, 0);
    assert!(out.starts_with(".ie \\n(.g .ds Aq"), "{}", &out[..40]);
    assert!(out.contains(".TH micromasters 1"));
    assert!(out.contains("compare"));
}

#[test]
fn the_tool_writes_nothing_but_stdout_and_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = std::fs::canonicalize("tests/fixtures/valid.toml").unwrap();
    for args in [
        &["compare"][..],
        &["list"],
        &["show", "scm"],
        &["estimate", "scm"],
        &["validate"],
        &["man"],
    ] {
        let mut command = micromasters();
        command
            .current_dir(dir.path())
            .arg("--catalog")
            .arg(&fixture)
            .args(args);
        stdout_of(&mut command, 0);
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
