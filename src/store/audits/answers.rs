//! An audit's answers and the sections marked not applicable.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::audit::answer::ItemAnswer;
use crate::domain::audit::{Outcome, StoredAnswer};
use crate::store::{Access, Tx, on_backend, per_backend, tuples};

/// One answer as the database writes it into the JSON list of an audit's answers.
#[derive(serde::Deserialize)]
struct AnswerJson {
    item: String,
    result: String,
    computed: Option<String>,
    /// The value as text that reads back to the same number (SQLite's `quote`, PostgreSQL's
    /// shortest exact form): JSON numbers from SQLite keep only 15 digits.
    value: Option<String>,
    total: Option<i64>,
    provided: Option<i64>,
    note: Option<String>,
    /// `true`/`false`, or SQLite's `1`/`0`.
    accepted: Option<serde_json::Value>,
    /// As each backend writes a time: RFC 3339, with a space or a `T`.
    answered_at: String,
}

fn count(n: Option<i64>) -> Option<u32> {
    n.and_then(|n| u32::try_from(n).ok())
}

impl AnswerJson {
    fn stored(self, audit: Uuid) -> Result<StoredAnswer, sqlx::Error> {
        let bad = |what: &str| sqlx::Error::Decode(format!("audit {audit} answer {what}").into());
        let outcome = |text: &str| Outcome::parse(text).map_err(|_| bad("result"));
        Ok(StoredAnswer {
            answer: ItemAnswer {
                result: outcome(&self.result)?,
                computed: self.computed.as_deref().map(outcome).transpose()?,
                value: self
                    .value
                    .map(|v| v.parse::<f64>().map_err(|_| bad("value")))
                    .transpose()?,
                total: count(self.total),
                provided: count(self.provided),
                note: self.note,
                item: self.item,
            },
            accepted: match self.accepted {
                None | Some(serde_json::Value::Null) => None,
                Some(serde_json::Value::Bool(b)) => Some(b),
                Some(n) => Some(n.as_i64().ok_or_else(|| bad("accepted"))? != 0),
            },
            answered_at: DateTime::parse_from_rfc3339(&self.answered_at.replacen(' ', "T", 1))
                .map_err(|_| bad("time"))?
                .with_timezone(&Utc),
        })
    }
}

/// The answers of audit `id`, in the order of their item codes. They come as one row, a JSON list the
/// database builds: SQLite's driver hands every row over on its own, and an audit's 78
/// answers read three times (answered, submitted, approved) cost more than all its writes.
pub async fn answers(ex: &mut impl Access, id: Uuid) -> Result<Vec<StoredAnswer>, sqlx::Error> {
    let list: Option<String> = per_backend!(ex,
        sqlite: "SELECT json_group_array(json_object('item', item_code, 'result', result,
                        'computed', computed,
                        'value', CASE WHEN value IS NULL THEN NULL ELSE quote(value) END,
                        'total', total, 'provided', provided, 'note', note,
                        'accepted', accepted, 'answered_at', answered_at))
                 FROM (SELECT * FROM audit_answers WHERE audit_id = $1 ORDER BY item_code)",
        postgres: "SELECT json_agg(json_build_object('item', item_code, 'result', result,
                          'computed', computed, 'value', value::text, 'total', total,
                          'provided', provided, 'note', note, 'accepted', accepted,
                          'answered_at', answered_at) ORDER BY item_code)::text
                   FROM audit_answers WHERE audit_id = $1",
        |c, sql| sqlx::query_scalar(sql).bind(id).fetch_one(c).await)?;
    let Some(list) = list else {
        return Ok(Vec::new());
    };
    let rows: Vec<AnswerJson> = serde_json::from_str(&list)
        .map_err(|e| sqlx::Error::Decode(format!("audit {id} answers: {e}").into()))?;
    let mut answers = rows
        .into_iter()
        .map(|r| r.stored(id))
        .collect::<Result<Vec<_>, _>>()?;
    // In the order of the codes' bytes on both backends, whatever a database's collation.
    answers.sort_by(|a, b| a.answer.item.cmp(&b.answer.item));
    Ok(answers)
}

/// One answer as [`save_answers`] sends it, in a JSON list.
#[derive(serde::Serialize)]
struct AnswerOut<'a> {
    item: &'a str,
    result: &'a str,
    computed: Option<&'a str>,
    /// As Rust writes it, the shortest text that reads back to the same number.
    value: Option<String>,
    total: Option<u32>,
    provided: Option<u32>,
    note: Option<&'a str>,
}

/// Stores answers for audit `id`, replacing earlier answers to the same items (and any
/// reviewer's word on them). They go as one JSON list in one bound value: one statement
/// whatever their number, and no long list of placeholders to match.
pub async fn save_answers(
    tx: &mut Tx,
    id: Uuid,
    answers: &[ItemAnswer],
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    if answers.is_empty() {
        return Ok(());
    }
    let list: Vec<AnswerOut<'_>> = answers
        .iter()
        .map(|a| AnswerOut {
            item: &a.item,
            result: a.result.as_str(),
            computed: a.computed.map(Outcome::as_str),
            value: a.value.map(|v| v.to_string()),
            total: a.total,
            provided: a.provided,
            note: a.note.as_deref(),
        })
        .collect();
    let list = serde_json::to_string(&list).expect("answers serialise");
    per_backend!(tx,
        sqlite: "INSERT INTO audit_answers (item_code, result, computed, value, total, provided,
                     note, answered_at, audit_id, accepted)
                 SELECT json_extract(j.value, '$.item'), json_extract(j.value, '$.result'),
                        json_extract(j.value, '$.computed'),
                        CAST(json_extract(j.value, '$.value') AS REAL),
                        json_extract(j.value, '$.total'), json_extract(j.value, '$.provided'),
                        json_extract(j.value, '$.note'), $2, $3, NULL
                 FROM json_each($1) j WHERE true
                 ON CONFLICT (audit_id, item_code) DO UPDATE SET result = excluded.result,
                     computed = excluded.computed, value = excluded.value,
                     total = excluded.total, provided = excluded.provided, note = excluded.note,
                     answered_at = excluded.answered_at, accepted = NULL",
        postgres: "INSERT INTO audit_answers (item_code, result, computed, value, total, provided,
                       note, answered_at, audit_id, accepted)
                   SELECT j.item, j.result, j.computed, j.value::double precision, j.total,
                          j.provided, j.note, $2, $3, NULL
                   FROM jsonb_to_recordset($1::jsonb) AS j(item text, result text,
                        computed text, value text, total bigint, provided bigint, note text)
                   ON CONFLICT (audit_id, item_code) DO UPDATE SET result = excluded.result,
                       computed = excluded.computed, value = excluded.value,
                       total = excluded.total, provided = excluded.provided,
                       note = excluded.note, answered_at = excluded.answered_at,
                       accepted = NULL",
        |c, sql| sqlx::query(sql)
            .bind(&list)
            .bind(at)
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))
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

/// The optional sections of audit `id` marked not applicable, in code order.
pub async fn sections_not_applicable(
    ex: &mut impl Access,
    id: Uuid,
) -> Result<Vec<String>, sqlx::Error> {
    // One row, a JSON list, for the reason given at [`answers`].
    let list: Option<String> = per_backend!(ex,
        sqlite: "SELECT json_group_array(section_code) FROM audit_sections_not_applicable
                 WHERE audit_id = $1",
        postgres: "SELECT json_agg(section_code)::text FROM audit_sections_not_applicable
                   WHERE audit_id = $1",
        |c, sql| sqlx::query_scalar(sql).bind(id).fetch_one(c).await)?;
    let mut codes: Vec<String> = match list {
        Some(list) => serde_json::from_str(&list)
            .map_err(|e| sqlx::Error::Decode(format!("audit {id} sections: {e}").into()))?,
        None => Vec::new(),
    };
    codes.sort();
    Ok(codes)
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
