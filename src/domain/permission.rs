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
    /// Set the province's targets (share of sites audited, accessible, findings fixed).
    ManageTargets,
    /// Open reporting rounds, and return or accept the departments' parts.
    RunRounds,
    /// Write and send a department's part of a reporting round.
    WriteRoundParts,
}

impl Action {
    /// Every action, for exhaustive tests.
    pub const ALL: [Action; 23] = [
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
        Action::ManageTargets,
        Action::RunRounds,
        Action::WriteRoundParts,
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
/// | set the targets | – | – | all | – | – |
/// | open reporting rounds, return or accept parts | – | – | all | – | – |
/// | write and send a department's part of a round | – | own department | – | – | – |
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
        (ManageTargets, Coordinator) => Reach::All,
        (ManageTargets, Inspector | Reviewer | Admin | Observer) => Reach::None,
        (RunRounds, Coordinator) => Reach::All,
        (RunRounds, Inspector | Reviewer | Admin | Observer) => Reach::None,
        (WriteRoundParts, Reviewer) => Reach::OwnDepartment,
        (WriteRoundParts, Inspector | Coordinator | Admin | Observer) => Reach::None,
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
mod tests;
