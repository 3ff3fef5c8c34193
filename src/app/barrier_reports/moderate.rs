//! The department's side of barrier reports: its queue with counts, a report with the
//! sender's contact, and the answers. A report of a department's place is answered only by
//! that department's reviewers; one of a place in no registry by the coordinators.

use serde::Serialize;
use uuid::Uuid;

use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::barrier::{
    self, Answer, Moderating, Publication, Queue, Refused, Report, ReportState,
};
use crate::domain::event::Change;
use crate::domain::permission::{Action, Scope};
use crate::domain::validation::{FieldErrors, Problem};
use std::sync::Arc;

use crate::app::findings::with_texts;
use crate::domain::checklist;
use crate::domain::finding::Filter;
use crate::store::{barrier_reports, checklists, departments, findings, photos, sites};

/// Whose reports a scope names: a department's, or those of places in no registry.
fn scope_of(department: Option<Uuid>) -> Scope {
    department.map_or(Scope::Everywhere, Scope::Department)
}

/// The reports `actor` answers: their department's, or (a coordinator) those of places in
/// no registry; in `state` if given.
pub async fn queue(
    s: &Services,
    actor: &Actor,
    state: Option<ReportState>,
) -> Result<Queue, Error> {
    // A department's reviewers answer its reports; a coordinator (whatever department
    // they sit in) those of places in no registry.
    let department = match actor.department() {
        Some(d)
            if actor
                .may(Action::ModerateBarrierReports, Scope::Department(d))
                .is_ok() =>
        {
            Some(d)
        }
        _ => {
            actor.may(Action::ModerateBarrierReports, Scope::Everywhere)?;
            None
        }
    };
    let mut conn = s.db.conn().await?;
    Ok(Queue {
        reports: barrier_reports::queue(&mut conn, department, state, 500).await?,
        counts: barrier_reports::counts(&mut conn, department).await?,
    })
}

/// Report `id` as its moderators see it, the contact included.
pub async fn for_moderator(s: &Services, actor: &Actor, id: Uuid) -> Result<Moderating, Error> {
    let mut conn = s.db.conn().await?;
    let report = barrier_reports::by_id(&mut conn, id)
        .await?
        .ok_or(Error::NotFound)?;
    actor.may(Action::ModerateBarrierReports, scope_of(report.department))?;
    let photos = photos::of_report(&mut conn, id).await?;
    let (findings, checklist) = match &report.site {
        None => (Vec::new(), None),
        Some((site_id, _)) => {
            let filter = Filter {
                site: Some(*site_id),
                standing_only: true,
                limit: 500,
                ..Filter::default()
            };
            let rows = findings::list(&mut conn, &filter).await?;
            let standing = with_texts(s, &mut conn, rows).await?;
            let site = sites::by_id(&mut conn, *site_id)
                .await?
                .ok_or(Error::NotFound)?;
            let snapshots = checklists::latest_all(&mut conn).await?;
            let chosen =
                checklist::for_subtype(snapshots.iter().map(|s| &s.checklist), site.subtype)
                    .cloned()
                    .map(Arc::new);
            (standing, chosen)
        }
    };
    let departments = if report.site.is_none() && report.department.is_none() {
        departments::all(&mut conn).await?
    } else {
        Vec::new()
    };
    Ok(Moderating {
        report,
        photos,
        findings,
        checklist,
        departments,
    })
}

/// A report's answer as the event log records it: never the contact.
#[derive(Serialize)]
struct AnswerRecord {
    state: &'static str,
    publication: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    finding: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    follow_up_on: Option<chrono::NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duplicate_of: Option<Uuid>,
}

impl AnswerRecord {
    fn of(r: &Report) -> Self {
        AnswerRecord {
            state: r.state.as_str(),
            publication: r.publication.as_str(),
            finding: r.finding,
            follow_up_on: r.follow_up_on,
            reason: r.reason.clone(),
            duplicate_of: r.duplicate_of,
        }
    }
}

/// What a moderator changes: an answer, whether the words may be shown, or both.
#[derive(Debug, Clone)]
pub struct Moderation {
    /// The answer, if one is given.
    pub answer: Option<Answer>,
    /// Whether the report's words may be shown, if decided.
    pub publication: Option<Publication>,
    /// The version the moderator saw.
    pub version: i64,
}

/// Answers report `id` as `actor`; 403 and nothing written for anyone but its moderators.
pub async fn moderate(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    m: &Moderation,
) -> Result<Report, Error> {
    let mut tx = s.begin().await?;
    let before = barrier_reports::locked(&mut tx, id)
        .await?
        .ok_or(Error::NotFound)?;
    actor.may(Action::ModerateBarrierReports, scope_of(before.department))?;
    if before.version != m.version {
        return Err(Error::Stale(before.version));
    }
    let now = s.now();
    let mut after = before.clone();
    if let Some(answer) = &m.answer {
        let to =
            barrier::answer(id, before.state, answer, s.today()).map_err(
                |refused| match refused {
                    Refused::Closed { .. } => {
                        Error::Conflict(FieldErrors::single("state", Problem::ReportClosed))
                    }
                    Refused::NotFrom { .. } => {
                        Error::Conflict(FieldErrors::single("state", Problem::ReportStep))
                    }
                    Refused::Fields(errors) => Error::Invalid(errors),
                },
            )?;
        match answer {
            Answer::Confirm { finding } => {
                after.finding =
                    Some(super::confirm::tracking_finding(&mut tx, &before, finding, now).await?);
            }
            Answer::PlanFollowUp { on } => after.follow_up_on = Some(*on),
            Answer::NotABarrier { reason } => after.reason = Some(reason.trim().to_owned()),
            Answer::Duplicate { of } => {
                let other = barrier_reports::by_id(&mut tx, *of).await?;
                if other.is_none() {
                    return Err(Error::field(
                        "duplicate_of",
                        Problem::Unknown {
                            given: of.to_string(),
                        },
                    ));
                }
                after.duplicate_of = Some(*of);
            }
            Answer::Review => {}
        }
        after.state = to;
        after.answered_at = after.answered_at.or(Some(now));
        if to.is_closed() {
            after.closed_at = Some(now);
        }
    }
    if let Some(publication) = m.publication {
        after.publication = publication;
    }
    if !barrier_reports::update(&mut tx, &after, before.version, now).await? {
        return Err(Error::Stale(before.version + 1));
    }
    after.version = before.version + 1;
    s.log(
        &mut tx,
        Change::new(actor, "barrier_report.answer", "barrier_report", id)
            .before(AnswerRecord::of(&before))
            .after(AnswerRecord::of(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
