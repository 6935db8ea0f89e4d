//! Money over time, worked by hand: when payments fall by calendar year, what an employer's
//! yearly cap covers, what is left out of pocket, and when a salary gain repays it.

mod common;

use common::{micromasters, stdout_of};
use serde_json::{Value, json};

const MONEY: &str = "tests/fixtures/money.toml";

fn json_of(args: &[&str]) -> Value {
    let mut command = micromasters();
    command
        .args(["--no-builtin", "--catalog", MONEY, "--format", "json"])
        .args(args);
    serde_json::from_str(&stdout_of(&mut command, 0)).unwrap()
}

const LEARNER: [&str; 8] = [
    "--start",
    "2027-10",
    "--employer-cap",
    "5250",
    "--campus-cost-per-month",
    "1000",
    "--salary-gain",
    "12000",
];

#[test]
fn payments_fall_by_year_and_the_employer_pays_within_its_cap() {
    // cred from 2027-10 for 6 months: $600 one-off at its start, 3 courses of $800 at months
    // 0, 2 and 4 (2027-10, 2027-12, 2028-02). Then half of deg: $10,000 spread over 5 months
    // (2028-04 to 2028-08), and $1,000 a month of the learner's own cost there (blended).
    // 2027: 600 + 800 + 800 = 2,200, all reimbursed. 2028: 800 + 10,000 + 5,000 = 15,800; the
    // employer pays its cap, 5,250, of the 10,800 of tuition; the campus months are the
    // learner's own. Out of pocket: 15,800 - 5,250 = 10,550. At $1,000 a month of gain, that is
    // 10.55 months after finishing in 2028-08.
    let e = json_of(&[&["estimate", "cred", "--then", "deg"][..], &LEARNER].concat());
    assert_eq!(e["start"], "2027-10");
    assert_eq!(e["finish"], "2028-08");
    assert_eq!(
        e["payments"],
        json!([
            { "year": 2027, "total": 2200, "employer": 2200, "out_of_pocket": 0 },
            { "year": 2028, "total": 15800, "employer": 5250, "out_of_pocket": 10550 }
        ])
    );
    assert_eq!(e["employer_min"], 7450);
    assert_eq!(e["out_of_pocket_min"], 10550);
    assert_eq!(e["payback_months_min"], 10.55);
    // Half of each payment, within the same cap: 2027: 1,100; 2028: 400 + 5 x 1,000 = 5,400,
    // capped at 5,250. Out of pocket 1,100 + 10,550 = 11,650, repaid 11.65 months from the start.
    let half = json_of(
        &[
            &[
                "estimate",
                "cred",
                "--then",
                "deg",
                "--employer-share",
                "50%",
                "--gain-from",
                "start",
            ][..],
            &LEARNER,
        ]
        .concat(),
    );
    assert_eq!(
        half["payments"],
        json!([
            { "year": 2027, "total": 2200, "employer": 1100, "out_of_pocket": 1100 },
            { "year": 2028, "total": 15800, "employer": 5250, "out_of_pocket": 10550 }
        ])
    );
    assert_eq!(half["out_of_pocket_min"], 11650);
    assert_eq!(half["employer_min"], 6350);
    assert_eq!(half["payback_months_min"], 11.65);
    let mut table = micromasters();
    table
        .args([
            "--no-builtin",
            "--catalog",
            MONEY,
            "estimate",
            "cred",
            "--then",
            "deg",
        ])
        .args(LEARNER);
    let out = stdout_of(&mut table, 0);
    for line in [
        "  paid in 2027",
        "$2,200 (employer $2,200, you $0)",
        "$15,800 (employer $5,250, you $10,550)",
        "employer pays",
        "pays back",
        "11 months after finishing (2029-08)",
    ] {
        assert!(out.contains(line), "{line}:\n{out}");
    }
    assert!(out.contains("IRS, section 127"), "{out}");
}

#[test]
fn plan_and_estimate_agree_on_every_figure_over_time() {
    for extra in [&[][..], &["--employer-share", "50%", "--gain-from", "start"]] {
        let args = [&LEARNER[..], extra].concat();
        let e = json_of(&[&["estimate", "cred", "--then", "deg"][..], &args].concat());
        let routes = json_of(&[&["plan"][..], &args].concat());
        let route = routes
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["route"] == "cred>deg")
            .unwrap();
        for key in [
            "start",
            "finish",
            "payments",
            "out_of_pocket_min",
            "out_of_pocket_max",
            "employer_min",
            "employer_max",
            "payback_months_min",
            "payback_months_max",
        ] {
            assert_eq!(route[key], e[key], "{key} {extra:?}");
        }
    }
    // Without a gain nothing pays back; without an employer nothing is reimbursed.
    let plain = json_of(&["estimate", "cred", "--then", "deg", "--start", "2027-10"]);
    assert!(plain["payback_months_min"].is_null());
    assert_eq!(plain["employer_min"], 0);
    assert_eq!(plain["out_of_pocket_min"], 13000);
    // And without any of these options the keys stay, empty.
    let none = json_of(&["estimate", "cred"]);
    assert!(none["start"].is_null() && none["payments"] == json!([]));
}

#[test]
fn mitx_scm_then_the_mit_masters_pays_back_31_months_after_finishing_at_15000_a_year() {
    // $950 + half of $74,000 = $37,950 out of pocket, before any aid; $15,000 a year is
    // $1,250 a month: 37,950 / 1,250 = 30.36 months. The credential's 12 months at the
    // soonest and half the 10-month degree make 17 months from 2027-01: the last is 2028-05.
    let args = [
        "estimate",
        "mitx-scm",
        "--then",
        "mit-scm-masters",
        "--salary-gain",
        "15000",
        "--start",
        "2027-01",
    ];
    let mut json = micromasters();
    json.args(["--format", "json"]).args(args);
    let e: Value = serde_json::from_str(&stdout_of(&mut json, 0)).unwrap();
    assert_eq!(e["out_of_pocket_min"], 37950);
    assert_eq!(e["payback_months_min"], 30.36);
    assert_eq!(e["finish"], "2028-05");
    let mut table = micromasters();
    table.args(args);
    let out = stdout_of(&mut table, 0);
    assert!(out.contains("31 months after finishing (2031-01)"), "{out}");
    let mut plan = micromasters();
    plan.args([
        "plan",
        "--toward",
        "mit-scm-masters",
        "--salary-gain",
        "15000",
        "--start",
        "2027-01",
        "--sort",
        "payback",
    ]);
    let out = stdout_of(&mut plan, 0);
    assert!(out.contains("you pay $37,950; pays back 31 months"), "{out}");
}

#[test]
fn routes_sort_by_payback_with_the_unknown_last() {
    let routes = json_of(&[
        "plan",
        "--salary-gain",
        "12000",
        "--sort",
        "payback",
        "--start",
        "2027-10",
    ]);
    let order: Vec<(&str, Option<f64>)> = routes
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["route"].as_str().unwrap(), r["payback_months_min"].as_f64()))
        .collect();
    // cred>deg: 3,000 + 10,000 = 13,000 (13 months at $1,000); deg alone: 20,000 (20 months);
    // every route with a schedule, fewest months first.
    assert_eq!(order, [("cred>deg", Some(13.0)), ("deg", Some(20.0))]);
}
