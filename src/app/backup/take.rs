//! `tiepcan backup --out DIR`: the database's snapshot first, then the photo objects that
//! snapshot refers to, then the manifest, written last.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::Context;
use bytes::Bytes;
use futures_util::StreamExt;

use super::{BackupError, Summary, blocking, check_out, digest_file, sync_file, sync_folder};
use crate::app::Services;
use crate::app::photo_files::keys_of;
use crate::domain::backup::{DATABASE, FORMAT, FileEntry, MANIFEST, Manifest, PHOTOS, Refusal};
use crate::objects::{Key, Objects};
use crate::store::{backup as snapshots, photos};

/// How many snapshots a backup takes before it gives up on objects missing from the store.
/// A photo deleted after a snapshot loses its objects while the snapshot still names them;
/// the next snapshot no longer does.
const ATTEMPTS: usize = 3;

/// How many objects are copied at once (an S3 store answers each after a round trip).
const AT_ONCE: usize = 8;

/// Keys named in a refusal, at most.
const KEYS_NAMED: usize = 10;

/// Copies the database and every photo object it refers to into `out` (a new or empty
/// folder), while the server goes on serving and writing. On a refusal or a failure the
/// folder is left as it was found (removed, or emptied again).
pub async fn backup(s: &Services, out: &Path) -> Result<Summary, BackupError> {
    if let crate::store::Db::Postgres(_) = s.db {
        return Err(Refusal::Postgres.into());
    }
    let existed = check_out(out)?;
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot make the folder {}", out.display()))?;
    let written = write(s, out).await;
    if written.is_err() {
        let cleared = if existed {
            empty_folder(out)
        } else {
            std::fs::remove_dir_all(out)
        };
        if let Err(e) = cleared {
            tracing::warn!(folder = %out.display(), error = %e, "could not clear a failed backup");
        }
    }
    written
}

/// Removes everything inside `dir`.
fn empty_folder(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            std::fs::remove_dir_all(path)?;
        } else {
            std::fs::remove_file(path)?;
        }
    }
    Ok(())
}

async fn write(s: &Services, out: &Path) -> Result<Summary, BackupError> {
    let database = out.join(DATABASE);
    let copy = Objects::local(&out.join(PHOTOS))?;
    let mut copied: BTreeMap<Key, u64> = BTreeMap::new();
    let mut attempt = 0;
    let (wanted, schema_version, created_at) = loop {
        attempt += 1;
        if database.exists() {
            std::fs::remove_file(&database).context("removing an earlier snapshot")?;
        }
        let at = s.now();
        snapshots::snapshot(&s.db, &database)
            .await
            .context("taking the database's snapshot (VACUUM INTO)")?;
        let (wanted, schema_version) = referred(&database).await?;
        let missing = copy_objects(s, &copy, &wanted, &mut copied).await?;
        if missing.is_empty() {
            break (wanted, schema_version, at);
        }
        if attempt == ATTEMPTS {
            return Err(Refusal::ObjectsMissing {
                count: missing.len(),
                keys: missing
                    .iter()
                    .take(KEYS_NAMED)
                    .map(Key::to_string)
                    .collect(),
            }
            .into());
        }
        tracing::info!(
            missing = missing.len(),
            attempt,
            "objects of the snapshot are gone (photos deleted since?); taking another"
        );
    };
    // Objects copied for an earlier snapshot that this one does not refer to.
    for key in copied.keys().filter(|k| !wanted.contains(k)) {
        copy.delete(key).await?;
    }
    copied.retain(|key, _| wanted.contains(key));
    let manifest = {
        let database = database.clone();
        blocking(move || -> std::io::Result<FileEntry> {
            sync_file(&database)?;
            let (sha256, bytes) = digest_file(&database)?;
            Ok(FileEntry {
                path: DATABASE.to_owned(),
                sha256,
                bytes,
            })
        })
        .await?
        .context("reading the snapshot back")?
    };
    let database_bytes = manifest.bytes;
    let mut files = vec![manifest];
    files.extend(copied.iter().map(|(key, bytes)| FileEntry {
        path: format!("{PHOTOS}/{key}"),
        sha256: key.sha256.hex(),
        bytes: *bytes,
    }));
    let manifest = Manifest {
        format: FORMAT,
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        backend: "sqlite".to_owned(),
        schema_version,
        created_at,
        files,
    };
    write_manifest(out, &manifest).await?;
    Ok(Summary {
        dir: out.to_owned(),
        database,
        database_bytes,
        photos: copied.len(),
        photo_bytes: copied.values().sum(),
        schema_version,
    })
}

/// The objects the snapshot's photo records refer to, and its schema version.
async fn referred(snapshot: &Path) -> Result<(BTreeSet<Key>, i64), BackupError> {
    let db = snapshots::open_snapshot(snapshot).await?;
    let read = async {
        let mut conn = db.conn().await?;
        let records = photos::all(&mut conn).await?;
        let version = snapshots::schema_version(&mut conn).await?;
        Ok::<_, sqlx::Error>((records, version))
    }
    .await;
    db.close().await;
    let (records, version) = read?;
    Ok((records.iter().flat_map(keys_of).collect(), version))
}

/// Copies each of `wanted` not copied yet from the photo store into `copy`; returns those
/// the store does not hold.
async fn copy_objects(
    s: &Services,
    copy: &Objects,
    wanted: &BTreeSet<Key>,
    copied: &mut BTreeMap<Key, u64>,
) -> Result<Vec<Key>, BackupError> {
    let pending: Vec<Key> = wanted
        .iter()
        .filter(|k| !copied.contains_key(k))
        .copied()
        .collect();
    let mut results = futures_util::stream::iter(pending)
        .map(|key| async move {
            let bytes: Bytes = match s.photos.objects.get(&key).await {
                Ok(bytes) => bytes,
                Err(crate::objects::Error::NotFound(_)) => return Ok((key, None)),
                Err(e) => return Err(e),
            };
            let size = bytes.len() as u64;
            copy.put(&key, bytes).await?;
            Ok((key, Some(size)))
        })
        .buffer_unordered(AT_ONCE);
    let mut missing = Vec::new();
    while let Some(result) = results.next().await {
        match result? {
            (key, Some(size)) => {
                copied.insert(key, size);
            }
            (key, None) => missing.push(key),
        }
    }
    missing.sort();
    Ok(missing)
}

/// Writes `manifest.json` under another name first and renames it: a folder has one only
/// when everything it lists is written.
async fn write_manifest(out: &Path, manifest: &Manifest) -> Result<(), BackupError> {
    let text = serde_json::to_vec_pretty(manifest).context("writing the manifest")?;
    let out = out.to_owned();
    blocking(move || -> std::io::Result<()> {
        let partial = out.join(format!("{MANIFEST}.partial"));
        std::fs::write(&partial, text)?;
        std::fs::File::open(&partial)?.sync_all()?;
        std::fs::rename(&partial, out.join(MANIFEST))?;
        sync_folder(&out)
    })
    .await?
    .context("writing the manifest")?;
    Ok(())
}
