//! `--format html`: one self-contained, valid HTML5 page, checked with a real HTML parser
//! (html5ever, through scraper), never by string search.

mod common;

use scraper::{Html, Selector};

use common::{micromasters, stdout_of};

fn page(args: &[&str]) -> Html {
    let mut command = micromasters();
    command.args(["--format", "html"]).args(args);
    let text = stdout_of(&mut command, 0);
    let html = Html::parse_document(&text);
    // html5ever lists every parse error: a valid page has none.
    assert!(html.errors.is_empty(), "{args:?}: {:?}", html.errors);
    html
}

fn all<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &scraper::ElementRef) -> String {
    element.text().collect::<String>()
}

/// Nothing the page would fetch: no external script, style, font, image or frame.
fn assert_self_contained(html: &Html) {
    assert!(all(html, "script[src], link, img, iframe, object, embed").is_empty());
    let scripts = all(html, "script");
    assert_eq!(scripts.len(), 1, "one small inline script");
    assert!(all(html, "meta[http-equiv=Content-Security-Policy]").len() == 1);
    for a in all(html, "a") {
        let href = a.value().attr("href").unwrap();
        assert!(
            href.starts_with("https://") || href.starts_with("http://"),
            "{href}"
        );
    }
}

#[test]
fn compare_is_a_table_with_a_row_per_program_and_the_footer() {
    let html = page(&["compare", "--limit", "7"]);
    assert_self_contained(&html);
    assert_eq!(all(&html, "html[lang=en]").len(), 1);
    assert!(text(&all(&html, "title")[0]).contains("Programs ranked"));
    // Every program shown is cited with its page, its checked date and its staleness.
    let cited: Vec<String> = all(&html, ".sources li").iter().map(text).collect();
    assert_eq!(cited.len(), 7, "{cited:?}");
    assert!(
        cited
            .iter()
            .all(|c| c.contains("checked ") || c.contains("undated"))
    );
    assert!(cited.iter().any(|c| c.contains("possibly stale")), "{cited:?}");
    assert_eq!(all(&html, ".sources li a[href^=https]").len(), 7);
    assert_eq!(all(&html, ".made time[datetime=\"2026-11-29\"]").len(), 1);
    assert!(!all(&html, ".reading p").is_empty(), "the score is explained");
    let headers: Vec<String> = all(&html, "thead th").iter().map(text).collect();
    assert_eq!(
        headers,
        ["#", "Program", "Pacing", "Cost", "Months", "Credit", "Score"]
    );
    let rows = all(&html, "tbody tr");
    assert_eq!(rows.len(), 7);
    let first: Vec<String> = rows[0]
        .select(&Selector::parse("td").unwrap())
        .map(|c| text(&c))
        .collect();
    assert_eq!(first[0], "1");
    assert!(first[1].contains("mitx-scm"), "{first:?}");
    let footer: Vec<String> = all(&html, "footer p").iter().map(text).collect();
    assert!(footer.iter().any(|l| l.starts_with("7 of ")), "{footer:?}");
    assert!(footer.iter().any(|l| l.contains("? not known")), "{footer:?}");
}

#[test]
fn chart_and_plan_pages_hold_an_inline_svg_with_every_point_labelled() {
    let html = page(&["chart", "--kind", "micromasters", "--has-pathway"]);
    assert_self_contained(&html);
    let svg = all(&html, "svg");
    assert_eq!(svg.len(), 1);
    let circles = all(&html, "svg circle");
    let rows = all(&html, "tbody tr");
    assert_eq!(circles.len(), rows.len(), "a point for each row of the legend");
    assert!(circles.len() >= 10);
    let labels: Vec<String> = all(&html, "svg text").iter().map(text).collect();
    assert!(
        labels
            .iter()
            .any(|l| l.len() == "a mitx-scm".len() && l.ends_with(" mitx-scm")),
        "a point is labelled by its letter and id: {labels:?}"
    );
    assert!(!all(&html, "svg circle.front").is_empty());
    let plan = page(&["plan", "--subject", "supply,analytics"]);
    assert_self_contained(&plan);
    assert_eq!(all(&plan, "svg").len(), 1);
    assert!(all(&plan, "svg polyline.line").len() == 1, "the front is joined");
}

#[test]
fn every_command_that_prints_a_table_prints_a_valid_page() {
    for args in [
        &["list", "--university", "mit"][..],
        &["show", "mitx-scm", "uopeople-mba"],
        &["estimate", "mitx-scm", "--then", "mit-scm-masters"],
        &["audit", "--kind", "masters"],
    ] {
        let html = page(args);
        assert_self_contained(&html);
        assert!(!all(&html, "table").is_empty(), "{args:?}");
    }
}

#[test]
fn catalogue_text_stays_text_and_only_http_urls_become_links() {
    let mut command = micromasters();
    command
        .args([
            "--no-builtin",
            "--catalog",
            "tests/fixtures/hostile/formulas_and_markup.toml",
        ])
        .args(["--format", "html", "show", "markup"]);
    let text_out = stdout_of(&mut command, 0);
    let html = Html::parse_document(&text_out);
    assert!(html.errors.is_empty(), "{:?}", html.errors);
    assert_self_contained(&html);
    assert!(all(&html, "img").is_empty(), "the name's <img> stayed text");
    let cells: String = all(&html, "td").iter().map(text).collect();
    assert!(
        cells.contains("<script>alert(1)</script>"),
        "shown as text: {cells}"
    );
    // The url `javascript:alert(1)` is not a link.
    assert!(all(&html, "a").is_empty());
}

#[test]
fn the_parser_used_here_does_report_invalid_html() {
    // The validity checks above could not pass by accident: a broken page has errors.
    let broken = Html::parse_document("<!DOCTYPE html><html><body><p><table><td>x</div></body></html>");
    assert!(!broken.errors.is_empty());
}

#[test]
fn figure_cells_carry_the_values_they_sort_by_in_the_order_of_sort() {
    // The page's sort uses `data-sort` (low end, then high end; unknown last): in the cost
    // column that order must be `compare --sort cost`'s, ranges such as $6,000–7,000 by value.
    let html = page(&["compare", "--kind", "masters", "--include-retired"]);
    let mut rows: Vec<(Option<(f64, f64)>, String)> = all(&html, "tbody tr")
        .iter()
        .map(|row| {
            let cells: Vec<_> = row.select(&Selector::parse("td").unwrap()).collect();
            let key = cells[3].value().attr("data-sort").map(|d| {
                let n: Vec<f64> = d.split(' ').map(|x| x.parse().unwrap()).collect();
                assert_eq!(n[0], 0.0, "a catalogue figure is known or unknown, not bounded");
                (n[1], n[2])
            });
            let id = text(&cells[1])
                .split_whitespace()
                .rfind(|w| *w != "◆")
                .unwrap()
                .to_string();
            (key, id)
        })
        .collect();
    assert!(
        rows.iter().any(|(k, _)| k.is_some_and(|(lo, hi)| lo < hi)),
        "a range among them"
    );
    rows.sort_by(|a, b| match (a.0, b.0) {
        (None, None) => a.1.cmp(&b.1),
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (Some(_), None) => std::cmp::Ordering::Less,
        (Some(x), Some(y)) => x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)).then(a.1.cmp(&b.1)),
    });
    let mut json = micromasters();
    json.args([
        "--format",
        "json",
        "compare",
        "--kind",
        "masters",
        "--include-retired",
        "--sort",
        "cost",
    ]);
    let records: serde_json::Value = serde_json::from_str(&stdout_of(&mut json, 0)).unwrap();
    let expected = common::record_ids(&records);
    let by_page: Vec<String> = rows.into_iter().map(|(_, id)| id).collect();
    assert_eq!(by_page, expected);
    // Headers are buttons, reachable from the keyboard.
    assert!(!all(&html, "th button").is_empty());
}

#[test]
fn plan_and_estimate_pages_are_reports_that_answer_first() {
    let plan = page(&["plan", "--subject", "data,analytics", "--hours-per-week", "8"]);
    assert_self_contained(&plan);
    let h1 = text(&all(&plan, "h1")[0]);
    assert_eq!(h1, "Routes to a degree in data or analytics at 8 hours a week");
    let inputs: Vec<(String, String)> = all(&plan, ".inputs dt")
        .iter()
        .zip(all(&plan, ".inputs dd"))
        .map(|(t, d)| (text(t), text(&d)))
        .collect();
    assert!(
        inputs.contains(&("hours a week".into(), "8".into())),
        "{inputs:?}"
    );
    assert!(
        inputs
            .iter()
            .any(|(t, d)| t == "command" && d.contains("--hours-per-week 8"))
    );
    assert!(
        inputs
            .iter()
            .any(|(t, d)| t == "currency" && d.starts_with("USD"))
    );
    // The answer comes before the chart and the table, and names routes on the front.
    let answer = text(&all(&plan, ".answer")[0]);
    assert!(answer.contains("on the cost–time front"), "{answer}");
    let body = plan.root_element().html();
    let at = |needle: &str| body.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(at("class=\"answer\"") < at("<svg") && at("<svg") < at("<table"));
    // Every program of every route is cited.
    assert!(all(&plan, ".sources li").len() >= 5);
    // No Markdown syntax left in the text: code spans are code.
    assert!(!text(&all(&plan, "main")[0]).contains('`'));
    // The chart has ticks at round values on both axes, with gridlines.
    assert!(all(&plan, "svg text.tick").len() >= 4);
    assert!(all(&plan, "svg line.grid").len() >= 4);

    let estimate = page(&[
        "estimate",
        "mitx-scm",
        "--then",
        "mit-scm-masters",
        "--employer-cap",
        "5250",
        "--salary-gain",
        "15000",
        "--start",
        "2027-01",
    ]);
    assert_self_contained(&estimate);
    let h1 = text(&all(&estimate, "h1")[0]);
    assert!(h1.starts_with("Supply Chain Management, then "), "{h1}");
    let answer = text(&all(&estimate, ".answer")[0]);
    assert_eq!(answer.matches("pays back").count(), 1, "{answer}");
    assert!(answer.contains("your employer"), "{answer}");
    let inputs = text(&all(&estimate, ".inputs")[0]);
    assert!(
        inputs.contains("employer pays at most") && inputs.contains("$5,250 a year"),
        "{inputs}"
    );
    let cited: Vec<String> = all(&estimate, ".sources li").iter().map(text).collect();
    assert_eq!(cited.len(), 2, "both steps: {cited:?}");
    assert!(cited[0].contains("mitx-scm") && cited[0].contains("checked 2018-06-11, possibly stale"));
}

#[test]
fn show_pages_are_headed_by_names() {
    let html = page(&["show", "mitx-scm"]);
    let headers: Vec<String> = all(&html, "thead th").iter().map(text).collect();
    assert_eq!(headers, ["Field", "Supply Chain Management (mitx-scm)"]);
    assert_eq!(text(&all(&html, "h1")[0]), "Supply Chain Management");
    assert!(!text(&all(&html, "tbody")[0]).contains('`'));
    assert!(!all(&html, "tbody code").is_empty());
}

/// A page's `data-sort`: tier (known, bounded), low end, high end.
type SortKey = (f64, f64, f64);

#[test]
fn plan_pages_sort_routes_by_cost_and_months_as_plan_sort_does() {
    // A route's total may be a range (sorted by its middle), a lower bound (`≥ $985.50`),
    // bounds (`a to b ?`) or unknown: ordering the page's rows by `data-sort` (as its script
    // does, unknowns last) must give `plan --sort cost`'s order, and `--sort months`'s for the
    // months column.
    let args = ["plan", "--subject", "data,analytics", "--hours-per-week", "8"];
    let html = page(&args);
    for (column, sort) in [(2, "cost"), (3, "months")] {
        let mut rows: Vec<(Option<SortKey>, String)> = all(&html, "tbody tr")
            .iter()
            .map(|row| {
                let cells: Vec<_> = row.select(&Selector::parse("td").unwrap()).collect();
                let key = cells[column].value().attr("data-sort").map(|d| {
                    let n: Vec<f64> = d.split(' ').map(|x| x.parse().unwrap()).collect();
                    (n[0], n[1], n[2])
                });
                (key, text(&cells[1]))
            })
            .collect();
        assert!(rows.iter().any(|(k, _)| k.is_none()), "an unknown among them");
        assert!(
            rows.iter().any(|(k, _)| k.is_some_and(|k| k.0 == 1.0)),
            "a bounded one"
        );
        // The page's script sorts stably: equal keys keep the page's order, which is by cost.
        rows.sort_by(|a, b| match (a.0, b.0) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(_), None) => std::cmp::Ordering::Less,
            (Some(x), Some(y)) => {
                x.0.total_cmp(&y.0)
                    .then(x.1.total_cmp(&y.1))
                    .then(x.2.total_cmp(&y.2))
            }
        });
        let mut json = micromasters();
        json.args(["--format", "json"]).args(args).args(["--sort", sort]);
        let records: serde_json::Value = serde_json::from_str(&stdout_of(&mut json, 0)).unwrap();
        // A known total sorts by its middle (the interface's rule for plan), a bounded one by
        // its bounds.
        let key_of = |r: &serde_json::Value| {
            let (lo, hi, known) = match sort {
                "cost" => (&r["cost_at_least"], &r["cost_at_most"], &r["total_cost_min"]),
                _ => (
                    &r["months_at_least"],
                    &r["months_at_most"],
                    &r["total_months_min"],
                ),
            };
            match (lo.as_f64(), hi.as_f64()) {
                (Some(lo), Some(hi)) if !known.is_null() => {
                    let middle = f64::midpoint(lo, hi);
                    (Some(middle), Some(middle))
                }
                bounds => bounds,
            }
        };
        let by_plan: Vec<_> = records.as_array().unwrap().iter().map(key_of).collect();
        // The page's rows, as the JSON gives the same routes' bounds.
        // Figures as the page shows them: months to one decimal.
        let shown = |v: f64| (v * 10.0).round() / 10.0;
        let page_order: Vec<_> = rows
            .iter()
            .map(|(k, _)| k.map(|k| (shown(k.1), shown(k.2))))
            .collect();
        let plan_order: Vec<_> = by_plan
            .iter()
            .map(|&(lo, hi)| match (lo, hi) {
                (Some(lo), Some(hi)) => Some((shown(lo), shown(hi))),
                (Some(lo), None) if lo > 0.0 => Some((shown(lo), shown(lo))),
                _ => None,
            })
            .collect();
        assert_eq!(page_order, plan_order, "--sort {sort}");
    }
}
