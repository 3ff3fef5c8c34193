//! The id of the request being handled, for logs, error references and the
//! `x-request-id` header.

use uuid::Uuid;

tokio::task_local! {
    static REQUEST_ID: Uuid;
}

/// The header that carries the request id back to the client.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Runs `future` as the handling of request `id`.
pub async fn with_request_id<F: std::future::Future>(id: Uuid, future: F) -> F::Output {
    REQUEST_ID.scope(id, future).await
}

/// The id of the request being handled (a fresh one outside a request).
pub fn request_id() -> String {
    REQUEST_ID
        .try_with(|id| *id)
        .unwrap_or_else(|_| Uuid::now_v7())
        .to_string()
}
