//! The event log: every change with its actor and before/after, browsable by admins and
//! coordinators, and a chain that `tiepcan events verify` checks.

use axum::http::StatusCode;
use serde_json::{Value, json};
use tiepcan::domain::user::Role;

use crate::common::{Demo, TestApp, museum, spawn};

fn tiepcan(app: &TestApp, args: &[&str]) -> std::process::Output {
    crate::common::run_cli(Some(app), args, "")
}

#[tokio::test]
async fn a_site_change_is_logged_with_its_actor_before_and_after() {
    let app = spawn(Demo::Yes).await;
    let token = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    let site = app
        .call("POST", "/api/v1/sites")
        .bearer(&token)
        .json(&museum())
        .send()
        .await
        .json();
    let id = site["id"].as_str().expect("id");
    app.call("PATCH", &format!("/api/v1/sites/{id}"))
        .bearer(&token)
        .json(&json!({ "name": "Tên mới" }))
        .send()
        .await;

    let coordinator = app
        .token("dieuphoi2", Role::Coordinator, Some("labour"))
        .await;
    let log = app
        .call(
            "GET",
            &format!("/api/v1/events?entity_type=site&entity_id={id}"),
        )
        .bearer(&coordinator)
        .send()
        .await;
    assert_eq!(log.status, StatusCode::OK, "{}", log.body);
    let items = log.json()["items"].as_array().expect("items").clone();
    assert_eq!(items.len(), 2, "create and update");
    let update = &items[0];
    assert_eq!(update["action"], "site.update");
    assert_eq!(update["actor"], "vanhoa");
    let before: Value =
        serde_json::from_str(update["before"].as_str().expect("before")).expect("json");
    let after: Value =
        serde_json::from_str(update["after"].as_str().expect("after")).expect("json");
    assert_eq!(before["name"], museum()["name"]);
    assert_eq!(after["name"], "Tên mới");
    assert_eq!(items[1]["action"], "site.create");
    assert_eq!(items[1]["before"], Value::Null);

    let page = app
        .call("GET", "/events?action=site.update")
        .bearer(&coordinator)
        .send()
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("site.update") && page.body.contains("vanhoa"));
    assert!(!page.body.contains("site.create"), "filtered");
}

#[tokio::test]
async fn bad_event_filters_are_refused_by_name() {
    let app = spawn(Demo::Yes).await;
    let admin = app.token("root", Role::Admin, None).await;
    let reply = app
        .call("GET", "/api/v1/events?from=yesterday&limit=0")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    reply.field_error("from");
    reply.field_error("limit");
}

#[tokio::test]
async fn verify_passes_on_a_normal_log_and_names_the_row_edited_by_hand() {
    let app = spawn(Demo::Yes).await;
    let token = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    app.call("POST", "/api/v1/sites")
        .bearer(&token)
        .json(&museum())
        .send()
        .await;

    let ok = tiepcan(&app, &["events", "verify"]);
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(stdout.contains("event log intact"), "{stdout}");

    // Someone with database access edits a row by hand (the append-only trigger has to go
    // first, as it would for them).
    let (seq, id) = {
        let mut conn = app.db().conn().await.expect("conn");
        let filter = tiepcan::store::events::Filter {
            action: Some("site.create".into()),
            limit: 1,
            ..Default::default()
        };
        let event = tiepcan::store::events::list(&mut conn, &filter)
            .await
            .expect("events")
            .remove(0);
        (event.seq, event.id)
    };
    crate::common::tamper_with_event(&app, seq).await;

    let broken = tiepcan(&app, &["events", "verify"]);
    assert!(!broken.status.success());
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(
        stderr.contains(&format!("row #{seq} (id {id})")),
        "{stderr}"
    );
    assert!(stderr.contains("edited"), "{stderr}");
}

#[tokio::test]
async fn the_log_refuses_updates_and_deletes() {
    let app = spawn(Demo::Yes).await;
    let refused = crate::common::try_delete_events(&app).await;
    assert!(refused.contains("append-only"), "{refused}");
}

#[tokio::test]
async fn on_postgresql_the_log_cannot_be_truncated_either() {
    let app = spawn(Demo::No).await;
    let tiepcan::store::Db::Postgres(pool) = app.db() else {
        return; // SQLite has no TRUNCATE; DELETE is refused above
    };
    let refused = sqlx::query("TRUNCATE events")
        .execute(pool)
        .await
        .expect_err("the log is append-only");
    assert!(refused.to_string().contains("append-only"), "{refused}");
}
