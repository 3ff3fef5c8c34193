//! Checklists: served from their stored snapshots; a version is stored once by content hash
//! and never silently changed.

use axum::http::StatusCode;

use crate::common::{Demo, spawn};
use tiepcan::server::load_checklists;

#[tokio::test]
async fn the_three_checklists_are_served_with_their_items() {
    let app = spawn(Demo::No).await;
    let list = app.get("/api/v1/checklists").await;
    assert_eq!(list.status, StatusCode::OK);
    let list = list.json();
    let ids: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["cultural-site", "public-building", "transport-stop"]);
    let minimum = [
        ("cultural-site", 15),
        ("public-building", 25),
        ("transport-stop", 12),
    ];
    for (id, at_least) in minimum {
        let full = app.get(&format!("/api/v1/checklists/{id}")).await.json();
        let items: Vec<_> = full["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .flat_map(|s| s["items"].as_array().expect("items").clone())
            .collect();
        assert!(items.len() >= at_least, "{id}: {} items", items.len());
        for item in &items {
            assert!(!item["text"]["vi"].as_str().expect("vi").is_empty());
            assert!(!item["text"]["en"].as_str().expect("en").is_empty());
            assert!(!item["clause"].as_str().expect("clause").is_empty());
        }
        assert_eq!(full["content_hash"].as_str().expect("hash").len(), 64);
    }
    assert_eq!(
        app.get("/api/v1/checklists/nope").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn loading_the_same_checklists_again_stores_nothing_new() {
    let app = spawn(Demo::No).await;
    let before = app.get("/api/v1/checklists").await.json();
    load_checklists(app.services(), &app.config)
        .await
        .expect("reload");
    assert_eq!(app.get("/api/v1/checklists").await.json(), before);
}

fn copy_checklists(to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(crate::common::checklists_dir()).expect("read") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
    }
}

#[tokio::test]
async fn a_changed_checklist_needs_a_new_version_and_the_old_one_is_kept() {
    let mut app = spawn(Demo::No).await;
    let before = app.get("/api/v1/checklists/transport-stop").await.json();
    let dir = app.dir.path().join("checklists");
    copy_checklists(&dir);
    let file = dir.join("transport-stop.toml");
    let text = std::fs::read_to_string(&file).expect("read");
    let changed = text.replacen("severity = \"minor\"", "severity = \"major\"", 1);
    assert_ne!(text, changed, "the file has a minor item to change");
    std::fs::write(&file, &changed).expect("write");
    app.config.checklists_dir = dir.clone();

    let refused = load_checklists(app.services(), &app.config)
        .await
        .expect_err("same version");
    assert!(refused.to_string().contains("bump `version`"), "{refused}");
    assert_eq!(
        app.get("/api/v1/checklists/transport-stop").await.json(),
        before
    );

    let bumped = changed.replacen("version = 1", "version = 2", 1);
    std::fs::write(&file, bumped).expect("write");
    load_checklists(app.services(), &app.config)
        .await
        .expect("new version loads");
    let after = app.get("/api/v1/checklists/transport-stop").await.json();
    assert_eq!(after["version"], 2);
    assert_ne!(after["content_hash"], before["content_hash"]);

    // The old snapshot is still stored, unchanged.
    let mut conn = app.db().conn().await.expect("conn");
    let all: Vec<(String, i64)> = tiepcan::store::checklists::versions(&mut conn)
        .await
        .expect("versions");
    assert!(all.contains(&("transport-stop".into(), 1)));
    assert!(all.contains(&("transport-stop".into(), 2)));
}
