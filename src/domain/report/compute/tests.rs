use super::*;
use crate::domain::checklist::Feature;
use crate::domain::lang::Bilingual;
use crate::domain::report::{Figure, FixTime, Value};
use crate::domain::site::Subtype;

const BUILDINGS: Uuid = Uuid::from_u128(1);
const CULTURE: Uuid = Uuid::from_u128(2);
const TOWN: Uuid = Uuid::from_u128(10);

fn day(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

/// A day long after every period of these tests.
const LATER: NaiveDate = NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date");

fn named(id: Uuid, code: &str) -> Named {
    Named {
        id,
        code: code.into(),
        name: Bilingual {
            vi: code.into(),
            en: code.into(),
        },
    }
}

fn site(
    n: u128,
    subtype: Subtype,
    department: Uuid,
    registered: &str,
    approved: &[&str],
) -> SiteFact {
    SiteFact {
        id: Uuid::from_u128(100 + n),
        kind: subtype.kind(),
        subtype,
        department,
        area: (n != 3).then_some(TOWN),
        registered: day(registered),
        approved: approved.iter().map(|d| day(d)).collect(),
    }
}

fn finding(
    site: u128,
    severity: Severity,
    feature: Feature,
    found: &str,
    due: Option<&str>,
    steps: &[(FindingState, &str)],
) -> FindingFact {
    FindingFact {
        site: Uuid::from_u128(100 + site),
        severity,
        feature,
        found: day(found),
        due: due.map(day),
        steps: steps.iter().map(|(s, d)| (*s, day(d))).collect(),
        budget_year: None,
        estimated_cost: None,
        actual_cost: None,
    }
}

/// Three sites across two half-years:
/// 1. a committee office (2020 deadline), registered in February, audited in March with a
///    missing ramp (critical, approach), a narrow door (major) and poor signs (minor); the
///    door fixed on 1 May and verified on 1 September, the ramp given up on 1 September,
///    the signs planned for 1 October and still open;
/// 2. a market (2025 deadline), registered in February, audited with no barrier in August;
/// 3. a museum (2020 deadline) of culture outside every area, registered in August.
fn facts() -> Facts {
    use FindingState::*;
    Facts {
        sites: vec![
            site(
                1,
                Subtype::PeopleCommittee,
                BUILDINGS,
                "2025-02-10",
                &["2025-03-01", "2025-09-01"],
            ),
            site(2, Subtype::Market, BUILDINGS, "2025-02-10", &["2025-08-01"]),
            site(3, Subtype::Museum, CULTURE, "2025-08-01", &[]),
        ],
        findings: vec![
            finding(
                1,
                Severity::Critical,
                Feature::Approach,
                "2025-03-01",
                None,
                &[(WontFix, "2025-09-01")],
            ),
            finding(
                1,
                Severity::Major,
                Feature::Entrance,
                "2025-03-01",
                None,
                &[(Fixed, "2025-05-01"), (Verified, "2025-09-01")],
            ),
            finding(
                1,
                Severity::Minor,
                Feature::Signage,
                "2025-03-01",
                Some("2025-10-01"),
                &[(Planned, "2025-07-15")],
            ),
        ],
        departments: vec![named(BUILDINGS, "construction"), named(CULTURE, "culture")],
        areas: vec![named(TOWN, "town")],
        ..Facts::default()
    }
}

fn second_half() -> Period {
    Period::new(day("2025-07-01"), day("2025-12-31")).expect("period")
}

#[test]
fn every_figure_of_a_known_half_year_and_the_one_before() {
    let r = compute(&facts(), Scope::default(), second_half(), LATER);
    assert_eq!(
        r.previous,
        Period::new(day("2025-01-01"), day("2025-06-30")).expect("p")
    );

    let t = &r.total;
    assert_eq!((t.registered, t.registered_in_period), (3, 1));
    assert_eq!((t.audited, t.audited_in_period), (2, 2));
    assert_eq!(t.coverage, Some(2.0 / 3.0));
    // Site 1 last audited 2025-09-01 (121 days before 31 December), site 2 on 2025-08-01
    // (152 days): the median of two is their mean.
    assert_eq!(t.median_age_days, Some(136.5));
    // Site 1: the ramp given up still stands, critical on the way in.
    assert_eq!(
        t.levels,
        Levels {
            accessible: 1,
            partly: 0,
            not_accessible: 1,
            unknown: 1
        }
    );
    assert_eq!((t.opened, t.fixed, t.verified, t.wont_fix), (0, 0, 1, 1));
    assert_eq!((t.open_at_end, t.overdue_at_end), (1, 1));

    let p = &r.total_previous;
    assert_eq!((p.registered, p.registered_in_period), (2, 2));
    assert_eq!((p.audited, p.audited_in_period), (1, 1));
    assert_eq!(p.coverage, Some(0.5));
    assert_eq!(p.median_age_days, Some(121.0), "1 March to 30 June");
    assert_eq!(
        p.levels,
        Levels {
            accessible: 0,
            partly: 0,
            not_accessible: 1,
            unknown: 1
        }
    );
    assert_eq!((p.opened, p.fixed, p.verified, p.wont_fix), (3, 1, 0, 0));
    assert_eq!(
        (p.open_at_end, p.overdue_at_end),
        (2, 0),
        "the door was fixed"
    );

    let major = &r.fix_times[1];
    assert_eq!(major.severity, Severity::Major);
    assert_eq!((major.fixed, major.median_days), (0, None));
    assert_eq!(
        (major.fixed_previous, major.median_days_previous),
        (1, Some(61.0))
    );

    let [d2020, d2025] = &r.deadlines[..] else {
        panic!("two deadlines: {:?}", r.deadlines)
    };
    assert_eq!(
        (d2020.deadline, d2020.passed, d2020.sites),
        (day("2020-01-01"), true, 2)
    );
    assert_eq!(
        d2020.levels.not_yet_accessible(),
        2,
        "the office and the museum"
    );
    assert_eq!((d2025.sites, d2025.levels.accessible), (1, 1), "the market");

    let [construction, culture] = &r.by_department[..] else {
        panic!("two departments")
    };
    assert_eq!(
        (
            construction.figures.registered,
            construction.figures.audited
        ),
        (2, 2)
    );
    assert_eq!(construction.figures.coverage, Some(1.0));
    assert_eq!(
        (culture.figures.registered, culture.figures.coverage),
        (1, Some(0.0))
    );
    assert_eq!(culture.figures.median_age_days, None);

    assert_eq!(r.by_area.len(), 2);
    assert_eq!(
        r.by_area[0].key.as_ref().map(|a| a.code.as_str()),
        Some("town")
    );
    assert_eq!(r.by_area[0].figures.registered, 2);
    assert_eq!(r.by_area[1].key, None, "outside every area comes last");
    let kinds: Vec<(SiteKind, u64)> = r
        .by_kind
        .iter()
        .map(|k| (k.key, k.figures.registered))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (SiteKind::PublicBuilding, 2),
            (SiteKind::TransportStop, 0),
            (SiteKind::CulturalSite, 1)
        ]
    );
}

#[test]
fn a_period_before_anything_was_registered_is_empty_and_divides_by_nothing() {
    let early = Period::new(day("2024-01-01"), day("2024-12-31")).expect("period");
    let r = compute(&facts(), Scope::default(), early, LATER);
    assert!(r.is_empty());
    assert_eq!(r.total.coverage, None);
    assert_eq!(r.total.median_age_days, None);
    assert!(r.fix_times.iter().all(|f| f.median_days.is_none()));
    assert_eq!(
        r.by_department.len(),
        2,
        "every department still has its row"
    );
    assert!(r.by_area.is_empty());
    assert!(r.deadlines.iter().all(|d| d.sites == 0));
}

#[test]
fn a_finding_fixed_twice_counts_its_days_to_the_fix_in_the_period() {
    use FindingState::*;
    let mut facts = facts();
    facts.findings = vec![finding(
        1,
        Severity::Critical,
        Feature::Approach,
        "2025-03-01",
        None,
        &[
            (Fixed, "2025-04-01"),
            (Reopened, "2025-08-01"),
            (Fixed, "2025-08-31"),
        ],
    )];
    let r = compute(&facts, Scope::default(), second_half(), LATER);
    assert_eq!(
        r.fix_times[0].median_days,
        Some(183.0),
        "1 March to 31 August"
    );
    assert_eq!(r.fix_times[0].median_days_previous, Some(31.0));
    assert_eq!(r.total.open_at_end, 0);
    assert_eq!(
        r.total.levels.not_accessible, 1,
        "fixed is not verified: it stands"
    );
}

#[test]
fn the_median_of_odd_and_even_counts() {
    assert_eq!(median(&mut []), None);
    assert_eq!(median(&mut [9, 1, 5]), Some(5.0));
    assert_eq!(median(&mut [4, 1, 3, 2]), Some(2.5));
}

#[test]
fn a_period_not_ended_yet_is_counted_up_to_today() {
    // On 15 September the signs are planned but not yet due; they become overdue on
    // 2 October, and the half-year's last day has not come.
    let today = day("2025-09-15");
    let r = compute(&facts(), Scope::default(), second_half(), today);
    assert_eq!(r.as_of, today);
    assert_eq!((r.total.open_at_end, r.total.overdue_at_end), (1, 0));
    // The office's audit of 1 September is 14 days old, the market's of 1 August 45.
    assert_eq!(r.total.median_age_days, Some(29.5));
    let r = compute(&facts(), Scope::default(), second_half(), day("2025-10-02"));
    assert_eq!(r.total.overdue_at_end, 1);
    assert_eq!(
        r.previous.to,
        day("2025-06-30"),
        "the previous period is whole"
    );
}

/// A count of `figures` by key.
fn count(figures: &Figures, figure: Figure) -> u64 {
    match figure.of(figures) {
        Value::Count(n) => n,
        other => panic!("{figure:?} is no count: {other:?}"),
    }
}

#[test]
fn each_group_has_its_fix_times_deadlines_and_previous_period_by_hand() {
    let r = compute(&facts(), Scope::default(), second_half(), LATER);
    let [construction, culture] = &r.by_department[..] else {
        panic!("two departments")
    };
    let due_2020 = Figure::DueBy(DEADLINES[0]);
    let not_yet_2020 = Figure::NotYetAccessibleBy(DEADLINES[0]);
    let due_2025 = Figure::DueBy(DEADLINES[1]);
    let not_yet_2025 = Figure::NotYetAccessibleBy(DEADLINES[1]);
    let deadlines = |f: &Figures| {
        [due_2020, not_yet_2020, due_2025, not_yet_2025].map(|figure| count(f, figure))
    };
    // Construction: the office (2020, the ramp stands) and the market (2025, accessible
    // since August; not audited yet on 30 June).
    assert_eq!(deadlines(&construction.figures), [1, 1, 1, 0]);
    assert_eq!(deadlines(&construction.previous), [1, 1, 1, 1]);
    // Culture: the museum (2020), registered in August, never audited.
    assert_eq!(deadlines(&culture.figures), [1, 1, 0, 0]);
    assert_eq!(deadlines(&culture.previous), [0, 0, 0, 0]);

    // The door, fixed on 1 May 61 days after it was found, belongs to construction's
    // previous period; nothing was fixed in the second half.
    let major = Severity::ALL
        .iter()
        .position(|s| *s == Severity::Major)
        .expect("major");
    assert_eq!(construction.figures.fix_times[major], FixTime::default());
    assert_eq!(
        construction.previous.fix_times[major],
        FixTime {
            fixed: 1,
            median_days: Some(61.0)
        }
    );
    assert_eq!(culture.previous.fix_times, [FixTime::default(); SEVERITIES]);
    assert_eq!(
        (
            construction.previous.registered,
            construction.previous.opened,
            construction.previous.open_at_end
        ),
        (2, 3, 2)
    );
    assert_eq!(culture.previous.registered, 0);

    let kind = |k: SiteKind| {
        r.by_kind
            .iter()
            .find(|row| row.key == k)
            .expect("every kind has its row")
    };
    let buildings = kind(SiteKind::PublicBuilding);
    assert_eq!(buildings.previous.fix_times[major].fixed, 1);
    assert_eq!(deadlines(&buildings.figures), [1, 1, 1, 0]);
    assert_eq!(
        deadlines(&kind(SiteKind::CulturalSite).figures),
        [1, 1, 0, 0]
    );
    let town = &r.by_area[0];
    assert_eq!(deadlines(&town.previous), [1, 1, 1, 1]);
    assert_eq!(town.previous.fix_times[major].median_days, Some(61.0));
}

#[test]
fn the_counts_of_every_grouping_add_up_to_the_total_in_both_periods() {
    use FindingState::*;
    let mut facts = facts();
    // More to add up: the market fails too, and a fix of each severity in each half.
    for (n, severity, fixed) in [
        (2, Severity::Critical, "2025-03-20"),
        (2, Severity::Minor, "2025-08-20"),
        (1, Severity::Critical, "2025-11-02"),
    ] {
        facts.findings.push(finding(
            n,
            severity,
            Feature::Toilet,
            "2025-03-01",
            None,
            &[(Fixed, fixed)],
        ));
    }
    let r = compute(&facts, Scope::default(), second_half(), LATER);
    let counts = Figure::all()
        .into_iter()
        .filter(|f| matches!(f.of(&r.total), Value::Count(_)));
    for figure in counts {
        for (total, of) in [
            (
                &r.total,
                (|row: &Row<_>| &row.figures) as fn(&Row<Named>) -> &Figures,
            ),
            (&r.total_previous, |row: &Row<_>| &row.previous),
        ] {
            let departments: u64 = r
                .by_department
                .iter()
                .map(|row| count(of(row), figure))
                .sum();
            assert_eq!(
                departments,
                count(total, figure),
                "{figure:?} by department"
            );
        }
        let areas: u64 = r
            .by_area
            .iter()
            .map(|row| count(&row.figures, figure))
            .sum();
        let kinds: u64 = r
            .by_kind
            .iter()
            .map(|row| count(&row.figures, figure))
            .sum();
        assert_eq!(
            (areas, kinds),
            (count(&r.total, figure), count(&r.total, figure))
        );
        let areas: u64 = r
            .by_area
            .iter()
            .map(|row| count(&row.previous, figure))
            .sum();
        let kinds: u64 = r
            .by_kind
            .iter()
            .map(|row| count(&row.previous, figure))
            .sum();
        let before = count(&r.total_previous, figure);
        assert_eq!((areas, kinds), (before, before), "{figure:?} before");
    }
    assert_eq!(r.total.fix_times.iter().map(|f| f.fixed).sum::<u64>(), 2);
    assert_eq!(
        r.total_previous
            .fix_times
            .iter()
            .map(|f| f.fixed)
            .sum::<u64>(),
        2
    );
}
