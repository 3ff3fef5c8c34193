//! One test per notation an inspector may type, and per way an answer is refused.

use super::*;
use crate::domain::checklist::{Checklist, Unit, fixtures};

fn text(s: &str) -> Entry {
    Entry::Text(s.to_owned())
}

fn mm(value: Entry, unit: Option<&str>) -> Result<f64, Problem> {
    measure(Unit::Mm, &value, unit)
}

#[test]
fn lengths_in_mm_cm_or_m_are_stored_in_the_items_unit() {
    assert_eq!(mm(Entry::Number(900.0), None), Ok(900.0));
    assert_eq!(mm(Entry::Number(900.0), Some("mm")), Ok(900.0));
    assert_eq!(mm(Entry::Number(90.0), Some("cm")), Ok(900.0));
    assert_eq!(mm(Entry::Number(0.9), Some("m")), Ok(900.0));
    assert_eq!(mm(text("90 cm"), None), Ok(900.0));
    assert_eq!(mm(text("0.9m"), None), Ok(900.0));
    assert_eq!(mm(text("1.25 M"), None), Ok(1250.0), "units ignore case");
    assert_eq!(
        measure(Unit::M, &Entry::Number(1500.0), Some("mm")),
        Ok(1.5)
    );
    assert_eq!(measure(Unit::M, &text("150cm"), None), Ok(1.5));
}

#[test]
fn a_decimal_comma_is_read_as_a_point() {
    assert_eq!(mm(text("0,9 m"), None), Ok(900.0));
    assert_eq!(mm(text("87,5"), Some("cm")), Ok(875.0));
    assert_eq!(mm(text("1.000,5"), None), Err(Problem::NotANumber));
}

#[test]
fn slopes_as_rise_over_run_fraction_or_per_cent() {
    let twelfth = 1.0 / 12.0;
    let near = |r: Result<f64, Problem>, want: f64| (r.expect("a slope") - want).abs() < 1e-6;
    assert!(near(measure(Unit::Ratio, &text("1:12"), None), twelfth));
    assert!(near(measure(Unit::Ratio, &text("1 : 20"), None), 0.05));
    assert!(near(measure(Unit::Ratio, &Entry::Number(0.05), None), 0.05));
    assert!(near(
        measure(Unit::Ratio, &Entry::Number(0.05), Some("ratio")),
        0.05
    ));
    assert!(near(measure(Unit::Ratio, &text("8.3%"), None), 0.083));
    assert!(near(
        measure(Unit::Ratio, &Entry::Number(5.0), Some("%")),
        0.05
    ));
    assert!(near(measure(Unit::Ratio, &text("5 percent"), None), 0.05));
    assert!(near(measure(Unit::Percent, &text("1:20"), None), 5.0));
    assert!(near(measure(Unit::Percent, &Entry::Number(5.0), None), 5.0));
}

#[test]
fn a_slope_written_as_a_bare_number_above_one_is_refused_not_guessed() {
    assert_eq!(
        measure(Unit::Ratio, &Entry::Number(8.0), None),
        Err(Problem::AboveCeiling {
            max: 1.0,
            unit: "ratio".into()
        })
    );
    assert_eq!(
        measure(Unit::Ratio, &text("1:0"), None),
        Err(Problem::NotANumber)
    );
}

#[test]
fn seconds_and_decibels_take_their_own_units() {
    assert_eq!(measure(Unit::Seconds, &text("20 s"), None), Ok(20.0));
    assert_eq!(
        measure(Unit::Seconds, &Entry::Number(5.0), Some("giây")),
        Ok(5.0)
    );
    assert_eq!(measure(Unit::DbAbove, &text("15 dB"), None), Ok(15.0));
    assert_eq!(
        measure(Unit::DbLevel, &Entry::Number(90.0), Some("dB(A)")),
        Ok(90.0)
    );
    for unit in [
        Unit::Mm,
        Unit::Percent,
        Unit::Seconds,
        Unit::DbLevel,
        Unit::DbAbove,
    ] {
        let name = serde_json::to_value(unit).expect("unit");
        let name = name.as_str().expect("a name");
        assert!(
            measure(unit, &Entry::Number(5.0), Some(name)).is_ok(),
            "the checklist's own name {name} is accepted"
        );
    }
    assert!(matches!(
        measure(Unit::Seconds, &Entry::Number(5.0), Some("mm")),
        Err(Problem::WrongUnit { .. })
    ));
}

#[test]
fn a_wrong_unit_names_the_units_that_fit() {
    assert_eq!(
        mm(Entry::Number(5.0), Some("kg")),
        Err(Problem::WrongUnit {
            given: "kg".into(),
            allowed: vec!["mm".into(), "cm".into(), "m".into()]
        })
    );
    assert!(matches!(
        mm(text("5 kg"), None),
        Err(Problem::WrongUnit { .. })
    ));
    assert!(matches!(
        mm(text("5%"), None),
        Err(Problem::WrongUnit { .. })
    ));
}

#[test]
fn a_unit_typed_in_the_value_wins_over_the_unit_chosen_beside_it() {
    assert_eq!(
        mm(text("85 cm"), Some("mm")),
        Ok(850.0),
        "the select left on mm"
    );
    assert_eq!(mm(text("0,9 m"), Some("cm")), Ok(900.0));
    assert_eq!(
        mm(text("85"), Some("cm")),
        Ok(850.0),
        "a bare number takes the select"
    );
    assert_eq!(
        mm(text("85 cm"), Some("kg")),
        Ok(850.0),
        "the select is not read then"
    );
    let twelfth = measure(Unit::Ratio, &text("1:12"), Some("%")).expect("a slope");
    assert!(
        (twelfth - 1.0 / 12.0).abs() < 1e-9,
        "1:12 is its own notation"
    );
    assert_eq!(mm(text("1:12"), None), Err(Problem::NotANumber));
}

#[test]
fn a_refusal_never_names_as_wrong_a_unit_it_lists_as_fitting() {
    let spellings = ["mm", "cm", "m", "ratio", "%", "s", "dB", "kg", ""];
    for &unit in Unit::ALL {
        for written in spellings {
            for chosen in spellings {
                let value = text(&format!("5 {written}"));
                if let Err(Problem::WrongUnit { given, allowed }) =
                    measure(unit, &value, Some(chosen))
                {
                    assert!(
                        !allowed.iter().any(|a| given.split(" / ").any(|g| g == a)),
                        "{unit:?}: \"5 {written}\" with {chosen:?} refused {given:?} listing {allowed:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn negative_text_and_beyond_the_ceiling_are_refused() {
    assert_eq!(mm(Entry::Number(-5.0), None), Err(Problem::Negative));
    assert_eq!(mm(text("-90 cm"), None), Err(Problem::Negative));
    assert_eq!(mm(text("wide"), None), Err(Problem::NotANumber));
    assert_eq!(mm(text("   "), None), Err(Problem::ValueNeeded));
    assert_eq!(mm(Entry::Number(f64::NAN), None), Err(Problem::NotANumber));
    assert_eq!(
        mm(Entry::Number(90_000.0), Some("cm")),
        Err(Problem::AboveCeiling {
            max: 100_000.0,
            unit: "mm".into()
        })
    );
}

fn checklist() -> Checklist {
    fixtures::checklist(fixtures::MEASURED)
}

fn input(item: &str) -> AnswerInput {
    AnswerInput {
        item: Some(item.to_owned()),
        ..AnswerInput::default()
    }
}

fn one(input: AnswerInput) -> Result<Change, FieldErrors> {
    read_batch(&checklist(), &[input]).map(|mut changes| changes.remove(0))
}

fn answered(change: Result<Change, FieldErrors>) -> ItemAnswer {
    match change {
        Ok(Change::Answer(a)) => a,
        other => panic!("expected an answer, got {other:?}"),
    }
}

fn refused(change: Result<Change, FieldErrors>, field: &str) -> Problem {
    let errors = change.expect_err("refused");
    errors
        .for_field(field)
        .cloned()
        .unwrap_or_else(|| panic!("{field} in {errors:?}"))
}

#[test]
fn a_measured_value_gets_its_result_from_the_threshold() {
    let narrow = answered(one(AnswerInput {
        value: Some(text("85 cm")),
        ..input("entrance.door")
    }));
    assert_eq!(
        (narrow.result, narrow.computed),
        (Outcome::Fail, Some(Outcome::Fail))
    );
    assert_eq!(narrow.value, Some(850.0));
    let wide = answered(one(AnswerInput {
        value: Some(Entry::Number(900.0)),
        ..input("entrance.door")
    }));
    assert_eq!(wide.result, Outcome::Pass, "the minimum itself passes");
    assert!(!wide.overridden());
}

#[test]
fn a_strict_bound_fails_at_the_bound_itself() {
    let at = |v: &str| {
        answered(one(AnswerInput {
            value: Some(text(v)),
            ..input("entrance.lift_door_time")
        }))
        .result
    };
    assert_eq!(at("20"), Outcome::Fail, "more than 20 s: exactly 20 fails");
    assert_eq!(at("20.5"), Outcome::Pass);
    assert_eq!(at("25"), Outcome::Pass);
    assert_eq!(at("19"), Outcome::Fail);
}

#[test]
fn a_tolerance_widens_the_range_by_its_amount_only() {
    let at = |v: f64| {
        answered(one(AnswerInput {
            value: Some(Entry::Number(v)),
            ..input("entrance.handrail")
        }))
        .result
    };
    assert_eq!(at(830.0), Outcome::Pass);
    assert_eq!(at(970.0), Outcome::Pass);
    assert_eq!(at(829.0), Outcome::Fail);
    assert_eq!(at(971.0), Outcome::Fail);
}

#[test]
fn overriding_a_computed_result_needs_a_note_and_is_marked() {
    let bare = AnswerInput {
        value: Some(Entry::Number(850.0)),
        result: Some("pass".into()),
        ..input("entrance.door")
    };
    assert_eq!(
        refused(one(bare.clone()), "entrance.door"),
        Problem::OverrideNeedsNote
    );
    let with_note = answered(one(AnswerInput {
        note: Some("Cửa hai cánh, mở cả hai được 1600 mm".into()),
        ..bare
    }));
    assert_eq!(with_note.result, Outcome::Pass);
    assert_eq!(with_note.computed, Some(Outcome::Fail));
    assert!(with_note.overridden());
}

#[test]
fn a_count_is_judged_by_its_table() {
    let count = |total: f64, provided: f64| {
        answered(one(AnswerInput {
            total: Some(Entry::Number(total)),
            provided: Some(Entry::Number(provided)),
            ..input("parking.spaces")
        }))
    };
    assert_eq!(count(120.0, 2.0).result, Outcome::Fail, "101 to 200 need 3");
    assert_eq!(count(120.0, 3.0).result, Outcome::Pass);
    assert_eq!(count(4.0, 0.0).result, Outcome::Pass);
    let c = count(50.0, 1.0);
    assert_eq!((c.total, c.provided), (Some(50), Some(1)));
}

#[test]
fn a_count_refuses_fractions_negatives_and_more_provided_than_there_are() {
    let count = |total: Entry, provided: Entry| {
        refused(
            one(AnswerInput {
                total: Some(total),
                provided: Some(provided),
                ..input("parking.spaces")
            }),
            "parking.spaces",
        )
    };
    assert_eq!(
        count(Entry::Number(10.5), Entry::Number(1.0)),
        Problem::NotWhole
    );
    assert_eq!(
        count(Entry::Number(10.0), Entry::Number(-1.0)),
        Problem::Negative
    );
    assert_eq!(count(text("ten"), Entry::Number(1.0)), Problem::NotANumber);
    assert_eq!(
        count(Entry::Number(3.0), Entry::Number(4.0)),
        Problem::ProvidedAboveTotal
    );
    assert_eq!(
        refused(
            one(AnswerInput {
                total: Some(Entry::Number(10.0)),
                ..input("parking.spaces")
            }),
            "parking.spaces"
        ),
        Problem::CountNeeded
    );
}

#[test]
fn not_applicable_only_where_the_checklist_allows_it() {
    let na = |item: &str| AnswerInput {
        result: Some("not_applicable".into()),
        ..input(item)
    };
    assert_eq!(
        answered(one(na("entrance.bell"))).result,
        Outcome::NotApplicable
    );
    assert_eq!(
        refused(one(na("entrance.ramp")), "entrance.ramp"),
        Problem::NotApplicableNotAllowed
    );
}

#[test]
fn a_whole_optional_section_is_marked_in_one_answer() {
    let section = |code: &str, result: &str| AnswerInput {
        section: Some(code.into()),
        result: Some(result.into()),
        ..AnswerInput::default()
    };
    assert_eq!(
        one(section("parking", "not_applicable")),
        Ok(Change::Section {
            code: "parking".into(),
            applies: false
        })
    );
    assert_eq!(
        one(section("parking", "applicable")),
        Ok(Change::Section {
            code: "parking".into(),
            applies: true
        })
    );
    assert_eq!(
        refused(one(section("entrance", "not_applicable")), "entrance"),
        Problem::SectionNotOptional
    );
    assert_eq!(
        refused(one(section("garden", "not_applicable")), "garden"),
        Problem::Unknown {
            given: "garden".into()
        }
    );
}

#[test]
fn an_alternative_needs_an_item_that_allows_one_and_a_note() {
    let alt = |item: &str, note: Option<&str>| AnswerInput {
        result: Some("alternative".into()),
        note: note.map(str::to_owned),
        ..input(item)
    };
    assert_eq!(
        refused(one(alt("entrance.ramp", None)), "entrance.ramp"),
        Problem::NoteNeeded
    );
    assert_eq!(
        answered(one(alt(
            "entrance.ramp",
            Some("Dốc di động cất ở phòng bảo vệ")
        )))
        .result,
        Outcome::Alternative
    );
    assert_eq!(
        refused(one(alt("entrance.bell", Some("x"))), "entrance.bell"),
        Problem::AlternativeNotAllowed
    );
}

#[test]
fn unknown_as_a_result_takes_the_answer_back() {
    assert_eq!(
        one(AnswerInput {
            result: Some("unknown".into()),
            ..input("entrance.door")
        }),
        Ok(Change::Clear {
            item: "entrance.door".into()
        })
    );
}

#[test]
fn a_batch_names_every_bad_answer_and_keeps_none_of_it() {
    let batch = [
        AnswerInput {
            value: Some(Entry::Number(950.0)),
            ..input("entrance.door")
        },
        AnswerInput {
            value: Some(Entry::Number(900.0)),
            unit: Some("kg".into()),
            ..input("entrance.handrail")
        },
        AnswerInput {
            result: Some("maybe".into()),
            ..input("entrance.ramp")
        },
        input("entrance.nothing"),
        AnswerInput {
            value: Some(Entry::Number(1.0)),
            result: Some("pass".into()),
            ..input("entrance.bell")
        },
        AnswerInput::default(),
        AnswerInput {
            value: Some(Entry::Number(950.0)),
            ..input("entrance.door")
        },
    ];
    let errors = read_batch(&checklist(), &batch).expect_err("refused");
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "entrance.handrail",
            "entrance.ramp",
            "entrance.nothing",
            "entrance.bell",
            "answers[5]",
            "entrance.door"
        ]
    );
    assert_eq!(
        errors.for_field("entrance.nothing"),
        Some(&Problem::Unknown {
            given: "entrance.nothing".into()
        })
    );
    assert_eq!(
        errors.for_field("entrance.door"),
        Some(&Problem::AnsweredTwice)
    );
    assert_eq!(
        errors.for_field("entrance.bell"),
        Some(&Problem::ValueNotExpected)
    );
}

#[test]
fn a_form_read_answer_by_answer_keeps_the_good_ones_and_names_only_the_bad() {
    let form = [
        AnswerInput {
            value: Some(text("85 cm")),
            unit: Some("mm".into()),
            ..input("entrance.door")
        },
        AnswerInput {
            value: Some(text("rộng")),
            ..input("entrance.handrail")
        },
        AnswerInput {
            result: Some("pass".into()),
            ..input("entrance.ramp")
        },
    ];
    let (changes, refused) = read_each(&checklist(), &form);
    let kept: Vec<&str> = changes
        .iter()
        .map(|c| match c {
            Change::Answer(a) => a.item.as_str(),
            other => panic!("an answer, not {other:?}"),
        })
        .collect();
    assert_eq!(kept, ["entrance.door", "entrance.ramp"]);
    assert_eq!(refused.0.len(), 1);
    assert_eq!(
        refused.for_field("entrance.handrail"),
        Some(&Problem::NotANumber)
    );
    assert!(
        read_batch(&checklist(), &form).is_err(),
        "the same answers as a batch keep nothing"
    );
}

#[test]
fn a_measured_item_without_a_value_or_a_yes_no_without_a_result_is_missing_its_part() {
    assert_eq!(
        refused(
            one(AnswerInput {
                result: Some("pass".into()),
                ..input("entrance.door")
            }),
            "entrance.door"
        ),
        Problem::ValueNeeded
    );
    assert_eq!(
        refused(one(input("entrance.ramp")), "entrance.ramp"),
        Problem::Required
    );
}

#[test]
fn notes_keep_line_breaks_and_refuse_other_control_characters() {
    let with = |note: &str| {
        one(AnswerInput {
            result: Some("fail".into()),
            note: Some(note.into()),
            ..input("entrance.ramp")
        })
    };
    assert_eq!(
        answered(with("Bậc cao 15 cm\nkhông có tay vịn"))
            .note
            .as_deref(),
        Some("Bậc cao 15 cm\nkhông có tay vịn")
    );
    assert_eq!(
        refused(with("a\u{0}b"), "entrance.ramp"),
        Problem::ControlCharacter
    );
}
