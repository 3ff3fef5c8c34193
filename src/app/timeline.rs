//! A site's timeline for its department's staff: its audits and findings together, with
//! every step of the findings. It reads both the audit and the finding lists, so it sits
//! above both.

use uuid::Uuid;

use super::{Error, Services, audits, findings};
use crate::domain::actor::Actor;
use crate::domain::audit::Filter as AuditFilter;
use crate::domain::finding::Filter;
use crate::domain::finding::dashboard::Timeline;
use crate::domain::permission::{Action, Scope};
use crate::store::findings as stored;

/// Most audits and findings a site's timeline shows.
const TIMELINE_MAX: u32 = 200;

/// The timeline of site `site` of `department`, or `None` when `actor` may not see the
/// department's audits (the public, or staff of another department).
pub async fn of_site(
    s: &Services,
    actor: &Actor,
    site: Uuid,
    department: Uuid,
) -> Result<Option<Timeline>, Error> {
    if actor.user_id().is_none()
        || actor
            .may(Action::ReadAudits, Scope::Department(department))
            .is_err()
    {
        return Ok(None);
    }
    let audits = audits::list(
        s,
        actor,
        &AuditFilter {
            site: Some(site),
            department: Some(department),
            limit: TIMELINE_MAX,
            ..AuditFilter::default()
        },
    )
    .await?;
    let findings = findings::list(
        s,
        actor,
        &Filter {
            site: Some(site),
            department: Some(department),
            limit: TIMELINE_MAX,
            ..Filter::default()
        },
    )
    .await?;
    let history = stored::site_history(&mut s.db.conn().await?, site).await?;
    Ok(Some(Timeline {
        audits,
        findings,
        history,
    }))
}
