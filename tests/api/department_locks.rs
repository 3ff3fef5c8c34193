//! Departments held while they change: two renames from one version, two opposite merges
//! and a registration racing a merge each end in exactly one outcome, on whichever database
//! the suite runs (PostgreSQL runs them truly at once; SQLite one writer at a time).

use axum::http::StatusCode;
use serde_json::{Value, json};
use tiepcan::domain::user::Role;

use crate::common::{Demo, Reply, TestApp, museum, spawn};

const ROUNDS: usize = 6;

async fn create(app: &TestApp, admin: &str, code: &str) {
    let reply = app
        .call("POST", "/api/v1/departments")
        .bearer(admin)
        .json(&json!({ "code": code, "name": { "vi": code, "en": code } }))
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
}

async fn merge(app: &TestApp, admin: &str, from: &str, into: &str) -> Reply {
    app.call("POST", &format!("/api/v1/departments/{from}/merge"))
        .bearer(admin)
        .json(&json!({ "into": into }))
        .send()
        .await
}

async fn register(app: &TestApp, token: &str, department: &str) -> Reply {
    let mut site = museum();
    site["department"] = json!(department);
    app.call("POST", "/api/v1/sites")
        .bearer(token)
        .json(&site)
        .send()
        .await
}

async fn in_use(app: &TestApp) -> Vec<String> {
    app.get("/api/v1/departments")
        .await
        .json()
        .as_array()
        .expect("list")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_owned())
        .collect()
}

#[tokio::test]
async fn two_renames_sent_with_one_version_at_once_have_one_winner() {
    let app = spawn(Demo::No).await;
    let admin = app.token("root", Role::Admin, None).await;
    create(&app, &admin, "xd").await;
    for round in 0..ROUNDS {
        let version = app.get("/api/v1/departments").await.json()[0]["version"].clone();
        let rename = |n: usize| {
            app.call("PATCH", "/api/v1/departments/xd")
                .bearer(&admin)
                .header("if-match", &format!("\"{version}\""))
                .json(&json!({ "name": { "vi": format!("Sở {round}.{n}"), "en": format!("Dept {round}.{n}") } }))
                .send()
        };
        let (a, b) = tokio::join!(rename(1), rename(2));
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::PRECONDITION_FAILED],
            "round {round}: {} / {}",
            a.body,
            b.body
        );
        let now = app.get("/api/v1/departments").await.json()[0].clone();
        assert_eq!(now["version"], json!(version.as_i64().expect("n") + 1));
        let winner = if a.status == StatusCode::OK { &a } else { &b };
        assert_eq!(
            now["name"],
            winner.json()["name"],
            "the winner's name stands"
        );
    }
}

#[tokio::test]
async fn two_opposite_merges_at_once_leave_one_department_holding_everything() {
    let app = spawn(Demo::No).await;
    let admin = app.token("root", Role::Admin, None).await;
    for round in 0..ROUNDS {
        let (a, b) = (format!("a{round}"), format!("b{round}"));
        let mut sites: Vec<Value> = Vec::new();
        for code in [&a, &b] {
            create(&app, &admin, code).await;
            let token = app
                .token(&format!("kt.{code}"), Role::Inspector, Some(code))
                .await;
            let made = register(&app, &token, code).await;
            assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
            sites.push(made.json());
        }
        let (one, other) = tokio::join!(merge(&app, &admin, &a, &b), merge(&app, &admin, &b, &a));
        let ok = [&one, &other]
            .iter()
            .filter(|r| r.status == StatusCode::OK)
            .count();
        assert_eq!(
            ok, 1,
            "round {round}: {} {} / {} {}",
            one.status, one.body, other.status, other.body
        );
        let loser = if one.status == StatusCode::OK {
            &other
        } else {
            &one
        };
        assert!(
            matches!(
                loser.status,
                StatusCode::NOT_FOUND | StatusCode::UNPROCESSABLE_ENTITY
            ),
            "round {round}: {} {}",
            loser.status,
            loser.body
        );
        let codes = in_use(&app).await;
        let survivor = match (codes.contains(&a), codes.contains(&b)) {
            (true, false) => &a,
            (false, true) => &b,
            other => panic!("round {round}: {other:?} in {codes:?}"),
        };
        for site in &sites {
            let uri = format!("/api/v1/sites/{}", site["id"].as_str().expect("id"));
            let now = app.get(&uri).await.json();
            assert_eq!(
                &now["department"]["code"],
                &json!(survivor),
                "round {round}"
            );
        }
        let users = app
            .call("GET", "/api/v1/users")
            .bearer(&admin)
            .send()
            .await
            .json();
        for user in users.as_array().expect("users") {
            if user["username"] == format!("kt.{a}") || user["username"] == format!("kt.{b}") {
                assert_eq!(
                    &user["department"]["code"],
                    &json!(survivor),
                    "round {round}"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_site_registered_while_its_department_merges_ends_in_the_one_merged_into_or_is_refused() {
    let app = spawn(Demo::No).await;
    let admin = app.token("root", Role::Admin, None).await;
    for round in 0..ROUNDS {
        let (from, into) = (format!("f{round}"), format!("i{round}"));
        create(&app, &admin, &from).await;
        create(&app, &admin, &into).await;
        let token = app
            .token(&format!("kt.{round}"), Role::Inspector, Some(&from))
            .await;
        let (registered, merged) = tokio::join!(
            register(&app, &token, &from),
            merge(&app, &admin, &from, &into)
        );
        assert_eq!(merged.status, StatusCode::OK, "{}", merged.body);
        match registered.status {
            StatusCode::CREATED => {
                let uri = format!(
                    "/api/v1/sites/{}",
                    registered.json()["id"].as_str().expect("id")
                );
                let now = app.get(&uri).await.json();
                assert_eq!(
                    now["department"]["code"],
                    json!(into),
                    "round {round}: moved by the merge"
                );
                assert_eq!(merged.json()["sites"], json!(1), "round {round}");
            }
            StatusCode::UNPROCESSABLE_ENTITY => {
                assert!(
                    registered
                        .field_error("department")
                        .contains(&format!("“{into}”")),
                    "round {round}: {}",
                    registered.body
                );
                assert_eq!(merged.json()["sites"], json!(0), "round {round}");
            }
            other => panic!("round {round}: {other} {}", registered.body),
        }
    }
}
