//! Refused restores and backups: each names what it found and writes nothing.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::{Value, json};
use tiepcan::objects::{Folder, Objects};

use super::{Install, on, photographed, stdout, text, tree};
use crate::audits::photo;
use crate::common::{Demo, run_cli, stderr};

#[tokio::test]
async fn a_restore_into_a_folder_or_store_with_data_is_refused_by_name_and_changes_nothing() {
    let (app, _kept, out) = photographed().await;

    // Onto the running installation itself.
    let before = tree(app.dir.path());
    let refused = on(&app, &["restore", text(&out)]);
    assert!(!refused.status.success());
    let said = stderr(&refused);
    let file = app.dir.path().join("tiepcan.db");
    assert!(said.contains("The target already holds data"), "{said}");
    assert!(
        said.contains(text(&file)),
        "names the database file: {said}"
    );
    assert!(said.contains("Nothing was written."), "{said}");
    assert_eq!(tree(app.dir.path()), before, "nothing changed");

    // A data folder with a database file only.
    let target = Install::new(Demo::No).await;
    let file = target.dir.path().join("tiepcan.db");
    std::fs::write(&file, b"someone's data").expect("write");
    let before = tree(target.dir.path());
    let refused = target.restore(&out);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains(text(&file)),
        "{}",
        stderr(&refused)
    );
    assert_eq!(tree(target.dir.path()), before, "nothing changed");

    // No database yet, but a photo store that holds an object.
    let target = Install::new(Demo::No).await;
    let (s, photos) = (&target.config.database, &target.config.photos);
    let store = Objects::from_setting(photos.photo_store.as_deref(), &s.data_dir).expect("store");
    let bytes = photo(3, None);
    let key = tiepcan::objects::Key::new(
        Folder::Originals,
        tiepcan::domain::photo::Sha256::of(&bytes),
    );
    store.put(&key, bytes.into()).await.expect("put");
    let before = tree(target.dir.path());
    let refused = target.restore(&out);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains(&key.to_string()),
        "{}",
        stderr(&refused)
    );
    assert_eq!(tree(target.dir.path()), before, "no database file was made");
    assert_eq!(
        store.list(None).await.expect("list"),
        vec![key],
        "nothing put"
    );
}

/// The refusal of restoring `backup` into a new installation; checks nothing was made.
async fn refusal(backup: &Path) -> String {
    let target = Install::new(Demo::No).await;
    let output = target.restore(backup);
    assert!(!output.status.success(), "{}", stdout(&output));
    assert!(tree(target.dir.path()).is_empty(), "nothing written");
    let (s, photos) = (&target.config.database, &target.config.photos);
    let store = Objects::from_setting(photos.photo_store.as_deref(), &s.data_dir).expect("store");
    assert!(
        store.list(None).await.expect("list").is_empty(),
        "no object put"
    );
    stderr(&output)
}

#[tokio::test]
async fn a_backup_with_a_missing_or_altered_file_is_refused_naming_the_file() {
    let (_app, _kept, out) = photographed().await;
    let photos = tree(&out.join("photos"));
    let objects: Vec<&PathBuf> = photos
        .iter()
        .filter(|(_, b)| b.is_some())
        .map(|(p, _)| p)
        .collect();
    assert_eq!(
        objects.len(),
        3,
        "the photo's original, display image and thumbnail"
    );

    let gone = objects[0].clone();
    let bytes = std::fs::read(&gone).expect("read");
    std::fs::remove_file(&gone).expect("remove");
    let said = refusal(&out).await;
    assert!(
        said.contains(&format!("{} is missing", gone.display())),
        "{said}"
    );
    std::fs::write(&gone, &bytes).expect("put back");

    let database = out.join("tiepcan.db");
    let original = std::fs::read(&database).expect("read");
    let mut altered = original.clone();
    let last = altered.len() - 1;
    altered[last] ^= 1;
    std::fs::write(&database, &altered).expect("alter");
    let said = refusal(&out).await;
    assert!(
        said.contains(&format!("{} has been altered", database.display())),
        "{said}"
    );
    std::fs::write(&database, &original).expect("put back");

    let thumb = objects[2].clone();
    let mut bytes = std::fs::read(&thumb).expect("read");
    bytes.push(0);
    std::fs::write(&thumb, &bytes).expect("alter");
    let said = refusal(&out).await;
    assert!(
        said.contains(&format!("{} has been altered", thumb.display())),
        "{said}"
    );
    bytes.pop();
    std::fs::write(&thumb, &bytes).expect("put back");

    // A manifest that lists a file outside the folder, or is gone.
    let manifest = out.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).expect("read");
    let mut listed: Value = serde_json::from_str(&text).expect("JSON");
    listed["files"][1]["path"] = json!("photos/../../../etc/passwd");
    std::fs::write(&manifest, listed.to_string()).expect("edit");
    let said = refusal(&out).await;
    assert!(
        said.contains("manifest.json lists photos/../../../etc/passwd"),
        "{said}"
    );
    std::fs::remove_file(&manifest).expect("remove");
    let said = refusal(&out).await;
    assert!(said.contains("holds no manifest.json"), "{said}");
    std::fs::write(&manifest, &text).expect("put back");

    let target = Install::new(Demo::No).await;
    let output = target.restore(&out);
    assert!(output.status.success(), "whole again: {}", stderr(&output));
}

#[tokio::test]
async fn a_newer_backup_is_refused_by_its_schema_version() {
    let (_app, _kept, out) = photographed().await;
    let manifest = out.join("manifest.json");
    let mut listed: Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).expect("read")).expect("JSON");
    listed["schema_version"] = json!(99_999_999_999_i64);
    std::fs::write(&manifest, listed.to_string()).expect("edit");
    let said = refusal(&out).await;
    assert!(
        said.contains("schema version 99999999999, newer than this tiepcan knows"),
        "{said}"
    );
}

/// Runs the binary with the terminal in Vietnamese.
fn in_vietnamese(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tiepcan"))
        .args(args)
        .env("LANG", "vi_VN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("the binary runs")
}

#[tokio::test]
async fn a_backup_is_refused_on_postgresql_into_a_folder_in_use_or_from_a_store_that_lost_a_photo()
{
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("new");
    let postgres = "postgres://nobody@127.0.0.1:1/none";
    let refused = run_cli(
        None,
        &["backup", "--out", text(&out), "--database-url", postgres],
        "",
    );
    assert!(!refused.status.success());
    let said = stderr(&refused);
    assert!(
        said.contains("back up with pg_dump -Fc, restore with pg_restore"),
        "{said}"
    );
    assert!(
        said.contains("“Back up and restore” in the README"),
        "{said}"
    );
    assert!(!out.exists(), "nothing written");
    let refused = run_cli(
        None,
        &["restore", text(dir.path()), "--database-url", postgres],
        "",
    );
    assert!(
        stderr(&refused).contains("pg_dump -Fc"),
        "{}",
        stderr(&refused)
    );
    let nowhere = dir.path().join("nowhere");
    let data = dir.path().join("data");
    let refused = run_cli(
        None,
        &["restore", text(&nowhere), "--data-dir", text(&data)],
        "",
    );
    assert!(!refused.status.success());
    let said = stderr(&refused);
    assert!(
        said.contains(&format!("{} is not a folder.", nowhere.display())),
        "{said}"
    );
    assert!(!data.exists(), "nothing written");
    let vi = in_vietnamese(&["backup", "--out", text(&out), "--database-url", postgres]);
    let said = stderr(&vi);
    assert!(said.contains("sao lưu bằng pg_dump -Fc"), "{said}");
    assert!(said.contains("Không có gì được ghi."), "{said}");

    let (app, _kept, _out) = photographed().await;
    let busy = tempfile::tempdir().expect("dir");
    std::fs::write(busy.path().join("notes.txt"), b"mine").expect("write");
    let refused = on(&app, &["backup", "--out", text(busy.path())]);
    assert!(!refused.status.success());
    let said = stderr(&refused);
    assert!(said.contains("is not empty (it holds notes.txt)"), "{said}");
    assert_eq!(tree(busy.path()).len(), 1, "nothing written");

    let objects = &app.services().photos.objects;
    let thumb = objects.list(Some(Folder::Thumbs)).await.expect("list")[0];
    objects.delete(&thumb).await.expect("delete");
    let refused = on(&app, &["backup", "--out", text(&out)]);
    assert!(!refused.status.success());
    let said = stderr(&refused);
    assert!(
        said.contains(&format!(
            "lacks 1 object(s) the database refers to: {thumb}"
        )),
        "{said}"
    );
    assert!(said.contains("`tiepcan photos check` lists them"), "{said}");
    assert!(!out.exists(), "the unfinished backup is removed");
}
