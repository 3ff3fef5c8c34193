//! Photo files in object storage, a local folder or an S3 bucket, under content-addressed
//! keys: `originals/ab/ab12…`, `display/…`, `thumbs/…`, named by the SHA-256 of the bytes.
//! The same file uploaded twice is stored once. Nothing here decodes images; that is
//! `crate::domain::photo`.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::TryStreamExt;
use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};
use object_store::local::LocalFileSystem;
use object_store::path::Path as StorePath;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use crate::domain::photo::Sha256;

/// Which of a photo's files a key names; each has its own top folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Folder {
    /// The uploaded file as it came (with its metadata: never served to the public).
    Originals,
    /// The display image.
    Display,
    /// The thumbnail.
    Thumbs,
}

impl Folder {
    /// Every folder, in key order.
    pub const ALL: [Folder; 3] = [Folder::Display, Folder::Originals, Folder::Thumbs];

    /// The folder's name in keys.
    pub fn name(self) -> &'static str {
        match self {
            Folder::Originals => "originals",
            Folder::Display => "display",
            Folder::Thumbs => "thumbs",
        }
    }

    fn parse(name: &str) -> Option<Folder> {
        Folder::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// A content-addressed key: the folder, then the digest's first two hexadecimal digits as a
/// sub-folder (so that no folder holds every file), then the whole digest. It can only be
/// built from a [`Sha256`], so it never holds `..`, a slash or any other character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// The folder.
    pub folder: Folder,
    /// The SHA-256 of the stored bytes.
    pub sha256: Sha256,
}

impl Key {
    /// The key of the file whose SHA-256 is `sha256` in `folder`.
    pub fn new(folder: Folder, sha256: Sha256) -> Key {
        Key { folder, sha256 }
    }

    /// Reads a key as [`Key`]'s `Display` writes it; anything else is [`Error::BadKey`].
    pub fn parse(text: &str) -> Result<Key, Error> {
        let bad = || Error::BadKey(text.to_owned());
        let mut parts = text.split('/');
        let (Some(folder), Some(fan), Some(hex), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let folder = Folder::parse(folder).ok_or_else(bad)?;
        let sha256 = Sha256::from_hex(hex).ok_or_else(bad)?;
        if fan != &hex[..2] {
            return Err(bad());
        }
        Ok(Key { folder, sha256 })
    }

    fn path(&self) -> StorePath {
        StorePath::from(self.to_string())
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = self.sha256.hex();
        write!(f, "{}/{}/{hex}", self.folder.name(), &hex[..2])
    }
}

/// What [`Objects::put`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    /// The bytes were written.
    Written,
    /// An object with this key, hence these bytes, was there already; nothing was sent.
    AlreadyStored,
}

/// Why a storage step failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The storage setting cannot be used.
    #[error("photo storage {setting:?}: {reason}")]
    Setting {
        /// The setting as given.
        setting: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A text that is not a key as [`Key`] writes them.
    #[error("not a photo key: {0:?}")]
    BadKey(String),
    /// Bytes whose SHA-256 is not the key's.
    #[error("{key}: the bytes have another SHA-256")]
    WrongContent {
        /// The key the bytes were to be stored under.
        key: Key,
    },
    /// No object with this key.
    #[error("{0}: not stored")]
    NotFound(Key),
    /// The store itself failed (disk, network, permissions).
    #[error("photo storage: {0}")]
    Store(#[from] object_store::Error),
    /// This command was started without a photo store.
    #[error("no photo store: this command does not take one")]
    Absent,
}

/// The photo store: a local folder or an S3 bucket (with an optional prefix), or none for
/// a command that uses no photos. Every failed operation is counted for `/metrics`.
#[derive(Debug, Clone)]
pub struct Objects {
    store: Option<Arc<dyn ObjectStore>>,
    description: String,
}

impl fmt::Display for Objects {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.description)
    }
}

impl Objects {
    /// The store a setting names: `s3://BUCKET[/PREFIX]` (see [`Objects::s3`]), a folder
    /// path, or when there is no setting the folder `photos` in `data_dir`.
    pub fn from_setting(setting: Option<&str>, data_dir: &Path) -> Result<Objects, Error> {
        match setting.map(str::trim) {
            None | Some("") => Objects::local(&data_dir.join("photos")),
            Some(url) if url.starts_with("s3://") => Objects::s3(url),
            Some(url) if url.contains("://") => Err(Error::Setting {
                setting: url.to_owned(),
                reason: "only s3:// URLs and folder paths are known".to_owned(),
            }),
            Some(folder) => Objects::local(Path::new(folder)),
        }
    }

    /// No store, for a command that takes no photo store setting: every operation fails
    /// with [`Error::Absent`].
    pub fn none() -> Objects {
        Objects {
            store: None,
            description: "no photo store".to_owned(),
        }
    }

    /// A folder on this machine, made if missing; files are synced to disk when written.
    pub fn local(folder: &Path) -> Result<Objects, Error> {
        let setting_error = |e: &dyn fmt::Display| Error::Setting {
            setting: folder.display().to_string(),
            reason: e.to_string(),
        };
        std::fs::create_dir_all(folder).map_err(|e| setting_error(&e))?;
        let store = LocalFileSystem::new_with_prefix(folder)
            .map_err(|e| setting_error(&e))?
            .with_fsync(true)
            .with_automatic_cleanup(true);
        Ok(Objects {
            store: Some(Arc::new(store)),
            description: format!("folder {}", folder.display()),
        })
    }

    /// An S3 bucket, `s3://BUCKET[/PREFIX]`, with the endpoint, region and credentials from
    /// the usual variables (`AWS_ENDPOINT_URL` or `AWS_ENDPOINT`, `AWS_REGION` or
    /// `AWS_DEFAULT_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_ALLOW_HTTP`).
    /// An `http://` endpoint (a local test server) is allowed without `AWS_ALLOW_HTTP`.
    pub fn s3(url: &str) -> Result<Objects, Error> {
        let setting_error = |reason: String| Error::Setting {
            setting: url.to_owned(),
            reason,
        };
        let rest = url.strip_prefix("s3://").unwrap_or(url);
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let prefix = prefix.trim_matches('/');
        let bucket_ok = (3..=63).contains(&bucket.len())
            && bucket
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        if !bucket_ok {
            return Err(setting_error(
                "the bucket name must be 3 to 63 lowercase letters, digits, '-' or '.'".into(),
            ));
        }
        let mut builder = AmazonS3Builder::from_env().with_bucket_name(bucket);
        let plain_http = [AmazonS3ConfigKey::Endpoint, AmazonS3ConfigKey::S3Endpoint]
            .iter()
            .filter_map(|key| builder.get_config_value(key))
            .any(|endpoint| endpoint.starts_with("http://"));
        if plain_http {
            builder = builder.with_allow_http(true);
        }
        let s3 = builder.build().map_err(|e| setting_error(e.to_string()))?;
        let store: Arc<dyn ObjectStore> = if prefix.is_empty() {
            Arc::new(s3)
        } else {
            Arc::new(PrefixStore::new(s3, prefix))
        };
        Ok(Objects {
            store: Some(store),
            description: format!("s3://{bucket}/{prefix}"),
        })
    }

    /// Stores `bytes` under `key`, unless an object with that key is there already (the key
    /// names the content, so it is the same file). Bytes whose SHA-256 is not the key's are
    /// refused: a key always names what it holds.
    pub async fn put(&self, key: &Key, bytes: Bytes) -> Result<Put, Error> {
        let digest = {
            let bytes = bytes.clone();
            tokio::task::spawn_blocking(move || Sha256::of(&bytes))
                .await
                .expect("hashing does not panic")
        };
        if digest != key.sha256 {
            return Err(Error::WrongContent { key: *key });
        }
        if self.exists(key).await? {
            return Ok(Put::AlreadyStored);
        }
        let path = key.path();
        let written = self.store("put")?.put(&path, PutPayload::from(bytes));
        written.await.map_err(|e| failed("put", e))?;
        Ok(Put::Written)
    }

    /// The bytes stored under `key`.
    pub async fn get(&self, key: &Key) -> Result<Bytes, Error> {
        match self.store("get")?.get(&key.path()).await {
            Ok(found) => found.bytes().await.map_err(|e| failed("get", e)),
            Err(object_store::Error::NotFound { .. }) => Err(Error::NotFound(*key)),
            Err(e) => Err(failed("get", e)),
        }
    }

    /// Whether an object is stored under `key`.
    pub async fn exists(&self, key: &Key) -> Result<bool, Error> {
        match self.store("head")?.head(&key.path()).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(failed("head", e)),
        }
    }

    /// Removes the object under `key`; one already gone is no error.
    pub async fn delete(&self, key: &Key) -> Result<(), Error> {
        match self.store("delete")?.delete(&key.path()).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(failed("delete", e)),
        }
    }

    /// The name of some object in the store, if it holds any at all (keys or not): a
    /// restore goes only into an empty store.
    pub async fn any_object(&self) -> Result<Option<String>, Error> {
        let mut listing = self.store("list")?.list(None);
        Ok(listing
            .try_next()
            .await
            .map_err(|e| failed("list", e))?
            .map(|meta| meta.location.to_string()))
    }

    /// Every key stored in `folder` (every folder when `None`), sorted, for the orphan check
    /// that compares them with the database. An object whose name is not a key (left by
    /// hand, say) is logged and left out.
    pub async fn list(&self, folder: Option<Folder>) -> Result<Vec<Key>, Error> {
        let folders = match folder {
            Some(folder) => vec![folder],
            None => Folder::ALL.to_vec(),
        };
        let store = self.store("list")?;
        let mut keys = Vec::new();
        for folder in folders {
            let prefix = StorePath::from(folder.name());
            let mut listing = store.list(Some(&prefix));
            while let Some(meta) = listing.try_next().await.map_err(|e| failed("list", e))? {
                match Key::parse(meta.location.as_ref()) {
                    Ok(key) => keys.push(key),
                    Err(_) => {
                        tracing::warn!(object = %meta.location, store = %self, "not a photo key")
                    }
                }
            }
        }
        keys.sort();
        Ok(keys)
    }

    /// The store, or [`Error::Absent`] (counted as a failed `operation`) when there is none.
    fn store(&self, operation: &'static str) -> Result<&Arc<dyn ObjectStore>, Error> {
        self.store.as_ref().ok_or_else(|| {
            crate::telemetry::photo_store_failed(operation);
            Error::Absent
        })
    }
}

/// A failed `operation` of the store, counted for `/metrics`.
fn failed(operation: &'static str, e: object_store::Error) -> Error {
    crate::telemetry::photo_store_failed(operation);
    Error::Store(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_its_folder_a_fan_out_folder_and_the_digest() {
        let digest = Sha256::of(b"abc");
        let key = Key::new(Folder::Originals, digest);
        let text = key.to_string();
        assert_eq!(
            text,
            "originals/ba/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(Key::parse(&text).expect("round trip"), key);
        assert!(
            Key::new(Folder::Thumbs, digest)
                .to_string()
                .starts_with("thumbs/ba/")
        );
        assert!(
            Key::new(Folder::Display, digest)
                .to_string()
                .starts_with("display/ba/")
        );
    }

    #[test]
    fn texts_that_are_not_keys_are_refused() {
        let hex = Sha256::of(b"abc").hex();
        for bad in [
            String::new(),
            "originals".to_owned(),
            format!("originals/{hex}"),
            format!("originals/zz/{hex}"),
            format!("originals/ba/{}", hex.to_uppercase()),
            format!("originals/ba/{hex}/x"),
            format!("../ba/{hex}"),
            format!("originals/ba/../../{hex}"),
            format!("/originals/ba/{hex}"),
            format!("photos/ba/{hex}"),
        ] {
            assert!(matches!(Key::parse(&bad), Err(Error::BadKey(_))), "{bad:?}");
        }
    }
}
