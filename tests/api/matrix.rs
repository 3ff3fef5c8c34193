//! The permission matrix: every role against every write endpoint (and the protected
//! reads). Denials are 401 for anonymous and 403 for signed-in people, and write nothing.

use axum::http::StatusCode;
use serde_json::{Value, json};
use tiepcan::domain::user::Role;

use crate::common::{Demo, TestApp, museum, spawn};

/// One way of asking: nobody, or a person with a token and a session.
struct Who {
    name: &'static str,
    token: Option<String>,
    cookie: Option<String>,
}

async fn person(app: &TestApp, name: &'static str, role: Role, dept: Option<&str>) -> Who {
    let password = app.add_user(name, role, dept).await;
    let cookie = app.sign_in(name, &password).await;
    let reply = app
        .call("POST", "/api/v1/tokens")
        .cookie(&cookie)
        .json(&json!({ "name": "matrix" }))
        .send()
        .await;
    let token = reply.json()["token"].as_str().expect("token").to_owned();
    Who {
        name,
        token: Some(token),
        cookie: Some(cookie),
    }
}

/// A request of the matrix: API ones go with the token, form ones with the cookie.
#[derive(Clone)]
struct Endpoint {
    method: &'static str,
    uri: String,
    json: Option<Value>,
    form: Option<Vec<(&'static str, String)>>,
    /// The form is sent as `multipart/form-data` (a form with a file input).
    multipart: bool,
}

impl Endpoint {
    fn api(method: &'static str, uri: impl Into<String>, body: Value) -> Endpoint {
        Endpoint {
            method,
            uri: uri.into(),
            json: Some(body),
            form: None,
            multipart: false,
        }
    }

    fn get(uri: &str) -> Endpoint {
        Endpoint {
            method: "GET",
            uri: uri.into(),
            json: None,
            form: None,
            multipart: false,
        }
    }

    fn form(uri: impl Into<String>, fields: Vec<(&'static str, String)>) -> Endpoint {
        Endpoint {
            method: "POST",
            uri: uri.into(),
            json: None,
            form: Some(fields),
            multipart: false,
        }
    }

    fn multipart(uri: &str, fields: Vec<(&'static str, String)>) -> Endpoint {
        Endpoint {
            multipart: true,
            ..Endpoint::form(uri, fields)
        }
    }

    async fn send(&self, app: &TestApp, who: &Who) -> crate::common::Reply {
        let mut call = app.call(self.method, &self.uri);
        if let Some(form) = &self.form {
            if let Some(cookie) = &who.cookie {
                call = call.cookie(cookie);
            }
            let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            if self.multipart {
                return call.multipart(&fields, &[]).send().await;
            }
            return call.form(&fields).send().await;
        }
        if let Some(token) = &who.token {
            call = call.bearer(token);
        }
        match &self.json {
            Some(body) => call.json(&fresh_keys(body)).send().await,
            None => call.send().await,
        }
    }
}

/// The body with a new UUID for a `"key": FRESH`: an audit's start key is its id, so
/// each person's start needs its own.
fn fresh_keys(body: &Value) -> Value {
    let mut body = body.clone();
    if body["key"] == FRESH {
        body["key"] = Value::from(uuid::Uuid::now_v7().to_string());
    }
    body
}

/// Stands for a new key each time it is sent (see [`fresh_keys`]).
const FRESH: &str = "fresh";

/// The create and rename form of a department.
fn department_form(code: &str) -> Vec<(&'static str, String)> {
    vec![
        ("code", code.to_owned()),
        ("name.vi", format!("Sở {code}")),
        ("name.en", format!("Department {code}")),
    ]
}

fn site_form() -> Vec<(&'static str, String)> {
    let site = museum();
    ["name", "kind", "subtype", "lat", "lon", "department"]
        .into_iter()
        .map(|k| {
            let v = match &site[k] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k, v)
        })
        .collect()
}

async fn chain_head(app: &TestApp) -> i64 {
    let mut conn = app.db().conn().await.expect("conn");
    tiepcan::store::events::head(&mut conn)
        .await
        .expect("head")
        .0
}

#[tokio::test]
async fn every_role_against_every_write_endpoint() {
    let app = spawn(Demo::Yes).await;
    let anonymous = Who {
        name: "anonymous",
        token: None,
        cookie: None,
    };
    let people = [
        person(&app, "insp.culture", Role::Inspector, Some("culture")).await,
        person(&app, "insp.other", Role::Inspector, Some("construction")).await,
        person(&app, "rev.culture", Role::Reviewer, Some("culture")).await,
        person(&app, "rev.other", Role::Reviewer, Some("construction")).await,
        person(&app, "coord", Role::Coordinator, Some("labour")).await,
        person(&app, "admin2", Role::Admin, None).await,
        // Named on no audit: their own account is all they may touch.
        person(&app, "observer", Role::Observer, None).await,
    ];
    // Someone whose account the admin manages (resetting a password ends their access).
    app.add_user("victim", Role::Inspector, Some("culture"))
        .await;
    // A culture site to edit, made by the culture inspector.
    let site = Endpoint::api("POST", "/api/v1/sites", museum())
        .send(&app, &people[0])
        .await
        .json();
    let site_id = site["id"].as_str().expect("id").to_owned();

    // (endpoint, who may: the names allowed; everyone else is refused)
    let site_writers = vec!["insp.culture", "rev.culture"];
    let everyone = vec![
        "insp.culture",
        "insp.other",
        "rev.culture",
        "rev.other",
        "coord",
        "admin2",
        "observer",
    ];
    let admins = vec!["admin2"];
    let readers = vec!["coord", "admin2"];
    let mut n = 0;
    let mut unique = || {
        n += 1;
        n
    };
    let cases: Vec<(Endpoint, Vec<&str>)> = vec![
        (
            Endpoint::api("POST", "/api/v1/sites", museum()),
            site_writers.clone(),
        ),
        (
            Endpoint::api(
                "PATCH",
                format!("/api/v1/sites/{site_id}"),
                json!({ "operator": "X" }),
            ),
            site_writers.clone(),
        ),
        (Endpoint::form("/sites", site_form()), site_writers.clone()),
        (
            Endpoint::form(format!("/sites/{site_id}/edit"), site_form()),
            site_writers.clone(),
        ),
        (
            Endpoint::api("POST", "/api/v1/tokens", json!({ "name": "t" })),
            everyone.clone(),
        ),
        (
            Endpoint::api(
                "POST",
                "/api/v1/users",
                json!({ "username": format!("new{}", unique()), "role": "inspector",
                        "department": "culture", "password": "a long password 1" }),
            ),
            admins.clone(),
        ),
        (
            Endpoint::api("PATCH", "/api/v1/users/victim", json!({ "active": true })),
            admins.clone(),
        ),
        (
            Endpoint::api(
                "POST",
                "/api/v1/users/victim/password",
                json!({ "password": "pw-victim-0123456789" }),
            ),
            admins.clone(),
        ),
        (
            Endpoint::api(
                "PATCH",
                "/api/v1/departments/transport",
                json!({ "name": { "vi": "Sở Giao thông vận tải", "en": "Department of Transport" } }),
            ),
            admins.clone(),
        ),
        (Endpoint::get("/api/v1/events"), readers.clone()),
        (Endpoint::get("/events"), readers.clone()),
        (Endpoint::get("/api/v1/users"), admins.clone()),
        (
            Endpoint::api(
                "POST",
                "/api/v1/departments/transport/merge",
                json!({ "into": "construction" }),
            ),
            admins.clone(),
        ),
        (
            Endpoint::api(
                "POST",
                "/api/v1/departments",
                json!({ "code": "tourism", "name": { "vi": "Sở Du lịch", "en": "Department of Tourism" } }),
            ),
            admins.clone(),
        ),
        // Created just above, with nothing in it yet: it may be retired.
        (
            Endpoint::api("POST", "/api/v1/departments/tourism/retire", json!({})),
            admins.clone(),
        ),
        // The administrators' pages and their forms.
        (Endpoint::get("/admin/departments"), admins.clone()),
        (Endpoint::get("/admin/people"), admins.clone()),
        (
            Endpoint::form("/admin/departments", department_form("pages")),
            admins.clone(),
        ),
        (
            Endpoint::form("/admin/departments/pages/rename", department_form("pages")),
            admins.clone(),
        ),
        (
            Endpoint::form(
                "/admin/departments/pages/merge",
                vec![("into", "culture".to_owned())],
            ),
            admins.clone(),
        ),
        (
            Endpoint::form("/admin/departments", department_form("pages2")),
            admins.clone(),
        ),
        (
            Endpoint::form("/admin/departments/pages2/retire", vec![]),
            admins.clone(),
        ),
        (
            Endpoint::form(
                "/admin/people",
                vec![
                    ("username", "pages.user".to_owned()),
                    ("role", "coordinator".to_owned()),
                ],
            ),
            admins.clone(),
        ),
        (
            Endpoint::multipart(
                "/admin/people/import",
                vec![("csv", "username,role\npages.many,coordinator\n".to_owned())],
            ),
            admins.clone(),
        ),
        (
            Endpoint::form(
                "/admin/people/victim",
                vec![
                    ("role", "inspector".to_owned()),
                    ("department", "culture".to_owned()),
                ],
            ),
            admins.clone(),
        ),
        (
            Endpoint::form(
                "/admin/people/victim/active",
                vec![("active", "true".to_owned())],
            ),
            admins.clone(),
        ),
        (
            Endpoint::form("/admin/people/victim/password", vec![]),
            admins.clone(),
        ),
        (Endpoint::get("/account"), everyone.clone()),
        (
            Endpoint::form("/account/tokens", vec![("name", "page".to_owned())]),
            everyone.clone(),
        ),
        (
            Endpoint::form(
                "/account/mail",
                vec![
                    ("email", "me@langson.test.vn".to_owned()),
                    ("digest", "true".to_owned()),
                    ("lang", "vi".to_owned()),
                ],
            ),
            everyone.clone(),
        ),
    ];

    for (endpoint, allowed) in &cases {
        // Refusals first, while the data is as the case expects.
        for who in std::iter::once(&anonymous).chain(people.iter()) {
            if allowed.contains(&who.name) {
                continue;
            }
            let before = (chain_head(&app).await, app.site_count().await);
            let reply = endpoint.send(&app, who).await;
            // A staff page sends an anonymous visitor to sign in; the API answers 401.
            let page = !endpoint.uri.starts_with("/api/");
            let expected = if who.token.is_none() && page && endpoint.method == "GET" {
                StatusCode::SEE_OTHER
            } else if who.token.is_none() {
                StatusCode::UNAUTHORIZED
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(
                reply.status, expected,
                "{} {} as {}: {}",
                endpoint.method, endpoint.uri, who.name, reply.body
            );
            assert_eq!(
                (chain_head(&app).await, app.site_count().await),
                before,
                "{} {} as {} wrote something",
                endpoint.method,
                endpoint.uri,
                who.name
            );
        }
        for who in people.iter().filter(|p| allowed.contains(&p.name)) {
            let reply = endpoint.send(&app, who).await;
            assert!(
                reply.status.is_success() || reply.status.is_redirection(),
                "{} {} as {}: {} {}",
                endpoint.method,
                endpoint.uri,
                who.name,
                reply.status,
                reply.body
            );
            if endpoint.uri.ends_with("/merge") {
                break; // a department merges only once
            }
        }
    }

    // My account: a token is revoked only by its owner; everyone changes their own password
    // knowing it (last: it revokes the person's tokens).
    let tokens = app
        .call("GET", "/api/v1/tokens")
        .bearer(people[0].token.as_deref().expect("token"))
        .send()
        .await
        .json();
    let id = tokens[0]["id"].as_str().expect("a token of insp.culture");
    let revoke = Endpoint::form(format!("/account/tokens/{id}/revoke"), vec![]);
    for who in std::iter::once(&anonymous).chain(people[1..].iter()) {
        let before = chain_head(&app).await;
        let reply = revoke.send(&app, who).await;
        let expected = if who.cookie.is_none() {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(
            reply.status, expected,
            "revoke as {}: {}",
            who.name, reply.body
        );
        assert_eq!(
            chain_head(&app).await,
            before,
            "revoke as {} wrote",
            who.name
        );
    }
    let revoked = revoke.send(&app, &people[0]).await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER, "{}", revoked.body);
    for who in std::iter::once(&anonymous).chain(people.iter()) {
        let current = format!("pw-{}-0123456789", who.name);
        let change = Endpoint::form(
            "/account/password",
            vec![
                ("current_password", current),
                ("new_password", "a new long password".to_owned()),
            ],
        );
        let reply = change.send(&app, who).await;
        let expected = if who.cookie.is_none() {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::SEE_OTHER
        };
        assert_eq!(
            reply.status, expected,
            "password as {}: {}",
            who.name, reply.body
        );
    }
}

/// The audit endpoints: each role's answer, and nothing written by a refusal. An audit in
/// progress is private to its author and the department's reviewers, so to everyone else
/// it does not exist (404) rather than being forbidden.
#[tokio::test]
async fn every_role_against_the_audit_endpoints() {
    let app = spawn(Demo::Yes).await;
    let anonymous = Who {
        name: "anonymous",
        token: None,
        cookie: None,
    };
    let people = [
        person(&app, "insp.culture", Role::Inspector, Some("culture")).await,
        person(&app, "insp.other", Role::Inspector, Some("construction")).await,
        person(&app, "rev.culture", Role::Reviewer, Some("culture")).await,
        person(&app, "rev.other", Role::Reviewer, Some("construction")).await,
        person(&app, "coord", Role::Coordinator, Some("labour")).await,
        person(&app, "admin2", Role::Admin, None).await,
    ];
    let site = Endpoint::api("POST", "/api/v1/sites", museum())
        .send(&app, &people[0])
        .await
        .json();
    let site_id = site["id"].as_str().expect("id").to_owned();
    let draft = Endpoint::api(
        "POST",
        format!("/api/v1/sites/{site_id}/audits"),
        json!({ "key": uuid::Uuid::now_v7().to_string() }),
    )
    .send(&app, &people[0])
    .await
    .json();
    let draft_id = draft["id"].as_str().expect("id").to_owned();
    let item = draft["checklist"]["sections"][0]["items"][0]["code"]
        .as_str()
        .expect("an item")
        .to_owned();

    use StatusCode as S;
    let ok = S::OK;
    // Who gets what, in the order of `people`: insp.culture, insp.other, rev.culture,
    // rev.other, coord, admin2.
    let cases: Vec<(Endpoint, [StatusCode; 6])> = vec![
        (
            Endpoint::api(
                "POST",
                format!("/api/v1/sites/{site_id}/audits"),
                json!({ "key": FRESH }),
            ),
            [
                S::CREATED,
                S::FORBIDDEN,
                S::CREATED,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
            ],
        ),
        (
            Endpoint::get(&format!("/api/v1/audits/{draft_id}")),
            [
                ok,
                S::NOT_FOUND,
                ok,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::NOT_FOUND,
            ],
        ),
        (
            Endpoint::api(
                "PUT",
                format!("/api/v1/audits/{draft_id}/answers"),
                json!([{ "item": item, "result": "not_applicable" }]),
            ),
            [
                S::UNPROCESSABLE_ENTITY,
                S::NOT_FOUND,
                S::FORBIDDEN,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::NOT_FOUND,
            ],
        ),
        (
            Endpoint::api(
                "POST",
                format!("/api/v1/audits/{draft_id}/submit"),
                json!(null),
            ),
            [
                S::UNPROCESSABLE_ENTITY,
                S::NOT_FOUND,
                S::FORBIDDEN,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::NOT_FOUND,
            ],
        ),
        (
            Endpoint::api(
                "POST",
                format!("/api/v1/audits/{draft_id}/review"),
                json!({ "decision": "approve" }),
            ),
            [
                S::FORBIDDEN,
                S::NOT_FOUND,
                S::CONFLICT,
                S::NOT_FOUND,
                S::NOT_FOUND,
                S::NOT_FOUND,
            ],
        ),
        (Endpoint::get("/api/v1/audits"), [ok, ok, ok, ok, ok, ok]),
        (Endpoint::get("/api/v1/findings"), [ok, ok, ok, ok, ok, ok]),
        (Endpoint::get("/audits"), [ok, ok, ok, ok, ok, ok]),
    ];
    for (endpoint, expected) in &cases {
        let reply = endpoint.send(&app, &anonymous).await;
        let anonymous_gets = if endpoint.uri == "/audits" {
            S::SEE_OTHER
        } else {
            S::UNAUTHORIZED
        };
        assert_eq!(
            reply.status, anonymous_gets,
            "{} {} as anonymous",
            endpoint.method, endpoint.uri
        );
        for (who, want) in people.iter().zip(expected) {
            let before = chain_head(&app).await;
            let reply = endpoint.send(&app, who).await;
            assert_eq!(
                reply.status, *want,
                "{} {} as {}: {}",
                endpoint.method, endpoint.uri, who.name, reply.body
            );
            if !reply.status.is_success() {
                assert_eq!(
                    chain_head(&app).await,
                    before,
                    "{} {} as {} wrote",
                    endpoint.method,
                    endpoint.uri,
                    who.name
                );
            }
        }
    }
}

#[tokio::test]
async fn every_role_against_the_finding_endpoints() {
    let o = crate::audits::office().await;
    let app = &o.app;
    let findings = crate::remediation::three_findings(&o).await;
    let door = crate::remediation::id_of(&findings, crate::remediation::DOOR);
    let anonymous = Who {
        name: "anonymous",
        token: None,
        cookie: None,
    };
    let people = [
        person(app, "insp.own", Role::Inspector, Some("construction")).await,
        person(app, "insp.other", Role::Inspector, Some("transport")).await,
        person(app, "rev.own", Role::Reviewer, Some("construction")).await,
        person(app, "rev.other", Role::Reviewer, Some("transport")).await,
        person(app, "coord", Role::Coordinator, Some("labour")).await,
        person(app, "admin2", Role::Admin, None).await,
    ];
    use StatusCode as S;
    let ok = S::OK;
    let uri = format!("/api/v1/findings/{door}/transitions");
    // Who gets what, in the order of `people`: insp.own, insp.other, rev.own, rev.other,
    // coord, admin2. Each row runs after the one before it, on the same finding.
    let cases: Vec<(Endpoint, [StatusCode; 6])> = vec![
        (
            Endpoint::get(&format!("/api/v1/findings/{door}")),
            [ok, S::FORBIDDEN, ok, S::FORBIDDEN, ok, ok],
        ),
        (
            Endpoint::api("POST", &uri, json!({ "to": "in_progress" })),
            [
                S::FORBIDDEN,
                S::FORBIDDEN,
                ok,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
            ],
        ),
        (
            Endpoint::api(
                "POST",
                &uri,
                json!({ "to": "wont_fix", "reason": "Di tích" }),
            ),
            [
                S::FORBIDDEN,
                S::FORBIDDEN,
                ok,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
            ],
        ),
        (
            Endpoint::api(
                "POST",
                &uri,
                json!({ "to": "reopened", "comment": "Xem lại" }),
            ),
            [
                S::FORBIDDEN,
                S::FORBIDDEN,
                ok,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::FORBIDDEN,
            ],
        ),
        (
            Endpoint::api("POST", &uri, json!({ "to": "verified" })),
            [
                S::CONFLICT,
                S::FORBIDDEN,
                S::CONFLICT,
                S::FORBIDDEN,
                S::CONFLICT,
                S::CONFLICT,
            ],
        ),
        (Endpoint::get("/api/v1/findings"), [ok, ok, ok, ok, ok, ok]),
        (Endpoint::get("/findings"), [ok, ok, ok, ok, ok, ok]),
        (
            Endpoint::get(&format!("/findings/{door}")),
            [ok, S::FORBIDDEN, ok, S::FORBIDDEN, ok, ok],
        ),
    ];
    for (endpoint, expected) in &cases {
        let reply = endpoint.send(app, &anonymous).await;
        let anonymous_gets = if endpoint.uri.starts_with("/findings") {
            S::SEE_OTHER
        } else {
            S::UNAUTHORIZED
        };
        assert_eq!(
            reply.status, anonymous_gets,
            "{} {} as anonymous",
            endpoint.method, endpoint.uri
        );
        for (who, want) in people.iter().zip(expected) {
            let before = chain_head(app).await;
            let reply = endpoint.send(app, who).await;
            assert_eq!(
                reply.status, *want,
                "{} {} as {}: {}",
                endpoint.method, endpoint.uri, who.name, reply.body
            );
            if !reply.status.is_success() {
                assert_eq!(
                    chain_head(app).await,
                    before,
                    "{} {} as {} wrote",
                    endpoint.method,
                    endpoint.uri,
                    who.name
                );
            }
        }
    }
    // The inspector of the department marks it fixed with a photo; nobody else outside it.
    let bytes = crate::audits::photo(5, None);
    for (who, want) in [
        (&people[1], S::FORBIDDEN),
        (&people[4], S::FORBIDDEN),
        (&people[0], ok),
    ] {
        let reply = app
            .call("POST", &uri)
            .bearer(who.token.as_deref().expect("token"))
            .multipart(
                &[("to", "fixed"), ("comment", "Đã sửa")],
                &[("file", "a.jpg", "image/jpeg", &bytes)],
            )
            .send()
            .await;
        assert_eq!(reply.status, want, "fixed as {}: {}", who.name, reply.body);
    }
}
