//! `tiepcan restore DIR`: every file of the backup checked against its manifest first, the
//! target checked empty, then the photo objects put back and the database file last.

use std::path::{Path, PathBuf};

use anyhow::Context;
use futures_util::StreamExt;

use super::{BackupError, Summary, blocking, digest_file, sync_folder};
use crate::domain::backup::{DATABASE, FORMAT, FileEntry, MANIFEST, Manifest, Part, Refusal};
use crate::objects::{Key, Objects, Put};
use crate::store::backup::{known_schema_version, sqlite_file};

/// How many objects are put back at once.
const AT_ONCE: usize = 8;

/// Where a restore goes: the settings of the installation that is to run on it.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The database URL (`sqlite://PATH`; a PostgreSQL URL is refused).
    pub database_url: &'a str,
    /// The photo store setting (a folder or `s3://...`; none: `photos` in the data folder).
    pub photo_store: Option<&'a str>,
    /// The data folder.
    pub data_dir: &'a Path,
}

/// A backup whose every file matched its manifest.
struct Checked {
    manifest: Manifest,
    database: FileEntry,
    database_file: PathBuf,
    photos: Vec<(Key, PathBuf)>,
}

/// Restores the backup in `dir` into `target`, which must hold no database file and no
/// photo object. Every file is checked against the manifest before anything is written
/// (the photo store is opened only then: opening a folder makes it); a refusal names each
/// missing or altered file, or what the target holds, and writes nothing.
pub async fn restore(dir: &Path, target: &Target<'_>) -> Result<Summary, BackupError> {
    super::refuse_postgres(target.database_url)?;
    let database = sqlite_file(target.database_url)
        .ok_or_else(|| anyhow::anyhow!("{} names no SQLite database file", target.database_url))?;
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = database.clone().into_os_string();
        name.push(suffix);
        let file = PathBuf::from(name);
        if file.exists() {
            return Err(Refusal::TargetNotEmpty {
                what: file.display().to_string(),
            }
            .into());
        }
    }
    let checked = {
        let dir = dir.to_owned();
        blocking(move || check(&dir)).await??
    };
    let objects = Objects::from_setting(target.photo_store, target.data_dir)?;
    if let Some(first) = objects.any_object().await? {
        return Err(Refusal::TargetNotEmpty {
            what: format!("{first} ({objects})"),
        }
        .into());
    }
    let mut written = Vec::new();
    let outcome = put_back(&checked, &objects, &database, &mut written).await;
    if outcome.is_err() {
        for key in &written {
            if let Err(e) = objects.delete(key).await {
                tracing::warn!(%key, error = %e, "could not remove an object of a failed restore");
            }
        }
    }
    let (database_bytes, photo_bytes) = outcome?;
    Ok(Summary {
        dir: dir.to_owned(),
        database,
        database_bytes,
        photos: checked.photos.len(),
        photo_bytes,
        schema_version: checked.manifest.schema_version,
    })
}

/// Reads the manifest and checks every file it lists.
fn check(dir: &Path) -> Result<Checked, BackupError> {
    let manifest = read_manifest(dir)?;
    let manifest_file = dir.join(MANIFEST).display().to_string();
    let mut refusals = Vec::new();
    let mut database = None;
    let mut photos = Vec::new();
    for entry in &manifest.files {
        let file = dir.join(&entry.path);
        match entry.part() {
            Some(Part::Database) => database = Some(entry.clone()),
            Some(Part::Photo(key)) => match Key::parse(key) {
                Ok(key) if key.sha256.hex() == entry.sha256 => photos.push((key, file.clone())),
                _ => {
                    refusals.push(Refusal::StrangeEntry {
                        path: entry.path.clone(),
                    });
                    continue;
                }
            },
            None => {
                refusals.push(Refusal::StrangeEntry {
                    path: entry.path.clone(),
                });
                continue;
            }
        }
        let path = file.display().to_string();
        match digest_file(&file) {
            Ok((sha256, bytes)) if sha256 == entry.sha256 && bytes == entry.bytes => {}
            Ok(_) => refusals.push(Refusal::Altered { path }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                refusals.push(Refusal::Missing { path })
            }
            Err(e) => return Err(anyhow::anyhow!("cannot read {path}: {e}").into()),
        }
    }
    let Some(database) = database else {
        refusals.push(Refusal::BadManifest {
            file: manifest_file,
            reason: format!("it lists no database file ({DATABASE})"),
        });
        return Err(BackupError::Refused(refusals));
    };
    if !refusals.is_empty() {
        return Err(BackupError::Refused(refusals));
    }
    Ok(Checked {
        manifest,
        database,
        database_file: dir.join(DATABASE),
        photos,
    })
}

/// The manifest of the backup in `dir`, if it is one this version can restore.
fn read_manifest(dir: &Path) -> Result<Manifest, BackupError> {
    if !dir.is_dir() {
        return Err(Refusal::NotAFolder {
            path: dir.display().to_string(),
        }
        .into());
    }
    let file = dir.join(MANIFEST);
    let bad = |reason: String| Refusal::BadManifest {
        file: file.display().to_string(),
        reason,
    };
    let bytes = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Refusal::NoManifest {
                dir: dir.display().to_string(),
            }
            .into());
        }
        Err(e) => return Err(anyhow::anyhow!("cannot read {}: {e}", file.display()).into()),
    };
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))?;
    if manifest.format != FORMAT {
        return Err(bad(format!(
            "it is in format {}; this version of tiepcan reads format {FORMAT}",
            manifest.format
        ))
        .into());
    }
    if manifest.backend != "sqlite" {
        return Err(bad(format!("its backend is {:?}, not sqlite", manifest.backend)).into());
    }
    let known = known_schema_version("sqlite");
    if manifest.schema_version > known {
        return Err(Refusal::NewerSchema {
            found: manifest.schema_version,
            known,
        }
        .into());
    }
    Ok(manifest)
}

/// Puts the photo objects into the store (noting in `written` those it wrote), then the
/// database file; returns the sizes of the database and of the objects.
async fn put_back(
    checked: &Checked,
    objects: &Objects,
    database: &Path,
    written: &mut Vec<Key>,
) -> Result<(u64, u64), BackupError> {
    let mut puts = futures_util::stream::iter(checked.photos.iter())
        .map(|(key, file)| async move {
            let bytes = tokio::fs::read(file)
                .await
                .with_context(|| format!("cannot read {}", file.display()))?;
            let size = bytes.len() as u64;
            match objects.put(key, bytes.into()).await {
                Ok(put) => Ok((*key, put, size)),
                Err(crate::objects::Error::WrongContent { .. }) => Err(Refusal::Altered {
                    path: file.display().to_string(),
                }
                .into()),
                Err(e) => Err(BackupError::from(e)),
            }
        })
        .buffer_unordered(AT_ONCE);
    let mut photo_bytes = 0;
    let mut failed = None;
    while let Some(result) = puts.next().await {
        match result {
            Ok((key, put, size)) => {
                photo_bytes += size;
                if put == Put::Written {
                    written.push(key);
                }
            }
            Err(e) => failed = failed.or(Some(e)),
        }
    }
    if let Some(e) = failed {
        return Err(e);
    }
    let (entry, from, to) = (
        checked.database.clone(),
        checked.database_file.clone(),
        database.to_owned(),
    );
    blocking(move || copy_database(&from, &to, &entry)).await??;
    Ok((checked.database.bytes, photo_bytes))
}

/// Copies the backup's database to `to` under another name, checks the copy against the
/// manifest, and only then gives it its name.
fn copy_database(from: &Path, to: &Path, entry: &FileEntry) -> Result<(), BackupError> {
    let folder = to.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot make the folder {}", folder.display()))?;
    let mut name = to.as_os_str().to_owned();
    name.push(".restoring");
    let partial = PathBuf::from(name);
    let copied = (|| -> std::io::Result<(String, u64)> {
        std::fs::copy(from, &partial)?;
        std::fs::File::open(&partial)?.sync_all()?;
        digest_file(&partial)
    })();
    match copied {
        Ok((sha256, bytes)) if sha256 == entry.sha256 && bytes == entry.bytes => {}
        Ok(_) => {
            let _ = std::fs::remove_file(&partial);
            return Err(Refusal::Altered {
                path: from.display().to_string(),
            }
            .into());
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(anyhow::anyhow!(
                "cannot copy {} to {}: {e}",
                from.display(),
                partial.display()
            )
            .into());
        }
    }
    std::fs::rename(&partial, to)
        .with_context(|| format!("cannot name the restored database {}", to.display()))?;
    sync_folder(folder).context("syncing the data folder")?;
    Ok(())
}
