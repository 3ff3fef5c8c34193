//! The measures `/metrics` exports, each named once here, and the process's one Prometheus
//! recorder. The recorder is global: every app in the process (several, in the tests)
//! counts into it, so no measure names an app, and readers compare values over time.

use std::sync::OnceLock;
use std::time::Duration;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

const REQUESTS: &str = "tiepcan_http_requests_total";
const REQUEST_SECONDS: &str = "tiepcan_http_request_duration_seconds";
const CONNECTIONS: &str = "tiepcan_db_connections";
const CONNECTIONS_MAX: &str = "tiepcan_db_connections_max";
const PHOTO_STORE_ERRORS: &str = "tiepcan_photo_store_errors_total";
const EVENTS: &str = "tiepcan_events_appended_total";
const DECODES: &str = "tiepcan_photo_decodes";
const DECODES_MAX: &str = "tiepcan_photo_decodes_max";
const DECODES_MOST: &str = "tiepcan_photo_decodes_most_running";
const DECODES_WAITED: &str = "tiepcan_photo_decodes_waited";

/// Upper bounds of the request time histogram's buckets, in seconds (the request time
/// limit is 30 s by default).
const REQUEST_BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The process's recorder, installed on first use; from then on every measure below is
/// kept. Before it, they cost next to nothing and are dropped.
pub fn metrics_handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.to_owned()), REQUEST_BUCKETS)
            .expect("the buckets are a non-empty constant")
            .build_recorder();
        let handle = recorder.handle();
        if let Err(e) = metrics::set_global_recorder(recorder) {
            tracing::warn!(error = %e, "another metrics recorder is installed; /metrics stays empty");
        }
        describe();
        handle
    })
}

fn describe() {
    metrics::describe_counter!(
        REQUESTS,
        "HTTP requests answered, by method, route template and status"
    );
    metrics::describe_histogram!(
        REQUEST_SECONDS,
        metrics::Unit::Seconds,
        "Time to answer HTTP requests, by method, route template and status"
    );
    metrics::describe_gauge!(
        CONNECTIONS,
        "Database pool connections, by state (in_use, idle), when /metrics was read"
    );
    metrics::describe_gauge!(CONNECTIONS_MAX, "Most connections the database pool opens");
    metrics::describe_counter!(
        PHOTO_STORE_ERRORS,
        "Photo store operations that failed, by operation (put, get, head, delete, list)"
    );
    metrics::describe_counter!(
        EVENTS,
        "Events appended to the event log (counted when their transaction commits)"
    );
    metrics::describe_gauge!(
        DECODES,
        "Photo decodes, by state (running, waiting), when /metrics was read"
    );
    metrics::describe_gauge!(DECODES_MAX, "Most photo decodes allowed to run at once");
    metrics::describe_gauge!(
        DECODES_MOST,
        "Most photo decodes that ran at once since the server started"
    );
    metrics::describe_gauge!(
        DECODES_WAITED,
        "Photo decodes that waited for a free slot since the server started"
    );
}

/// Counts an answered request under its route template (`/api/v1/sites/{id}`; `unmatched`
/// when no route matched) and status, with the time it took.
pub fn request_answered(method: &str, route: &str, status: u16, took: Duration) {
    let labels = [
        ("method", method.to_owned()),
        ("route", route.to_owned()),
        ("status", status.to_string()),
    ];
    metrics::counter!(REQUESTS, &labels).increment(1);
    metrics::histogram!(REQUEST_SECONDS, &labels).record(took.as_secs_f64());
}

/// Records how the database pool is used right now.
pub fn pool_in_use(in_use: u32, idle: u32, max: u32) {
    metrics::gauge!(CONNECTIONS, "state" => "in_use").set(in_use);
    metrics::gauge!(CONNECTIONS, "state" => "idle").set(idle);
    metrics::gauge!(CONNECTIONS_MAX).set(max);
}

/// Records the photo decode gate's counts as they are now.
pub fn photo_decodes(counts: crate::app::decode_gate::DecodeCounts) {
    metrics::gauge!(DECODES, "state" => "running").set(counts.running as f64);
    metrics::gauge!(DECODES, "state" => "waiting").set(counts.waiting as f64);
    metrics::gauge!(DECODES_MAX).set(counts.limit as f64);
    metrics::gauge!(DECODES_MOST).set(counts.most_running as f64);
    metrics::gauge!(DECODES_WAITED).set(counts.waited as f64);
}

/// Counts a failed photo store `operation`.
pub fn photo_store_failed(operation: &'static str) {
    metrics::counter!(PHOTO_STORE_ERRORS, "operation" => operation).increment(1);
}

/// Counts `count` events appended by a transaction that committed.
pub fn events_appended(count: u64) {
    metrics::counter!(EVENTS).increment(count);
}
