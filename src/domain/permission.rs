//! Who may do what: the one permission matrix. Use cases ask [`can`] (through the actor's
//! `may`); pages ask it too, to show only what a person may use, but
//! the use case's check is what counts.
//!
//! Every question names its [`Scope`] explicitly, so no empty list or missing owner can
//! ever read as "allowed".

use uuid::Uuid;

use super::user::Role;

/// Something a person wants to do that not everyone may.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Register a site for a department.
    CreateSite,
    /// Change a site of a department.
    EditSite,
    /// Create, change and disable users.
    ManageUsers,
    /// Rename and merge departments.
    ManageDepartments,
    /// Read the event log.
    ReadEvents,
    /// Create, list and revoke API tokens.
    ManageOwnTokens,
    /// Change one's own password (knowing the current one).
    ChangeOwnPassword,
    /// Set one's own email address, daily digest and mail language.
    ManageOwnMail,
    /// Start an audit of a department's site.
    StartAudit,
    /// Answer, photograph and submit an audit: its author only.
    FillAudit,
    /// See a department's audits still being filled (drafts, returned ones).
    ReadDraftAudits,
    /// See a department's submitted and approved audits.
    ReadAudits,
    /// Approve or return a department's submitted audits (never one's own).
    ReviewAudits,
    /// See a department's findings.
    ReadFindings,
    /// Plan a department's findings, start work, give one up (`wont_fix`) or reopen one.
    ManageFindings,
    /// Mark a department's finding fixed, with an after-photo.
    FixFindings,
    /// Compile the periodic report of a department, or of every department.
    ReadReports,
    /// Read and answer the public's barrier reports: of a department's places, or of
    /// places in no registry (scope [`Scope::Everywhere`]).
    ModerateBarrierReports,
    /// Record who took part in a department's audits besides the inspector, and note down
    /// the remarks of those without an account. (An audit's author does it too, while the
    /// audit is theirs to fill: that is [`Action::FillAudit`].)
    ManageParticipants,
    /// Add a remark of one's own to an audit, or to one of its findings: the observers named
    /// on it (scope [`Scope::NamedOn`]).
    RemarkOnAudit,
}

impl Action {
    /// Every action, for exhaustive tests.
    pub const ALL: [Action; 20] = [
        Action::CreateSite,
        Action::EditSite,
        Action::ManageUsers,
        Action::ManageDepartments,
        Action::ReadEvents,
        Action::ManageOwnTokens,
        Action::ChangeOwnPassword,
        Action::ManageOwnMail,
        Action::StartAudit,
        Action::FillAudit,
        Action::ReadDraftAudits,
        Action::ReadAudits,
        Action::ReviewAudits,
        Action::ReadFindings,
        Action::ManageFindings,
        Action::FixFindings,
        Action::ReadReports,
        Action::ModerateBarrierReports,
        Action::ManageParticipants,
        Action::RemarkOnAudit,
    ];
}

/// What the action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Nothing of one department in particular: every user, the whole event log.
    Everywhere,
    /// Things of this department.
    Department(Uuid),
    /// A record that belongs to this user (an API token).
    OwnRecord(Uuid),
    /// An audit on which the account with this id is named as a participant (asked once
    /// for each account named on it: an audit naming nobody is asked nothing).
    NamedOn(Uuid),
}

/// How far a role's permission for an action reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Not at all.
    None,
    /// Only records that belong to the person.
    OwnRecords,
    /// Only things of the person's own department.
    OwnDepartment,
    /// Every scope.
    All,
    /// Only what belongs to no department ([`Scope::Everywhere`]): the coordinators answer
    /// reports of places not in the registry, and no department's.
    Unowned,
    /// Only the audits the person is named on as a participant, and their findings.
    Named,
}

/// The matrix.
///
/// | action | inspector | reviewer | coordinator | admin | observer |
/// |---|---|---|---|---|---|
/// | create, edit sites | own department | own department | – | – | – |
/// | manage users, departments | – | – | – | all | – |
/// | read the event log | – | – | all | all | – |
/// | API tokens, own password | own | own | own | own | own |
/// | own email address, digest, mail language | own | own | own | own | own |
/// | start an audit | own department | own department | – | – | – |
/// | fill (answer, photograph, submit) an audit | own | own | – | – | – |
/// | see audits being filled | – (own only, by filling) | own department | – | – | named on |
/// | see submitted and approved audits | own department | own department | all | all | named on |
/// | review audits (not one's own) | – | own department | – | – | – |
/// | see findings | own department | own department | all | all | of audits named on |
/// | plan, start, give up (`wont_fix`), reopen findings | – | own department | – | – | – |
/// | mark findings fixed (with an after-photo) | own department | own department | – | – | – |
/// | periodic reports | – | own department | all | all | – |
/// | answer the public's barrier reports | – | own department | places in no registry | – | – |
/// | record participants, note their remarks | – (own, by filling) | own department | – | – | – |
/// | add one's own remarks to an audit | – | – | – | – | named on |
pub fn reach(role: Role, action: Action) -> Reach {
    use Action::*;
    use Role::*;
    match (action, role) {
        (CreateSite | EditSite, Inspector | Reviewer) => Reach::OwnDepartment,
        (CreateSite | EditSite, Coordinator | Admin | Observer) => Reach::None,
        (ManageUsers | ManageDepartments, Admin) => Reach::All,
        (ManageUsers | ManageDepartments, Inspector | Reviewer | Coordinator | Observer) => {
            Reach::None
        }
        (ReadEvents, Coordinator | Admin) => Reach::All,
        (ReadEvents, Inspector | Reviewer | Observer) => Reach::None,
        (ManageOwnTokens | ChangeOwnPassword | ManageOwnMail, _) => Reach::OwnRecords,
        (StartAudit, Inspector | Reviewer) => Reach::OwnDepartment,
        (StartAudit, Coordinator | Admin | Observer) => Reach::None,
        (FillAudit, Inspector | Reviewer) => Reach::OwnRecords,
        (FillAudit, Coordinator | Admin | Observer) => Reach::None,
        (ReadDraftAudits, Reviewer) => Reach::OwnDepartment,
        (ReadDraftAudits, Inspector | Coordinator | Admin) => Reach::None,
        (ReadAudits | ReadFindings, Inspector | Reviewer) => Reach::OwnDepartment,
        (ReadAudits | ReadFindings, Coordinator | Admin) => Reach::All,
        (ReadAudits | ReadDraftAudits | ReadFindings, Observer) => Reach::Named,
        (ReviewAudits, Reviewer) => Reach::OwnDepartment,
        (ReviewAudits, Inspector | Coordinator | Admin | Observer) => Reach::None,
        (ManageFindings, Reviewer) => Reach::OwnDepartment,
        (ManageFindings, Inspector | Coordinator | Admin | Observer) => Reach::None,
        (FixFindings, Inspector | Reviewer) => Reach::OwnDepartment,
        (FixFindings, Coordinator | Admin | Observer) => Reach::None,
        (ReadReports, Reviewer) => Reach::OwnDepartment,
        (ReadReports, Coordinator | Admin) => Reach::All,
        (ReadReports, Inspector | Observer) => Reach::None,
        (ModerateBarrierReports, Reviewer) => Reach::OwnDepartment,
        (ModerateBarrierReports, Coordinator) => Reach::Unowned,
        (ModerateBarrierReports, Inspector | Admin | Observer) => Reach::None,
        (ManageParticipants, Reviewer) => Reach::OwnDepartment,
        (ManageParticipants, Inspector | Coordinator | Admin | Observer) => Reach::None,
        (RemarkOnAudit, Observer) => Reach::Named,
        (RemarkOnAudit, Inspector | Reviewer | Coordinator | Admin) => Reach::None,
    }
}

/// Why a request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// Nobody is signed in (401).
    SignInRequired,
    /// Signed in, but not allowed (403).
    Forbidden,
}

/// Who is asking, as the matrix needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asker {
    /// User id, for records of their own.
    pub user: Uuid,
    /// Role.
    pub role: Role,
    /// Department, if the person has one.
    pub department: Option<Uuid>,
}

/// May `asker` do `action` in `scope`? `None` is nobody signed in.
pub fn can(asker: Option<&Asker>, action: Action, scope: Scope) -> Result<(), Denied> {
    let asker = asker.ok_or(Denied::SignInRequired)?;
    let allowed = match (reach(asker.role, action), scope) {
        (Reach::All, _) => true,
        (Reach::OwnDepartment, Scope::Department(d)) => asker.department == Some(d),
        (Reach::OwnRecords, Scope::OwnRecord(owner)) => asker.user == owner,
        (Reach::Unowned, Scope::Everywhere) => true,
        (Reach::Named, Scope::NamedOn(account)) => asker.user == account,
        (
            Reach::OwnDepartment | Reach::OwnRecords | Reach::Unowned | Reach::Named | Reach::None,
            _,
        ) => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied::Forbidden)
    }
}

#[cfg(test)]
mod tests {
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
            ReviewAudits | ManageFindings | ManageParticipants => {
                role == Reviewer && own_department
            }
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
}
