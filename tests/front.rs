//! The cost–time front of `compare`, on points worked out by hand.

mod common;

use serde_json::Value;

/// (id, cost, months): a and d are equal; b is quicker and dearer; g is cheapest and slowest;
/// c, e and f are each beaten on both by another; h has no known cost.
const POINTS: [(&str, &str, &str); 8] = [
    ("a", "100", "12"),
    ("b", "200", "6"),
    ("c", "150", "12"),
    ("d", "100", "12"),
    ("e", "100", "15"),
    ("f", "400", "6"),
    ("g", "50", "30"),
    ("h", "\"unknown\"", "1"),
];

fn catalogue() -> tempfile::NamedTempFile {
    let mut text = String::from("format = 1\n[[institution]]\nid = \"u\"\nname = \"U\"\n");
    for (id, cost, months) in POINTS {
        text.push_str(&format!(
            "[[program]]\nid = \"{id}\"\nname = \"Program {id}\"\nkind = \"certificate\"\ninstitution = \"u\"\n\
             pacing = \"self-paced\"\ncost = {cost}\nmonths = {months}\n"
        ));
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    file
}

fn run(file: &tempfile::NamedTempFile, args: &[&str]) -> String {
    let mut command = common::micromasters();
    command
        .args(["--no-builtin", "--catalog"])
        .arg(file.path())
        .args(args);
    common::stdout_of(&mut command, 0)
}

/// The ids of the records of a JSON array that are on the front.
fn on_front(json: &str) -> Vec<String> {
    let records: Value = serde_json::from_str(json).unwrap();
    records
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["front"] == true)
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_front_holds_the_programs_nothing_beats_on_cost_and_months() {
    let file = catalogue();
    let on = on_front(&run(&file, &["--format", "json", "compare", "--sort", "name"]));
    assert_eq!(on, ["a", "b", "d", "g"]);
    let csv = run(&file, &["--format", "csv", "compare", "--sort", "name"]);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let column = header.iter().position(|h| *h == "front").unwrap();
    let flags: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(column).unwrap())
        .collect();
    assert_eq!(
        flags,
        ["true", "true", "false", "true", "false", "false", "true", "false"]
    );
    let table = run(&file, &["--width", "120", "compare", "--sort", "name"]);
    let marked: Vec<&str> = table
        .lines()
        .filter(|l| l.contains("U · ") && l.ends_with('◆'))
        .collect();
    assert_eq!(marked, ["  U · a ◆", "  U · b ◆", "  U · d ◆", "  U · g ◆"]);
    assert!(table.contains("◆ on the cost–time front"), "{table}");
}

#[test]
fn the_front_is_of_the_programs_compared() {
    let file = catalogue();
    // Among a, c, e and f: c and e are beaten by a; f is dearer than a but quicker.
    let mut on = on_front(&run(&file, &["--format", "json", "compare", "a", "c", "e", "f"]));
    on.sort_unstable();
    assert_eq!(on, ["a", "f"]);
}

/// The ids a JSON array of records marks on the front, and every id it lists.
fn marked(json: &str, key: &str) -> (Vec<String>, Vec<String>) {
    let records: Vec<Value> = serde_json::from_str(json).unwrap();
    let id = |r: &Value| r[key].as_str().unwrap().to_string();
    let on = records.iter().filter(|r| r["front"] == true).map(id).collect();
    (on, records.iter().map(id).collect())
}

fn builtin(args: &[&str]) -> String {
    let mut command = common::micromasters();
    command.args(args).args(["--format", "json"]);
    common::stdout_of(&mut command, 0)
}

#[test]
fn compare_chart_and_plan_mark_the_front_over_what_passed_the_filters_whatever_the_limit() {
    for filters in [&[][..], &["--kind", "micromasters"], &["--subject", "data"]] {
        let all = marked(&builtin(&[&["compare"], filters].concat()), "id").0;
        assert!(!all.is_empty(), "{filters:?}");
        for limit in ["1", "2", "4", "10", "1000"] {
            let args = |command: &'static str| [&[command], filters, &["--limit", limit]].concat();
            let (compare, shown) = marked(&builtin(&args("compare")), "id");
            let (chart, _) = marked(&builtin(&args("chart")), "id");
            let expected: Vec<String> = shown.iter().filter(|id| all.contains(id)).cloned().collect();
            assert_eq!(compare, expected, "compare {filters:?} --limit {limit}");
            let mut chart_sorted = chart.clone();
            chart_sorted.sort();
            let mut expected_sorted = expected.clone();
            expected_sorted.sort();
            assert_eq!(chart_sorted, expected_sorted, "chart {filters:?} --limit {limit}");
        }
    }
    let all_routes = marked(&builtin(&["plan"]), "route").0;
    for limit in ["1", "3", "10"] {
        let (front, shown) = marked(&builtin(&["plan", "--limit", limit]), "route");
        let expected: Vec<String> = shown.iter().filter(|r| all_routes.contains(r)).cloned().collect();
        assert_eq!(front, expected, "plan --limit {limit}");
    }
}

#[test]
fn a_limit_does_not_put_a_program_on_the_front_that_the_full_set_beats() {
    // Reported: `chart --limit 4` marked this program on the front while `compare --limit 4`
    // did not; over the 75 that passed the filters, a cheaper or quicker program beats it.
    for command in ["compare", "chart"] {
        let (front, shown) = marked(&builtin(&[command, "--limit", "4"]), "id");
        assert!(
            shown.contains(&"tecx-negotiation-leadership".to_string()),
            "{command}"
        );
        assert!(
            !front.contains(&"tecx-negotiation-leadership".to_string()),
            "{command}"
        );
    }
}
