//! Photo storage on a local folder, and on a real S3-compatible server when
//! `TIEPCAN_TEST_S3_ENDPOINT` is set (`tests/s3/run.sh` starts one, makes a bucket and sets
//! it): each S3 test works under its own prefix of the run's bucket.

use bytes::Bytes;
use tiepcan::domain::photo::Sha256;
use tiepcan::objects::{Error, Folder, Key, Objects, Put};

fn key_of(folder: Folder, bytes: &[u8]) -> Key {
    Key::new(folder, Sha256::of(bytes))
}

/// A fresh store for one test: a new S3 prefix when the S3 server is set, else `None`.
fn s3() -> Option<Objects> {
    let endpoint = std::env::var("TIEPCAN_TEST_S3_ENDPOINT").ok()?;
    let configured = std::env::var("AWS_ENDPOINT_URL")
        .or_else(|_| std::env::var("AWS_ENDPOINT"))
        .unwrap_or_default();
    assert_eq!(
        configured, endpoint,
        "AWS_ENDPOINT_URL must name the test server (tests/s3/run.sh sets both)"
    );
    let bucket = std::env::var("TIEPCAN_TEST_S3_BUCKET").unwrap_or_else(|_| "tiepcan-test".into());
    let prefix = uuid::Uuid::now_v7().simple();
    Some(Objects::s3(&format!("s3://{bucket}/tests/{prefix}")).expect("S3 settings"))
}

fn skipped(test: &str) {
    eprintln!("{test}: skipped on S3, TIEPCAN_TEST_S3_ENDPOINT is not set (tests/s3/run.sh)");
}

async fn stored_twice_is_kept_once(objects: &Objects) {
    let photo = Bytes::from_static(b"the same photo, uploaded twice");
    let key = key_of(Folder::Originals, &photo);
    assert_eq!(
        objects.put(&key, photo.clone()).await.expect("put"),
        Put::Written
    );
    assert_eq!(
        objects.put(&key, photo.clone()).await.expect("put"),
        Put::AlreadyStored
    );
    assert_eq!(objects.list(None).await.expect("list"), vec![key]);
    assert_eq!(objects.get(&key).await.expect("get"), photo);
}

async fn round_trip(objects: &Objects) {
    let display = Bytes::from(vec![7u8; 300_000]);
    let key = key_of(Folder::Display, &display);
    assert!(!objects.exists(&key).await.expect("exists"));
    assert!(matches!(objects.get(&key).await, Err(Error::NotFound(k)) if k == key));
    objects.put(&key, display.clone()).await.expect("put");
    assert!(objects.exists(&key).await.expect("exists"));
    assert_eq!(objects.get(&key).await.expect("get"), display);
    objects.delete(&key).await.expect("delete");
    assert!(!objects.exists(&key).await.expect("exists"));
    // Deleting what is gone is no error: a retried clean-up succeeds.
    objects.delete(&key).await.expect("delete again");
}

async fn listing_per_folder(objects: &Objects) {
    let mut originals: Vec<Key> = Vec::new();
    for n in 0..5u8 {
        let bytes = Bytes::from(vec![n; 10 + usize::from(n)]);
        let key = key_of(Folder::Originals, &bytes);
        objects.put(&key, bytes).await.expect("put");
        originals.push(key);
    }
    let thumb = Bytes::from_static(b"thumbnail");
    let thumb_key = key_of(Folder::Thumbs, &thumb);
    objects.put(&thumb_key, thumb).await.expect("put");
    originals.sort();
    assert_eq!(
        objects.list(Some(Folder::Originals)).await.expect("list"),
        originals
    );
    assert_eq!(
        objects.list(Some(Folder::Thumbs)).await.expect("list"),
        vec![thumb_key]
    );
    assert_eq!(
        objects.list(Some(Folder::Display)).await.expect("list"),
        vec![]
    );
    let mut all = originals.clone();
    all.push(thumb_key);
    all.sort();
    assert_eq!(objects.list(None).await.expect("list"), all);
}

async fn wrong_content_refused(objects: &Objects) {
    let key = key_of(Folder::Originals, b"what the key names");
    let result = objects
        .put(&key, Bytes::from_static(b"something else"))
        .await;
    assert!(
        matches!(result, Err(Error::WrongContent { key: k }) if k == key),
        "{result:?}"
    );
    assert!(!objects.exists(&key).await.expect("exists"));
}

#[tokio::test]
async fn a_photo_uploaded_twice_is_stored_once_in_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let objects = Objects::local(dir.path()).expect("folder");
    stored_twice_is_kept_once(&objects).await;
    let files: Vec<_> = walk(dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let key = key_of(Folder::Originals, b"the same photo, uploaded twice");
    assert!(files[0].ends_with(&key.to_string()), "{files:?}");
}

#[tokio::test]
async fn a_photo_uploaded_twice_is_stored_once_on_s3() {
    match s3() {
        Some(objects) => stored_twice_is_kept_once(&objects).await,
        None => skipped("a_photo_uploaded_twice_is_stored_once_on_s3"),
    }
}

#[tokio::test]
async fn stored_bytes_come_back_and_deleted_ones_are_gone_in_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    round_trip(&Objects::local(dir.path()).expect("folder")).await;
}

#[tokio::test]
async fn stored_bytes_come_back_and_deleted_ones_are_gone_on_s3() {
    match s3() {
        Some(objects) => round_trip(&objects).await,
        None => skipped("stored_bytes_come_back_and_deleted_ones_are_gone_on_s3"),
    }
}

#[tokio::test]
async fn the_orphan_check_lists_every_key_of_a_folder_in_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let objects = Objects::local(dir.path()).expect("folder");
    listing_per_folder(&objects).await;
    // A file left by hand is not a key: left out of the listing, not an error.
    std::fs::write(dir.path().join("originals").join("notes.txt"), "by hand").expect("write");
    assert_eq!(
        objects
            .list(Some(Folder::Originals))
            .await
            .expect("list")
            .len(),
        5
    );
}

#[tokio::test]
async fn the_orphan_check_lists_every_key_of_a_folder_on_s3() {
    match s3() {
        Some(objects) => listing_per_folder(&objects).await,
        None => skipped("the_orphan_check_lists_every_key_of_a_folder_on_s3"),
    }
}

#[tokio::test]
async fn bytes_that_are_not_what_their_key_names_are_refused_in_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    wrong_content_refused(&Objects::local(dir.path()).expect("folder")).await;
}

#[tokio::test]
async fn bytes_that_are_not_what_their_key_names_are_refused_on_s3() {
    match s3() {
        Some(objects) => wrong_content_refused(&objects).await,
        None => skipped("bytes_that_are_not_what_their_key_names_are_refused_on_s3"),
    }
}

#[tokio::test]
async fn without_a_setting_photos_go_to_the_photos_folder_of_the_data_dir() {
    let dir = tempfile::tempdir().expect("temp dir");
    let objects = Objects::from_setting(None, dir.path()).expect("default");
    let bytes = Bytes::from_static(b"photo");
    let key = key_of(Folder::Thumbs, &bytes);
    objects.put(&key, bytes).await.expect("put");
    assert!(dir.path().join("photos").join(key.to_string()).is_file());
    let named = dir.path().join("elsewhere");
    let objects = Objects::from_setting(named.to_str(), dir.path()).expect("folder");
    assert!(named.is_dir());
    assert_eq!(objects.list(None).await.expect("list"), vec![]);
}

#[test]
fn storage_settings_that_cannot_work_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    for setting in [
        "ftp://photos.example/x",
        "s3://",
        "s3://UPPER/x",
        "s3://a/x",
    ] {
        let result = Objects::from_setting(Some(setting), dir.path());
        assert!(
            matches!(result, Err(Error::Setting { .. })),
            "{setting}: {result:?}"
        );
    }
}

fn walk(root: &std::path::Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path.to_string_lossy().into_owned());
            }
        }
    }
    files
}
