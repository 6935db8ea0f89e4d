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
    // alternatives.md 1a: $200 a course (2016-2019), $240 since 2021; the newer figure wins.
    assert_eq!((fees.per_course, fees.one_off), (Some(240.0), Some(60.0)));
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

/// What the built-in catalogue knows about its MicroMasters. Release 2 folded in the 2026 fact
/// sheets; a later release may only raise these numbers.
const MICROMASTERS_COVERAGE: [(&str, usize); 6] = [
    ("programs", 54),
    ("cost", 21),
    ("months", 18),
    ("pacing", 39),
    ("pathway", 25),
    // 9 in release 2, less UQx Business Leadership's 25%, which its own source says lapsed by
    // 2023 (only the admission route stands): an ended pathway counts for nothing.
    ("known share", 8),
];

#[test]
fn coverage_only_goes_up_and_audit_reports_the_same_numbers() {
    let catalog = builtin();
    let mm: Vec<_> = catalog
        .programs
        .iter()
        .filter(|p| p.kind == Kind::MicroMasters)
        .collect();
    let money = micromasters::money::Money::new(&catalog, None).unwrap();
    let found = [
        mm.len(),
        mm.iter().filter(|p| money.cost_of(p).is_some()).count(),
        mm.iter().filter(|p| p.months.is_some()).count(),
        mm.iter()
            .filter(|p| p.pacing != micromasters::catalog::Pacing::Unknown)
            .count(),
        mm.iter().filter(|p| p.active_credit().next().is_some()).count(),
        mm.iter().filter(|p| p.credit_share().is_some()).count(),
    ];
    for ((what, floor), now) in MICROMASTERS_COVERAGE.iter().zip(found) {
        assert!(now >= *floor, "{what}: {now} MicroMasters, fewer than {floor}");
    }
    let mut audit = assert_cmd::Command::cargo_bin("micromasters").unwrap();
    audit
        .env_remove("MICROMASTERS_CATALOG")
        .args(["--width", "200", "audit"]);
    let out = String::from_utf8(audit.output().unwrap().stdout).unwrap();
    let line = format!(
        "micromasters ({}): cost {}, months {}, pacing {}, pathway {}, known share {}",
        found[0], found[1], found[2], found[3], found[4], found[5]
    );
    assert!(out.contains(&line), "audit's footer lacks `{line}`:\n{out}");
}

/// The pathway of `program` toward a described degree at `school`.
fn pathway_at<'a>(
    catalog: &'a micromasters::catalog::Catalog,
    program: &str,
    school: &str,
) -> &'a micromasters::catalog::Pathway {
    catalog
        .program(program)
        .unwrap()
        .credit
        .iter()
        .find(|p| matches!(&p.target, Target::Described { at: Some(at), .. } if at.contains(school)))
        .unwrap_or_else(|| panic!("{program} has no pathway at {school}"))
}

#[test]
fn figures_match_the_2026_fact_sheets() {
    use micromasters::catalog::{Amount, Grants, Tuition};
    let catalog = builtin();
    let p = |id: &str| catalog.program(id).unwrap_or_else(|| panic!("{id}"));
    // us-mitx.md, mitx-scm "pathway: MIT": about half of the degree.
    assert_eq!(
        p("mitx-scm").pathway_to("mit-scm-masters").unwrap().share,
        Some(0.5)
    );
    // us-mitx.md, mitx-scm "pathway: Harvard Extension School": credit amount not found.
    assert_eq!(pathway_at(&catalog, "mitx-scm", "Harvard Extension").share, None);
    // us-mitx.md, mitx-scm "pathway: Hong Kong Polytechnic University".
    assert_eq!(
        pathway_at(&catalog, "mitx-scm", "Hong Kong Polytechnic").share,
        None
    );
    // us-mitx.md, mitx-scm "financial aid": edX discounts the online courses only (90% of $750 of $1,350).
    assert_eq!(p("mitx-scm").financial_aid, Some(0.5));
    // us-mitx.md, mitx-dedp "pathway: ITAM (Mexico)".
    assert_eq!(pathway_at(&catalog, "mitx-dedp", "ITAM").share, None);
    // us-mitx.md, mitx-dedp "price (range)": $100-1,000 per course x 5.
    assert_eq!(p("mitx-dedp").cost, Some(Amount::range(500.0, 5000.0)));
    // us-mitx.md, mitx-pom "pathway": MIT MEng in Advanced Manufacturing and Design.
    assert!(
        pathway_at(&catalog, "mitx-pom", "Massachusetts Institute")
            .share
            .is_none()
    );
    // us-mitx.md, gtx-analytics "pathway": GT OMS Analytics, amount not found.
    assert_eq!(p("gtx-analytics").pathway_to("gatech-omsa").unwrap().share, None);
    // us-mitx.md, iux-information-systems "pathway": 3 of 10 courses, 30% computed.
    let iu = p("iux-information-systems").pathway_to("iu-msitm").unwrap();
    assert_eq!((iu.credits, iu.of, iu.share), (Some(3.0), Some(10.0), Some(0.3)));
    // us-mitx.md, purduex-quantum-computing "target degree": Purdue online MSECE.
    assert!(
        pathway_at(&catalog, "purduex-quantum-computing", "Purdue")
            .share
            .is_none()
    );
    // us-mitx.md, ritx-cybersecurity "credit amount": not found.
    assert!(
        pathway_at(&catalog, "ritx-cybersecurity", "Rochester")
            .share
            .is_none()
    );
    // non-us.md, adelaidex-big-data "credit pathway": 25% of the Master of Data Science.
    assert_eq!(
        pathway_at(&catalog, "adelaidex-big-data", "Adelaide").share,
        Some(0.25)
    );
    // non-us.md, hkustx-big-data-technology "credit transfer cap" and "target degree fee".
    let hkust = pathway_at(
        &catalog,
        "hkustx-big-data-technology",
        "Hong Kong University of Science",
    );
    assert_eq!(
        (hkust.credits, hkust.of, hkust.tuition),
        (Some(9.0), Some(30.0), Tuition::Full)
    );
    // non-us.md, uqx-business-leadership "credit pathway (c. 2017)" and "(2023-)".
    assert_eq!(p("uqx-business-leadership").credit.len(), 2);
    assert_eq!(p("uqx-business-leadership").credit[1].grants, Grants::Admission);
    // non-us.md, wageningenx-biobased-sciences "credit": 24 ECTS; "total price": US$1,200.
    let wur = pathway_at(&catalog, "wageningenx-biobased-sciences", "Wageningen");
    assert_eq!(
        (wur.credits, wur.unit.as_deref(), wur.share),
        (Some(24.0), Some("ECTS"), None)
    );
    assert_eq!(
        p("wageningenx-biobased-sciences").cost,
        Some(Amount::exact(1200.0))
    );
    // non-us.md, iimbx-entrepreneurship "price": $600 + $249 capstone = $849.
    assert_eq!(p("iimbx-entrepreneurship").cost, Some(Amount::exact(849.0)));
    // non-us.md, tecx-negotiation-leadership "credit": about 25%.
    assert_eq!(
        pathway_at(&catalog, "tecx-negotiation-leadership", "Monterrey").share,
        Some(0.25)
    );
    // non-us.md, delftx-solar-energy "credit pathway": ECTS waiver, amount not stated.
    assert_eq!(p("delftx-solar-energy").credit.len(), 2);
    // non-us.md, hkpolyux-hospitality "credit pathway": some courses exempted.
    assert!(
        pathway_at(&catalog, "hkpolyux-hospitality", "Polytechnic")
            .share
            .is_none()
    );
    // catalog-facts.md 1.7, columbiax-business-analytics: 7.5 course credits.
    let columbia = pathway_at(&catalog, "columbiax-business-analytics", "Columbia");
    assert_eq!((columbia.credits, columbia.share), (Some(7.5), None));
    // alternatives.md section 5: ECB 2026-10-30 and HMRC November 2026, as USD per unit.
    assert_eq!(catalog.rate("EUR"), Some(1.1172));
    assert_eq!(catalog.rate("NGN"), Some(0.000_750_13));
    assert_eq!(
        catalog.rate_info["GBP"].as_of.map(|d| d.to_string()).as_deref(),
        Some("2026-10-30")
    );
}

#[test]
fn the_built_in_catalogue_stays_toml_1_0_for_other_tools() {
    // Python's `tomllib` reads TOML 1.0 only; the loader takes TOML 1.1 besides.
    let check = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, tomllib; tomllib.load(open(sys.argv[1], 'rb'))",
            "data/catalog.toml",
        ])
        .output();
    match check {
        Ok(output) if output.status.success() => {}
        Ok(output) if String::from_utf8_lossy(&output.stderr).contains("No module named 'tomllib'") => {
            eprintln!("skipped: this python3 has no tomllib (Python 3.11 or later has it)");
        }
        Ok(output) => panic!(
            "tomllib refuses the built-in catalogue:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(_) => eprintln!("skipped: no python3 on this machine to read the catalogue as TOML 1.0"),
    }
}
