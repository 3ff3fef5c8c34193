//! Open311 GeoReport v2 for barrier reports: the services in the sender's language, a
//! request sent form-encoded and read back as it is answered, bad input named in the
//! standard's error list with nothing stored, one report per `Idempotency-Key`, the sender's
//! contact in no answer; and the client script that speaks only the standard, run against
//! a server on a real port.

use axum::http::{StatusCode, header};
use serde_json::Value;

use crate::common::{Demo, Reply, TcpServer, TestApp, spawn};
use tiepcan::domain::user::Role;

const NOW: &str = "2026-12-04T02:00:00Z";
/// A place in Lạng Sơn city, in no registry.
const LAT: &str = "21.8530";
const LONG: &str = "106.7610";

/// A request's fields, as posted.
type Fields<'a> = Vec<(&'a str, &'a str)>;

async fn app() -> TestApp {
    spawn(Demo::Yes).await.at_time(NOW)
}

async fn post(app: &TestApp, uri: &str, fields: &[(&str, &str)]) -> Reply {
    app.call("POST", uri).form(fields).send().await
}

fn request<'a>(service_code: &'a str, description: &'a str) -> Fields<'a> {
    vec![
        ("service_code", service_code),
        ("lat", LAT),
        ("long", LONG),
        ("description", description),
    ]
}

async fn report_count(app: &TestApp) -> i64 {
    let sql = "SELECT count(*) FROM barrier_reports";
    match app.db() {
        tiepcan::store::Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
        tiepcan::store::Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
    }
    .expect("count")
}

/// Sends `fields` and returns the request's id.
async fn sent(app: &TestApp, fields: &[(&str, &str)]) -> String {
    let reply = post(app, "/open311/v2/requests.json", fields).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()[0]["service_request_id"]
        .as_str()
        .expect("an id")
        .to_owned()
}

/// A coordinator's session: they answer the reports of places in no registry.
async fn coordinator(app: &TestApp) -> String {
    let password = app
        .add_user("o311.coord", Role::Coordinator, Some("labour"))
        .await;
    app.sign_in("o311.coord", &password).await
}

/// Answers the newest report in the coordinator's queue with `fields` (version 1).
async fn answer_newest(app: &TestApp, cookie: &str, fields: &[(&str, &str)]) {
    let queue = app
        .call("GET", "/moderation/barriers")
        .cookie(cookie)
        .send()
        .await;
    let at = queue
        .body
        .find("href=\"/moderation/barriers/")
        .expect("a report in the queue")
        + "href=\"/moderation/barriers/".len();
    let id = &queue.body[at..at + 36];
    let answered = app
        .call("POST", &format!("/moderation/barriers/{id}"))
        .cookie(cookie)
        .form(fields)
        .send()
        .await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
}

#[tokio::test]
async fn the_services_are_the_barrier_features_named_in_the_senders_language() {
    let app = app().await;
    let vi = app.get("/open311/v2/services.json").await;
    assert_eq!(vi.status, StatusCode::OK, "{}", vi.body);
    let en = app.get("/open311/v2/services.json?lang=en").await.json();
    let by_accept = app
        .call("GET", "/open311/v2/services.json")
        .header("Accept-Language", "en-GB,en;q=0.9")
        .send()
        .await
        .json();
    assert_eq!(en, by_accept, "?lang= or Accept-Language");
    let vi = vi.json();
    let codes: Vec<&str> = vi
        .as_array()
        .expect("a list")
        .iter()
        .map(|s| s["service_code"].as_str().expect("a code"))
        .collect();
    assert_eq!(
        codes,
        [
            "entrance",
            "ramp",
            "path",
            "toilet",
            "parking",
            "lift",
            "information",
            "other"
        ]
    );
    for (list, ramp, group) in [
        (&vi, "Đường dốc", "Rào cản tiếp cận"),
        (&en, "Ramp", "Accessibility barriers"),
    ] {
        let service = &list[1];
        assert_eq!(service["service_name"], ramp);
        assert_eq!(service["group"], group);
        assert_eq!(service["metadata"], false);
        assert_eq!(service["type"], "realtime");
        assert!(service["keywords"].as_str().is_some_and(|k| !k.is_empty()));
        assert!(
            service["description"]
                .as_str()
                .is_some_and(|d| d.len() > 10)
        );
    }
    // XML, the standard's default, lists the same.
    let xml = app.get("/open311/v2/services.xml?lang=en").await;
    assert_eq!(xml.status, StatusCode::OK);
    assert!(
        xml.header(header::CONTENT_TYPE)
            .is_some_and(|t| t.starts_with("text/xml"))
    );
    assert_eq!(xml.body.matches("<service>").count(), 8);
    assert!(
        xml.body
            .contains("<service_code>ramp</service_code><service_name>Ramp</service_name>")
    );
}

#[tokio::test]
async fn a_request_sent_form_encoded_is_read_back_as_it_is_answered() {
    let app = app().await;
    let reply = post(
        &app,
        "/open311/v2/requests.json?lang=en",
        &[
            ("service_code", "toilet"),
            ("lat", LAT),
            ("long", LONG),
            ("description", "The toilet at the market is locked all day."),
            ("email", "someone@example.vn"),
            ("first_name", "Mai"),
            ("api_key", "anything"),
            ("media_url", "http://example.vn/photo.jpg"),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let answer = reply.json();
    let id = answer[0]["service_request_id"].as_str().expect("an id");
    assert_eq!(id.len(), 32, "the public token");
    assert_eq!(answer[0]["account_id"], Value::Null);
    assert!(
        answer[0]["service_notice"]
            .as_str()
            .is_some_and(|n| n.contains(&format!("http://tiepcan.test/barriers/{id}"))),
        "{answer}"
    );
    // The same report as the site's own API and page see it.
    let own = app
        .get(&format!("/api/v1/barrier-reports/{id}"))
        .await
        .json();
    assert_eq!(own["state"], "received");
    assert_eq!(own["features"], serde_json::json!(["toilet"]));

    let status = app
        .get(&format!("/open311/v2/requests/{id}.json?lang=en"))
        .await;
    assert_eq!(status.status, StatusCode::OK, "{}", status.body);
    let r = &status.json()[0];
    assert_eq!(r["service_request_id"], id);
    assert_eq!(r["status"], "open");
    assert_eq!(r["status_notes"], "Received; not yet looked at.");
    assert_eq!(r["service_code"], "toilet");
    assert_eq!(r["service_name"], "Toilet");
    assert_eq!(r["description"], Value::Null, "not yet accepted");
    assert_eq!(
        r["agency_responsible"],
        "The province's coordinators (places in no registry)"
    );
    assert_eq!(r["requested_datetime"], "2026-12-04T09:00:00+07:00");
    assert_eq!(r["lat"].as_f64(), Some(21.853));
    assert_eq!(r["long"].as_f64(), Some(106.761));
    assert_eq!(
        (r["address"].clone(), r["media_url"].clone()),
        (Value::Null, Value::Null)
    );

    // Answered: not a barrier, its words accepted; closed, with the reason as its notes.
    app.services().clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-12-06T02:00:00Z")
            .expect("a time")
            .to_utc(),
    );
    let cookie = coordinator(&app).await;
    answer_newest(
        &app,
        &cookie,
        &[
            ("version", "1"),
            ("answer", "not_a_barrier"),
            ("reason", "Nhà vệ sinh tiếp cận ở tầng 1 mở từ 7 giờ."),
            ("publication", "accepted"),
        ],
    )
    .await;
    let r = &app
        .get(&format!("/open311/v2/requests/{id}.json?lang=en"))
        .await
        .json()[0];
    assert_eq!(r["status"], "closed");
    assert_eq!(
        r["status_notes"],
        "Not a barrier. Why: Nhà vệ sinh tiếp cận ở tầng 1 mở từ 7 giờ."
    );
    assert_eq!(
        r["description"],
        "The toilet at the market is locked all day."
    );
    assert_eq!(r["updated_datetime"], "2026-12-06T09:00:00+07:00");
    // By id in the list form, and in XML.
    let listed = app
        .get(&format!(
            "/open311/v2/requests.json?service_request_id={id},{}",
            "0".repeat(32)
        ))
        .await;
    assert_eq!(
        listed.json().as_array().map(Vec::len),
        Some(1),
        "{}",
        listed.body
    );
    let xml = app.get(&format!("/open311/v2/requests/{id}.xml")).await;
    assert!(xml.body.contains("<status>closed</status>"), "{}", xml.body);
    assert!(xml.body.starts_with("<?xml") && xml.body.contains("<service_requests><request>"));
    // Reports are not listed for anyone; an unknown id is not found, in the standard's form.
    let all = app.get("/open311/v2/requests.json").await;
    assert_eq!(all.status, StatusCode::BAD_REQUEST);
    let unknown = app
        .get(&format!("/open311/v2/requests/{}.json", "0".repeat(32)))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.json()[0]["code"], 404);
    assert!(unknown.json()[0]["description"].is_string());
}

#[tokio::test]
async fn bad_input_is_answered_with_the_standards_error_list_naming_it_and_nothing_stored() {
    let app = app().await;
    let description = "Vỉa hè trước chợ bị vỡ, xe lăn không qua được.";
    let outside = [
        ("service_code", "path"),
        ("lat", "21.03"), // Hà Nội
        ("long", "105.85"),
        ("description", description),
    ];
    let no_code: Vec<_> = request("", description)
        .into_iter()
        .filter(|(k, _)| *k != "service_code")
        .collect();
    let cases: [(Fields, &str, &str); 5] = [
        (no_code, "service_code", "required"),
        (request("stairs", description), "service_code", "“stairs”"),
        (outside.to_vec(), "lat, long", "outside"),
        (request("path", ""), "description", "required"),
        (
            vec![
                ("service_code", "path"),
                ("lat", "north"),
                ("long", LONG),
                ("description", description),
            ],
            "lat",
            "number",
        ),
    ];
    for (fields, parameter, words) in cases {
        let reply = post(&app, "/open311/v2/requests.json?lang=en", &fields).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{parameter}: {}",
            reply.body
        );
        let errors = reply.json();
        let list = errors.as_array().expect("the standard's list");
        assert!(list.iter().all(|e| e["code"] == 400), "{errors}");
        let named = list
            .iter()
            .filter_map(|e| e["description"].as_str())
            .find(|d| d.starts_with(&format!("{parameter}: ")))
            .unwrap_or_else(|| panic!("no error names {parameter}: {errors}"));
        assert!(named.to_lowercase().contains(words), "{named}");
        // The same problem in Vietnamese, the default.
        let vi = post(&app, "/open311/v2/requests.json", &fields)
            .await
            .json();
        assert_ne!(vi, errors, "in the sender's language");
    }
    // Every problem of one request at once, one entry each.
    let both = post(&app, "/open311/v2/requests.json", &request("", "")).await;
    assert_eq!(
        both.json().as_array().map(Vec::len),
        Some(2),
        "{}",
        both.body
    );
    // Not form-encoded, as the standard says it must be.
    let json = app
        .call("POST", "/open311/v2/requests.json?lang=en")
        .json(&serde_json::json!({ "service_code": "path" }))
        .send()
        .await;
    assert_eq!(json.status, StatusCode::BAD_REQUEST);
    assert!(
        json.json()[0]["description"]
            .as_str()
            .is_some_and(|d| d.contains("x-www-form-urlencoded"))
    );
    assert_eq!(report_count(&app).await, 0);
}

#[tokio::test]
async fn the_same_idempotency_key_twice_is_one_report_and_one_address_is_held_back_after_five() {
    let app = app().await;
    let fields = request("parking", "Chỗ đỗ xe dành riêng bị ô tô khác chiếm.");
    let send = || {
        app.call("POST", "/open311/v2/requests.json")
            .header("Idempotency-Key", "o311-once-1")
            .form(&fields)
            .send()
    };
    let first = send().await;
    let again = send().await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(
        first.json()[0]["service_request_id"],
        again.json()[0]["service_request_id"]
    );
    assert_eq!(report_count(&app).await, 1);
    // The per-address limit of the site's own API holds: five in ten minutes.
    for n in 0..4 {
        sent(
            &app,
            &request("path", &format!("Vỉa hè số {n} bị vỡ, không qua được.")),
        )
        .await;
    }
    let sixth = post(
        &app,
        "/open311/v2/requests.json?lang=en",
        &request("path", "One more: the pavement is broken."),
    )
    .await;
    assert_eq!(
        sixth.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        sixth.body
    );
    assert_eq!(sixth.json()[0]["code"], 429);
    assert!(
        sixth.json()[0]["description"]
            .as_str()
            .is_some_and(|d| d.contains("Try again in about"))
    );
    assert!(sixth.header(header::RETRY_AFTER).is_some());
    assert_eq!(report_count(&app).await, 5);
}

#[tokio::test]
async fn the_senders_contact_is_in_no_open311_answer() {
    let app = app().await;
    let mut fields = request("entrance", "Lối vào chính có ba bậc cao, không có dốc.");
    fields.push(("email", "mai.private.o311@example.vn"));
    let reply = post(&app, "/open311/v2/requests.json", &fields).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let id = reply.json()[0]["service_request_id"]
        .as_str()
        .expect("id")
        .to_owned();
    let mut phoned = request("lift", "Thang máy hỏng đã ba tuần nay.");
    phoned.push(("phone", "0987 654 321"));
    let other = sent(&app, &phoned).await;
    // Its words accepted, so that the answer holds all it may.
    let cookie = coordinator(&app).await;
    answer_newest(
        &app,
        &cookie,
        &[("version", "1"), ("publication", "accepted")],
    )
    .await;
    let mut bytes = reply.bytes.clone();
    for uri in [
        format!("/open311/v2/requests/{id}.json"),
        format!("/open311/v2/requests/{id}.xml"),
        format!("/open311/v2/requests/{other}.json"),
        format!("/open311/v2/requests.json?service_request_id={id},{other}"),
    ] {
        let got = app.get(&uri).await;
        assert_eq!(got.status, StatusCode::OK, "{uri}");
        bytes.extend(got.bytes);
    }
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("Thang máy hỏng"),
        "the accepted words are there"
    );
    for private in ["mai.private.o311", "0987654321", "0987 654 321"] {
        assert!(!text.contains(private), "{private} in {text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_standard_client_script_sends_a_request_and_reads_it_open_then_closed() {
    use std::io::{BufRead, Write};
    let app = app().await;
    let cookie = coordinator(&app).await;
    let server = TcpServer::start(app.state.clone()).await;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/open311/client.py");
    let mut child = std::process::Command::new("python3")
        .args([
            script,
            &format!("http://{}", server.addr),
            "--expect-closed",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let stdout = child.stdout.take().expect("stdout");
    let (said_id, id) = tokio::sync::oneshot::channel();
    let reading = tokio::task::spawn_blocking(move || {
        let mut said = Some(said_id);
        let mut all = String::new();
        for line in std::io::BufReader::new(stdout).lines() {
            let line = line.expect("a line");
            if let Some(id) = line.strip_prefix("service_request_id=")
                && let Some(tell) = said.take()
            {
                let _ = tell.send(id.to_owned());
            }
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    // The script sent its request and read it open; the coordinators answer it.
    let Ok(id) = id.await else {
        let output = reading.await.expect("read");
        let failed = child.wait_with_output().expect("the script ends");
        panic!("{output}{}", String::from_utf8_lossy(&failed.stderr));
    };
    assert_eq!(id.len(), 32, "{id}");
    answer_newest(
        &app,
        &cookie,
        &[
            ("version", "1"),
            ("answer", "not_a_barrier"),
            ("reason", "Đoạn vỉa hè này đã có dốc ở lối sang đường."),
        ],
    )
    .await;
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"answered\n").expect("tell the script");
    drop(stdin);
    let output = reading.await.expect("read");
    let ended = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .expect("joined")
        .expect("the script ends");
    let errors = String::from_utf8_lossy(&ended.stderr);
    assert!(ended.status.success(), "{output}{errors}");
    assert!(output.contains("ok      status open:"), "{output}");
    assert!(
        output.contains("ok      status closed: Not a barrier. Why: Đoạn vỉa hè"),
        "{output}"
    );
    assert!(output.ends_with("all checks passed\n"), "{output}");
    server.stop().await;
}
