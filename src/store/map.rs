//! The public map's reads: sites with their level and feature summary, filtered in SQL and
//! paged by id, so no request reads the whole table.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Access, on_backend};
use crate::domain::checklist::Feature;
use crate::domain::geo::{Bbox, Coordinates};
use crate::domain::site::level::{FeatureState, Level};
use crate::domain::site::public::{MapFilter, MapSite};
use crate::domain::site::{SiteKind, Subtype};

/// When a site's latest full audit (not a follow-up) was approved, as `approved_at`: the
/// date the public is shown, as on the site's page.
macro_rules! last_full_audit {
    () => {
        "(SELECT a.reviewed_at FROM audits a
           WHERE a.site_id = s.id AND a.state = 'approved' AND a.follow_up_items IS NULL
           ORDER BY a.reviewed_at DESC LIMIT 1) AS approved_at"
    };
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    name: String,
    #[sqlx(try_from = "String")]
    kind: SiteKind,
    #[sqlx(try_from = "String")]
    subtype: Subtype,
    lon: f64,
    lat: f64,
    level: Option<String>,
    features: Option<String>,
    approved_at: Option<DateTime<Utc>>,
}

/// Site `id` as the map shows it.
pub async fn site(ex: &mut impl Access, id: Uuid) -> Result<Option<MapSite>, sqlx::Error> {
    let sql = concat!(
        "SELECT s.id, s.name, s.kind, s.subtype, s.lon, s.lat, ss.level, ss.features, ",
        last_full_audit!(),
        " FROM sites s LEFT JOIN site_summaries ss ON ss.site_id = s.id WHERE s.id = $1"
    );
    let row: Option<Row> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
    row.map(MapSite::try_from).transpose()
}

/// Adds to a query that ends in `WHERE s.lon >= ` the conditions of `filter` but its
/// order and paging: the box, kind, level, feature that works, and area.
macro_rules! push_conditions {
    ($query:expr, $filter:expr, $works:expr) => {{
        let filter: &MapFilter = $filter;
        let world = Bbox {
            min_lon: -180.0,
            min_lat: -90.0,
            max_lon: 180.0,
            max_lat: 90.0,
        };
        let bbox = filter.bbox.unwrap_or(world);
        $query
            .push_bind(bbox.min_lon)
            .push(" AND s.lat >= ")
            .push_bind(bbox.min_lat);
        $query.push(" AND s.lon <= ").push_bind(bbox.max_lon);
        $query.push(" AND s.lat <= ").push_bind(bbox.max_lat);
        if let Some(kind) = filter.kind {
            $query.push(" AND s.kind = ").push_bind(kind.as_str());
        }
        match filter.level {
            Some(Level::Unknown) => {
                $query.push(" AND ss.site_id IS NULL");
            }
            Some(level) => {
                $query.push(" AND ss.level = ").push_bind(level.as_str());
            }
            None => {}
        }
        if let Some(pattern) = $works {
            $query
                .push(" AND ss.features LIKE ")
                .push_bind(pattern.as_str());
        }
        if let Some(area) = filter.area {
            crate::store::push_area_below!($query, "s.area_id", area);
        }
    }};
}

/// The summary stores the features as JSON text (`[["toilet","works"], ...]`): the pattern
/// that finds a feature that works.
fn works_pattern(filter: &MapFilter) -> Option<String> {
    filter.feature.map(|f| {
        format!(
            "%[\"{}\",\"{}\"]%",
            f.as_str(),
            FeatureState::Works.as_str()
        )
    })
}

/// The sites matching `filter`, in id order (or nearest first, with `nearest_to`).
pub async fn sites(ex: &mut impl Access, filter: &MapFilter) -> Result<Vec<MapSite>, sqlx::Error> {
    let works = works_pattern(filter);
    let rows: Vec<Row> = on_backend!(ex, |c| {
        let mut query = sqlx::QueryBuilder::new(concat!(
            "SELECT s.id, s.name, s.kind, s.subtype, s.lon, s.lat, ss.level, ss.features, ",
            last_full_audit!(),
            " FROM sites s LEFT JOIN site_summaries ss ON ss.site_id = s.id
                 WHERE s.lon >= "
        ));
        push_conditions!(query, filter, &works);
        match filter.nearest_to {
            Some(from) => {
                crate::store::push_nearest_order!(query, "s.lon", "s.lat", from).push(", s.id");
            }
            None => {
                if let Some(after) = filter.after {
                    query.push(" AND s.id > ").push_bind(after);
                }
                query.push(" ORDER BY s.id");
            }
        }
        query.push(" LIMIT ").push_bind(i64::from(filter.limit));
        query.build_query_as().fetch_all(c).await
    })?;
    rows.into_iter().map(MapSite::try_from).collect()
}

/// How many sites match `filter` (its paging aside), counted up to `cap`: a count past
/// it stops there, so no request reads more than `cap` rows.
pub async fn count_up_to(
    ex: &mut impl Access,
    filter: &MapFilter,
    cap: u32,
) -> Result<u64, sqlx::Error> {
    let works = works_pattern(filter);
    let n: i64 = on_backend!(ex, |c| {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT COUNT(*) FROM (SELECT 1 FROM sites s
                 LEFT JOIN site_summaries ss ON ss.site_id = s.id WHERE s.lon >= ",
        );
        push_conditions!(query, filter, &works);
        query
            .push(" LIMIT ")
            .push_bind(i64::from(cap))
            .push(") AS matching");
        query.build_query_scalar().fetch_one(c).await
    })?;
    Ok(u64::try_from(n).unwrap_or(0))
}

impl TryFrom<Row> for MapSite {
    type Error = sqlx::Error;

    fn try_from(r: Row) -> Result<Self, sqlx::Error> {
        let decode = |what: String| sqlx::Error::Decode(format!("site {}: {what}", r.id).into());
        let location =
            Coordinates::new(r.lon, r.lat).map_err(|(f, p)| decode(format!("{f}: {p:?}")))?;
        let level = match &r.level {
            Some(level) => Level::parse(level).map_err(|p| decode(format!("{p:?}")))?,
            None => Level::Unknown,
        };
        let features: Vec<(Feature, FeatureState)> = match &r.features {
            Some(text) => serde_json::from_str(text).map_err(|e| decode(e.to_string()))?,
            None => Vec::new(),
        };
        Ok(MapSite {
            id: r.id,
            name: r.name,
            kind: r.kind,
            subtype: r.subtype,
            location,
            level,
            features,
            last_audit: r.approved_at,
        })
    }
}

/// Every site matching `filter`'s kind, level, feature and area (its box and paging are not
/// used), as the cluster index holds them, each with its name.
pub async fn points(
    ex: &mut impl Access,
    filter: &MapFilter,
) -> Result<Vec<(crate::domain::cluster::Point, String)>, sqlx::Error> {
    let all = MapFilter {
        bbox: None,
        after: None,
        limit: u32::MAX,
        ..filter.clone()
    };
    Ok(sites(ex, &all)
        .await?
        .into_iter()
        .map(|s| {
            let point = crate::domain::cluster::Point {
                id: s.id,
                lon: s.location.lon(),
                lat: s.location.lat(),
                level: s.level,
            };
            (point, s.name)
        })
        .collect())
}

/// What the open data adds to each site's map facts: address, operator, area, department
/// and the barriers that stand.
pub type ExportExtra = (
    Uuid,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    i64,
);

/// [`ExportExtra`] of every site.
pub async fn export_extras(ex: &mut impl Access) -> Result<Vec<ExportExtra>, sqlx::Error> {
    const SQL: &str = "SELECT s.id, s.address, s.operator, a.code, a.name, d.code,
                              (SELECT COUNT(*) FROM findings f
                               WHERE f.site_id = s.id AND f.state <> 'verified')
                       FROM sites s
                       JOIN departments d ON d.id = s.department_id
                       LEFT JOIN areas a ON a.id = s.area_id";
    on_backend!(ex, |c| sqlx::query_as(SQL).fetch_all(c).await)
}
