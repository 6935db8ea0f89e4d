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
