//! What keeps one bad request from hurting the others: every request gets an id (in the
//! `x-request-id` header, the logs and any error reference); a panic answers 500 with that
//! id instead of dropping the connection; a request that runs past the limit answers 503.

use std::panic::AssertUnwindSafe;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use futures_util::FutureExt;
use uuid::Uuid;

use super::error::{ApiError, error_for_path};

use super::request_id::{REQUEST_ID_HEADER, with_request_id};

/// Middleware: runs the rest of the stack with a request id, under the time limit, and
/// turns a panic into a 500 answer.
pub async fn guard(State(limit): State<Duration>, req: Request, next: Next) -> Response {
    let id = Uuid::now_v7();
    let path = req.uri().path().to_owned();
    let method = req.method().clone();
    with_request_id(id, async move {
            let run = AssertUnwindSafe(next.run(req)).catch_unwind();
            let mut response = match tokio::time::timeout(limit, run).await {
                Ok(Ok(response)) => response,
                Ok(Err(panic)) => {
                    let what = panic
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    tracing::error!(request_id = %id, %method, %path, panic = %what, "handler panicked");
                    error_for_path(&path, ApiError::Panicked)
                }
                Err(_) => {
                    tracing::warn!(request_id = %id, %method, %path, ?limit, "request timed out");
                    error_for_path(&path, ApiError::TimedOut)
                }
            };
            if let Ok(value) = HeaderValue::from_str(&id.to_string()) {
                response.headers_mut().insert(REQUEST_ID_HEADER, value);
            }
            response
        })
        .await
}
