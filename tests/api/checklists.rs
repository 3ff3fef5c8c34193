//! Checklists: served from their stored snapshots; a version is stored once by content hash
//! and never silently changed.

use axum::http::StatusCode;

use crate::common::{Demo, spawn};
use tiepcan::server::load_checklists;

/// Items that can become findings and items that are advice, per checklist, as shipped.
const COUNTS: [(&str, u64, u64); 4] = [
    ("cultural-site", 79, 10),
    ("public-building", 97, 5),
    ("transport-station", 71, 10),
    ("transport-stop", 15, 10),
];

/// Every item of a checklist as the API shows it.
fn items(full: &serde_json::Value) -> Vec<serde_json::Value> {
    full["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["items"].as_array().expect("items").clone())
        .collect()
}

#[tokio::test]
async fn the_four_checklists_are_served_with_everything_an_inspector_must_know() {
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
    assert_eq!(
        ids,
        [
            "cultural-site",
            "public-building",
            "transport-station",
            "transport-stop"
        ]
    );
    for summary in list.as_array().expect("array") {
        let id = summary["id"].as_str().expect("id");
        let full = app.get(&format!("/api/v1/checklists/{id}")).await.json();
        assert_eq!(full["regulation"], "QCVN 10:2024/BXD");
        assert_eq!(full["in_force"], "2025-02-01");
        assert_eq!(full["previous_edition"]["name"], "QCVN 10:2014/BXD");
        assert!(!full["subtypes"].as_array().expect("subtypes").is_empty());
        for section in full["sections"].as_array().expect("sections") {
            let optional = section["optional"].as_bool().expect("optional is said");
            assert_eq!(
                optional,
                section["question"].is_object(),
                "{id} {}",
                section["code"]
            );
            if optional {
                assert!(!section["question"]["vi"].as_str().expect("vi").is_empty());
                assert!(!section["question"]["en"].as_str().expect("en").is_empty());
            }
        }
        let items = items(&full);
        for item in &items {
            for key in ["vi", "en"] {
                assert!(!item["text"][key].as_str().expect("text").is_empty());
            }
            assert!(!item["clause"].as_str().expect("clause").is_empty());
            assert!(
                ["regulation", "standard", "good_practice"]
                    .contains(&item["basis"].as_str().expect("basis"))
            );
            assert!(item["verified"].is_boolean());
            assert!(
                ["yes_no", "measure", "count"]
                    .contains(&item["answer"]["type"].as_str().expect("type"))
            );
            assert!(item["not_applicable_allowed"].is_boolean());
            if item["answer"]["type"] == "measure" {
                for key in ["vi", "en"] {
                    let how = item["guidance"][key].as_str().unwrap_or_default();
                    assert!(
                        !how.is_empty(),
                        "{id} {} says how to measure in {key}",
                        item["code"]
                    );
                }
            }
            let compliance = item["basis"] == "regulation" && item["verified"] == true;
            assert_eq!(item["compliance"], compliance, "{id} {}", item["code"]);
            let text = serde_json::to_string(item).expect("json");
            for workaround in [
                "yes if",
                "“có” nếu",
                "skip if",
                "bỏ qua nếu",
                "fail if absent",
            ] {
                assert!(
                    !text.contains(workaround),
                    "{id} {}: {workaround}",
                    item["code"]
                );
            }
        }
        let findings = items.iter().filter(|i| i["compliance"] == true).count() as u64;
        assert_eq!(summary["compliance_items"], findings);
        assert_eq!(summary["advisory_items"], items.len() as u64 - findings);
        assert_eq!(full["content_hash"].as_str().expect("hash").len(), 64);
    }
    assert_eq!(
        app.get("/api/v1/checklists/nope").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn each_checklist_has_its_count_of_possible_findings_and_of_advice() {
    let app = spawn(Demo::No).await;
    let list = app.get("/api/v1/checklists").await.json();
    for (id, findings, advice) in COUNTS {
        let summary = list
            .as_array()
            .expect("array")
            .iter()
            .find(|c| c["id"] == id)
            .expect("listed");
        assert_eq!(summary["compliance_items"], findings, "{id}");
        assert_eq!(summary["advisory_items"], advice, "{id}");
    }
}

#[tokio::test]
async fn a_version_stored_before_the_model_changed_stays_readable() {
    let app = spawn(Demo::No).await;
    // The canonical form the first release stored: `regulation` instead of an edition, no
    // basis, the mixed `db` unit.
    let body = serde_json::json!({
        "id": "transport-stop", "version": 1, "regulation": "QCVN 10:2024/BXD",
        "applies_to": ["transport_stop"],
        "title": { "vi": "Điểm dừng", "en": "Stops" },
        "sections": [{ "code": "alarm", "title": { "vi": "Báo động", "en": "Alarms" }, "items": [
            { "code": "alarm.voice_over_background", "text": { "vi": "Âm", "en": "Voice" },
              "clause": "QCVN 10:2024/BXD 2.6.1", "feature": "alarm", "severity": "major",
              "answer": { "type": "measure", "unit": "db", "min": 5.0, "max": null },
              "photo": "on_fail", "verified": true, "guidance": null }
        ] }]
    })
    .to_string();
    let sql =
        "INSERT INTO checklist_versions (id, checklist_id, version, content_hash, body, loaded_at)
               VALUES ($1, 'transport-stop', 1, $2, $3, $4)";
    let hash = tiepcan::domain::secret::digest(&body);
    match app.db() {
        tiepcan::store::Db::Sqlite(pool) => sqlx::query(sql)
            .bind(uuid::Uuid::now_v7())
            .bind(&hash)
            .bind(&body)
            .bind(chrono::Utc::now())
            .execute(pool)
            .await
            .map(|_| ()),
        tiepcan::store::Db::Postgres(pool) => sqlx::query(sql)
            .bind(uuid::Uuid::now_v7())
            .bind(&hash)
            .bind(&body)
            .bind(chrono::Utc::now())
            .execute(pool)
            .await
            .map(|_| ()),
    }
    .expect("an old version stored");
    let old = app.get("/api/v1/checklists/transport-stop?version=1").await;
    assert_eq!(old.status, StatusCode::OK, "{}", old.body);
    let old = old.json();
    assert_eq!(old["version"], 1);
    assert_eq!(items(&old)[0]["answer"]["unit"], "db");
    assert_eq!(items(&old)[0]["basis"], "regulation");
    let latest = app.get("/api/v1/checklists/transport-stop").await.json();
    assert_eq!(latest["version"], 4);
    let page = app
        .get("/checklists/transport-stop?version=1&lang=en")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Voice"));
    assert_eq!(
        app.get("/api/v1/checklists/transport-stop?version=9")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/v1/checklists/transport-stop?version=x")
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn the_checklist_page_shows_basis_not_applicable_and_optional_sections_in_both_languages() {
    let app = spawn(Demo::No).await;
    let vi = app.get("/checklists/public-building").await;
    assert!(
        vi.body.contains("Công trình có thang máy không?"),
        "the lift question"
    );
    assert!(vi.body.contains("tính vào mức độ tuân thủ"));
    assert!(vi.body.contains("chỉ là khuyến nghị"));
    assert!(vi.body.contains("có thể trả lời “không áp dụng”"));
    assert!(vi.body.contains("chỉ hỏi khi mục này đạt:"));
    assert!(
        vi.body.contains("trên 200: 5, cứ đủ thêm 100 thì thêm 1"),
        "Table 1 in words"
    );
    let en = app.get("/checklists/public-building?lang=en").await;
    assert!(en.body.contains("Does the building have a lift?"));
    assert!(en.body.contains("Basis: Vietnamese regulation"));
    assert!(en.body.contains("Basis: international standard"));
    assert!(en.body.contains("may be answered “not applicable”"));
    assert!(
        en.body
            .contains("Alternative solution (the reviewer accepts or refuses it):")
    );
    assert!(
        en.body.contains("&gt; 20 s"),
        "the lift door time, more than 20 s"
    );
    assert!(
        en.body
            .contains("above 200: 5, and 1 more for each full further 100"),
        "Table 1 in words"
    );
    assert!(
        en.body.contains("asked only when this has at least one:"),
        "a detail of a quota"
    );
    assert!(
        en.body
            .contains("asked only at: Orthopaedic or rehabilitation centre"),
        "the share of a rehabilitation centre"
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
    let changed = text.replacen("  verified = true", "  verified = false", 1);
    assert_ne!(text, changed, "the file has a verified item to change");
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

    let bumped = changed.replacen("version = 4", "version = 5", 1);
    std::fs::write(&file, bumped).expect("write");
    load_checklists(app.services(), &app.config)
        .await
        .expect("new version loads");
    let after = app.get("/api/v1/checklists/transport-stop").await.json();
    assert_eq!(after["version"], 5);
    assert_ne!(after["content_hash"], before["content_hash"]);

    // The old snapshot is still stored, unchanged.
    let mut conn = app.db().conn().await.expect("conn");
    let all: Vec<(String, i64)> = tiepcan::store::checklists::versions(&mut conn)
        .await
        .expect("versions");
    assert!(all.contains(&("transport-stop".into(), 4)));
    assert!(all.contains(&("transport-stop".into(), 5)));
}

#[test]
fn the_same_barrier_has_the_same_severity_in_every_checklist() {
    let all = tiepcan::app::checklists::read_dir(&crate::common::checklists_dir())
        .expect("the shipped checklists load");
    // Items that check the same thing share the part of their code after the section.
    let mut by_thing: std::collections::BTreeMap<&str, Vec<(&str, &str)>> = Default::default();
    for item in all.iter().flat_map(|c| c.items()) {
        let thing = item
            .code
            .split_once('.')
            .map_or(item.code.as_str(), |(_, t)| t);
        by_thing
            .entry(thing)
            .or_default()
            .push((item.code.as_str(), item.severity.as_str()));
    }
    for (thing, items) in by_thing {
        let first = items[0].1;
        assert!(
            items.iter().all(|(_, s)| *s == first),
            "`{thing}` has different severities: {items:?}"
        );
    }
}
