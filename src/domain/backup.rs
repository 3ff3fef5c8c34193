//! A backup folder: what its manifest says, which files it may hold, and why a backup or a
//! restore is refused. The copying itself is `crate::app::backup`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The manifest's name inside a backup folder; it is written last, so a folder without one
/// holds a backup that did not finish.
pub const MANIFEST: &str = "manifest.json";
/// The database file's name inside a backup folder.
pub const DATABASE: &str = "tiepcan.db";
/// The folder of photo objects inside a backup folder, laid out as the photo store's keys.
pub const PHOTOS: &str = "photos";
/// The manifest format this version writes and reads.
pub const FORMAT: u32 = 1;

/// What `manifest.json` records: every file of the backup with its SHA-256 and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: u32,
    /// The version of `tiepcan` that wrote it.
    pub app_version: String,
    /// The database's kind: `sqlite`.
    pub backend: String,
    /// The newest database migration applied in the copied database.
    pub schema_version: i64,
    /// When the database's snapshot was taken.
    pub created_at: DateTime<Utc>,
    /// Every file, the database first, then the photo objects in key order.
    pub files: Vec<FileEntry>,
}

/// One file of a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Its path inside the backup folder, with `/` between folders.
    pub path: String,
    /// The SHA-256 of its bytes, 64 lowercase hexadecimal digits.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// What a file named in a manifest is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// The database file.
    Database,
    /// A photo object; the text after `photos/`, the object's key.
    Photo(&'a str),
}

impl FileEntry {
    /// What this file is, by its path; `None` for a path a backup never holds (`..`, an
    /// absolute path, anything but the database and `photos/...`).
    pub fn part(&self) -> Option<Part<'_>> {
        if self.path == DATABASE {
            return Some(Part::Database);
        }
        let key = self.path.strip_prefix(PHOTOS)?.strip_prefix('/')?;
        let plain = key
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != ".." && !p.contains('\\'));
        plain.then_some(Part::Photo(key))
    }
}

/// Why a backup or a restore did not happen. Each names what it found; nothing was
/// written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The database is PostgreSQL: its own tools copy it (`pg_dump`, `pg_restore`).
    Postgres,
    /// `--out` names something that is not a folder.
    NotAFolder {
        /// The path given.
        path: String,
    },
    /// `--out` names a folder that holds something already.
    OutNotEmpty {
        /// The folder.
        dir: String,
        /// One thing in it.
        holds: String,
    },
    /// Objects the database refers to are not in the photo store (after trying again, in
    /// case a photo was deleted while the backup ran).
    ObjectsMissing {
        /// Their keys (the first few).
        keys: Vec<String>,
        /// How many in all.
        count: usize,
    },
    /// The folder holds no manifest: not a backup, or one that did not finish.
    NoManifest {
        /// The folder.
        dir: String,
    },
    /// The manifest cannot be read.
    BadManifest {
        /// The manifest's path.
        file: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The manifest lists a file a backup never holds.
    StrangeEntry {
        /// Its path as listed.
        path: String,
    },
    /// A file the manifest lists is not in the folder.
    Missing {
        /// Its path.
        path: String,
    },
    /// A file's size or SHA-256 is not what the manifest says.
    Altered {
        /// Its path.
        path: String,
    },
    /// The backup's database is newer than this version of `tiepcan` knows.
    NewerSchema {
        /// The backup's schema version.
        found: i64,
        /// The newest this version knows.
        known: i64,
    },
    /// The restore's target holds data already.
    TargetNotEmpty {
        /// What is there (a file, or an object of the photo store).
        what: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str) -> FileEntry {
        FileEntry {
            path: path.to_owned(),
            sha256: String::new(),
            bytes: 0,
        }
    }

    #[test]
    fn a_backup_holds_the_database_and_photo_objects_and_nothing_outside_its_folder() {
        assert_eq!(entry("tiepcan.db").part(), Some(Part::Database));
        assert_eq!(
            entry("photos/thumbs/ab/abc").part(),
            Some(Part::Photo("thumbs/ab/abc"))
        );
        for bad in [
            "manifest.json",
            "photos",
            "photos/",
            "photosx/a",
            "/etc/passwd",
            "photos/../../etc/passwd",
            "photos/a//b",
            "photos/a\\b",
            "../tiepcan.db",
        ] {
            assert_eq!(entry(bad).part(), None, "{bad}");
        }
    }
}
