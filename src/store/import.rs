//! Bulk writes that mix checks and SQL in one transaction: importing sites and areas,
//! seeding the demo, generating synthetic sites.

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use uuid::Uuid;

use super::{Db, Tx, areas, departments, events, sites};
use crate::domain::area::AreaIndex;
use crate::domain::area::NewArea;
use crate::domain::demo;
use crate::domain::event::{Actor, Change};
use crate::domain::geo::Bbox;
use crate::domain::import::{
    Format, ImportReport, Row, RowError, check_site_rows, duplicate_key, read_areas, read_site_rows,
};
use crate::domain::site::NewSite;
use crate::domain::validation::FieldErrors;

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Some rows are bad; every one is listed.
    #[error("{} bad rows", .0.rows.len())]
    Rejected(ImportReport),
    /// The database failed.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::Internal(e.into())
    }
}

/// Imports sites from a file's text: all rows or none.
pub async fn import_sites(
    db: &Db,
    actor: &Actor,
    region: &Bbox,
    format: Format,
    text: &str,
) -> Result<usize, ImportError> {
    let rows = read_site_rows(format, text).map_err(ImportError::Rejected)?;
    let mut tx = db.begin().await?;
    let departments = department_ids(&mut tx).await?;
    let codes: HashSet<String> = departments.keys().cloned().collect();
    let existing = sites::duplicate_keys(&mut tx).await?;
    let good = check_site_rows(rows, region, &codes, &existing).map_err(ImportError::Rejected)?;
    let index = AreaIndex::new(areas::shapes(&mut tx).await?);
    let count = good.len();
    let sites = good.iter().map(|r| &r.value);
    insert_all(&mut tx, actor, "site.import", &index, &departments, sites).await?;
    tx.commit().await?;
    Ok(count)
}

async fn department_ids(tx: &mut super::Tx) -> Result<HashMap<String, Uuid>, sqlx::Error> {
    Ok(departments::all(tx)
        .await?
        .into_iter()
        .map(|d| (d.code, d.id))
        .collect())
}

/// Inserts checked sites, each with its event (`action`).
async fn insert_all<'a>(
    tx: &mut Tx,
    actor: &Actor,
    action: &'static str,
    index: &AreaIndex,
    departments: &HashMap<String, Uuid>,
    sites: impl Iterator<Item = &'a NewSite>,
) -> anyhow::Result<()> {
    let today = sites::today();
    for site in sites {
        let department = *departments
            .get(&site.department)
            .context("department checked before insert")?;
        let area = index.locate(site.location, today);
        let id = sites::insert(tx, site, department, area).await?;
        let record = serde_json::json!({
            "name": site.name, "kind": site.kind, "subtype": site.subtype,
            "address": site.address, "lon": site.location.lon(), "lat": site.location.lat(),
            "department": site.department, "area_id": area, "operator": site.operator,
        });
        events::append(tx, Change::new(actor, action, "site", id).after(record)).await?;
    }
    Ok(())
}

/// Stores an area with its event; the boundary is recorded by its hash, not in full.
async fn upsert_area(tx: &mut Tx, actor: &Actor, area: &NewArea) -> Result<(), areas::UpsertError> {
    let id = areas::upsert(tx, area).await?;
    let boundary = geojson::Geometry::new(geojson::GeometryValue::from(&area.boundary)).to_string();
    let record = serde_json::json!({
        "code": area.code, "name": area.name, "level": area.level, "parent": area.parent,
        "valid_from": area.valid_from, "valid_to": area.valid_to,
        "approximate": area.approximate,
        "boundary_sha256": crate::domain::secret::digest(&boundary),
    });
    events::append(
        tx,
        Change::new(actor, "area.upsert", "area", id).after(record),
    )
    .await?;
    Ok(())
}

/// Imports areas from GeoJSON (all or none), then places every site again.
pub async fn import_areas(
    db: &Db,
    actor: &Actor,
    region: &Bbox,
    text: &str,
) -> Result<usize, ImportError> {
    let rows = read_areas(text, region).map_err(ImportError::Rejected)?;
    let mut tx = db.begin().await?;
    let mut report = ImportReport::default();
    // Parents first, so a file may list children before their parents.
    let mut ordered: Vec<&Row<_>> = rows.iter().collect();
    ordered.sort_by_key(|r| r.value.level.depth());
    for row in ordered {
        match upsert_area(&mut tx, actor, &row.value).await {
            Ok(_) => {}
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
    sites::relocate_all(&mut tx, actor).await?;
    tx.commit().await?;
    Ok(rows.len())
}

/// Loads the demo departments, areas and sites, skipping what is already there.
/// Returns how many sites were added.
pub async fn seed_demo(db: &Db, region: &Bbox) -> anyhow::Result<usize> {
    let mut tx = db.begin().await?;
    let system = Actor::system();
    for department in demo::departments() {
        if departments::insert_if_missing(&mut tx, &department).await? {
            let change = Change::new(&system, "department.create", "department", &department.code)
                .after(serde_json::json!({ "code": department.code, "name": department.name }));
            events::append(&mut tx, change).await?;
        }
    }
    for area in demo::areas() {
        if areas::id_by_code(&mut tx, &area.code).await?.is_none() {
            upsert_area(&mut tx, &system, &area)
                .await
                .map_err(|e| anyhow::anyhow!("demo area {}: {e:?}", area.code))?;
        }
    }
    let departments = department_ids(&mut tx).await?;
    let codes: HashSet<String> = departments.keys().cloned().collect();
    let existing = sites::duplicate_keys(&mut tx).await?;
    let rows = read_site_rows(Format::Csv, demo::SITES_CSV)
        .map_err(|r| anyhow::anyhow!("demo sites unreadable: {r:?}"))?;
    let good: Vec<NewSite> = check_site_rows(rows, region, &codes, &HashSet::new())
        .map_err(|r| anyhow::anyhow!("demo sites do not fit the region {region}: {r:?}"))?
        .into_iter()
        .map(|row| row.value)
        .filter(|s| !existing.contains(&duplicate_key(&s.name, s.location.lon(), s.location.lat())))
        .collect();
    let index = AreaIndex::new(areas::shapes(&mut tx).await?);
    insert_all(
        &mut tx,
        &system,
        "site.create",
        &index,
        &departments,
        good.iter(),
    )
    .await?;
    tx.commit().await?;
    Ok(good.len())
}

/// Writes `n` synthetic sites in transactions of `batch`, calling `progress` after each.
pub async fn generate_sites(
    db: &Db,
    actor: &Actor,
    n: u64,
    seed: u64,
    batch: usize,
    mut progress: impl FnMut(u64),
) -> anyhow::Result<()> {
    let index = {
        let mut conn = db.conn().await?;
        AreaIndex::new(areas::shapes(&mut conn).await?)
    };
    let mut generated = demo::synthetic_sites(n, seed).peekable();
    while generated.peek().is_some() {
        let chunk: Vec<NewSite> = generated.by_ref().take(batch).collect();
        let mut tx = db.begin().await?;
        let departments = department_ids(&mut tx).await?;
        for code in ["construction", "transport", "culture"] {
            if !departments.contains_key(code) {
                anyhow::bail!(
                    "department `{code}` is missing: load the demo data first (tiepcan --demo)"
                );
            }
        }
        insert_all(
            &mut tx,
            actor,
            "site.generate",
            &index,
            &departments,
            chunk.iter(),
        )
        .await?;
        tx.commit().await?;
        progress(chunk.len() as u64);
    }
    Ok(())
}
