//! What a round refuses: bad input named on its field (and given back on the form), an
//! accepted part changed (409), and people who may not (403, nothing written).

use axum::http::StatusCode;
use serde_json::json;
use tiepcan::domain::user::Role;

use super::{half_year, morning, open, part, review, save, sections, submit};
use crate::common::{Demo, TestApp, dump_database, spawn};

async fn app_on(day: &str) -> TestApp {
    spawn(Demo::Yes).await.at_time(&morning(day).to_rfc3339())
}

#[tokio::test]
async fn a_round_is_refused_by_field_for_a_bad_period_a_past_due_date_or_no_department() {
    let app = app_on("2026-01-15").await;
    let coordinator = app.token("mai.dp", Role::Coordinator, None).await;
    let cases = [
        (
            json!({ "period_from": "2025-12-31", "period_to": "2025-07-01" }),
            "period_to",
            "31/12/2025",
        ),
        (json!({ "due_on": "2026-01-14" }), "due_on", "15/01/2026"),
        (json!({ "departments": [] }), "departments", ""),
        (json!({ "departments": ["roads"] }), "departments", "roads"),
        (json!({ "title": "  " }), "title", ""),
    ];
    for (change, field, named) in cases {
        let mut body = half_year(&["construction"]);
        for (k, v) in change.as_object().expect("object") {
            body[k] = v.clone();
        }
        let reply = open(&app, &coordinator, &body).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            reply.body
        );
        let fields = reply.json()["error"]["fields"].clone();
        assert_eq!(
            fields.as_object().map(|f| f.len()),
            Some(1),
            "{field}: {fields}"
        );
        let message = fields[field]
            .as_str()
            .unwrap_or_else(|| panic!("{field}: {fields}"));
        assert!(message.contains(named), "{field}: {message} names {named}");
    }
    // Nothing was opened.
    let listed = app
        .call("GET", "/api/v1/rounds")
        .bearer(&coordinator)
        .send()
        .await;
    assert_eq!(listed.json()["items"], json!([]));
}

#[tokio::test]
async fn the_form_gives_back_what_was_typed_with_the_problem_on_its_field() {
    let app = app_on("2026-01-15").await;
    let password = app.add_user("mai.dp", Role::Coordinator, None).await;
    let cookie = app.sign_in("mai.dp", &password).await;
    let reply = app
        .call("POST", "/rounds")
        .cookie(&cookie)
        .form(&[
            ("title", "Sơ kết 5 năm"),
            ("kind", "interim"),
            ("period_from", "2025-12-31"),
            ("period_to", "2025-07-01"),
            ("due_on", "2026-01-10"),
            ("departments_listed", "1"),
        ])
        .send()
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    let page = &reply.body;
    for typed in [
        "value=\"Sơ kết 5 năm\"",
        "value=\"2025-12-31\"",
        "value=\"2025-07-01\"",
        "value=\"2026-01-10\"",
    ] {
        assert!(page.contains(typed), "the form lost {typed}");
    }
    assert!(page.contains("id=\"round-period_to-error\""), "{page}");
    assert!(page.contains("id=\"round-due_on-error\""), "{page}");
    // No box ticked is no department, not every one.
    assert!(page.contains("href=\"#round-departments\""), "{page}");
    assert!(
        page.contains("value=\"interim\" checked"),
        "the kind chosen is kept"
    );
}

/// A round over construction and culture, construction's part accepted.
async fn accepted() -> (TestApp, String, String, String, String) {
    let app = app_on("2026-01-15").await;
    let coordinator = app.token("mai.dp", Role::Coordinator, None).await;
    let construction = app
        .token("hoa.duyet", Role::Reviewer, Some("construction"))
        .await;
    let culture = app
        .token("lan.duyet", Role::Reviewer, Some("culture"))
        .await;
    let round = open(&app, &coordinator, &half_year(&["construction", "culture"])).await;
    let id = round.json()["id"].as_str().expect("id").to_owned();
    let sent = submit(
        &app,
        &construction,
        &id,
        "construction",
        Some(&sections("Đã làm.")),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let done = review(
        &app,
        &coordinator,
        &id,
        "construction",
        &json!({ "decision": "accept" }),
    )
    .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    (app, id, coordinator, construction, culture)
}

#[tokio::test]
async fn an_accepted_part_is_neither_edited_nor_sent_again() {
    let (app, id, _, construction, _) = accepted().await;
    let edited = save(
        &app,
        &construction,
        &id,
        "construction",
        &sections("Sửa lại."),
    )
    .await;
    assert_eq!(edited.status, StatusCode::CONFLICT, "{}", edited.body);
    let message = edited.json()["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(message.contains("Đã chấp nhận"), "{message}");
    let again = submit(&app, &construction, &id, "construction", None).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    let now = part(&app, &construction, &id, "construction").await.json();
    assert_eq!(
        (now["state"].as_str(), now["sections"]["results"].as_str()),
        (Some("accepted"), Some("Đã làm."))
    );
    // The form answers the same, in English when asked.
    let english = app
        .call(
            "PUT",
            &format!("/api/v1/rounds/{id}/parts/construction?lang=en"),
        )
        .bearer(&construction)
        .json(&sections("Sửa lại."))
        .send()
        .await;
    assert_eq!(english.status, StatusCode::CONFLICT);
    assert!(english.body.contains("Accepted"), "{}", english.body);
}

#[tokio::test]
async fn only_the_departments_reviewers_write_and_only_the_coordinator_decides() {
    let (app, id, coordinator, construction, culture) = accepted().await;
    let inspector = app
        .token("thanh.kt", Role::Inspector, Some("culture"))
        .await;
    let transport = app
        .token("tuan.duyet", Role::Reviewer, Some("transport"))
        .await;
    let before = dump_database(&app).await;
    let forbidden = [
        // Another department's reviewer writes, sends or reads construction's part.
        save(
            &app,
            &culture,
            &id,
            "construction",
            &sections("Không phải của tôi."),
        )
        .await,
        submit(&app, &culture, &id, "construction", None).await,
        part(&app, &culture, &id, "construction").await,
        // Reviewers do not decide, the coordinator does not write.
        review(
            &app,
            &culture,
            &id,
            "culture",
            &json!({ "decision": "accept" }),
        )
        .await,
        save(&app, &coordinator, &id, "culture", &sections("Viết hộ.")).await,
        // A reviewer opens no round; an inspector sees none.
        open(&app, &construction, &half_year(&["construction"])).await,
        app.call("GET", "/api/v1/rounds")
            .bearer(&inspector)
            .send()
            .await,
        // A department the round does not ask sees nothing of it.
        app.call("GET", &format!("/api/v1/rounds/{id}"))
            .bearer(&transport)
            .send()
            .await,
        // Only the coordinator compiles.
        app.call("GET", &format!("/api/v1/rounds/{id}/report?format=docx"))
            .bearer(&construction)
            .send()
            .await,
    ];
    for (n, reply) in forbidden.iter().enumerate() {
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "case {n}: {}",
            reply.body
        );
    }
    assert_eq!(
        dump_database(&app).await,
        before,
        "a refusal writes nothing"
    );
    // Nobody signed in: 401.
    let anonymous = app
        .call("GET", &format!("/api/v1/rounds/{id}"))
        .send()
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    // Its own reviewer reads the round with its own part only.
    let own = app
        .call("GET", &format!("/api/v1/rounds/{id}"))
        .bearer(&culture)
        .send()
        .await;
    let parts = own.json()["parts"].clone();
    assert_eq!(parts.as_array().map(Vec::len), Some(1), "{parts}");
    assert_eq!(parts[0]["department"], "culture");
}

#[tokio::test]
async fn a_part_is_sent_with_every_section_and_returned_only_with_a_comment() {
    let app = app_on("2026-01-15").await;
    let coordinator = app.token("mai.dp", Role::Coordinator, None).await;
    let culture = app
        .token("lan.duyet", Role::Reviewer, Some("culture"))
        .await;
    let id = open(&app, &coordinator, &half_year(&["culture"]))
        .await
        .json()["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let half = json!({ "results": "Đã làm.", "difficulties": "", "proposals": " " });
    let refused = submit(&app, &culture, &id, "culture", Some(&half)).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let fields = refused.json()["error"]["fields"].clone();
    assert!(
        fields["difficulties"].is_string() && fields["proposals"].is_string(),
        "{fields}"
    );
    assert!(fields.get("results").is_none(), "{fields}");
    // Not sent: the coordinator has nothing to decide yet.
    let early = review(
        &app,
        &coordinator,
        &id,
        "culture",
        &json!({ "decision": "accept" }),
    )
    .await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
    let sent = submit(&app, &culture, &id, "culture", Some(&sections("Đã làm."))).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let bare = review(
        &app,
        &coordinator,
        &id,
        "culture",
        &json!({ "decision": "return" }),
    )
    .await;
    assert_eq!(
        bare.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bare.body
    );
    assert!(
        bare.json()["error"]["fields"]["comment"].is_string(),
        "{}",
        bare.body
    );
}
