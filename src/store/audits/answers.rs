//! An audit's answers and the sections marked not applicable.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::audit::answer::ItemAnswer;
use crate::domain::audit::{Outcome, StoredAnswer};
use crate::store::{Access, Tx, on_backend, tuples};

#[derive(sqlx::FromRow)]
struct AnswerRow {
    item_code: String,
    #[sqlx(try_from = "String")]
    result: Outcome,
    computed: Option<String>,
    value: Option<f64>,
    total: Option<i64>,
    provided: Option<i64>,
    note: Option<String>,
    accepted: Option<bool>,
    answered_at: DateTime<Utc>,
}

fn count(n: Option<i64>) -> Option<u32> {
    n.and_then(|n| u32::try_from(n).ok())
}

/// The answers of audit `id`.
pub async fn answers(ex: &mut impl Access, id: Uuid) -> Result<Vec<StoredAnswer>, sqlx::Error> {
    let sql = "SELECT item_code, result, computed, value, total, provided, note, accepted,
                      answered_at
               FROM audit_answers WHERE audit_id = $1 ORDER BY item_code";
    let rows: Vec<AnswerRow> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_all(c).await)?;
    rows.into_iter()
        .map(|r| {
            let computed = r
                .computed
                .as_deref()
                .map(Outcome::parse)
                .transpose()
                .map_err(|p| sqlx::Error::Decode(format!("audit {id} computed: {p:?}").into()))?;
            Ok(StoredAnswer {
                answer: ItemAnswer {
                    item: r.item_code,
                    result: r.result,
                    computed,
                    value: r.value,
                    total: count(r.total),
                    provided: count(r.provided),
                    note: r.note,
                },
                accepted: r.accepted,
                answered_at: r.answered_at,
            })
        })
        .collect()
}

/// Columns of one answer row.
const ANSWER_BINDS: usize = 8;
/// Answer rows per statement (8 binds each, well under either backend's limit).
const ANSWERS_PER_STATEMENT: usize = 100;

/// Stores answers for audit `id`, replacing earlier answers to the same items (and any
/// reviewer's word on them).
pub async fn save_answers(
    tx: &mut Tx,
    id: Uuid,
    answers: &[ItemAnswer],
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for chunk in answers.chunks(ANSWERS_PER_STATEMENT) {
        let shared = chunk.len() * ANSWER_BINDS + 1;
        let sql = format!(
            "INSERT INTO audit_answers (item_code, result, computed, value, total, provided,
                 note, answered_at, audit_id, accepted)
             VALUES {}
             ON CONFLICT (audit_id, item_code) DO UPDATE SET result = excluded.result,
                 computed = excluded.computed, value = excluded.value, total = excluded.total,
                 provided = excluded.provided, note = excluded.note,
                 answered_at = excluded.answered_at, accepted = NULL",
            tuples(chunk.len(), ANSWER_BINDS, |_| vec![
                format!("${shared}"),
                "NULL".into()
            ])
        );
        on_backend!(tx, |c| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for a in chunk {
                q = q
                    .bind(&a.item)
                    .bind(a.result.as_str())
                    .bind(a.computed.map(Outcome::as_str))
                    .bind(a.value)
                    .bind(a.total.map(i64::from))
                    .bind(a.provided.map(i64::from))
                    .bind(&a.note)
                    .bind(at);
            }
            q.bind(id).execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
}

/// Removes the answers of audit `id` to `items`.
pub async fn clear_answers(tx: &mut Tx, id: Uuid, items: &[String]) -> Result<(), sqlx::Error> {
    let sql = "DELETE FROM audit_answers WHERE audit_id = $1 AND item_code = $2";
    for item in items {
        on_backend!(tx, |c| sqlx::query(sql)
            .bind(id)
            .bind(item)
            .execute(c)
            .await
            .map(|_| ()))?;
    }
    Ok(())
}

/// The optional sections of audit `id` marked not applicable.
pub async fn sections_not_applicable(
    ex: &mut impl Access,
    id: Uuid,
) -> Result<Vec<String>, sqlx::Error> {
    let sql = "SELECT section_code FROM audit_sections_not_applicable WHERE audit_id = $1
               ORDER BY section_code";
    on_backend!(ex, |c| sqlx::query_scalar(sql).bind(id).fetch_all(c).await)
}

/// Marks optional sections of audit `id` not applicable (`applies` false), or takes that
/// back; one statement for all of them.
pub async fn mark_sections(
    tx: &mut Tx,
    id: Uuid,
    sections: &[&str],
    applies: bool,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    if sections.is_empty() {
        return Ok(());
    }
    let sql = if applies {
        let list: Vec<String> = (0..sections.len()).map(|n| format!("${}", n + 2)).collect();
        format!(
            "DELETE FROM audit_sections_not_applicable
             WHERE audit_id = $1 AND section_code IN ({})",
            list.join(", ")
        )
    } else {
        let n = sections.len() * 2;
        let rows = tuples(sections.len(), 2, |_| vec![format!("${}", n + 1)]);
        format!(
            "INSERT INTO audit_sections_not_applicable (audit_id, section_code, marked_at)
             VALUES {rows} ON CONFLICT (audit_id, section_code) DO NOTHING"
        )
    };
    on_backend!(tx, |c| {
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
        if applies {
            query = query.bind(id);
            for section in sections {
                query = query.bind(*section);
            }
        } else {
            for section in sections {
                query = query.bind(id).bind(*section);
            }
            query = query.bind(at);
        }
        query.execute(c).await.map(|_| ())
    })
}

/// Records the reviewer's word on an alternative offered for `item`.
pub async fn decide_alternative(
    tx: &mut Tx,
    id: Uuid,
    item: &str,
    accepted: bool,
) -> Result<(), sqlx::Error> {
    let sql = "UPDATE audit_answers SET accepted = $3 WHERE audit_id = $1 AND item_code = $2";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(item)
        .bind(accepted)
        .execute(c)
        .await
        .map(|_| ()))
}
