//! The README's tour is real: every `$ micromasters ...` block is run and must print exactly what
//! the README shows.

mod common;

/// The `(arguments, expected output)` of every console block in the README.
fn tour() -> Vec<(Vec<String>, String)> {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let mut blocks = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line != "```console" {
            continue;
        }
        let Some(command) = lines.next().and_then(|l| l.strip_prefix("$ micromasters")) else {
            continue;
        };
        let args = command.split_whitespace().map(String::from).collect();
        let mut expected = String::new();
        for body in lines.by_ref() {
            if body == "```" {
                break;
            }
            expected.push_str(body);
            expected.push('\n');
        }
        blocks.push((args, expected));
    }
    blocks
}

#[test]
fn every_tour_command_prints_what_the_readme_shows() {
    let blocks = tour();
    assert!(blocks.len() >= 6, "the tour has {} commands", blocks.len());
    for (args, expected) in blocks {
        let output = common::micromasters()
            .args(&args)
            .output()
            .expect("the binary runs");
        let mut printed = String::from_utf8_lossy(&output.stdout).into_owned();
        printed.push_str(&String::from_utf8_lossy(&output.stderr));
        assert_eq!(printed, expected, "micromasters {}", args.join(" "));
    }
}
