//! Barrier reports from the public: sent from a site page without an account, followed at
//! their own address; every bad input and abuse named, nothing stored of it; the sender's
//! contact in no public answer.

use axum::http::{StatusCode, header};
use serde_json::{Value, json};

use crate::common::{Demo, TestApp, spawn};
use tiepcan::domain::user::Role;

const NOW: &str = "2026-12-04T02:00:00Z";

/// An app on a fixed clock, and a registered place of the demo.
async fn place() -> (TestApp, String) {
    let app = spawn(Demo::Yes).await.at_time(NOW);
    let sites = app.get("/api/v1/sites?limit=1").await.json();
    let site = sites["items"][0]["id"].as_str().expect("a site").to_owned();
    (app, site)
}

/// Moves the app's clock `seconds` on from [`NOW`].
fn later(app: &TestApp, seconds: i64) {
    let now = chrono::DateTime::parse_from_rfc3339(NOW)
        .expect("a time")
        .to_utc();
    app.services()
        .clock
        .set(now + chrono::Duration::seconds(seconds));
}

/// The hidden key of the report form on `body`.
pub(crate) fn form_key(body: &str) -> String {
    let at = body.find("name=\"key\" value=\"").expect("a form key") + 18;
    body[at..at + 36].to_owned()
}

pub(crate) fn location(reply: &crate::common::Reply) -> String {
    reply.header(header::LOCATION).unwrap_or_default()
}

pub(crate) async fn report_count(app: &TestApp) -> i64 {
    let sql = "SELECT count(*) FROM barrier_reports";
    match app.db() {
        tiepcan::store::Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
        tiepcan::store::Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
    }
    .expect("count")
}

/// The events of `action`, as an administrator reads the log.
async fn events_of(app: &TestApp, action: &str) -> Vec<Value> {
    let name = format!("root.{}", &uuid::Uuid::now_v7().simple().to_string()[20..]);
    let admin = app.token(&name, Role::Admin, None).await;
    let reply = app
        .call("GET", &format!("/api/v1/events?action={action}"))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["items"].as_array().expect("items").clone()
}

fn report(site: &str, description: &str) -> Value {
    json!({ "features": ["entrance"], "description": description, "site": site })
}

#[tokio::test]
async fn anyone_sends_a_report_from_a_site_page_and_follows_it_at_its_own_address() {
    let (app, site) = place().await;
    let page = app.get(&format!("/sites/{site}")).await;
    assert!(
        page.body
            .contains(&format!("href=\"/sites/{site}/barrier\""))
    );
    assert!(
        !page.body.contains("report-counts"),
        "no reports yet, no count"
    );
    let form = app.get(&format!("/sites/{site}/barrier")).await;
    assert_eq!(form.status, StatusCode::OK);
    for needed in [
        "action=\"/barriers\"",
        "name=\"features\" value=\"toilet\"",
        "<textarea id=\"description\"",
        "name=\"leave_empty\"",
        "aria-hidden=\"true\"",
    ] {
        assert!(form.body.contains(needed), "{needed}");
    }
    let key = form_key(&form.body);
    later(&app, 90);
    let sent = app
        .call("POST", "/barriers")
        .form(&[
            ("key", &key),
            ("site", &site),
            ("features", "entrance"),
            ("features", "toilet"),
            ("description", "Lối vào chính có ba bậc cao, không có dốc."),
            ("contact", "0912 345 678"),
            ("leave_empty", ""),
        ])
        .send()
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let to = location(&sent);
    assert!(
        to.starts_with("/barriers/") && to.ends_with("?sent=1"),
        "{to}"
    );
    let token = &to["/barriers/".len()..to.len() - "?sent=1".len()];
    assert_eq!(token.len(), 32, "128 random bits");
    let public = app.get(&to).await;
    assert_eq!(public.status, StatusCode::OK);
    for needed in [
        "Đã nhận phản ánh của bạn",
        "Đã nhận",
        "Nhà vệ sinh: không có, bị khoá hoặc dùng làm kho",
        "đang chờ kiểm duyệt",
    ] {
        assert!(public.body.contains(needed), "{needed}");
    }
    assert!(
        !public.body.contains("ba bậc cao"),
        "the words wait for a moderator"
    );
    let json = app.get(&format!("/api/v1/barrier-reports/{token}")).await;
    assert_eq!(json.status, StatusCode::OK);
    assert_eq!(json.json()["state"], "received");
    assert_eq!(json.json()["description"], Value::Null);
    // The event log says a report came from the public, and nothing of how to reach them.
    let events = events_of(&app, "barrier_report.send").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["actor"], "public");
    let event = events[0].to_string();
    assert!(
        !event.contains("0912345678") && !event.contains("0912 345 678"),
        "{event}"
    );
    // Its address is unguessable: any other is not found.
    let guessed = app.get(&format!("/barriers/{}", "0".repeat(32))).await;
    assert_eq!(guessed.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_senders_contact_is_in_no_public_page_or_json() {
    let (app, site) = place().await;
    let contact = "mai.nguyen.private@example.vn";
    let sent = app
        .call("POST", "/api/v1/barrier-reports")
        .json(&json!({ "features": ["ramp"], "description": "Dốc quá dốc, không có tay vịn.", "site": site, "contact": contact }))
        .send()
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    let url = sent.json()["url"].as_str().expect("url").to_owned();
    let path = &url[url.find("/barriers/").expect("path")..];
    let token = &path["/barriers/".len()..];
    for uri in [
        path.to_owned(),
        format!("/api/v1/barrier-reports/{token}"),
        format!("/sites/{site}"),
        format!("/api/v1/public/sites/{site}"),
        "/api/v1/public/sites.geojson".to_owned(),
        format!("/ogc/collections/sites/items/{site}"),
        "/api/v1/exports/osm-tags.csv".to_owned(),
    ] {
        let reply = app.get(&uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert!(
            !reply.body.contains("mai.nguyen.private"),
            "{uri} shows the contact"
        );
    }
    assert!(!sent.body.contains("mai.nguyen.private"));
}

#[tokio::test]
async fn bad_input_is_named_in_the_senders_language_and_nothing_is_stored() {
    let (app, site) = place().await;
    let cases = [
        (report(&site, ""), "description"),
        (report(&site, &"x".repeat(10_000)), "description"),
        (
            report(&site, "Bậc cao\u{1b}[2J ở lối vào chính"),
            "description",
        ),
        (
            json!({ "features": ["entrance"], "description": "Vỉa hè cao, không có dốc.", "lat": 21.03, "lon": 105.85 }),
            "position",
        ),
        (
            report(
                "0192a000-0000-7000-8000-000000000000",
                "Lối vào có bậc cao.",
            ),
            "site",
        ),
        (
            json!({ "features": ["stairs"], "description": "Lối vào có bậc cao.", "site": site }),
            "features",
        ),
        (
            json!({ "features": ["entrance"], "description": "Lối vào có bậc cao.", "site": site, "contact": "call me" }),
            "contact",
        ),
    ];
    for (body, field) in cases {
        let reply = app
            .call("POST", "/api/v1/barrier-reports?lang=en")
            .json(&body)
            .send()
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            reply.body
        );
        let said = reply.field_error(field);
        let vietnamese = app
            .call("POST", "/api/v1/barrier-reports")
            .json(&body)
            .send()
            .await
            .field_error(field);
        assert_ne!(said, vietnamese, "in the sender's language");
    }
    assert_eq!(report_count(&app).await, 0);
    // The form gives back everything typed with what is wrong, in Vietnamese.
    let form = app.get(&format!("/sites/{site}/barrier")).await;
    later(&app, 60);
    let refused = app
        .call("POST", "/barriers")
        .form(&[
            ("key", &form_key(&form.body)),
            ("site", &site),
            ("features", "lift"),
            ("description", "ngắn"),
            ("contact", "0912 345 678"),
        ])
        .send()
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Cần ít nhất 10 ký tự"));
    assert!(refused.body.contains(">ngắn</textarea>"));
    assert!(refused.body.contains("value=\"0912 345 678\""));
    assert!(refused.body.contains("value=\"lift\" checked"));
    assert_eq!(report_count(&app).await, 0);
    assert_eq!(
        app.get("/sites/0192a000-0000-7000-8000-000000000000/barrier")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_same_report_sent_twice_is_one_report() {
    let (app, site) = place().await;
    let form = app.get(&format!("/sites/{site}/barrier")).await;
    let key = form_key(&form.body);
    later(&app, 60);
    let fields = [
        ("key", key.as_str()),
        ("site", site.as_str()),
        ("features", "parking"),
        ("description", "Chỗ đỗ xe dành riêng bị ô tô khác chiếm."),
    ];
    let first = app.call("POST", "/barriers").form(&fields).send().await;
    let again = app.call("POST", "/barriers").form(&fields).send().await;
    assert_eq!(location(&first), location(&again));
    let body = report(&site, "Cửa phụ bị khoá suốt giờ làm việc.");
    let sent = app
        .call("POST", "/api/v1/barrier-reports")
        .header("Idempotency-Key", "report-once-1")
        .json(&body)
        .send()
        .await;
    let resent = app
        .call("POST", "/api/v1/barrier-reports")
        .header("Idempotency-Key", "report-once-1")
        .json(&body)
        .send()
        .await;
    assert_eq!(sent.status, StatusCode::CREATED);
    assert_eq!(resent.status, StatusCode::OK);
    assert_eq!(sent.json()["url"], resent.json()["url"]);
    assert_eq!(report_count(&app).await, 2);
}

#[tokio::test]
async fn a_hundred_reports_from_one_address_in_a_minute_are_held_back_after_five_and_none_accepted_is_lost()
 {
    let (app, site) = place().await;
    let mut accepted = Vec::new();
    let mut held = 0;
    for n in 0..100 {
        later(&app, n / 2);
        let reply = app
            .call("POST", "/api/v1/barrier-reports?lang=en")
            .json(&report(
                &site,
                &format!("Report number {n}: the ramp is blocked."),
            ))
            .send()
            .await;
        match reply.status {
            StatusCode::CREATED => accepted.push(reply.json()["url"].clone()),
            StatusCode::TOO_MANY_REQUESTS => {
                held += 1;
                let message = reply.json()["error"]["message"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                assert!(message.contains("Try again in about"), "{message}");
                assert!(reply.header(header::RETRY_AFTER).is_some());
            }
            other => panic!("{other}: {}", reply.body),
        }
    }
    assert_eq!(accepted.len(), 5);
    assert_eq!(held, 95);
    assert_eq!(report_count(&app).await, 5);
    for url in accepted {
        let url = url.as_str().expect("url");
        let token = &url[url.rfind('/').expect("slash") + 1..];
        let page = app.get(&format!("/api/v1/barrier-reports/{token}")).await;
        assert_eq!(page.status, StatusCode::OK, "an accepted report is kept");
    }
    // Ten minutes on, the address may send again.
    later(&app, 11 * 60);
    let after = app
        .call("POST", "/api/v1/barrier-reports")
        .json(&report(&site, "Mười phút sau: lối vào vẫn bị chắn."))
        .send()
        .await;
    assert_eq!(after.status, StatusCode::CREATED, "{}", after.body);
}

#[tokio::test]
async fn a_form_filled_by_a_program_is_held_back_with_what_was_typed_kept() {
    let (app, site) = place().await;
    let form = app.get(&format!("/sites/{site}/barrier")).await;
    let key = form_key(&form.body);
    // Sent the second it was drawn.
    let quick = app
        .call("POST", "/barriers")
        .form(&[
            ("key", key.as_str()),
            ("site", site.as_str()),
            ("features", "path"),
            (
                "description",
                "Vỉa hè trước cổng bị vỡ, xe lăn không qua được.",
            ),
        ])
        .send()
        .await;
    assert_eq!(quick.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(quick.body.contains("chỉ vài giây sau khi mở"));
    assert!(quick.body.contains("Vỉa hè trước cổng bị vỡ"), "kept");
    // The field people never see, filled.
    later(&app, 60);
    let trapped = app
        .call("POST", "/barriers?lang=en")
        .form(&[
            ("key", key.as_str()),
            ("site", site.as_str()),
            ("features", "path"),
            ("description", "Buy cheap watches at our shop today."),
            ("leave_empty", "http://spam.example"),
        ])
        .send()
        .await;
    assert_eq!(trapped.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(trapped.body.contains("only automatic programs fill"));
    assert_eq!(report_count(&app).await, 0);
}

/// A report sent through the API at `site` (or at a position when `site` is `None`);
/// returns its public path.
pub(crate) async fn sent(app: &TestApp, body: Value) -> String {
    let reply = app
        .call("POST", "/api/v1/barrier-reports")
        .json(&body)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let url = reply.json()["url"].as_str().expect("url").to_owned();
    url[url.find("/barriers/").expect("a path")..].to_owned()
}

/// The id of the newest report in the queue `cookie` sees.
pub(crate) async fn newest_in_queue(app: &TestApp, cookie: &str) -> String {
    let queue = app
        .call("GET", "/moderation/barriers")
        .cookie(cookie)
        .send()
        .await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
    let at = queue
        .body
        .find("href=\"/moderation/barriers/")
        .expect("a report in the queue")
        + "href=\"/moderation/barriers/".len();
    queue.body[at..at + 36].to_owned()
}

pub(crate) async fn answer(
    app: &TestApp,
    cookie: &str,
    id: &str,
    fields: &[(&str, &str)],
) -> crate::common::Reply {
    app.call("POST", &format!("/moderation/barriers/{id}"))
        .cookie(cookie)
        .form(fields)
        .send()
        .await
}

#[tokio::test]
async fn the_department_answers_its_reports_and_each_public_page_follows_every_step() {
    let app = spawn(Demo::Full).await.at_time(NOW);
    let coordinator = app.token("coord.barriers", Role::Coordinator, None).await;
    let findings = app
        .call("GET", "/api/v1/findings?limit=1")
        .bearer(&coordinator)
        .send()
        .await
        .json();
    let finding = &findings["items"][0];
    let site = finding["site_id"]
        .as_str()
        .expect("a site with a finding")
        .to_owned();
    let department = finding["department"]["code"]
        .as_str()
        .expect("code")
        .to_owned();
    let password = app
        .add_user("rev.barriers", Role::Reviewer, Some(&department))
        .await;
    let reviewer = app.sign_in("rev.barriers", &password).await;

    let first = sent(&app, json!({ "features": ["entrance"], "description": "Lối vào chính có bậc cao, không có dốc.", "site": site, "contact": "0912345678" })).await;
    let id = newest_in_queue(&app, &reviewer).await;
    let queue = |filter: &'static str| {
        let (app, reviewer) = (&app, &reviewer);
        async move {
            app.call("GET", &format!("/moderation/barriers{filter}"))
                .cookie(reviewer)
                .send()
                .await
                .body
        }
    };
    assert!(queue("").await.contains("Đã nhận (1)"), "counted by state");
    assert!(
        !queue("?state=confirmed")
            .await
            .contains("href=\"/moderation/barriers/0"),
        "the filter leaves it out"
    );
    let page = app
        .call("GET", &format!("/moderation/barriers/{id}"))
        .cookie(&reviewer)
        .send()
        .await;
    assert!(
        page.body.contains("0912345678"),
        "the moderator sees the contact"
    );
    // Under review, then its words shown, then a follow-up planned.
    let reviewed = answer(
        &app,
        &reviewer,
        &id,
        &[("version", "1"), ("answer", "review")],
    )
    .await;
    assert_eq!(reviewed.status, StatusCode::SEE_OTHER, "{}", reviewed.body);
    assert!(app.get(&first).await.body.contains("Đang xem xét"));
    let planned = answer(
        &app,
        &reviewer,
        &id,
        &[
            ("version", "2"),
            ("answer", "follow_up"),
            ("follow_up_on", "2026-12-20"),
            ("publication", "accepted"),
        ],
    )
    .await;
    assert_eq!(planned.status, StatusCode::SEE_OTHER, "{}", planned.body);
    let public = app.get(&first).await.body;
    for needed in [
        "Đã lên lịch kiểm tra lại",
        "20/12/2026",
        "Lối vào chính có bậc cao",
    ] {
        assert!(public.contains(needed), "{needed}");
    }
    assert!(!public.contains("0912345678"));
    // A stale form is refused; a finding of another place cannot confirm it.
    let stale = answer(
        &app,
        &reviewer,
        &id,
        &[("version", "1"), ("answer", "review")],
    )
    .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    let wrong = answer(
        &app,
        &reviewer,
        &id,
        &[
            ("version", "3"),
            ("answer", "confirm"),
            ("finding", "0192a000-0000-7000-8000-000000000000"),
        ],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Confirmed: a finding of the site tracks it.
    let finding_id = finding["id"].as_str().expect("id");
    let confirmed = answer(
        &app,
        &reviewer,
        &id,
        &[
            ("version", "3"),
            ("answer", "confirm"),
            ("finding", finding_id),
        ],
    )
    .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.body
    );
    let public = app.get(&first).await.body;
    assert!(public.contains("Đã xác nhận là rào cản"));
    let json = app
        .get(&first.replace("/barriers/", "/api/v1/barrier-reports/"))
        .await
        .json();
    assert_eq!(json["state"], "confirmed");
    assert_eq!(json["confirmed"], true);
    // Closed: it takes no other answer.
    let again = answer(
        &app,
        &reviewer,
        &id,
        &[("version", "4"), ("answer", "review")],
    )
    .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.body
    );
    assert!(again.body.contains("đã được trả lời xong"));

    // Another report: not a barrier, with the reason; a third: a duplicate of the first.
    let second = sent(&app, json!({ "features": ["toilet"], "description": "Nhà vệ sinh bị khoá cả ngày.", "site": site })).await;
    let second_id = newest_in_queue(&app, &reviewer).await;
    let no_reason = answer(
        &app,
        &reviewer,
        &second_id,
        &[
            ("version", "1"),
            ("answer", "not_a_barrier"),
            ("reason", " "),
        ],
    )
    .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    answer(
        &app,
        &reviewer,
        &second_id,
        &[
            ("version", "1"),
            ("answer", "not_a_barrier"),
            ("reason", "Nhà vệ sinh tiếp cận ở tầng 1 mở từ 7 giờ."),
        ],
    )
    .await;
    let public = app.get(&second).await.body;
    assert!(public.contains("Không phải rào cản") && public.contains("mở từ 7 giờ"));
    let third = sent(&app, json!({ "features": ["entrance"], "description": "Bậc cao ở lối vào, như đã báo.", "site": site })).await;
    let third_id = newest_in_queue(&app, &reviewer).await;
    answer(
        &app,
        &reviewer,
        &third_id,
        &[
            ("version", "1"),
            ("answer", "duplicate"),
            ("duplicate_of", &id),
        ],
    )
    .await;
    let public = app.get(&third).await.body;
    assert!(public.contains("Trùng với phản ánh khác"));
    assert!(
        public.contains(&format!("href=\"{first}\"")),
        "links the report it repeats"
    );
    // The place's page counts what came and what was confirmed.
    let place_page = app.get(&format!("/sites/{site}")).await.body;
    assert!(
        place_page
            .contains("Người dân đã gửi 3 phản ánh về nơi này; 1 đã được xác nhận là rào cản."),
        "counted on the site page"
    );
    // Every answer is an event, without the contact.
    let events = events_of(&app, "barrier_report.answer").await;
    assert_eq!(events.len(), 5);
    assert!(events.iter().all(|e| !e.to_string().contains("0912345678")));
}

#[tokio::test]
async fn only_the_places_department_answers_its_reports_and_the_coordinators_those_of_places_in_no_registry()
 {
    let (app, site) = place().await;
    let department = app.get(&format!("/api/v1/sites/{site}")).await.json()["department"]["code"]
        .as_str()
        .expect("code")
        .to_owned();
    let other = if department == "transport" {
        "culture"
    } else {
        "transport"
    };
    sent(&app, report(&site, "Lối vào có bậc cao, không có dốc.")).await;
    sent(&app, json!({ "features": ["path"], "description": "Vỉa hè ở chợ bị vỡ, xe lăn không qua được.", "lat": 21.85, "lon": 106.76 })).await;
    let mine = app
        .add_user("barrier.rev.mine", Role::Reviewer, Some(&department))
        .await;
    let mine = app.sign_in("barrier.rev.mine", &mine).await;
    let theirs = app
        .add_user("barrier.rev.theirs", Role::Reviewer, Some(other))
        .await;
    let theirs = app.sign_in("barrier.rev.theirs", &theirs).await;
    let coordinator = app
        .add_user("barrier.coord", Role::Coordinator, Some("labour"))
        .await;
    let coordinator = app.sign_in("barrier.coord", &coordinator).await;
    let site_report = newest_in_queue(&app, &mine).await;
    let unowned = newest_in_queue(&app, &coordinator).await;
    assert_ne!(site_report, unowned, "each sees its own");
    let before = events_of(&app, "barrier_report.answer").await.len();
    for (who, id) in [
        (&theirs, &site_report),
        (&coordinator, &site_report),
        (&mine, &unowned),
    ] {
        let refused = answer(&app, who, id, &[("version", "1"), ("answer", "review")]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        let page = app
            .call("GET", &format!("/moderation/barriers/{id}"))
            .cookie(who)
            .send()
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(
        events_of(&app, "barrier_report.answer").await.len(),
        before,
        "nothing written"
    );
    let by_coordinator = answer(
        &app,
        &coordinator,
        &unowned,
        &[("version", "1"), ("answer", "review")],
    )
    .await;
    assert_eq!(
        by_coordinator.status,
        StatusCode::SEE_OTHER,
        "{}",
        by_coordinator.body
    );
    let anonymous = app.get("/moderation/barriers").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER, "to sign in");
    let inspector = app
        .add_user("barrier.insp", Role::Inspector, Some(&department))
        .await;
    let inspector = app.sign_in("barrier.insp", &inspector).await;
    let queue = app
        .call("GET", "/moderation/barriers")
        .cookie(&inspector)
        .send()
        .await;
    assert_eq!(queue.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_senders_contact_is_deleted_90_days_after_the_last_answer_and_kept_until_then() {
    let (app, site) = place().await;
    let department = app.get(&format!("/api/v1/sites/{site}")).await.json()["department"]["code"]
        .as_str()
        .expect("code")
        .to_owned();
    let password = app
        .add_user("barrier.rev.keep", Role::Reviewer, Some(&department))
        .await;
    let reviewer = app.sign_in("barrier.rev.keep", &password).await;
    let with_contact = |text: &str| json!({ "features": ["ramp"], "description": text, "site": site, "contact": "keep.me@example.vn" });
    sent(&app, with_contact("Dốc ở cổng phụ quá dốc.")).await;
    let open = newest_in_queue(&app, &reviewer).await;
    sent(&app, with_contact("Dốc ở cổng chính bị xe máy chắn.")).await;
    let closed = newest_in_queue(&app, &reviewer).await;
    let answered = answer(
        &app,
        &reviewer,
        &closed,
        &[
            ("version", "1"),
            ("answer", "not_a_barrier"),
            ("reason", "Đã dọn xe khỏi dốc."),
        ],
    )
    .await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER);
    // Signed in again each time: months pass, and sessions end after a week.
    let contact_on = |id: String| {
        let (app, password) = (&app, &password);
        async move {
            let reviewer = app.sign_in("barrier.rev.keep", password).await;
            let page = app
                .call("GET", &format!("/moderation/barriers/{id}"))
                .cookie(&reviewer)
                .send()
                .await;
            assert_eq!(page.status, StatusCode::OK);
            page.body
        }
    };
    later(&app, 89 * 86_400);
    let erase = || tiepcan::app::barrier_reports::erase_contacts(app.services());
    assert_eq!(erase().await.expect("erased"), 0, "kept for 90 days");
    assert!(
        contact_on(closed.clone())
            .await
            .contains("keep.me@example.vn")
    );
    later(&app, 91 * 86_400);
    assert_eq!(erase().await.expect("erased"), 1);
    let page = contact_on(closed.clone()).await;
    assert!(!page.contains("keep.me@example.vn"));
    assert!(page.contains("đã được xoá"));
    assert!(
        contact_on(open).await.contains("keep.me@example.vn"),
        "a report still open keeps it"
    );
    assert_eq!(
        events_of(&app, "barrier_report.contact_erased").await.len(),
        1
    );
    assert_eq!(erase().await.expect("erased"), 0, "once");
}
