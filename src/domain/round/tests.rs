use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("a time")
        .with_timezone(&Utc)
}

const TODAY: &str = "2025-10-02";

fn input<'a>(from: &'a str, to: &'a str, due: &'a str) -> RoundInput<'a> {
    RoundInput {
        title: Some("Báo cáo quý III"),
        kind: Some("periodic"),
        period_from: Some(from),
        period_to: Some(to),
        due_on: Some(due),
    }
}

fn fields(e: &FieldErrors) -> Vec<(&str, &Problem)> {
    e.0.iter().map(|e| (e.field.as_str(), &e.problem)).collect()
}

#[test]
fn a_quarter_due_next_week_is_opened_for_the_departments_asked() {
    let asked = vec![Uuid::from_u128(1), Uuid::from_u128(2)];
    let round = NewRound::parse(
        &input("2025-07-01", "2025-09-30", "2025-10-10"),
        asked.clone(),
        day(TODAY),
        FieldErrors::default(),
    )
    .expect("valid");
    assert_eq!(round.period.from, day("2025-07-01"));
    assert_eq!(round.period.to, day("2025-09-30"));
    assert_eq!(round.due_on, day("2025-10-10"));
    assert_eq!(round.kind, RoundKind::Periodic);
    assert_eq!(round.departments, asked);
}

#[test]
fn a_due_date_of_today_is_on_time_and_yesterday_is_refused() {
    let ok = NewRound::parse(
        &input("2025-07-01", "2025-09-30", TODAY),
        vec![Uuid::from_u128(1)],
        day(TODAY),
        FieldErrors::default(),
    );
    assert!(ok.is_ok(), "{ok:?}");
    let refused = NewRound::parse(
        &input("2025-07-01", "2025-09-30", "2025-10-01"),
        vec![Uuid::from_u128(1)],
        day(TODAY),
        FieldErrors::default(),
    )
    .expect_err("in the past");
    assert_eq!(
        fields(&refused),
        vec![(
            "due_on",
            &Problem::DateInPast {
                today: TODAY.into()
            }
        )]
    );
}

#[test]
fn every_wrong_field_is_named_at_once() {
    let typed = RoundInput {
        title: Some("  "),
        kind: Some("monthly"),
        period_from: Some("2025-09-30"),
        period_to: Some("2025-07-01"),
        due_on: Some("10/10/2025"),
    };
    let refused = NewRound::parse(&typed, Vec::new(), day(TODAY), FieldErrors::default())
        .expect_err("all wrong");
    let named: Vec<&str> = refused.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        named,
        vec!["title", "kind", "period_to", "due_on", "departments"]
    );
    assert_eq!(
        fields(&refused)[2].1,
        &Problem::EndBeforeStart {
            from: "2025-09-30".into()
        }
    );
    assert_eq!(
        fields(&refused)[3].1,
        &Problem::NotADate {
            given: "10/10/2025".into()
        }
    );
}

#[test]
fn interim_and_final_reviews_are_rounds_over_longer_periods() {
    for (kind, want) in [("interim", RoundKind::Interim), ("final", RoundKind::Final)] {
        let typed = RoundInput {
            kind: Some(kind),
            ..input("2021-01-01", "2025-09-30", "2025-12-31")
        };
        let round = NewRound::parse(
            &typed,
            vec![Uuid::from_u128(1)],
            day(TODAY),
            FieldErrors::default(),
        )
        .expect("valid");
        assert_eq!(round.kind, want);
        assert_eq!(round.period.days(), 365 * 4 + 1 + 273);
    }
}

fn part(state: PartState) -> Part {
    Part {
        round: Uuid::from_u128(9),
        department: Uuid::from_u128(1),
        state,
        sections: Sections::default(),
        comment: None,
        submitted_at: None,
        decided_at: None,
        version: 1,
    }
}

fn written() -> Sections {
    Sections::parse(
        Some("Đã kiểm tra 12 công trình."),
        Some("Thiếu kinh phí."),
        Some("Bổ sung kinh phí năm 2026."),
    )
    .expect("valid")
}

#[test]
fn a_part_goes_from_draft_to_submitted_to_returned_and_back_to_accepted() {
    let now = at("2025-10-05T03:00:00Z");
    let draft = part(PartState::Pending).save(written()).expect("saved");
    assert_eq!(draft.state, PartState::Draft);
    let sent = draft.submit(written(), now).expect("sent");
    assert_eq!(sent.state, PartState::Submitted);
    assert_eq!(sent.submitted_at, Some(now));
    let returned = sent
        .decide(
            Decision::Return {
                comment: "Thêm số liệu".into(),
            },
            now,
        )
        .expect("returned");
    assert_eq!(returned.state, PartState::Returned);
    assert_eq!(returned.comment.as_deref(), Some("Thêm số liệu"));
    let edited = returned.save(written()).expect("edited");
    assert_eq!(
        edited.state,
        PartState::Returned,
        "the comment stays in view"
    );
    let again = edited.submit(written(), now).expect("sent again");
    let accepted = again.decide(Decision::Accept, now).expect("accepted");
    assert_eq!(accepted.state, PartState::Accepted);
}

#[test]
fn an_accepted_part_is_neither_edited_nor_sent_and_a_sent_one_waits() {
    let now = at("2025-10-05T03:00:00Z");
    let accepted = part(PartState::Accepted);
    assert_eq!(accepted.save(written()), Err(NotNow::Accepted));
    assert_eq!(
        accepted.submit(written(), now),
        Err(Refusal::NotNow(NotNow::Accepted))
    );
    let sent = part(PartState::Submitted);
    assert_eq!(sent.save(written()), Err(NotNow::Submitted));
    for state in [PartState::Pending, PartState::Draft, PartState::Returned] {
        assert_eq!(
            part(state).decide(Decision::Accept, now),
            Err(NotNow::NotSubmitted(state))
        );
    }
}

#[test]
fn a_part_is_sent_only_with_every_section_written() {
    let half = Sections::parse(Some("Kết quả"), Some(" "), None).expect("a draft");
    let refused = part(PartState::Draft)
        .submit(half, at("2025-10-05T03:00:00Z"))
        .expect_err("blank sections");
    let Refusal::Invalid(errors) = refused else {
        panic!("{refused:?}")
    };
    let named: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(named, vec!["difficulties", "proposals"]);
}

#[test]
fn a_return_needs_a_comment_and_a_decision_is_one_of_two() {
    assert_eq!(
        Decision::parse(Some("return"), Some("  ")),
        Err(FieldErrors::single("comment", Problem::Required))
    );
    assert_eq!(Decision::parse(Some("accept"), None), Ok(Decision::Accept));
    assert!(Decision::parse(Some("approve"), None).is_err());
}

#[test]
fn late_is_sent_after_the_due_date_or_not_sent_when_it_has_passed() {
    let due = day("2025-10-10");
    let sent = part(PartState::Submitted);
    assert!(!sent.is_late(due, Some(day("2025-10-10")), day("2025-10-20")));
    assert!(sent.is_late(due, Some(day("2025-10-11")), day("2025-10-20")));
    let draft = part(PartState::Draft);
    assert!(!draft.is_late(due, None, day("2025-10-10")));
    assert!(draft.is_late(due, None, day("2025-10-11")));
    // Returned and not yet sent again, past the due date: late.
    let returned = part(PartState::Returned);
    assert!(returned.is_late(due, Some(day("2025-10-09")), day("2025-10-11")));
}
