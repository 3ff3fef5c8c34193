//! Reading audits: one whole, as its reader may see it, and the lists of the inspector's
//! own and of the department's.

use uuid::Uuid;

use crate::app::audit_access::{complete, person, readable_head};
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::{Audit, AuditState, Head};
use crate::domain::permission::{Action, Scope};
use crate::store::audits::{self, Filter};

/// Audit `id` as `actor` may see it.
pub async fn read(s: &Services, actor: &Actor, id: Uuid) -> Result<Audit, Error> {
    person(actor).or(Err(Error::SignInRequired))?;
    let mut conn = s.db.conn().await?;
    let head = readable_head(&mut conn, actor, id).await?;
    complete(s, &mut conn, head).await
}

/// Which audits to list.
#[derive(Debug, Clone, Default)]
pub struct ListInput {
    /// Only in this state.
    pub state: Option<AuditState>,
    /// Only of this site.
    pub site: Option<Uuid>,
    /// Only the actor's own.
    pub mine: bool,
    /// Only for this department.
    pub department: Option<Uuid>,
    /// Newest-first paging: only audits older than this one.
    pub before: Option<Uuid>,
    /// Page size.
    pub limit: u32,
}

/// The audits `actor` may see that match `input`, newest first.
pub async fn list(s: &Services, actor: &Actor, input: &ListInput) -> Result<Vec<Head>, Error> {
    let me = person(actor).or(Err(Error::SignInRequired))?;
    let everywhere = actor.may(Action::ReadAudits, Scope::Everywhere).is_ok();
    let own = actor.department();
    let department = match (everywhere, input.department, own) {
        (true, wanted, _) => wanted,
        (false, Some(wanted), Some(own)) if wanted != own => return Err(Error::Forbidden),
        (false, _, Some(own)) => Some(own),
        (false, _, None) if input.mine => None,
        (false, _, None) => return Err(Error::Forbidden),
    };
    let reviewer = own.is_some_and(|d| {
        actor
            .may(Action::ReadDraftAudits, Scope::Department(d))
            .is_ok()
    });
    let filter = Filter {
        state: input.state,
        site: input.site,
        inspector: input.mine.then_some(me),
        department,
        in_progress_only_of: (!reviewer).then_some(Some(me)),
        before: input.before,
        limit: input.limit,
    };
    Ok(audits::list(&mut s.db.conn().await?, &filter).await?)
}
