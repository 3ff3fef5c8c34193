//! What the running program tells its operators: log lines on stderr (text for people or
//! JSON for collectors, filtered by `RUST_LOG`) and the measures `/metrics` exports.

mod measures;

pub use measures::{
    events_appended, metrics_handle, photo_decodes, photo_store_failed, pool_in_use,
    request_answered,
};

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// Installs the global tracing subscriber (default level `info`, quieter for sqlx), writing
/// `format` on stderr.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second call (as in tests) keeps the first subscriber; that is fine.
    let _ = match format {
        LogFormat::Text => logs.try_init(),
        // Flattened: `level` and `message` stand beside `timestamp` and `target` at the top
        // of each object, the event's other fields too.
        LogFormat::Json => logs.json().flatten_event(true).try_init(),
    };
}
