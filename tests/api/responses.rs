//! What the API sends is made of response types: every key of every public response is on
//! an allow-list, so a field added to a domain type never reaches the public by accident.

use std::collections::BTreeSet;

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
