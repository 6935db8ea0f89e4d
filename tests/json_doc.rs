//! `docs/json.md` documents the JSON of every command: each key a command prints is in its
//! section's table, and each key a table lists is printed by some run below.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{micromasters, stdout_of};
use serde_json::Value;

/// Each section's documented keys, by the section's heading: every `` `key` `` in the first
/// column of its tables (a cell may name several: `a`, `b`).
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string("docs/json.md").expect("docs/json.md");
    let mut sections: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = String::new();
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            current = heading.to_string();
            continue;
        }
        let Some(first) = line.strip_prefix("| ").and_then(|l| l.split(" | ").next()) else {
            continue;
        };
        if first == "key" || first.starts_with("---") {
            continue;
        }
        let keys = sections.entry(current.clone()).or_default();
        for part in first.split(", ") {
            if let Some(key) = part.strip_prefix('`').and_then(|p| p.strip_suffix('`')) {
                keys.insert(key.to_string());
            }
        }
    }
    sections
}

/// The top-level keys of every record `args` prints in JSON.
fn keys_of(args: &[&str]) -> BTreeSet<String> {
    let mut command = micromasters();
    command.args(["--format", "json"]).args(args);
    let value: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
    let records = match value {
        Value::Array(records) => records,
        one => vec![one],
    };
    records
        .iter()
        .flat_map(|r| r.as_object().unwrap().keys().cloned())
        .collect()
}

/// What is checked: a name, the keys documented for it, and the runs that must print them.
type Run<'a> = (&'a str, BTreeSet<String>, Vec<Vec<&'a str>>);

#[test]
fn every_key_every_command_prints_is_documented_and_every_documented_key_is_printed() {
    let docs = documented();
    let program = &docs["Program records: `list`, `compare`, and the first keys of `show`"];
    let with = |section: &str| -> BTreeSet<String> { docs[section].clone() };
    let runs: Vec<Run> = vec![
        (
            "program records",
            program.clone(),
            vec![
                vec!["compare", "--limit", "3"],
                vec!["compare", "--limit", "2", "--explain"],
                vec!["list", "--limit", "3"],
                vec!["--currency", "EUR", "compare", "--limit", "2"],
            ],
        ),
        (
            "show",
            // A program record less what only `compare` ranks by.
            program
                .union(&with("`show`"))
                .filter(|k| !["rank", "score", "front", "explain"].contains(&k.as_str()))
                .cloned()
                .collect(),
            vec![
                vec!["show", "mitx-scm"],
                vec!["show", "mitx-scm", "uopeople-mba"],
                vec!["--currency", "EUR", "show", "mitx-scm"],
            ],
        ),
        (
            "show --pathways",
            with("`show --pathways`"),
            vec![vec!["show", "--pathways", "mitx-scm"]],
        ),
        (
            "chart",
            with("`chart`"),
            vec![vec!["chart"], vec!["--currency", "GBP", "chart"]],
        ),
        (
            "estimate",
            with("`estimate`"),
            vec![
                vec!["estimate", "mitx-scm"],
                vec!["--currency", "EUR", "estimate", "mitx-scm"],
                vec![
                    "estimate",
                    "mitx-scm",
                    "--then",
                    "mit-scm-masters",
                    "--start",
                    "2027-01",
                    "--salary-gain",
                    "9000",
                ],
            ],
        ),
        (
            "plan",
            with("`plan`"),
            vec![vec![
                "plan",
                "--start",
                "2027-01",
                "--salary-gain",
                "9000",
                "--employer-cap",
                "5000",
            ]],
        ),
        ("audit", with("`audit`"), vec![vec!["audit"]]),
        ("sources", with("`sources`"), vec![vec!["sources"]]),
        ("profile", with("`profile`"), vec![vec!["profile"]]),
        ("validate", with("`validate`"), vec![vec!["validate"]]),
    ];
    for (what, documented, args) in runs {
        let printed: BTreeSet<String> = args.iter().flat_map(|a| keys_of(a)).collect();
        let undocumented: Vec<_> = printed.difference(&documented).collect();
        assert!(
            undocumented.is_empty(),
            "{what}: undocumented keys {undocumented:?}"
        );
        let unprinted: Vec<_> = documented.difference(&printed).collect();
        assert!(
            unprinted.is_empty(),
            "{what}: documented but never printed {unprinted:?}"
        );
    }
}

#[test]
fn validate_says_the_json_format_version() {
    let mut command = micromasters();
    command.args(["--format", "json", "validate"]);
    let summary: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
    assert_eq!(summary["json_format"], 1);
    let doc = std::fs::read_to_string("docs/json.md").unwrap();
    assert!(doc.contains("**Format version: 1.**"));
}
