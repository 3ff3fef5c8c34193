use super::*;
use FindingState::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date")
}

/// A request to `to` with everything any step could need.
fn complete(to: FindingState) -> Request {
    Request {
        to,
        comment: Some("Ramp rebuilt at 1:14".into()),
        due_date: Some(today()),
        reason: Some("Protected heritage gate".into()),
        after_photos: 1,
    }
}

fn by_hand(from: FindingState, request: &Request) -> Result<Step, Refused> {
    transition(
        from,
        Cause::Hand {
            request,
            today: today(),
        },
    )
}

/// What the rules say for every state and every target, asked by hand with every field
/// given: `M` a reviewer's step (manage), `F` a step an inspector may take too (fixed),
/// `A` only by audit, `O` never by hand (open), `C` closed (verified), `-` no such step.
#[test]
fn every_state_and_target_by_hand_follows_the_table() {
    let targets = [
        Open, Planned, InProgress, Fixed, Verified, WontFix, Reopened,
    ];
    #[rustfmt::skip]
    let table: [(FindingState, &str); 7] = [
        // to:       open planned in_progress fixed verified wont_fix reopened
        (Open,       "O M M F A M -"),
        (Planned,    "O M M F A M -"),
        (InProgress, "O M - F A M -"),
        (Fixed,      "O - - - A - M"),
        (Verified,   "C C C C C C C"),
        (WontFix,    "O - - - A - M"),
        (Reopened,   "O M M F A M -"),
    ];
    assert_eq!(
        table.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        FindingState::ALL.to_vec(),
        "the table lists every state"
    );
    assert_eq!(targets.to_vec(), FindingState::ALL.to_vec());
    for (from, row) in table {
        for (to, expected) in targets.iter().zip(row.split(' ')) {
            let got = by_hand(from, &complete(*to));
            let want = match expected {
                "M" => Ok(Step {
                    to: *to,
                    needs: Some(Action::ManageFindings),
                }),
                "F" => Ok(Step {
                    to: *to,
                    needs: Some(Action::FixFindings),
                }),
                "A" => Err(Refused::OnlyByAudit),
                "O" => Err(Refused::NotByHand),
                "C" => Err(Refused::Closed),
                "-" => Err(Refused::NotFrom { from, to: *to }),
                other => panic!("unknown mark {other}"),
            };
            assert_eq!(got, want, "{from:?} -> {to:?}");
        }
    }
}

/// What a later approved audit does to a finding in every state, for a pass and a
/// fail, filled by the person who marked it fixed or by someone else. A barrier that
/// was not to be fixed and is found passing is gone, so it is verified too.
#[test]
fn every_state_after_an_audit_follows_the_table() {
    // (from, pass by another, pass by the fixer, fail)
    #[rustfmt::skip]
    let table = [
        (Open,       Ok(Verified), Err(Refused::SamePerson), Err(Refused::Unchanged)),
        (Planned,    Ok(Verified), Err(Refused::SamePerson), Err(Refused::Unchanged)),
        (InProgress, Ok(Verified), Err(Refused::SamePerson), Err(Refused::Unchanged)),
        (Fixed,      Ok(Verified), Err(Refused::SamePerson), Ok(Reopened)),
        (Verified,   Err(Refused::Unchanged), Err(Refused::Unchanged), Err(Refused::Unchanged)),
        (WontFix,    Ok(Verified), Err(Refused::SamePerson), Err(Refused::Unchanged)),
        (Reopened,   Ok(Verified), Err(Refused::SamePerson), Err(Refused::Unchanged)),
    ];
    assert_eq!(
        table.iter().map(|r| r.0).collect::<Vec<_>>(),
        FindingState::ALL.to_vec()
    );
    let step = |to| Step { to, needs: None };
    for (from, other, fixer, fail) in table {
        let audit = |passed, by_fixer| transition(from, Cause::Audit { passed, by_fixer });
        assert_eq!(audit(true, false), other.map(step), "{from:?}, pass");
        assert_eq!(
            audit(true, true),
            fixer.map(step),
            "{from:?}, pass by fixer"
        );
        assert_eq!(
            audit(false, false),
            fail.clone().map(step),
            "{from:?}, fail"
        );
        assert_eq!(
            audit(false, true),
            fail.map(step),
            "{from:?}, fail by fixer"
        );
    }
}

fn refused_fields(from: FindingState, request: &Request) -> Vec<(String, Problem)> {
    match by_hand(from, request) {
        Err(Refused::Fields(errors)) => {
            errors.0.into_iter().map(|e| (e.field, e.problem)).collect()
        }
        other => panic!("expected refused fields, got {other:?}"),
    }
}

#[test]
fn the_offered_steps_are_the_ones_a_complete_request_may_take() {
    for from in FindingState::ALL {
        let offered = offered(*from);
        for to in FindingState::ALL {
            let allowed = by_hand(*from, &complete(*to)).ok();
            assert_eq!(
                offered.iter().find(|s| s.to == *to).copied(),
                allowed,
                "{from:?} -> {to:?}"
            );
        }
    }
}

#[test]
fn planned_needs_a_due_date_of_today_or_later() {
    let mut request = complete(Planned);
    request.due_date = None;
    assert_eq!(
        refused_fields(Open, &request),
        vec![("due_date".to_owned(), Problem::Required)]
    );
    request.due_date = today().pred_opt();
    assert_eq!(
        refused_fields(Open, &request),
        vec![(
            "due_date".to_owned(),
            Problem::DateInPast {
                today: "2026-12-02".into()
            }
        )]
    );
    request.due_date = Some(today());
    assert!(by_hand(Open, &request).is_ok(), "today is allowed");
}

#[test]
fn fixed_needs_an_after_photo_and_a_comment() {
    let request = Request {
        after_photos: 0,
        comment: Some("  ".into()),
        ..complete(Fixed)
    };
    assert_eq!(
        refused_fields(InProgress, &request),
        vec![
            ("file".to_owned(), Problem::AfterPhotoNeeded),
            ("comment".to_owned(), Problem::Required)
        ]
    );
    let photo_only = Request {
        comment: None,
        ..complete(Fixed)
    };
    assert_eq!(
        refused_fields(Open, &photo_only),
        vec![("comment".to_owned(), Problem::Required)]
    );
}

#[test]
fn wont_fix_needs_a_reason_and_reopening_by_hand_a_comment() {
    let request = Request {
        reason: None,
        ..complete(WontFix)
    };
    assert_eq!(
        refused_fields(Planned, &request),
        vec![("reason".to_owned(), Problem::Required)]
    );
    let request = Request {
        comment: None,
        ..complete(Reopened)
    };
    assert_eq!(
        refused_fields(Fixed, &request),
        vec![("comment".to_owned(), Problem::Required)]
    );
}

#[test]
fn a_step_the_state_does_not_allow_is_refused_before_its_fields() {
    let empty = Request {
        to: Planned,
        comment: None,
        due_date: None,
        reason: None,
        after_photos: 0,
    };
    assert_eq!(
        by_hand(Fixed, &empty),
        Err(Refused::NotFrom {
            from: Fixed,
            to: Planned
        })
    );
}
