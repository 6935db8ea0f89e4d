//! `chart` in a terminal: it fits the width, marks every point, joins the front, and lists
//! what it cannot draw; its JSON carries the points.

mod common;

use common::{micromasters, stdout_of};

#[test]
fn the_chart_fits_60_80_and_120_columns() {
    for width in [60usize, 80, 120] {
        let mut command = micromasters();
        command.args([
            "--width",
            &width.to_string(),
            "chart",
            "--kind",
            "micromasters",
            "--has-pathway",
        ]);
        let out = stdout_of(&mut command, 0);
        let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest <= width, "{widest} columns at --width {width}:\n{out}");
        // The axis runs the whole width: the plot uses the room it is given.
        let axis = out.lines().find(|l| l.contains('└')).unwrap();
        assert_eq!(axis.chars().count(), width, "{axis}");
        assert!(
            out.contains("not drawn: "),
            "programs with unknown figures are listed"
        );
    }
}

#[test]
fn every_point_is_marked_and_the_json_says_which_are_on_the_front() {
    // Five programs: a certificate, a MicroMasters, two degrees, and one whose cost is unknown.
    let programs = [
        "mitx-scm",
        "gtx-data-structures-certificate",
        "uopeople-mba",
        "gatech-omscs",
        "mitx-pom",
    ];
    let mut json = micromasters();
    json.args(["--format", "json", "chart"]).args(programs);
    let points: serde_json::Value = serde_json::from_str(&stdout_of(&mut json, 0)).unwrap();
    let points = points.as_array().unwrap();
    // mitx-pom has no known cost: not a point.
    assert_eq!(points.len(), 4);
    let front: Vec<&str> = points
        .iter()
        .filter(|p| p["front"] == true)
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    // $596 in 4.6 months beats every other on both.
    assert_eq!(front, ["gtx-data-structures-certificate"]);
    let mut table = micromasters();
    table.arg("chart").args(programs);
    let out = stdout_of(&mut table, 0);
    let plot: String = out
        .lines()
        .take_while(|l| !l.contains('└'))
        .collect::<Vec<_>>()
        .join("\n");
    for mark in ['a', 'b', 'c', 'd'] {
        assert!(plot.contains(mark), "mark {mark} is drawn:\n{plot}");
    }
    assert!(out.contains("not drawn: mitx-pom"), "{out}");
    // Costs from $596 to $6,500 span more than ten times: a log scale, said twice.
    assert!(out.contains("cost (USD, log scale) →"), "{out}");
    assert!(out.contains("cost on a log scale"), "{out}");
}
