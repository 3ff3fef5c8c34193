//! Reporting rounds and the departments' parts: SQL only.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{Access, Tx, on_backend, per_backend};
use crate::domain::report::Period;
use crate::domain::round::{Part, PartState, Round, RoundKind, Sections};

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: Uuid,
    title: String,
    kind: String,
    period_from: NaiveDate,
    period_to: NaiveDate,
    due_on: NaiveDate,
    created_at: DateTime<Utc>,
}

impl TryFrom<RoundRow> for Round {
    type Error = sqlx::Error;

    fn try_from(r: RoundRow) -> Result<Self, sqlx::Error> {
        let bad = |what: &str| sqlx::Error::Decode(format!("round {}: {what}", r.id).into());
        Ok(Round {
            id: r.id,
            kind: RoundKind::parse(&r.kind).map_err(|_| bad("kind"))?,
            period: Period::new(r.period_from, r.period_to).map_err(|_| bad("period"))?,
            title: r.title,
            due_on: r.due_on,
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct PartRow {
    round_id: Uuid,
    department_id: Uuid,
    state: String,
    results: String,
    difficulties: String,
    proposals: String,
    comment: Option<String>,
    submitted_at: Option<DateTime<Utc>>,
    decided_at: Option<DateTime<Utc>>,
    version: i64,
}

impl TryFrom<PartRow> for Part {
    type Error = sqlx::Error;

    fn try_from(r: PartRow) -> Result<Self, sqlx::Error> {
        let state = PartState::parse(&r.state).map_err(|_| {
            sqlx::Error::Decode(format!("part {} {}: state", r.round_id, r.department_id).into())
        })?;
        Ok(Part {
            round: r.round_id,
            department: r.department_id,
            state,
            sections: Sections {
                results: r.results,
                difficulties: r.difficulties,
                proposals: r.proposals,
            },
            comment: r.comment,
            submitted_at: r.submitted_at,
            decided_at: r.decided_at,
            version: r.version,
        })
    }
}

macro_rules! select_rounds {
    () => {
        "SELECT id, title, kind, period_from, period_to, due_on, created_at FROM rounds "
    };
}

macro_rules! select_parts {
    () => {
        "SELECT round_id, department_id, state, results, difficulties, proposals, comment,
                submitted_at, decided_at, version
         FROM round_parts "
    };
}

/// Stores a new round opened by `by`, and an empty part for each department it asks.
pub async fn insert(
    tx: &mut Tx,
    round: &Round,
    departments: &[Uuid],
    by: Uuid,
) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO rounds (id, title, kind, period_from, period_to, due_on, opened_by,
                   created_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(round.id)
        .bind(&round.title)
        .bind(round.kind.as_str())
        .bind(round.period.from)
        .bind(round.period.to)
        .bind(round.due_on)
        .bind(by)
        .bind(round.created_at)
        .execute(c)
        .await
        .map(|_| ()))?;
    let sql = "INSERT INTO round_parts (round_id, department_id, updated_at) VALUES ($1, $2, $3)";
    for department in departments {
        on_backend!(tx, |c| sqlx::query(sql)
            .bind(round.id)
            .bind(department)
            .bind(round.created_at)
            .execute(c)
            .await
            .map(|_| ()))?;
    }
    Ok(())
}

/// Every round, newest first.
pub async fn all(ex: &mut impl Access) -> Result<Vec<Round>, sqlx::Error> {
    let sql = concat!(select_rounds!(), "ORDER BY created_at DESC, id DESC");
    let rows: Vec<RoundRow> = on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)?;
    rows.into_iter().map(Round::try_from).collect()
}

/// Round `id`.
pub async fn by_id(ex: &mut impl Access, id: Uuid) -> Result<Option<Round>, sqlx::Error> {
    let sql = concat!(select_rounds!(), "WHERE id = $1");
    let row: Option<RoundRow> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
    row.map(Round::try_from).transpose()
}

/// Every part of round `id`, in no set order.
pub async fn parts(ex: &mut impl Access, id: Uuid) -> Result<Vec<Part>, sqlx::Error> {
    let sql = concat!(select_parts!(), "WHERE round_id = $1");
    let rows: Vec<PartRow> = on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_all(c).await)?;
    rows.into_iter().map(Part::try_from).collect()
}

/// Every part of every round, for the list of rounds.
pub async fn all_parts(ex: &mut impl Access) -> Result<Vec<Part>, sqlx::Error> {
    let sql = select_parts!();
    let rows: Vec<PartRow> = on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)?;
    rows.into_iter().map(Part::try_from).collect()
}

/// The part of `department` in round `round`, its row taken for the rest of `tx`.
pub async fn locked_part(
    tx: &mut Tx,
    round: Uuid,
    department: Uuid,
) -> Result<Option<Part>, sqlx::Error> {
    let row: Option<PartRow> = per_backend!(tx,
        sqlite: concat!(select_parts!(), "WHERE round_id = $1 AND department_id = $2"),
        postgres: concat!(select_parts!(), "WHERE round_id = $1 AND department_id = $2 FOR UPDATE"),
        |c, sql| sqlx::query_as(sql).bind(round).bind(department).fetch_optional(c).await)?;
    row.map(Part::try_from).transpose()
}

/// Who did what to a part, as [`update_part`] records it.
#[derive(Debug, Clone, Copy)]
pub enum By {
    /// A reviewer saved or sent it.
    Department(Uuid),
    /// The coordinator returned or accepted it.
    Coordinator(Uuid),
}

/// Writes `part` as it now stands, done by `by` at `now`; its version goes up by one.
pub async fn update_part(
    tx: &mut Tx,
    part: &Part,
    by: By,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = "UPDATE round_parts SET state = $3, results = $4, difficulties = $5,
                   proposals = $6, comment = $7, submitted_at = $8, decided_at = $9,
                   submitted_by = CASE WHEN $10 THEN $11 ELSE submitted_by END,
                   decided_by = CASE WHEN $10 THEN decided_by ELSE $11 END,
                   updated_at = $12, version = version + 1
               WHERE round_id = $1 AND department_id = $2";
    let (by_department, who) = match by {
        By::Department(who) => (true, who),
        By::Coordinator(who) => (false, who),
    };
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(part.round)
        .bind(part.department)
        .bind(part.state.as_str())
        .bind(&part.sections.results)
        .bind(&part.sections.difficulties)
        .bind(&part.sections.proposals)
        .bind(&part.comment)
        .bind(part.submitted_at)
        .bind(part.decided_at)
        .bind(by_department)
        .bind(who)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// The rounds in which `department` still has something to do on `day`: its part not yet
/// sent and due by `day` plus `within` days (or overdue), or returned to it. By due date.
pub async fn due_or_returned(
    ex: &mut impl Access,
    department: Uuid,
    day: NaiveDate,
    within: u64,
) -> Result<Vec<(Round, PartState)>, sqlx::Error> {
    let sql = "SELECT r.id, r.title, r.kind, r.period_from, r.period_to, r.due_on, r.created_at,
                      p.state
               FROM rounds r JOIN round_parts p ON p.round_id = r.id
               WHERE p.department_id = $1
                 AND (p.state = 'returned'
                      OR (p.state IN ('pending', 'draft') AND r.due_on <= $2))
               ORDER BY r.due_on, r.id";
    let until = day + chrono::Days::new(within);
    type Joined = (
        Uuid,
        String,
        String,
        NaiveDate,
        NaiveDate,
        NaiveDate,
        DateTime<Utc>,
        String,
    );
    let rows: Vec<Joined> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(department)
        .bind(until)
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(
            |(id, title, kind, period_from, period_to, due_on, created_at, state)| {
                let round = Round::try_from(RoundRow {
                    id,
                    title,
                    kind,
                    period_from,
                    period_to,
                    due_on,
                    created_at,
                })?;
                let state = PartState::parse(&state)
                    .map_err(|_| sqlx::Error::Decode(format!("part of {id}: state").into()))?;
                Ok((round, state))
            },
        )
        .collect()
}
