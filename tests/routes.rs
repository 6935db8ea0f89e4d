//! Routes of several steps, to degrees inside and outside the catalogue, at the learner's pace:
//! every figure below is worked by hand from `tests/fixtures/routes.toml` or the built-in
//! catalogue's figures named in the comments.

mod common;

use common::{micromasters, stdout_of};
use serde_json::Value;

const ROUTES: &str = "tests/fixtures/routes.toml";

/// (pace flags, degree, hand-computed months, pace)
type PaceCase<'a> = (&'a [&'a str], &'a str, (f64, f64), &'a str);

fn json(args: &[&str]) -> Value {
    let mut command = micromasters();
    command
        .args(["--no-builtin", "--catalog", ROUTES, "--format", "json"])
        .args(args);
    serde_json::from_str(&stdout_of(&mut command, 0)).unwrap()
}

fn builtin(args: &[&str]) -> Value {
    let mut command = micromasters();
    command.args(["--format", "json"]).args(args);
    serde_json::from_str(&stdout_of(&mut command, 0)).unwrap()
}

/// A route's id and its eight totals and bounds, as numbers or `None`.
fn totals(route: &Value) -> (String, [Option<f64>; 8]) {
    let keys = [
        "total_cost_min",
        "total_cost_max",
        "cost_at_least",
        "cost_at_most",
        "total_months_min",
        "total_months_max",
        "months_at_least",
        "months_at_most",
    ];
    (
        route["route"].as_str().unwrap().to_string(),
        keys.map(|k| route[k].as_f64()),
    )
}

#[test]
fn every_chain_of_pathways_is_a_route_with_exact_totals_or_bounds() {
    let routes = json(&["plan"]);
    let found: Vec<(String, [Option<f64>; 8])> = routes.as_array().unwrap().iter().map(totals).collect();
    let outside = "Master of Outside at Elsewhere University";
    assert_eq!(
        found,
        [
            // mm 2,000-3,000 and 10 months; deg at 25% credit: 20,000 x 0.75 = 15,000 and
            // [20, 30] x 0.75 = [15, 22.5]. Exact routes come first, by the middle of the cost.
            (
                "mm>deg".into(),
                [
                    Some(17000.0),
                    Some(18000.0),
                    Some(17000.0),
                    Some(18000.0),
                    Some(25.0),
                    Some(32.5),
                    Some(25.0),
                    Some(32.5)
                ]
            ),
            (
                "deg".into(),
                [
                    Some(20000.0),
                    Some(20000.0),
                    Some(20000.0),
                    Some(20000.0),
                    Some(20.0),
                    Some(30.0),
                    Some(20.0),
                    Some(30.0)
                ]
            ),
            // Then the bounded ones by their lower bound. mb 1,000 and 6 months, then mm at a
            // share no source gives (0 to 3,000, 0 to 10 months), then a degree outside the
            // catalogue: nothing known of it but that it adds at least 0.
            (
                format!("mb>mm>{outside}"),
                [None, None, Some(1000.0), None, None, None, Some(6.0), None]
            ),
            (
                format!("mm>{outside}"),
                [None, None, Some(2000.0), None, None, None, Some(10.0), None]
            ),
            // 1,000 + (0 to 3,000) + 15,000; 6 + (0 to 10) + (15 to 22.5).
            (
                "mb>mm>deg".into(),
                [
                    None,
                    None,
                    Some(16000.0),
                    Some(19000.0),
                    None,
                    None,
                    Some(21.0),
                    Some(38.5)
                ]
            ),
        ]
    );
    let first = &routes[0];
    // Against deg alone (20,000; 20-30 months), low end with low end.
    let against =
        ["saving_min", "saving_max", "months_saved_min", "months_saved_max"].map(|k| first[k].as_f64());
    assert_eq!(against, [Some(3000.0), Some(2000.0), Some(-5.0), Some(-2.5)]);
    let front: Vec<&str> = routes
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["front"] == true)
        .map(|r| r["route"].as_str().unwrap())
        .collect();
    assert_eq!(front, ["mm>deg", "deg"], "bounded routes are never on the front");
    let three = &routes[4];
    assert_eq!(three["unknown"], serde_json::json!(["share"]));
    let steps: Vec<&str> = three["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["mb", "mm", "deg"]);
    assert_eq!(three["steps"][1]["cost_at_most"], 3000);
    assert!(three["steps"][1]["cost_min"].is_null());
    let outside_step = &routes[2]["steps"][2];
    assert!(outside_step["id"].is_null());
    assert_eq!(outside_step["name"], "Master of Outside");
    assert_eq!(outside_step["at"], "Elsewhere University");
    assert_eq!(outside_step["share"], 0.5);
}

#[test]
fn a_budget_keeps_a_bounded_route_whose_lower_bound_fits_and_says_it_may() {
    let routes = json(&["plan", "--budget", "17000"]);
    let kept: Vec<(&str, &str)> = routes
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["route"].as_str().unwrap(), r["fit"].as_str().unwrap()))
        .collect();
    // mm>deg's known high end (18,000) and deg (20,000) are over; mb>mm>deg is 16,000 to
    // 19,000: it may fit; the routes outside the catalogue start at 1,000 and 2,000.
    assert_eq!(
        kept,
        [
            ("mb>mm>Master of Outside at Elsewhere University", "may fit"),
            ("mm>Master of Outside at Elsewhere University", "may fit"),
            ("mb>mm>deg", "may fit"),
        ]
    );
    let mut table = micromasters();
    table.args(["--no-builtin", "--catalog", ROUTES, "plan", "--budget", "17000"]);
    let out = stdout_of(&mut table, 0);
    assert!(out.contains("$16,000 to $19,000 ?"), "{out}");
    assert!(out.contains("≥ $1,000"), "{out}");
    assert!(out.contains("(may fit)"), "{out}");
}

#[test]
fn estimate_follows_a_chain_of_three_and_agrees_with_plan() {
    let e = json(&["estimate", "mb", "--then", "mm", "--then", "deg"]);
    for (key, value) in [
        ("cost_at_least", 16000.0),
        ("cost_at_most", 19000.0),
        ("months_at_least", 21.0),
        ("months_at_most", 38.5),
        ("direct_cost_min", 20000.0),
    ] {
        assert_eq!(e[key].as_f64(), Some(value), "{key}");
    }
    assert!(e["total_cost_min"].is_null());
    assert_eq!(e["then"]["id"], "mm");
    assert_eq!(e["steps"].as_array().unwrap().len(), 3);
    let plan = json(&["plan", "--toward", "deg"]);
    let route = plan
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["route"] == "mb>mm>deg")
        .unwrap();
    for key in [
        "cost_at_least",
        "cost_at_most",
        "months_at_least",
        "months_at_most",
        "direct_cost_min",
    ] {
        assert_eq!(route[key], e[key], "{key}");
    }
    let mut four = micromasters();
    four.args([
        "--no-builtin",
        "--catalog",
        ROUTES,
        "estimate",
        "mb",
        "--then",
        "mm",
        "--then",
        "deg",
        "--then",
        "deg",
    ]);
    assert_eq!(
        common::stderr_of(&mut four, 1),
        "error: a route takes at most 3 programs: give --then at most 2 times\n"
    );
    let mut wrong = micromasters();
    wrong.args([
        "--no-builtin",
        "--catalog",
        ROUTES,
        "estimate",
        "mb",
        "--then",
        "deg",
    ]);
    assert_eq!(
        common::stderr_of(&mut wrong, 1),
        "error: `mb` has no credit pathway to `deg`; its pathways: `mm`\n"
    );
}

#[test]
fn courses_a_term_set_the_months_of_a_degree_with_terms_and_its_time_limit_is_flagged() {
    // deg: 10 courses, terms of 4 months. Alone at 2 a term: 5 terms, 20 months; at 1 a term,
    // 40 months, over its 36-month limit. After mm's 25%: ⌈7.5⌉ = 8 courses, 4 terms at 2 a
    // term (16 months, + mm's 10), 8 terms at 1 (32, + 10).
    let months = |per_term: &str, route: &str| {
        let routes = json(&["plan", "--courses-per-term", per_term, "--toward", "deg"]);
        let r = routes
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["route"] == route)
            .unwrap()
            .clone();
        let last = r["steps"].as_array().unwrap().last().unwrap().clone();
        (
            r["total_months_min"].as_f64(),
            last["pace"].clone(),
            last["over_limit"].clone(),
        )
    };
    assert_eq!(months("2", "deg"), (Some(20.0), "yours".into(), false.into()));
    assert_eq!(months("1", "deg"), (Some(40.0), "yours".into(), true.into()));
    assert_eq!(months("2", "mm>deg"), (Some(26.0), "yours".into(), false.into()));
    assert_eq!(months("1", "mm>deg"), (Some(42.0), "yours".into(), false.into()));
    let mut table = micromasters();
    table.args([
        "--no-builtin",
        "--catalog",
        ROUTES,
        "plan",
        "--courses-per-term",
        "1",
        "--toward",
        "deg",
    ]);
    let out = stdout_of(&mut table, 0);
    assert!(out.contains("40 !"), "the limit is marked in the cell:\n{out}");
    assert!(
        out.contains("10 adv. mo"),
        "mm has no terms: its months are marked advertised:\n{out}"
    );
    assert!(
        out.contains("! at your pace the program takes longer than it allows"),
        "{out}"
    );
}

#[test]
fn the_built_in_degrees_follow_the_learners_pace_where_the_catalogue_can() {
    // OMSCS: 10 courses, 3 semesters a year (4 months). UoPeople MSIT: 12 courses, terms of
    // 2.5 months. OMSA gives no courses or terms: advertised 12-36, marked.
    let at = |args: &[&str], id: &str| {
        let routes = builtin(&[&["plan", "--kind", "masters"], args].concat());
        let r = routes
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["route"] == id)
            .unwrap()
            .clone();
        (
            r["total_months_min"].as_f64(),
            r["total_months_max"].as_f64(),
            r["steps"][0]["pace"].clone(),
        )
    };
    let one = ["--courses-per-term", "1"];
    let three = ["--courses-per-term", "3"];
    // No source gives one course's weekly hours for these: hours alone cannot set terms.
    let hours = ["--hours-per-week", "10"];
    let cases: [PaceCase; 7] = [
        (&one, "gatech-omscs", (40.0, 40.0), "yours"),
        (&one, "uopeople-msit", (30.0, 30.0), "yours"),
        (&one, "gatech-omsa", (12.0, 36.0), "advertised"),
        // ⌈10 / 3⌉ = 4 terms of 4 months; ⌈12 / 3⌉ = 4 terms of 2.5.
        (&three, "gatech-omscs", (16.0, 16.0), "yours"),
        (&three, "uopeople-msit", (10.0, 10.0), "yours"),
        (&hours, "gatech-omscs", (12.0, 36.0), "advertised"),
        (&hours, "uopeople-msit", (12.0, 12.0), "advertised"),
    ];
    for (args, id, (low, high), pace) in cases {
        assert_eq!(
            at(args, id),
            (Some(low), Some(high), pace.into()),
            "{id} {args:?}"
        );
    }
    let mut table = micromasters();
    table.args([
        "plan",
        "--kind",
        "masters",
        "--hours-per-week",
        "10",
        "--width",
        "120",
    ]);
    let out = stdout_of(&mut table, 0);
    let omscs = out
        .lines()
        .find(|l| l.contains("Online Master of Science in Computer Science (OMSCS)"))
        .unwrap();
    assert!(omscs.ends_with("12–36 adv."), "{omscs}");
}

#[test]
fn the_cheapest_credit_bearing_route_for_a_small_budget_is_listed_with_its_bounds() {
    // AdelaideX Big Data ($985.50, 12 months at its advertised pace) counts 25% toward
    // Adelaide's Master of Data Science, which the catalogue does not price.
    let routes = builtin(&[
        "plan",
        "--subject",
        "data,analytics",
        "--hours-per-week",
        "8",
        "--budget",
        "1500",
    ]);
    let adelaide = routes
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["route"]
                .as_str()
                .unwrap()
                .starts_with("adelaidex-big-data>Master of Data Science")
        })
        .expect("the AdelaideX route is listed");
    assert_eq!(adelaide["cost_at_least"], 985.5);
    assert!(adelaide["cost_at_most"].is_null());
    assert_eq!(adelaide["share"], 0.25);
    assert_eq!(adelaide["fit"], "may fit");
    assert!(adelaide["degree"].is_null());
    for route in routes.as_array().unwrap() {
        assert!(
            route["cost_at_least"].as_f64().unwrap() <= 1500.0,
            "{}",
            route["route"]
        );
    }
}

#[test]
fn a_pathway_that_closes_a_cycle_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cycle.toml");
    let program = |id: &str, toward: &str| {
        format!(
            "[[program]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"certificate\"\ninstitution = \"u\"\n\
             pacing = \"self-paced\"\ncost = 1\nmonths = 1\ncredit = [{{ toward = \"{toward}\", share = 0.5 }}]\n"
        )
    };
    let text = format!(
        "format = 1\n[[institution]]\nid = \"u\"\nname = \"U\"\n{}{}{}",
        program("a", "b"),
        program("b", "c"),
        program("c", "a")
    );
    std::fs::write(&path, text).unwrap();
    let mut command = micromasters();
    command.args(["--no-builtin", "validate"]).arg(&path);
    let out = stdout_of(&mut command, 1);
    let f = path.display();
    assert_eq!(
        out.lines().next().unwrap(),
        // 4 header lines, then 9 lines a program: c's credit is line 4 + 3 x 9 = 31.
        format!(
            "{f}:31:22: `toward` `a` closes a cycle of pathways (a → b → c → a): a chain of pathways must end"
        )
    );
    assert!(out.ends_with("1 problem found\n"), "{out}");
}

#[test]
fn an_empty_plan_names_only_the_options_that_were_given() {
    let mut command = micromasters();
    command.args([
        "--no-builtin",
        "--catalog",
        ROUTES,
        "plan",
        "--subject",
        "nothing",
    ]);
    assert_eq!(
        common::stderr_of(&mut command, 0),
        "note: no route matches; widen --subject\n"
    );
}

#[test]
fn compare_and_chart_follow_the_learners_pace_too() {
    let compared = builtin(&["compare", "--kind", "masters", "--courses-per-term", "1"]);
    let of = |records: &Value, id: &str| {
        records
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    let omscs = of(&compared, "gatech-omscs");
    assert_eq!(
        (omscs["months_min"].as_f64(), omscs["pace"].as_str()),
        (Some(40.0), Some("yours"))
    );
    let omsa = of(&compared, "gatech-omsa");
    assert_eq!(
        (omsa["months_max"].as_f64(), omsa["pace"].as_str()),
        (Some(36.0), Some("advertised"))
    );
    // The months filter and the chart take the same months.
    let short = builtin(&[
        "compare",
        "--kind",
        "masters",
        "--courses-per-term",
        "1",
        "--max-months",
        "35",
    ]);
    let ids: Vec<&str> = short
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"uopeople-msit") && !ids.contains(&"gatech-omscs"),
        "{ids:?}"
    );
    let chart = builtin(&["chart", "gatech-omscs", "--courses-per-term", "1"]);
    assert_eq!(chart[0]["months"], 40);
    let mut table = micromasters();
    table.args([
        "compare",
        "gatech-omsa",
        "gatech-omscs",
        "--courses-per-term",
        "1",
        "--width",
        "120",
    ]);
    let out = stdout_of(&mut table, 0);
    assert!(out.contains("12–36 adv."), "{out}");
    assert!(out.contains("adv. advertised months"), "{out}");
}
