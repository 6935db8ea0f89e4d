//! The built-in catalogue is data tested like code: it loads cleanly and holds what it promises.

use micromasters::catalog::{Kind, Source, Status, Target, load};

fn builtin() -> micromasters::catalog::Catalog {
    let loaded = load(vec![Ok(Source::builtin())]);
    assert_eq!(loaded.problems, [], "the built-in catalogue has problems");
    loaded.catalog
}

#[test]
fn the_seed_programs_are_all_there() {
    let catalog = builtin();
    for id in [
        "mitx-scm",
        "mitx-dedp",
        "mitx-pom",
        "mitx-sds",
        "mitx-finance",
        "columbiax-business-analytics",
        "uopeople-mba",
        "uopeople-med",
        "uopeople-msit",
        "nyux-cs-fundamentals",
        "gatech-omscs",
        "gatech-omsa",
        "uiuc-mcs",
    ] {
        assert!(catalog.program(id).is_some(), "{id} is missing");
    }
    let columbia = catalog.program("columbiax-business-analytics").unwrap();
    assert_eq!(columbia.status, Status::Retired);
    assert_eq!(
        columbia.ends.map(|d| d.to_string()).as_deref(),
        Some("2021-08-30")
    );
    let mba = catalog.program("uopeople-mba").unwrap();
    let fees = mba.fees.as_deref().expect("UoPeople's price comes in parts");
    assert_eq!((fees.per_course, fees.one_off), (Some(200.0), Some(60.0)));
}

#[test]
fn it_covers_the_kinds_a_comparison_needs() {
    let catalog = builtin();
    let count = |kind: Kind| catalog.programs.iter().filter(|p| p.kind == kind).count();
    assert!(count(Kind::MicroMasters) >= 40, "{}", count(Kind::MicroMasters));
    assert!(count(Kind::MicroBachelors) >= 2);
    let priced_campus = catalog
        .programs
        .iter()
        .filter(|p| p.kind == Kind::Masters && p.delivery != micromasters::catalog::Delivery::Online)
        .filter(|p| p.cost.is_some())
        .count();
    assert!(priced_campus >= 3, "{priced_campus}");
    let paced: Vec<_> = catalog.programs.iter().map(|p| p.pacing).collect();
    assert!(paced.contains(&micromasters::catalog::Pacing::SelfPaced));
    assert!(paced.contains(&micromasters::catalog::Pacing::InstructorLed));
}

#[test]
fn every_program_is_sourced_and_dated_before_the_catalogue_date() {
    let catalog = builtin();
    let as_of = catalog.as_of.expect("the catalogue says how current it is");
    for p in &catalog.programs {
        assert!(
            p.url.as_deref().is_some_and(|u| u.starts_with("https://")),
            "{} has no url",
            p.id
        );
        let verified = p
            .verified
            .unwrap_or_else(|| panic!("{} has no verified date", p.id));
        assert!(
            verified <= as_of,
            "{} was verified after the catalogue date",
            p.id
        );
    }
}

#[test]
fn every_pathway_to_a_catalogue_degree_can_be_estimated() {
    let catalog = builtin();
    let mut pathways = 0;
    for p in &catalog.programs {
        for path in &p.credit {
            if let Target::Program(id) = &path.target {
                assert!(
                    catalog.program(id).is_some_and(|d| d.kind.is_degree()),
                    "{} -> {id}",
                    p.id
                );
                pathways += 1;
            }
        }
    }
    assert!(pathways >= 2, "{pathways}");
}
