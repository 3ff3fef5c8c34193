//! Backups of a SQLite installation, taken while the server serves and writes, and their
//! restore into an empty data folder. A backup folder holds the database's snapshot
//! (`tiepcan.db`), every photo object it refers to (`photos/KEY`) and `manifest.json`,
//! which lists each file with its SHA-256 and size. PostgreSQL is copied by its own tools.

mod restore;
mod take;

pub use restore::{Target, restore};
pub use take::backup;

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::domain::backup::Refusal;
use crate::store::backup::is_postgres;

/// Why a backup or a restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// Refused, for the reasons named; nothing was written.
    #[error("refused: {0:?}")]
    Refused(Vec<Refusal>),
    /// The disk, the database or the photo store failed.
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

impl From<Refusal> for BackupError {
    fn from(refusal: Refusal) -> Self {
        BackupError::Refused(vec![refusal])
    }
}

impl From<sqlx::Error> for BackupError {
    fn from(e: sqlx::Error) -> Self {
        BackupError::Failed(anyhow::Error::new(e).context("reading the database"))
    }
}

impl From<crate::objects::Error> for BackupError {
    fn from(e: crate::objects::Error) -> Self {
        BackupError::Failed(anyhow::Error::new(e))
    }
}

/// What a backup wrote, or a restore brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The backup folder.
    pub dir: PathBuf,
    /// The database file written (the backup's copy, or the restored file).
    pub database: PathBuf,
    /// The database file's size.
    pub database_bytes: u64,
    /// How many photo objects.
    pub photos: usize,
    /// Their size in all.
    pub photo_bytes: u64,
    /// The newest migration applied to the database.
    pub schema_version: i64,
}

/// Refuses a PostgreSQL database before anything is opened: `pg_dump` and `pg_restore`
/// copy it (the README says how).
pub fn refuse_postgres(database_url: &str) -> Result<(), BackupError> {
    if is_postgres(database_url) {
        return Err(Refusal::Postgres.into());
    }
    Ok(())
}

/// Refuses an `--out` that is a file or a folder with something in it; a missing or empty
/// folder is fine. Returns whether the folder exists already.
pub fn check_out(out: &Path) -> Result<bool, BackupError> {
    if !out.exists() {
        return Ok(false);
    }
    if !out.is_dir() {
        return Err(Refusal::NotAFolder {
            path: out.display().to_string(),
        }
        .into());
    }
    if let Some(first) = first_entry(out)? {
        return Err(Refusal::OutNotEmpty {
            dir: out.display().to_string(),
            holds: first,
        }
        .into());
    }
    Ok(true)
}

/// The name of some entry of folder `dir`, if it has any.
fn first_entry(dir: &Path) -> Result<Option<String>, BackupError> {
    let mut entries = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("cannot read the folder {}: {e}", dir.display()))?;
    Ok(entries
        .next()
        .transpose()
        .map_err(|e| anyhow::anyhow!("cannot read the folder {}: {e}", dir.display()))?
        .map(|entry| entry.file_name().to_string_lossy().into_owned()))
}

/// The SHA-256 (lowercase hexadecimal) and size of a file, read in pieces.
fn digest_file(file: &Path) -> std::io::Result<(String, u64)> {
    use sha2::Digest;
    let mut reader = std::fs::File::open(file)?;
    let mut hasher = sha2::Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = reader.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        size += n as u64;
    }
    Ok((format!("{:x}", hasher.finalize()), size))
}

/// Makes a file's bytes, and its name in its folder, durable.
fn sync_file(file: &Path) -> std::io::Result<()> {
    std::fs::File::open(file)?.sync_all()?;
    sync_folder(file.parent().unwrap_or(Path::new(".")))
}

/// Makes the names in a folder durable (a rename, a new file).
fn sync_folder(dir: &Path) -> std::io::Result<()> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::File::open(dir)?.sync_all()
}

/// Runs blocking file work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, BackupError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| BackupError::Failed(anyhow::anyhow!("a file task stopped: {e}")))
}
