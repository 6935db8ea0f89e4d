//! The loader's promises, one fixture each: every problem at its exact FILE:LINE:COLUMN.

mod common;

use common::{micromasters, stderr_of, stdout_of};

/// The problem lines `validate` prints for `files` (without the built-in catalogue), and
/// checks that it exits 1.
fn problems(files: &[&str]) -> Vec<String> {
    let mut command = micromasters();
    command.args(["--no-builtin", "validate"]).args(files);
    let out = stdout_of(&mut command, 1);
    let mut lines: Vec<String> = out.lines().map(String::from).collect();
    let summary = lines.pop().expect("a summary line");
    assert!(summary.ends_with("found"), "{summary}");
    lines
}

/// The problem lines for a catalogue of `text`, written to a temporary file, and that file's
/// name as the lines give it.
fn problems_in_text(text: &str) -> (String, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.toml");
    std::fs::write(&path, text).unwrap();
    let file = path.display().to_string();
    let found = problems(&[&file]);
    (file, found)
}

fn one_problem(file: &str) -> String {
    let mut found = problems(&[file]);
    assert_eq!(found.len(), 1, "{found:?}");
    found.remove(0)
}

#[test]
fn a_syntax_error_is_placed_where_the_parser_stopped() {
    assert_eq!(
        one_problem("tests/fixtures/syntax.toml"),
        "tests/fixtures/syntax.toml:5:24: invalid TOML: invalid basic string, expected `\"`"
    );
}

#[test]
fn a_file_that_is_not_toml_gets_one_line() {
    assert_eq!(
        one_problem("tests/fixtures/not_toml.toml"),
        "tests/fixtures/not_toml.toml:1:6: invalid TOML: key with no value, expected `=`"
    );
}

#[test]
fn an_unknown_key_names_the_closest_allowed_key() {
    assert_eq!(
        one_problem("tests/fixtures/unknown_key.toml"),
        "tests/fixtures/unknown_key.toml:13:1: unknown key `cots`; did you mean `cost`?"
    );
}

#[test]
fn a_wrong_type_says_what_was_expected() {
    assert_eq!(
        one_problem("tests/fixtures/wrong_type.toml"),
        "tests/fixtures/wrong_type.toml:13:11: wrong type: found string \"five\", expected a whole number"
    );
}

#[test]
fn a_missing_key_is_reported_at_its_entry_header() {
    assert_eq!(
        one_problem("tests/fixtures/missing_key.toml"),
        "tests/fixtures/missing_key.toml:7:1: missing required key `name`"
    );
}

#[test]
fn an_enum_value_outside_the_set_lists_the_allowed_values() {
    assert_eq!(
        one_problem("tests/fixtures/bad_enum.toml"),
        "tests/fixtures/bad_enum.toml:12:10: `selfpaced` is not allowed here; expected one of \
         `instructor-led`, `self-paced`, `both`, `unknown`; did you mean `self-paced`?"
    );
}

#[test]
fn another_format_version_is_refused_naming_the_supported_one() {
    assert_eq!(
        one_problem("tests/fixtures/bad_format.toml"),
        "tests/fixtures/bad_format.toml:1:10: unsupported `format = 2`; this version of micromasters reads format 1"
    );
    assert_eq!(
        one_problem("tests/fixtures/no_format.toml"),
        "tests/fixtures/no_format.toml:1:1: missing required key `format`; add `format = 1` at the top"
    );
}

#[test]
fn an_id_that_is_not_a_slug_is_refused() {
    assert_eq!(
        one_problem("tests/fixtures/bad_slug.toml"),
        "tests/fixtures/bad_slug.toml:4:6: institution id `U of X` is not a slug; use lowercase letters, \
         digits and single hyphens, like `mitx-scm`"
    );
}

#[test]
fn a_duplicate_id_in_one_file_points_at_the_first() {
    assert_eq!(
        one_problem("tests/fixtures/duplicate_id.toml"),
        "tests/fixtures/duplicate_id.toml:17:6: duplicate program id `a`: it is already defined at line 8 of this file"
    );
}

#[test]
fn every_out_of_range_number_is_reported_in_one_run() {
    let f = "tests/fixtures/bad_numbers.toml";
    assert_eq!(
        problems(&[f]),
        [
            format!(
                "{f}:13:8: `cost`: the range's minimum 1500 is greater than its maximum 1350; write `[min, max]`"
            ),
            format!("{f}:22:8: `cost`: must not be negative, found -5"),
            format!("{f}:32:10: `months`: must be greater than 0, found 0"),
            format!("{f}:40:8: `cost`: numbers must be finite, not `inf` or `nan`"),
            format!("{f}:50:10: `months`: numbers must be finite, not `inf` or `nan`"),
            format!("{f}:60:37: `share` must be in (0, 1], found 1.5"),
            format!("{f}:69:17: `financial_aid` must be in [0, 1], found 2"),
            format!("{f}:80:18: `hours_per_week`: must be greater than 0, found 0"),
        ]
    );
}

#[test]
fn broken_references_name_the_closest_id_or_the_fix() {
    let f = "tests/fixtures/bad_references.toml";
    assert_eq!(
        problems(&[f]),
        [
            format!("{f}:11:15: unknown institution `mitt`; did you mean `mit`?"),
            format!(
                "{f}:24:22: `toward` names unknown program `nowhere`; use `degree = \"...\"` for a degree outside the catalogue"
            ),
            format!("{f}:34:22: `toward` names `not-a-degree` itself: a program cannot count toward itself"),
            format!(
                "{f}:44:22: a credit table takes `toward` (a program in the catalogue) or `degree` (one outside it), not both"
            ),
            format!(
                "{f}:54:11: a credit table needs `toward` (a program in the catalogue) or `degree` (one outside it)"
            ),
        ]
    );
}

#[test]
fn a_currency_without_a_rate_lists_the_known_ones() {
    assert_eq!(
        one_problem("tests/fixtures/currency_without_rate.toml"),
        "tests/fixtures/currency_without_rate.toml:15:12: currency `GBP` has no rate; add `GBP = <value in USD>` \
         to `rates` (known: `EUR`, `USD`)"
    );
}

#[test]
fn fee_parts_missing_what_they_need_are_reported() {
    let f = "tests/fixtures/fee_parts.toml";
    assert_eq!(
        problems(&[f]),
        [
            format!("{f}:15:23: `per_course` needs the program's `courses`; add `courses = N`"),
            format!("{f}:25:23: `per_credit` needs the program's `credits`; add `credits = N`"),
            format!("{f}:38:12: `per_term` needs `term_months` in the same table"),
        ]
    );
}

#[test]
fn problems_in_different_entries_all_appear() {
    let f = "tests/fixtures/two_errors.toml";
    assert_eq!(
        problems(&[f]),
        [
            format!(
                "{f}:10:8: `diploma` is not allowed here; expected one of `micromasters`, `microbachelors`, \
                 `certificate`, `masters`, `bachelors`"
            ),
            format!(
                "{f}:31:8: wrong value: found string \"free\", expected a number, a [min, max] pair or \"unknown\""
            ),
        ]
    );
}

#[test]
fn unusable_files_get_one_line_naming_them() {
    assert_eq!(
        problems(&[
            "tests/fixtures/empty.toml",
            "tests/fixtures/not_utf8.toml",
            "tests/fixtures",
            "missing.toml"
        ]),
        [
            "tests/fixtures/empty.toml: the file is empty; a catalogue starts with `format = 1`",
            "tests/fixtures/not_utf8.toml: is not UTF-8 text (invalid byte at line 2); save the catalogue as UTF-8",
            "tests/fixtures: is a directory, not a catalogue file; name a `.toml` file",
            "missing.toml: cannot read the catalogue: no such file",
        ]
    );
}

#[test]
fn a_correction_replaces_only_the_keys_it_gives_and_references_cross_files() {
    let mut command = micromasters();
    command.args([
        "--no-builtin",
        "--catalog",
        "tests/fixtures/valid.toml",
        "validate",
        "tests/fixtures/overlay.toml",
        "tests/fixtures/programs_only.toml",
    ]);
    assert_eq!(
        stdout_of(&mut command, 0),
        "corrected: program `scm` of tests/fixtures/valid.toml by tests/fixtures/overlay.toml: `cost`, `verified`\n\
         7 programs and 3 institutions from 3 sources; 1 corrected by later sources; 0 problems found\n"
    );
    let mut show = micromasters();
    show.args([
        "--no-builtin",
        "--catalog",
        "tests/fixtures/valid.toml",
        "--catalog",
    ])
    .args(["tests/fixtures/overlay.toml", "--format", "json", "show", "scm"]);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&mut show, 0)).unwrap();
    let p = &json[0];
    assert_eq!(
        (p["cost_min"].as_f64(), p["cost_max"].as_f64()),
        (Some(999.0), Some(999.0))
    );
    assert_eq!(p["verified"], "2026-01-01");
    // Everything the correction leaves out keeps its earlier value.
    assert_eq!(p["name"], "Supply Chain Management");
    assert_eq!(p["credit"][0]["toward"], "scm-masters");
    assert_eq!(p["credit"][0]["share"], 0.5);
    assert_eq!(p["financial_aid"], 0.9);
    assert_eq!(p["subjects"], serde_json::json!(["supply chain", "logistics"]));
    assert_eq!(p["source"], "tests/fixtures/overlay.toml");
    // --then still works through the kept pathway: 999 + 40,000 x 0.5.
    let mut estimate = micromasters();
    estimate
        .args([
            "--no-builtin",
            "--catalog",
            "tests/fixtures/valid.toml",
            "--catalog",
        ])
        .args([
            "tests/fixtures/overlay.toml",
            "--format",
            "json",
            "estimate",
            "scm",
            "--then",
            "scm-masters",
        ]);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&mut estimate, 0)).unwrap();
    assert_eq!(json["total_cost_min"], 20999.0);
}

#[test]
fn empty_values_clear_keys_lists_are_replaced_whole_and_fees_merge_key_by_key() {
    let mut show = micromasters();
    show.args([
        "--no-builtin",
        "--catalog",
        "tests/fixtures/valid.toml",
        "--catalog",
    ])
    .args([
        "tests/fixtures/overlay_clears.toml",
        "--format",
        "json",
        "show",
        "scm",
        "mba",
    ]);
    // The third entry corrects an id that no source defines: a new entry without its keys.
    assert_eq!(
        stderr_of(&mut show, 1).lines().next().unwrap(),
        "tests/fixtures/overlay_clears.toml:15:1: missing required keys `name`, `kind`, `institution`, \
         `pacing`, `months`; an entry that corrects an earlier program needs an id defined in an earlier source"
    );
    let fixed = std::fs::read_to_string("tests/fixtures/overlay_clears.toml").unwrap();
    let fixed = fixed.replace("id = \"typo-scm\"", "id = \"sds\"");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixed.toml");
    std::fs::write(&path, fixed).unwrap();
    let mut show = micromasters();
    show.args([
        "--no-builtin",
        "--catalog",
        "tests/fixtures/valid.toml",
        "--catalog",
    ])
    .arg(&path)
    .args(["--format", "json", "show", "scm", "mba"]);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&mut show, 0)).unwrap();
    assert_eq!(json[0]["name"], "Supply Chain Management (corrected)");
    assert_eq!(json[0]["credit"], serde_json::json!([]));
    assert_eq!(json[0]["url"], serde_json::Value::Null);
    assert_eq!(json[0]["subjects"], serde_json::json!(["operations"]));
    assert_eq!(json[1]["fees"]["per_course"], 250.0);
    assert_eq!(json[1]["fees"]["one_off"], 60.0, "fee keys not given are kept");
    assert_eq!(json[1]["fees"]["term_months"], 2.0);
}

#[test]
fn a_new_entry_reports_every_missing_key_in_one_line() {
    let (file, found) = problems_in_text(
        "format = 1\n[[institution]]\nid = \"u\"\nname = \"U\"\n\n[[program]]\nid = \"p\"\ncost = 5\n",
    );
    assert_eq!(
        found,
        [format!(
            "{file}:6:1: missing required keys `name`, `kind`, `institution`, `pacing`, `months`"
        )]
    );
}

#[test]
fn the_environment_adds_catalogues_before_the_command_line() {
    let mut command = micromasters();
    command
        .env("MICROMASTERS_CATALOG", "tests/fixtures/valid.toml")
        .args(["--no-builtin", "validate", "tests/fixtures/overlay.toml"]);
    assert!(stdout_of(&mut command, 0).starts_with("corrected: program `scm`"));
}

#[test]
fn other_commands_refuse_a_catalogue_with_problems() {
    let mut command = micromasters();
    command.args([
        "--no-builtin",
        "--catalog",
        "tests/fixtures/two_errors.toml",
        "compare",
    ]);
    let err = stderr_of(&mut command, 1);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].starts_with("tests/fixtures/two_errors.toml:10:8: "));
    assert!(lines[1].starts_with("tests/fixtures/two_errors.toml:31:8: "));
    assert_eq!(
        lines[2],
        "error: the catalogue has 2 problems (listed above); fix them or run `micromasters validate tests/fixtures/two_errors.toml` to check it"
    );
}

#[test]
fn the_built_in_catalogue_loads_with_zero_problems() {
    let mut command = micromasters();
    command.arg("validate");
    let out = stdout_of(&mut command, 0);
    assert!(
        out.ends_with("0 corrected by later sources; 0 problems found\n"),
        "{out}"
    );
}

#[test]
fn validate_speaks_json_for_scripts() {
    let mut command = micromasters();
    command.args([
        "--no-builtin",
        "--format",
        "json",
        "validate",
        "tests/fixtures/duplicate_id.toml",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&mut command, 1)).unwrap();
    assert_eq!(json["problems"][0]["line"], 17);
    assert_eq!(json["problems"][0]["column"], 6);
    assert_eq!(json["programs"], 1);
}

#[test]
fn a_string_left_open_is_reported_on_its_own_line() {
    // The parser stops a line late, where the text stops making sense; the string opens on
    // line 4, column 8.
    let (file, found) = problems_in_text("format = 1\n[[institution]]\nid = \"u\"\nname = \"U\nV\"\n");
    assert_eq!(
        found[0],
        format!(
            "{file}:4:8: this string is not closed on its line; end it with its quote, or use triple quotes for text on several lines"
        )
    );
}
