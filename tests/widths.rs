//! Every command's table at every width from 40 to 200 columns: no line is wider than the width
//! (but an id or a URL standing alone, which never breaks), and every id the command shows at
//! 200 columns stands whole at every width. Where columns cannot share the width, or a name
//! would be cut mid-word beside the figures, the table is drawn as cards.

mod common;

use std::collections::BTreeSet;

use common::micromasters;
use unicode_width::UnicodeWidthStr;

/// The words of `out` that are program ids, as a table shows them.
fn ids_in(out: &str, ids: &BTreeSet<String>) -> BTreeSet<String> {
    out.split_whitespace()
        .map(|w| w.trim_matches(|c: char| "`·,;:()◆".contains(c)))
        .filter(|w| ids.contains(*w))
        .map(String::from)
        .collect()
}

fn table(width: usize, args: &[&str]) -> String {
    let output = micromasters()
        .args(["--width", &width.to_string()])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?} at {width}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn every_command_fits_every_width_from_40_to_200_and_ids_stand_whole() {
    let all = table(200, &["--format", "json", "list", "--include-retired"]);
    let records: serde_json::Value = serde_json::from_str(&all).unwrap();
    let ids: BTreeSet<String> = common::record_ids(&records).into_iter().collect();
    let commands: &[&[&str]] = &[
        &["compare"],
        &["compare", "--explain", "--limit", "5"],
        &["list"],
        &["plan", "--subject", "data"],
        &["audit"],
        &["show", "mitx-scm", "adelaidex-big-data"],
        &["show", "--pathways", "mitx-sds"],
        &["estimate", "mitx-scm", "--then", "mit-scm-masters"],
        &["estimate", "mitx-scm", "gatech-omsa", "uopeople-mba"],
        &["chart"],
        &["sources"],
    ];
    std::thread::scope(|scope| {
        for args in commands {
            let ids = &ids;
            scope.spawn(move || {
                let expected = ids_in(&table(200, args), ids);
                assert!(!expected.is_empty() || args[0] == "sources", "{args:?} shows ids");
                for width in 40..=200 {
                    let out = table(width, args);
                    for line in out.lines() {
                        assert!(
                            line.width() <= width || line.split_whitespace().count() == 1,
                            "{args:?} at {width}: a line of {} columns: {line}",
                            line.width()
                        );
                    }
                    let shown = ids_in(&out, ids);
                    let broken: Vec<_> = expected.difference(&shown).collect();
                    assert!(broken.is_empty(), "{args:?} at {width}: {broken:?} broken");
                }
            });
        }
    });
}

#[test]
fn a_table_too_wide_for_its_columns_becomes_cards() {
    let narrow = table(45, &["compare", "--limit", "2"]);
    assert!(
        narrow.contains("1. Supply Chain Management\nMITx · mitx-scm\n"),
        "{narrow}"
    );
    assert!(
        narrow.contains("\nCost: $950 *\n") && narrow.contains("\nMonths: 12–24 *\n"),
        "{narrow}"
    );
    // No word is cut: the names read whole.
    assert!(narrow.contains("Habilidades profesionales"), "{narrow}");
    // Wide enough, it stays a table.
    let wide = table(80, &["compare", "--limit", "2"]);
    assert!(wide.contains("# Program"), "{wide}");
    assert!(!wide.contains("Cost: "), "{wide}");
}
