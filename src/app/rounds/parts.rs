//! A department's part of a round: read beside its figures, saved, sent, and returned or
//! accepted by the coordinator. Each step is one event.

use serde::Serialize;
use uuid::Uuid;

use super::{department_of, lines, not_now};
use crate::app::reports::{self, ReportInput};
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::department::Department;
use crate::domain::event::Change;
use crate::domain::permission::{Action, Scope};
use crate::domain::report::Report;
use crate::domain::round::{Decision, Part, PartView, Refusal, Round, Sections};
use crate::store::rounds::{self, By};

/// A part's step as the event log records it.
#[derive(Serialize)]
struct PartRecord<'a> {
    department: &'a str,
    state: &'static str,
    results: &'a str,
    difficulties: &'a str,
    proposals: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<&'a str>,
}

impl<'a> PartRecord<'a> {
    fn of(department: &'a Department, p: &'a Part) -> Self {
        PartRecord {
            department: &department.code,
            state: p.state.as_str(),
            results: &p.sections.results,
            difficulties: &p.sections.difficulties,
            proposals: &p.sections.proposals,
            comment: p.comment.as_deref(),
        }
    }
}

/// The department's figures for `round`'s period: the periodic report of that scope.
pub(super) async fn figures(
    s: &Services,
    actor: &Actor,
    round: &Round,
    department: Option<&Department>,
) -> Result<Report, Error> {
    let input = ReportInput {
        from: Some(round.period.from.to_string()),
        to: Some(round.period.to.to_string()),
        department: department.map(|d| d.code.clone()),
        area: None,
    };
    reports::report(s, actor, &input).await
}

/// The part of department `code` in round `id`, for its department's reviewers and the
/// coordinator; anyone else is refused.
pub async fn part(s: &Services, actor: &Actor, id: Uuid, code: &str) -> Result<PartView, Error> {
    let mut conn = s.db.conn().await?;
    let department = department_of(&mut conn, code).await?;
    let decides = actor.may(Action::RunRounds, Scope::Everywhere).is_ok();
    let writes = actor
        .may(Action::WriteRoundParts, Scope::Department(department.id))
        .is_ok();
    if !decides && !writes {
        return Err(Error::Forbidden);
    }
    let round = rounds::by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    let parts = rounds::parts(&mut conn, id).await?;
    let line = lines(s, &mut conn, &round, parts, Some(department.id))
        .await?
        .pop()
        .ok_or(Error::NotFound)?;
    drop(conn);
    let figures = figures(s, actor, &round, Some(&department)).await?;
    Ok(PartView {
        round,
        line,
        figures,
        writes,
        decides,
    })
}

/// Runs `step` on the part of department `code` in round `id` inside one transaction, as
/// `action` on that department allows, and records `event`.
async fn step(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    code: &str,
    event: &'static str,
    step: impl FnOnce(&Part) -> Result<(Part, By), Error>,
) -> Result<Part, Error> {
    let mut tx = s.begin().await?;
    let department = department_of(&mut tx, code).await?;
    let before = rounds::locked_part(&mut tx, id, department.id)
        .await?
        .ok_or(Error::NotFound)?;
    let (mut after, by) = step(&before)?;
    let now = s.now();
    rounds::update_part(&mut tx, &after, by, now).await?;
    after.version = before.version + 1;
    s.log(
        &mut tx,
        Change::new(
            actor,
            event,
            "round_part",
            format!("{id}/{}", department.code),
        )
        .before(PartRecord::of(&department, &before))
        .after(PartRecord::of(&department, &after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Who of the department's reviewers does it, or 403 before anything is read or written.
async fn writer(s: &Services, actor: &Actor, code: &str) -> Result<Uuid, Error> {
    let mut conn = s.db.conn().await?;
    let department = department_of(&mut conn, code).await?;
    actor.may(Action::WriteRoundParts, Scope::Department(department.id))?;
    actor.user_id().ok_or(Error::Forbidden)
}

/// Saves the department's part as a draft (a returned part stays returned until sent).
pub async fn save(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    code: &str,
    sections: Sections,
) -> Result<Part, Error> {
    let who = writer(s, actor, code).await?;
    step(s, actor, id, code, "round_part.save", |before| {
        let after = before.save(sections).map_err(not_now)?;
        Ok((after, By::Department(who)))
    })
    .await
}

/// Sends the department's part to the coordinator with `sections` (none: as saved), every
/// section written.
pub async fn submit(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    code: &str,
    sections: Option<Sections>,
) -> Result<Part, Error> {
    let who = writer(s, actor, code).await?;
    let now = s.now();
    step(s, actor, id, code, "round_part.submit", |before| {
        let sections = sections.unwrap_or_else(|| before.sections.clone());
        let after = before.submit(sections, now).map_err(|r| match r {
            Refusal::NotNow(n) => not_now(n),
            Refusal::Invalid(errors) => Error::Invalid(errors),
        })?;
        Ok((after, By::Department(who)))
    })
    .await
}

/// The coordinator returns the part with a comment, or accepts it.
pub async fn decide(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    code: &str,
    decision: Decision,
) -> Result<Part, Error> {
    actor.may(Action::RunRounds, Scope::Everywhere)?;
    let who = actor.user_id().ok_or(Error::Forbidden)?;
    let now = s.now();
    let event = match decision {
        Decision::Accept => "round_part.accept",
        Decision::Return { .. } => "round_part.return",
    };
    step(s, actor, id, code, event, |before| {
        let after = before.decide(decision, now).map_err(not_now)?;
        Ok((after, By::Coordinator(who)))
    })
    .await
}
