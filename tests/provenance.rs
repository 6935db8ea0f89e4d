//! Where decisions are made, the figures say where they come from: checks dated per figure
//! group, stale marks on the figure that is stale, retired programs marked everywhere, ended
//! pathways listed but not counted.

mod common;

use common::{micromasters, stdout_of};
use serde_json::Value;

/// A file of `text` in a temporary folder, kept for as long as the folder lives.
fn file(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn a_correction_dated_today_dates_only_the_keys_it_gives() {
    // The tests run on 2026-11-29; mitx-scm's built-in figures were checked 2018-06-11.
    let (_dir, path) =
        file("format = 1\n[[program]]\nid = \"mitx-scm\"\ncost = 1500\nverified = 2026-11-29\n");
    let mut show = micromasters();
    show.arg("--catalog")
        .arg(&path)
        .args(["--format", "json", "show", "mitx-scm"]);
    let record: Value = serde_json::from_str(&stdout_of(&mut show, 0)).unwrap();
    let checked = &record[0]["checked"];
    assert_eq!(checked["cost"]["verified"], "2026-11-29");
    assert_eq!(checked["cost"]["stale"], false);
    assert_eq!(checked["cost"]["source"], path.display().to_string());
    for group in ["months", "pacing", "credit"] {
        assert_eq!(checked[group]["verified"], "2018-06-11", "{group}");
        assert_eq!(checked[group]["stale"], true, "{group}");
        assert_eq!(checked[group]["source"], "data/catalog.toml", "{group}");
    }
    // The record as a whole is as old as its oldest figure, and stale.
    assert_eq!(record[0]["verified"], "2018-06-11");
    assert_eq!(record[0]["stale"], true);
    // In the table, the `*` sits on the months, not on the newly checked cost.
    let mut compare = micromasters();
    compare.arg("--catalog").arg(&path).args(["compare", "mitx-scm"]);
    let out = stdout_of(&mut compare, 0);
    let row = out.lines().find(|l| l.starts_with("1 Supply Chain")).unwrap();
    assert!(row.contains("$1,500 ") && !row.contains("$1,500 *"), "{row}");
    assert!(row.contains("12–24 *"), "{row}");
    assert!(out.contains("checked 2018-06-11 to 2026-11-29"), "{out}");
}

#[test]
fn a_correction_without_a_date_leaves_its_figures_undated() {
    let (_dir, path) = file("format = 1\n[[program]]\nid = \"mitx-scm\"\nmonths = 12\n");
    let mut show = micromasters();
    show.arg("--catalog")
        .arg(&path)
        .args(["--format", "json", "show", "mitx-scm"]);
    let record: Value = serde_json::from_str(&stdout_of(&mut show, 0)).unwrap();
    assert!(record[0]["checked"]["months"]["verified"].is_null());
    assert_eq!(record[0]["checked"]["cost"]["verified"], "2018-06-11");
    assert!(record[0]["verified"].is_null(), "a figure is undated");
}

const LAPSED: &str = r#"format = 1
[[institution]]
id = "u"
name = "Uni"
[[program]]
id = "deg"
name = "Degree"
kind = "masters"
institution = "u"
pacing = "self-paced"
cost = 10000
months = 12
verified = 2026-01-01
[[program]]
id = "lapsed"
name = "Lapsed Credential"
kind = "micromasters"
institution = "u"
pacing = "self-paced"
cost = 1000
months = 6
credit = [{ toward = "deg", share = 0.5, status = "ended", ends = 2023-01-01 }]
verified = 2026-01-01
"#;

#[test]
fn an_ended_pathway_is_listed_but_counts_for_nothing() {
    let (_dir, path) = file(LAPSED);
    let run = |args: &[&str]| {
        let mut command = micromasters();
        command.args(["--no-builtin", "--catalog"]).arg(&path).args(args);
        stdout_of(&mut command, 0)
    };
    let show = run(&["show", "lapsed"]);
    assert!(show.contains("ended 2023-01-01: 50% toward `deg`"), "{show}");
    let shown: Value = serde_json::from_str(&run(&["--format", "json", "show", "lapsed"])).unwrap();
    assert_eq!(shown[0]["credit"][0]["status"], "ended");
    assert_eq!(shown[0]["credit"][0]["ends"], "2023-01-01");
    let compared: Value = serde_json::from_str(&run(&["--format", "json", "compare", "lapsed"])).unwrap();
    assert!(
        compared[0]["credit_share"].is_null(),
        "no credit from an ended pathway"
    );
    assert_eq!(compared[0]["pathways"], 0);
    let with_pathway: Value =
        serde_json::from_str(&run(&["--format", "json", "compare", "--has-pathway"])).unwrap();
    assert_eq!(with_pathway, Value::Array(Vec::new()));
    let routes: Value = serde_json::from_str(&run(&["--format", "json", "plan"])).unwrap();
    let ids: Vec<&str> = routes
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["route"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["deg"], "no route through an ended pathway");
    let mut estimate = micromasters();
    estimate
        .args(["--no-builtin", "--catalog"])
        .arg(&path)
        .args(["estimate", "lapsed", "--then", "deg"]);
    assert!(common::stderr_of(&mut estimate, 1).contains("has no credit pathway to `deg`"));
}

#[test]
fn a_retired_program_is_marked_in_every_command_and_format_and_never_on_the_front() {
    let retired = "columbiax-business-analytics";
    let base = ["compare", retired, "mitx-scm"];
    for format in ["table", "markdown", "html"] {
        for command in [
            &base[..],
            &["chart", retired, "mitx-scm"],
            &["list", "--include-retired", "-u", "columbia university"],
        ] {
            let mut run = micromasters();
            run.args(["--format", format, "--width", "120"]).args(command);
            let out = stdout_of(&mut run, 0);
            assert!(out.contains("(retired)"), "{format} {command:?}:\n{out}");
        }
        let mut estimate = micromasters();
        estimate.args(["--format", format, "estimate", retired]);
        assert!(
            stdout_of(&mut estimate, 0).contains("(retired)"),
            "{format} estimate"
        );
    }
    for command in [&base[..], &["chart", retired, "mitx-scm"]] {
        let mut run = micromasters();
        run.args(["--format", "json"]).args(command);
        let records: Value = serde_json::from_str(&stdout_of(&mut run, 0)).unwrap();
        let record = records
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == retired)
            .unwrap();
        assert_eq!(record["status"], "retired", "{command:?}");
        assert_eq!(
            record["front"], false,
            "{command:?}: a retired program is never on the front"
        );
    }
    let mut csv = micromasters();
    csv.args(["--format", "csv", "compare", retired]);
    assert!(stdout_of(&mut csv, 0).contains(",retired,"));
    let mut estimate = micromasters();
    estimate.args(["--format", "json", "estimate", retired]);
    let e: Value = serde_json::from_str(&stdout_of(&mut estimate, 0)).unwrap();
    assert_eq!(e["status"], "retired");
}

#[test]
fn decision_outputs_carry_the_source_its_date_and_staleness() {
    let mut estimate = micromasters();
    estimate.args([
        "--format",
        "json",
        "estimate",
        "mitx-scm",
        "--then",
        "mit-scm-masters",
    ]);
    let e: Value = serde_json::from_str(&stdout_of(&mut estimate, 0)).unwrap();
    assert_eq!(
        e["url"],
        "https://micromasters.mit.edu/scm/frequently-asked-questions/"
    );
    assert_eq!(e["verified"], "2018-06-11");
    assert_eq!(e["stale"], true);
    for step in e["steps"].as_array().unwrap() {
        assert!(step["url"].is_string() && step["verified"].is_string() && step["stale"].is_boolean());
    }
    let mut table = micromasters();
    table.args(["estimate", "mitx-scm"]);
    let out = stdout_of(&mut table, 0);
    let pay = out.lines().find(|l| l.starts_with("you pay")).unwrap();
    assert!(pay.ends_with("$950 *"), "{out}");
    assert!(out.contains("checked 2018-06-11;"), "{out}");
}

#[test]
fn every_source_a_note_cites_is_defined_and_show_lists_them_with_urls() {
    let mut sources = micromasters();
    sources.args(["--format", "json", "sources"]);
    let all: Value = serde_json::from_str(&stdout_of(&mut sources, 0)).unwrap();
    let keys: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    for key in ["MOOCoke-2022", "CC-2023", "EDX-DS", "MIT-SCM-FAQ"] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    // Every bracketed key in the built-in notes names one of them.
    let text = std::fs::read_to_string("data/catalog.toml").unwrap();
    for note in text.lines().filter(|l| l.starts_with("notes = ")) {
        for key in micromasters::catalog::model::citations(note) {
            assert!(keys.contains(&key), "`[{key}]` is cited but not defined: {note}");
        }
    }
    let mut show = micromasters();
    show.args(["--width", "200", "show", "mitx-scm"]);
    let out = stdout_of(&mut show, 0);
    assert!(
        out.contains("[MIT-SCM-FAQ] (undated) MITx MicroMasters in Supply Chain Management: frequently asked questions https://micromasters.mit.edu/scm/frequently-asked-questions/"),
        "{out}"
    );
    assert!(out.contains("[KYOTO-2018] (2018-06-11)"), "{out}");
    let mut json = micromasters();
    json.args(["--format", "json", "show", "mitx-scm"]);
    let record: Value = serde_json::from_str(&stdout_of(&mut json, 0)).unwrap();
    assert_eq!(
        record[0]["sources"][1]["url"],
        "https://www.highedu.kyoto-u.ac.jp/connect/en/news/micromasters03.php"
    );
}

#[test]
fn a_note_that_cites_an_undefined_source_is_a_problem_at_its_entry() {
    let (_dir, path) = file(
        "format = 1\n[[source]]\nkey = \"MY-SHEET\"\ntitle = \"My sheet\"\n[[program]]\nid = \"mitx-scm\"\nnotes = \"from [MY-SHET] and [sic] [MY-SHEET]\"\n",
    );
    let mut validate = micromasters();
    validate.arg("validate").arg(&path);
    let out = stdout_of(&mut validate, 1);
    let f = path.display();
    assert!(
        out.starts_with(&format!(
            "{f}:5:1: `mitx-scm` cites source `[MY-SHET]`, which no `[[source]]` defines; did you mean `MY-SHEET`?\n"
        )),
        "{out}"
    );
    assert!(out.contains("1 problem found"), "[sic] is no citation:\n{out}");
}

#[test]
fn each_converted_output_names_its_own_rates_date_and_source() {
    for (code, as_of, source) in [
        (
            "EUR",
            "2026-10-30",
            "ECB euro foreign exchange reference rates, 2026-10-30",
        ),
        ("NGN", "2026-11-01", "HMRC monthly exchange rates, November 2026"),
    ] {
        for command in [
            &["compare", "mitx-scm"][..],
            &["list", "-u", "mit"],
            &["show", "mitx-scm"],
            &["chart", "mitx-scm"],
            &["plan", "--toward", "mit-scm-masters"],
            &["estimate", "mitx-scm"],
        ] {
            let mut json = micromasters();
            json.args(["--format", "json", "--currency", code]).args(command);
            let out: Value = serde_json::from_str(&stdout_of(&mut json, 0)).unwrap();
            let record = if out.is_array() { out[0].clone() } else { out };
            assert_eq!(record["rate"]["currency"], code, "{code} {command:?}");
            assert_eq!(record["rate"]["as_of"], as_of, "{code} {command:?}");
            assert_eq!(record["rate"]["source"], source, "{code} {command:?}");
            let mut csv = micromasters();
            csv.args(["--format", "csv", "--currency", code]).args(command);
            let csv = stdout_of(&mut csv, 0);
            let header = csv.lines().next().unwrap();
            assert!(
                header.contains("rate_per_usd,rate_as_of,rate_source"),
                "{code} {command:?}: {header}"
            );
            assert!(csv.contains(as_of), "{code} {command:?}");
        }
        let mut table = micromasters();
        table.args(["--width", "300", "--currency", code, "estimate", "mitx-scm"]);
        assert!(
            stdout_of(&mut table, 0).contains(&format!("as of {as_of}, {source}")),
            "{code}"
        );
    }
    let mut usd = micromasters();
    usd.args(["--format", "json", "compare", "mitx-scm"]);
    let record: Value = serde_json::from_str(&stdout_of(&mut usd, 0)).unwrap();
    assert!(record[0].get("rate").is_none(), "nothing converted, no rate");
}

#[test]
fn a_later_file_that_sets_a_rate_or_corrects_an_entry_again_is_named_everywhere() {
    let (_one, first) =
        file("format = 1\nrates = { EUR = 0.5 }\n[[program]]\nid = \"mitx-scm\"\ncost = 1400\n");
    let (_two, second) = file("format = 1\n[[program]]\nid = \"mitx-scm\"\nmonths = 14\n");
    let (a, b) = (first.display().to_string(), second.display().to_string());
    let with = |args: &[&str]| {
        let mut command = micromasters();
        command
            .arg("--catalog")
            .arg(&first)
            .arg("--catalog")
            .arg(&second)
            .args(args);
        command
    };
    let out = stdout_of(&mut with(&["validate"]), 0);
    assert!(
        out.contains(&format!(
            "corrected: rate `EUR` of data/catalog.toml by {a}: 1 EUR = 1.1172 → 0.5 USD\n"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "corrected: program `mitx-scm` of {a} by {b}: `months`\n"
        )),
        "{out}"
    );
    let summary: Value =
        serde_json::from_str(&stdout_of(&mut with(&["--format", "json", "validate"]), 0)).unwrap();
    let rate = summary["replaced"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "rate")
        .unwrap();
    assert_eq!(rate["change"], "1 EUR = 1.1172 → 0.5 USD");
    let table = stdout_of(
        &mut with(&["--width", "300", "--currency", "EUR", "compare", "mitx-scm"]),
        0,
    )
    .replace('\n', " ");
    assert!(
        table.contains(&format!(
            "built-in figures corrected by {a} (1 entry; rate EUR), {b} (1 entry)"
        )),
        "{table}"
    );
    for command in [
        &["compare", "mitx-scm"][..],
        &["list", "-u", "mit"],
        &["chart", "mitx-scm"],
        &["estimate", "mitx-scm"],
    ] {
        let mut json = with(&["--format", "json"]);
        json.args(command);
        let out: Value = serde_json::from_str(&stdout_of(&mut json, 0)).unwrap();
        let record = if out.is_array() {
            out.as_array()
                .unwrap()
                .iter()
                .find(|r| r["id"] == "mitx-scm")
                .unwrap()
                .clone()
        } else {
            out
        };
        assert_eq!(record["corrected_by"], serde_json::json!([a, b]), "{command:?}");
    }
}
