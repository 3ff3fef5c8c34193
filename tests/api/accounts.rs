//! Users from the command line and the API, the first administrator, and department
//! rename and merge.

use std::process::Output;

use axum::http::StatusCode;
use serde_json::{Value, json};
use tiepcan::domain::user::Role;

use crate::common::{Demo, TestApp, run_cli, spawn, stderr};

fn tiepcan(app: &TestApp, args: &[&str], stdin: &str) -> Output {
    run_cli(Some(app), args, stdin)
}

#[tokio::test]
async fn user_add_disable_and_reset_password_from_the_command_line() {
    let app = spawn(Demo::Yes).await;
    let add = tiepcan(
        &app,
        &[
            "user",
            "add",
            "--username",
            "Thu.Ha",
            "--role",
            "inspector",
            "--department",
            "transport",
            "--password-stdin",
        ],
        "mật khẩu đủ dài\n",
    );
    assert!(add.status.success(), "{}", stderr(&add));
    let cookie = app.sign_in("thu.ha", "mật khẩu đủ dài").await;
    let token = app.token_for(&cookie).await;

    let disable = tiepcan(&app, &["user", "disable", "thu.ha"], "");
    assert!(disable.status.success(), "{}", stderr(&disable));
    let me = app.whoami(&cookie).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED, "session ended");
    let by_token = app
        .call("GET", "/api/v1/tokens")
        .bearer(&token)
        .send()
        .await;
    assert_eq!(by_token.status, StatusCode::UNAUTHORIZED, "token revoked");
    let again = app
        .json(
            "POST",
            "/api/v1/session",
            &json!({ "username": "thu.ha", "password": "mật khẩu đủ dài" }),
        )
        .await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);

    let enable = tiepcan(&app, &["user", "enable", "thu.ha"], "");
    assert!(enable.status.success());
    let reset = tiepcan(
        &app,
        &["user", "reset-password", "thu.ha", "--password-stdin"],
        "một mật khẩu mới\n",
    );
    assert!(reset.status.success(), "{}", stderr(&reset));
    app.sign_in("thu.ha", "một mật khẩu mới").await;
}

#[tokio::test]
async fn bad_user_input_at_the_command_line_is_refused_by_field() {
    let app = spawn(Demo::Yes).await;
    let short = tiepcan(
        &app,
        &[
            "user",
            "add",
            "--username",
            "lan",
            "--role",
            "inspector",
            "--department",
            "transport",
            "--password-stdin",
        ],
        "short\n",
    );
    assert!(!short.status.success());
    assert!(
        stderr(&short).contains("Password: At least 10 characters"),
        "{}",
        stderr(&short)
    );
    let bad = tiepcan(
        &app,
        &[
            "user",
            "add",
            "--username",
            "<b>",
            "--role",
            "chief",
            "--department",
            "nowhere",
            "--password-stdin",
        ],
        "long enough password\n",
    );
    assert!(!bad.status.success());
    let e = stderr(&bad);
    assert!(e.contains("Username: A username has"), "{e}");
    assert!(e.contains("Role: “chief” is not allowed"), "{e}");
    let no_dept = tiepcan(
        &app,
        &[
            "user",
            "add",
            "--username",
            "lan",
            "--role",
            "inspector",
            "--department",
            "nowhere",
            "--password-stdin",
        ],
        "long enough password\n",
    );
    assert!(
        stderr(&no_dept).contains("“nowhere” is not allowed"),
        "{}",
        stderr(&no_dept)
    );
    let missing = tiepcan(
        &app,
        &["user", "add", "--username", "lan", "--role", "inspector"],
        "",
    );
    assert!(
        !missing.status.success(),
        "the password never goes on the command line"
    );
    let unknown = tiepcan(&app, &["user", "disable", "nobody"], "");
    assert!(!unknown.status.success());
}

#[tokio::test]
async fn the_first_admin_is_created_once() {
    let (config, _dir) = crate::common::test_config(Demo::No).await;
    let cfg = config.clone();
    let state = tiepcan::server::prepare(&cfg).await.expect("first start");
    let mut conn = state.services.db.conn().await.expect("conn");
    let admins = tiepcan::store::users::active_admins(&mut conn)
        .await
        .expect("count");
    assert_eq!(admins, 1, "one admin created on an empty database");
    drop(conn);
    tiepcan::server::prepare(&cfg).await.expect("second start");
    let mut conn = state.services.db.conn().await.expect("conn");
    assert_eq!(
        tiepcan::store::users::active_admins(&mut conn)
            .await
            .expect("count"),
        1,
        "not twice"
    );
}

#[tokio::test]
async fn rename_keeps_the_old_name_in_history_and_merge_moves_users_and_sites() {
    let app = spawn(Demo::Yes).await;
    let admin = app.token("root", Role::Admin, None).await;
    let renamed = app
        .call("PATCH", "/api/v1/departments/transport")
        .bearer(&admin)
        .json(&json!({ "name": { "vi": "Sở Xây dựng (giao thông)", "en": "Department of Construction (transport)" } }))
        .send()
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    let empty = app
        .call("PATCH", "/api/v1/departments/transport")
        .bearer(&admin)
        .json(&json!({ "name": { "vi": " ", "en": "x" } }))
        .send()
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);

    let _ = app
        .add_user("laixe", Role::Inspector, Some("transport"))
        .await;
    let transport_people = app
        .call("GET", "/api/v1/users")
        .bearer(&admin)
        .send()
        .await
        .json()
        .as_array()
        .expect("users")
        .iter()
        .filter(|u| u["department"]["code"] == "transport")
        .count();
    assert!(transport_people >= 1, "laixe at least");
    let stops_before = app
        .get("/api/v1/sites?kind=transport_stop&limit=500")
        .await
        .json()["items"]
        .as_array()
        .expect("items")
        .len();
    let merged = app
        .call("POST", "/api/v1/departments/transport/merge")
        .bearer(&admin)
        .json(&json!({ "into": "construction" }))
        .send()
        .await;
    assert_eq!(merged.status, StatusCode::OK, "{}", merged.body);
    let merged = merged.json();
    assert_eq!(
        merged["users"].as_u64().expect("n") as usize,
        transport_people
    );
    assert_eq!(merged["sites"].as_u64().expect("n") as usize, stops_before);

    let users = app
        .call("GET", "/api/v1/users")
        .bearer(&admin)
        .send()
        .await
        .json();
    let laixe = users
        .as_array()
        .expect("users")
        .iter()
        .find(|u| u["username"] == "laixe")
        .expect("user");
    assert_eq!(laixe["department"]["code"], "construction");
    let stops = app
        .get("/api/v1/sites?kind=transport_stop&limit=500")
        .await
        .json();
    assert!(
        stops["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|s| s["department"]["code"] == "construction")
    );
    let listed = app.get("/api/v1/departments").await.json();
    assert!(
        !listed
            .as_array()
            .expect("list")
            .iter()
            .any(|d| d["code"] == "transport")
    );

    // History keeps the names as they were.
    let log = app
        .call(
            "GET",
            "/api/v1/events?entity_type=department&entity_id=transport",
        )
        .bearer(&admin)
        .send()
        .await
        .json();
    let items = log["items"].as_array().expect("items");
    let rename = items
        .iter()
        .find(|e| e["action"] == "department.rename")
        .expect("rename logged");
    let before: Value =
        serde_json::from_str(rename["before"].as_str().expect("before")).expect("json");
    assert_eq!(before["name"]["vi"], "Sở Giao thông vận tải");
    assert!(items.iter().any(|e| e["action"] == "department.merge"));

    // Merging again, or into an unknown department, is refused.
    let again = app
        .call("POST", "/api/v1/departments/transport/merge")
        .bearer(&admin)
        .json(&json!({ "into": "construction" }))
        .send()
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    let unknown = app
        .call("POST", "/api/v1/departments/culture/merge")
        .bearer(&admin)
        .json(&json!({ "into": "health" }))
        .send()
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_admin_changes_role_and_department_but_never_removes_the_last_admin() {
    let app = spawn(Demo::No).await;
    // The first start created `admin`; it is the only active administrator.
    let password = "an admin password 1";
    let reset = tiepcan(
        &app,
        &["user", "reset-password", "admin", "--password-stdin"],
        &format!("{password}\n"),
    );
    assert!(reset.status.success(), "{}", stderr(&reset));
    let cookie = app.sign_in("admin", password).await;
    let demote = app
        .call("PATCH", "/api/v1/users/admin")
        .cookie(&cookie)
        .json(&json!({ "role": "coordinator" }))
        .send()
        .await;
    assert_eq!(demote.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        demote
            .field_error("role")
            .contains("quản trị viên cuối cùng"),
        "{}",
        demote.body
    );
    let disable = app
        .call("PATCH", "/api/v1/users/admin")
        .cookie(&cookie)
        .json(&json!({ "active": false }))
        .send()
        .await;
    assert_eq!(disable.status, StatusCode::UNPROCESSABLE_ENTITY);

    let created = app
        .call("POST", "/api/v1/users")
        .cookie(&cookie)
        .json(&json!({ "username": "lan", "role": "coordinator", "password": "long enough password" }))
        .send()
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let promoted = app
        .call("PATCH", "/api/v1/users/lan")
        .cookie(&cookie)
        .json(&json!({ "role": "admin", "display_name": "Lan" }))
        .send()
        .await;
    assert_eq!(promoted.status, StatusCode::OK, "{}", promoted.body);
    assert_eq!(promoted.json()["role"], "admin");
    assert_eq!(promoted.json()["display_name"], "Lan");

    // An inspector needs a department.
    let no_dept = app
        .call("PATCH", "/api/v1/users/lan")
        .cookie(&cookie)
        .json(&json!({ "role": "inspector" }))
        .send()
        .await;
    assert_eq!(no_dept.status, StatusCode::UNPROCESSABLE_ENTITY);
    no_dept.field_error("department");
    // With a second admin, the first may step down.
    let step_down = app
        .call("PATCH", "/api/v1/users/admin")
        .cookie(&cookie)
        .json(&json!({ "role": "coordinator" }))
        .send()
        .await;
    assert_eq!(step_down.status, StatusCode::OK, "{}", step_down.body);
}

/// The signed-in person behind `username`, as a use case receives them.
async fn actor_of(app: &TestApp, username: &str) -> tiepcan::domain::actor::Actor {
    let mut conn = app.db().conn().await.expect("conn");
    let user = tiepcan::store::users::by_username(&mut conn, username)
        .await
        .expect("read")
        .expect("user");
    tiepcan::domain::actor::Actor::person(&user)
}

async fn make_role(app: &TestApp, username: &str, role: &str) {
    let change = tiepcan::app::users::UserUpdate {
        role: Some(role.into()),
        ..Default::default()
    };
    tiepcan::app::users::update(
        app.services(),
        &tiepcan::domain::actor::Actor::Console,
        username,
        &change,
        None,
    )
    .await
    .expect("role set at the console");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_admins_demoting_each_other_at_once_leave_exactly_one() {
    let app = spawn(Demo::No).await;
    app.add_user("anh", Role::Admin, None).await;
    app.add_user("binh", Role::Admin, None).await;
    // Only the two of them: the first start's `admin` steps down.
    make_role(&app, "admin", "coordinator").await;
    let demote = tiepcan::app::users::UserUpdate {
        role: Some("coordinator".into()),
        ..Default::default()
    };
    for round in 0..30 {
        let (anh, binh) = (actor_of(&app, "anh").await, actor_of(&app, "binh").await);
        let s = app.services().clone();
        let (s1, s2) = (s.clone(), s.clone());
        let (d1, d2) = (demote.clone(), demote.clone());
        let first =
            tokio::spawn(
                async move { tiepcan::app::users::update(&s1, &anh, "binh", &d1, None).await },
            );
        let second =
            tokio::spawn(
                async move { tiepcan::app::users::update(&s2, &binh, "anh", &d2, None).await },
            );
        let (first, second) = (first.await.expect("task"), second.await.expect("task"));
        let mut conn = app.db().conn().await.expect("conn");
        let admins = tiepcan::store::users::active_admins(&mut conn)
            .await
            .expect("count");
        assert_eq!(
            admins, 1,
            "round {round}: {} admin(s) left ({first:?}, {second:?})",
            admins
        );
        assert!(
            first.is_ok() != second.is_ok(),
            "round {round}: exactly one demotion succeeds"
        );
        drop(conn);
        let demoted = if first.is_ok() { "binh" } else { "anh" };
        make_role(&app, demoted, "admin").await;
    }
}

#[tokio::test]
async fn an_admin_moves_a_user_to_another_department() {
    let app = spawn(Demo::Yes).await;
    let admin = app.token("root", Role::Admin, None).await;
    app.add_user("lan", Role::Inspector, Some("culture")).await;
    let moved = app
        .call("PATCH", "/api/v1/users/lan")
        .bearer(&admin)
        .json(&json!({ "department": "transport" }))
        .send()
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(moved.json()["department"]["code"], "transport");
    let unknown = app
        .call("PATCH", "/api/v1/users/lan")
        .bearer(&admin)
        .json(&json!({ "department": "health" }))
        .send()
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.field_error("department").contains("health"));
}

#[tokio::test]
async fn the_demo_sign_ins_are_made_and_printed_only_on_the_first_start() {
    let (config, _dir) = crate::common::test_config(Demo::Yes).await;
    let state = tiepcan::server::prepare(&config)
        .await
        .expect("first start");
    let again = tiepcan::app::users::seed_demo(&state.services)
        .await
        .expect("seed again");
    assert!(again.is_empty(), "nothing new to print: {again:?}");
}

#[tokio::test]
async fn a_taken_username_is_a_conflict_named_in_the_users_language() {
    let app = spawn(Demo::No).await;
    let admin = app.token("root", Role::Admin, None).await;
    let body =
        json!({ "username": "lan", "role": "coordinator", "password": "long enough password" });
    let first = app
        .call("POST", "/api/v1/users")
        .bearer(&admin)
        .json(&body)
        .send()
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let again = app
        .call("POST", "/api/v1/users")
        .bearer(&admin)
        .json(&body)
        .send()
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(again.json()["error"]["code"], "conflict");
    assert!(
        again.field_error("username").contains("đã được dùng"),
        "{}",
        again.body
    );
    assert!(!again.body.contains("UNIQUE") && !again.body.contains("users_username"));
    assert!(
        !again.body.contains("địa điểm"),
        "not the message for a duplicate site"
    );
    let english = app
        .call("POST", "/api/v1/users?lang=en")
        .bearer(&admin)
        .json(&body)
        .send()
        .await;
    assert!(
        english.field_error("username").contains("already in use"),
        "{}",
        english.body
    );
}
