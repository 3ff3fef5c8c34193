//! Loader tests: each broken file is refused with the line and reason.

use super::*;
use crate::domain::checklist::{Answer, Unit};
use std::path::{Path, PathBuf};

const GOOD: &str = r#"
id = "demo"
version = 1
regulation = "QCVN 10:2024/BXD"
in_force = 2025-02-01
previous_edition = { name = "QCVN 10:2014/BXD", clause = "QCVN 10:2024/BXD 3.1" }
applies_to = ["public_building"]
subtypes = ["school"]
title = { vi = "Kiểm tra", en = "Check" }

[[section]]
code = "entrance"
title = { vi = "Lối vào", en = "Entrance" }

  [[section.item]]
  code = "entrance.door_width"
  text = { vi = "Chiều rộng cửa", en = "Door width" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "QCVN 10:2024/BXD 2.3.1"
  basis = "regulation"
  feature = "entrance"
  severity = "major"
  answer = { measure = "mm", min = 900 }
  guidance = { vi = "Đo bằng thước", en = "Measure with a tape" }
  photo = "on_fail"
  verified = true

  [[section.item]]
  code = "entrance.ramp_slope"
  text = { vi = "Độ dốc đường dốc", en = "Ramp slope" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "QCVN 10:2024/BXD 2.2.3"
  basis = "regulation"
  feature = "approach"
  severity = "major"
  answer = { measure = "ratio", max = "1:12" }
  guidance = { vi = "Đo bằng thước", en = "Measure with a tape" }
  photo = "always"
  verified = true

[[section]]
code = "lift"
title = { vi = "Thang máy", en = "Lift" }
optional = true
question = { vi = "Có thang máy không?", en = "Is there a lift?" }

  [[section.item]]
  code = "lift.present_buttons"
  text = { vi = "Nút bấm", en = "Buttons" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "QCVN 10:2024/BXD 2.4.4"
  basis = "regulation"
  feature = "lift"
  severity = "major"
  answer = { measure = "mm", min = 900, max = 1200 }
  guidance = { vi = "Đo bằng thước", en = "Measure with a tape" }
  photo = "on_fail"
  verified = true

  [[section.item]]
  code = "lift.braille"
  text = { vi = "Chữ nổi", en = "Braille" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "QCVN 10:2024/BXD 2.4.4"
  basis = "regulation"
  feature = "lift"
  severity = "minor"
  severity_reason = "Braille beside the buttons is an inconvenience; the buttons' height is not"
  answer = "yes_no"
  photo = "never"
  verified = true
  requires = "lift.present_buttons"

[[section]]
code = "parking"
title = { vi = "Chỗ đỗ xe", en = "Parking" }

  [[section.item]]
  code = "parking.count"
  text = { vi = "Số chỗ", en = "Spaces" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "QCVN 10:2024/BXD 2.1.1"
  basis = "regulation"
  feature = "parking"
  severity = "major"
  answer = { count = "table", total = { vi = "tổng", en = "all" }, provided = { vi = "có", en = "accessible" }, rows = [[5, 0], [50, 1]], over = { above = 50, required = 2, per = 50 } }
  guidance = { vi = "Đo bằng thước", en = "Measure with a tape" }
  photo = "on_fail"
  verified = true
  not_applicable = true

  [[section.item]]
  code = "parking.audio_guide"
  text = { vi = "Thuyết minh", en = "Audio guide" }
  clause = "Good practice"
  basis = "good_practice"
  feature = "visit"
  severity = "minor"
  answer = "yes_no"
  photo = "never"
  verified = false
  required = true
  alternative = { vi = "Người hướng dẫn", en = "A guide" }
"#;

fn errors_of(source: &str) -> Vec<ChecklistError> {
    parse(Path::new("x.toml"), source).expect_err("should be refused")
}

fn line_of(source: &str, needle: &str) -> usize {
    source[..source.find(needle).expect("needle present")]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn a_good_file_loads_with_ratio_as_fraction() {
    let checklist = parse(Path::new("x.toml"), GOOD).expect("valid");
    assert_eq!(checklist.items().count(), 6);
    let slope = &checklist.sections[0].items[1];
    assert_eq!(
        slope.answer,
        Answer::Measure {
            unit: Unit::Ratio,
            min: None,
            max: Some(1.0 / 12.0),
            tolerance: None,
            strict: false,
        }
    );
}

#[test]
fn duplicate_item_code_is_refused_with_its_line() {
    let bad = GOOD.replace("entrance.ramp_slope", "entrance.door_width");
    let errors = errors_of(&bad);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]
            .reason
            .contains("duplicate item code `entrance.door_width`")
    );
    let second = bad
        .rfind("code = \"entrance.door_width\"")
        .expect("present");
    assert_eq!(errors[0].line, bad[..second].matches('\n').count() + 1);
}

#[test]
fn missing_language_is_refused_with_its_line() {
    let bad = GOOD.replace(
        r#"{ vi = "Chiều rộng cửa", en = "Door width" }"#,
        r#"{ vi = "Chiều rộng cửa" }"#,
    );
    let errors = errors_of(&bad);
    assert!(
        errors[0].reason.contains("`en` language is missing"),
        "{errors:?}"
    );
    assert_eq!(errors[0].line, line_of(&bad, "Chiều rộng cửa"));
}

#[test]
fn unknown_unit_is_refused_with_its_line() {
    let bad = GOOD.replace(r#"measure = "mm""#, r#"measure = "inch""#);
    let errors = errors_of(&bad);
    assert!(
        errors[0].reason.contains("unknown unit `inch`"),
        "{errors:?}"
    );
    assert_eq!(errors[0].line, line_of(&bad, "inch"));
}

#[test]
fn threshold_of_the_wrong_type_is_refused() {
    let text = GOOD.replace("min = 900", r#"min = "900""#);
    assert!(
        errors_of(&text)[0]
            .reason
            .contains("must be a number in mm")
    );
    let ratio = GOOD.replace(r#"max = "1:12""#, "max = 12");
    let errors = errors_of(&ratio);
    assert!(errors[0].reason.contains("must be a ratio"), "{errors:?}");
    assert_eq!(errors[0].line, line_of(&ratio, "max = 12"));
}

#[test]
fn insane_thresholds_are_refused() {
    let huge = GOOD.replace("min = 900", "min = 900000");
    assert!(errors_of(&huge)[0].reason.contains("sane range"));
    let crossed = GOOD.replacen("min = 900 }", "min = 900, max = 800 }", 1);
    assert!(
        errors_of(&crossed)[0]
            .reason
            .contains("`min` must be below `max`")
    );
}

#[test]
fn unknown_keys_and_missing_fields_are_refused_with_a_line() {
    let extra = GOOD.replace(
        "verified = true\n\n",
        "verified = true\n  colour = \"red\"\n\n",
    );
    let errors = errors_of(&extra);
    assert!(errors[0].reason.contains("colour"), "{errors:?}");
    let missing = GOOD.replacen("  verified = true\n", "", 1);
    let errors = errors_of(&missing);
    assert!(errors[0].reason.contains("verified"), "{errors:?}");
    assert!(errors[0].line > 1);
}

#[test]
fn unknown_feature_and_severity_name_the_allowed_values() {
    let bad = GOOD.replacen(r#"severity = "major""#, r#"severity = "urgent""#, 1);
    let errors = errors_of(&bad);
    assert!(
        errors[0].reason.contains("critical, major, minor"),
        "{errors:?}"
    );
}

#[test]
fn broken_toml_syntax_names_the_line() {
    let bad = GOOD.replace("version = 1", "version = ");
    let errors = errors_of(&bad);
    assert_eq!(errors[0].line, line_of(&bad, "version = "));
}

#[test]
fn hash_ignores_comments_and_layout() {
    let a = parse(Path::new("a.toml"), GOOD).expect("valid");
    let b = parse(Path::new("b.toml"), &format!("# a comment\n{GOOD}\n\n")).expect("valid");
    assert_eq!(a.content_hash(), b.content_hash());
    let c = parse(Path::new("c.toml"), &GOOD.replace("min = 900", "min = 850")).expect("valid");
    assert_ne!(a.content_hash(), c.content_hash());
}

/// The one problem `source` has, checked to be on the line where `needle` is.
fn refused_at(source: &str, needle: &str, reason: &str) {
    assert_ne!(source, GOOD, "the example must break something");
    let errors = errors_of(source);
    assert!(
        errors
            .iter()
            .any(|e| e.reason.contains(reason) && e.line == line_of(source, needle)),
        "expected `{reason}` on line {} in {errors:?}",
        line_of(source, needle)
    );
}

#[test]
fn the_new_fields_are_read() {
    let checklist = parse(Path::new("x.toml"), GOOD).expect("valid");
    let lift = &checklist.sections[1];
    assert!(lift.optional());
    assert_eq!(
        lift.question.as_ref().map(|q| q.en.as_str()),
        Some("Is there a lift?")
    );
    let braille = checklist.item("lift.braille").expect("item");
    assert_eq!(braille.requires.as_deref(), Some("lift.present_buttons"));
    let count = checklist.item("parking.count").expect("item");
    assert!(count.not_applicable && count.can_be_finding());
    let Answer::Count(rule) = &count.answer else {
        panic!("a count")
    };
    assert_eq!(rule.requirement.required(51), 2);
    let advice = checklist.item("parking.audio_guide").expect("item");
    assert!(advice.required && !advice.can_be_finding());
    assert_eq!(
        advice.alternative.as_ref().map(|a| a.en.as_str()),
        Some("A guide")
    );
    assert_eq!(checklist.edition.in_force.to_string(), "2025-02-01");
    assert!(
        checklist
            .older_edition_for(chrono::NaiveDate::from_ymd_opt(2024, 12, 31))
            .is_some_and(|p| p.name == "QCVN 10:2014/BXD")
    );
    assert!(
        checklist
            .older_edition_for(chrono::NaiveDate::from_ymd_opt(2025, 2, 1))
            .is_none()
    );
    assert!(checklist.older_edition_for(None).is_none());
}

#[test]
fn an_optional_section_without_a_question_is_refused() {
    let bad = GOOD.replace(
        "question = { vi = \"Có thang máy không?\", en = \"Is there a lift?\" }\n",
        "",
    );
    refused_at(
        &bad,
        "optional = true",
        "is optional but asks no `question`",
    );
    let unmarked = GOOD.replace("optional = true\n", "");
    refused_at(
        &unmarked,
        "question = {",
        "has a question but is not `optional = true`",
    );
}

#[test]
fn an_item_both_required_and_not_applicable_is_refused() {
    let bad = GOOD.replace(
        "  required = true\n",
        "  required = true\n  not_applicable = true\n",
    );
    refused_at(
        &bad,
        "code = \"parking.audio_guide\"",
        "both `required` and `not_applicable`",
    );
}

#[test]
fn a_required_item_in_an_optional_section_is_refused() {
    let bad = GOOD.replace(
        "  requires = \"lift.present_buttons\"\n",
        "  requires = \"lift.present_buttons\"\n  required = true\n",
    );
    refused_at(
        &bad,
        "required = true\n\n[[section]]\ncode = \"parking\"",
        "is `required` but its section `lift` is optional",
    );
}

#[test]
fn requiring_a_missing_item_or_going_round_in_a_circle_is_refused() {
    let missing = GOOD.replace(
        "requires = \"lift.present_buttons\"",
        "requires = \"lift.nowhere\"",
    );
    refused_at(
        &missing,
        "requires = \"lift.nowhere\"",
        "requires `lift.nowhere`, which is not an item",
    );
    let circle = GOOD.replacen(
        "  photo = \"on_fail\"\n  verified = true\n\n  [[section.item]]\n  code = \"lift.braille\"",
        "  photo = \"on_fail\"\n  verified = true\n  requires = \"lift.braille\"\n\n  [[section.item]]\n  code = \"lift.braille\"",
        1,
    );
    refused_at(
        &circle,
        "requires = \"lift.braille\"",
        "in a circle: lift.present_buttons -> lift.braille -> lift.present_buttons",
    );
    let itself = GOOD.replace(
        "requires = \"lift.present_buttons\"",
        "requires = \"lift.braille\"",
    );
    refused_at(&itself, "requires = \"lift.braille\"", "requires itself");
}

#[test]
fn a_missing_or_unknown_basis_is_refused() {
    let unknown = GOOD.replacen("basis = \"regulation\"", "basis = \"custom\"", 1);
    refused_at(
        &unknown,
        "basis = \"custom\"",
        "unknown basis `custom` (allowed: regulation, standard, good_practice)",
    );
    let missing = GOOD.replacen("  basis = \"regulation\"\n", "", 1);
    assert!(errors_of(&missing)[0].reason.contains("basis"));
}

#[test]
fn a_count_table_must_rise_and_its_open_end_follow_it() {
    let falling = GOOD.replace("rows = [[5, 0], [50, 1]]", "rows = [[50, 1], [5, 0]]");
    refused_at(&falling, "rows = [[50", "rows must rise");
    let gap = GOOD.replace("over = { above = 50,", "over = { above = 60,");
    refused_at(
        &gap,
        "above = 60",
        "`over.above` must be the last total of the rows (50), not 60",
    );
    let old_reading = GOOD.replace("over = { above = 50,", "over = { from = 51,");
    refused_at(&old_reading, "from = 51", "`over.from` is no longer read");
    let rule = GOOD.replace("count = \"table\"", "count = \"ladder\"");
    refused_at(&rule, "count = \"ladder\"", "unknown count rule `ladder`");
    let share = GOOD.replace(
        "count = \"table\", total",
        "count = \"share\", percent = 150, total",
    );
    refused_at(
        &share,
        "percent = 150",
        "`percent` must be above 0 and at most 100",
    );
}

#[test]
fn a_tolerance_needs_the_clause_that_gives_it() {
    let bad = GOOD.replace(
        "min = 900, max = 1200 }",
        "min = 900, max = 1200, tolerance = 10 }",
    );
    refused_at(
        &bad,
        "tolerance = 10",
        "a tolerance is allowed only where the regulation gives one",
    );
    let good = GOOD.replace(
        "min = 900, max = 1200 }",
        "min = 900, max = 1200, tolerance = 10, tolerance_clause = \"QCVN X 1.2\" }",
    );
    let checklist = parse(Path::new("x.toml"), &good).expect("valid with its clause");
    assert!(matches!(
        &checklist.item("lift.present_buttons").expect("item").answer,
        Answer::Measure { tolerance: Some(t), .. } if t.amount == 10.0
    ));
}

#[test]
fn the_mixed_decibel_unit_is_refused_in_favour_of_level_or_difference() {
    let bad = GOOD.replacen(
        "measure = \"mm\", min = 900 }",
        "measure = \"db\", min = 15 }",
        1,
    );
    refused_at(
        &bad,
        "measure = \"db\"",
        "use `db_level` (a sound level) or `db_above`",
    );
}

#[test]
fn subtypes_must_belong_to_the_kinds_and_appear_once() {
    let wrong = GOOD.replace(
        "subtypes = [\"school\"]",
        "subtypes = [\"school\", \"museum\"]",
    );
    refused_at(&wrong, "subtypes", "subtype `museum` is not of the kinds");
    let twice = GOOD.replace(
        "subtypes = [\"school\"]",
        "subtypes = [\"school\", \"school\"]",
    );
    refused_at(&twice, "subtypes", "subtype `school` is listed twice");
    let date = GOOD.replace("in_force = 2025-02-01", "in_force = \"soon\"");
    assert!(!errors_of(&date).is_empty());
}

#[test]
fn each_subtype_has_exactly_one_checklist_across_the_folder() {
    let shipped = crate::domain::checklist::fixtures::shipped_dir();
    let mut files = crate::domain::checklist::fixtures::shipped_files();
    let set = |files: &[(PathBuf, String)]| {
        parse_set(
            shipped,
            files
                .iter()
                .map(|(p, t)| (p.clone(), Ok(t.clone())))
                .collect(),
        )
    };
    assert!(set(&files).is_ok(), "the shipped set is complete");
    let stop = files
        .iter()
        .position(|(p, _)| p.ends_with("transport-stop.toml"))
        .expect("stop file");
    let twice = files[stop].1.replace(
        "subtypes = [\"bus_stop\"]",
        "subtypes = [\"bus_stop\", \"rest_stop\"]",
    );
    let mut changed = files.clone();
    changed[stop].1 = twice.clone();
    let errors = set(&changed).expect_err("rest_stop twice");
    assert!(
        errors.iter().any(|e| e
            .reason
            .contains("subtype `rest_stop` is also given to checklist")
            && e.line == line_of(&twice, "subtypes")),
        "{errors:?}"
    );
    files.remove(stop);
    let errors = set(&files).expect_err("bus_stop has none");
    assert!(
        errors.iter().any(|e| e
            .reason
            .contains("no checklist is given these subtypes: bus_stop")),
        "{errors:?}"
    );
}

#[test]
fn a_gate_of_another_clause_is_refused_as_bundling_two_duties() {
    // The braille (2.4.4) gated on a counter point (2.5.1.2): failing the one hides the other.
    let bundled = GOOD.replacen(
        "  clause = \"QCVN 10:2024/BXD 2.4.4\"\n  basis = \"regulation\"\n  feature = \"lift\"\n  severity = \"major\"",
        "  clause = \"QCVN 10:2024/BXD 2.5.1.2\"\n  basis = \"regulation\"\n  feature = \"lift\"\n  severity = \"major\"",
        1,
    );
    refused_at(
        &bundled,
        "code = \"lift.braille\"",
        "is gated on `lift.present_buttons` (QCVN 10:2024/BXD 2.5.1.2): a gate of another clause bundles two duties",
    );
    let part_of = GOOD.replacen(
        "  clause = \"QCVN 10:2024/BXD 2.4.4\"\n  basis = \"regulation\"\n  feature = \"lift\"\n  severity = \"major\"",
        "  clause = \"QCVN 10:2024/BXD 2.4\"\n  basis = \"regulation\"\n  feature = \"lift\"\n  severity = \"major\"",
        1,
    );
    parse(Path::new("x.toml"), &part_of).expect("a clause and its part share");
}

#[test]
fn a_measured_or_sized_item_without_guidance_is_refused() {
    let measured = GOOD.replacen(
        "  guidance = { vi = \"Đo bằng thước\", en = \"Measure with a tape\" }\n",
        "",
        1,
    );
    refused_at(
        &measured,
        "code = \"entrance.door_width\"",
        "item `entrance.door_width` is measured or sized but has no `guidance`",
    );
    let sized = GOOD.replace(
        "text = { vi = \"Chữ nổi\", en = \"Braille\" }",
        "text = { vi = \"Khoảng trống 1400 x 1400 mm\", en = \"A clear space of 1400 x 1400 mm\" }",
    );
    refused_at(
        &sized,
        "code = \"lift.braille\"",
        "item `lift.braille` is measured or sized but has no `guidance`",
    );
}

#[test]
fn strict_bounds_are_read_and_cannot_be_mixed_with_inclusive_ones() {
    let strict = GOOD.replace(
        "answer = { measure = \"mm\", min = 900 }",
        "answer = { measure = \"seconds\", more_than = 20 }",
    );
    let checklist = parse(Path::new("x.toml"), &strict).expect("valid");
    assert!(matches!(
        checklist.item("entrance.door_width").expect("item").answer,
        Answer::Measure {
            min: Some(20.0),
            max: None,
            strict: true,
            ..
        }
    ));
    let mixed = GOOD.replace(
        "answer = { measure = \"mm\", min = 900 }",
        "answer = { measure = \"seconds\", more_than = 20, max = 60 }",
    );
    refused_at(
        &mixed,
        "more_than = 20",
        "bounds are either inclusive (`min`, `max`) or strict",
    );
}

/// A lift with a count of buttons, and braille asked where at least one has it.
fn counted_gate(when: &str) -> String {
    GOOD.replace(
        "answer = { measure = \"mm\", min = 900, max = 1200 }",
        "answer = { count = \"per\", per = 1, total = { vi = \"nút\", en = \"buttons\" }, provided = { vi = \"đúng\", en = \"right\" } }",
    )
    .replace(
        "requires = \"lift.present_buttons\"",
        &format!("requires = {{ item = \"lift.present_buttons\", when = \"{when}\" }}"),
    )
}

#[test]
fn a_gate_on_at_least_one_is_read_and_needs_a_count() {
    let checklist = parse(Path::new("x.toml"), &counted_gate("at_least_one")).expect("valid");
    let braille = checklist.item("lift.braille").expect("item");
    assert_eq!(braille.requires.as_deref(), Some("lift.present_buttons"));
    assert_eq!(
        braille.requires_when,
        crate::domain::checklist::Gate::AtLeastOne
    );
    let unknown = counted_gate("sometimes");
    refused_at(&unknown, "when = \"sometimes\"", "unknown `when`");
    let not_a_count = GOOD.replace(
        "requires = \"lift.present_buttons\"",
        "requires = { item = \"lift.present_buttons\", when = \"at_least_one\" }",
    );
    refused_at(
        &not_a_count,
        "code = \"lift.braille\"",
        "has at least one provided, but that item is not a count",
    );
}

#[test]
fn an_item_for_some_subtypes_names_only_the_checklists_subtypes() {
    let school = GOOD.replace(
        "  requires = \"lift.present_buttons\"\n",
        "  requires = \"lift.present_buttons\"\n  subtypes = [\"school\"]\n",
    );
    let checklist = parse(Path::new("x.toml"), &school).expect("valid");
    assert_eq!(
        checklist.item("lift.braille").expect("item").subtypes,
        [Subtype::School]
    );
    let hospital = GOOD.replace(
        "  requires = \"lift.present_buttons\"\n",
        "  requires = \"lift.present_buttons\"\n  subtypes = [\"hospital\"]\n",
    );
    refused_at(
        &hospital,
        "code = \"lift.braille\"",
        "is asked at subtype `hospital`, which this checklist does not serve",
    );
}

#[test]
fn items_of_one_clause_and_feature_in_two_files_need_one_severity_or_a_reason() {
    let other = GOOD
        .replace("id = \"demo\"", "id = \"other\"")
        .replace("subtypes = [\"school\"]", "subtypes = [\"university\"]")
        .replace("code = \"entrance.", "code = \"gate.")
        .replace("code = \"lift.", "code = \"other_lift.")
        .replace("code = \"parking.", "code = \"other_parking.")
        .replace("requires = \"lift.", "requires = \"other_lift.");
    let lighter = other.replacen("severity = \"major\"", "severity = \"minor\"", 1);
    let set = |second: &str| {
        parse_set(
            Path::new("dir"),
            vec![
                (PathBuf::from("a.toml"), Ok(GOOD.to_owned())),
                (PathBuf::from("b.toml"), Ok(second.to_owned())),
            ],
        )
    };
    let errors = set(&lighter).expect_err("two severities for one duty");
    assert!(
        errors.iter().any(|e| e.file == Path::new("b.toml")
            && e.line == line_of(&lighter, "code = \"gate.door_width\"")
            && e.reason.contains(&format!(
                "item `gate.door_width` is minor but `entrance.door_width` (a.toml:{}), of the same clause QCVN 10:2024/BXD 2.3.1 and feature `entrance`, is major",
                line_of(GOOD, "code = \"entrance.door_width\"")
            ))),
        "{errors:?}"
    );
    let explained = lighter.replacen(
        "severity = \"minor\"",
        "severity = \"minor\"\n  severity_reason = \"an inner door, not the way in\"",
        1,
    );
    let errors = set(&explained).err().unwrap_or_default();
    assert!(
        !errors.iter().any(|e| e.reason.contains("severity_reason")),
        "a stated reason is accepted: {errors:?}"
    );
}

#[test]
fn an_item_that_can_become_a_finding_needs_its_barrier_in_both_languages() {
    let checklist = parse(Path::new("x.toml"), GOOD).expect("valid");
    let door = checklist.item("entrance.door_width").expect("item");
    assert_eq!(
        door.barrier.as_ref().map(|b| b.en.as_str()),
        Some("Barrier")
    );
    let advice = checklist.item("parking.audio_guide").expect("item");
    assert!(!advice.can_be_finding() && advice.barrier.is_none());
    let without = GOOD.replacen(
        "  barrier = { vi = \"Rào cản\", en = \"Barrier\" }\n",
        "",
        1,
    );
    refused_at(
        &without,
        "code = \"entrance.door_width\"",
        "item `entrance.door_width` can become a finding but has no `barrier`",
    );
    let unverified = without.replacen("  verified = true\n", "  verified = false\n", 1);
    parse(Path::new("x.toml"), &unverified).expect("advice needs no barrier wording");
    let one_language = GOOD.replacen(
        "barrier = { vi = \"Rào cản\", en = \"Barrier\" }",
        "barrier = { vi = \"Rào cản\" }",
        1,
    );
    refused_at(
        &one_language,
        "barrier = { vi",
        "item `entrance.door_width` barrier: the `en` language is missing",
    );
}
