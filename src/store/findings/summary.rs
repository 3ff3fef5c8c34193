//! Each site's stored summary after an approval, and the barriers it is made from.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::checklist::{Feature, Severity};
use crate::domain::site::level::{FeatureState, Level, Summary};
use crate::store::{Access, Tx, on_backend};

/// The barriers of `site` that stand (every state but verified), as `(severity, feature)`.
pub async fn standing_barriers(
    ex: &mut impl Access,
    site: Uuid,
) -> Result<Vec<(Severity, Feature)>, sqlx::Error> {
    let sql = "SELECT severity, feature FROM findings WHERE site_id = $1 AND state <> 'verified'";
    let rows: Vec<(String, String)> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(site).fetch_all(c).await)?;
    rows.into_iter()
        .map(|(s, f)| {
            let decode = |p| sqlx::Error::Decode(format!("finding of site {site}: {p:?}").into());
            Ok((
                Severity::parse(&s).map_err(decode)?,
                Feature::parse(&f).map_err(decode)?,
            ))
        })
        .collect()
}

/// Stores the summary of `site` after an approval of `audit`.
pub async fn save_summary(
    tx: &mut Tx,
    site: Uuid,
    audit: Uuid,
    summary: &Summary,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let features = serde_json::to_string(&summary.features).expect("features serialise");
    let sql = "INSERT INTO site_summaries (site_id, audit_id, approved_at, level, critical,
                   major, minor, score, features, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $3)
               ON CONFLICT (site_id) DO UPDATE SET audit_id = excluded.audit_id,
                   approved_at = excluded.approved_at, level = excluded.level,
                   critical = excluded.critical, major = excluded.major,
                   minor = excluded.minor, score = excluded.score,
                   features = excluded.features, updated_at = excluded.updated_at";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(site)
        .bind(audit)
        .bind(at)
        .bind(summary.level.as_str())
        .bind(i64::from(summary.critical))
        .bind(i64::from(summary.major))
        .bind(i64::from(summary.minor))
        .bind(i64::from(summary.score))
        .bind(features)
        .execute(c)
        .await
        .map(|_| ()))
}

pub use crate::domain::site::level::StoredSummary;

/// The stored summary of `site`; `None` for a site never approved (level `unknown`).
pub async fn summary(
    ex: &mut impl Access,
    site: Uuid,
) -> Result<Option<StoredSummary>, sqlx::Error> {
    let sql = "SELECT audit_id, approved_at, level, critical, major, minor, score, features
               FROM site_summaries WHERE site_id = $1";
    #[allow(clippy::type_complexity)]
    let row: Option<(Uuid, DateTime<Utc>, String, i64, i64, i64, i64, String)> =
        on_backend!(ex, |c| sqlx::query_as(sql)
            .bind(site)
            .fetch_optional(c)
            .await)?;
    let Some((audit_id, approved_at, level, critical, major, minor, score, features)) = row else {
        return Ok(None);
    };
    let decode = |what: String| sqlx::Error::Decode(format!("summary of {site}: {what}").into());
    let level = Level::parse(&level).map_err(|p| decode(format!("{p:?}")))?;
    let features: Vec<(Feature, FeatureState)> =
        serde_json::from_str(&features).map_err(|e| decode(e.to_string()))?;
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    Ok(Some(StoredSummary {
        audit_id,
        approved_at,
        summary: Summary {
            level,
            critical: n(critical),
            major: n(major),
            minor: n(minor),
            score: n(score),
            features,
        },
    }))
}
