//! The learner's profile: what it sets, what a flag overrides, where `profile` says each value
//! came from, and a bad profile reported like a bad catalogue.

mod common;

use common::{micromasters, stdout_of};
use serde_json::Value;

const EVERY_KEY: &str = r#"format = 1
hours_per_week = 8
courses_per_term = 2
aid = "50%"
currency = "EUR"
budget = 20000
max_months = 48
start = "2027-01"
employer_cap = 5250
employer_share = 0.5
salary_gain = 15000
gain_from = "start"
campus_cost_per_month = 1000
shortlist = ["mitx-scm", "gatech-omsa"]
"#;

fn profile(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("profile.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn a_profile_sets_every_value_and_profile_says_where_each_came_from() {
    let (_dir, path) = profile(EVERY_KEY);
    let mut show = micromasters();
    show.arg("--profile")
        .arg(&path)
        .args(["--format", "json", "profile", "--hours-per-week", "12"]);
    let rows: Value = serde_json::from_str(&stdout_of(&mut show, 0)).unwrap();
    let file = path.display().to_string();
    let of = |key: &str| {
        let row = rows.as_array().unwrap().iter().find(|r| r["key"] == key).unwrap();
        (
            row["value"].as_str().unwrap().to_string(),
            row["from"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(of("hours_per_week"), ("12".into(), "flag".into()), "a flag wins");
    for (key, value) in [
        ("courses_per_term", "2"),
        ("aid", "50%"),
        ("currency", "EUR"),
        ("budget", "20,000"),
        ("max_months", "48"),
        ("start", "2027-01"),
        ("employer_cap", "5,250"),
        ("employer_share", "50%"),
        ("salary_gain", "15,000"),
        ("gain_from", "start"),
        ("campus_cost_per_month", "1,000"),
        ("shortlist", "mitx-scm, gatech-omsa"),
    ] {
        assert_eq!(of(key), (value.to_string(), file.clone()), "{key}");
    }
    let mut none = micromasters();
    none.args(["--format", "json", "profile"]);
    let rows: Value = serde_json::from_str(&stdout_of(&mut none, 0)).unwrap();
    assert!(rows.as_array().unwrap().iter().all(|r| r["from"] == "default"));
}

#[test]
fn the_profile_fills_in_what_no_flag_gave_and_a_flag_overrides_it() {
    let (_dir, path) = profile(EVERY_KEY);
    let run = |args: &[&str]| {
        let mut command = micromasters();
        command
            .arg("--profile")
            .arg(&path)
            .args(["--format", "json"])
            .args(args);
        let out: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
        out
    };
    let e = run(&["estimate", "uopeople-mba"]);
    assert_eq!(e["currency"], "EUR");
    assert_eq!(
        e["aid"], 0,
        "UoPeople lists no aid: the profile's 50% is capped at none"
    );
    assert_eq!(e["months_min"], 15, "2 courses a term: 6 terms of 2.5 months");
    assert_eq!(e["start"], "2027-01");
    assert!(e["payback_months_min"].is_number());
    // A flag wins: one course a term, in USD.
    let flagged = run(&[
        "--currency",
        "USD",
        "estimate",
        "uopeople-mba",
        "--courses-per-term",
        "1",
    ]);
    assert_eq!(flagged["currency"], "USD");
    assert_eq!(flagged["months_min"], 30);
    let plan = run(&["plan", "--toward", "mit-scm-masters"]);
    // The profile's budget of €20,000 keeps only the routes that can fit it.
    for route in plan.as_array().unwrap() {
        assert!(route["cost_at_least"].as_f64().unwrap() <= 20000.0, "{route}");
    }
    let shortlist = run(&["compare", "--shortlist"]);
    let ids: Vec<&str> = shortlist
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&"mitx-scm") && ids.contains(&"gatech-omsa"));
}

#[test]
fn a_bad_profile_is_reported_like_a_bad_catalogue() {
    let (_dir, path) = profile("format = 2\nhours_per_wek = 3\naid = 7\nstart = \"2027-13\"\n");
    let output = micromasters()
        .arg("--profile")
        .arg(&path)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let f = path.display();
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "{f}:1:10: `format` must be 1: this version of micromasters reads profile format 1\n\
             {f}:2:1: unknown key `hours_per_wek`; did you mean `hours_per_week`?\n\
             {f}:3:7: `aid` must be a share like 0.5 or \"50%\"\n\
             {f}:4:9: `start` must be a month like \"2027-01\" (`2027-13` is not a month like `2027-01`)\n\
             error: the profile has 4 problems (listed above); fix them or give another with --profile\n"
        )
    );
    let missing = micromasters()
        .args(["--profile", "/nonexistent/me.toml", "list"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr).starts_with("/nonexistent/me.toml: cannot read the profile")
    );
    let (_other, empty) = profile("format = 1\n");
    let output = micromasters()
        .arg("--profile")
        .arg(&empty)
        .args(["compare", "--shortlist"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the profile gives no `shortlist`"));
}

#[test]
fn the_profile_is_found_through_the_environment() {
    let (_dir, path) = profile("format = 1\ncurrency = \"GBP\"\n");
    let mut command = micromasters();
    command
        .env("MICROMASTERS_PROFILE", &path)
        .args(["--format", "json", "compare", "mitx-scm"]);
    let out: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
    assert_eq!(out[0]["currency"], "GBP");
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(config.path().join("micromasters")).unwrap();
    std::fs::write(
        config.path().join("micromasters/profile.toml"),
        "format = 1\ncurrency = \"EUR\"\n",
    )
    .unwrap();
    let mut command = micromasters();
    command
        .env("XDG_CONFIG_HOME", config.path())
        .args(["--format", "json", "compare", "mitx-scm"]);
    let out: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
    assert_eq!(out[0]["currency"], "EUR");
}
