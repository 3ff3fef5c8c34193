//! Loader tests: each broken file is refused with the line and reason.

use super::*;
use crate::domain::checklist::{Answer, Unit};

const GOOD: &str = r#"
id = "demo"
version = 1
regulation = "QCVN 10:2024/BXD"
applies_to = ["public_building"]
title = { vi = "Kiểm tra", en = "Check" }

[[section]]
code = "entrance"
title = { vi = "Lối vào", en = "Entrance" }

  [[section.item]]
  code = "entrance.door_width"
  text = { vi = "Chiều rộng cửa", en = "Door width" }
  clause = "QCVN 10:2024/BXD 2.3.1"
  feature = "entrance"
  severity = "critical"
  answer = { measure = "mm", min = 900 }
  photo = "on_fail"
  verified = true

  [[section.item]]
  code = "entrance.ramp_slope"
  text = { vi = "Độ dốc đường dốc", en = "Ramp slope" }
  clause = "QCVN 10:2024/BXD 2.2.3"
  feature = "approach"
  severity = "critical"
  answer = { measure = "ratio", max = "1:12" }
  photo = "always"
  verified = true
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
    assert_eq!(checklist.items().count(), 2);
    let slope = &checklist.sections[0].items[1];
    assert_eq!(
        slope.answer,
        Answer::Measure {
            unit: Unit::Ratio,
            min: None,
            max: Some(1.0 / 12.0)
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
    let crossed = GOOD.replace("min = 900", "min = 900, max = 800");
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
    let bad = GOOD.replacen(r#"severity = "critical""#, r#"severity = "urgent""#, 1);
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
