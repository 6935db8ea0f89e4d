//! `estimate` and `show` on the fixture catalogue, with answers worked out by hand.

mod common;

use common::{on_fixture, stderr_of, stdout_of};
use serde_json::Value;

fn estimate(args: &[&str]) -> Value {
    let mut command = on_fixture();
    command.args(["--format", "json", "estimate"]).args(args);
    serde_json::from_str(&stdout_of(&mut command, 0)).expect("JSON")
}

#[test]
fn the_advertised_price_effort_and_months() {
    let e = estimate(&["scm"]);
    assert_eq!(
        (e["cost_min"].as_f64(), e["cost_max"].as_f64()),
        (Some(1350.0), Some(1500.0))
    );
    // 12 months x 52/12 weeks x 8 h = 416; 18 x 52/12 x 12 = 936.
    assert_eq!(
        (e["effort_hours_min"].as_f64(), e["effort_hours_max"].as_f64()),
        (Some(416.0), Some(936.0))
    );
    assert_eq!(
        (e["months_min"].as_f64(), e["months_max"].as_f64()),
        (Some(12.0), Some(18.0))
    );
    assert_eq!(e["months_basis"], "advertised");
    assert_eq!(e["currency"], "USD");
}

#[test]
fn hours_per_week_turn_effort_into_months_at_the_learners_pace() {
    let e = estimate(&["scm", "--hours-per-week", "10"]);
    // 416 / (10 x 52/12) = 9.6; 936 / (10 x 52/12) = 21.6.
    assert_eq!(
        (e["months_min"].as_f64(), e["months_max"].as_f64()),
        (Some(9.6), Some(21.6))
    );
    let notes = e["notes"].to_string();
    assert!(notes.contains("course runs follow a schedule"), "{notes}");
    // Without hours_per_week in the catalogue, the advertised months stay and the output says so.
    let sds = estimate(&["sds", "--hours-per-week", "10"]);
    assert_eq!(sds["months_min"], 18);
    assert!(sds["notes"].to_string().contains("gives no hours per week"));
}

#[test]
fn aid_is_applied_and_capped_at_what_the_program_offers() {
    let half = estimate(&["scm", "--aid", "50%"]);
    assert_eq!(
        (half["cost_min"].as_f64(), half["cost_max"].as_f64()),
        (Some(675.0), Some(750.0))
    );
    let capped = estimate(&["scm", "--aid", "0.95"]);
    assert_eq!(capped["aid"], 0.9);
    assert_eq!(
        (capped["cost_min"].as_f64(), capped["cost_max"].as_f64()),
        (Some(135.0), Some(150.0))
    );
    assert!(capped["notes"].to_string().contains("capped at 90%"));
    let none = estimate(&["mba", "--aid", "0.5"]);
    assert_eq!(none["cost_min"], 2460);
    assert!(none["notes"].to_string().contains("lists no financial aid"));
}

#[test]
fn courses_per_term_price_the_fee_parts_at_the_learners_pace() {
    // 12 courses x $200 + $60 one-off; ceil(12 / 2) = 6 terms of 2 months.
    let two = estimate(&["mba", "--courses-per-term", "2"]);
    assert_eq!(two["cost_min"], 2460);
    assert_eq!(two["fees"]["per_course"], 2400);
    assert_eq!(two["fees"]["one_off"], 60);
    assert_eq!(two["terms"], 6);
    assert_eq!(two["months_min"], 12);
    // ceil(12 / 5) = 3 terms.
    let five = estimate(&["mba", "--courses-per-term", "5"]);
    assert_eq!(
        (five["terms"].as_u64(), five["months_max"].as_f64()),
        (Some(3), Some(6.0))
    );
    // Without fee parts it is a data error, exit 1.
    let mut command = on_fixture();
    command.args(["estimate", "scm", "--courses-per-term", "2"]);
    assert!(stderr_of(&mut command, 1).starts_with("error: `scm` lists no fee parts"));
}

#[test]
fn then_prices_the_rest_of_the_degree_beside_the_degree_alone() {
    let e = estimate(&["scm", "--then", "scm-masters"]);
    assert_eq!(e["then"]["share"], 0.5);
    assert_eq!(
        (e["then"]["cost_min"].as_f64(), e["then"]["cost_max"].as_f64()),
        (Some(20000.0), Some(22500.0))
    );
    assert_eq!(e["then"]["months_min"], 5);
    assert_eq!(
        (e["total_cost_min"].as_f64(), e["total_cost_max"].as_f64()),
        (Some(21350.0), Some(24000.0))
    );
    assert_eq!(
        (e["direct_cost_min"].as_f64(), e["direct_cost_max"].as_f64()),
        (Some(40000.0), Some(45000.0))
    );
    assert_eq!(
        (e["saving_min"].as_f64(), e["saving_max"].as_f64()),
        (Some(18650.0), Some(21000.0))
    );
    assert_eq!(
        (e["total_months_min"].as_f64(), e["total_months_max"].as_f64()),
        (Some(17.0), Some(23.0))
    );
    // Negative when the pathway takes longer: 10 - 17 and 10 - 23.
    assert_eq!(
        (e["months_saved_min"].as_f64(), e["months_saved_max"].as_f64()),
        (Some(-7.0), Some(-13.0))
    );
}

#[test]
fn a_degree_without_a_pathway_lists_the_programs_pathways() {
    let mut command = on_fixture();
    command.args(["estimate", "scm", "--then", "mba"]);
    assert_eq!(
        stderr_of(&mut command, 1),
        "error: `scm` has no credit pathway to `mba`; its pathways: `scm-masters`\n"
    );
    let mut unknown = on_fixture();
    unknown.args(["estimate", "scm", "--then", "scm-master"]);
    assert!(
        stderr_of(&mut unknown, 1)
            .starts_with("error: unknown program `scm-master`; did you mean `scm-masters`")
    );
}

#[test]
fn currency_converts_every_amount_and_an_unknown_code_names_the_known_ones() {
    let e = estimate(&["--currency", "EUR", "solar"]);
    assert_eq!(e["currency"], "EUR");
    assert_eq!(e["cost_min"], 1000);
    let usd = estimate(&["solar"]);
    assert_eq!(usd["cost_min"], 1080);
    let mut command = on_fixture();
    command.args(["--currency", "GBP", "estimate", "solar"]);
    assert_eq!(
        stderr_of(&mut command, 1),
        "error: no rate for currency `GBP`; known currencies: `EUR`, `USD` (add a rate to `rates` in a catalogue of your own)\n"
    );
}

#[test]
fn every_format_prints_the_estimate() {
    let mut csv = on_fixture();
    csv.args(["--format", "csv", "estimate", "scm", "--then", "scm-masters"]);
    let text = stdout_of(&mut csv, 0);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert!(header.contains(&"then_cost_min".to_string()), "{header:?}");
    let row = reader.records().next().unwrap().unwrap();
    let at = header.iter().position(|h| h == "saving_min").unwrap();
    assert_eq!(&row[at], "18650");
    let mut table = on_fixture();
    table.args(["estimate", "scm", "--then", "scm-masters"]);
    let out = stdout_of(&mut table, 0);
    assert!(
        out.contains("money saved             saves $18,650–21,000\n"),
        "{out}"
    );
    assert!(
        out.contains("months saved              7–13 months longer\n"),
        "{out}"
    );
    let mut markdown = on_fixture();
    markdown.args(["--format", "markdown", "estimate", "scm"]);
    assert!(stdout_of(&mut markdown, 0).contains("| you pay | $1,350–1,500 |"));
}

#[test]
fn show_prints_every_field_side_by_side_and_marks_stale_figures() {
    let mut command = on_fixture();
    command.args(["show", "scm", "solar"]);
    let out = stdout_of(&mut command, 0);
    for field in [
        "name",
        "fees",
        "credit",
        "verified",
        "notes",
        "source",
        "financial aid",
    ] {
        assert!(out.lines().any(|l| l.starts_with(field)), "{field} in\n{out}");
    }
    assert!(out.contains("50% toward `scm-masters`"), "{out}");
    assert!(out.contains("25% toward MSc Sustainable"), "{out}");
    assert!(out.contains("2020-01-01 (possibly stale)"), "{out}");
    assert!(
        out.contains("€1,000"),
        "the listed currency is shown beside the converted amount: {out}"
    );
    let mut json = on_fixture();
    json.args(["--format", "json", "show", "scm", "mba"]);
    let records: Value = serde_json::from_str(&stdout_of(&mut json, 0)).unwrap();
    assert_eq!(records.as_array().unwrap().len(), 2);
    assert_eq!(records[0]["credit"][0]["toward"], "scm-masters");
    assert_eq!(records[1]["fees"]["per_course"], 200);
    assert_eq!(records[0]["stale"], false);
}

#[test]
fn show_refuses_an_unknown_id_with_a_suggestion() {
    let mut command = on_fixture();
    command.args(["show", "scm", "mbaa"]);
    assert_eq!(
        stderr_of(&mut command, 1),
        "error: unknown program `mbaa`; did you mean `mba`?\n"
    );
}
