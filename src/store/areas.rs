//! Administrative areas and their boundaries.

use chrono::{NaiveDate, Utc};
use geo::MultiPolygon;
use uuid::Uuid;

use super::{Access, Tx, on_backend};
use crate::domain::area::{Area, AreaLevel, AreaShape, NewArea};
use crate::domain::geo::Coordinates;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    code: String,
    name: String,
    #[sqlx(try_from = "String")]
    level: AreaLevel,
    parent_id: Option<Uuid>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    approximate: bool,
}

impl From<Row> for Area {
    fn from(r: Row) -> Self {
        Area {
            id: r.id,
            code: r.code,
            name: r.name,
            level: r.level,
            parent_id: r.parent_id,
            valid_from: r.valid_from,
            valid_to: r.valid_to,
            approximate: r.approximate,
        }
    }
}

/// Every area, by level then name.
pub async fn all(ex: &mut impl Access) -> Result<Vec<Area>, sqlx::Error> {
    const SQL: &str = "SELECT id, code, name, level, parent_id, valid_from, valid_to, approximate
                       FROM areas ORDER BY level, name";
    let rows: Vec<Row> = on_backend!(ex, |c| sqlx::query_as(SQL).fetch_all(c).await)?;
    Ok(rows.into_iter().map(Area::from).collect())
}

#[derive(sqlx::FromRow)]
struct BoundaryRow {
    #[sqlx(flatten)]
    area: Row,
    boundary: String,
}

/// An area with its boundary as stored (GeoJSON).
fn with_boundary(r: BoundaryRow) -> Result<(Area, geojson::Geometry), sqlx::Error> {
    let geometry: geojson::Geometry = r
        .boundary
        .parse()
        .map_err(|e| sqlx::Error::Decode(format!("area {} boundary: {e}", r.area.id).into()))?;
    Ok((Area::from(r.area), geometry))
}

/// Areas whose bounding box meets `bbox`, in id order after `after`, at most `limit`,
/// with their boundaries (for open data).
pub async fn page_with_boundaries(
    ex: &mut impl Access,
    bbox: Option<crate::domain::geo::Bbox>,
    after: Option<Uuid>,
    limit: u32,
) -> Result<Vec<(Area, geojson::Geometry)>, sqlx::Error> {
    let b = bbox.unwrap_or(crate::domain::geo::Bbox {
        min_lon: -180.0,
        min_lat: -90.0,
        max_lon: 180.0,
        max_lat: 90.0,
    });
    const SQL: &str = "SELECT id, code, name, level, parent_id, valid_from, valid_to, approximate,
                              boundary
                       FROM areas
                       WHERE max_lon >= $1 AND max_lat >= $2 AND min_lon <= $3 AND min_lat <= $4
                         AND ($5 IS NULL OR id > $5)
                       ORDER BY id LIMIT $6";
    let rows: Vec<BoundaryRow> = on_backend!(ex, |c| sqlx::query_as(SQL)
        .bind(b.min_lon)
        .bind(b.min_lat)
        .bind(b.max_lon)
        .bind(b.max_lat)
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(with_boundary).collect()
}

/// The area with `id` and its boundary.
pub async fn with_boundary_by_id(
    ex: &mut impl Access,
    id: Uuid,
) -> Result<Option<(Area, geojson::Geometry)>, sqlx::Error> {
    const SQL: &str = "SELECT id, code, name, level, parent_id, valid_from, valid_to, approximate,
                              boundary
                       FROM areas WHERE id = $1";
    let row: Option<BoundaryRow> =
        on_backend!(ex, |c| sqlx::query_as(SQL).bind(id).fetch_optional(c).await)?;
    row.map(with_boundary).transpose()
}

/// The area with `id`.
pub async fn by_id(ex: &mut impl Access, id: Uuid) -> Result<Option<Area>, sqlx::Error> {
    const SQL: &str = "SELECT id, code, name, level, parent_id, valid_from, valid_to, approximate
                       FROM areas WHERE id = $1";
    let row: Option<Row> =
        on_backend!(ex, |c| sqlx::query_as(SQL).bind(id).fetch_optional(c).await)?;
    Ok(row.map(Area::from))
}

#[derive(sqlx::FromRow)]
struct ShapeRow {
    id: Uuid,
    #[sqlx(try_from = "String")]
    level: AreaLevel,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    boundary: String,
}

fn shape(row: ShapeRow) -> Result<AreaShape, sqlx::Error> {
    let geometry: geojson::Geometry = row
        .boundary
        .parse()
        .map_err(|e| sqlx::Error::Decode(format!("area {} boundary: {e}", row.id).into()))?;
    let boundary = MultiPolygon::<f64>::try_from(&geometry.value)
        .map_err(|e| sqlx::Error::Decode(format!("area {} boundary: {e}", row.id).into()))?;
    Ok(AreaShape {
        id: row.id,
        level: row.level,
        valid_from: row.valid_from,
        valid_to: row.valid_to,
        boundary,
    })
}

/// Every area's boundary, for placing many sites at once.
pub async fn shapes(ex: &mut impl Access) -> Result<Vec<AreaShape>, sqlx::Error> {
    let sql = "SELECT id, level, valid_from, valid_to, boundary FROM areas";
    let rows: Vec<ShapeRow> = on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)?;
    rows.into_iter().map(shape).collect()
}

/// The boundaries whose box contains `point`, for placing one site.
pub async fn shapes_around(
    ex: &mut impl Access,
    point: Coordinates,
) -> Result<Vec<AreaShape>, sqlx::Error> {
    let sql = "SELECT id, level, valid_from, valid_to, boundary FROM areas
               WHERE min_lon <= $1 AND max_lon >= $1 AND min_lat <= $2 AND max_lat >= $2";
    let rows: Vec<ShapeRow> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(point.lon())
        .bind(point.lat())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(shape).collect()
}

/// Stores an area under `id`, or replaces the one with the same code (which keeps its id);
/// returns the id it has. The parent is resolved by the caller.
pub async fn upsert(
    ex: &mut Tx,
    id: Uuid,
    area: &NewArea,
    parent_id: Option<Uuid>,
) -> Result<Uuid, sqlx::Error> {
    let bbox = area
        .bbox()
        .ok_or_else(|| sqlx::Error::Protocol("an area boundary is empty".into()))?;
    let boundary = geojson::Geometry::new(geojson::GeometryValue::from(&area.boundary)).to_string();
    let sql = "INSERT INTO areas (id, code, name, level, parent_id, valid_from, valid_to,
                   approximate, boundary, min_lon, min_lat, max_lon, max_lat, created_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
               ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
                   parent_id = excluded.parent_id, valid_from = excluded.valid_from,
                   valid_to = excluded.valid_to, approximate = excluded.approximate,
                   boundary = excluded.boundary, min_lon = excluded.min_lon,
                   min_lat = excluded.min_lat, max_lon = excluded.max_lon,
                   max_lat = excluded.max_lat
               RETURNING id";
    on_backend!(ex, |c| sqlx::query_scalar(sql)
        .bind(id)
        .bind(&area.code)
        .bind(&area.name)
        .bind(area.level.as_str())
        .bind(parent_id)
        .bind(area.valid_from)
        .bind(area.valid_to)
        .bind(area.approximate)
        .bind(&boundary)
        .bind(bbox.min_lon)
        .bind(bbox.min_lat)
        .bind(bbox.max_lon)
        .bind(bbox.max_lat)
        .bind(Utc::now())
        .fetch_one(c)
        .await)
}

/// Ends area `id`: `day` is the first day it no longer exists.
pub async fn end(tx: &mut Tx, id: Uuid, day: chrono::NaiveDate) -> Result<(), sqlx::Error> {
    let sql = "UPDATE areas SET valid_to = $2 WHERE id = $1";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(day)
        .execute(c)
        .await
        .map(|_| ()))
}

/// The ids of `area` and every area below it, as a SQL subquery on `$1`.
macro_rules! below {
    () => {
        concat!(super::below_open!(), "$1", super::below_close!())
    };
}

/// One level's sites in an area: the level (`None`: never audited), how many, and the
/// oldest and newest approval among them.
pub type LevelCount = (
    Option<String>,
    i64,
    Option<chrono::DateTime<Utc>>,
    Option<chrono::DateTime<Utc>>,
);

/// Sites in `area` (and below it) by level.
pub async fn site_levels(ex: &mut impl Access, area: Uuid) -> Result<Vec<LevelCount>, sqlx::Error> {
    let sql = concat!(
        "SELECT ss.level, COUNT(*), MIN(ss.approved_at), MAX(ss.approved_at)
         FROM sites s LEFT JOIN site_summaries ss ON ss.site_id = s.id
         WHERE s.area_id IN ",
        below!(),
        " GROUP BY ss.level"
    );
    on_backend!(ex, |c| sqlx::query_as(sql).bind(area).fetch_all(c).await)
}

/// Open barriers of sites in `area` (and below it) by severity.
pub async fn open_findings(
    ex: &mut impl Access,
    area: Uuid,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let sql = concat!(
        "SELECT f.severity, COUNT(*) FROM findings f JOIN sites s ON s.id = f.site_id
         WHERE f.state IN ('open', 'planned', 'in_progress', 'reopened') AND s.area_id IN ",
        below!(),
        " GROUP BY f.severity"
    );
    on_backend!(ex, |c| sqlx::query_as(sql).bind(area).fetch_all(c).await)
}

#[derive(sqlx::FromRow)]
struct ShadedRow {
    #[sqlx(flatten)]
    area: BoundaryRow,
    open_findings: i64,
}

/// The areas the map shades: those in force on `today` or still holding sites (a
/// district merged away keeps its sites until they are moved), with no such area below
/// them; each with its boundary and its sites' open findings (open, planned, in progress
/// or reopened, as the area page counts them), by name.
pub async fn open_findings_of_smallest(
    ex: &mut impl Access,
    today: NaiveDate,
) -> Result<Vec<(Area, geojson::Geometry, i64)>, sqlx::Error> {
    const SQL: &str = "WITH shown AS (
                           SELECT a.* FROM areas a
                           WHERE ((a.valid_from IS NULL OR a.valid_from <= $1)
                                  AND (a.valid_to IS NULL OR a.valid_to > $1))
                              OR EXISTS (SELECT 1 FROM sites s WHERE s.area_id = a.id))
                       SELECT a.id, a.code, a.name, a.level, a.parent_id, a.valid_from,
                              a.valid_to, a.approximate, a.boundary,
                              (SELECT COUNT(*) FROM findings f JOIN sites s ON s.id = f.site_id
                               WHERE s.area_id = a.id
                                 AND f.state IN ('open', 'planned', 'in_progress', 'reopened'))
                                 AS open_findings
                       FROM shown a
                       WHERE NOT EXISTS (SELECT 1 FROM shown c WHERE c.parent_id = a.id)
                       ORDER BY a.name";
    let rows: Vec<ShadedRow> =
        on_backend!(ex, |c| sqlx::query_as(SQL).bind(today).fetch_all(c).await)?;
    rows.into_iter()
        .map(|r| {
            let (area, geometry) = with_boundary(r.area)?;
            Ok((area, geometry, r.open_findings))
        })
        .collect()
}

/// The areas directly below `area`.
pub async fn children(ex: &mut impl Access, area: Uuid) -> Result<Vec<Area>, sqlx::Error> {
    const SQL: &str = "SELECT id, code, name, level, parent_id, valid_from, valid_to, approximate
                       FROM areas WHERE parent_id = $1 ORDER BY name";
    let rows: Vec<Row> = on_backend!(ex, |c| sqlx::query_as(SQL).bind(area).fetch_all(c).await)?;
    Ok(rows.into_iter().map(Area::from).collect())
}
