//! Importing sites and administrative areas from files: all rows or none, without holding
//! up everybody else. Everything is read, checked and prepared first, outside any
//! transaction; site rows are then staged in short transactions (invisible to everyone)
//! and published in one; the whole import is one event in the log.

use serde::Serialize;
use uuid::Uuid;

mod areas;

pub(crate) use areas::AreaRecord;
pub use areas::{AreasImported, SiteMove, areas};

use super::{Error, Services, departments};
use crate::domain::actor::Actor;
use crate::domain::area::AreaIndex;
use crate::domain::department::Directory;
use crate::domain::event::Change;
use crate::domain::import::{Format, ImportReport, Row, check_site_rows, read_site_rows};
use crate::domain::secret::digest_bytes;
use crate::domain::site::NewSite;
use crate::store::sites::Placed;
use crate::store::{areas as area_rows, imports as staging, sites};

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
            area_rows::shapes(&mut conn).await?,
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
