//! Sites.

mod placement;
mod search;

pub use placement::{names, placements, set_area};
pub use search::{refresh as refresh_search_texts, search_text};

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{Access, Tx, areas, on_backend};
use crate::domain::area::AreaIndex;
use crate::domain::geo::{Bbox, Coordinates};
use crate::domain::import::{DuplicateKey, duplicate_key};
use crate::domain::lang::Bilingual;
use crate::domain::search::Words;
use crate::domain::site::{AreaRef, DepartmentRef, NewSite, Site, SiteKind, Subtype};

/// The columns and joins every site query reads (a macro so queries stay `&'static str`).
macro_rules! select_sites {
    () => {
        "SELECT s.id, s.name, s.kind, s.subtype, s.address, s.lon, s.lat,
        s.operator, s.design_approved_on, s.heritage, s.created_at, s.updated_at, s.version,
        d.id AS department_id, d.code AS department_code,
        d.name_vi AS department_name_vi, d.name_en AS department_name_en,
        a.id AS area_id, a.code AS area_code, a.name AS area_name
    FROM sites s
    JOIN departments d ON d.id = s.department_id
    LEFT JOIN areas a ON a.id = s.area_id "
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
    address: Option<String>,
    lon: f64,
    lat: f64,
    operator: Option<String>,
    design_approved_on: Option<NaiveDate>,
    heritage: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i64,
    department_id: Uuid,
    department_code: String,
    department_name_vi: String,
    department_name_en: String,
    area_id: Option<Uuid>,
    area_code: Option<String>,
    area_name: Option<String>,
}

impl TryFrom<Row> for Site {
    type Error = sqlx::Error;

    fn try_from(r: Row) -> Result<Self, sqlx::Error> {
        let location = Coordinates::new(r.lon, r.lat).map_err(|(field, p)| {
            sqlx::Error::Decode(format!("site {} {field}: {p:?}", r.id).into())
        })?;
        let area = match (r.area_id, r.area_code, r.area_name) {
            (Some(id), Some(code), Some(name)) => Some(AreaRef { id, code, name }),
            _ => None,
        };
        Ok(Site {
            id: r.id,
            name: r.name,
            kind: r.kind,
            subtype: r.subtype,
            address: r.address,
            location,
            area,
            department: DepartmentRef {
                id: r.department_id,
                code: r.department_code,
                name: Bilingual {
                    vi: r.department_name_vi,
                    en: r.department_name_en,
                },
            },
            operator: r.operator,
            legal_deadline: r.subtype.legal_deadline(),
            design_approved_on: r.design_approved_on,
            heritage: r.heritage,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        })
    }
}

/// The site with `id`, if any.
pub async fn by_id(ex: &mut impl Access, id: Uuid) -> Result<Option<Site>, sqlx::Error> {
    let sql = concat!(select_sites!(), "WHERE s.id = $1");
    let row: Option<Row> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
    row.map(Site::try_from).transpose()
}

/// Filters for listing sites; `None` means no filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only sites inside this box.
    pub bbox: Option<Bbox>,
    /// Only this kind.
    pub kind: Option<SiteKind>,
    /// Only sites in this area or the areas below it.
    pub area: Option<Uuid>,
    /// Only sites whose name and address hold these words (in any order, accents and case
    /// ignored, abbreviations read).
    pub q: Option<Words>,
    /// Only sites after this id (keyset paging).
    pub after: Option<Uuid>,
    /// Nearest to this position first (paging by `after` does not apply then).
    pub nearest_to: Option<Coordinates>,
    /// At most this many.
    pub limit: u32,
}

/// Sites matching `filter`, in id order (oldest first).
///
/// Two steps in one statement: the ids of the page are chosen first from the covering
/// index `(lon, lat, kind, id)` when only box and kind filter (no table reads, so a
/// province-wide box stays fast), then only those rows are read in full. The WHERE clause
/// holds just the filters in use, so the planner never sees `$n IS NULL OR ...`.
pub async fn list(ex: &mut impl Access, filter: &Filter) -> Result<Vec<Site>, sqlx::Error> {
    let world = Bbox {
        min_lon: -180.0,
        min_lat: -90.0,
        max_lon: 180.0,
        max_lat: 90.0,
    };
    let bbox = filter.bbox.unwrap_or(world);
    let patterns = filter.q.as_ref().map(search::patterns);
    let rows: Vec<Row> = on_backend!(ex, |c| {
        let mut query = sqlx::QueryBuilder::new(concat!(
            select_sites!(),
            "WHERE s.id IN (SELECT id FROM sites WHERE lon >= "
        ));
        query
            .push_bind(bbox.min_lon)
            .push(" AND lat >= ")
            .push_bind(bbox.min_lat);
        query.push(" AND lon <= ").push_bind(bbox.max_lon);
        query.push(" AND lat <= ").push_bind(bbox.max_lat);
        if let Some(kind) = filter.kind {
            query.push(" AND kind = ").push_bind(kind.as_str());
        }
        if let Some(area) = filter.area {
            crate::store::push_area_below!(query, "area_id", area);
        }
        search::push_search!(query, &patterns);
        match filter.nearest_to {
            Some(from) => {
                crate::store::push_nearest_order!(query, "lon", "lat", from).push(", id");
            }
            None => {
                if let Some(after) = filter.after {
                    query.push(" AND id > ").push_bind(after);
                }
                query.push(" ORDER BY id");
            }
        }
        query.push(" LIMIT ").push_bind(i64::from(filter.limit));
        query.push(") ORDER BY s.id");
        query.build_query_as().fetch_all(c).await
    })?;
    rows.into_iter().map(Site::try_from).collect()
}

/// How many sites exist.
pub async fn count(ex: &mut impl Access) -> Result<i64, sqlx::Error> {
    let sql = "SELECT COUNT(*) FROM sites";
    on_backend!(ex, |c| sqlx::query_scalar(sql).fetch_one(c).await)
}

/// The duplicate keys of every stored site, for checking an import.
pub async fn duplicate_keys(ex: &mut impl Access) -> Result<HashSet<DuplicateKey>, sqlx::Error> {
    let sql = "SELECT name, lon, lat FROM sites";
    let rows: Vec<(String, f64, f64)> =
        on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)?;
    Ok(rows
        .iter()
        .map(|(name, lon, lat)| duplicate_key(name, *lon, *lat))
        .collect())
}

/// The area a point falls in on `today`, looked up in the stored boundaries.
pub async fn locate(
    ex: &mut impl Access,
    point: Coordinates,
    today: NaiveDate,
) -> Result<Option<Uuid>, sqlx::Error> {
    let index = AreaIndex::new(areas::shapes_around(ex, point).await?);
    Ok(index.locate(point, today))
}

/// Binds a site's fourteen columns in the order every site write numbers them: id, name,
/// kind, subtype, address, lon, lat, area, department, operator, design approval, heritage,
/// search key, the time of the change. The one list of a site's binds, for [`insert`], [`update`], [`insert_many`] and
/// the import staging rows.
macro_rules! bind_site {
    ($query:expr, $id:expr, $site:expr, $department:expr, $area:expr, $at:expr) => {
        $query
            .bind($id)
            .bind(&$site.name)
            .bind($site.kind.as_str())
            .bind($site.subtype.as_str())
            .bind($site.address.as_deref())
            .bind($site.location.lon())
            .bind($site.location.lat())
            .bind($area)
            .bind($department)
            .bind($site.operator.as_deref())
            .bind($site.design_approved_on)
            .bind($site.heritage)
            .bind($crate::store::sites::search_text($site))
            .bind($at)
    };
}
pub(crate) use bind_site;

/// Binds per site of [`bind_site!`].
pub const SITE_BINDS: usize = 14;

/// `rows` tuples of [`SITE_BINDS`] numbered parameters each, the tuple for row `i` ending with
/// `tail(first)` where `first` is its first parameter's number (so `$first + 13` is its
/// time, and `$N` after all rows is a value shared by every row).
pub fn value_tuples(rows: usize, tail: impl Fn(usize) -> String) -> String {
    super::tuples(rows, SITE_BINDS, |first| vec![tail(first)])
}

/// A checked site placed in its department and area, with the id it will have.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The id it will have.
    pub id: Uuid,
    /// The site.
    pub site: NewSite,
    /// Its department's id.
    pub department_id: Uuid,
    /// The area it lies in.
    pub area_id: Option<Uuid>,
}

/// Rows per statement: twelve parameters each, well under both backends' limit.
pub const ROWS_PER_STATEMENT: usize = 20;

/// Inserts many placed sites, a few hundred per statement (imports, synthetic data).
pub async fn insert_many(
    tx: &mut Tx,
    rows: &[Placed],
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO sites (id, name, kind, subtype, address, lon, lat, area_id,
                 department_id, operator, design_approved_on, heritage, search_key, created_at,
                 updated_at) VALUES {}",
            value_tuples(chunk.len(), |first| format!("${}", first + SITE_BINDS - 1))
        );
        on_backend!(tx, |c| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for r in chunk {
                q = bind_site!(q, r.id, &r.site, r.department_id, r.area_id, at);
            }
            q.execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
}

/// Stores a checked site whose department and area are already resolved, registered `at`;
/// returns its id.
pub async fn insert(
    tx: &mut Tx,
    site: &NewSite,
    department_id: Uuid,
    area_id: Option<Uuid>,
    at: DateTime<Utc>,
) -> Result<Uuid, sqlx::Error> {
    let sql = "INSERT INTO sites (id, name, kind, subtype, address, lon, lat, area_id,
                   department_id, operator, design_approved_on, heritage, search_key,
                   created_at, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)";
    let id = Uuid::now_v7();
    on_backend!(tx, |c| bind_site!(
        sqlx::query(sql),
        id,
        site,
        department_id,
        area_id,
        at
    )
    .execute(c)
    .await
    .map(|_| ()))?;
    Ok(id)
}

/// Locks a site's row until the transaction ends (a no-op update, which both databases
/// treat as a write lock); false when no site has `id`.
pub async fn lock(ex: &mut Tx, id: Uuid) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE sites SET updated_at = updated_at WHERE id = $1";
    let done = on_backend!(ex, |c| sqlx::query(sql)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Replaces a site's details, changed `at`; false when no site has `id`.
pub async fn update(
    tx: &mut Tx,
    id: Uuid,
    site: &NewSite,
    department_id: Uuid,
    area_id: Option<Uuid>,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE sites SET name = $2, kind = $3, subtype = $4, address = $5, lon = $6,
                   lat = $7, area_id = $8, department_id = $9, operator = $10,
                   design_approved_on = $11, heritage = $12, search_key = $13,
                   updated_at = $14, version = version + 1
               WHERE id = $1";
    let done = on_backend!(tx, |c| bind_site!(
        sqlx::query(sql),
        id,
        site,
        department_id,
        area_id,
        at
    )
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
