#![cfg(test)]
//! The shipped checklists read as the regulation reads: every table at every row boundary,
//! one reading for every open end, the share of accessible patient rooms by subtype, the
//! strict lift door time, the either-or of a projecting obstacle, and the details of a
//! quota asked of what exists.

use super::fixtures::shipped;
use super::{Answer, Checklist, Gate, Item, Requirement};
use crate::domain::audit::Outcome;
use crate::domain::audit::answer::{AnswerInput, Change, Entry, read_batch};
use crate::domain::site::Subtype;

fn item<'a>(checklists: &'a [Checklist], code: &str) -> &'a Item {
    checklists
        .iter()
        .find_map(|c| c.item(code))
        .unwrap_or_else(|| panic!("no shipped item `{code}`"))
}

fn requirement<'a>(checklists: &'a [Checklist], code: &str) -> &'a Requirement {
    match &item(checklists, code).answer {
        Answer::Count(count) => &count.requirement,
        other => panic!("`{code}` is not a count: {other:?}"),
    }
}

fn required_at(requirement: &Requirement, expected: &[(u32, u32)], what: &str) {
    for (total, required) in expected {
        assert_eq!(
            requirement.required(*total),
            *required,
            "{what}: {total} in all"
        );
    }
}

#[test]
fn the_shipped_tables_are_read_one_way_at_every_boundary() {
    let all = shipped();
    // QCVN 10:2024/BXD Table 1: over 200, 5 plus 1 per further 100.
    required_at(
        requirement(&all, "parking.accessible_spaces_count"),
        &[
            (5, 0),
            (6, 1),
            (50, 1),
            (51, 2),
            (100, 2),
            (101, 3),
            (150, 3),
            (151, 4),
            (200, 4),
            (201, 5),
            (299, 5),
            (300, 6),
            (400, 7),
        ],
        "parking",
    );
    // Table 2: over 600, 6 plus 1 per further 200, in both files that seat people.
    for code in [
        "seating.wheelchair_spaces_count",
        "site_auditorium.wheelchair_spaces_count",
    ] {
        required_at(
            requirement(&all, code),
            &[
                (1, 1),
                (30, 1),
                (31, 2),
                (50, 2),
                (51, 3),
                (100, 3),
                (101, 5),
                (300, 5),
                (301, 6),
                (600, 6),
                (601, 6),
                (799, 6),
                (800, 7),
                (999, 7),
                (1000, 8),
            ],
            code,
        );
    }
    // 2.5.4: up to 100 rooms 5 %, at least 1; over 100, one more per further 50.
    required_at(
        requirement(&all, "hotel.accessible_rooms"),
        &[
            (1, 1),
            (20, 1),
            (21, 2),
            (100, 5),
            (101, 5),
            (149, 5),
            (150, 6),
            (199, 6),
            (200, 7),
        ],
        "hotel rooms",
    );
    // 2.5.5: one accessible urinal per 6, or part of 6.
    required_at(
        requirement(&all, "toilet.accessible_urinals"),
        &[(1, 1), (6, 1), (7, 2), (12, 2), (13, 3)],
        "urinals",
    );
}

#[test]
fn the_share_of_accessible_patient_rooms_follows_the_subtype() {
    let all = shipped();
    let public = all
        .iter()
        .find(|c| c.id == "public-building")
        .expect("public-building");
    let shares = |subtype: Subtype| -> Vec<u32> {
        public
            .asked_at(subtype)
            .items()
            .filter(|i| i.clause.contains("2.5.3"))
            .filter_map(|i| match &i.answer {
                Answer::Count(count) => Some(count.requirement.required(20)),
                _ => None,
            })
            .collect()
    };
    assert_eq!(shares(Subtype::Hospital), [2], "10 % of 20 rooms");
    assert_eq!(shares(Subtype::HealthStation), [2], "10 % of 20 rooms");
    assert_eq!(shares(Subtype::RehabilitationCentre), [20], "every room");
    assert_eq!(shares(Subtype::NursingCentre), [10], "half the rooms");
    assert_eq!(
        shares(Subtype::School),
        Vec::<u32>::new(),
        "no patient rooms"
    );
}

/// The result `value` gets for `code`, read as the inspector types it.
fn result_of(checklists: &[Checklist], code: &str, value: &str) -> Outcome {
    let checklist = checklists
        .iter()
        .find(|c| c.item(code).is_some())
        .expect("checklist");
    let input = AnswerInput {
        item: Some(code.to_owned()),
        value: Some(Entry::Text(value.to_owned())),
        ..AnswerInput::default()
    };
    match read_batch(checklist, &[input])
        .expect("a valid answer")
        .remove(0)
    {
        Change::Answer(answer) => answer.result,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_lift_door_open_for_exactly_twenty_seconds_fails() {
    let all = shipped();
    for code in [
        "lift.door_open_time",
        "station_lift.door_open_time",
        "site_lift.door_open_time",
    ] {
        assert_eq!(
            result_of(&all, code, "20"),
            Outcome::Fail,
            "{code}: over 20 s"
        );
        assert_eq!(result_of(&all, code, "21"), Outcome::Pass, "{code}");
    }
}

#[test]
fn a_wall_box_at_1500_mm_projecting_80_mm_passes_and_one_projecting_150_mm_fails() {
    let all = shipped();
    for code in [
        "site_paths.projecting_obstacle",
        "site_approach.projecting_obstacle",
        "stop_walk.projecting_obstacle",
    ] {
        let obstacle = item(&all, code);
        assert!(
            obstacle.not_applicable,
            "{code}: a path with no such object"
        );
        assert_eq!(result_of(&all, code, "80 mm"), Outcome::Pass, "{code}");
        assert_eq!(result_of(&all, code, "100"), Outcome::Pass, "{code}");
        assert_eq!(result_of(&all, code, "15 cm"), Outcome::Fail, "{code}");
    }
}

#[test]
fn every_detail_of_a_quota_is_asked_when_at_least_one_is_provided() {
    let all = shipped();
    let mut details = 0;
    for checklist in &all {
        for item in checklist.items() {
            let Some(gate) = item.requires.as_deref().and_then(|g| checklist.item(g)) else {
                continue;
            };
            if matches!(gate.answer, Answer::Count(_)) {
                details += 1;
                assert_eq!(
                    item.requires_when,
                    Gate::AtLeastOne,
                    "`{}` hides the rooms that exist when `{}` is one short",
                    item.code,
                    gate.code
                );
            }
        }
    }
    assert!(
        details >= 6,
        "hotel, health, seating, auditorium, urinals: {details}"
    );
}
