//! Reporting rounds: the coordinator opens one for a period and the departments asked; each
//! department's reviewers write and send their part ([`parts`]); the coordinator returns
//! or accepts each part and compiles the report ([`compiled`]).

mod compiled;
mod parts;

pub use compiled::compiled;
pub use parts::{decide, part, save, submit};

use serde::Serialize;
use uuid::Uuid;

use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::department::Department;
use crate::domain::event::Change;
use crate::domain::permission::{Action, Scope};
use crate::domain::round::{NewRound, Part, PartLine, Round, RoundInput, RoundView, Rounds};
use crate::domain::validation::FieldErrors;
use crate::store::{Access, departments, rounds};

/// How many days ahead a part not yet sent counts as due, for a department's list of what
/// to do.
pub const DUE_SOON_DAYS: u64 = 7;

/// A round to open as typed: texts as sent and the department codes ticked (none: every
/// department in use).
#[derive(Debug, Clone, Default)]
pub struct OpenInput {
    /// Title.
    pub title: Option<String>,
    /// `periodic`, `interim` or `final`.
    pub kind: Option<String>,
    /// First day.
    pub period_from: Option<String>,
    /// Last day.
    pub period_to: Option<String>,
    /// Due date.
    pub due_on: Option<String>,
    /// Department codes; `None` asks every department in use, an empty list none.
    pub departments: Option<Vec<String>>,
}

/// A round as the event log records it.
#[derive(Serialize)]
struct RoundRecord<'a> {
    title: &'a str,
    kind: &'static str,
    period_from: chrono::NaiveDate,
    period_to: chrono::NaiveDate,
    due_on: chrono::NaiveDate,
    departments: Vec<&'a str>,
}

/// Which departments `actor` sees the parts of: all (`None`) or their own.
fn reach(actor: &Actor) -> Result<Option<Uuid>, Error> {
    if actor.may(Action::RunRounds, Scope::Everywhere).is_ok() {
        return Ok(None);
    }
    let own = actor.department().ok_or(Error::Forbidden)?;
    actor.may(Action::WriteRoundParts, Scope::Department(own))?;
    Ok(Some(own))
}

/// Opens a round as `actor` (a coordinator): each department asked gets an empty part.
pub async fn open(s: &Services, actor: &Actor, input: &OpenInput) -> Result<Round, Error> {
    actor.may(Action::RunRounds, Scope::Everywhere)?;
    let mut conn = s.db.conn().await?;
    let directory = super::departments::directory(&mut conn).await?;
    drop(conn);
    let mut errors = FieldErrors::default();
    let asked: Vec<&Department> = match &input.departments {
        None => directory.all().collect(),
        Some(codes) => codes
            .iter()
            .filter(|c| !c.trim().is_empty())
            .filter_map(|code| errors.take("departments", directory.resolve(code)))
            .collect(),
    };
    let mut ids: Vec<Uuid> = asked.iter().map(|d| d.id).collect();
    ids.dedup();
    let typed = RoundInput {
        title: input.title.as_deref(),
        kind: input.kind.as_deref(),
        period_from: input.period_from.as_deref(),
        period_to: input.period_to.as_deref(),
        due_on: input.due_on.as_deref(),
    };
    let new = NewRound::parse(&typed, ids, s.today(), errors)?;
    let round = Round {
        id: Uuid::now_v7(),
        title: new.title,
        kind: new.kind,
        period: new.period,
        due_on: new.due_on,
        created_at: s.now(),
    };
    let by = actor.user_id().ok_or(Error::Forbidden)?;
    let mut tx = s.begin().await?;
    rounds::insert(&mut tx, &round, &new.departments, by).await?;
    let record = RoundRecord {
        title: &round.title,
        kind: round.kind.as_str(),
        period_from: round.period.from,
        period_to: round.period.to,
        due_on: round.due_on,
        departments: asked.iter().map(|d| d.code.as_str()).collect(),
    };
    s.log(
        &mut tx,
        Change::new(actor, "round.open", "round", round.id).after(record),
    )
    .await?;
    tx.commit().await?;
    Ok(round)
}

/// The parts of `round` with their departments, those of `only` if given, by code.
async fn lines(
    s: &Services,
    ex: &mut impl Access,
    round: &Round,
    parts: Vec<Part>,
    only: Option<Uuid>,
) -> Result<Vec<PartLine>, Error> {
    let mut out = Vec::new();
    for part in parts
        .into_iter()
        .filter(|p| only.is_none_or(|d| d == p.department))
    {
        // A part outlives a department merged or retired after the round opened.
        let department = departments::by_id(ex, part.department)
            .await?
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("part of no department")))?;
        let sent_on = part
            .submitted_at
            .map(|at| at.with_timezone(&s.zone).date_naive());
        let late = part.is_late(round.due_on, sent_on, s.today());
        out.push(PartLine {
            department,
            part,
            late,
        });
    }
    out.sort_by(|a, b| a.department.code.cmp(&b.department.code));
    Ok(out)
}

/// Every round `actor` sees: all for the coordinator, those asking their department for a
/// reviewer, with what their department has to do now.
pub async fn list(s: &Services, actor: &Actor) -> Result<Rounds, Error> {
    let only = reach(actor)?;
    let mut conn = s.db.conn().await?;
    let all_parts = rounds::all_parts(&mut conn).await?;
    let mut out = Vec::new();
    for round in rounds::all(&mut conn).await? {
        let parts: Vec<Part> = all_parts
            .iter()
            .filter(|p| p.round == round.id)
            .cloned()
            .collect();
        let parts = lines(s, &mut conn, &round, parts, only).await?;
        if only.is_some() && parts.is_empty() {
            continue;
        }
        out.push(RoundView { round, parts });
    }
    let to_do = match only {
        Some(department) => {
            rounds::due_or_returned(&mut conn, department, s.today(), DUE_SOON_DAYS).await?
        }
        None => Vec::new(),
    };
    Ok(Rounds {
        rounds: out,
        to_do,
        runs: only.is_none(),
    })
}

/// Round `id` with the parts `actor` sees; a reviewer whose department it does not ask is
/// refused.
pub async fn round(s: &Services, actor: &Actor, id: Uuid) -> Result<RoundView, Error> {
    let only = reach(actor)?;
    let mut conn = s.db.conn().await?;
    let round = rounds::by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    let parts = rounds::parts(&mut conn, id).await?;
    let parts = lines(s, &mut conn, &round, parts, only).await?;
    if only.is_some() && parts.is_empty() {
        return Err(Error::Forbidden);
    }
    Ok(RoundView { round, parts })
}

/// The department of `code` as a part's path names it; an unknown code is 404.
async fn department_of(ex: &mut impl Access, code: &str) -> Result<Department, Error> {
    departments::by_code(ex, code.trim())
        .await?
        .ok_or(Error::NotFound)
}

/// A refusal of a part's step as the web layer words it.
fn not_now(n: crate::domain::round::NotNow) -> Error {
    Error::RoundPart(n)
}
