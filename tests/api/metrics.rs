//! `GET /metrics`: off unless asked for; on the main address only to the allowed networks
//! (the real client behind a trusted proxy); or on an address of its own. The measures
//! live in one recorder for the whole test process, where other tests count too, so these
//! tests compare values before and after, never absolute ones.

use tiepcan::objects::{Folder, Key, Objects};
use tiepcan::store::Db;

use crate::common::{Demo, TcpServer, TestApp, spawn, test_config_with};
use crate::server::{body, http, start, stop};

/// An app started as `tiepcan serve` with `extra` options.
async fn app_with(demo: Demo, extra: &[&str]) -> TestApp {
    let (config, dir) = test_config_with(demo, extra).await;
    let mut app = TestApp::start_on(&config).await;
    app.dir = dir;
    app
}

/// The value of the sample `name{labels}` whose labels include every one of `labels`
/// (`key="value"`); the sum when several match, 0 when none does.
pub fn sample(text: &str, name: &str, labels: &[&str]) -> f64 {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.rsplit_once(' '))
        .filter(|(series, _)| {
            let (metric, rest) = series.split_once('{').unwrap_or((series, ""));
            metric == name && labels.iter().all(|label| rest.contains(label))
        })
        .map(|(_, value)| value.parse::<f64>().expect("a number"))
        .sum()
}

/// Reads `/metrics` from `server` (a loopback client); asserts it is served.
async fn scrape(server: &TcpServer) -> String {
    let (status, text) = server.send("GET", "/metrics", &[], "").await;
    assert_eq!(status, 200, "{text}");
    text
}

#[tokio::test]
async fn metrics_are_not_served_unless_asked_for() {
    let app = spawn(Demo::No).await;
    assert_eq!(app.get("/metrics").await.status, 404);
    let server = TcpServer::start(app.state.clone()).await;
    let (status, _) = server.send("GET", "/metrics", &[], "").await;
    assert_eq!(status, 404, "not even to a loopback client");
    server.stop().await;
}

#[tokio::test]
async fn a_loopback_client_reads_requests_by_route_the_pool_and_the_events_appended() {
    let app = app_with(Demo::Yes, &["--metrics"]).await;
    let server = TcpServer::start(app.state.clone()).await;
    let missing = "/api/v1/sites/0191a5f0-0000-7000-8000-000000000000";
    let by_route = [
        "method=\"GET\"",
        "route=\"/api/v1/sites/{id}\"",
        "status=\"404\"",
    ];
    let unmatched = ["route=\"unmatched\"", "status=\"404\""];
    let before = scrape(&server).await;
    assert_eq!(server.send("GET", missing, &[], "").await.0, 404);
    assert_eq!(server.send("GET", "/no-such-page", &[], "").await.0, 404);
    assert_eq!(server.send("GET", "/healthz", &[], "").await.0, 200);
    let after = scrape(&server).await;

    // Requests by route template (never the path asked for) and status, with a histogram.
    let counted = |text: &str| sample(text, "tiepcan_http_requests_total", &by_route);
    assert!(counted(&after) >= counted(&before) + 1.0, "{after}");
    assert!(
        !after.contains("0191a5f0"),
        "a raw path is no label: {after}"
    );
    let unrouted = |text: &str| sample(text, "tiepcan_http_requests_total", &unmatched);
    assert!(unrouted(&after) >= unrouted(&before) + 1.0, "{after}");
    assert!(!after.contains("no-such-page"), "{after}");
    let bucket = after
        .lines()
        .find(|l| {
            l.starts_with("tiepcan_http_request_duration_seconds_bucket{")
                && l.contains("route=\"/healthz\"")
                && l.contains("status=\"200\"")
                && l.contains("le=\"0.005\"")
        })
        .unwrap_or_else(|| panic!("no bucket line for /healthz in {after}"));
    assert!(bucket.contains("method=\"GET\""), "{bucket}");
    for le in ["le=\"30\"", "le=\"+Inf\""] {
        let found = after.lines().any(|l| {
            l.starts_with("tiepcan_http_request_duration_seconds_bucket{") && l.contains(le)
        });
        assert!(found, "{le} in {after}");
    }
    let healthz = ["route=\"/healthz\"", "status=\"200\""];
    assert!(
        sample(
            &after,
            "tiepcan_http_request_duration_seconds_count",
            &healthz
        ) >= 1.0,
        "{after}"
    );
    assert!(after.contains("# TYPE tiepcan_http_request_duration_seconds histogram"));

    // The database pool: connections in use and idle, and the most there may be.
    let most = match app.db() {
        Db::Sqlite(_) => 8.0,
        Db::Postgres(_) => 16.0,
    };
    let max = sample(&after, "tiepcan_db_connections_max", &[]);
    assert_eq!(max, most, "{after}");
    for state in ["state=\"in_use\"", "state=\"idle\""] {
        assert!(
            after
                .lines()
                .any(|l| l.starts_with("tiepcan_db_connections{") && l.contains(state)),
            "{state} in {after}"
        );
    }

    // A change appends an event once its transaction commits.
    let events = |text: &str| sample(text, "tiepcan_events_appended_total", &[]);
    let before_write = events(&after);
    app.add_museum().await;
    let written = scrape(&server).await;
    assert!(events(&written) > before_write, "{written}");
    server.stop().await;
}

#[tokio::test]
async fn a_failed_photo_store_operation_is_counted() {
    let app = app_with(Demo::No, &["--metrics"]).await;
    let server = TcpServer::start(app.state.clone()).await;
    let before = scrape(&server).await;
    // A photo folder that became a plain file: storing in it fails, even for root.
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("photos");
    let objects = Objects::local(&folder).expect("a folder");
    std::fs::remove_dir(&folder).expect("remove");
    std::fs::write(&folder, b"not a folder").expect("a file in its place");
    let key = Key::new(Folder::Thumbs, tiepcan::domain::photo::Sha256::of(b"x"));
    assert!(
        objects
            .put(&key, bytes::Bytes::from_static(b"x"))
            .await
            .is_err()
    );
    let after = scrape(&server).await;
    // Whichever step fails first (looking for the file, or writing it) is counted.
    let failed = |text: &str| sample(text, "tiepcan_photo_store_errors_total", &[]);
    assert!(failed(&after) > failed(&before), "{after}");
    server.stop().await;
}

#[tokio::test]
async fn a_client_outside_the_allowed_networks_is_refused_with_a_plain_message() {
    let app = app_with(
        Demo::No,
        &["--metrics", "--metrics-allow", "192.0.2.0/24, 10.1.2.3"],
    )
    .await;
    let server = TcpServer::start(app.state.clone()).await;
    let (status, message) = server.send("GET", "/metrics", &[], "").await;
    assert_eq!(status, 403);
    assert!(message.starts_with("403 Forbidden"), "{message}");
    assert_eq!(message.trim_end().lines().count(), 1, "{message}");
    assert!(message.contains("--metrics-allow"), "{message}");
    assert!(message.contains("(127.0.0.1)"), "{message}");
    assert!(!message.contains("tiepcan_"), "{message}");
    server.stop().await;
    // In process, with no connection address at all: refused too, in plain text.
    let refused = app.get("/metrics").await;
    assert_eq!(refused.status, 403);
    let kind = refused.header(axum::http::header::CONTENT_TYPE);
    assert!(
        kind.as_deref().is_some_and(|k| k.starts_with("text/plain")),
        "{kind:?}"
    );
    assert!(refused.body.contains("(unknown)"), "{}", refused.body);
}

#[test]
fn the_main_address_and_an_address_of_its_own_exclude_each_other() {
    use clap::Parser;
    let both = ["tiepcan", "--metrics", "--metrics-addr", "127.0.0.1:9100"];
    let refused = tiepcan::config::Cli::try_parse_from(both).expect_err("one or the other");
    assert_eq!(refused.kind(), clap::error::ErrorKind::ArgumentConflict);
    let bad = ["tiepcan", "--metrics", "--metrics-allow", "10.0.0.0/33"];
    let refused = tiepcan::config::Cli::try_parse_from(bad).expect_err("not a network");
    assert!(refused.to_string().contains("10.0.0.0/33"), "{refused}");
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_real_client_address_decides() {
    let app = app_with(Demo::No, &["--metrics", "--trust-forwarded-for"]).await;
    let server = TcpServer::start(app.state.clone()).await;
    let from = |address: &'static str| [("X-Forwarded-For", address)];
    let (outside, _) = server
        .send("GET", "/metrics", &from("127.0.0.1, 203.0.113.7"), "")
        .await;
    assert_eq!(
        outside, 403,
        "the proxy's entry is a client on the internet"
    );
    let (inside, _) = server
        .send("GET", "/metrics", &from("203.0.113.7, 127.0.0.1"), "")
        .await;
    assert_eq!(inside, 200, "the proxy's entry is a client on this machine");
    server.stop().await;

    // Without the flag the header is ignored: the connection's address counts.
    let app = app_with(Demo::No, &["--metrics"]).await;
    let server = TcpServer::start(app.state.clone()).await;
    let (status, _) = server
        .send("GET", "/metrics", &from("203.0.113.7"), "")
        .await;
    assert_eq!(status, 200);
    server.stop().await;
}

#[tokio::test]
async fn metrics_on_their_own_address_are_served_there_and_not_on_the_main_one() {
    let (child, addr, _, logs, _dir) = start(&["--metrics-addr", "127.0.0.1:0"], "").await;
    let metrics = loop {
        let line = logs
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the metrics address is logged");
        if let Some(rest) = line.split("metrics are served on http://").nth(1) {
            break rest.split('/').next().expect("an address").to_owned();
        }
    };
    assert_ne!(metrics, addr);
    assert!(http(&addr, "GET", "/healthz", &[], "").starts_with("HTTP/1.1 200"));
    assert!(http(&addr, "GET", "/metrics", &[], "").starts_with("HTTP/1.1 404"));

    let reply = http(&metrics, "GET", "/metrics", &[], "");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(
        reply
            .to_ascii_lowercase()
            .contains("content-type: text/plain"),
        "{reply}"
    );
    let text = body(&reply);
    assert!(
        sample(
            text,
            "tiepcan_http_requests_total",
            &["route=\"/healthz\"", "status=\"200\""]
        ) >= 1.0,
        "{text}"
    );
    assert!(text.contains("tiepcan_db_connections_max"), "{text}");
    assert!(http(&metrics, "GET", "/healthz", &[], "").starts_with("HTTP/1.1 404"));
    stop(child, &logs);
}
