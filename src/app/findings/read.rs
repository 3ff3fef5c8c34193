//! Reading findings: the lists and the dashboard's counts, one finding with its history;
//! each narrowed to the departments the person may see.

use uuid::Uuid;

use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::calendar::first_of_next_month;
use crate::domain::finding::dashboard::{Counts, Detail, tally};
use crate::domain::finding::{Filter, Finding};
use crate::domain::permission::{Action, Scope};
use crate::store::{Access, findings};

/// The department `actor` may list: coordinators and admins any (or all), inspectors and
/// reviewers their own.
fn scope(actor: &Actor, wanted: Option<Uuid>) -> Result<Option<Uuid>, Error> {
    actor.user_id().ok_or(Error::SignInRequired)?;
    if actor.may(Action::ReadFindings, Scope::Everywhere).is_ok() {
        return Ok(wanted);
    }
    let own = actor.department().ok_or(Error::Forbidden)?;
    let wanted = wanted.unwrap_or(own);
    actor.may(Action::ReadFindings, Scope::Department(wanted))?;
    Ok(Some(wanted))
}

/// `filter` narrowed to what `actor` may see: coordinators and admins any department (or
/// all), inspectors and reviewers their own.
fn scoped(actor: &Actor, filter: &Filter) -> Result<Filter, Error> {
    Ok(Filter {
        department: scope(actor, filter.department)?,
        ..filter.clone()
    })
}

/// Fills in each finding's item text from its audit's checklist.
pub(crate) async fn with_texts(
    s: &Services,
    ex: &mut impl Access,
    rows: Vec<(Finding, Uuid)>,
) -> Result<Vec<Finding>, Error> {
    let mut out = Vec::with_capacity(rows.len());
    for (mut finding, snapshot) in rows {
        let checklist = s.snapshots.get(ex, snapshot).await?;
        if let Some(item) = checklist.item(&finding.item) {
            finding.text = item.text.clone();
        }
        out.push(finding);
    }
    Ok(out)
}

/// The findings `actor` may see that match `filter`, newest first.
pub async fn list(s: &Services, actor: &Actor, filter: &Filter) -> Result<Vec<Finding>, Error> {
    let filter = scoped(actor, filter)?;
    let mut conn = s.db.conn().await?;
    let rows = findings::list(&mut conn, &filter).await?;
    with_texts(s, &mut conn, rows).await
}

/// Most findings listed with one audit.
const OF_AUDIT_MAX: u32 = 500;

/// The findings audit `audit` made, for whoever may see the audit (an observer named on it
/// too), in the order of the list.
pub async fn of_audit(s: &Services, actor: &Actor, audit: Uuid) -> Result<Vec<Finding>, Error> {
    actor.user_id().ok_or(Error::SignInRequired)?;
    let mut conn = s.db.conn().await?;
    crate::app::audit_access::readable_head(&mut conn, actor, audit).await?;
    let filter = Filter {
        audit: Some(audit),
        limit: OF_AUDIT_MAX,
        ..Filter::default()
    };
    let rows = findings::list(&mut conn, &filter).await?;
    with_texts(s, &mut conn, rows).await
}

/// The dashboard's counts over the findings `actor` may see that match `filter` (paging
/// ignored).
pub async fn counts(s: &Services, actor: &Actor, filter: &Filter) -> Result<Counts, Error> {
    let filter = scoped(actor, filter)?;
    let today = s.today();
    let mut conn = s.db.conn().await?;
    let rows = findings::counts(&mut conn, &filter, today, first_of_next_month(today)).await?;
    Ok(tally(&rows))
}

/// Finding `id` with its item text and history; it must exist.
pub(super) async fn load(s: &Services, ex: &mut impl Access, id: Uuid) -> Result<Detail, Error> {
    let row = findings::by_id(ex, id).await?.ok_or(Error::NotFound)?;
    let finding = with_texts(s, ex, vec![row])
        .await?
        .pop()
        .ok_or(Error::NotFound)?;
    let history = findings::history(ex, id).await?;
    Ok(Detail { finding, history })
}

/// Finding `id` with its history, for staff of its department, coordinators and admins.
pub async fn read(s: &Services, actor: &Actor, id: Uuid) -> Result<Detail, Error> {
    actor.user_id().ok_or(Error::SignInRequired)?;
    let mut conn = s.db.conn().await?;
    let detail = load(s, &mut conn, id).await?;
    actor.may(
        Action::ReadFindings,
        Scope::Department(detail.finding.department.id),
    )?;
    Ok(detail)
}
