//! Extractors that turn bad requests into our error format: JSON and form bodies, query
//! strings, and the id in a path.

use axum::Json;
use axum::extract::rejection::{FormRejection, JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::error::{ApiError, HtmlError, error_for_path};
use crate::app::Error;

/// Largest request body outside photo uploads.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Largest photo upload (the whole multipart body).
pub const PHOTO_LIMIT: usize = 25 * 1024 * 1024;

/// A body rejection as our error: over the limit is 413, anything else unreadable is 400.
fn refused(status: StatusCode, text: String) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::TooLarge(BODY_LIMIT)
    } else {
        ApiError::Malformed(text)
    }
}

/// The whole body of `req`, refused with 413 past `limit` bytes (whatever the route's own
/// limit for other kinds of body).
pub async fn read_body(req: Request, limit: usize) -> Result<axum::body::Bytes, ApiError> {
    axum::body::to_bytes(req.into_body(), limit)
        .await
        .map_err(|e| {
            let over = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            if over {
                ApiError::TooLarge(limit)
            } else {
                ApiError::Malformed(e.to_string())
            }
        })
}

/// JSON body whose parse errors answer in our JSON error format.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        Json::<T>::from_request(req, state)
            .await
            .map(|Json(v)| ApiJson(v))
            .map_err(|e: JsonRejection| refused(e.status(), e.body_text()))
    }
}

/// Query string whose parse errors answer in our JSON error format.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| ApiQuery(v))
            .map_err(|e: QueryRejection| ApiError::Malformed(e.body_text()))
    }
}

/// An urlencoded form whose parse errors show as an HTML error page.
pub struct HtmlForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for HtmlForm<T> {
    type Rejection = HtmlError;

    async fn from_request(req: Request, state: &S) -> Result<Self, HtmlError> {
        axum::extract::Form::<T>::from_request(req, state)
            .await
            .map(|axum::extract::Form(v)| HtmlForm(v))
            .map_err(|e: FormRejection| HtmlError(refused(e.status(), e.body_text())))
    }
}

/// The ids in a path (`/sites/{id}`, or several: `PathId<(Uuid, Uuid)>`, with a code:
/// `PathId<(Uuid, String)>`); a malformed one is simply not found.
#[derive(Debug, Clone, Copy)]
pub struct PathId<T = Uuid>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for PathId<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(ids)| PathId(ids))
            .map_err(|_| error_for_path(parts.uri.path(), ApiError::App(Error::NotFound)))
    }
}
