//! `chart` and `plan` grow linearly with the programs they draw, in every format: the time of
//! a run on 100,000 programs against one on 10,000 stays near ten times. The ratio of two runs
//! is compared, never an absolute time, and the bound is generous (a quadratic step would take
//! a hundred times).

mod common;

use std::time::Instant;

/// A catalogue of `n` programs of `kind`, with costs and months spread out so that many are
/// drawn apart and many collide.
fn catalogue(n: usize, kind: &str) -> tempfile::NamedTempFile {
    let mut text = String::from("format = 1\n[[institution]]\nid = \"u\"\nname = \"U\"\n");
    for i in 0..n {
        text.push_str(&format!(
            "[[program]]\nid = \"p{i}\"\nname = \"Program {i}\"\nkind = \"{kind}\"\ninstitution = \"u\"\n\
             pacing = \"self-paced\"\ncost = {}\nmonths = {}\n",
            100 + i % 9973,
            1 + (i * 7) % 97
        ));
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    file
}

/// Seconds one run takes.
fn seconds(file: &tempfile::NamedTempFile, format: &str, command: &str) -> f64 {
    let started = Instant::now();
    let output = common::micromasters()
        .args(["--no-builtin", "--catalog"])
        .arg(file.path())
        .args(["--format", format, command])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{command} --format {format}");
    started.elapsed().as_secs_f64()
}

#[test]
fn chart_and_plan_grow_linearly_in_every_format() {
    for (command, kind) in [("chart", "certificate"), ("plan", "masters")] {
        let (small, large) = (catalogue(10_000, kind), catalogue(100_000, kind));
        for format in ["table", "json", "csv", "markdown", "html"] {
            let ratio = seconds(&large, format, command) / seconds(&small, format, command);
            assert!(
                ratio < 30.0,
                "{command} --format {format}: 10x the programs took {ratio:.1}x the time"
            );
        }
    }
}
