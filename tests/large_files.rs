//! A large catalogue file is read in pieces rather than held (see the README's Performance
//! section): what it finds must be what reading it whole finds, to the line and column.

mod common;

/// A catalogue of `n` programs, with an unknown kind near the end and a duplicate id at the
/// end; `extra` is written just after the first program.
fn catalogue(n: usize, extra: &str) -> String {
    let mut text = String::from("format = 1\n[[institution]]\nid = \"u\"\nname = \"U\"\n");
    for i in 0..n {
        let kind = if i == n - 2 { "diploma" } else { "certificate" };
        text.push_str(&format!(
            "[[program]]\nid = \"p{i}\"\nname = \"Program {i}\"\nkind = \"{kind}\"\ninstitution = \"u\"\n\
             pacing = \"self-paced\"\ncost = {}\nmonths = {}\n",
            100 + i % 9973,
            1 + i % 97
        ));
        if i == 0 {
            text.push_str(extra);
        }
    }
    text.push_str("[[program]]\nid = \"p3\"\nname = \"Again\"\nkind = \"certificate\"\ninstitution = \"u\"\npacing = \"self-paced\"\ncost = 1\nmonths = 1\n");
    text
}

/// What `validate` says of `text`, written to a file: exit code and report.
fn validate(text: &str) -> (Option<i32>, String) {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    let output = common::micromasters()
        .args(["--no-builtin", "--catalog"])
        .arg(file.path())
        .arg("validate")
        .output()
        .unwrap();
    let report = String::from_utf8(output.stdout).unwrap();
    let name = file.path().display().to_string();
    (output.status.code(), report.replace(&name, "FILE"))
}

#[test]
fn problems_in_a_large_file_stand_at_their_lines() {
    let n = 72_000;
    let text = catalogue(n, "");
    assert!(
        text.len() > 9 << 20,
        "{} bytes: not large enough to be read in pieces",
        text.len()
    );
    let line_of = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() + 1;
    let (code, report) = validate(&text);
    assert_eq!(code, Some(1), "{report}");
    let kind = line_of("\"diploma\"");
    let again = line_of("id = \"p3\"\nname = \"Again\"");
    let first = line_of("id = \"p3\"\n");
    assert!(
        report.contains(&format!("FILE:{kind}:8: `diploma` is not allowed here")),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "FILE:{again}:6: duplicate program id `p3`: it is already defined at line {first} of this file"
        )),
        "{report}"
    );
    // A multi-line string holding a header line: the file is read whole, and says the same.
    let held = catalogue(n, "notes = \"\"\"\n[[program]]\n\"\"\"\n");
    let shift = 3;
    let (code, report_held) = validate(&held);
    assert_eq!(code, Some(1));
    let expected = report
        .replace(&format!(":{kind}:"), &format!(":{}:", kind + shift))
        .replace(&format!(":{again}:"), &format!(":{}:", again + shift))
        .replace(&format!("line {first} "), &format!("line {} ", first + shift));
    assert_eq!(report_held, expected);
}
