//! Properties that hold for any catalogue and query: generated catalogues, checked answers.

use std::borrow::Cow;

use proptest::prelude::*;

use micromasters::catalog::{Catalog, Kind, Source, Status, load, write};
use micromasters::estimate::{Request, estimate};
use micromasters::filter::PacingWanted;
use micromasters::filter::{Filter, select};
use micromasters::money::Money;
use micromasters::pace::Pace;
use micromasters::rank::{OrderKey, SortKey, Weights, order, score};
use micromasters::route::{Route, Taken};

/// One generated program: (kind, pacing, cost, months, hours, share, currency, retired).
type Spec = (
    usize,
    usize,
    Option<(u32, u32)>,
    Option<(u32, u32)>,
    Option<(u32, u32)>,
    Option<u8>,
    bool,
    bool,
);

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..5usize,
        0..4usize,
        prop::option::weighted(0.85, (0u32..60_000, 0u32..3_000)),
        prop::option::weighted(0.85, (1u32..36, 0u32..12)),
        prop::option::weighted(0.7, (1u32..20, 0u32..10)),
        prop::option::weighted(0.5, 1u8..=100),
        any::<bool>(),
        prop::bool::weighted(0.15),
    )
}

/// A valid catalogue text from specs; the first program is always a degree, so pathways have a
/// target.
fn catalogue_text(specs: &[Spec]) -> String {
    let kinds = [
        "micromasters",
        "microbachelors",
        "certificate",
        "masters",
        "bachelors",
    ];
    let pacings = ["instructor-led", "self-paced", "both", "unknown"];
    let mut text = String::from(
        "format = 1\nas_of = 2026-01-01\nrates = { EUR = 1.08 }\n\n[[institution]]\nid = \"u0\"\nname = \"Uni Zero\"\n\
         \n[[institution]]\nid = \"u1\"\nname = \"Alpha Institute\"\nshort = \"AlphaX\"\n",
    );
    for (i, &(kind, pacing, cost, months, hours, share, euro, retired)) in specs.iter().enumerate() {
        let kind = if i == 0 { "masters" } else { kinds[kind] };
        let amount = |a: Option<(u32, u32)>| match a {
            None => "\"unknown\"".to_string(),
            Some((lo, 0)) => lo.to_string(),
            Some((lo, extra)) => format!("[{lo}, {}]", lo + extra),
        };
        text.push_str(&format!(
            "\n[[program]]\nid = \"p{i}\"\nname = \"Program {}\"\nkind = \"{kind}\"\ninstitution = \"u{}\"\n\
             pacing = \"{}\"\nsubjects = [\"topic {}\"]\ncost = {}\nmonths = {}\nfinancial_aid = 0.5\n",
            (i * 7) % 11,
            i % 2,
            pacings[pacing],
            i % 3,
            amount(cost),
            match months {
                None => "\"unknown\"".to_string(),
                Some(m) => amount(Some(m)),
            },
        ));
        if let Some(h) = hours {
            text.push_str(&format!("hours_per_week = {}\n", amount(Some(h))));
        }
        if euro {
            text.push_str("currency = \"EUR\"\n");
        }
        if let Some(s) = share
            && i > 0
        {
            text.push_str(&format!(
                "credit = [{{ toward = \"p0\", share = {} }}]\n",
                f64::from(s) / 100.0
            ));
        }
        if retired {
            text.push_str("status = \"retired\"\n");
        }
    }
    text
}

fn load_text(text: String) -> Catalog {
    let loaded = load(vec![Ok(Source::new("generated.toml", Cow::Owned(text)))]);
    assert_eq!(loaded.problems, [], "the generator wrote an invalid catalogue");
    loaded.catalog
}

fn filter_strategy() -> impl Strategy<Value = Filter> {
    (
        prop::option::of(0u32..60_000),
        prop::option::of(1u32..40),
        prop::option::of(0u8..=100),
        prop::option::of(prop_oneof![
            Just(PacingWanted::SelfPaced),
            Just(PacingWanted::InstructorLed),
            Just(PacingWanted::Both),
            Just(PacingWanted::SelfPacedOnly),
            Just(PacingWanted::InstructorLedOnly),
        ]),
        prop::option::of(prop_oneof![Just(Kind::MicroMasters), Just(Kind::Masters)]),
        any::<bool>(),
    )
        .prop_map(|(cost, months, credit, pacing, kind, retired)| Filter {
            kinds: kind.into_iter().collect(),
            max_cost: cost.map(f64::from),
            max_months: months.map(f64::from),
            min_credit: credit.map(|c| f64::from(c) / 100.0),
            pacing,
            include_retired: retired,
            ..Filter::default()
        })
}

fn keys_strategy() -> impl Strategy<Value = Vec<OrderKey>> {
    let key = (0..6usize, any::<bool>()).prop_map(|(k, reverse)| OrderKey {
        key: SortKey::ALL[k],
        reverse,
    });
    prop::collection::vec(key, 1..3)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn compare_returns_a_subset_of_the_input_in_the_requested_order(
        specs in prop::collection::vec(spec(), 1..14),
        filter in filter_strategy(),
        keys in keys_strategy(),
    ) {
        let catalog = load_text(catalogue_text(&specs));
        let money = Money::new(&catalog, None).unwrap();
        let selection = select(&catalog, &[], &filter, &money);
        let scored = score(&selection.programs, &money, Weights::default(), None, Pace::default());
        let ranked = order(scored.clone(), &keys, &money, None, None);
        prop_assert_eq!(ranked.len(), selection.programs.len());
        // A limit keeps exactly the first rows of the full order.
        let limit = keys.len() * 2;
        let limited = order(scored, &keys, &money, None, Some(limit));
        let ids = |r: &[micromasters::rank::Ranked]| r.iter().map(|x| x.program.id.clone()).collect::<Vec<_>>();
        prop_assert_eq!(ids(&limited), ids(&ranked[..ranked.len().min(limit)]));
        for r in &ranked {
            prop_assert!(catalog.program(&r.program.id).is_some());
            prop_assert!(filter.include_retired || r.program.status == Status::Active);
            prop_assert!((0.0..=100.0).contains(&r.score), "score {}", r.score);
        }
        // Consecutive rows obey the first key, unknown values last whatever the direction.
        let first = keys[0];
        for pair in ranked.windows(2) {
            let (a, b) = (pair[0].program, pair[1].program);
            let ordered = match first.key {
                SortKey::Cost => match (a.cost, b.cost) {
                    (Some(x), Some(y)) => {
                        let (x, y) = (money.convert(x, &a.currency), money.convert(y, &b.currency));
                        if first.reverse { (x.min, x.max) >= (y.min, y.max) } else { (x.min, x.max) <= (y.min, y.max) }
                    }
                    (None, Some(_)) => false,
                    _ => true,
                },
                SortKey::Score => if first.reverse { pair[0].score <= pair[1].score } else { pair[0].score >= pair[1].score },
                _ => true,
            };
            prop_assert!(ordered, "{} before {} breaks {:?}", a.id, b.id, first);
        }
    }

    #[test]
    fn adding_a_filter_never_adds_rows(
        specs in prop::collection::vec(spec(), 1..14),
        filter in filter_strategy(),
        extra in filter_strategy(),
    ) {
        let catalog = load_text(catalogue_text(&specs));
        let money = Money::new(&catalog, None).unwrap();
        let wide: Vec<String> = select(&catalog, &[], &filter, &money).programs.iter().map(|p| p.id.to_string()).collect();
        let mut narrower = filter.clone();
        narrower.max_cost = narrower.max_cost.or(extra.max_cost);
        narrower.max_months = narrower.max_months.or(extra.max_months);
        narrower.min_credit = narrower.min_credit.or(extra.min_credit);
        narrower.pacing = narrower.pacing.or(extra.pacing);
        if narrower.kinds.is_empty() {
            narrower.kinds = extra.kinds.clone();
        }
        for p in select(&catalog, &[], &narrower, &money).programs {
            prop_assert!(wide.iter().any(|w| *w == p.id), "{} appeared", p.id);
        }
    }

    #[test]
    fn estimates_keep_their_arithmetic(
        specs in prop::collection::vec(spec(), 2..10),
        aid in 0u8..=100,
        slow in 1u32..20,
        faster in 1u32..20,
    ) {
        let catalog = load_text(catalogue_text(&specs));
        let money = Money::new(&catalog, None).unwrap();
        for program in &catalog.programs {
            let plain = estimate(program, &money, &Request::default()).unwrap();
            let aided = estimate(program, &money, &Request { aid: Some(f64::from(aid) / 100.0), ..Request::default() }).unwrap();
            if let (Some(full), Some(after)) = (plain.cost, aided.cost) {
                prop_assert!(after.min <= full.min + 1e-9 && after.max <= full.max + 1e-9);
                prop_assert!(aided.aid <= program.financial_aid.unwrap_or(0.0));
            }
            if let (Some(path), Some(degree)) = (program.pathway_to("p0"), catalog.program("p0"))
                && let route = Route::new(&[Taken::Program(program), Taken::Program(degree)], &[path], &money, &Request::default())
                && let (Some(direct), Some(total), Some(saving)) = (route.direct_cost, route.total_cost.amount(), route.saving())
            {
                prop_assert!((saving.min - (direct.min - total.min)).abs() < 1e-6);
                prop_assert!((saving.max - (direct.max - total.max)).abs() < 1e-6);
            }
            let at = |h: u32| {
                let pace = Pace { hours_per_week: Some(f64::from(h)), courses_per_term: None };
                estimate(program, &money, &Request { pace, ..Request::default() }).unwrap().calendar.months
            };
            let (slower, quicker) = (at(slow), at(slow + faster));
            if let (Some(s), Some(q)) = (slower, quicker) {
                prop_assert!(q.min <= s.min + 1e-9 && q.max <= s.max + 1e-9, "{q:?} at more hours than {s:?}");
            }
        }
    }

    #[test]
    fn cost_parts_follow_ratios_and_never_reward_the_dearer(specs in prop::collection::vec(spec(), 2..12)) {
        // Prices of $1,000 and more: there ln(1 + 2v) - ln(1 + v) is ln 2 to within 0.001, so
        // doubling every cost leaves every cost part as it was (to that precision).
        let dear: Vec<Spec> = specs
            .iter()
            .map(|s| (s.0, s.1, s.2.map(|(lo, extra)| (lo + 1000, extra)), s.3, s.4, s.5, false, s.7))
            .collect();
        let doubled: Vec<Spec> = dear
            .iter()
            .map(|s| (s.0, s.1, s.2.map(|(lo, extra)| (2 * lo, 2 * extra)), s.3, s.4, s.5, s.6, s.7))
            .collect();
        let parts = |specs: &[Spec]| {
            let catalog = load_text(catalogue_text(specs));
            let money = Money::new(&catalog, None).unwrap();
            let programs: Vec<_> = catalog.programs.iter().collect();
            let ranked = score(&programs, &money, Weights::default(), None, Pace::default());
            let costs: Vec<Option<f64>> = programs.iter().map(|p| money.cost_of(p).map(micromasters::catalog::Amount::mid)).collect();
            (ranked.iter().map(|r| r.parts.cost).collect::<Vec<f64>>(), costs)
        };
        let (before, costs) = parts(&dear);
        let (after, _) = parts(&doubled);
        let known: Vec<f64> = costs.iter().flatten().copied().collect();
        let spread = known.iter().copied().fold(0.0, f64::max) / known.iter().copied().fold(f64::INFINITY, f64::min);
        if spread >= 2.0 {
            for (b, a) in before.iter().zip(&after) {
                prop_assert!((b - a).abs() < 0.01, "doubling moved a cost part from {b} to {a}");
            }
        }
        for (i, ci) in costs.iter().enumerate() {
            for (j, cj) in costs.iter().enumerate() {
                if let (Some(x), Some(y)) = (ci, cj)
                    && x < y
                {
                    prop_assert!(before[i] >= before[j], "cheaper {x} got {} below {y}'s {}", before[i], before[j]);
                }
            }
        }
    }

    #[test]
    fn a_catalogue_written_back_to_toml_loads_the_same(specs in prop::collection::vec(spec(), 1..14)) {
        let catalog = load_text(catalogue_text(&specs));
        let text = write::to_toml(&catalog).unwrap();
        let again = load_text(text);
        prop_assert_eq!(&again.programs, &catalog.programs);
        prop_assert_eq!(&again.institutions, &catalog.institutions);
        prop_assert_eq!(&again.rates, &catalog.rates);
        prop_assert_eq!(again.as_of, catalog.as_of);
    }
}

#[test]
fn the_built_in_catalogue_survives_the_round_trip() {
    let catalog = load(vec![Ok(Source::builtin())]).catalog;
    let again = load_text(write::to_toml(&catalog).unwrap());
    assert_eq!(again.programs, catalog.programs);
    assert_eq!(again.institutions, catalog.institutions);
}
