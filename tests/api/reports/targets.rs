//! The province's targets: the coordinator enters them from the page and the API, each
//! bad field named; the report of the whole province holds each target of its years
//! against the figure on its last day, counted by hand on the two offices of
//! [`super::costs::costed`], and says whether it is on track.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::costs::costed;
use super::report;

fn target(measure: &str, kind: Value, area: Value, share: Value, year: i32) -> Value {
    json!({
        "year": year, "measure": measure, "site_kind": kind, "area": area, "share": share,
        "programme": "Kế hoạch 2020 của UBND tỉnh, mục II"
    })
}

#[tokio::test]
async fn each_target_of_the_year_is_held_against_the_hand_counted_figure() {
    let c = costed().await;
    let app = &c.o.app;
    let post = |token: &str, body: Value| {
        app.call("POST", "/api/v1/targets")
            .bearer(token)
            .json(&body)
            .send()
    };
    for body in [
        target("audited", Value::Null, Value::Null, json!(80), 2025),
        target(
            "accessible",
            json!("public_building"),
            json!(c.area),
            json!("50 %"),
            2025,
        ),
        target("fixed", Value::Null, Value::Null, json!("40"), 2025),
        target(
            "audited",
            json!("transport_stop"),
            Value::Null,
            json!(100),
            2025,
        ),
        // Another year's target is not in this report.
        target("audited", Value::Null, Value::Null, json!(100), 2026),
    ] {
        let reply = post(&c.coordinator, body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    }
    let listed = app
        .call("GET", "/api/v1/targets")
        .bearer(&c.coordinator)
        .send()
        .await;
    assert_eq!(
        listed.json().as_array().map(Vec::len),
        Some(5),
        "{}",
        listed.body
    );

    let half = report(app, &c.coordinator, "from=2025-01-01&to=2025-06-30").await;
    assert_eq!(half.status, StatusCode::OK, "{}", half.body);
    let body = half.json();
    let seen: Vec<(String, u64, u64, String)> = body["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .map(|t| {
            (
                t["measure"].as_str().expect("measure").to_owned(),
                t["counted"].as_u64().expect("counted"),
                t["of"].as_u64().expect("of"),
                t["standing"].as_str().expect("standing").to_owned(),
            )
        })
        .collect();
    // Both offices audited: 2 of 2, reached. Neither accessible (the ramps stand, one given
    // up): 0 of 2 where a steady pace reaches 50 % × 180/364 by 30 June, behind. The two
    // doors fixed of six findings: a third, ahead of 40 % × 180/364. No transport stop.
    let mut sorted = seen.clone();
    sorted.sort();
    let row = |m: &str, n, of, s: &str| (m.to_owned(), n, of, s.to_owned());
    let mut want = vec![
        row("accessible", 0, 2, "behind"),
        row("audited", 0, 0, "no_data"),
        row("audited", 2, 2, "reached"),
        row("fixed", 2, 6, "on_track"),
    ];
    want.sort();
    assert_eq!(sorted, want, "{}", body["targets"]);
    let accessible = body["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .find(|t| t["measure"] == "accessible")
        .expect("the accessible target");
    let pace = 0.5 * 180.0 / 364.0;
    assert!((accessible["expected"].as_f64().expect("expected") - pace).abs() < 1e-9);
    assert_eq!(accessible["area"], json!(c.area));
    assert_eq!(accessible["actual"], 0.0);

    // The table is in the HTML and the CSV too; a department's report holds no target.
    let html = report(
        app,
        &c.coordinator,
        "from=2025-01-01&to=2025-06-30&format=html",
    )
    .await;
    assert!(
        html.body.contains("Kết quả so với chỉ tiêu"),
        "the targets' table"
    );
    assert!(html.body.contains("Chậm tiến độ"));
    let csv = report(
        app,
        &c.coordinator,
        "from=2025-01-01&to=2025-06-30&format=csv",
    )
    .await;
    assert!(String::from_utf8_lossy(&csv.bytes).contains("Đúng tiến độ"));
    let own = report(
        app,
        &c.coordinator,
        "from=2025-01-01&to=2025-06-30&department=construction",
    )
    .await;
    assert_eq!(own.json()["targets"], json!([]));
}

#[tokio::test]
async fn a_bad_target_is_refused_by_name_and_only_a_coordinator_enters_one() {
    let c = costed().await;
    let app = &c.o.app;
    let post = |token: &str, body: Value| {
        app.call("POST", "/api/v1/targets?lang=en")
            .bearer(token)
            .json(&body)
            .send()
    };
    let mut over = target("audited", Value::Null, Value::Null, json!(120), 2025);
    over["by_date"] = json!("2026-03-31");
    over["area"] = json!("no-such-area");
    over["programme"] = json!("");
    let refused = post(&c.coordinator, over).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let fields = refused.json()["error"]["fields"].clone();
    assert_eq!(fields["share"], "Must be between 0 and 100.", "{fields}");
    assert_eq!(fields["by_date"], "The day must be in 2025.", "{fields}");
    assert!(
        fields["area"]
            .as_str()
            .is_some_and(|m| m.contains("no-such-area")),
        "{fields}"
    );
    assert!(fields["programme"].is_string(), "{fields}");
    let (_, reviewer, _) = &c.transport;
    let good = target("audited", Value::Null, Value::Null, json!(80), 2025);
    assert_eq!(
        post(reviewer, good.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    let listed = app
        .call("GET", "/api/v1/targets")
        .bearer(&c.coordinator)
        .send()
        .await;
    assert_eq!(listed.json(), json!([]), "nothing written");

    // The page: the form refused with what was typed, then saved, then removed.
    let cookie = app.sign_in("mai.dp", "pw-mai.dp-0123456789").await;
    let form = |share: &str| {
        app.call("POST", "/targets").cookie(&cookie).form(&[
            ("year", "2025"),
            ("measure", "fixed"),
            ("site_kind", ""),
            ("area", ""),
            ("share", share),
            ("by_date", ""),
            ("programme", "Kế hoạch 2020, mục II.3"),
        ])
    };
    let page = form("101").send().await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("Phải nằm trong khoảng 0 đến 100."),
        "{}",
        page.body
    );
    assert!(page.body.contains(r#"value="101""#));
    let saved = form("75,5").send().await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let listed = app
        .call("GET", "/api/v1/targets")
        .bearer(&c.coordinator)
        .send()
        .await
        .json();
    assert_eq!(listed[0]["share_percent"], 75.5, "{listed}");
    let id = listed[0]["id"].as_str().expect("id").to_owned();
    let shown = app.call("GET", "/targets").cookie(&cookie).send().await;
    assert!(shown.body.contains("Kế hoạch 2020, mục II.3"));
    let removed = app
        .call("POST", &format!("/targets/{id}/delete"))
        .cookie(&cookie)
        .form(&[("confirm", "1")])
        .send()
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    let listed = app
        .call("GET", "/api/v1/targets")
        .bearer(&c.coordinator)
        .send()
        .await;
    assert_eq!(listed.json(), json!([]));
}
