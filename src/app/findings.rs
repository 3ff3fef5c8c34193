//! Findings for staff: the barriers approved audits found, by site, department and state.

use uuid::Uuid;

use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::finding::{Finding, FindingState};
use crate::domain::permission::{Action, Scope};
use crate::store::findings::{self, Filter};

/// Which findings to list.
#[derive(Debug, Clone, Default)]
pub struct ListInput {
    /// Only of this site.
    pub site: Option<Uuid>,
    /// Only of this department.
    pub department: Option<Uuid>,
    /// Only in this state.
    pub state: Option<FindingState>,
    /// Only found by this audit.
    pub audit: Option<Uuid>,
    /// Newest-first paging: only findings older than this one.
    pub before: Option<Uuid>,
    /// Page size.
    pub limit: u32,
}

/// The findings `actor` may see that match `input`, newest first: coordinators and admins
/// see every department's; inspectors and reviewers their own department's.
pub async fn list(s: &Services, actor: &Actor, input: &ListInput) -> Result<Vec<Finding>, Error> {
    actor.user_id().ok_or(Error::SignInRequired)?;
    let department = if actor.may(Action::ReadFindings, Scope::Everywhere).is_ok() {
        input.department
    } else {
        let own = actor.department().ok_or(Error::Forbidden)?;
        let wanted = input.department.unwrap_or(own);
        actor.may(Action::ReadFindings, Scope::Department(wanted))?;
        Some(wanted)
    };
    let filter = Filter {
        site: input.site,
        department,
        state: input.state,
        audit: input.audit,
        open_only: false,
        before: input.before,
        limit: input.limit,
    };
    let mut conn = s.db.conn().await?;
    let rows = findings::list(&mut conn, &filter).await?;
    let mut out = Vec::with_capacity(rows.len());
    for (mut finding, snapshot) in rows {
        let checklist = s.snapshots.get(&mut conn, snapshot).await?;
        if let Some(item) = checklist.item(&finding.item) {
            finding.text = item.text.clone();
        }
        out.push(finding);
    }
    Ok(out)
}
