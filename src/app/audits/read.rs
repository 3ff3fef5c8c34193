//! Reading audits: one whole, as its reader may see it, and the lists of the inspector's
//! own and of the department's.

use uuid::Uuid;

use crate::app::audit_access::{complete, person, readable_head};
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::{Audit, Filter, Head};
use crate::domain::permission::{Action, Scope};
use crate::store::audits::{self, Reader};

/// Audit `id` as `actor` may see it.
pub async fn read(s: &Services, actor: &Actor, id: Uuid) -> Result<Audit, Error> {
    person(actor).or(Err(Error::SignInRequired))?;
    let mut conn = s.db.conn().await?;
    let head = readable_head(&mut conn, actor, id).await?;
    complete(s, &mut conn, head).await
}

/// The audits `actor` may see that match `filter`, newest first.
pub async fn list(s: &Services, actor: &Actor, filter: &Filter) -> Result<Vec<Head>, Error> {
    let me = person(actor).or(Err(Error::SignInRequired))?;
    let everywhere = actor.may(Action::ReadAudits, Scope::Everywhere).is_ok();
    let own = actor.department();
    let department = match (everywhere, filter.department, own) {
        (true, wanted, _) => wanted,
        (false, Some(wanted), Some(own)) if wanted != own => return Err(Error::Forbidden),
        (false, _, Some(own)) => Some(own),
        (false, _, None) if filter.mine => None,
        (false, _, None) => return Err(Error::Forbidden),
    };
    let reader = Reader {
        person: me,
        sees_drafts: own.is_some_and(|d| {
            actor
                .may(Action::ReadDraftAudits, Scope::Department(d))
                .is_ok()
        }),
    };
    let filter = Filter {
        department,
        ..filter.clone()
    };
    Ok(audits::list(&mut s.db.conn().await?, &filter, &reader).await?)
}
