//! `plan` on the pathways fixture, every figure worked out by hand. The degree costs $20,000
//! and takes 20 months; the credentials: known (50%, $1,000, 10 months, aid up to 90%, 10 hours
//! a week), computed (9 of 30 credits, $1,200, 8 months), full (30% but full tuition, $1,500,
//! 6 months), admission ($500, 4 months), unknown (share unknown, $800, 5 months).

mod common;

use serde_json::Value;

use common::{micromasters, stdout_of};

fn plan(args: &[&str]) -> Vec<Value> {
    plan_with(&[], args)
}

/// `plan`'s routes on the pathways fixture corrected by the catalogues `extra`.
fn plan_with(extra: &[&std::path::Path], args: &[&str]) -> Vec<Value> {
    let mut command = micromasters();
    command.args(["--no-builtin", "--catalog", "tests/fixtures/pathways.toml"]);
    for path in extra {
        command.arg("--catalog").arg(path);
    }
    command.args(["--format", "json", "plan"]).args(args);
    serde_json::from_str::<Value>(&stdout_of(&mut command, 0))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// (route, total cost min, total months min, front) of each route, in order.
fn summary(routes: &[Value]) -> Vec<(String, Option<f64>, Option<f64>, bool)> {
    routes
        .iter()
        .map(|r| {
            (
                r["route"].as_str().unwrap().to_string(),
                r["total_cost_min"].as_f64(),
                r["total_months_min"].as_f64(),
                r["front"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn row(route: &str, cost: f64, months: f64, front: bool) -> (String, Option<f64>, Option<f64>, bool) {
    (route.to_string(), Some(cost), Some(months), front)
}

#[test]
fn every_route_cheapest_first_with_unknown_totals_last() {
    assert_eq!(
        summary(&plan(&[])),
        [
            // 1,000 + 20,000 x 0.5; 10 + 20 x 0.5
            row("known>degree", 11000.0, 20.0, true),
            // 1,200 + 20,000 x 0.7; 8 + 20 x 0.7
            row("computed>degree", 15200.0, 22.0, false),
            row("degree", 20000.0, 20.0, false),
            // admission only: 500 + 20,000; 4 + 20
            row("admission>degree", 20500.0, 24.0, false),
            // full tuition: 1,500 + 20,000; 6 + 20 x 0.7
            row("full>degree", 21500.0, 20.0, false),
            // Bounded routes after the exact ones, by their lower bound (800 for both), then
            // months (5 for both), then id: a degree outside the catalogue, then a share no
            // source gives.
            (
                "unknown>MSc Elsewhere at Other University".to_string(),
                None,
                None,
                false
            ),
            ("unknown>degree".to_string(), None, None, false),
        ]
    );
    let routes = plan(&[]);
    let unknown = routes.last().unwrap();
    assert_eq!(unknown["unknown"], serde_json::json!(["share"]));
    assert_eq!(unknown["share"], Value::Null);
    let direct = &routes[2];
    assert_eq!(direct["credential"], Value::Null);
    assert_eq!(direct["steps"].as_array().unwrap().len(), 1);
    let known = &routes[0];
    assert_eq!(known["steps"][1]["cost_min"], 10000);
    assert_eq!(known["saving_min"], 9000);
    assert_eq!(routes[3]["grants"], "admission");
}

#[test]
fn sorting_by_months_breaks_ties_by_cost_then_route() {
    let order: Vec<String> = summary(&plan(&["--sort", "months"]))
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(
        order,
        [
            "known>degree",
            "degree",
            "full>degree",
            "computed>degree",
            "admission>degree",
            "unknown>MSc Elsewhere at Other University",
            "unknown>degree"
        ]
    );
}

#[test]
fn budget_and_months_leave_out_what_exceeds_them_and_keep_what_may_fit() {
    let routes = plan(&["--budget", "15200"]);
    assert_eq!(
        summary(&routes)[..2],
        [
            row("known>degree", 11000.0, 20.0, true),
            row("computed>degree", 15200.0, 22.0, false)
        ]
    );
    // The routes through `unknown` start at $800 (its own cost): they may fit.
    let fits: Vec<(&str, &str)> = routes
        .iter()
        .map(|r| (r["route"].as_str().unwrap(), r["fit"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fits[2..],
        [
            ("unknown>MSc Elsewhere at Other University", "may fit"),
            ("unknown>degree", "may fit")
        ]
    );
    assert_eq!(fits[0].1, "fits");
    let mut table = micromasters();
    table.args([
        "--no-builtin",
        "--catalog",
        "tests/fixtures/pathways.toml",
        "--width",
        "200",
        "plan",
        "--budget",
        "15200",
    ]);
    let out = stdout_of(&mut table, 0);
    assert!(out.contains("\n4 routes\n"), "{out}");
    assert!(
        out.contains("Unknown Share (ExU), then Master of Examples (ExU) (may fit)"),
        "{out}"
    );
    let order: Vec<String> = summary(&plan(&["--max-months", "20"]))
        .into_iter()
        .map(|r| r.0)
        .collect();
    // computed (22 months) and admission (24) are over; the unknown share's 5 to 25 months may
    // fit, and so may the degree outside the catalogue (at least 5).
    assert_eq!(
        order,
        [
            "known>degree",
            "degree",
            "full>degree",
            "unknown>MSc Elsewhere at Other University",
            "unknown>degree"
        ]
    );
}

#[test]
fn aid_and_pace_apply_to_the_credential_as_in_estimate() {
    // 50% aid on known: 500 + 10,000. 100% asked is capped at its 90%: 100 + 10,000.
    assert_eq!(
        plan(&["--aid", "50%", "--toward", "degree"])[0]["total_cost_min"],
        10500
    );
    assert_eq!(plan(&["--aid", "1"])[0]["total_cost_min"], 10100);
    // 20 hours a week halves known's advertised 10 hours: 5 months, then 10 of the degree.
    let fast = plan(&["--hours-per-week", "20"]);
    assert_eq!(fast[0]["route"], "known>degree");
    assert_eq!(fast[0]["total_months_min"], 15);
}

#[test]
fn the_front_holds_every_route_nothing_beats_on_cost_and_months() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fast.toml");
    std::fs::write(
        &path,
        "format = 1\n[[program]]\nid = \"fast\"\nname = \"Fast\"\nkind = \"micromasters\"\ninstitution = \"uni\"\n\
         pacing = \"self-paced\"\ncost = 3000\nmonths = 2\ncredit = [{ toward = \"degree\", share = 0.5 }]\n",
    )
    .unwrap();
    let routes = plan_with(&[&path], &[]);
    let front: Vec<&str> = routes
        .iter()
        .filter(|r| r["front"] == true)
        .map(|r| r["route"].as_str().unwrap())
        .collect();
    // known: $11,000 in 20 months; fast: $13,000 in 12. Neither beats the other on both.
    assert_eq!(front, ["known>degree", "fast>degree"]);
}

#[test]
fn the_table_marks_the_front_and_reads_as_a_plan() {
    let mut command = micromasters();
    command.args([
        "--no-builtin",
        "--catalog",
        "tests/fixtures/pathways.toml",
        "plan",
        "--limit",
        "3",
    ]);
    let out = stdout_of(&mut command, 0);
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 80, "{widest} columns:\n{out}");
    assert!(out.contains("Known Share (ExU), then Master of"), "{out}");
    assert!(out.contains("1. known $1,000, 10 mo; 2. rest of"), "{out}");
    assert!(out.contains("3 of 7 routes shown"), "{out}");
    let front_rows = out.lines().filter(|l| l.contains('◆')).count();
    assert_eq!(front_rows, 2, "the known route and the legend:\n{out}");
}

#[test]
fn every_route_of_the_built_in_catalogue_equals_estimate_then() {
    let learner = ["--hours-per-week", "12", "--aid", "50%"];
    let mut command = micromasters();
    command.args(["--format", "json", "plan"]).args(learner);
    let routes: Value = serde_json::from_str(&stdout_of(&mut command, 0)).unwrap();
    let routes = routes.as_array().unwrap();
    // Routes whose every step is in the catalogue, so that `estimate` can name them.
    let through: Vec<(&Value, Vec<&str>)> = routes
        .iter()
        .filter(|r| !r["credential"].is_null())
        .filter_map(|r| {
            let ids: Option<Vec<&str>> = r["steps"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["id"].as_str())
                .collect();
            Some((r, ids?))
        })
        .collect();
    assert!(
        through.len() >= 2,
        "only {} routes through a credential",
        through.len()
    );
    for (route, ids) in through {
        let mut estimate = micromasters();
        estimate.args(["--format", "json", "estimate", ids[0]]);
        for id in &ids[1..] {
            estimate.args(["--then", id]);
        }
        estimate.args(learner);
        let e: Value = serde_json::from_str(&stdout_of(&mut estimate, 0)).unwrap();
        for key in [
            "total_cost_min",
            "total_cost_max",
            "total_months_min",
            "total_months_max",
            "cost_at_least",
            "cost_at_most",
            "months_at_least",
            "months_at_most",
            "direct_cost_min",
            "direct_cost_max",
            "saving_min",
            "saving_max",
            "months_saved_min",
            "months_saved_max",
            "steps",
        ] {
            assert_eq!(route[key], e[key], "{}: {key}", ids.join(">"));
        }
    }
}
