//! Resumable photo uploads by the tus 1.0 protocol (core, creation, termination,
//! expiration) under `/api/v1/uploads`, for clients such as `tus-js-client`:
//! `OPTIONS` says what the server offers, `POST` creates an upload (`Upload-Length`,
//! `Upload-Metadata` naming the audit), `HEAD` tells how much arrived, `PATCH` sends the
//! next part (`Content-Type: application/offset+octet-stream`, `Upload-Offset`), `DELETE`
//! gives up. Every answer carries `Tus-Resumable: 1.0.0`; a request without it (but
//! `OPTIONS`) is 412. A `POST` with `X-HTTP-Method-Override` is taken as that method.
//! Who may upload is who may add a photo to the audit, signed in as for the rest of the API.

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, LOCATION};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::options;
use futures_util::StreamExt;
use uuid::Uuid;

use super::audits::json::PhotoJson;
use crate::app::uploads::{self, NewUpload};
use crate::app::{Error, photos::Added};
use crate::domain::upload::{TUS_EXTENSIONS, TUS_VERSION, Upload, http_date, parse_count};
use crate::http::auth::Auth;
use crate::http::extract::PHOTO_LIMIT;
use crate::http::retries::json_answer;
use crate::http::{ApiError, AppState, PathId};

const TUS_RESUMABLE: HeaderName = HeaderName::from_static("tus-resumable");
const TUS_VERSION_HEADER: HeaderName = HeaderName::from_static("tus-version");
const TUS_EXTENSION: HeaderName = HeaderName::from_static("tus-extension");
const TUS_MAX_SIZE: HeaderName = HeaderName::from_static("tus-max-size");
const UPLOAD_OFFSET: HeaderName = HeaderName::from_static("upload-offset");
const UPLOAD_LENGTH: HeaderName = HeaderName::from_static("upload-length");
const UPLOAD_METADATA: HeaderName = HeaderName::from_static("upload-metadata");
const UPLOAD_EXPIRES: HeaderName = HeaderName::from_static("upload-expires");
const METHOD_OVERRIDE: HeaderName = HeaderName::from_static("x-http-method-override");
/// The photo a completed upload made.
const PHOTO_ID: HeaderName = HeaderName::from_static("tiepcan-photo-id");

/// The media type of a part of the file.
const OFFSET_OCTET_STREAM: &str = "application/offset+octet-stream";

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/uploads", options(offer).post(create))
        .route(
            "/api/v1/uploads/{id}",
            options(offer)
                .head(head)
                .patch(patch)
                .delete(terminate)
                .post(overridden),
        )
        .layer(axum::middleware::from_fn(speak_tus))
}

/// Route layer: refuses a request (but `OPTIONS`) without `Tus-Resumable: 1.0.0`, and
/// marks every answer with the version spoken.
async fn speak_tus(req: Request, next: Next) -> Response {
    let spoken = req
        .headers()
        .get(TUS_RESUMABLE)
        .is_some_and(|v| v.as_bytes() == TUS_VERSION.as_bytes());
    let mut response = if spoken || req.method() == Method::OPTIONS {
        next.run(req).await
    } else {
        let mut refused = ApiError::TusVersion.into_response();
        refused
            .headers_mut()
            .insert(TUS_VERSION_HEADER, HeaderValue::from_static(TUS_VERSION));
        refused
    };
    response
        .headers_mut()
        .insert(TUS_RESUMABLE, HeaderValue::from_static(TUS_VERSION));
    response
}

/// `OPTIONS`: the version, the extensions and the largest file (204).
async fn offer() -> Response {
    (
        StatusCode::NO_CONTENT,
        [
            (TUS_VERSION_HEADER, HeaderValue::from_static(TUS_VERSION)),
            (TUS_EXTENSION, HeaderValue::from_static(TUS_EXTENSIONS)),
            (TUS_MAX_SIZE, HeaderValue::from(PHOTO_LIMIT)),
        ],
    )
        .into_response()
}

fn text<'h>(headers: &'h HeaderMap, name: &HeaderName) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// A count header (`Upload-Length`, `Upload-Offset`), required: 400 when missing or not a
/// non-negative whole number.
fn count(headers: &HeaderMap, name: &HeaderName) -> Result<u64, ApiError> {
    let value = text(headers, name)
        .ok_or_else(|| ApiError::Malformed(format!("the {name} header is required")))?;
    parse_count(value.trim()).ok_or_else(|| {
        ApiError::Malformed(format!(
            "{name} must be a whole number of bytes, not `{value}`"
        ))
    })
}

/// The headers every answer about an upload carries: where it stands and when it expires.
fn state_headers(upload: &Upload, response: &mut Response) {
    let headers = response.headers_mut();
    headers.insert(UPLOAD_OFFSET, HeaderValue::from(upload.received));
    if !upload.completed
        && let Ok(v) = HeaderValue::from_str(&http_date(upload.expires_at))
    {
        headers.insert(UPLOAD_EXPIRES, v);
    }
    if let Some(photo) = upload.photo_id
        && let Ok(v) = HeaderValue::from_str(&photo.to_string())
    {
        headers.insert(PHOTO_ID, v);
    }
}

/// `POST`: creates an upload (201 with its `Location` and `Upload-Expires`). A file over
/// the photo limit is 413; an audit the person may not add photos to, an unknown item or
/// a bad metadata value are refused as a photo sent in one request would be.
async fn create(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    if headers.contains_key("upload-defer-length") && !headers.contains_key(UPLOAD_LENGTH) {
        return Err(ApiError::Malformed(
            "Upload-Defer-Length is not offered: send Upload-Length".into(),
        ));
    }
    let length = count(&headers, &UPLOAD_LENGTH)?;
    if length > PHOTO_LIMIT as u64 {
        return Err(ApiError::TooLarge(PHOTO_LIMIT));
    }
    let new = NewUpload {
        length,
        metadata: text(&headers, &UPLOAD_METADATA)
            .unwrap_or_default()
            .to_owned(),
    };
    let upload = uploads::create(&state.services, &actor, &new).await?;
    let location = format!("{}/api/v1/uploads/{}", state.settings.base_url, upload.id);
    let mut response = StatusCode::CREATED.into_response();
    state_headers(&upload, &mut response);
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(LOCATION, v);
    }
    Ok(response)
}

/// `HEAD`: how much of the upload arrived, its length and metadata, never cached; 404 for
/// an upload that is not there (or not this person's), 410 for one that expired.
async fn head(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let upload = uploads::status(&state.services, &actor, id).await?;
    let mut response = StatusCode::OK.into_response();
    state_headers(&upload, &mut response);
    let headers = response.headers_mut();
    headers.insert(UPLOAD_LENGTH, HeaderValue::from(upload.length));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if !upload.metadata.is_empty()
        && let Ok(v) = HeaderValue::from_str(&upload.metadata)
    {
        headers.insert(UPLOAD_METADATA, v);
    }
    Ok(response)
}

/// `PATCH`: the next part of the file, from `Upload-Offset` (204 with the new offset). A
/// part for another offset is 409, one of another media type 415, one longer than what is
/// left 413. What arrives is kept even if the connection is cut. The part that completes
/// the file makes the photo, or is refused as a photo sent in one request would be.
async fn patch(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    req: Request,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let headers = req.headers();
    let media = text(headers, &CONTENT_TYPE).unwrap_or_default();
    if !media.trim().eq_ignore_ascii_case(OFFSET_OCTET_STREAM) {
        return Err(ApiError::UploadMediaType);
    }
    let offset = count(headers, &UPLOAD_OFFSET)?;
    let declared = text(headers, &CONTENT_LENGTH).and_then(|v| parse_count(v.trim()));
    let upload = uploads::status(&state.services, &actor, id).await?;
    let left = upload.length.saturating_sub(offset);
    if declared.is_some_and(|n| n > left) {
        return Err(ApiError::TooLarge(
            usize::try_from(left).unwrap_or(usize::MAX),
        ));
    }
    let base = state.settings.base_url.clone();
    let answer: uploads::AnswerOf = std::sync::Arc::new(move |a: &Added| {
        json_answer(
            StatusCode::CREATED,
            &PhotoJson::new(&a.photo, &a.site, &base),
        )
    });
    // Bytes past the upload's length end the part (413); those before them are kept.
    let over = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut sent = 0u64;
    let past = over.clone();
    let body = req.into_body().into_data_stream().map(move |frame| {
        let bytes = frame.map_err(|e| e.to_string())?;
        sent += bytes.len() as u64;
        if sent > left {
            past.store(true, std::sync::atomic::Ordering::SeqCst);
            return Err(format!("more than the {left} bytes left of the upload"));
        }
        Ok(bytes)
    });
    let received = uploads::receive(&state.services, &actor, id, offset, body, answer).await;
    if over.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(ApiError::TooLarge(
            usize::try_from(left).unwrap_or(usize::MAX),
        ));
    }
    let upload = received?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    state_headers(&upload, &mut response);
    Ok(response)
}

/// `DELETE`: gives the upload up (204); what it received is removed.
async fn terminate(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> Result<StatusCode, ApiError> {
    let actor = auth.actor()?;
    uploads::terminate(&state.services, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST` with `X-HTTP-Method-Override: PATCH | DELETE | HEAD`, for clients that cannot
/// send those methods.
async fn overridden(
    state: State<AppState>,
    auth: Auth,
    id: PathId<Uuid>,
    req: Request,
) -> Result<Response, ApiError> {
    let method = text(req.headers(), &METHOD_OVERRIDE)
        .unwrap_or_default()
        .trim()
        .to_ascii_uppercase();
    match method.as_str() {
        "PATCH" => patch(state, auth, id, req).await,
        "DELETE" => terminate(state, auth, id)
            .await
            .map(IntoResponse::into_response),
        "HEAD" => head(state, auth, id).await,
        _ => Err(Error::NotFound.into()),
    }
}
