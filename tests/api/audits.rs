//! Audits through the API: start, answer, submit, review; the findings and level approval
//! makes; and every bad request of the inspector's and reviewer's day.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::common::{Demo, TestApp, spawn};
use tiepcan::domain::user::Role;

/// A building of the construction department, and the people who work on it.
pub struct Office {
    pub app: TestApp,
    pub inspector: String,
    pub reviewer: String,
    pub site: String,
}

/// An app with a commune office, its department's inspector and reviewer.
pub async fn office() -> Office {
    let app = spawn(Demo::Yes).await;
    let inspector = app
        .token("thanh.kt", Role::Inspector, Some("construction"))
        .await;
    let reviewer = app
        .token("hoa.duyet", Role::Reviewer, Some("construction"))
        .await;
    let reply = app
        .call("POST", "/api/v1/sites")
        .bearer(&inspector)
        .json(&json!({
            "name": "UBND phường Chi Lăng",
            "kind": "public_building",
            "subtype": "people_committee",
            "address": "Phố Lê Lợi",
            "lat": 21.8530,
            "lon": 106.7610,
            "department": "construction"
        }))
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let site = reply.json()["id"].as_str().expect("id").to_owned();
    Office {
        app,
        inspector,
        reviewer,
        site,
    }
}

/// Starts an audit with a new key; returns it.
pub async fn start(o: &Office) -> Value {
    let key = uuid::Uuid::now_v7().to_string();
    let reply = o
        .app
        .call("POST", &format!("/api/v1/sites/{}/audits", o.site))
        .bearer(&o.inspector)
        .json(&json!({ "key": key, "lat": 21.8531, "lon": 106.7611, "accuracy": 12.0 }))
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()
}

/// Sends a batch of answers as `token`.
pub async fn put_answers(
    o: &Office,
    token: &str,
    audit: &str,
    answers: &Value,
) -> crate::common::Reply {
    o.app
        .call("PUT", &format!("/api/v1/audits/{audit}/answers"))
        .bearer(token)
        .json(answers)
        .send()
        .await
}

#[tokio::test]
async fn the_same_key_from_the_same_person_starts_one_audit() {
    let o = office().await;
    let key = uuid::Uuid::now_v7().to_string();
    let uri = format!("/api/v1/sites/{}/audits", o.site);
    let first = o
        .app
        .call("POST", &uri)
        .bearer(&o.inspector)
        .json(&json!({ "key": key }))
        .send()
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again = o
        .app
        .call("POST", &uri)
        .bearer(&o.inspector)
        .json(&json!({ "key": key }))
        .send()
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(first.json()["id"], again.json()["id"]);
    let audit = first.json();
    assert_eq!(audit["state"], "draft");
    assert_eq!(audit["checklist"]["id"], "public-building");
    assert_eq!(audit["inspector"]["username"], "thanh.kt");
    assert_eq!(audit["department"]["code"], "construction");
    let list = o
        .app
        .call("GET", "/api/v1/audits?mine=true")
        .bearer(&o.inspector)
        .send()
        .await;
    assert_eq!(list.json()["items"].as_array().expect("items").len(), 1);
}

#[tokio::test]
async fn a_batch_with_bad_answers_names_each_and_saves_none() {
    let o = office().await;
    let audit = start(&o).await;
    let id = audit["id"].as_str().expect("id");
    let reply = put_answers(
        &o,
        &o.inspector,
        id,
        &json!([
            { "item": "entrance.door_width", "value": 95, "unit": "cm" },
            { "item": "entrance.door_width_x", "result": "pass" },
            { "item": "parking.accessible_spaces_count", "value": 3, "unit": "kg" },
        ]),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    let fields = reply.json()["error"]["fields"].clone();
    assert!(fields.get("entrance.door_width_x").is_some(), "{fields}");
    assert!(
        fields.get("parking.accessible_spaces_count").is_some(),
        "{fields}"
    );
    let read = o
        .app
        .call("GET", &format!("/api/v1/audits/{id}"))
        .bearer(&o.inspector)
        .send()
        .await;
    assert_eq!(
        read.json()["answers"],
        json!([]),
        "nothing of the batch is kept"
    );
}

#[tokio::test]
async fn a_draft_is_not_reviewed_and_a_return_needs_a_comment() {
    let o = office().await;
    let audit = start(&o).await;
    let uri = format!(
        "/api/v1/audits/{}/review",
        audit["id"].as_str().expect("id")
    );
    let review = |body: Value| {
        o.app
            .call("POST", &uri)
            .bearer(&o.reviewer)
            .json(&body)
            .send()
    };
    let early = review(json!({ "decision": "approve" })).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
    assert!(
        early.json()["error"]["message"]
            .as_str()
            .expect("message")
            .contains("bản nháp")
    );
    let bare = review(json!({ "decision": "return" })).await;
    assert_eq!(
        bare.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bare.body
    );
    assert!(bare.json()["error"]["fields"].get("comment").is_some());
}
