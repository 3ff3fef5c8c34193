//! One text check for every free-text field: each text field of each endpoint that writes,
//! sent with a NUL and with 10,000 characters, is refused (422) naming the field, and
//! nothing is stored (the event log, which every change appends to, stands still).

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::audits::{Office, office, photo, start, submitted_by};
use crate::common::{Reply, TestApp};
use crate::remediation::{DOOR, id_of, three_findings};
use tiepcan::domain::user::Role;

/// The two bad texts: a NUL inside an otherwise fine text (long enough for a password),
/// and 10,000 characters.
fn bad_texts() -> [String; 2] {
    ["Nhà văn\u{0}hóa số một".to_owned(), "x".repeat(10_000)]
}

/// The id of the newest event, as an administrator reads the log.
async fn log_head(app: &TestApp, admin: &str) -> Value {
    let reply = app
        .call("GET", "/api/v1/events?limit=1")
        .bearer(admin)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["items"][0]["id"].clone()
}

/// `body` with the text at `pointer` (`/name`, `/0/note`, `/name/vi`) replaced by `text`.
fn with_text(body: &Value, pointer: &str, text: &str) -> Value {
    let mut body = body.clone();
    *body
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = json!(text);
    body
}

/// Asserts that `reply` refuses the field `field` and changed nothing.
async fn refused(app: &TestApp, admin: &str, head: &Value, reply: Reply, what: &str, field: &str) {
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{what}: {}",
        reply.body.chars().take(400).collect::<String>()
    );
    let fields = &reply.json()["error"]["fields"];
    assert!(
        fields.get(field).is_some(),
        "{what}: the field {field} is named in {fields}"
    );
    assert_eq!(&log_head(app, admin).await, head, "{what}: nothing stored");
}

/// A JSON request to refuse: who sends it, the method and path, a good body, and for each
/// text in it (a JSON pointer) the field the refusal names.
struct Case<'a> {
    token: &'a str,
    method: &'a str,
    path: String,
    body: Value,
    texts: Vec<(&'a str, &'a str)>,
}

async fn walk(o: &Office, admin: &str, cases: Vec<Case<'_>>) {
    let app = &o.app;
    let head = log_head(app, admin).await;
    for case in cases {
        for (pointer, field) in &case.texts {
            for text in bad_texts() {
                let reply = app
                    .call(case.method, &case.path)
                    .bearer(case.token)
                    .json(&with_text(&case.body, pointer, &text))
                    .send()
                    .await;
                let what = format!(
                    "{} {} {pointer} ({} chars)",
                    case.method,
                    case.path,
                    text.len()
                );
                refused(app, admin, &head, reply, &what, field).await;
            }
        }
    }
}

#[tokio::test]
async fn every_text_field_of_every_endpoint_refuses_a_nul_and_ten_thousand_characters() {
    let o = office().await;
    let app = &o.app;
    let admin = app.token("quan.tri", Role::Admin, None).await;
    let draft = start(&o).await["id"].as_str().expect("id").to_owned();
    let submitted = submitted_by(&o, &o.inspector).await;
    let findings = three_findings(&o).await;
    let finding = id_of(&findings, DOOR);
    let site = o.site.clone();
    app.add_user("lan.kt", Role::Inspector, Some("construction"))
        .await;

    let new_site = json!({
        "name": "Nhà văn hóa", "kind": "cultural_site", "subtype": "cultural_house",
        "address": "Lạng Sơn", "operator": "UBND xã", "lat": 21.85, "lon": 106.76,
        "department": "construction"
    });
    let cases = vec![
        Case {
            token: &o.inspector,
            method: "POST",
            path: "/api/v1/sites".into(),
            body: new_site.clone(),
            texts: vec![
                ("/name", "name"),
                ("/kind", "kind"),
                ("/subtype", "subtype"),
                ("/address", "address"),
                ("/operator", "operator"),
                ("/department", "department"),
            ],
        },
        Case {
            token: &o.inspector,
            method: "PATCH",
            path: format!("/api/v1/sites/{site}"),
            body: json!({ "name": "UBND", "address": "Phố", "operator": "UBND" }),
            texts: vec![
                ("/name", "name"),
                ("/address", "address"),
                ("/operator", "operator"),
            ],
        },
        Case {
            token: &admin,
            method: "PATCH",
            path: "/api/v1/departments/transport".into(),
            body: json!({ "name": { "vi": "Sở Giao thông", "en": "Transport" } }),
            texts: vec![("/name/vi", "name.vi"), ("/name/en", "name.en")],
        },
        Case {
            token: &admin,
            method: "POST",
            path: "/api/v1/departments".into(),
            body: json!({ "code": "tourism", "name": { "vi": "Sở Du lịch", "en": "Tourism" } }),
            texts: vec![
                ("/code", "code"),
                ("/name/vi", "name.vi"),
                ("/name/en", "name.en"),
            ],
        },
        Case {
            token: &admin,
            method: "POST",
            path: "/api/v1/departments/transport/merge".into(),
            body: json!({ "into": "construction" }),
            texts: vec![("/into", "into")],
        },
        Case {
            token: &admin,
            method: "POST",
            path: "/api/v1/users".into(),
            body: json!({
                "username": "hoa.moi", "display_name": "Hoa", "role": "inspector",
                "department": "construction", "password": "mat-khau-du-dai"
            }),
            texts: vec![
                ("/username", "username"),
                ("/display_name", "display_name"),
                ("/role", "role"),
                ("/department", "department"),
                ("/password", "password"),
            ],
        },
        Case {
            token: &admin,
            method: "PATCH",
            path: "/api/v1/users/lan.kt".into(),
            body: json!({ "display_name": "Lan", "role": "inspector", "department": "construction" }),
            texts: vec![
                ("/display_name", "display_name"),
                ("/role", "role"),
                ("/department", "department"),
            ],
        },
        Case {
            token: &admin,
            method: "POST",
            path: "/api/v1/users/lan.kt/password".into(),
            body: json!({ "password": "mat-khau-moi-du-dai" }),
            texts: vec![("/password", "password")],
        },
        Case {
            token: &o.inspector,
            method: "POST",
            path: "/api/v1/tokens".into(),
            body: json!({ "name": "phone" }),
            texts: vec![("/name", "name")],
        },
        Case {
            token: &o.inspector,
            method: "POST",
            path: format!("/api/v1/sites/{site}/audits"),
            body: json!({ "key": uuid::Uuid::now_v7().to_string() }),
            texts: vec![("/key", "key")],
        },
        Case {
            token: &o.inspector,
            method: "PUT",
            path: format!("/api/v1/audits/{draft}/answers"),
            body: json!([{ "item": DOOR, "value": "900", "unit": "mm", "note": "đo ở cửa chính" }]),
            // An answer's problems are named by its item.
            texts: vec![("/0/value", DOOR), ("/0/unit", DOOR), ("/0/note", DOOR)],
        },
        Case {
            token: &o.inspector,
            method: "PUT",
            path: format!("/api/v1/audits/{draft}/answers"),
            body: json!([{ "item": "signage.contrast", "result": "pass" }]),
            texts: vec![("/0/result", "signage.contrast")],
        },
        Case {
            token: &o.reviewer,
            method: "POST",
            path: format!("/api/v1/audits/{submitted}/review"),
            body: json!({ "decision": "return", "comment": "Thiếu ảnh lối vào" }),
            texts: vec![("/decision", "decision"), ("/comment", "comment")],
        },
        Case {
            token: &o.reviewer,
            method: "POST",
            path: format!("/api/v1/findings/{finding}/transitions"),
            body: json!({
                "to": "planned", "due_date": "2027-06-30", "assignee": "UBND xã",
                "budget_year": "2027", "comment": "Đưa vào kế hoạch"
            }),
            texts: vec![
                ("/to", "to"),
                ("/due_date", "due_date"),
                ("/assignee", "assignee"),
                ("/budget_year", "budget_year"),
                ("/comment", "comment"),
            ],
        },
        Case {
            token: &o.reviewer,
            method: "POST",
            path: format!("/api/v1/findings/{finding}/transitions"),
            body: json!({ "to": "wont_fix", "reason": "Di tích được xếp hạng" }),
            texts: vec![("/reason", "reason")],
        },
    ];
    walk(&o, &admin, cases).await;

    // Multipart: an audit photo's item and caption, and an after-photo's caption.
    let head = log_head(app, &admin).await;
    let jpeg = photo(5, None);
    for text in bad_texts() {
        for (fields, field) in [
            (vec![("item", DOOR), ("caption", text.as_str())], "caption"),
            (vec![("item", text.as_str())], "item"),
        ] {
            let reply = app
                .call("POST", &format!("/api/v1/audits/{draft}/photos"))
                .bearer(&o.inspector)
                .multipart(&fields, &[("file", "p.jpg", "image/jpeg", &jpeg)])
                .send()
                .await;
            refused(app, &admin, &head, reply, "an audit photo", field).await;
        }
        let reply = app
            .call("POST", &format!("/api/v1/findings/{finding}/transitions"))
            .bearer(&o.inspector)
            .multipart(
                &[("to", "fixed"), ("caption", text.as_str())],
                &[("file", "p.jpg", "image/jpeg", &jpeg)],
            )
            .send()
            .await;
        refused(app, &admin, &head, reply, "an after-photo", "caption").await;
    }
}
