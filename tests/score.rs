//! The score on four programs whose parts are worked out by hand: cost and months on the ratio
//! scale ln(1 + value), credit linear on the largest known share, pacing by flexibility.

mod common;

use serde_json::Value;

const CATALOGUE: &str = r#"format = 1
[[institution]]
id = "u"
name = "U"

[[program]]
id = "a"
name = "A"
kind = "micromasters"
institution = "u"
pacing = "self-paced"
cost = 100
months = 3
credit = [{ degree = "MSc", share = 0.5 }]

[[program]]
id = "b"
name = "B"
kind = "certificate"
institution = "u"
pacing = "instructor-led"
cost = 1000
months = 12

[[program]]
id = "c"
name = "C"
kind = "micromasters"
institution = "u"
pacing = "both"
cost = 10000
months = 24
credit = [{ degree = "MSc", share = "unknown" }]

[[program]]
id = "d"
name = "D"
kind = "micromasters"
institution = "u"
pacing = "self-paced"
cost = "unknown"
months = 6
credit = [{ degree = "MSc", share = 0.25 }]
"#;

#[test]
fn every_part_and_score_matches_the_hand_computed_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("four.toml");
    std::fs::write(&path, CATALOGUE).unwrap();
    let mut command = common::micromasters();
    command
        .args(["--no-builtin", "--catalog"])
        .arg(&path)
        .args(["--format", "json", "compare", "--explain"]);
    let json: Value = serde_json::from_str(&common::stdout_of(&mut command, 0)).unwrap();
    let get = |id: &str| {
        json.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    // cost: best 100, worst 10,000 (D's unknown cost takes the worst):
    //   B = (ln 10,001 - ln 1,001) / (ln 10,001 - ln 101) = 2.3017 / 4.5953 = 0.50
    // months: best 3, worst 24:
    //   B = (ln 25 - ln 13) / (ln 25 - ln 4) = 0.6539 / 1.8326 = 0.36
    //   D = (ln 25 - ln 7) / (ln 25 - ln 4) = 1.2730 / 1.8326 = 0.69
    // credit: largest known share over 0.5: A 1, B 0, C 0 (unknown counts 0), D 0.5
    // pacing: both 1, self-paced 0.5, instructor-led 0
    let expected = [
        ("a", [1.0, 1.0, 1.0, 0.5], 87.5),
        ("b", [0.5, 0.36, 0.0, 0.0], 21.4),
        ("c", [0.0, 0.0, 0.0, 1.0], 25.0),
        ("d", [0.0, 0.69, 0.5, 0.5], 42.4),
    ];
    for (id, parts, score) in expected {
        let record = get(id);
        let explain = &record["explain"];
        let found = ["cost", "months", "credit", "pacing"].map(|k| explain[k].as_f64().unwrap());
        assert_eq!(found, parts, "{id}");
        assert_eq!(record["score"].as_f64(), Some(score), "{id}");
    }
    let order: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["a", "d", "c", "b"]);
}
