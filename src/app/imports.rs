//! Importing sites and administrative areas from files: all rows or none.

use serde::Serialize;

use super::sites::SiteRecord;
use super::{Error, Services, departments};
use crate::domain::actor::Actor;
use crate::domain::area::{AreaIndex, NewArea};
use crate::domain::department::Directory;
use crate::domain::event::Change;
use crate::domain::import::{
    Format, ImportReport, Row, RowError, check_site_rows, read_areas, read_site_rows,
};
use crate::domain::site::NewSite;
use crate::domain::validation::FieldErrors;
use crate::store::{Tx, areas, sites};

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Some rows are bad; every one is listed.
    #[error("{} bad rows", .0.rows.len())]
    Rejected(ImportReport),
    /// The import could not be done.
    #[error(transparent)]
    Failed(#[from] Error),
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::Failed(e.into())
    }
}

/// Imports sites from a file's text: all rows or none.
pub async fn sites(
    s: &Services,
    actor: &Actor,
    format: Format,
    text: &str,
) -> Result<usize, ImportError> {
    let rows = read_site_rows(format, text).map_err(ImportError::Rejected)?;
    let mut tx = s.begin().await?;
    let directory = departments::directory(&mut tx).await?;
    let existing = sites::duplicate_keys(&mut tx).await?;
    let good =
        check_site_rows(rows, &s.region, &directory, &existing).map_err(ImportError::Rejected)?;
    let index = AreaIndex::new(areas::shapes(&mut tx).await?);
    let count = good.len();
    let new: Vec<NewSite> = good.into_iter().map(|r| r.value).collect();
    insert_sites(s, &mut tx, actor, "site.import", &index, &directory, &new).await?;
    tx.commit().await?;
    Ok(count)
}

/// Inserts checked sites, each with its event (`action`).
pub(super) async fn insert_sites(
    s: &Services,
    tx: &mut Tx,
    actor: &Actor,
    action: &'static str,
    index: &AreaIndex,
    directory: &Directory,
    new: &[NewSite],
) -> Result<(), Error> {
    let today = s.today();
    for site in new {
        let department = directory
            .resolve(&site.department)
            .map_err(|p| anyhow::anyhow!("department checked before insert: {p:?}"))?;
        let area = index.locate(site.location, today);
        let id = sites::insert(tx, site, department.id, area).await?;
        let change = Change::new(actor, action, "site", id).after(SiteRecord::new(site, area));
        s.log(tx, change).await?;
    }
    Ok(())
}

/// An area as the event log records it: the boundary by its hash, not in full.
#[derive(Serialize)]
struct AreaRecord<'a> {
    code: &'a str,
    name: &'a str,
    level: crate::domain::area::AreaLevel,
    parent: Option<&'a str>,
    valid_from: Option<chrono::NaiveDate>,
    valid_to: Option<chrono::NaiveDate>,
    approximate: bool,
    boundary_sha256: String,
}

/// Stores an area with its event.
pub(super) async fn upsert_area(
    s: &Services,
    tx: &mut Tx,
    actor: &Actor,
    area: &NewArea,
) -> Result<(), areas::UpsertError> {
    let id = areas::upsert(tx, area).await?;
    let boundary = geojson::Geometry::new(geojson::GeometryValue::from(&area.boundary)).to_string();
    let record = AreaRecord {
        code: &area.code,
        name: &area.name,
        level: area.level,
        parent: area.parent.as_deref(),
        valid_from: area.valid_from,
        valid_to: area.valid_to,
        approximate: area.approximate,
        boundary_sha256: crate::domain::secret::digest(&boundary),
    };
    let change = Change::new(actor, "area.upsert", "area", id).after(record);
    crate::store::events::append(tx, s.now(), change).await?;
    Ok(())
}

/// Imports areas from GeoJSON (all or none), then places every site again.
pub async fn areas(s: &Services, actor: &Actor, text: &str) -> Result<usize, ImportError> {
    let rows = read_areas(text, &s.region).map_err(ImportError::Rejected)?;
    let mut tx = s.begin().await?;
    let mut report = ImportReport::default();
    // Parents first, so a file may list children before their parents.
    let mut ordered: Vec<&Row<NewArea>> = rows.iter().collect();
    ordered.sort_by_key(|r| r.value.level.depth());
    for row in ordered {
        match upsert_area(s, &mut tx, actor, &row.value).await {
            Ok(()) => {}
            Err(areas::UpsertError::UnknownParent(problem)) => report.rows.push(RowError {
                row: row.number,
                errors: FieldErrors::single("parent", problem),
            }),
            Err(areas::UpsertError::Db(e)) => return Err(e.into()),
        }
    }
    if !report.rows.is_empty() {
        report.rows.sort_by_key(|r| r.row);
        return Err(ImportError::Rejected(report));
    }
    relocate_all(s, &mut tx, actor).await?;
    tx.commit().await?;
    Ok(rows.len())
}

/// Places every site in its area again, after boundaries changed; each move is an event.
async fn relocate_all(s: &Services, tx: &mut Tx, actor: &Actor) -> Result<u64, Error> {
    let index = AreaIndex::new(areas::shapes(tx).await?);
    let today = s.today();
    let mut moved = 0;
    for (id, point, current) in sites::placements(tx).await? {
        let found = index.locate(point, today);
        if found != current {
            sites::set_area(tx, id, found).await?;
            let change = Change::new(actor, "site.relocate", "site", id)
                .before(serde_json::json!({ "area_id": current }))
                .after(serde_json::json!({ "area_id": found }));
            s.log(tx, change).await?;
            moved += 1;
        }
    }
    Ok(moved)
}
