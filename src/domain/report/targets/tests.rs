use super::*;
use crate::domain::checklist::{Feature, Severity};
use crate::domain::lang::Bilingual;
use crate::domain::report::SiteFact;
use crate::domain::site::Subtype;

const DEPARTMENT: Uuid = Uuid::from_u128(1);
const TOWN: Uuid = Uuid::from_u128(10);
const WARD: Uuid = Uuid::from_u128(11);

fn day(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn site(
    n: u128,
    subtype: Subtype,
    area: Option<Uuid>,
    registered: &str,
    approved: &[&str],
) -> SiteFact {
    SiteFact {
        id: Uuid::from_u128(100 + n),
        kind: subtype.kind(),
        subtype,
        department: DEPARTMENT,
        area,
        registered: day(registered),
        approved: approved.iter().map(|d| day(d)).collect(),
    }
}

fn finding(
    site: u128,
    severity: Severity,
    feature: Feature,
    steps: &[(FindingState, &str)],
) -> FindingFact {
    FindingFact {
        site: Uuid::from_u128(100 + site),
        severity,
        feature,
        found: day("2026-03-01"),
        due: None,
        steps: steps.iter().map(|(s, d)| (*s, day(d))).collect(),
        budget_year: None,
        estimated_cost: None,
        actual_cost: None,
    }
}

/// Four sites on 2 July 2026, half way through the year:
/// 1. an office in the town, audited, no barrier: accessible;
/// 2. an office in a ward inside the town, audited, a missing ramp open: not accessible;
/// 3. a bus stop in the town, never audited;
/// 4. an office outside every area, audited, a minor sign fixed in April: accessible.
fn facts() -> Facts {
    Facts {
        sites: vec![
            site(
                1,
                Subtype::PeopleCommittee,
                Some(TOWN),
                "2026-01-10",
                &["2026-03-01"],
            ),
            site(
                2,
                Subtype::StateOffice,
                Some(WARD),
                "2026-02-01",
                &["2026-03-01"],
            ),
            site(3, Subtype::BusStop, Some(TOWN), "2026-01-05", &[]),
            site(4, Subtype::Hospital, None, "2026-01-01", &["2026-03-01"]),
            // Registered after the day counted: in no figure.
            site(
                5,
                Subtype::Hospital,
                Some(TOWN),
                "2026-08-01",
                &["2026-08-02"],
            ),
        ],
        findings: vec![
            finding(2, Severity::Critical, Feature::Approach, &[]),
            finding(
                4,
                Severity::Minor,
                Feature::Signage,
                &[(FindingState::Fixed, "2026-04-01")],
            ),
        ],
        ..Facts::default()
    }
}

fn target(measure: Measure, kind: Option<SiteKind>, areas: &[Uuid], share: f64) -> TargetFact {
    TargetFact {
        id: Uuid::now_v7(),
        year: 2026,
        measure,
        kind,
        area: areas.first().map(|id| Named {
            id: *id,
            code: "town".into(),
            name: Bilingual {
                vi: "Thị trấn".into(),
                en: "Thị trấn".into(),
            },
        }),
        areas: areas.to_vec(),
        share,
        by: day("2026-12-31"),
        programme: "Kế hoạch 2020".into(),
    }
}

#[test]
fn each_target_is_held_against_the_hand_counted_figure_and_a_steady_pace() {
    let targets = [
        // 3 of 4 sites audited: 75 % of 80 %, more than the 40 % a steady pace reaches.
        target(Measure::Audited, None, &[], 0.8),
        // The town with its ward: offices 1 and 2, one accessible: 50 % reached.
        target(
            Measure::Accessible,
            Some(SiteKind::PublicBuilding),
            &[TOWN, WARD],
            0.5,
        ),
        // 1 of 2 findings fixed: 50 % of 90 %, ahead of the 45 % of a steady pace.
        target(Measure::Fixed, None, &[], 0.9),
        // The bus stop not audited: 0 % of 100 %, behind the 50 % of a steady pace.
        target(Measure::Audited, Some(SiteKind::TransportStop), &[], 1.0),
        // No cultural site at all.
        target(Measure::Audited, Some(SiteKind::CulturalSite), &[], 1.0),
    ];
    let got = progress(&facts(), &targets, day("2026-07-02"));
    let seen: Vec<(u64, u64, Standing)> =
        got.iter().map(|p| (p.counted, p.of, p.standing)).collect();
    assert_eq!(
        seen,
        [
            (3, 4, Standing::OnTrack),
            (1, 2, Standing::Reached),
            (1, 2, Standing::OnTrack),
            (0, 1, Standing::Behind),
            (0, 0, Standing::NoData),
        ]
    );
    assert_eq!(got[0].actual, Some(0.75));
    assert!((got[0].expected - 0.4).abs() < 1e-9, "{}", got[0].expected);
    assert!((got[3].expected - 0.5).abs() < 1e-9, "{}", got[3].expected);
    assert_eq!(got[4].actual, None);
}

#[test]
fn a_target_whose_day_passed_unreached_is_missed_and_one_reached_stays_reached() {
    let mut late = target(Measure::Audited, None, &[], 1.0);
    late.by = day("2026-06-30");
    let mut done = target(Measure::Audited, None, &[], 0.7);
    done.by = day("2026-06-30");
    let got = progress(&facts(), &[late, done], day("2026-07-02"));
    assert_eq!(got[0].standing, Standing::Missed);
    assert_eq!(got[0].expected, 1.0);
    assert_eq!(got[1].standing, Standing::Reached);
}
