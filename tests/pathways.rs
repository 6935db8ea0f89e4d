//! Every kind of pathway, on a catalogue whose figures are easy to work by hand: a known share,
//! a share computed from credits, full tuition, an admission-only route, an unknown share and
//! none. The degree costs $20,000, takes 20 months and carries 30 credits.

mod common;

use serde_json::Value;

use common::{micromasters, stderr_of, stdout_of};

fn on_pathways() -> assert_cmd::Command {
    let mut command = micromasters();
    command.args(["--no-builtin", "--catalog", "tests/fixtures/pathways.toml"]);
    command
}

fn json(args: &[&str]) -> Value {
    let mut command = on_pathways();
    command.args(["--format", "json"]).args(args);
    serde_json::from_str(&stdout_of(&mut command, 0)).expect("JSON")
}

fn ids(records: &Value) -> Vec<String> {
    let mut ids = common::record_ids(records);
    ids.sort();
    ids
}

#[test]
fn records_count_pathways_and_give_the_largest_known_share() {
    let list = json(&["list"]);
    let by_id = |id: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id("known")["credit_share"], 0.5);
    assert_eq!(by_id("known")["pathways"], 1);
    assert_eq!(
        by_id("computed")["credit_share"],
        0.3,
        "9 of the degree's 30 credits"
    );
    assert_eq!(by_id("full")["credit_share"], 0.3);
    assert_eq!(by_id("admission")["credit_share"], Value::Null);
    assert_eq!(by_id("admission")["pathways"], 1);
    // One pathway of unknown share, one of 24 of 60 ECTS: the largest known is 40%.
    assert_eq!(by_id("unknown")["credit_share"], 0.4);
    assert_eq!(by_id("unknown")["pathways"], 2);
    assert_eq!(by_id("none")["credit_share"], Value::Null);
    assert_eq!(by_id("none")["pathways"], 0);
}

#[test]
fn tables_tell_apart_every_kind_of_pathway() {
    let mut command = on_pathways();
    command.args([
        "--width",
        "200",
        "list",
        "--kind",
        "micromasters",
        "--kind",
        "certificate",
    ]);
    let out = stdout_of(&mut command, 0);
    let credit_of = |name: &str| {
        let line = out.lines().find(|l| l.contains(name)).unwrap();
        line.split_whitespace().last().unwrap().to_string()
    };
    assert_eq!(credit_of("Known Share"), "50%");
    assert_eq!(credit_of("Computed Share"), "~30%");
    assert_eq!(credit_of("Admission Route"), "entry");
    assert_eq!(credit_of("No Pathway"), "–");
    assert!(out.contains("? not known; credit: the largest known share of a degree, ~ computed from credits, ? share unknown, entry: admission only, – no pathway recorded (an ended one counts for nothing)"));
    let mut markdown = on_pathways();
    markdown.args(["--format", "markdown", "compare", "admission", "none", "unknown"]);
    let md = stdout_of(&mut markdown, 0);
    assert!(md.contains("| entry |"), "{md}");
    assert!(md.contains("| – |"), "{md}");
    assert!(md.contains("| ~40% |"), "{md}");
    let mut csv = on_pathways();
    csv.args(["--format", "csv", "list", "--has-pathway"]);
    let csv = stdout_of(&mut csv, 0);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let column = header.iter().position(|h| *h == "pathways").unwrap();
    let admission = csv.lines().find(|l| l.starts_with("admission,")).unwrap();
    assert_eq!(admission.split(',').nth(column), Some("1"));
}

#[test]
fn a_pathway_whose_share_no_source_gives_shows_a_question_mark() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("only-unknown.toml");
    std::fs::write(&path, "format = 1\n[[program]]\nid = \"unknown\"\ncredit = [{ toward = \"degree\", share = \"unknown\" }]\n").unwrap();
    let mut command = on_pathways();
    command.arg("--catalog").arg(&path).args(["compare", "unknown"]);
    let out = stdout_of(&mut command, 0);
    let row = out.lines().find(|l| l.contains("Unknown Share")).unwrap();
    assert_eq!(row.split_whitespace().nth(6), Some("?"), "{row}");
}

#[test]
fn show_lists_every_pathway_with_its_degree_school_amount_and_rules() {
    let show = json(&["show", "full", "unknown", "admission"]);
    let full = &show[0]["credit"][0];
    assert_eq!(full["toward"], "degree");
    assert_eq!(full["credits"], 9.0);
    assert_eq!(full["of"], 30.0);
    assert_eq!(full["share"], 0.3);
    assert_eq!(full["share_computed"], true);
    assert_eq!(full["tuition"], "full");
    assert_eq!(show[1]["credit"][0]["share"], Value::Null);
    assert_eq!(show[1]["credit"][1]["unit"], "ECTS");
    assert_eq!(show[2]["credit"][0]["grants"], "admission");
    let show_one = |id: &str| {
        let mut table = on_pathways();
        table.args(["--width", "300", "show", id]);
        stdout_of(&mut table, 0)
    };
    let out = [show_one("full"), show_one("computed"), show_one("admission")].concat();
    assert!(out.contains("~30% (9 of 30 credits, computed), full tuition toward `degree` (Master of Examples) at Example University"), "{out}");
    assert!(out.contains("~30% (9 credits, computed) toward `degree` (Master of Examples) at Example University; with a B or better"), "{out}");
    assert!(
        out.contains("admission only (no credit) toward `degree`"),
        "{out}"
    );
}

#[test]
fn filters_find_pathways_of_any_kind_and_toward_a_degree() {
    assert_eq!(
        ids(&json(&["list", "--has-pathway"])),
        ["admission", "computed", "full", "known", "unknown"]
    );
    assert_eq!(
        ids(&json(&["list", "--toward", "degree"])),
        ["admission", "computed", "full", "known", "unknown"]
    );
    assert_eq!(
        ids(&json(&["list", "--min-credit", "30%"])),
        ["computed", "full", "known", "unknown"]
    );
    // 45% only a share no source gives could reach: the unknown one is left out and counted.
    let mut command = on_pathways();
    command.args([
        "--format",
        "json",
        "compare",
        "--min-credit",
        "0.45",
        "--kind",
        "micromasters",
    ]);
    assert_eq!(
        ids(&serde_json::from_str(&stdout_of(&mut command, 0)).unwrap()),
        ["known"]
    );
    let mut unknown_only = on_pathways();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unknown-only.toml");
    std::fs::write(&path, "format = 1\n[[program]]\nid = \"unknown\"\ncredit = [{ toward = \"degree\", share = \"unknown\" }]\n").unwrap();
    unknown_only
        .arg("--catalog")
        .arg(&path)
        .args(["--width", "200", "compare", "--min-credit", "0.45"]);
    let out = stdout_of(&mut unknown_only, 0);
    assert!(
        out.contains("1 left out because a filter needs a figure the catalogue gives as unknown"),
        "{out}"
    );
    let mut bad = on_pathways();
    bad.args(["list", "--toward", "degre"]);
    assert_eq!(
        stderr_of(&mut bad, 1),
        "error: unknown degree `degre`; did you mean `degree`?\n"
    );
    // A prefix of a degree's id names that degree, not the credentials that look alike.
    let mut begun = micromasters();
    begun.args(["compare", "--toward", "mit-scm"]);
    assert_eq!(
        stderr_of(&mut begun, 1),
        "error: unknown degree `mit-scm`; did you mean `mit-scm-masters`?\n"
    );
}

fn estimate(id: &str) -> Value {
    json(&["estimate", id, "--then", "degree"])
}

fn totals(e: &Value) -> [Option<f64>; 6] {
    [
        e["then"]["cost_min"].as_f64(),
        e["total_cost_min"].as_f64(),
        e["saving_min"].as_f64(),
        e["then"]["months_min"].as_f64(),
        e["total_months_min"].as_f64(),
        e["months_saved_min"].as_f64(),
    ]
}

#[test]
fn estimate_then_works_out_each_kind_of_pathway() {
    // Known half: 20,000 x 0.5 = 10,000 to pay, 1,000 + 10,000 = 11,000; 20 x 0.5 = 10 months.
    let known = estimate("known");
    assert_eq!(
        totals(&known),
        [10000.0, 11000.0, 9000.0, 10.0, 20.0, 0.0].map(Some)
    );
    // Computed 9/30 = 0.3: 20,000 x 0.7 = 14,000; 1,200 + 14,000 = 15,200; 20 x 0.7 = 14 months.
    let computed = estimate("computed");
    assert_eq!(computed["then"]["share"], 0.3);
    assert_eq!(computed["then"]["share_computed"], true);
    assert_eq!(
        totals(&computed),
        [14000.0, 15200.0, 4800.0, 14.0, 22.0, -2.0].map(Some)
    );
    // Full tuition: the whole 20,000 still due, months still shrink to 14.
    let full = estimate("full");
    assert_eq!(full["then"]["tuition"], "full");
    assert_eq!(
        totals(&full),
        [20000.0, 21500.0, -1500.0, 14.0, 20.0, 0.0].map(Some)
    );
    // Admission only: the whole degree after the credential.
    let admission = estimate("admission");
    assert_eq!(admission["then"]["grants"], "admission");
    assert_eq!(admission["then"]["share"], 0.0);
    assert_eq!(
        totals(&admission),
        [20000.0, 20500.0, -500.0, 20.0, 24.0, -4.0].map(Some)
    );
    // Unknown share: nothing invented.
    let unknown = estimate("unknown");
    assert_eq!(unknown["then"]["share"], Value::Null);
    assert_eq!(totals(&unknown), [None; 6]);
    assert_eq!(unknown["direct_cost_min"], 20000.0);
    let mut table = on_pathways();
    table.args(["estimate", "unknown", "--then", "degree"]);
    let out = stdout_of(&mut table, 0);
    assert!(
        out.contains("unknown counts for a share no source gives (?)"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("pathway total") && l.ends_with('?')),
        "{out}"
    );
}

#[test]
fn a_computed_share_above_the_whole_degree_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("too-much.toml");
    std::fs::write(
        &path,
        "format = 1\n[[program]]\nid = \"known\"\ncredit = [{ toward = \"degree\", credits = 31 }]\n\
         [[program]]\nid = \"full\"\ncredit = [{ toward = \"degree\", credits = 9, of = 8 }]\n",
    )
    .unwrap();
    let mut command = on_pathways();
    command.arg("validate").arg(&path);
    let out = stdout_of(&mut command, 1);
    let file = path.display();
    assert!(out.starts_with(&format!(
        "{file}:4:22: `credits` (31) is more than the 30 credits of `degree`: a pathway never counts for more than the whole degree\n\
         {file}:7:42: `credits` (9) is more than `of` (8): a pathway never counts for more than the whole degree\n"
    )), "{out}");
}

#[test]
fn credit_tables_need_one_amount_or_an_admission_route() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shapes.toml");
    std::fs::write(
        &path,
        "format = 1\n[[program]]\nid = \"known\"\ncredit = [\
         { toward = \"degree\" }, \
         { toward = \"degree\", share = 0.5, credits = 3 }, \
         { toward = \"degree\", grants = \"admission\", share = 0.2 }, \
         { toward = \"degree\", share = [0.2, 0.4] }]\n",
    )
    .unwrap();
    let mut command = on_pathways();
    command.arg("validate").arg(&path);
    let out = stdout_of(&mut command, 1);
    assert!(
        out.contains(
            "a credit pathway needs `share` (a number, or \"unknown\" where no source gives it) or `credits`"
        ),
        "{out}"
    );
    assert!(
        out.contains("give one of `share` and `credits`, not both"),
        "{out}"
    );
    assert!(
        out.contains("`grants = \"admission\"` is a route in without credit"),
        "{out}"
    );
    assert!(
        out.contains("`share` is one number in (0, 1] or \"unknown\", not a range"),
        "{out}"
    );
}

#[test]
fn completions_offer_only_degrees_where_a_flag_takes_one() {
    let mut command = on_pathways();
    command.args(["completions", "fish"]);
    let out = stdout_of(&mut command, 0);
    for flag in ["-l toward", "-l then"] {
        let lines: Vec<&str> = out.lines().filter(|l| l.contains(flag)).collect();
        assert!(!lines.is_empty(), "{flag}");
        for line in lines {
            assert!(
                line.ends_with("-a \"degree\\t''\""),
                "only the degree is offered: {line}"
            );
        }
    }
}
