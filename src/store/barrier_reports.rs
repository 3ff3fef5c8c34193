//! Barrier reports from the public: SQL only.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{Access, Tx, on_backend, per_backend};
use crate::domain::barrier::{Feature, Publication, Report, ReportState};
use crate::domain::geo::Coordinates;
use crate::domain::lang::Lang;
use crate::domain::site::public::ReportCounts;

/// A report's row, with its site's name.
#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    public_token: String,
    site_id: Option<Uuid>,
    site_name: Option<String>,
    lat: f64,
    lon: f64,
    department_id: Option<Uuid>,
    features: String,
    description: String,
    lang: String,
    contact: Option<String>,
    contact_erased_at: Option<DateTime<Utc>>,
    state: String,
    publication: String,
    finding_id: Option<Uuid>,
    follow_up_on: Option<NaiveDate>,
    reason: Option<String>,
    duplicate_of: Option<Uuid>,
    created_at: DateTime<Utc>,
    answered_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    version: i64,
}

/// The columns of a report, with its site's name; a `WHERE` follows.
macro_rules! select_reports {
    () => {
        "SELECT r.id, r.public_token, r.site_id, s.name AS site_name, r.lat, r.lon,
        r.department_id, r.features, r.description, r.lang, r.contact, r.contact_erased_at,
        r.state, r.publication,
        r.finding_id, r.follow_up_on, r.reason, r.duplicate_of, r.created_at, r.answered_at,
        r.closed_at, r.version
    FROM barrier_reports r LEFT JOIN sites s ON s.id = r.site_id "
    };
}

impl TryFrom<Row> for Report {
    type Error = sqlx::Error;

    fn try_from(r: Row) -> Result<Self, sqlx::Error> {
        let bad = |what: &str| sqlx::Error::Decode(format!("report {}: {what}", r.id).into());
        let features = r
            .features
            .split(',')
            .map(Feature::parse)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| bad("features"))?;
        Ok(Report {
            id: r.id,
            public_token: r.public_token.clone(),
            site: r.site_id.zip(r.site_name.clone()),
            position: Coordinates::new(r.lon, r.lat).map_err(|_| bad("position"))?,
            department: r.department_id,
            features,
            description: r.description.clone(),
            lang: Lang::parse(&r.lang).ok_or_else(|| bad("lang"))?,
            contact: r.contact.clone(),
            contact_erased_at: r.contact_erased_at,
            state: ReportState::parse(&r.state).map_err(|_| bad("state"))?,
            publication: Publication::parse(&r.publication).map_err(|_| bad("publication"))?,
            finding: r.finding_id,
            follow_up_on: r.follow_up_on,
            reason: r.reason.clone(),
            duplicate_of: r.duplicate_of,
            created_at: r.created_at,
            answered_at: r.answered_at,
            closed_at: r.closed_at,
            version: r.version,
        })
    }
}

/// What is stored of a new report besides the report itself.
pub struct Sent<'a> {
    /// The form's hidden key or the `Idempotency-Key`: the same key sends one report.
    pub form_key: &'a str,
    /// SHA-256 of the sender's address, for the per-address limit.
    pub sender_digest: &'a str,
    /// The area the position lies in, if known.
    pub area: Option<Uuid>,
}

/// Stores a new report.
pub async fn insert(tx: &mut Tx, r: &Report, sent: &Sent<'_>) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO barrier_reports (id, public_token, form_key, site_id, lat, lon,
                   area_id, department_id, features, description, lang, contact, state,
                   publication, sender_digest, created_at, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)";
    let features = r
        .features
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(",");
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(r.id)
        .bind(&r.public_token)
        .bind(sent.form_key)
        .bind(r.site.as_ref().map(|(id, _)| *id))
        .bind(r.position.lat())
        .bind(r.position.lon())
        .bind(sent.area)
        .bind(r.department)
        .bind(&features)
        .bind(&r.description)
        .bind(r.lang.code())
        .bind(r.contact.as_deref())
        .bind(r.state.as_str())
        .bind(r.publication.as_str())
        .bind(sent.sender_digest)
        .bind(r.created_at)
        .execute(c)
        .await
        .map(|_| ()))
}

/// The report at public address `token`.
pub async fn by_token(ex: &mut impl Access, token: &str) -> Result<Option<Report>, sqlx::Error> {
    let sql = concat!(select_reports!(), "WHERE r.public_token = $1");
    let row: Option<Row> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(token)
        .fetch_optional(c)
        .await)?;
    row.map(Report::try_from).transpose()
}

/// The report sent with form key `key`.
pub async fn by_form_key(ex: &mut impl Access, key: &str) -> Result<Option<Report>, sqlx::Error> {
    let sql = concat!(select_reports!(), "WHERE r.form_key = $1");
    let row: Option<Row> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(key)
        .fetch_optional(c)
        .await)?;
    row.map(Report::try_from).transpose()
}

/// When the reports from the sender with `digest` since `since` were sent.
pub async fn sent_since(
    ex: &mut impl Access,
    digest: &str,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, sqlx::Error> {
    let sql = "SELECT created_at FROM barrier_reports
               WHERE sender_digest = $1 AND created_at >= $2";
    let rows: Vec<(DateTime<Utc>,)> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(digest)
        .bind(since)
        .fetch_all(c)
        .await)?;
    Ok(rows.into_iter().map(|(t,)| t).collect())
}

/// Deletes the contacts of reports closed before `closed_before`, noting `at`; returns the
/// ids of the reports whose contact went.
pub async fn erase_contacts(
    tx: &mut Tx,
    closed_before: DateTime<Utc>,
    at: DateTime<Utc>,
) -> Result<Vec<Uuid>, sqlx::Error> {
    let sql = "UPDATE barrier_reports SET contact = NULL, contact_erased_at = $2
               WHERE contact IS NOT NULL AND closed_at IS NOT NULL AND closed_at < $1
               RETURNING id";
    let rows: Vec<(Uuid,)> = on_backend!(tx, |c| sqlx::query_as(sql)
        .bind(closed_before)
        .bind(at)
        .fetch_all(c)
        .await)?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// How many reports came about site `site`, and how many were confirmed.
pub async fn counts_of_site(ex: &mut impl Access, site: Uuid) -> Result<ReportCounts, sqlx::Error> {
    let sql = "SELECT count(*),
                      coalesce(sum(CASE WHEN state = 'confirmed' THEN 1 ELSE 0 END), 0)
               FROM barrier_reports WHERE site_id = $1";
    let (received, confirmed): (i64, i64) =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(site).fetch_one(c).await)?;
    Ok(ReportCounts {
        received,
        confirmed,
    })
}

/// How many reports about each site a moderator answered, by state: (site, state, count);
/// reports still received are left out.
pub async fn answered_by_site(
    ex: &mut impl Access,
) -> Result<Vec<(Uuid, String, i64)>, sqlx::Error> {
    let sql = "SELECT site_id, state, count(*) FROM barrier_reports
               WHERE site_id IS NOT NULL AND state <> 'received'
               GROUP BY site_id, state";
    on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)
}

/// Report `id`.
pub async fn by_id(ex: &mut impl Access, id: Uuid) -> Result<Option<Report>, sqlx::Error> {
    let sql = concat!(select_reports!(), "WHERE r.id = $1");
    let row: Option<Row> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
    row.map(Report::try_from).transpose()
}

/// Report `id`, its row taken for the rest of `tx` (a row lock on PostgreSQL; a SQLite
/// write transaction holds the whole database already).
pub async fn locked(tx: &mut Tx, id: Uuid) -> Result<Option<Report>, sqlx::Error> {
    let row: Option<Row> = per_backend!(tx,
        sqlite: concat!(select_reports!(), "WHERE r.id = $1"),
        postgres: concat!(select_reports!(), "WHERE r.id = $1 FOR UPDATE OF r"),
        |c, sql| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
    row.map(Report::try_from).transpose()
}

/// The reports of `department` (none: of places in no registry), newest first, in `state`
/// if given; at most `limit`.
pub async fn queue(
    ex: &mut impl Access,
    department: Option<Uuid>,
    state: Option<ReportState>,
    limit: i64,
) -> Result<Vec<Report>, sqlx::Error> {
    let sql = concat!(
        select_reports!(),
        "WHERE ((r.department_id IS NULL AND $1 IS NULL) OR r.department_id = $1)
           AND ($2 IS NULL OR r.state = $2)
         ORDER BY r.created_at DESC, r.id DESC LIMIT $3"
    );
    let rows: Vec<Row> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(department)
        .bind(state.map(ReportState::as_str))
        .bind(limit)
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(Report::try_from).collect()
}

/// How many reports of `department` (none: of places in no registry) are in each state.
pub async fn counts(
    ex: &mut impl Access,
    department: Option<Uuid>,
) -> Result<Vec<(ReportState, i64)>, sqlx::Error> {
    let sql = "SELECT state, count(*) FROM barrier_reports
               WHERE (department_id IS NULL AND $1 IS NULL) OR department_id = $1
               GROUP BY state";
    let rows: Vec<(String, i64)> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(department)
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|(state, n)| {
            ReportState::parse(&state)
                .map(|s| (s, n))
                .map_err(|_| sqlx::Error::Decode(format!("report state {state}").into()))
        })
        .collect()
}

/// Writes a report's answer (its state, what goes with it, when it was first answered and
/// closed) and its publication, when its version is still `version`. False when another
/// change came first.
pub async fn update(
    tx: &mut Tx,
    r: &Report,
    version: i64,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE barrier_reports SET state = $3, publication = $4, finding_id = $5,
                   follow_up_on = $6, reason = $7, duplicate_of = $8, answered_at = $9,
                   closed_at = $10, updated_at = $11, version = version + 1
               WHERE id = $1 AND version = $2";
    let changed = on_backend!(tx, |c| sqlx::query(sql)
        .bind(r.id)
        .bind(version)
        .bind(r.state.as_str())
        .bind(r.publication.as_str())
        .bind(r.finding)
        .bind(r.follow_up_on)
        .bind(r.reason.as_deref())
        .bind(r.duplicate_of)
        .bind(r.answered_at)
        .bind(r.closed_at)
        .bind(at)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(changed == 1)
}

/// Files report `id`, of a place in no registry, under the place `site` registered from it:
/// its department and area become the place's. False when it names a place already.
pub async fn file_under(
    tx: &mut Tx,
    id: Uuid,
    site: &crate::domain::site::Site,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE barrier_reports SET site_id = $2, department_id = $3, area_id = $4,
                   updated_at = $5, version = version + 1
               WHERE id = $1 AND site_id IS NULL";
    let changed = on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(site.id)
        .bind(site.department.id)
        .bind(site.area.as_ref().map(|a| a.id))
        .bind(at)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(changed == 1)
}

/// Gives report `id`, of a place in no registry and no department yet, to `department`.
/// False when it has a place or a department already.
pub async fn assign(
    tx: &mut Tx,
    id: Uuid,
    department: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE barrier_reports SET department_id = $2, updated_at = $3,
                   version = version + 1
               WHERE id = $1 AND site_id IS NULL AND department_id IS NULL";
    let changed = on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(department)
        .bind(at)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(changed == 1)
}
