//! Importing sites and administrative areas from files: all rows or none, without holding
//! up everybody else. Everything is read, checked and prepared first, outside any
//! transaction; site rows are then staged in short transactions (invisible to everyone)
//! and published in one; the whole import is one event in the log.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use uuid::Uuid;

use super::{Error, Services, departments};
use crate::domain::actor::Actor;
use crate::domain::area::{AreaIndex, AreaShape, NewArea};
use crate::domain::department::Directory;
use crate::domain::event::Change;
use crate::domain::import::{
    Format, ImportReport, Row, RowError, check_site_rows, read_areas, read_site_rows, text_of,
};
use crate::domain::secret::digest_bytes;
use crate::domain::site::NewSite;
use crate::domain::validation::{FieldErrors, Problem};
use crate::store::sites::Placed;
use crate::store::{areas, imports as staging, sites};

/// Rows staged per transaction: each one short, so other writers wait at most a moment.
const STAGE_ROWS: usize = 5_000;

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

impl From<ImportReport> for ImportError {
    fn from(report: ImportReport) -> Self {
        ImportError::Rejected(report)
    }
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::Failed(e.into())
    }
}

/// How far an import has come, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The file was read: this many rows.
    Read(usize),
    /// Every row passed its checks: this many.
    Checked(usize),
    /// Rows written so far, of all.
    Written(usize, usize),
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The import's id (the event log's entity id).
    pub id: Uuid,
    /// Records added or replaced.
    pub count: usize,
}

/// An import as the event log records it: the file by its hash, and what it made.
#[derive(Serialize)]
struct ImportRecord<'a> {
    file_sha256: String,
    rows: usize,
    ids: &'a [Uuid],
}

/// Runs CPU-bound work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Error> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::Internal(e.into()))
}

/// Imports sites from a file's bytes: all rows or none.
pub async fn sites(
    s: &Services,
    actor: &Actor,
    format: Format,
    bytes: Vec<u8>,
    progress: &(dyn Fn(Step) + Sync),
) -> Result<Imported, ImportError> {
    let file_sha256 = digest_bytes(&bytes);
    let (directory, existing, shapes) = {
        let mut conn = s.db.conn().await.map_err(Error::from)?;
        (
            departments::directory(&mut conn).await?,
            sites::duplicate_keys(&mut conn).await?,
            areas::shapes(&mut conn).await?,
        )
    };
    let rows = blocking(move || read_site_rows(format, &bytes)).await??;
    progress(Step::Read(rows.len()));
    let (region, today) = (s.region, s.today());
    let placed = blocking(move || {
        let good = check_site_rows(rows, &region, &directory, &existing)?;
        let index = AreaIndex::new(shapes);
        Ok::<_, ImportReport>(place(good, &directory, &index, today))
    })
    .await??;
    progress(Step::Checked(placed.len()));

    let import_id = Uuid::now_v7();
    let at = s.now();
    let mut tx = s.begin().await?;
    staging::discard_abandoned(&mut tx, at - chrono::Duration::days(1)).await?;
    tx.commit().await?;
    for (i, chunk) in placed.chunks(STAGE_ROWS).enumerate() {
        if let Err(e) = stage(s, import_id, chunk).await {
            give_up(s, import_id).await;
            return Err(e.into());
        }
        progress(Step::Written(
            (i * STAGE_ROWS + chunk.len()).min(placed.len()),
            placed.len(),
        ));
        s.db.let_others_write().await;
    }
    let ids: Vec<Uuid> = placed.iter().map(|p| p.id).collect();
    let record = ImportRecord {
        file_sha256,
        rows: placed.len(),
        ids: &ids,
    };
    let change = Change::new(actor, "sites.import", "import", import_id).after(record);
    let published = async {
        let mut tx = s.begin().await?;
        staging::publish(&mut tx, import_id).await?;
        s.log(&mut tx, change).await?;
        tx.commit().await?;
        Ok::<(), Error>(())
    };
    let outcome = published.await;
    give_up(s, import_id).await; // the staged copies are not needed any more either way
    outcome?;
    Ok(Imported {
        id: import_id,
        count: placed.len(),
    })
}

async fn stage(s: &Services, import_id: Uuid, rows: &[Placed]) -> Result<(), Error> {
    let mut tx = s.begin().await?;
    staging::stage(&mut tx, import_id, rows, s.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes what an import staged, once published or given up; a crash leaves rows that the
/// next import removes.
async fn give_up(s: &Services, import_id: Uuid) {
    let discarded = async {
        let mut tx = s.begin().await?;
        staging::discard(&mut tx, import_id).await?;
        tx.commit().await?;
        Ok::<(), Error>(())
    };
    if let Err(e) = discarded.await {
        tracing::warn!(%import_id, error = %e, "could not remove the staged rows of a failed import");
    }
}

/// Gives each checked site its id, department and area.
pub(super) fn place(
    rows: Vec<Row<NewSite>>,
    directory: &Directory,
    index: &AreaIndex,
    today: chrono::NaiveDate,
) -> Vec<Placed> {
    rows.into_iter()
        .filter_map(|row| {
            let department = directory.resolve(&row.value.department).ok()?;
            Some(Placed {
                id: Uuid::now_v7(),
                department_id: department.id,
                area_id: index.locate(row.value.location, today),
                site: row.value,
            })
        })
        .collect()
}

/// An imported area as the event log records it: the boundary by its hash, not in full.
#[derive(Serialize)]
pub(super) struct AreaRecord<'a> {
    code: &'a str,
    name: &'a str,
    level: crate::domain::area::AreaLevel,
    parent: Option<&'a str>,
    valid_from: Option<chrono::NaiveDate>,
    valid_to: Option<chrono::NaiveDate>,
    approximate: bool,
    boundary_sha256: String,
}

impl<'a> From<&'a NewArea> for AreaRecord<'a> {
    fn from(area: &'a NewArea) -> Self {
        let boundary =
            geojson::Geometry::new(geojson::GeometryValue::from(&area.boundary)).to_string();
        AreaRecord {
            code: &area.code,
            name: &area.name,
            level: area.level,
            parent: area.parent.as_deref(),
            valid_from: area.valid_from,
            valid_to: area.valid_to,
            approximate: area.approximate,
            boundary_sha256: crate::domain::secret::digest(&boundary),
        }
    }
}

#[derive(Serialize)]
struct AreasRecord<'a> {
    file_sha256: String,
    areas: Vec<AreaRecord<'a>>,
    sites_moved: usize,
}

/// The areas of a file with the ids they will have (a stored code keeps its id) and their
/// parents' ids; a parent neither in the file nor stored is reported by row.
fn resolve_parents(
    rows: &[Row<NewArea>],
    stored: &HashMap<String, Uuid>,
) -> Result<Vec<(Uuid, Option<Uuid>)>, ImportReport> {
    let ids: HashMap<&str, Uuid> = rows
        .iter()
        .map(|r| {
            let id = stored
                .get(&r.value.code)
                .copied()
                .unwrap_or_else(Uuid::now_v7);
            (r.value.code.as_str(), id)
        })
        .collect();
    let mut report = ImportReport::default();
    let mut resolved = Vec::with_capacity(rows.len());
    for row in rows {
        let parent = match &row.value.parent {
            None => None,
            Some(code) => match ids.get(code.as_str()).or_else(|| stored.get(code)) {
                Some(id) => Some(*id),
                None => {
                    report.rows.push(RowError {
                        row: row.number,
                        errors: FieldErrors::single(
                            "parent",
                            Problem::Unknown {
                                given: code.clone(),
                            },
                        ),
                    });
                    None
                }
            },
        };
        resolved.push((ids[row.value.code.as_str()], parent));
    }
    if report.rows.is_empty() {
        Ok(resolved)
    } else {
        Err(report)
    }
}

/// Imports areas from GeoJSON (all or none) and places every site again, as one change.
pub async fn areas(s: &Services, actor: &Actor, bytes: &[u8]) -> Result<Imported, ImportError> {
    let file_sha256 = digest_bytes(bytes);
    let text = text_of(bytes).map_err(ImportError::Rejected)?;
    let rows = read_areas(text, &s.region).map_err(ImportError::Rejected)?;
    let (stored, shapes, placements) = {
        let mut conn = s.db.conn().await.map_err(Error::from)?;
        let stored: HashMap<String, Uuid> = areas::all(&mut conn)
            .await?
            .into_iter()
            .map(|a| (a.code, a.id))
            .collect();
        let shapes = areas::shapes(&mut conn).await?;
        (stored, shapes, sites::placements(&mut conn).await?)
    };
    let resolved = resolve_parents(&rows, &stored).map_err(ImportError::Rejected)?;
    // The boundaries as they will be: the file's replace the stored ones of the same code.
    let replaced: HashSet<Uuid> = resolved.iter().map(|(id, _)| *id).collect();
    let mut index_shapes: Vec<AreaShape> = shapes
        .into_iter()
        .filter(|s| !replaced.contains(&s.id))
        .collect();
    index_shapes.extend(rows.iter().zip(&resolved).map(|(r, (id, _))| AreaShape {
        id: *id,
        level: r.value.level,
        valid_from: r.value.valid_from,
        valid_to: r.value.valid_to,
        boundary: r.value.boundary.clone(),
    }));
    let today = s.today();
    let moves = blocking(move || {
        let index = AreaIndex::new(index_shapes);
        let mut moves: HashMap<Option<Uuid>, Vec<Uuid>> = HashMap::new();
        for (id, point, current) in placements {
            let found = index.locate(point, today);
            if found != current {
                moves.entry(found).or_default().push(id);
            }
        }
        moves
    })
    .await?;
    let moved = moves.values().map(Vec::len).sum();

    let mut tx = s.begin().await?;
    // Parents first, so a file may list children before their parents.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|i| rows[*i].value.level.depth());
    for i in order {
        let (id, parent) = resolved[i];
        areas::upsert(&mut tx, id, &rows[i].value, parent).await?;
    }
    for (area, ids) in &moves {
        sites::set_area(&mut tx, ids, *area).await?;
    }
    let import_id = Uuid::now_v7();
    let record = AreasRecord {
        file_sha256,
        areas: rows.iter().map(|r| AreaRecord::from(&r.value)).collect(),
        sites_moved: moved,
    };
    let change = Change::new(actor, "areas.import", "import", import_id).after(record);
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(Imported {
        id: import_id,
        count: rows.len(),
    })
}
