//! The event log: appended in the same transaction as the change it records.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Access, Tx, on_backend, per_backend};
use crate::domain::event::{Change, Day, Event, stored_time};

#[derive(sqlx::FromRow)]
struct Row {
    seq: i64,
    id: Uuid,
    at: DateTime<Utc>,
    actor_id: Option<Uuid>,
    actor: String,
    action: String,
    entity_type: String,
    entity_id: String,
    before_json: Option<String>,
    after_json: Option<String>,
    prev_hash: String,
    hash: String,
}

impl From<Row> for Event {
    fn from(r: Row) -> Self {
        Event {
            seq: r.seq,
            id: r.id,
            at: r.at,
            actor_id: r.actor_id,
            actor: r.actor,
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            before: r.before_json,
            after: r.after_json,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

/// Appends `change`, made at `at`, to the chain. Takes the write transaction of the change
/// itself, so the record and its event are written together or not at all; the chain head
/// row serialises concurrent appends. Two statements: the head's next position, and the
/// event (whose insert moves the head's hash along).
pub async fn append(tx: &mut Tx, at: DateTime<Utc>, change: Change) -> Result<Event, sqlx::Error> {
    let sql = "UPDATE event_chain SET last_seq = last_seq + 1 WHERE id = 1
               RETURNING last_seq, last_hash";
    let (seq, prev_hash): (i64, String) =
        on_backend!(tx, |c| sqlx::query_as(sql).fetch_one(c).await)?;
    let text = |v: Option<serde_json::Value>| v.map(|v| v.to_string());
    let mut event = Event {
        seq,
        id: Uuid::now_v7(),
        at: stored_time(at),
        actor_id: change.actor_id,
        actor: change.actor,
        action: change.action.to_owned(),
        entity_type: change.entity_type.to_owned(),
        entity_id: change.entity_id,
        before: text(change.before),
        after: text(change.after),
        prev_hash,
        hash: String::new(),
    };
    event.hash = event.expected_hash();
    // The trigger `events_chain_head` (migration 0008) sets the head's hash to this one.
    let sql = "INSERT INTO events (seq, id, at, actor_id, actor, action, entity_type, entity_id,
                   before_json, after_json, prev_hash, hash)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(event.seq)
        .bind(event.id)
        .bind(event.at)
        .bind(event.actor_id)
        .bind(&event.actor)
        .bind(&event.action)
        .bind(&event.entity_type)
        .bind(&event.entity_id)
        .bind(event.before.as_deref())
        .bind(event.after.as_deref())
        .bind(&event.prev_hash)
        .bind(&event.hash)
        .execute(c)
        .await
        .map(|_| ()))?;
    tx.events += 1;
    Ok(event)
}

/// Filters for browsing the log; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Actor name.
    pub actor: Option<String>,
    /// Action (`site.create`).
    pub action: Option<String>,
    /// Entity type (`site`).
    pub entity_type: Option<String>,
    /// Entity id.
    pub entity_id: Option<String>,
    /// From this time on.
    pub from: Option<DateTime<Utc>>,
    /// Before this time.
    pub to: Option<DateTime<Utc>>,
    /// Only events before this position (paging backwards, newest first).
    pub before_seq: Option<i64>,
    /// At most this many.
    pub limit: u32,
}

/// Events matching `filter`, newest first.
pub async fn list(ex: &mut impl Access, filter: &Filter) -> Result<Vec<Event>, sqlx::Error> {
    let rows: Vec<Row> = on_backend!(ex, |c| {
        let mut q = sqlx::QueryBuilder::new(
            "SELECT seq, id, at, actor_id, actor, action, entity_type, entity_id, before_json,
                    after_json, prev_hash, hash FROM events WHERE 1 = 1",
        );
        if let Some(actor) = &filter.actor {
            q.push(" AND actor = ").push_bind(actor.as_str());
        }
        if let Some(action) = &filter.action {
            q.push(" AND action = ").push_bind(action.as_str());
        }
        if let Some(entity_type) = &filter.entity_type {
            q.push(" AND entity_type = ")
                .push_bind(entity_type.as_str());
        }
        if let Some(entity_id) = &filter.entity_id {
            q.push(" AND entity_id = ").push_bind(entity_id.as_str());
        }
        if let Some(from) = filter.from {
            q.push(" AND at >= ").push_bind(from);
        }
        if let Some(to) = filter.to {
            q.push(" AND at < ").push_bind(to);
        }
        if let Some(before) = filter.before_seq {
            q.push(" AND seq < ").push_bind(before);
        }
        q.push(" ORDER BY seq DESC LIMIT ")
            .push_bind(i64::from(filter.limit));
        q.build_query_as().fetch_all(c).await
    })?;
    Ok(rows.into_iter().map(Event::from).collect())
}

/// Events after position `after`, oldest first, for walking the whole chain.
pub async fn page(ex: &mut impl Access, after: i64, limit: i64) -> Result<Vec<Event>, sqlx::Error> {
    let sql = "SELECT seq, id, at, actor_id, actor, action, entity_type, entity_id, before_json,
                      after_json, prev_hash, hash
               FROM events WHERE seq > $1 ORDER BY seq LIMIT $2";
    let rows: Vec<Row> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(after)
        .bind(limit)
        .fetch_all(c)
        .await)?;
    Ok(rows.into_iter().map(Event::from).collect())
}

/// The chain head: last position and hash.
pub async fn head(ex: &mut impl Access) -> Result<(i64, String), sqlx::Error> {
    let sql = "SELECT last_seq, last_hash FROM event_chain WHERE id = 1";
    on_backend!(ex, |c| sqlx::query_as(sql).fetch_one(c).await)
}

/// Changes per local day between `from` and `to`, for a zone `offset_seconds` east of
/// UTC: the date arithmetic differs between the backends, and PostgreSQL would sum into
/// `NUMERIC` without the cast.
pub async fn per_day(
    ex: &mut impl Access,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    offset_seconds: i32,
) -> Result<Vec<Day>, sqlx::Error> {
    per_backend!(ex,
        sqlite: "SELECT strftime('%Y-%m-%d', at, $3 || ' seconds') AS day, COUNT(*) AS changes,
                        SUM(CASE WHEN before_json IS NULL THEN 0 ELSE 1 END) AS edits
                 FROM events WHERE at >= $1 AND at < $2 GROUP BY 1 ORDER BY 1",
        postgres: "SELECT to_char(date_trunc('day', (at AT TIME ZONE 'UTC')
                                  + make_interval(secs => $3)), 'YYYY-MM-DD') AS day,
                          COUNT(*) AS changes,
                          SUM(CASE WHEN before_json IS NULL THEN 0 ELSE 1 END)::BIGINT AS edits
                   FROM events WHERE at >= $1 AND at < $2 GROUP BY 1 ORDER BY 1",
        |c, sql| sqlx::query_as(sql)
            .bind(from)
            .bind(to)
            .bind(f64::from(offset_seconds))
            .fetch_all(c)
            .await)
    .map(|rows: Vec<(String, i64, i64)>| {
        rows.into_iter()
            .map(|(day, changes, edits)| Day {
                day,
                changes,
                edits,
            })
            .collect()
    })
}
