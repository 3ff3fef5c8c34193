//! Who may do what: the one permission matrix. Handlers ask [`check`]; templates may hide a
//! button, but the handler's check is what counts.

use uuid::Uuid;

use super::user::Role;

/// Something a request wants to do that not everyone may.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Register a site (for a department).
    CreateSite,
    /// Change a site (of a department).
    EditSite,
    /// Create, change and disable users.
    ManageUsers,
    /// Rename and merge departments.
    ManageDepartments,
    /// Read the event log.
    ReadEvents,
    /// Create, list and revoke one's own API tokens.
    ManageOwnTokens,
}

impl Action {
    /// Every action, for exhaustive tests.
    pub const ALL: [Action; 6] = [
        Action::CreateSite,
        Action::EditSite,
        Action::ManageUsers,
        Action::ManageDepartments,
        Action::ReadEvents,
        Action::ManageOwnTokens,
    ];
}

/// How far a role's permission reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Not at all.
    None,
    /// Only for the person's own department.
    OwnDepartment,
    /// Everywhere.
    All,
}

/// The matrix.
///
/// | action | inspector | reviewer | coordinator | admin |
/// |---|---|---|---|---|
/// | create, edit sites | own department | own department | – | – |
/// | manage users, departments | – | – | – | all |
/// | read the event log | – | – | all | all |
/// | own API tokens | all | all | all | all |
pub fn reach(role: Role, action: Action) -> Reach {
    use Action::*;
    use Role::*;
    match (action, role) {
        (CreateSite | EditSite, Inspector | Reviewer) => Reach::OwnDepartment,
        (CreateSite | EditSite, Coordinator | Admin) => Reach::None,
        (ManageUsers | ManageDepartments, Admin) => Reach::All,
        (ManageUsers | ManageDepartments, _) => Reach::None,
        (ReadEvents, Coordinator | Admin) => Reach::All,
        (ReadEvents, Inspector | Reviewer) => Reach::None,
        (ManageOwnTokens, _) => Reach::All,
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

/// Who is asking: role and department.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asker {
    /// Role.
    pub role: Role,
    /// Department, if the person has one.
    pub department: Option<Uuid>,
}

/// Checks `action` for `asker`, on things of the departments in `departments` (all must be
/// the asker's own where the reach is limited to it; empty when the action has no owner).
pub fn check(asker: Option<Asker>, action: Action, departments: &[Uuid]) -> Result<(), Denied> {
    let asker = asker.ok_or(Denied::SignInRequired)?;
    match reach(asker.role, action) {
        Reach::All => Ok(()),
        Reach::OwnDepartment if departments.iter().all(|d| Some(*d) == asker.department) => Ok(()),
        Reach::OwnDepartment | Reach::None => Err(Denied::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINE: Uuid = Uuid::from_u128(1);
    const OTHER: Uuid = Uuid::from_u128(2);

    fn asker(role: Role) -> Option<Asker> {
        Some(Asker {
            role,
            department: Some(MINE),
        })
    }

    #[test]
    fn anonymous_is_asked_to_sign_in_for_everything() {
        for action in Action::ALL {
            assert_eq!(check(None, action, &[]), Err(Denied::SignInRequired));
        }
    }

    #[test]
    fn the_matrix_holds_for_every_role_and_action() {
        use Action::*;
        use Role::*;
        let expect = |role, action, mine: bool, other: bool| {
            assert_eq!(
                check(asker(role), action, &[MINE]).is_ok(),
                mine,
                "{role:?} {action:?} own"
            );
            assert_eq!(
                check(asker(role), action, &[OTHER]).is_ok(),
                other,
                "{role:?} {action:?} other"
            );
        };
        for role in [Inspector, Reviewer] {
            expect(role, CreateSite, true, false);
            expect(role, EditSite, true, false);
            expect(role, ManageUsers, false, false);
            expect(role, ManageDepartments, false, false);
            expect(role, ReadEvents, false, false);
        }
        expect(Coordinator, CreateSite, false, false);
        expect(Coordinator, EditSite, false, false);
        expect(Coordinator, ReadEvents, true, true);
        expect(Coordinator, ManageUsers, false, false);
        expect(Admin, CreateSite, false, false);
        expect(Admin, ManageUsers, true, true);
        expect(Admin, ManageDepartments, true, true);
        expect(Admin, ReadEvents, true, true);
        for role in Role::ALL {
            expect(*role, ManageOwnTokens, true, true);
        }
    }

    #[test]
    fn moving_a_site_to_another_department_needs_both_to_be_own() {
        let inspector = asker(Role::Inspector);
        assert_eq!(
            check(inspector, Action::EditSite, &[MINE, OTHER]),
            Err(Denied::Forbidden)
        );
    }
}
