//! Reporting rounds: a half-year round over the known data set of the report tests, three
//! departments (one returned with a comment and sent again, one late), the compiled report
//! as JSON, HTML and DOCX; bad input named on its field; an accepted part refused (409);
//! who may do what.

use axum::http::StatusCode;
use serde_json::{Value, json};
use tiepcan::domain::user::Role;

use crate::common::{Reply, TestApp};
use crate::reports::{known, report};

mod refusals;

/// The province's morning (10:00 in UTC+7) of `day`.
fn morning(day: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(&format!("{day}T03:00:00Z"))
        .expect("a time")
        .with_timezone(&chrono::Utc)
}

const HALF: (&str, &str) = ("2025-07-01", "2025-12-31");

async fn open(app: &TestApp, token: &str, body: &Value) -> Reply {
    app.call("POST", "/api/v1/rounds")
        .bearer(token)
        .json(body)
        .send()
        .await
}

fn half_year(departments: &[&str]) -> Value {
    json!({
        "title": "Báo cáo 6 tháng cuối năm 2025",
        "kind": "periodic",
        "period_from": HALF.0,
        "period_to": HALF.1,
        "due_on": "2026-01-20",
        "departments": departments,
    })
}

async fn part(app: &TestApp, token: &str, round: &str, code: &str) -> Reply {
    app.call("GET", &format!("/api/v1/rounds/{round}/parts/{code}"))
        .bearer(token)
        .send()
        .await
}

async fn save(app: &TestApp, token: &str, round: &str, code: &str, body: &Value) -> Reply {
    app.call("PUT", &format!("/api/v1/rounds/{round}/parts/{code}"))
        .bearer(token)
        .json(body)
        .send()
        .await
}

async fn submit(
    app: &TestApp,
    token: &str,
    round: &str,
    code: &str,
    body: Option<&Value>,
) -> Reply {
    let call = app
        .call(
            "POST",
            &format!("/api/v1/rounds/{round}/parts/{code}/submit"),
        )
        .bearer(token);
    match body {
        Some(body) => call.json(body),
        None => call,
    }
    .send()
    .await
}

async fn review(app: &TestApp, token: &str, round: &str, code: &str, body: &Value) -> Reply {
    app.call(
        "POST",
        &format!("/api/v1/rounds/{round}/parts/{code}/review"),
    )
    .bearer(token)
    .json(body)
    .send()
    .await
}

fn sections(results: &str) -> Value {
    json!({
        "results": results,
        "difficulties": "Thiếu kinh phí cải tạo lối vào.\nMột số công trình là di tích.",
        "proposals": "Bố trí kinh phí năm 2026 cho đường dốc.",
    })
}

/// Each department's line of the round, by code: (state, late).
fn states(round: &Value) -> Vec<(String, String, bool)> {
    round["parts"]
        .as_array()
        .expect("parts")
        .iter()
        .map(|p| {
            (
                p["department"].as_str().unwrap_or_default().to_owned(),
                p["state"].as_str().unwrap_or_default().to_owned(),
                p["late"].as_bool().expect("late"),
            )
        })
        .collect()
}

fn line(d: &str, state: &str, late: bool) -> (String, String, bool) {
    (d.to_owned(), state.to_owned(), late)
}

async fn events(app: &TestApp, token: &str, action: &str) -> usize {
    let reply = app
        .call("GET", &format!("/api/v1/events?action={action}&limit=100"))
        .bearer(token)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["items"].as_array().expect("items").len()
}

#[tokio::test]
async fn a_half_year_round_runs_from_opening_to_the_compiled_report() {
    let k = known().await;
    let app = &k.o.app;
    let clock = app.services().clock.clone();
    let coordinator = &k.coordinator;
    let construction = &k.o.reviewer;
    let culture = app
        .token("lan.duyet", Role::Reviewer, Some("culture"))
        .await;
    let transport = app
        .token("tuan.duyet", Role::Reviewer, Some("transport"))
        .await;

    // 15 January 2026: the round is opened, due on the 20th.
    let opened = open(
        app,
        coordinator,
        &half_year(&["construction", "culture", "transport"]),
    )
    .await;
    assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.body);
    let round = opened.json();
    let id = round["id"].as_str().expect("id").to_owned();
    assert_eq!(
        states(&round),
        vec![
            line("construction", "pending", false),
            line("culture", "pending", false),
            line("transport", "pending", false),
        ]
    );
    // Due within a week: on construction's list of what to do.
    let listed = app
        .call("GET", "/api/v1/rounds")
        .bearer(construction)
        .send()
        .await;
    assert_eq!(listed.json()["to_do"][0]["round"], id.as_str());
    assert_eq!(listed.json()["to_do"][0]["state"], "pending");

    // Construction writes a draft beside its figures, sends it, and has it returned.
    let draft = save(
        app,
        construction,
        &id,
        "construction",
        &sections("Đã kiểm tra chợ Mẫu."),
    )
    .await;
    assert_eq!(draft.status, StatusCode::OK, "{}", draft.body);
    assert_eq!(draft.json()["state"], "draft");
    // Construction's figures of the half-year, by hand: the office and the market
    // registered and audited by 31 December, the market audited in the half, the door
    // verified and the ramp given up in September, nothing fixed in the half.
    let figures: Vec<(String, Value)> = draft.json()["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .map(|f| {
            (
                f["key"].as_str().unwrap_or_default().to_owned(),
                f["value"].clone(),
            )
        })
        .collect();
    let figure = |key: &str| {
        figures
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no figure {key}"))
    };
    assert_eq!(
        [
            "registered",
            "registered_in_period",
            "audited",
            "audited_in_period",
            "fixed",
            "verified",
            "wont_fix"
        ]
        .map(figure),
        [2, 0, 2, 1, 0, 1, 1].map(|n| json!(n as f64))
    );
    let sent = submit(app, construction, &id, "construction", None).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(sent.json()["state"], "submitted");
    let comment = "Bổ sung kết quả khắc phục quý IV.";
    let returned = review(
        app,
        coordinator,
        &id,
        "construction",
        &json!({ "decision": "return", "comment": comment }),
    )
    .await;
    assert_eq!(returned.status, StatusCode::OK, "{}", returned.body);
    let seen = part(app, construction, &id, "construction").await.json();
    assert_eq!(
        (seen["state"].as_str(), seen["comment"].as_str()),
        (Some("returned"), Some(comment))
    );
    let listed = app
        .call("GET", "/api/v1/rounds")
        .bearer(construction)
        .send()
        .await;
    assert_eq!(listed.json()["to_do"][0]["state"], "returned");

    // Sent again on the 17th with the results it asked for, and accepted.
    clock.set(morning("2026-01-17"));
    let results = "Đã kiểm tra chợ Mẫu.\nBiển chỉ dẫn sẽ được thay trong quý I năm 2026.";
    let again = submit(
        app,
        construction,
        &id,
        "construction",
        Some(&sections(results)),
    )
    .await;
    assert_eq!(again.json()["state"], "submitted", "{}", again.body);
    let accepted = review(
        app,
        coordinator,
        &id,
        "construction",
        &json!({ "decision": "accept" }),
    )
    .await;
    assert_eq!(accepted.json()["state"], "accepted", "{}", accepted.body);
    let listed = app
        .call("GET", "/api/v1/rounds")
        .bearer(construction)
        .send()
        .await;
    assert_eq!(listed.json()["to_do"], json!([]));

    // Culture sends on the 20th, the due date: on time.
    clock.set(morning("2026-01-20"));
    let culture_text = "Đã lập danh sách di tích cần kiểm tra.";
    let sent = submit(app, &culture, &id, "culture", Some(&sections(culture_text))).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    review(
        app,
        coordinator,
        &id,
        "culture",
        &json!({ "decision": "accept" }),
    )
    .await;

    // The 22nd: transport has sent nothing and is late; the round's page says who.
    clock.set(morning("2026-01-22"));
    let now = app
        .call("GET", &format!("/api/v1/rounds/{id}"))
        .bearer(coordinator)
        .send()
        .await;
    assert_eq!(
        states(&now.json()),
        vec![
            line("construction", "accepted", false),
            line("culture", "accepted", false),
            line("transport", "pending", true),
        ]
    );
    let password = app.add_user("thu.dp", Role::Coordinator, None).await;
    let cookie = app.sign_in("thu.dp", &password).await;
    let page = app
        .call("GET", &format!("/rounds/{id}"))
        .cookie(&cookie)
        .send()
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let not_sent = section(&page.body, "id=\"not-sent\"");
    assert!(
        not_sent.contains("Sở Giao thông") && !not_sent.contains("Sở Xây dựng"),
        "{not_sent}"
    );
    let late = section(&page.body, "id=\"late\"");
    assert!(
        late.contains("Sở Giao thông") && !late.contains("Sở Văn hóa"),
        "{late}"
    );

    let transport_text = "Chưa có bến xe nào được kiểm tra trong kỳ.";
    let sent = submit(
        app,
        &transport,
        &id,
        "transport",
        Some(&sections(transport_text)),
    )
    .await;
    assert_eq!(sent.json()["late"], true, "{}", sent.body);
    review(
        app,
        coordinator,
        &id,
        "transport",
        &json!({ "decision": "accept" }),
    )
    .await;

    // The compiled report: the half-year's report and every accepted part with the
    // figures of its department's report for the same half.
    let compiled = app
        .call("GET", &format!("/api/v1/rounds/{id}/report?format=json"))
        .bearer(coordinator)
        .send()
        .await;
    assert_eq!(compiled.status, StatusCode::OK, "{}", compiled.body);
    let c = compiled.json();
    let whole = report(app, coordinator, "from=2025-07-01&to=2025-12-31")
        .await
        .json();
    assert_eq!(c["report"]["total"], whole["total"]);
    assert_eq!(c["report"]["by_department"], whole["by_department"]);
    let parts = c["parts"].as_array().expect("parts");
    let seen: Vec<(&str, &str, bool)> = parts
        .iter()
        .map(|p| {
            (
                p["department"].as_str().unwrap_or_default(),
                p["sections"]["results"].as_str().unwrap_or_default(),
                p["late"].as_bool().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            ("construction", results, false),
            ("culture", culture_text, false),
            ("transport", transport_text, true),
        ]
    );
    for p in parts {
        let code = p["department"].as_str().expect("code");
        let own = report(
            app,
            coordinator,
            &format!("from=2025-07-01&to=2025-12-31&department={code}"),
        )
        .await
        .json();
        for f in p["figures"].as_array().expect("figures") {
            let key = f["key"].as_str().expect("key");
            let want = own["total"][key].as_f64();
            assert_eq!(f["value"].as_f64(), want, "{code} {key}");
        }
        assert_eq!(
            p["sections"]["proposals"],
            "Bố trí kinh phí năm 2026 cho đường dốc."
        );
    }
    assert_eq!(c["missing"], json!([]));

    // The printable document and the Word file carry every part.
    let html = app
        .call("GET", &format!("/api/v1/rounds/{id}/report?format=html"))
        .bearer(coordinator)
        .send()
        .await;
    assert_eq!(html.status, StatusCode::OK);
    for words in [
        results.lines().next().expect("a line"),
        culture_text,
        transport_text,
        "Số: ",
        "NGƯỜI LẬP BÁO CÁO",
    ] {
        assert!(html.body.contains(words), "the document lacks {words}");
    }
    // In English when asked: the same document in the other language.
    let english = app
        .call(
            "GET",
            &format!("/api/v1/rounds/{id}/report?format=html&lang=en"),
        )
        .bearer(coordinator)
        .send()
        .await;
    for words in [
        "PREPARED BY",
        "Department of Construction",
        "Difficulties and obstacles",
        culture_text,
    ] {
        assert!(
            english.body.contains(words),
            "the English document lacks {words}"
        );
    }
    let docx = app
        .call("GET", &format!("/api/v1/rounds/{id}/report?format=docx"))
        .bearer(coordinator)
        .send()
        .await;
    assert_eq!(docx.status, StatusCode::OK, "{}", docx.body);
    assert_eq!(
        docx.header(axum::http::header::CONTENT_DISPOSITION)
            .as_deref(),
        Some("attachment; filename=\"bao-cao-periodic-2025-07-01-2025-12-31.docx\"")
    );
    assert_eq!(&docx.bytes[..2], b"PK", "a DOCX is a ZIP file");

    // Every step was one event: three sends and a resend, a draft, a return, three accepts.
    assert_eq!(events(app, coordinator, "round.open").await, 1);
    assert_eq!(events(app, coordinator, "round_part.save").await, 1);
    assert_eq!(events(app, coordinator, "round_part.submit").await, 4);
    assert_eq!(events(app, coordinator, "round_part.return").await, 1);
    assert_eq!(events(app, coordinator, "round_part.accept").await, 3);
}

/// The markup from `marker` to the end of its section.
fn section<'a>(page: &'a str, marker: &str) -> &'a str {
    let start = page.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let rest = &page[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}
