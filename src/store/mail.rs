//! Mail: each person's address and digest switch, the outbox, the days whose daily mail
//! is written, and the findings each coordinator was told of.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{Access, Tx, on_backend};
use crate::domain::lang::Lang;
use crate::domain::mail::{EmailAddress, MailPrefs, OutboxEntry, Outgoing, Recipient};
use crate::domain::user::Role;

#[derive(sqlx::FromRow)]
struct PrefsRow {
    email: Option<String>,
    digest: bool,
    lang: String,
}

impl From<PrefsRow> for MailPrefs {
    fn from(row: PrefsRow) -> MailPrefs {
        MailPrefs {
            // Stored only once parsed; an address that no longer parses counts as none.
            email: row.email.and_then(|e| EmailAddress::parse(&e).ok()),
            digest: row.digest,
            lang: Lang::parse(&row.lang).unwrap_or_default(),
        }
    }
}

/// A person's mail settings; `None` when there is no such person.
pub async fn prefs(ex: &mut impl Access, user: Uuid) -> Result<Option<MailPrefs>, sqlx::Error> {
    let sql = "SELECT email, digest, lang FROM users WHERE id = $1";
    let row: Option<PrefsRow> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(user)
        .fetch_optional(c)
        .await)?;
    Ok(row.map(MailPrefs::from))
}

/// Replaces a person's mail settings.
pub async fn set_prefs(ex: &mut Tx, user: Uuid, prefs: &MailPrefs) -> Result<(), sqlx::Error> {
    let sql = "UPDATE users SET email = $2, digest = $3, lang = $4, updated_at = $5,
                   version = version + 1
               WHERE id = $1";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(user)
        .bind(prefs.email.as_ref().map(EmailAddress::as_str))
        .bind(prefs.digest)
        .bind(prefs.lang.code())
        .bind(Utc::now())
        .execute(c)
        .await
        .map(|_| ()))
}

#[derive(sqlx::FromRow)]
struct RecipientRow {
    id: Uuid,
    #[sqlx(try_from = "String")]
    role: Role,
    department_id: Option<Uuid>,
    email: Option<String>,
    lang: String,
}

/// The active reviewers and coordinators with an address and the digest on, by username.
pub async fn recipients(ex: &mut impl Access) -> Result<Vec<Recipient>, sqlx::Error> {
    let sql = "SELECT id, role, department_id, email, lang FROM users
               WHERE active AND digest AND email IS NOT NULL
                 AND role IN ('reviewer', 'coordinator')
               ORDER BY username";
    let rows: Vec<RecipientRow> = on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(Recipient {
                user: r.id,
                role: r.role,
                department: r.department_id,
                email: EmailAddress::parse(r.email.as_deref()?).ok()?,
                lang: Lang::parse(&r.lang).unwrap_or_default(),
            })
        })
        .collect())
}

/// Marks `user`'s daily mail of `day` as written; false when it already was (by another
/// instance, or before a restart), and then nothing more may be written for that day.
pub async fn claim_day(
    ex: &mut Tx,
    user: Uuid,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = "INSERT INTO mail_days (user_id, day, written_at) VALUES ($1, $2, $3)
               ON CONFLICT (user_id, day) DO NOTHING";
    let done = on_backend!(ex, |c| sqlx::query(sql)
        .bind(user)
        .bind(day)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Records which message holds `user`'s daily mail of `day`.
pub async fn day_message(
    ex: &mut Tx,
    user: Uuid,
    day: NaiveDate,
    outbox: Uuid,
) -> Result<(), sqlx::Error> {
    let sql = "UPDATE mail_days SET outbox_id = $3 WHERE user_id = $1 AND day = $2";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(user)
        .bind(day)
        .bind(outbox)
        .execute(c)
        .await
        .map(|_| ()))
}

/// The findings `user` was already told of as long overdue.
pub async fn escalated_to(ex: &mut impl Access, user: Uuid) -> Result<Vec<Uuid>, sqlx::Error> {
    let sql = "SELECT finding_id FROM mail_escalations WHERE user_id = $1";
    on_backend!(ex, |c| sqlx::query_scalar(sql)
        .bind(user)
        .fetch_all(c)
        .await)
}

/// Records that `user` is told of `finding` by the message `outbox`.
pub async fn escalate(
    ex: &mut Tx,
    finding: Uuid,
    user: Uuid,
    outbox: Uuid,
) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO mail_escalations (finding_id, user_id, outbox_id) VALUES ($1, $2, $3)";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(finding)
        .bind(user)
        .bind(outbox)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Writes a message into the outbox, due at once.
pub async fn enqueue(
    ex: &mut Tx,
    message: &Outgoing,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO outbox (id, message_id, recipient, subject, body, created_at,
                   next_attempt_at)
               VALUES ($1, $2, $3, $4, $5, $6, $6)";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(message.id)
        .bind(&message.message_id)
        .bind(&message.recipient)
        .bind(&message.subject)
        .bind(&message.body)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
}

/// The unsent messages whose next try is due at `now`, oldest first, at most `limit`.
pub async fn due(
    ex: &mut impl Access,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<Uuid>, sqlx::Error> {
    let sql = "SELECT id FROM outbox
               WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
               ORDER BY next_attempt_at, id LIMIT $2";
    on_backend!(ex, |c| sqlx::query_scalar(sql)
        .bind(now)
        .bind(limit)
        .fetch_all(c)
        .await)
}

#[derive(sqlx::FromRow)]
struct OutgoingRow {
    id: Uuid,
    message_id: String,
    recipient: String,
    subject: String,
    body: String,
    attempts: i64,
}

/// Takes the message `id` for one try, if it is still unsent and due at `now`: counts the
/// try and moves its next try to `retry_at`, so no other worker takes it meanwhile, and a
/// worker that dies while sending leaves it to be tried again then. Returns the message
/// and how many tries it has had, this one included.
pub async fn claim(
    ex: &mut Tx,
    id: Uuid,
    now: DateTime<Utc>,
    retry_at: impl Fn(u32) -> DateTime<Utc>,
) -> Result<Option<(Outgoing, u32)>, sqlx::Error> {
    let sql = "SELECT id, message_id, recipient, subject, body, attempts FROM outbox
               WHERE id = $1 AND sent_at IS NULL AND failed_at IS NULL
                 AND next_attempt_at <= $2";
    let row: Option<OutgoingRow> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(id)
        .bind(now)
        .fetch_optional(c)
        .await)?;
    let Some(row) = row else { return Ok(None) };
    let attempts = u32::try_from(row.attempts + 1).unwrap_or(u32::MAX);
    let sql = "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $3
               WHERE id = $1 AND sent_at IS NULL AND failed_at IS NULL
                 AND next_attempt_at <= $2";
    let taken = on_backend!(ex, |c| sqlx::query(sql)
        .bind(id)
        .bind(now)
        .bind(retry_at(attempts))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok((taken == 1).then(|| {
        let message = Outgoing {
            id: row.id,
            message_id: row.message_id,
            recipient: row.recipient,
            subject: row.subject,
            body: row.body,
        };
        (message, attempts)
    }))
}

/// Records that the mail server accepted the message.
pub async fn sent(ex: &mut Tx, id: Uuid, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let sql = "UPDATE outbox SET sent_at = $2, last_error = NULL WHERE id = $1";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(id)
        .bind(at)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Records why the last try failed (its next try was set when it was claimed).
pub async fn failed(ex: &mut Tx, id: Uuid, error: &str) -> Result<(), sqlx::Error> {
    let sql = "UPDATE outbox SET last_error = $2 WHERE id = $1";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(id)
        .bind(error)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Records that the mail server refused the message for good, and why: it is kept and
/// never tried again.
pub async fn gave_up(
    ex: &mut Tx,
    id: Uuid,
    error: &str,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = "UPDATE outbox SET failed_at = $3, last_error = $2 WHERE id = $1";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(id)
        .bind(error)
        .bind(at)
        .execute(c)
        .await
        .map(|_| ()))
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: Uuid,
    message_id: String,
    recipient: String,
    subject: String,
    created_at: DateTime<Utc>,
    attempts: i64,
    next_attempt_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
    failed_at: Option<DateTime<Utc>>,
    last_error: Option<String>,
}

/// The newest `limit` messages of the outbox, sent or not, newest first.
pub async fn entries(ex: &mut impl Access, limit: i64) -> Result<Vec<OutboxEntry>, sqlx::Error> {
    let sql = "SELECT id, message_id, recipient, subject, created_at, attempts,
                      next_attempt_at, sent_at, failed_at, last_error
               FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1";
    let rows: Vec<EntryRow> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(limit).fetch_all(c).await)?;
    Ok(rows
        .into_iter()
        .map(|r| OutboxEntry {
            id: r.id,
            message_id: r.message_id,
            recipient: r.recipient,
            subject: r.subject,
            created_at: r.created_at,
            attempts: u32::try_from(r.attempts).unwrap_or(u32::MAX),
            next_attempt_at: r.next_attempt_at,
            sent_at: r.sent_at,
            failed_at: r.failed_at,
            last_error: r.last_error,
        })
        .collect())
}

/// The people whose daily mail of `day` is written.
pub async fn written_on(ex: &mut impl Access, day: NaiveDate) -> Result<Vec<Uuid>, sqlx::Error> {
    let sql = "SELECT user_id FROM mail_days WHERE day = $1";
    on_backend!(ex, |c| sqlx::query_scalar(sql).bind(day).fetch_all(c).await)
}
