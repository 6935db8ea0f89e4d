//! What a demanding new user tripped on, round 2: each item as a test.

mod common;

use common::{micromasters, stderr_of, stdout_of};
use serde_json::Value;

fn institutions(args: &[&str]) -> Vec<String> {
    let mut command = micromasters();
    command
        .args(["--format", "json"])
        .args(args)
        .arg("--include-retired");
    let out: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
    let mut found: Vec<String> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["institution"].as_str().unwrap().to_string())
        .collect();
    found.dedup();
    found
}

#[test]
fn an_exact_institution_wins_over_word_matching_and_a_phrase_matches_consecutive_words() {
    // `columbia` is Columbia's id: not the University of British Columbia.
    assert_eq!(institutions(&["list", "-u", "columbia"]), ["columbia"]);
    assert_eq!(institutions(&["list", "-u", "Columbia University"]), ["columbia"]);
    let ubc = institutions(&["list", "-u", "british columbia"]);
    assert!(
        !ubc.is_empty() && !ubc.contains(&"columbia".to_string()),
        "{ubc:?}"
    );
    assert_eq!(
        institutions(&["compare", "-u", "columbia", "--limit", "2"]),
        ["columbia"]
    );
}

#[test]
fn jsonl_streams_one_record_a_line() {
    let mut json = micromasters();
    json.args(["--format", "json", "compare"]);
    let array: Value = serde_json::from_str(&stdout_of(&mut json, 0)).unwrap();
    let mut lines = micromasters();
    lines.args(["--format", "jsonl", "compare"]);
    let out = stdout_of(&mut lines, 0);
    let records: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(Value::Array(records), array);
    let mut one = micromasters();
    one.args(["--format", "jsonl", "estimate", "mitx-scm"]);
    assert_eq!(stdout_of(&mut one, 0).lines().count(), 1);
}

#[test]
fn mistyped_values_name_the_closest_and_a_zero_limit_says_why() {
    let cases: [(&[&str], &str); 4] = [
        (&["compare", "--sort", "costs"], "did you mean `cost`?"),
        (&["compare", "--weights", "cots=2"], "did you mean `cost`?"),
        (&["--currency", "EURO", "compare"], "did you mean `EUR`?"),
        (
            &["compare", "--limit", "0"],
            "`0` would keep nothing: give 1 or more",
        ),
    ];
    for (args, expected) in cases {
        let output = micromasters().args(args).output().unwrap();
        assert_ne!(output.status.code(), Some(0), "{args:?}");
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(!err.contains("18446744073709551615"), "{err}");
    }
}

#[test]
fn institutions_are_filed_as_a_reader_would() {
    let mut list = micromasters();
    list.args(["--format", "json", "list"]);
    let out: Value = serde_json::from_str(&stdout_of(&mut list, 0)).unwrap();
    let mut names: Vec<String> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["institution_name"].as_str().unwrap().to_string())
        .collect();
    names.dedup();
    // A leading "The" does not file a name under T.
    let filed: Vec<String> = names
        .iter()
        .map(|n| n.to_lowercase().trim_start_matches("the ").to_string())
        .collect();
    let mut sorted = filed.clone();
    sorted.sort();
    assert_eq!(filed, sorted);
    assert!(names.iter().any(|n| n.starts_with("The ")), "{names:?}");
}

#[test]
fn help_and_errors_say_what_the_tool_does() {
    let mut help = micromasters();
    help.arg("--help");
    let out = stdout_of(&mut help, 0);
    assert!(out.contains("corrects it key by key"), "{out}");
    let mut broken = micromasters();
    broken.args(["--catalog", "tests/fixtures/two_errors.toml", "list"]);
    assert!(stderr_of(&mut broken, 1).contains("run `micromasters validate tests/fixtures/two_errors.toml`"));
}

#[test]
fn tables_fit_the_width_in_terminal_columns_with_wide_characters() {
    use unicode_width::UnicodeWidthStr;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.toml");
    std::fs::write(
        &path,
        "format = 1\n[[institution]]\nid = \"u\"\nname = \"大學\"\n[[program]]\nid = \"cjk\"\n\
         name = \"數據科學與人工智能的微碩士課程，一個很長的名字的課程 🎓🎓🎓\"\nkind = \"certificate\"\n\
         institution = \"u\"\npacing = \"both\"\ncost = 100\nmonths = 3\n",
    )
    .unwrap();
    for width in ["60", "80", "120"] {
        for command in ["compare", "list", "show"] {
            let mut run = micromasters();
            run.args(["--no-builtin", "--catalog"])
                .arg(&path)
                .args(["--width", width, command]);
            if command == "show" {
                run.arg("cjk");
            }
            let out = stdout_of(&mut run, 0);
            let widest = out.lines().map(UnicodeWidthStr::width).max().unwrap();
            assert!(
                widest <= width.parse().unwrap(),
                "{command} at {width}: {widest} columns\n{out}"
            );
        }
    }
}

#[test]
fn the_version_names_the_built_in_catalogues_date() {
    let mut version = micromasters();
    version.arg("--version");
    let out = stdout_of(&mut version, 0);
    let catalogue = std::fs::read_to_string("data/catalog.toml").unwrap();
    let as_of = catalogue
        .lines()
        .find_map(|l| l.strip_prefix("as_of = "))
        .expect("the built-in catalogue has an as_of");
    assert_eq!(
        out,
        format!(
            "micromasters {} (built-in catalogue as of {as_of})\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn the_manual_page_has_examples_and_see_also() {
    let mut man = micromasters();
    man.arg("man");
    let page = stdout_of(&mut man, 0);
    for section in [
        ".SH EXAMPLES",
        ".SH SEE ALSO",
        ".SH EXIT STATUS",
        ".SH ENVIRONMENT",
    ] {
        assert!(page.contains(section), "{section}");
    }
    assert!(page.contains("MICROMASTERS_PROFILE"));
    assert!(page.contains("docs/catalog\\-format.md"));
    // The synopsis names every command with its options' arguments.
    let synopsis = &page[page.find(".SH SYNOPSIS").unwrap()..page.find(".SH DESCRIPTION").unwrap()];
    for part in [
        "\\fBmicromasters plan\\fR",
        "[\\fB\\-\\-budget\\fR \\fIAMOUNT\\fR]",
        "\\fBmicromasters show\\fR \\fIID\\fR ...",
        "[\\fB\\-\\-format\\fR \\fIFORMAT\\fR]",
    ] {
        assert!(synopsis.contains(part), "{part} in {synopsis}");
    }
    // Markdown's backticks are set in bold, never shown.
    assert!(!page.contains('`'), "a backtick is left");
    assert!(page.contains("\\fBMICROMASTERS_CATALOG\\fR"));
}

#[test]
fn estimate_takes_several_ids_side_by_side_and_an_array_in_json() {
    let mut table = micromasters();
    table.args(["estimate", "mitx-scm", "gatech-omsa", "uopeople-mba"]);
    let out = stdout_of(&mut table, 0);
    let header = out.lines().nth(1).unwrap();
    for id in ["mitx-scm", "gatech-omsa", "uopeople-mba"] {
        assert!(header.contains(id), "{header}");
    }
    let pay = out.lines().find(|l| l.starts_with("you pay")).unwrap();
    assert!(
        pay.contains("$950") && pay.contains("$9,900") && pay.contains("$2,940"),
        "{pay}"
    );
    let mut json = micromasters();
    json.args(["--format", "json", "estimate", "mitx-scm", "gatech-omsa"]);
    let out: Value = serde_json::from_str(&stdout_of(&mut json, 0)).unwrap();
    let ids: Vec<&str> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["mitx-scm", "gatech-omsa"]);
    let mut one = micromasters();
    one.args(["--format", "json", "estimate", "mitx-scm"]);
    let out: Value = serde_json::from_str(&stdout_of(&mut one, 0)).unwrap();
    assert!(out.is_object(), "one id prints one object, as before");
    let mut then = micromasters();
    then.args(["estimate", "mitx-scm", "gatech-omsa", "--then", "mit-scm-masters"]);
    assert_eq!(
        stderr_of(&mut then, 1),
        "error: --then follows one program: give one id with it, not 2\n"
    );
}

/// The pacing of each program `args` lists.
fn pacings(args: &[&str]) -> Vec<String> {
    let mut command = micromasters();
    command.args(["--format", "json", "list"]).args(args);
    let records: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
    records
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["pacing"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn pacing_asks_for_mixed_programs_or_for_those_that_start_any_time() {
    let loose = pacings(&["--pacing", "self-paced"]);
    assert!(loose.iter().any(|p| p == "both") && loose.iter().any(|p| p == "self-paced"));
    assert!(loose.iter().all(|p| p == "both" || p == "self-paced"));
    // Every course at your own pace: MITx SCM (four-fifths scheduled) is not among them.
    let only = pacings(&["--pacing", "self-paced-only"]);
    assert!(!only.is_empty() && only.iter().all(|p| p == "self-paced"));
    assert_eq!(only.len(), loose.iter().filter(|p| *p == "self-paced").count());
    let mut command = micromasters();
    command.args(["--format", "json", "list", "--pacing", "self-paced-only"]);
    assert!(!stdout_of(&mut command, 0).contains("\"mitx-scm\""));
    let mixed = pacings(&["--pacing", "both"]);
    assert!(!mixed.is_empty() && mixed.iter().all(|p| p == "both"));
    let led = pacings(&["--pacing", "instructor-led-only"]);
    assert!(!led.is_empty() && led.iter().all(|p| p == "instructor-led"));
    // plan asks the same of every step.
    let mut plan = micromasters();
    plan.args(["--format", "json", "plan", "--pacing", "both"]);
    let routes: Value = serde_json::from_str(&stdout_of(&mut plan, 0)).unwrap();
    assert!(routes.as_array().unwrap().is_empty() || routes.to_string().contains("mitx-scm"));
    // The values are offered.
    let mut wrong = micromasters();
    wrong.args(["list", "--pacing", "anytime"]);
    let err = stderr_of(&mut wrong, 2);
    assert!(err.contains("self-paced-only") && err.contains("both"), "{err}");
}

/// The ids `args` prints, in order.
fn ids_of(args: &[&str]) -> Vec<String> {
    let mut command = micromasters();
    command.args(["--format", "json"]).args(args);
    let records: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
    records
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().or(r["route"].as_str()).unwrap().to_string())
        .collect()
}

#[test]
fn list_and_plan_take_the_sort_keys_compare_takes() {
    // list sorts as compare does, keys and all, and keeps the first N.
    let listed = ids_of(&[
        "list",
        "--kind",
        "micromasters",
        "--sort",
        "cost,name",
        "--limit",
        "5",
    ]);
    let compared = ids_of(&[
        "compare",
        "--kind",
        "micromasters",
        "--sort",
        "cost,name",
        "--limit",
        "5",
    ]);
    assert_eq!(listed, compared);
    assert_eq!(listed.len(), 5);
    let reversed = ids_of(&[
        "list",
        "--kind",
        "micromasters",
        "--sort",
        "-months",
        "--limit",
        "3",
    ]);
    assert_eq!(
        reversed,
        ids_of(&[
            "compare",
            "--kind",
            "micromasters",
            "--sort",
            "-months",
            "--limit",
            "3"
        ])
    );
    let mut table = micromasters();
    table.args(["--width", "120", "list", "--sort", "cost", "--limit", "2"]);
    let out = stdout_of(&mut table, 0);
    assert!(out.contains("2 of "), "{out}");
    assert!(
        out.contains("UNCordobaX · uncordobax-service-management"),
        "rows name their school: {out}"
    );
    // list has no score, and says so.
    let mut score = micromasters();
    score.args(["list", "--sort", "score"]);
    assert!(stderr_of(&mut score, 2).contains("`list` has no score"));
    // plan takes a list too: months first, then cost; a `-` reverses a key.
    let by_months = ids_of(&["plan", "--subject", "supply,analytics", "--sort", "months,cost"]);
    let by_months_alone = ids_of(&["plan", "--subject", "supply,analytics", "--sort", "months"]);
    assert_eq!(
        by_months, by_months_alone,
        "months then cost is what months alone means"
    );
    let down = ids_of(&["plan", "--subject", "supply,analytics", "--sort", "-cost"]);
    let up = ids_of(&["plan", "--subject", "supply,analytics", "--sort", "cost"]);
    assert_ne!(down, up);
    let mut wrong = micromasters();
    wrong.args(["plan", "--sort", "mnths"]);
    assert!(stderr_of(&mut wrong, 2).contains("did you mean `months`"));
}

#[test]
fn an_unmatched_university_names_the_closest_institutions() {
    // An empty result is not an error: every run exits 0.
    let err = stderr_of(micromasters().args(["list", "-u", "colmbia"]), 0);
    assert!(
        err.contains(
            "note: no institution matches `colmbia`; did you mean `columbia` (Columbia University)?"
        ),
        "{err}"
    );
    let err = stderr_of(micromasters().args(["plan", "--university", "purdeu"]), 0);
    assert!(
        err.contains("did you mean `purdue` (Purdue University)?"),
        "{err}"
    );
    // Nothing close: say where the names are.
    let err = stderr_of(micromasters().args(["compare", "-u", "zzzz"]), 0);
    assert!(
        err.contains("`micromasters list` names every institution"),
        "{err}"
    );
    // A value that matches stays quiet.
    let err = stderr_of(micromasters().args(["list", "-u", "mit"]), 0);
    assert!(!err.contains("no institution"), "{err}");
}

#[test]
fn csv_holds_no_json_and_show_pathways_gives_a_row_each() {
    for args in [
        &["show", "mitx-scm", "adelaidex-big-data"][..],
        &[
            "plan",
            "--toward",
            "mit-scm-masters",
            "--start",
            "2027-01",
            "--salary-gain",
            "9000",
        ],
        &[
            "estimate",
            "mitx-scm",
            "--then",
            "mit-scm-masters",
            "--start",
            "2027-01",
        ],
    ] {
        let mut csv = micromasters();
        csv.args(["--format", "csv"]).args(args);
        let out = stdout_of(&mut csv, 0);
        assert!(!out.contains("{\"") && !out.contains("{\"\""), "{args:?}: {out}");
    }
    // A list of tables reads as key=value pairs.
    let mut show = micromasters();
    show.args(["--format", "csv", "show", "adelaidex-big-data"]);
    assert!(
        stdout_of(&mut show, 0).contains(
            "degree=Master of Data Science, at=The University of Adelaide, grants=credit, share=0.25"
        )
    );
    // One row per pathway, flat columns.
    let mut rows = micromasters();
    rows.args([
        "--format",
        "csv",
        "show",
        "--pathways",
        "adelaidex-big-data",
        "ubcx-business-fundamentals",
    ]);
    let out = stdout_of(&mut rows, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "program,program_name,toward,degree,at,grants,share,share_computed,credits,of,unit,tuition,note,status,ends"
    );
    assert_eq!(lines.len(), 4, "a header and three pathways: {out}");
    assert!(lines[1].starts_with(
        "adelaidex-big-data,Big Data,,Master of Data Science,The University of Adelaide,credit,0.25,false,"
    ));
    assert!(lines[3].contains(",ended,"), "{out}");
    let mut table = micromasters();
    table.args([
        "--width",
        "100",
        "show",
        "--pathways",
        "ubcx-business-fundamentals",
    ]);
    let out = stdout_of(&mut table, 0);
    assert!(
        out.contains("ubcx-business-fundamentals "),
        "the id stands whole: {out}"
    );
    assert!(out.contains("1 pathway of 1 program"), "{out}");
}

/// Whether `args` print any escape sequence, with `env` set.
fn coloured(env: &[(&str, &str)], args: &[&str]) -> bool {
    let mut command = micromasters();
    for (k, v) in env {
        command.env(k, v);
    }
    let output = command.args(args).output().unwrap();
    output.stdout.contains(&0x1b)
}

#[test]
fn help_and_output_follow_one_colour_decision() {
    // Not a terminal: no colour, unless asked for.
    assert!(!coloured(&[], &["--help"]));
    assert!(!coloured(&[], &["list", "-u", "mit"]));
    assert!(!coloured(&[], &["--color", "never", "--help"]));
    assert!(coloured(&[], &["--color", "always", "--help"]));
    assert!(coloured(&[], &["--color=always", "list", "-u", "mit"]));
    // CLICOLOR_FORCE turns colour on for both; NO_COLOR wins over it; a flag wins over both.
    assert!(coloured(&[("CLICOLOR_FORCE", "1")], &["--help"]));
    assert!(coloured(&[("CLICOLOR_FORCE", "1")], &["list", "-u", "mit"]));
    assert!(!coloured(&[("CLICOLOR_FORCE", "0")], &["list", "-u", "mit"]));
    assert!(!coloured(
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        &["--help"]
    ));
    assert!(!coloured(
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        &["list", "-u", "mit"]
    ));
    assert!(!coloured(
        &[("CLICOLOR_FORCE", "1")],
        &["--color", "never", "--help"]
    ));
    assert!(coloured(
        &[("NO_COLOR", "1")],
        &["--color", "always", "list", "-u", "mit"]
    ));
}

#[test]
fn a_dumb_terminal_gets_an_ascii_chart() {
    let mut dumb = micromasters();
    dumb.env("TERM", "dumb").args(["chart", "--kind", "micromasters"]);
    let out = stdout_of(&mut dumb, 0);
    assert!(!out.contains(['│', '└', '─', '·']), "{out}");
    assert!(out.contains("+---") && out.contains('|'), "{out}");
    let mut fancy = micromasters();
    fancy.args(["chart", "--kind", "micromasters"]);
    assert!(stdout_of(&mut fancy, 0).contains('└'));
}

#[test]
fn a_missing_pathway_names_the_ones_there_are_briefly() {
    let mut estimate = micromasters();
    estimate.args(["estimate", "mitx-scm", "--then", "mitx-sds"]);
    let err = stderr_of(&mut estimate, 1);
    assert_eq!(
        err,
        "error: `mitx-scm` has no credit pathway to `mitx-sds` (a micromasters, not a degree); its pathways: `mit-scm-masters`, 24 degrees outside the catalogue (`micromasters show --pathways mitx-scm` lists them)\n"
    );
}
