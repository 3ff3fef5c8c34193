use super::*;

#[test]
fn required_text_refuses_blank_and_too_long() {
    assert_eq!(required_text(Some("  "), 5), Err(Problem::Required));
    assert_eq!(required_text(None, 5), Err(Problem::Required));
    assert_eq!(
        required_text(Some("abcdef"), 5),
        Err(Problem::TooLong { max: 5 })
    );
    assert_eq!(required_text(Some(" ầbc "), 3), Ok("ầbc".to_owned()));
}

#[test]
fn control_characters_are_refused_in_one_line_texts() {
    for bad in ["a\u{0}b", "a\u{1b}[31mb", "two\nlines", "tab\there"] {
        assert_eq!(
            required_text(Some(bad), 50),
            Err(Problem::ControlCharacter),
            "{bad:?}"
        );
        assert_eq!(
            optional_text(Some(bad), 50),
            Err(Problem::ControlCharacter),
            "{bad:?}"
        );
    }
}

#[test]
fn multi_line_texts_keep_their_lines_and_refuse_other_control_characters() {
    assert_eq!(
        multi_line(Some(" one\r\n\ttwo "), 20),
        Ok(Some("one\r\n\ttwo".to_owned()))
    );
    assert_eq!(multi_line(Some("  "), 20), Ok(None));
    for bad in ["a\u{0}b", "a\u{1b}[31mb", "a\u{7f}", "a\u{85}b"] {
        assert_eq!(
            multi_line(Some(bad), 20),
            Err(Problem::ControlCharacter),
            "{bad:?}"
        );
    }
    assert_eq!(
        multi_line(Some(&"a".repeat(21)), 20),
        Err(Problem::TooLong { max: 20 })
    );
}

#[test]
fn field_errors_collect_every_problem() {
    let mut errors = FieldErrors::default();
    assert_eq!(errors.take("a", Ok::<_, Problem>(1)), Some(1));
    assert_eq!(errors.take::<i32>("b", Err(Problem::Required)), None);
    assert_eq!(errors.for_field("b"), Some(&Problem::Required));
    assert!(errors.into_result(|| ()).is_err());
}
