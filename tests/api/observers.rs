//! Observers on audits: who took part besides the inspector, named by the audit's author or
//! the department's reviewers; an observer's account sees the audits it is named on and
//! their findings and adds remarks, nothing else; the public learns the organisations that
//! took part, never a person's name.

use axum::http::{StatusCode, header};
use serde_json::{Value, json};

use crate::audits::{Office, office, start_as};
use crate::common::{Reply, TestApp};
use crate::remediation::{DOOR, id_of, three_findings};
use tiepcan::domain::user::Role;

const ASSOCIATION: &str = "Hội Người khuyết tật tỉnh Lạng Sơn";
const FRONT: &str = "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn";
/// The observer's account and name.
const OBSERVER: &str = "hoa.hoinkt";
const HOA: &str = "Nguyễn Thị Hoa";
/// A participant without an account.
const BINH: &str = "Trần Văn Bình";

/// An office with an approved audit of three findings, and an observer's account.
struct Scene {
    o: Office,
    audit: String,
    findings: Vec<Value>,
    observer: String,
    observer_cookie: String,
}

async fn scene() -> Scene {
    let o = office().await;
    let findings = three_findings(&o).await;
    let list = o
        .app
        .call(
            "GET",
            &format!("/api/v1/audits?site={}&state=approved", o.site),
        )
        .bearer(&o.reviewer)
        .send()
        .await
        .json();
    let audit = list["items"][0]["id"]
        .as_str()
        .expect("the audit")
        .to_owned();
    let password = o.app.add_user(OBSERVER, Role::Observer, None).await;
    let observer_cookie = o.app.sign_in(OBSERVER, &password).await;
    let observer = o.app.token_for(&observer_cookie).await;
    Scene {
        o,
        audit,
        findings,
        observer,
        observer_cookie,
    }
}

async fn post(app: &TestApp, token: &str, uri: &str, body: Value) -> Reply {
    app.call("POST", uri).bearer(token).json(&body).send().await
}

async fn get(app: &TestApp, token: &str, uri: &str) -> Reply {
    app.call("GET", uri).bearer(token).send().await
}

fn participants_uri(audit: &str) -> String {
    format!("/api/v1/audits/{audit}/participants")
}

fn remarks_uri(audit: &str) -> String {
    format!("/api/v1/audits/{audit}/remarks")
}

/// Names Hoa (with her observer's account) and Bình (without one) on the scene's audit, as
/// the reviewer; returns their participant ids.
async fn name_both(s: &Scene) -> (String, String) {
    let app = &s.o.app;
    let hoa = post(
        app,
        &s.o.reviewer,
        &participants_uri(&s.audit),
        json!({ "name": HOA, "organisation": ASSOCIATION, "account": OBSERVER }),
    )
    .await;
    assert_eq!(hoa.status, StatusCode::CREATED, "{}", hoa.body);
    assert_eq!(hoa.json()["account"]["username"], OBSERVER);
    let binh = post(
        app,
        &s.o.reviewer,
        &participants_uri(&s.audit),
        json!({ "name": BINH, "organisation": FRONT }),
    )
    .await;
    assert_eq!(binh.status, StatusCode::CREATED, "{}", binh.body);
    let id = |r: &Reply| r.json()["id"].as_str().expect("id").to_owned();
    (id(&hoa), id(&binh))
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    match app.db() {
        tiepcan::store::Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
        tiepcan::store::Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
    }
    .expect("count")
}

async fn chain_head(app: &TestApp) -> i64 {
    let mut conn = app.db().conn().await.expect("conn");
    tiepcan::store::events::head(&mut conn)
        .await
        .expect("head")
        .0
}

/// What a refusal must leave as it was: the rows of both tables and the event log.
async fn written(app: &TestApp) -> (i64, i64, i64) {
    (
        count(app, "SELECT count(*) FROM audit_participants").await,
        count(app, "SELECT count(*) FROM audit_remarks").await,
        chain_head(app).await,
    )
}

/// The events of `action`, as an administrator reads the log.
async fn events_of(app: &TestApp, action: &str) -> Vec<Value> {
    let name = format!("root.{}", &uuid::Uuid::now_v7().simple().to_string()[20..]);
    let admin = app.token(&name, Role::Admin, None).await;
    let reply = get(app, &admin, &format!("/api/v1/events?action={action}")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["items"].as_array().expect("items").clone()
}

fn location(reply: &Reply) -> String {
    reply.header(header::LOCATION).unwrap_or_default()
}

#[tokio::test]
async fn an_admin_creates_an_observer_account_without_a_department() {
    let o = office().await;
    let admin = o.app.token("quantri2", Role::Admin, None).await;
    let reply = post(
        &o.app,
        &admin,
        "/api/v1/users",
        json!({ "username": "mai.mttq", "display_name": "Lê Thị Mai", "role": "observer",
                "password": "a long password 1" }),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.json()["role"], "observer");
    let form = o
        .app
        .call("GET", "/admin/people")
        .cookie(&o.app.sign_in("quantri2", "pw-quantri2-0123456789").await)
        .send()
        .await;
    assert!(
        form.body.contains("value=\"observer\""),
        "the role is offered"
    );
    assert!(form.body.contains("Người giám sát"));
}

#[tokio::test]
async fn a_reviewer_names_participants_and_the_observer_reads_the_audit_and_adds_remarks() {
    let s = scene().await;
    let app = &s.o.app;
    let door = id_of(&s.findings, DOOR);
    // Before being named, the audit is nobody's business of the observer's.
    let hidden = get(app, &s.observer, &format!("/api/v1/audits/{}", s.audit)).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{}", hidden.body);
    let (_, binh) = name_both(&s).await;

    // Signing in, the observer lands on the audits they are named on.
    let login = app
        .call("POST", "/login")
        .form(&[
            ("username", OBSERVER),
            ("password", &format!("pw-{OBSERVER}-0123456789")),
            ("next", "/"),
        ])
        .send()
        .await;
    assert_eq!(login.status, StatusCode::SEE_OTHER, "{}", login.body);
    assert_eq!(location(&login), "/observing");
    let home = app
        .call("GET", "/observing")
        .cookie(&s.observer_cookie)
        .send()
        .await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.body);
    for needed in [
        format!("href=\"/audits/{}\"", s.audit),
        "UBND phường Chi Lăng".to_owned(),
        "Đã duyệt".to_owned(),
        "href=\"/observing\"".to_owned(),
    ] {
        assert!(home.body.contains(&needed), "{needed}");
    }

    // The audit's page: its findings and the remark form, no participant form.
    let page = app
        .call("GET", &format!("/audits/{}", s.audit))
        .cookie(&s.observer_cookie)
        .send()
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for needed in [
        format!("id=\"finding-{door}\""),
        format!("action=\"/audits/{}/remarks\"", s.audit),
        format!("<option value=\"{door}\""),
        HOA.to_owned(),
        ASSOCIATION.to_owned(),
    ] {
        assert!(page.body.contains(&needed), "{needed}");
    }
    assert!(
        !page
            .body
            .contains(&format!("action=\"/audits/{}/participants\"", s.audit)),
        "an observer names nobody"
    );

    // A remark on a finding through the form, one on the whole audit through the API.
    let sent = app
        .call("POST", &format!("/audits/{}/remarks", s.audit))
        .cookie(&s.observer_cookie)
        .form(&[
            ("finding", door.as_str()),
            (
                "body",
                "Cửa rộng 70 cm, xe lăn của hội viên không qua được.",
            ),
        ])
        .send()
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(
        location(&sent),
        format!("/audits/{}?done=remark_added#remarks", s.audit)
    );
    let whole = post(
        app,
        &s.observer,
        &remarks_uri(&s.audit),
        json!({ "body": "Đoàn kiểm tra đã đo đủ các lối vào." }),
    )
    .await;
    assert_eq!(whole.status, StatusCode::CREATED, "{}", whole.body);
    assert_eq!(whole.json()["written_by"]["username"], OBSERVER);

    // The reviewer notes down what Bình, who has no account, said.
    let noted = post(
        app,
        &s.o.reviewer,
        &remarks_uri(&s.audit),
        json!({ "participant": binh, "body": "Đề nghị làm dốc ở cổng phụ." }),
    )
    .await;
    assert_eq!(noted.status, StatusCode::CREATED, "{}", noted.body);
    assert_eq!(noted.json()["written_by"]["username"], "hoa.duyet");

    // The audit's JSON carries them all, for the observer and for staff alike.
    for token in [&s.observer, &s.o.reviewer] {
        let audit = get(app, token, &format!("/api/v1/audits/{}", s.audit))
            .await
            .json();
        let participants = audit["participants"].as_array().expect("participants");
        assert_eq!(participants.len(), 2, "{audit}");
        assert_eq!(participants[0]["name"], HOA);
        assert_eq!(participants[0]["organisation"], ASSOCIATION);
        assert_eq!(participants[1]["account"], Value::Null);
        let remarks = audit["remarks"].as_array().expect("remarks");
        assert_eq!(remarks.len(), 3, "{audit}");
        assert_eq!(remarks[0]["finding"], door.as_str());
        assert_eq!(remarks[0]["participant"], participants[0]["id"]);
        assert_eq!(remarks[1]["finding"], Value::Null);
        assert_eq!(remarks[2]["participant"], binh.as_str());
    }

    // The staff's page shows who took part and what they said.
    let reviewer = app.sign_in("hoa.duyet", "pw-hoa.duyet-0123456789").await;
    let staff = app
        .call("GET", &format!("/audits/{}", s.audit))
        .cookie(&reviewer)
        .send()
        .await;
    for needed in [
        BINH,
        FRONT,
        "Cửa rộng 70 cm",
        "Đề nghị làm dốc ở cổng phụ.",
        "ghi bởi",
        "action=\"/audits/",
    ] {
        assert!(staff.body.contains(needed), "{needed}");
    }

    // One event each.
    assert_eq!(events_of(app, "audit.add_participant").await.len(), 2);
    let remarks = events_of(app, "audit.remark").await;
    assert_eq!(remarks.len(), 3);
    assert!(remarks.iter().all(|e| e["entity_id"] == s.audit.as_str()));
}

#[tokio::test]
async fn an_observer_does_nothing_but_read_the_audits_they_are_named_on_and_remark() {
    let s = scene().await;
    let app = &s.o.app;
    name_both(&s).await;
    let door = id_of(&s.findings, DOOR);
    // Another audit of the same site, on which nobody named them.
    let other = start_as(&s.o, &s.o.inspector).await;
    let other = other["id"].as_str().expect("id").to_owned();
    let before = written(app).await;
    let o = &s.observer;
    let refusals: Vec<(Reply, StatusCode)> = vec![
        (
            get(app, o, &format!("/api/v1/audits/{other}")).await,
            StatusCode::NOT_FOUND,
        ),
        (
            post(app, o, &remarks_uri(&other), json!({ "body": "Ý kiến." })).await,
            StatusCode::NOT_FOUND,
        ),
        (
            post(
                app,
                o,
                &participants_uri(&s.audit),
                json!({ "name": "Ai đó", "organisation": FRONT }),
            )
            .await,
            StatusCode::FORBIDDEN,
        ),
        (get(app, o, "/api/v1/audits").await, StatusCode::FORBIDDEN),
        (get(app, o, "/api/v1/findings").await, StatusCode::FORBIDDEN),
        (
            get(app, o, &format!("/api/v1/findings/{door}")).await,
            StatusCode::FORBIDDEN,
        ),
        (
            post(
                app,
                o,
                &format!("/api/v1/findings/{door}/transitions"),
                json!({ "to": "in_progress" }),
            )
            .await,
            StatusCode::FORBIDDEN,
        ),
        (
            post(
                app,
                o,
                &format!("/api/v1/sites/{}/audits", s.o.site),
                json!({ "key": uuid::Uuid::now_v7().to_string() }),
            )
            .await,
            StatusCode::FORBIDDEN,
        ),
        (
            app.call("PATCH", &format!("/api/v1/sites/{}", s.o.site))
                .bearer(o)
                .json(&json!({ "operator": "X" }))
                .send()
                .await,
            StatusCode::FORBIDDEN,
        ),
        (get(app, o, "/api/v1/events").await, StatusCode::FORBIDDEN),
        (get(app, o, "/api/v1/users").await, StatusCode::FORBIDDEN),
    ];
    for (n, (reply, want)) in refusals.iter().enumerate() {
        assert_eq!(reply.status, *want, "refusal {n}: {}", reply.body);
    }
    for page in ["/findings", "/reports", "/events", "/moderation/barriers"] {
        let reply = app
            .call("GET", page)
            .cookie(&s.observer_cookie)
            .send()
            .await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "{page}: {}",
            reply.body
        );
    }
    let other_page = app
        .call("GET", &format!("/audits/{other}"))
        .cookie(&s.observer_cookie)
        .send()
        .await;
    assert_eq!(other_page.status, StatusCode::NOT_FOUND);
    assert_eq!(written(app).await, before, "nothing written");
    // The audit they are named on stays theirs to read.
    let mine = get(app, o, &format!("/api/v1/audits/{}", s.audit)).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
}

#[tokio::test]
async fn only_the_audits_author_while_filling_and_its_departments_reviewers_name_participants() {
    let s = scene().await;
    let app = &s.o.app;
    let other_reviewer = app.token("lan.gt", Role::Reviewer, Some("transport")).await;
    let coordinator = app
        .token("phuong.dp", Role::Coordinator, Some("labour"))
        .await;
    let colleague = app
        .token("tuan.kt", Role::Inspector, Some("construction"))
        .await;
    let body = json!({ "name": "Hoàng Văn Nam", "organisation": "Sở Giao thông vận tải" });
    let before = written(app).await;
    // A reviewer of another department cannot see the audit at all; those who can see it
    // but do not record its participants are forbidden; so is its author once it is
    // approved (no longer theirs to fill).
    for (token, want) in [
        (&other_reviewer, StatusCode::NOT_FOUND),
        (&coordinator, StatusCode::FORBIDDEN),
        (&colleague, StatusCode::FORBIDDEN),
        (&s.o.inspector, StatusCode::FORBIDDEN),
    ] {
        let reply = post(app, token, &participants_uri(&s.audit), body.clone()).await;
        assert_eq!(reply.status, want, "{}", reply.body);
    }
    assert_eq!(written(app).await, before, "nothing written");
    // The author of a draft names a participant through the form on its page.
    let draft = start_as(&s.o, &s.o.inspector).await;
    let draft = draft["id"].as_str().expect("id").to_owned();
    let inspector = app.sign_in("thanh.kt", "pw-thanh.kt-0123456789").await;
    let page = app
        .call("GET", &format!("/audits/{draft}"))
        .cookie(&inspector)
        .send()
        .await;
    for needed in [
        format!("action=\"/audits/{draft}/participants\""),
        "list=\"organisations\"".to_owned(),
        format!("<option value=\"{ASSOCIATION}\""),
        "<option value=\"Sở Giao thông vận tải\"".to_owned(),
    ] {
        assert!(page.body.contains(&needed), "{needed}");
    }
    let added = app
        .call("POST", &format!("/audits/{draft}/participants"))
        .cookie(&inspector)
        .form(&[
            ("name", "Hoàng Văn Nam"),
            ("organisation", FRONT),
            ("account", ""),
        ])
        .send()
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let page = app
        .call("GET", &location(&added))
        .cookie(&inspector)
        .send()
        .await;
    assert!(page.body.contains("Đã thêm người tham gia."));
    assert!(page.body.contains("Hoàng Văn Nam"));
    // The reviewer of another department learns nothing of the draft either.
    let reply = post(app, &other_reviewer, &participants_uri(&draft), body).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_participants_and_remarks_are_named_in_the_users_language_and_nothing_is_stored() {
    let s = scene().await;
    let app = &s.o.app;
    let (hoa, _) = name_both(&s).await;
    let reviewer = app.sign_in("hoa.duyet", "pw-hoa.duyet-0123456789").await;
    let before = written(app).await;
    let long = "a".repeat(121);
    let cases = [
        (
            json!({ "name": " ", "organisation": FRONT }),
            "name",
            "Chưa nhập giá trị.",
        ),
        (
            json!({ "name": HOA, "organisation": "" }),
            "organisation",
            "Chưa nhập giá trị.",
        ),
        (
            json!({ "name": long, "organisation": FRONT }),
            "name",
            "Dài quá 120 ký tự.",
        ),
        (
            json!({ "name": HOA, "organisation": "a".repeat(201) }),
            "organisation",
            "Dài quá 200 ký tự.",
        ),
        (
            json!({ "name": "Hoa\u{1b}[2J", "organisation": FRONT }),
            "name",
            "điều khiển",
        ),
        (
            json!({ "name": "Lê Văn Kiểm", "organisation": FRONT, "account": "thanh.kt" }),
            "account",
            "không phải tài khoản người giám sát",
        ),
        (
            json!({ "name": "Lê Văn Kiểm", "organisation": FRONT, "account": "nobody.here" }),
            "account",
            "không phải tài khoản người giám sát",
        ),
        (
            json!({ "name": HOA, "organisation": ASSOCIATION, "account": OBSERVER }),
            "account",
            "đã được dùng",
        ),
    ];
    for (body, field, words) in cases {
        let reply = post(
            app,
            &s.o.reviewer,
            &participants_uri(&s.audit),
            body.clone(),
        )
        .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            reply.body
        );
        let message = reply.field_error(field);
        assert!(message.contains(words), "{body}: {message}");
    }
    let english = post(
        app,
        &s.o.reviewer,
        &format!("{}?lang=en", participants_uri(&s.audit)),
        json!({ "name": "Lê Văn Kiểm", "organisation": FRONT, "account": "thanh.kt" }),
    )
    .await;
    assert_eq!(
        english.field_error("account"),
        "This account is not an observer's; only an account with the observer role can be linked."
    );
    let remarks = [
        (
            &s.observer,
            json!({ "body": "" }),
            "body",
            "Chưa nhập giá trị.",
        ),
        (
            &s.observer,
            json!({ "body": "x".repeat(2001) }),
            "body",
            "Dài quá 2000 ký tự.",
        ),
        (
            &s.observer,
            json!({ "body": "Dốc\u{0}ổn" }),
            "body",
            "điều khiển",
        ),
        (
            &s.observer,
            json!({ "body": "Ý kiến.", "finding": uuid::Uuid::now_v7().to_string() }),
            "finding",
            "Không thuộc đợt kiểm tra này.",
        ),
        (
            &s.o.reviewer,
            json!({ "body": "Ý kiến.", "participant": hoa }),
            "participant",
            "tự ghi ý kiến",
        ),
        (
            &s.o.reviewer,
            json!({ "body": "Ý kiến." }),
            "participant",
            "Chưa nhập giá trị.",
        ),
    ];
    for (token, body, field, words) in remarks {
        let reply = post(app, token, &remarks_uri(&s.audit), body.clone()).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            reply.body
        );
        let message = reply.field_error(field);
        assert!(message.contains(words), "{body}: {message}");
    }
    // The same through the page's forms: the page again, each problem beside its field.
    let form = app
        .call("POST", &format!("/audits/{}/participants", s.audit))
        .cookie(&reviewer)
        .form(&[("name", ""), ("organisation", FRONT)])
        .send()
        .await;
    assert_eq!(form.status, StatusCode::UNPROCESSABLE_ENTITY);
    for needed in [
        "class=\"error-summary\"",
        "href=\"#participant-name\"",
        "id=\"participant-name-error\"",
        &format!("value=\"{FRONT}\""),
    ] {
        assert!(form.body.contains(needed), "{needed}");
    }
    let form = app
        .call("POST", &format!("/audits/{}/remarks", s.audit))
        .cookie(&s.observer_cookie)
        .form(&[("body", "  ")])
        .send()
        .await;
    assert_eq!(form.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(form.body.contains("id=\"remark-body-error\""));
    assert_eq!(written(app).await, before, "nothing stored, nothing logged");
}

#[tokio::test]
async fn a_participant_is_removed_with_an_event_unless_their_remarks_are_on_the_record() {
    let s = scene().await;
    let app = &s.o.app;
    let (hoa, binh) = name_both(&s).await;
    let remark = post(
        app,
        &s.o.reviewer,
        &remarks_uri(&s.audit),
        json!({ "participant": binh, "body": "Đề nghị làm dốc." }),
    )
    .await;
    assert_eq!(remark.status, StatusCode::CREATED, "{}", remark.body);
    let before = written(app).await;
    let kept = app
        .call("DELETE", &format!("{}/{binh}", participants_uri(&s.audit)))
        .bearer(&s.o.reviewer)
        .send()
        .await;
    assert_eq!(kept.status, StatusCode::CONFLICT, "{}", kept.body);
    assert!(kept.field_error("participant").contains("không thể bỏ tên"));
    let by_observer = app
        .call("DELETE", &format!("{}/{hoa}", participants_uri(&s.audit)))
        .bearer(&s.observer)
        .send()
        .await;
    assert_eq!(by_observer.status, StatusCode::FORBIDDEN);
    assert_eq!(written(app).await, before);
    // Removed through the page's button: the observer's access ends with it.
    let reviewer = app.sign_in("hoa.duyet", "pw-hoa.duyet-0123456789").await;
    let removed = app
        .call(
            "POST",
            &format!("/audits/{}/participants/{hoa}/remove", s.audit),
        )
        .cookie(&reviewer)
        .send()
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    let events = events_of(app, "audit.remove_participant").await;
    assert_eq!(events.len(), 1);
    let before: Value =
        serde_json::from_str(events[0]["before"].as_str().expect("before")).expect("JSON");
    assert_eq!(before["name"], HOA);
    let gone = get(app, &s.observer, &format!("/api/v1/audits/{}", s.audit)).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let home = app
        .call("GET", "/observing")
        .cookie(&s.observer_cookie)
        .send()
        .await;
    assert!(
        home.body
            .contains("Bạn chưa được ghi tên trong đợt kiểm tra nào.")
    );
}

#[tokio::test]
async fn the_public_learns_the_organisations_that_took_part_and_no_participants_name() {
    let s = scene().await;
    let app = &s.o.app;
    name_both(&s).await;
    // A second person of the association: the organisation is named once.
    let again = post(
        app,
        &s.o.reviewer,
        &participants_uri(&s.audit),
        json!({ "name": "Vi Thị Xuyến", "organisation": ASSOCIATION }),
    )
    .await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
    let remark = post(
        app,
        &s.observer,
        &remarks_uri(&s.audit),
        json!({ "body": "Ý kiến riêng của hội viên Xuyến." }),
    )
    .await;
    assert_eq!(remark.status, StatusCode::CREATED);
    let site = &s.o.site;
    let page = app.get(&format!("/sites/{site}")).await;
    assert!(
        page.body.contains(&format!(
            "Đợt kiểm tra có sự tham gia của: {ASSOCIATION}; {FRONT}."
        )),
        "{}",
        page.body
    );
    let json = app
        .get(&format!("/api/v1/public/sites/{site}"))
        .await
        .json();
    assert_eq!(
        json["participating_organisations"],
        json!([ASSOCIATION, FRONT])
    );
    let private: [&str; 6] = [
        HOA,
        BINH,
        "Vi Thị Xuyến",
        OBSERVER,
        "Xuyến",
        "riêng của hội viên",
    ];
    for uri in [
        format!("/sites/{site}"),
        format!("/sites/{site}?lang=en"),
        format!("/sites/{site}/statement"),
        format!("/api/v1/public/sites/{site}"),
        format!("/api/v1/sites/{site}"),
        "/api/v1/public/sites.geojson?limit=5000".to_owned(),
        "/api/v1/public/export.geojson".to_owned(),
        "/api/v1/public/export.csv".to_owned(),
        format!("/ogc/collections/sites/items/{site}"),
        "/ogc/collections/sites/items?limit=1000".to_owned(),
        "/api/v1/exports/osm-tags.csv".to_owned(),
        "/".to_owned(),
    ] {
        let reply = app.get(&uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        for name in private {
            let bytes = name.as_bytes();
            assert!(
                !reply.bytes.windows(bytes.len()).any(|w| w == bytes),
                "{uri} holds {name}"
            );
        }
    }
}
