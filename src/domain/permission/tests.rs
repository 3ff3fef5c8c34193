use super::*;

const ME: Uuid = Uuid::from_u128(10);
const SOMEONE: Uuid = Uuid::from_u128(11);
const MINE: Uuid = Uuid::from_u128(1);
const OTHER: Uuid = Uuid::from_u128(2);

fn asker(role: Role) -> Asker {
    Asker {
        user: ME,
        role,
        department: Some(MINE),
    }
}

/// Every scope a question can name.
const SCOPES: [Scope; 7] = [
    Scope::Everywhere,
    Scope::Department(MINE),
    Scope::Department(OTHER),
    Scope::OwnRecord(ME),
    Scope::OwnRecord(SOMEONE),
    Scope::NamedOn(ME),
    Scope::NamedOn(SOMEONE),
];

#[test]
fn anonymous_is_asked_to_sign_in_for_everything() {
    for action in Action::ALL {
        for scope in SCOPES {
            assert_eq!(can(None, action, scope), Err(Denied::SignInRequired));
        }
    }
}

/// The expected answer for every role, action and scope, written out as the table in
/// the README says it, independently of [`reach`].
fn expected(role: Role, action: Action, scope: Scope) -> bool {
    use Action::*;
    use Role::*;
    let own_department = scope == Scope::Department(MINE);
    let own_record = scope == Scope::OwnRecord(ME);
    let named_on = scope == Scope::NamedOn(ME);
    match action {
        CreateSite | EditSite => matches!(role, Inspector | Reviewer) && own_department,
        ManageUsers | ManageDepartments => role == Admin,
        ReadEvents => matches!(role, Coordinator | Admin),
        ManageOwnTokens | ChangeOwnPassword | ManageOwnMail => own_record,
        StartAudit => matches!(role, Inspector | Reviewer) && own_department,
        FillAudit => matches!(role, Inspector | Reviewer) && own_record,
        ReviewAudits | ManageFindings | ManageParticipants => role == Reviewer && own_department,
        ReadDraftAudits => match role {
            Reviewer => own_department,
            Observer => named_on,
            Inspector | Coordinator | Admin => false,
        },
        FixFindings => matches!(role, Inspector | Reviewer) && own_department,
        ReadReports => match role {
            Inspector | Observer => false,
            Reviewer => own_department,
            Coordinator | Admin => true,
        },
        ReadAudits | ReadFindings => match role {
            Inspector | Reviewer => own_department,
            Coordinator | Admin => true,
            Observer => named_on,
        },
        ModerateBarrierReports => match role {
            Reviewer => own_department,
            Coordinator => scope == Scope::Everywhere,
            Inspector | Admin | Observer => false,
        },
        RemarkOnAudit => role == Observer && named_on,
        ManageTargets => role == Coordinator,
        RunRounds => role == Coordinator,
        WriteRoundParts => role == Reviewer && own_department,
    }
}

#[test]
fn the_matrix_holds_for_every_role_action_and_scope() {
    for role in Role::ALL {
        for action in Action::ALL {
            for scope in SCOPES {
                let answer = can(Some(&asker(*role)), action, scope);
                let want = expected(*role, action, scope);
                assert_eq!(
                    answer.is_ok(),
                    want,
                    "{role:?} {action:?} {scope:?}: {answer:?}"
                );
                if !want {
                    assert_eq!(answer, Err(Denied::Forbidden));
                }
            }
        }
    }
}

#[test]
fn an_observer_is_refused_everything_but_the_audits_they_are_named_on() {
    let observer = Asker {
        department: None,
        ..asker(Role::Observer)
    };
    let named = [
        Action::ReadAudits,
        Action::ReadDraftAudits,
        Action::ReadFindings,
        Action::RemarkOnAudit,
    ];
    let own_account = [
        Action::ManageOwnTokens,
        Action::ChangeOwnPassword,
        Action::ManageOwnMail,
    ];
    for action in Action::ALL {
        for scope in SCOPES {
            let allowed = match scope {
                Scope::NamedOn(ME) => named.contains(&action),
                Scope::OwnRecord(ME) => own_account.contains(&action),
                _ => false,
            };
            let answer = can(Some(&observer), action, scope);
            assert_eq!(answer.is_ok(), allowed, "{action:?} {scope:?}");
        }
    }
    // Named on an audit of another's department is still named on it; a department
    // given to an observer gives no right in it.
    let with_department = asker(Role::Observer);
    for action in Action::ALL {
        assert_eq!(
            can(Some(&with_department), action, Scope::Department(MINE)),
            Err(Denied::Forbidden),
            "{action:?}"
        );
    }
}

#[test]
fn a_person_without_a_department_has_no_own_department() {
    let nowhere = Asker {
        department: None,
        ..asker(Role::Inspector)
    };
    for d in [MINE, OTHER] {
        assert_eq!(
            can(Some(&nowhere), Action::CreateSite, Scope::Department(d)),
            Err(Denied::Forbidden)
        );
    }
    assert_eq!(
        can(Some(&nowhere), Action::CreateSite, Scope::Everywhere),
        Err(Denied::Forbidden),
        "a department-wide right never reads as a right everywhere"
    );
}
