//! `compare` and `list` on the fixture catalogue, with answers worked out by hand.

mod common;

use common::{on_fixture, stderr_of, stdout_of};
use serde_json::Value;

/// The ids `compare` prints, in order, for these extra arguments.
fn ranked_ids(args: &[&str]) -> Vec<String> {
    let mut command = on_fixture();
    command.args(["--format", "json", "compare"]).args(args);
    let json: Value = serde_json::from_str(&stdout_of(&mut command, 0)).expect("JSON");
    json.as_array()
        .expect("an array")
        .iter()
        .map(|r| r["id"].as_str().expect("an id").to_string())
        .collect()
}

/// The ids `compare` keeps for these filters, sorted, whatever the order.
fn kept(args: &[&str]) -> Vec<String> {
    let mut ids = ranked_ids(args);
    ids.sort();
    ids
}

#[test]
fn the_default_order_is_the_score_and_retired_programs_are_hidden() {
    assert_eq!(ranked_ids(&[]), ["solar", "scm", "sds", "mba", "scm-masters"]);
    assert_eq!(ranked_ids(&["--include-retired"]).len(), 6);
}

#[test]
fn the_score_is_the_weighted_mean_of_normalised_parts() {
    let mut command = on_fixture();
    command.args(["--format", "json", "compare", "--explain"]);
    let json: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
    let solar = &json[0];
    // Cheapest, shortest; credit 0.25 of 0..0.5; self-paced between both and instructor-led.
    assert_eq!(solar["explain"]["cost"], 1);
    assert_eq!(solar["explain"]["months"], 1);
    assert_eq!(solar["explain"]["credit"], 0.5);
    assert_eq!(solar["explain"]["pacing"], 0.5);
    assert_eq!(solar["score"], 75);
    let scm = &json[1];
    // On the ratio scale: cost (ln 42,501 - ln 1,426) / (ln 42,501 - ln 1,081) = 0.92;
    // months (ln 22 - ln 16) / (ln 22 - ln 9) = 0.36; (0.92 + 0.36 + 1 + 0) / 4 = 57.0
    assert_eq!(scm["explain"]["cost"], 0.92);
    assert_eq!(scm["explain"]["months"], 0.36);
    assert_eq!(scm["score"], 57);
    // An unknown cost takes the worst value among those compared: it never wins by being unknown.
    let sds = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "sds")
        .unwrap();
    assert_eq!(sds["explain"]["cost"], 0);
    for record in json.as_array().unwrap() {
        let score = record["score"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&score), "{score}");
    }
}

#[test]
fn weights_shape_the_score() {
    let mut command = on_fixture();
    command.args([
        "--format",
        "json",
        "compare",
        "--weights",
        "cost=1,months=0,credit=0,pacing=0",
    ]);
    let json: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
    let scores: Vec<(String, f64)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["score"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        scores,
        [
            ("solar".to_string(), 100.0),
            ("scm".to_string(), 92.5),
            ("mba".to_string(), 77.6),
            // Both score 0: the tie is broken by id.
            ("scm-masters".to_string(), 0.0),
            ("sds".to_string(), 0.0),
        ]
    );
}

#[test]
fn each_filter_keeps_what_it_says() {
    assert_eq!(kept(&["--pacing", "self-paced"]), ["sds", "solar"]);
    assert_eq!(
        kept(&["--pacing", "instructor-led"]),
        ["mba", "scm", "scm-masters", "sds"]
    );
    assert_eq!(kept(&["--max-cost", "1500"]), ["scm", "solar"]);
    assert_eq!(kept(&["--max-months", "12"]), ["scm-masters", "solar"]);
    assert_eq!(kept(&["--min-credit", "50%"]), ["scm"]);
    assert_eq!(kept(&["--min-credit", "0.2"]), ["scm", "solar"]);
    assert_eq!(kept(&["--kind", "masters"]), ["mba", "scm-masters"]);
    assert_eq!(
        ranked_ids(&["--kind", "masters", "--kind", "micromasters", "--limit", "1"]),
        ["solar"]
    );
    assert_eq!(kept(&["--university", "delft"]), ["solar"]);
    assert_eq!(kept(&["--university", "UoPeople"]), ["mba"]);
    assert_eq!(kept(&["--subject", "LOGISTICS"]), ["scm"]);
}

#[test]
fn max_cost_is_in_the_display_currency() {
    // solar costs EUR 1,000 = USD 1,080; scm USD 1,500 = EUR 1,388.89.
    assert_eq!(ranked_ids(&["--max-cost", "1050"]), ["scm-masters"; 0]);
    let mut command = on_fixture();
    command.args([
        "--currency",
        "EUR",
        "--format",
        "json",
        "compare",
        "--max-cost",
        "1400",
    ]);
    let json: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
    assert_eq!(json[0]["id"], "solar");
    assert_eq!(json[0]["cost_min"], 1000);
    assert_eq!(json[1]["id"], "scm");
    assert_eq!(json[1]["cost_max"], 1388.89);
    assert_eq!(json[1]["currency"], "EUR");
}

#[test]
fn named_programs_are_shown_even_when_retired_but_filters_still_apply() {
    assert_eq!(ranked_ids(&["old", "scm"]), ["old", "scm"]);
    assert_eq!(ranked_ids(&["old", "scm", "--pacing", "instructor-led"]), ["scm"]);
}

#[test]
fn sort_keys_run_best_first_and_minus_reverses_one_key() {
    assert_eq!(
        ranked_ids(&["--sort", "cost"]),
        ["solar", "scm", "mba", "scm-masters", "sds"]
    );
    // Unknown values come last whichever the direction.
    assert_eq!(
        ranked_ids(&["--sort", "-cost"]),
        ["scm-masters", "mba", "scm", "solar", "sds"]
    );
    assert_eq!(
        ranked_ids(&["--sort", "months"]),
        ["solar", "scm-masters", "scm", "mba", "sds"]
    );
    assert_eq!(
        ranked_ids(&["--sort", "credit"]),
        ["scm", "solar", "mba", "scm-masters", "sds"]
    );
    assert_eq!(
        ranked_ids(&["--sort", "pacing"]),
        ["sds", "solar", "mba", "scm", "scm-masters"]
    );
    assert_eq!(
        ranked_ids(&["--sort", "pacing", "--prefer", "instructor-led"]),
        ["mba", "scm", "scm-masters", "sds", "solar"]
    );
    assert_eq!(
        ranked_ids(&["--sort", "name"]),
        ["scm-masters", "mba", "solar", "sds", "scm"]
    );
    assert_eq!(
        ranked_ids(&["--sort", "-name"]),
        ["scm", "sds", "solar", "mba", "scm-masters"]
    );
    assert_eq!(
        ranked_ids(&["--sort", "pacing,-cost"]),
        ["sds", "solar", "scm-masters", "mba", "scm"]
    );
}

#[test]
fn an_empty_result_is_not_an_error_and_stderr_says_why() {
    let mut command = on_fixture();
    command.args(["--format", "json", "compare", "--max-cost", "10"]);
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "[]");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        // The retired program costs more than 10 too: it failed the filters, so it is not
        // counted as hidden by retirement.
        "note: no program matches: 5 failed the filters, 1 had unknown figures a filter needs\n"
    );
}

#[test]
fn the_table_reads_well_at_80_columns() {
    let mut command = on_fixture();
    command.arg("compare");
    let expected = "\
────────────────────────────────────────────────────────────────────────────────
# Program                      Pacing                   Cost Months Credit Score
────────────────────────────────────────────────────────────────────────────────
1 Solar Energy Engineering     self-paced           $1,080 *    8 *    25%  75.0
  DelftX · solar ◆
2 Supply Chain Management      instructor-led   $1,350–1,500  12–18    50%  57.0
  MITx · scm
3 Statistics and Data Science  both                        ?  18–24      –  25.0
  MITx · sds
4 Master of Business           instructor-led         $2,460  15–24      –  21.4
  Administration
  UoPeople · mba
5 Master of Applied Science in instructor-led $40,000–45,000     10      –  19.4
  Supply Chain Management
  MITx · scm-masters
────────────────────────────────────────────────────────────────────────────────
5 programs; 1 retired hidden (--include-retired shows them)
checked 2020-01-01 to 2026-06-01; amounts in USD; * possibly stale (checked over
a year ago)
? not known; credit: the largest known share of a degree, ~ computed from
credits, ? share unknown, entry: admission only, – no pathway recorded (an ended
one counts for nothing)
◆ on the cost–time front of the 5 programs that passed the filters: none of them
is both no dearer and no quicker (by the middle of the ranges)
";
    assert_eq!(stdout_of(&mut command, 0), expected);
}

#[test]
fn csv_carries_the_same_fields_as_json() {
    let mut json_command = on_fixture();
    json_command.args(["--format", "json", "compare"]);
    let json: Value = serde_json::from_str(&stdout_of(&mut json_command, 0)).unwrap();
    let mut csv_command = on_fixture();
    csv_command.args(["--format", "csv", "compare"]);
    let text = stdout_of(&mut csv_command, 0);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let keys: Vec<String> = json[0].as_object().unwrap().keys().cloned().collect();
    assert_eq!(header, keys);
    for required in [
        "rank",
        "id",
        "name",
        "kind",
        "institution",
        "institution_name",
        "pacing",
        "delivery",
        "status",
        "currency",
        "cost_min",
        "cost_max",
        "months_min",
        "months_max",
        "credit_share",
        "score",
    ] {
        assert!(header.iter().any(|h| h == required), "{required}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(&rows[0][1], "solar");
    // Unknown values are empty in CSV and null in JSON.
    let sds = rows.iter().find(|r| &r[1] == "sds").unwrap();
    assert_eq!(&sds[10], "");
    assert_eq!(json[2]["id"], "sds");
    assert_eq!(json[2]["cost_min"], Value::Null);
}

#[test]
fn markdown_is_a_valid_table_with_escaped_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pipes.toml");
    std::fs::write(
        &path,
        "format = 1\n[[institution]]\nid = \"u\"\nname = \"A | B\"\n[[program]]\nid = \"p\"\nname = \"X | Y\"\n\
         kind = \"certificate\"\ninstitution = \"u\"\npacing = \"both\"\ncost = 1\nmonths = 1\n",
    )
    .unwrap();
    let mut command = common::micromasters();
    command
        .args(["--no-builtin", "--catalog"])
        .arg(&path)
        .args(["--format", "markdown", "compare"]);
    let out = stdout_of(&mut command, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "| # | Program | Pacing | Cost | Months | Credit | Score |"
    );
    assert_eq!(lines[1], "| ---: | --- | --- | ---: | ---: | ---: | ---: |");
    assert!(
        lines[2].starts_with("| 1 | X \\| Y<br>A \\| B · p ◆ | both |"),
        "{}",
        lines[2]
    );
    // Every table row has the same number of unescaped cell separators.
    let cells = |l: &str| l.replace("\\|", "").matches('|').count();
    assert!(lines[..3].iter().all(|l| cells(l) == 8));
}

#[test]
fn an_unknown_id_names_the_closest_known_ids() {
    let mut command = on_fixture();
    command.args(["compare", "scn"]);
    assert_eq!(
        stderr_of(&mut command, 1),
        "error: unknown program `scn`; did you mean `scm`?\n"
    );
}

#[test]
fn list_groups_by_institution_name_then_program_name() {
    let mut command = on_fixture();
    command.args(["--format", "json", "list"]);
    let json: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // Delft, then MIT (Master of..., Statistics..., Supply...), then University of the People.
    assert_eq!(ids, ["solar", "scm-masters", "sds", "scm", "mba"]);
    assert!(json[0].get("rank").is_none() && json[0].get("score").is_none());
}

#[test]
fn list_takes_the_same_filters_and_shows_the_groups() {
    let mut command = on_fixture();
    command.args(["list", "--university", "mit", "--include-retired"]);
    let out = stdout_of(&mut command, 0);
    assert!(
        out.contains("MITx — Massachusetts\nInstitute of Technology"),
        "{out}"
    );
    assert!(
        out.contains("• Business Analytics    micromasters self-paced"),
        "{out}"
    );
    assert!(
        out.contains("  (retired)\n  old\n"),
        "retired rows say so in words: {out}"
    );
    assert!(out.contains("4 programs from 1 institution\n"), "{out}");
    assert!(!out.contains("UoPeople"));
}
