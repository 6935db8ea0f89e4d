//! `docs/catalog-format.md` and the loader know the same keys: each table of keys in the
//! document is compared with the keys the loader lists when it meets an unknown one.

mod common;

/// The keys in the first column of the table under `heading` in the format document.
fn documented(heading: &str) -> Vec<String> {
    let doc = std::fs::read_to_string("docs/catalog-format.md").unwrap();
    let start = doc
        .find(heading)
        .unwrap_or_else(|| panic!("no `{heading}` in the document"));
    let mut keys = Vec::new();
    for line in doc[start..].lines().skip(1) {
        if line.starts_with('#') {
            break;
        }
        let Some(first) = line.strip_prefix("| `") else {
            continue;
        };
        keys.push(first.split('`').next().unwrap().to_string());
    }
    keys.sort();
    keys
}

/// The keys the loader allows where `snippet` puts an unknown key, from its message.
fn allowed(snippet: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.toml");
    std::fs::write(&path, snippet).unwrap();
    let mut command = common::micromasters();
    command.args(["--no-builtin", "validate"]).arg(&path);
    let out = String::from_utf8(command.output().unwrap().stdout).unwrap();
    let line = out
        .lines()
        .find(|l| l.contains("unknown key `zzzzzz`"))
        .unwrap_or_else(|| panic!("{out}"));
    let list = line.split("allowed keys: ").nth(1).unwrap();
    let mut keys: Vec<String> = list
        .split(", ")
        .map(|k| k.trim_matches('`').to_string())
        .collect();
    keys.sort();
    keys
}

#[test]
fn every_documented_key_is_a_key_the_loader_knows_and_the_other_way_round() {
    assert_eq!(documented("## Top level"), allowed("format = 1\nzzzzzz = 1\n"));
    assert_eq!(
        documented("## `[[institution]]`"),
        allowed("format = 1\n[[institution]]\nid = \"u\"\nzzzzzz = 1\n")
    );
    assert_eq!(
        documented("## `[[program]]`"),
        allowed("format = 1\n[[program]]\nid = \"p\"\nzzzzzz = 1\n")
    );
    assert_eq!(
        documented("### Fee table"),
        allowed("format = 1\n[[program]]\nid = \"p\"\nfees = { zzzzzz = 1 }\n")
    );
    assert_eq!(
        documented("### Credit table"),
        allowed("format = 1\n[[program]]\nid = \"p\"\ncredit = [{ zzzzzz = 1 }]\n")
    );
}

/// `id` and the keys of one key enum, sorted as `documented` sorts.
fn with_id(keys: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = std::iter::once("id")
        .chain(keys.iter().copied())
        .map(String::from)
        .collect();
    all.sort();
    all
}

#[test]
fn the_key_enums_that_corrections_and_checks_read_are_the_documented_keys() {
    use micromasters::catalog::{InstitutionKey, ProgramKey};
    assert_eq!(documented("## `[[program]]`"), with_id(ProgramKey::NAMES));
    assert_eq!(documented("## `[[institution]]`"), with_id(InstitutionKey::NAMES));
}

#[test]
fn the_documented_correction_example_is_a_valid_correction() {
    let doc = std::fs::read_to_string("docs/catalog-format.md").unwrap();
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("correction.toml");
    std::fs::write(&path, example).unwrap();
    let mut command = common::micromasters();
    command.arg("validate").arg(&path);
    let out = common::stdout_of(&mut command, 0);
    assert!(
        out.contains("corrected: program `mitx-scm` of data/catalog.toml by"),
        "{out}"
    );
    assert!(out.contains(": `cost`, `verified`\n"), "{out}");
}
