//! What keeps one bad request from hurting the others: every request gets an id (in the
//! `x-request-id` header, the logs and any error reference); a panic answers 500 with that
//! id instead of dropping the connection; a request whose handler works past the limit
//! answers 503, and one whose body stops arriving 408 (see [`super::body_clock`]);
//! control characters in the path or the query string are refused before any handler
//! (and so any database) sees them.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::CONNECTION;
use axum::middleware::Next;
use axum::response::Response;
use futures_util::FutureExt;
use tokio::time::Instant;
use uuid::Uuid;

use super::body_clock::{self, BodyClock};
use super::error::{ApiError, error_for_path};
use crate::app::Error;
use crate::domain::validation::{FieldErrors, Problem};

use super::request_id::{REQUEST_ID_HEADER, with_request_id};

/// The time limits the guard keeps.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// How long the handler may work on a request, not counting the time it waits for
    /// the client's body.
    pub request: Duration,
    /// How long a body may go without a byte arriving before it is cut.
    pub body_idle: Duration,
}

/// Middleware: runs the rest of the stack with a request id, under the time limits, and
/// turns a panic into a 500 answer. The request's limit counts the handler's own time:
/// while it waits for body bytes that the client has not sent yet, the clock stops, so a
/// photo sent over a slow link is not cut; a body from which no byte arrives for the idle
/// limit is cut instead, and the answer is 408 whatever the handler made of the cut.
pub async fn guard(State(limits): State<Timeouts>, req: Request, next: Next) -> Response {
    let id = Uuid::now_v7();
    let path = req.uri().path().to_owned();
    let method = req.method().clone();
    let clock = Arc::new(BodyClock::default());
    let req = req.map(|body| body_clock::timed(body, limits.body_idle, clock.clone()));
    let guarded = async move {
        let started = Instant::now();
        let mut run = std::pin::pin!(AssertUnwindSafe(next.run(req)).catch_unwind());
        let outcome = loop {
            let deadline = started + limits.request + clock.waited(Instant::now());
            tokio::select! {
                done = &mut run => break Some(done),
                () = tokio::time::sleep_until(deadline) => {
                    // The handler may have waited for the body meanwhile: only its
                    // own time counts.
                    let now = Instant::now();
                    if started + limits.request + clock.waited(now) <= now {
                        break None;
                    }
                }
            }
        };
        let mut response = match outcome {
            Some(Ok(response)) => response,
            Some(Err(panic)) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                tracing::error!(request_id = %id, %method, %path, panic = %what, "handler panicked");
                error_for_path(&path, ApiError::Panicked)
            }
            None => {
                tracing::warn!(request_id = %id, %method, %path, limit = ?limits.request, "request timed out");
                error_for_path(&path, ApiError::TimedOut)
            }
        };
        if clock.stalled() {
            tracing::info!(request_id = %id, %method, %path, idle = ?limits.body_idle, "request body stopped arriving");
            response = error_for_path(&path, ApiError::BodyStalled(limits.body_idle));
            response
                .headers_mut()
                .insert(CONNECTION, HeaderValue::from_static("close"));
        }
        if let Ok(value) = HeaderValue::from_str(&id.to_string()) {
            response.headers_mut().insert(REQUEST_ID_HEADER, value);
        }
        response
    };
    with_request_id(id, super::signed_in::remembering(guarded)).await
}

/// Why a request's path or query cannot be used: a control character where none belongs.
fn odd_bytes(path: &str, query: Option<&str>) -> Option<ApiError> {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    if decoded.chars().any(char::is_control) {
        return Some(Error::NotFound.into());
    }
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.unwrap_or_default()).unwrap_or_default();
    let mut errors = FieldErrors::default();
    for (key, value) in &pairs {
        if key.chars().chain(value.chars()).any(char::is_control) {
            errors.add(key, Problem::ControlCharacter);
        }
    }
    (!errors.is_empty()).then(|| Error::Invalid(errors).into())
}

/// Middleware: refuses a NUL byte, an escape or a line break in the path (404) or in a
/// query parameter (422 naming it), so both backends answer the same.
pub async fn refuse_control_characters(req: Request, next: Next) -> Response {
    match odd_bytes(req.uri().path(), req.uri().query()) {
        Some(error) => error_for_path(req.uri().path(), error),
        None => next.run(req).await,
    }
}

#[cfg(test)]
mod tests {
    use super::odd_bytes;

    #[test]
    fn control_characters_in_path_or_query_are_caught_and_named() {
        assert!(odd_bytes("/sites", Some("q=b%E1%BB%87nh")).is_none());
        assert!(odd_bytes("/api/v1/departments/a%00b", None).is_some());
        let Some(super::ApiError::App(super::Error::Invalid(errors))) =
            odd_bytes("/sites", Some("kind=x&q=a%00b"))
        else {
            panic!("a NUL in q is refused");
        };
        assert!(errors.for_field("q").is_some());
        assert!(errors.for_field("kind").is_none());
    }
}
