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
        columbia.rare.ends.map(|d| d.to_string()).as_deref(),
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

/// What the built-in catalogue knows about its MicroMasters. Release 3 folded in
/// `catalog-facts-turn3.md` (27 programs added, the pathways its early Class Central list
/// names); a later release may only raise these numbers.
const MICROMASTERS_COVERAGE: [(&str, usize); 6] = [
    ("programs", 81),
    ("cost", 23),
    ("months", 21),
    ("pacing", 40),
    ("pathway", 56),
    ("known share", 11),
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
    // us-mitx.md, mitx-scm "financial aid": edX discounts the online courses only: 90% of $750,
    // of $950 since turn3's newer $200 exam fee (catalog-facts-turn3.md, mitx-scm).
    assert_eq!(p("mitx-scm").financial_aid, Some(0.71));
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
    // The degree is a catalogue program since turn3 gives its price and length.
    assert!(
        p("purduex-quantum-computing")
            .pathway_to("purdue-msece")
            .unwrap()
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

/// The program `id` of `catalog`.
fn program<'a>(catalog: &'a micromasters::catalog::Catalog, id: &str) -> &'a micromasters::catalog::Program {
    catalog.program(id).unwrap_or_else(|| panic!("{id}"))
}

/// The pathway of program `id` toward `degree` (outside the catalogue) at `school`.
fn described<'a>(
    catalog: &'a micromasters::catalog::Catalog,
    id: &str,
    degree: &str,
    school: &str,
) -> &'a micromasters::catalog::Pathway {
    program(catalog, id)
        .credit
        .iter()
        .find(|c| {
            matches!(&c.target, Target::Described { degree: d, at: Some(at) }
                if d == degree && at.contains(school))
        })
        .unwrap_or_else(|| panic!("{id} has no pathway to {degree} at {school}"))
}

/// Spot checks of catalogue release 3 against `catalog-facts-turn3.md`: each comment names the
/// sheet's section and row.
#[test]
fn figures_match_the_turn3_fact_sheet() {
    use micromasters::catalog::{Amount, Status};
    let catalog = builtin();
    let p = |id: &str| program(&catalog, id);
    let named = |id: &str, degree: &str, school: &str| described(&catalog, id, degree, school);
    // 1. "mitx-scm", fees.one_off (CFx exam): US$200, mid-2019, newer than the $600 of 2017;
    //    the total follows: 5 x $150 + $200.
    let scm = p("mitx-scm");
    assert_eq!(scm.fees.as_ref().unwrap().one_off, Some(200.0));
    assert_eq!(scm.cost, Some(Amount::exact(950.0)));
    // 2. "mitx-scm", months (courses only): 12-24, MIT's "one to two years" (Conflicts: SCM
    //    duration, B).
    assert_eq!(scm.months, Some(Amount::range(12.0, 24.0)));
    // 3-5. "mitx-scm", credit pathways (no amount) from [CC-EARLY]: Zaragoza, ASU, UFRGS.
    assert!(
        named("mitx-scm", "MS in Supply Chain Management", "Arizona State")
            .share
            .is_none()
    );
    named(
        "mitx-scm",
        "Blended Master in Logistics & Supply Chain Management",
        "Zaragoza",
    );
    named("mitx-scm", "Graduate program in Industrial Engineering", "UFRGS");
    // The translated source keeps its caution.
    let curtin = named("mitx-scm", "Master of Supply Chain Management", "Curtin");
    assert!(
        curtin
            .note
            .as_deref()
            .unwrap()
            .contains("translated back from Chinese")
    );
    // 6-7. "mitx-sds", credit pathway: MIT IDSS SES PhD; Harvard Extension ALM.
    named(
        "mitx-sds",
        "MIT IDSS Social and Engineering Systems (SES) PhD",
        "Massachusetts",
    );
    named("mitx-sds", "ALM in Extension Studies", "Harvard Extension");
    // 8. "mitx-pom", credit pathway: RMIT Master of Engineering Management.
    named("mitx-pom", "Master of Engineering Management", "RMIT");
    // 9-10. "columbiax-ai", cost (computed) 4 x $249 = $996; months (computed) 10.6.
    let ai = p("columbiax-ai");
    assert_eq!(
        (ai.courses, ai.cost, ai.months),
        (Some(4), Some(Amount::exact(996.0)), Some(Amount::exact(10.6)))
    );
    // 11. "michiganx-social-work", status / ends: retired, 2021-03-29.
    let sw = p("michiganx-social-work");
    assert_eq!(sw.status, Status::Retired);
    assert_eq!(sw.rare.ends.map(|d| d.to_string()).as_deref(), Some("2021-03-29"));
    // 12. "michiganx-social-work", credit pathway: 45 instead of 60 credits (15 of 60, 25%).
    let msw = sw.pathway_to("umich-msw").unwrap();
    assert_eq!((msw.credits, msw.share), (Some(15.0), Some(0.25)));
    // 13. "michiganx-educational-innovation", months (computed) 6.9; cost $995-1,245.
    let edu = p("michiganx-educational-innovation");
    assert_eq!(
        (edu.months, edu.cost),
        (Some(Amount::exact(6.9)), Some(Amount::range(995.0, 1245.0)))
    );
}

/// Spot checks of release 3's pathways and degrees against `catalog-facts-turn3.md`.
#[test]
fn pathways_and_degrees_match_the_turn3_fact_sheet() {
    use micromasters::catalog::Amount;
    let catalog = builtin();
    let p = |id: &str| program(&catalog, id);
    let named = |id: &str, degree: &str, school: &str| described(&catalog, id, degree, school);
    // 14. "ucsandiegox-data-science", credit pathway: Curtin, 100 credits of 400.
    let ucsd = named(
        "ucsandiegox-data-science",
        "Master of Predictive Analytics",
        "Curtin",
    );
    assert_eq!(
        (ucsd.credits, ucsd.of, ucsd.share),
        (Some(100.0), Some(400.0), Some(0.25))
    );
    // 15. "ubcx-software-development", credit pathway: Curtin MSc (Computer Science), 100 of 400.
    let ubc = named("ubcx-software-development", "MSc (Computer Science)", "Curtin");
    assert_eq!(ubc.share, Some(0.25));
    // 16. "ubcx-business-fundamentals", credit pathway: UBC Master of Management, in conflict
    //     with the dated rule that UBCx credentials do not count at UBC: listed, ended.
    assert_eq!(
        named(
            "ubcx-business-fundamentals",
            "Master of Management",
            "British Columbia"
        )
        .status,
        micromasters::catalog::PathwayStatus::Ended
    );
    // 17. "curtinx-iot", courses: 6 items.
    assert_eq!(p("curtinx-iot").courses, Some(6));
    // 18. "tecx-negotiation-leadership", credit pathway: 25 percent, or three courses, of the MBA.
    assert_eq!(
        named("tecx-negotiation-leadership", "MBA", "Monterrey").share,
        Some(0.25)
    );
    // 19. "doanex-healthcare-administration", credit pathway: Doane's online MBA, about $10,500.
    assert!(
        p("doanex-healthcare-administration")
            .pathway_to("doane-mba")
            .is_some()
    );
    assert_eq!(p("doane-mba").cost, Some(Amount::exact(10500.0)));
    // 20. "purduex-quantum-computing (target degree)": $22,500, 12-18 months, up to 48.
    let msece = p("purdue-msece");
    assert_eq!(
        (msece.cost, msece.months, msece.rare.max_months),
        (
            Some(Amount::exact(22500.0)),
            Some(Amount::range(12.0, 18.0)),
            Some(48.0)
        )
    );
    // 21. "wgux-intro-it", months (computed) 6 + 8 + 8 weeks = 5.1.
    assert_eq!(p("wgux-intro-it").months, Some(Amount::exact(5.1)));
    // 22. "uncordobax-service-management", months (computed) 17 weeks = 3.9.
    assert_eq!(
        p("uncordobax-service-management").months,
        Some(Amount::exact(3.9))
    );
    // 23. Degrees in the catalogue, "umich-mads": 38 credits at $1,161 / $1,548 (Conflicts: B).
    let mads = p("umich-mads");
    assert_eq!(
        (mads.credits, mads.cost),
        (Some(38.0), Some(Amount::range(44118.0, 58824.0)))
    );
    // 24. Degrees in the catalogue, "imperial-msc-ml-ds": 24 months, 90 ECTS.
    let imperial = p("imperial-msc-ml-ds");
    assert_eq!(
        (imperial.months, imperial.credits),
        (Some(Amount::exact(24.0)), Some(90.0))
    );
}

/// Spot checks of the programs release 3 adds, against the section "Programs missing from the
/// catalogue" of `catalog-facts-turn3.md`.
#[test]
fn added_programs_match_the_turn3_fact_sheet() {
    use micromasters::catalog::{Grants, Status};
    let catalog = builtin();
    let p = |id: &str| program(&catalog, id);
    let named = |id: &str, degree: &str, school: &str| described(&catalog, id, degree, school);
    // 25. Programs missing from the catalogue, "PennX Robotics": 4 courses toward Penn's MSE in
    //     Robotics; not in [CC-2023], so retired like the others with that evidence.
    let robotics = p("pennx-robotics");
    assert_eq!((robotics.courses, robotics.status), (Some(4), Status::Retired));
    named("pennx-robotics", "MSE in Robotics", "Pennsylvania");
    // 26. Missing, "USMx (UMGC) Bioinformatics": admission without application or testing.
    let bio = &p("usmx-bioinformatics").credit[0];
    assert_eq!(bio.grants, Grants::Admission);
    // 27. Missing, "IUx Accounting": 3 courses toward Kelley's MS in Accounting, suspended.
    assert_eq!(p("iux-accounting").courses, Some(3));
    // 28. Missing, "LouvainX International Law": four courses at US$150 ([EDX-DS]); no total.
    assert!(p("louvainx-international-law").cost.is_none());
    // 29. Missing, the five PurdueX programs of [CC-2023] with 6, 6, 6, 2 and 4 courses.
    let purdue: Vec<Option<u32>> = [
        "purduex-nanoscience",
        "purduex-structural-design",
        "purduex-materials-infrastructure",
        "purduex-reliability-design",
        "purduex-water-treatment",
    ]
    .iter()
    .map(|id| p(id).courses)
    .collect();
    assert_eq!(purdue, [Some(6), Some(6), Some(6), Some(2), Some(4)]);
    // 30. "michiganx-ux-research-design": the same status for the same evidence.
    assert_eq!(p("michiganx-ux-research-design").status, Status::Retired);
}

/// The rule of the audit of release 3: the 14 entries from MOOCoke's master's and MasterTrack
/// tables carry the day their rows were written, not a later edit to another table.
#[test]
fn no_entry_is_dated_by_a_later_edit_of_its_source() {
    let catalog = builtin();
    for p in &catalog.programs {
        let verified = p.verified.map(|d| d.to_string());
        if p.kind.is_degree() || p.id.ends_with("-mastertrack") {
            assert_ne!(verified.as_deref(), Some("2024-07-25"), "{}", p.id);
        }
    }
    {
        assert_eq!(
            catalog
                .program("umich-mads")
                .unwrap()
                .verified
                .map(|d| d.to_string())
                .as_deref(),
            Some("2022-04-08")
        );
    }
}
