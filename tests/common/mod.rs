//! Helpers shared by the behaviour tests: the built binary with a clean environment.

#![allow(dead_code)]

use assert_cmd::Command;

/// The day the tests run on, 2026-11-29, as `SOURCE_DATE_EPOCH`: what is stale and how many
/// days ago a check was stay the same whenever the tests run.
pub const TODAY_EPOCH: &str = "1795910400";

/// The binary, with no catalogue, colour or width settings inherited from the environment, on
/// a fixed day.
pub fn micromasters() -> Command {
    let mut command = Command::cargo_bin("micromasters").expect("the binary is built");
    command
        .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        .env_remove("MICROMASTERS_CATALOG")
        // No profile of the machine's user: a test gives its own with --profile.
        .env_remove("MICROMASTERS_PROFILE")
        .env("XDG_CONFIG_HOME", "/nonexistent/micromasters-tests")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("CLICOLOR_FORCE");
    command
}

/// The binary on the small fixture catalogue only.
pub fn on_fixture() -> Command {
    let mut command = micromasters();
    command.args(["--no-builtin", "--catalog", "tests/fixtures/valid.toml"]);
    command
}

/// Runs `command`, expecting exit code `code`; shows both streams when the code differs.
fn run(command: &mut Command, code: i32) -> std::process::Output {
    let output = command.output().expect("the binary runs");
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Runs `command`, expecting exit code `code`, and returns stdout.
pub fn stdout_of(command: &mut Command, code: i32) -> String {
    String::from_utf8(run(command, code).stdout).expect("stdout is UTF-8")
}

/// Runs `command`, expecting exit code `code`, and returns stderr.
pub fn stderr_of(command: &mut Command, code: i32) -> String {
    String::from_utf8(run(command, code).stderr).expect("stderr is UTF-8")
}

/// The `id` of each record of a JSON array, in order.
pub fn record_ids(records: &serde_json::Value) -> Vec<String> {
    records
        .as_array()
        .expect("a JSON array of records")
        .iter()
        .map(|r| r["id"].as_str().expect("a record's `id`").to_string())
        .collect()
}
