//! What the API sends is made of response types: every key of every public response is on
//! an allow-list, so a field added to a domain type never reaches the public by accident.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use serde_json::Value;
use tiepcan::domain::user::Role;

use crate::common::{Demo, spawn};

/// Every key path in `value`: `items[].department.name.vi`.
fn key_paths(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                out.insert(path.clone());
                key_paths(inner, &path, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                key_paths(item, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

fn keys(value: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    key_paths(value, "", &mut out);
    out
}

const SITE: &[&str] = &[
    "id",
    "name",
    "kind",
    "subtype",
    "address",
    "lat",
    "lon",
    "area",
    "area.id",
    "area.code",
    "area.name",
    "department",
    "department.id",
    "department.code",
    "department.name",
    "department.name.vi",
    "department.name.en",
    "operator",
    "legal_deadline",
    "design_approved_on",
    "heritage",
    "created_at",
    "updated_at",
    "version",
];

fn allowed(prefix: &str, list: &[&str]) -> BTreeSet<String> {
    list.iter()
        .map(|k| {
            if prefix.is_empty() {
                (*k).to_owned()
            } else {
                format!("{prefix}{k}")
            }
        })
        .collect()
}

fn assert_only(endpoint: &str, body: &Value, allow: &BTreeSet<String>) {
    let found = keys(body);
    let extra: Vec<&String> = found.difference(allow).collect();
    assert!(
        extra.is_empty(),
        "{endpoint} sends keys not on the allow-list: {extra:?}"
    );
    assert!(!found.is_empty(), "{endpoint} sent nothing to check");
}

#[tokio::test]
async fn public_responses_send_only_allowed_keys() {
    let app = spawn(Demo::Yes).await;
    let list = app.get("/api/v1/sites?limit=5").await.json();
    let mut allow = allowed("items[].", SITE);
    allow.extend(["items".to_owned(), "next".to_owned()]);
    assert_only("GET /api/v1/sites", &list, &allow);

    let id = list["items"][0]["id"].as_str().expect("id");
    let one = app.get(&format!("/api/v1/sites/{id}")).await.json();
    assert_only("GET /api/v1/sites/{id}", &one, &allowed("", SITE));

    let departments = app.get("/api/v1/departments").await.json();
    let allow = allowed(
        "[].",
        &["id", "code", "name", "name.vi", "name.en", "version"],
    );
    assert_only("GET /api/v1/departments", &departments, &allow);

    let summary = [
        "id",
        "version",
        "regulation",
        "in_force",
        "applies_to",
        "subtypes",
        "title",
        "title.vi",
        "title.en",
        "items",
        "compliance_items",
        "advisory_items",
        "snapshot_id",
        "content_hash",
    ];
    let checklists = app.get("/api/v1/checklists").await.json();
    assert_only(
        "GET /api/v1/checklists",
        &checklists,
        &allowed("[].", &summary),
    );

    let item = [
        "code",
        "text",
        "text.vi",
        "text.en",
        "barrier",
        "barrier.vi",
        "barrier.en",
        "clause",
        "basis",
        "verified",
        "compliance",
        "feature",
        "severity",
        "answer",
        "answer.type",
        "answer.unit",
        "answer.min",
        "answer.max",
        "answer.tolerance",
        "answer.strict",
        "answer.total",
        "answer.total.vi",
        "answer.total.en",
        "answer.provided",
        "answer.provided.vi",
        "answer.provided.en",
        "answer.requirement",
        "answer.requirement.rule",
        "answer.requirement.rows",
        "answer.requirement.rows[].up_to",
        "answer.requirement.rows[].required",
        "answer.requirement.over",
        "answer.requirement.over.from",
        "answer.requirement.over.required",
        "answer.requirement.over.per",
        "answer.requirement.percent",
        "answer.requirement.at_least",
        "answer.requirement.up_to",
        "answer.requirement.per",
        "photo",
        "not_applicable_allowed",
        "required",
        "requires",
        "requires_when",
        "subtypes",
        "severity_reason",
        "alternative",
        "alternative.vi",
        "alternative.en",
        "guidance",
        "guidance.vi",
        "guidance.en",
    ];
    let mut allow = allowed(
        "",
        &[
            "snapshot_id",
            "content_hash",
            "id",
            "version",
            "regulation",
            "in_force",
            "previous_edition",
            "previous_edition.name",
            "previous_edition.clause",
            "applies_to",
            "subtypes",
            "title",
            "title.vi",
            "title.en",
            "sections",
            "sections[].code",
            "sections[].title",
            "sections[].title.vi",
            "sections[].title.en",
            "sections[].optional",
            "sections[].question",
            "sections[].question.vi",
            "sections[].question.en",
            "sections[].items",
        ],
    );
    allow.extend(allowed("sections[].items[].", &item));
    let full = app.get("/api/v1/checklists/public-building").await.json();
    assert_only("GET /api/v1/checklists/{id}", &full, &allow);

    // Errors have their own small shape.
    let error = app.get("/api/v1/sites?limit=0").await.json();
    let allow = allowed(
        "error",
        &["", ".code", ".message", ".fields", ".fields.limit"],
    );
    assert_only("an error", &error, &allow);
}

#[tokio::test]
async fn staff_responses_never_carry_secrets() {
    let app = spawn(Demo::Yes).await;
    let admin = app.token("root", Role::Admin, None).await;
    let user = [
        "id",
        "username",
        "display_name",
        "role",
        "department",
        "department.id",
        "department.code",
        "department.name",
        "department.name.vi",
        "department.name.en",
        "active",
        "created_at",
        "version",
        "email",
    ];
    let token = ["id", "name", "created_at", "revoked_at"];
    for (uri, allow) in [
        ("/api/v1/session", allowed("", &user)),
        ("/api/v1/users", allowed("[].", &user)),
        ("/api/v1/tokens", allowed("[].", &token)),
    ] {
        let body = app.call("GET", uri).bearer(&admin).send().await.json();
        assert_only(uri, &body, &allow);
    }
}

/// Where the camera stood for the test's photos: 300 m from the site, so no warning, and
/// written nowhere the public reads.
const CAMERA: (f64, f64) = (21.8557, 106.7633);

#[tokio::test]
async fn public_site_facts_and_files_carry_no_original_exif_staff_name_or_camera_position() {
    use crate::audits::{answers_for, office, photo, put_answers, start, upload};
    use serde_json::json;
    let o = office().await;
    let audit = start(&o).await;
    let id = audit["id"].as_str().expect("id").to_owned();
    let answers = answers_for(
        &audit,
        &[],
        &[("signage.contrast", json!({ "result": "fail" }))],
    );
    let saved = put_answers(&o, &o.inspector, &id, &json!(answers)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let mut originals = Vec::new();
    for (n, item) in [
        "entrance.accessible_entrance",
        "toilet.accessible_present",
        "signage.contrast",
    ]
    .iter()
    .enumerate()
    {
        let bytes = photo(40 + n as u64, Some(CAMERA));
        let sent = upload(&o.app, &o.inspector, &id, Some(item), &bytes).await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
        assert_eq!(sent.json()["location_warning"], false);
        originals.push(bytes);
    }
    let staff = o
        .app
        .call("GET", &format!("/api/v1/audits/{id}"))
        .bearer(&o.inspector)
        .send()
        .await
        .json();
    let digests: Vec<String> = o
        .app
        .services()
        .photos
        .objects
        .list(Some(tiepcan::objects::Folder::Originals))
        .await
        .expect("list")
        .iter()
        .map(|k| k.sha256.hex())
        .collect();
    assert_eq!(digests.len(), 3);
    for (uri, token, body) in [
        (
            format!("/api/v1/audits/{id}/submit"),
            &o.inspector,
            json!(null),
        ),
        (
            format!("/api/v1/audits/{id}/review"),
            &o.reviewer,
            json!({ "decision": "approve" }),
        ),
    ] {
        let call = o.app.call("POST", &uri).bearer(token);
        let call = if body.is_null() {
            call
        } else {
            call.json(&body)
        };
        let reply = call.send().await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    }

    let reply = o.app.get(&format!("/api/v1/public/sites/{}", o.site)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let public = reply.json();
    let feature = ["feature", "state"];
    let barrier = [
        "item",
        "text",
        "text.vi",
        "text.en",
        "barrier",
        "barrier.vi",
        "barrier.en",
        "severity",
        "feature",
        "value",
        "unit",
        "state",
        "planned_for",
        "overdue",
        "reason",
    ];
    let photo_keys = [
        "id",
        "display_url",
        "thumb_url",
        "width",
        "height",
        "shows",
        "shows.vi",
        "shows.en",
        "feature",
    ];
    let mut allow = allowed(
        "",
        &[
            "id",
            "name",
            "kind",
            "subtype",
            "address",
            "lat",
            "lon",
            "department",
            "department.vi",
            "department.en",
            "heritage",
            "level",
            "wheelchair",
            "features",
            "none_here",
            "critical",
            "major",
            "minor",
            "score",
            "last_audit",
            "participating_organisations",
            "barriers",
            "measured",
            "photos",
            "url",
        ],
    );
    allow.extend(allowed(
        "measured[].",
        &[
            "item", "text", "text.vi", "text.en", "feature", "value", "unit", "passes",
        ],
    ));
    allow.extend(allowed("features[].", &feature));
    allow.extend(allowed("barriers[].", &barrier));
    allow.extend(allowed("photos[].", &photo_keys));
    assert_only("GET /api/v1/public/sites/{id}", &public, &allow);
    assert_eq!(public["photos"].as_array().expect("photos").len(), 3);

    // Byte by byte: the JSON and every file the public can fetch.
    let mut bodies = vec![("site JSON".to_owned(), reply.bytes.clone())];
    for p in public["photos"].as_array().expect("photos") {
        for url in ["display_url", "thumb_url"] {
            let path = p[url]
                .as_str()
                .expect("url")
                .trim_start_matches("http://tiepcan.test")
                .to_owned();
            let file = o.app.get(&path).await;
            assert_eq!(file.status, StatusCode::OK, "{path}");
            bodies.push((path, file.bytes));
        }
        let original = format!(
            "/api/v1/public/photos/{}/original",
            p["id"].as_str().expect("id")
        );
        assert_eq!(o.app.get(&original).await.status, StatusCode::NOT_FOUND);
    }
    let lat = format!("{}", CAMERA.0);
    let lon = format!("{}", CAMERA.1);
    let mut forbidden: Vec<(&str, Vec<u8>)> = vec![
        ("the inspector's name", b"thanh.kt".to_vec()),
        ("the reviewer's name", b"hoa.duyet".to_vec()),
        ("an Exif block", b"Exif".to_vec()),
        ("a GPS tag's reference", b"GPS".to_vec()),
        ("the capture time as Exif writes it", b"2026:11:30".to_vec()),
        ("the capture time", b"2026-11-30T09:15".to_vec()),
        ("the camera's latitude", lat.into_bytes()),
        ("the camera's longitude", lon.into_bytes()),
        ("a staff field", b"uploaded_by".to_vec()),
        ("a staff field", b"original".to_vec()),
    ];
    for digest in &digests {
        forbidden.push(("an original's digest", digest.clone().into_bytes()));
    }
    for (what, body) in &bodies {
        for (name, needle) in &forbidden {
            assert!(
                !body.windows(needle.len()).any(|w| w == needle.as_slice()),
                "{what} holds {name}"
            );
        }
        for original in &originals {
            assert_ne!(body, original, "{what} is an original");
        }
    }
    assert!(
        staff["photos"][0]["taken_at"].is_string(),
        "staff do see the capture time"
    );
}
