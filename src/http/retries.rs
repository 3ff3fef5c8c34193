//! `Idempotency-Key` on creating requests: the key, what the request was (its fingerprint),
//! and sending a stored first answer again.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::{CONTENT_TYPE, LOCATION};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::extract::BODY_LIMIT;
use crate::app::retries::{Answer, check_key};
use crate::domain::secret::digest_bytes;

/// The `Idempotency-Key` header, checked; none when the client sent none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get("idempotency-key") else {
            return Ok(IdempotencyKey(None));
        };
        let text = value.to_str().unwrap_or("\u{0}");
        Ok(IdempotencyKey(Some(check_key(text)?.to_owned())))
    }
}

/// What a request was: method, path and body, hashed; the same key with another request is
/// refused.
pub fn fingerprint(method: &str, path: &str, body: &[u8]) -> String {
    let mut all = Vec::with_capacity(method.len() + path.len() + body.len() + 2);
    all.extend_from_slice(method.as_bytes());
    all.push(b' ');
    all.extend_from_slice(path.as_bytes());
    all.push(b'\n');
    all.extend_from_slice(body);
    digest_bytes(&all)
}

/// A JSON body together with the fingerprint of the request that carried it.
pub struct KeyedJson<T> {
    /// The body.
    pub value: T,
    /// See [`fingerprint`].
    pub fingerprint: String,
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for KeyedJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let method = req.method().to_string();
        let path = req.uri().path().to_owned();
        let json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::TooLarge(BODY_LIMIT)
            } else {
                ApiError::Malformed(e.body_text())
            }
        })?;
        if !json {
            return Err(ApiError::Malformed(
                "Expected request with `Content-Type: application/json`".into(),
            ));
        }
        let value = serde_json::from_slice(&bytes).map_err(|e| {
            ApiError::Malformed(format!("Failed to deserialize the JSON body: {e}"))
        })?;
        Ok(KeyedJson {
            value,
            fingerprint: fingerprint(&method, &path, &bytes),
        })
    }
}

/// A JSON answer as it is written down for a retry.
pub fn json_answer(status: StatusCode, body: &impl serde::Serialize) -> Answer {
    Answer {
        status: status.as_u16(),
        body: serde_json::to_string(body).expect("responses serialise"),
    }
}

/// A redirect answer (forms) as it is written down: the body is the location.
pub fn redirect_answer(location: String) -> Answer {
    Answer {
        status: StatusCode::SEE_OTHER.as_u16(),
        body: location,
    }
}

/// Sends a stored answer again, marked as a replay.
pub fn replay(answer: Answer) -> Response {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    let mut response = if status.is_redirection() {
        let mut r = status.into_response();
        if let Ok(location) = HeaderValue::from_str(&answer.body) {
            r.headers_mut().insert(LOCATION, location);
        }
        r
    } else {
        (
            status,
            [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            answer.body,
        )
            .into_response()
    };
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    response
}
