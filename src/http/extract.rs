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

/// The record id in a path (`/sites/{id}`); a malformed one is simply not found.
#[derive(Debug, Clone, Copy)]
pub struct PathId(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let text = Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(text)| text)
            .unwrap_or_default();
        Uuid::parse_str(&text)
            .map(PathId)
            .map_err(|_| error_for_path(parts.uri.path(), ApiError::App(Error::NotFound)))
    }
}
