//! Photos of an audit: `POST /api/v1/audits/{id}/photos` (multipart: `file`, and optionally
//! `item` and `caption`), `DELETE .../photos/{photo}`, and the files themselves for staff
//! (`.../photos/{photo}/{display|thumb|original}`) and, once approved, for the public
//! (`/api/v1/public/photos/{photo}/{display|thumb}`).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use uuid::Uuid;

use super::json::PhotoJson;
use crate::app::photos::{self, Added, File, Rendition, Upload};
use crate::app::retries::{Created, Once};
use crate::app::{Error, Services};
use crate::domain::validation::{FieldErrors, Problem};
use crate::http::auth::Auth;
use crate::http::extract::PHOTO_LIMIT;
use crate::http::retries::{IdempotencyKey, fingerprint, json_answer, replay};
use crate::http::{ApiError, AppState, PathId};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/audits/{id}/photos",
            post(upload).layer(DefaultBodyLimit::max(PHOTO_LIMIT)),
        )
        .route("/api/v1/audits/{id}/photos/{photo}", delete(remove))
        .route("/api/v1/audits/{id}/photos/{photo}/{file}", get(staff_file))
        .route("/api/v1/public/photos/{photo}/{file}", get(public_file))
}

/// An uploaded photo form, read whole, with the fingerprint of the request.
pub(crate) struct PhotoForm {
    /// The photo and its fields.
    pub upload: Upload,
    /// See [`fingerprint`].
    pub fingerprint: String,
}

/// A multipart error as our error: over `limit` is 413, anything else 400.
pub(crate) fn refused(e: axum::extract::multipart::MultipartError, limit: usize) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::TooLarge(limit)
    } else {
        ApiError::Malformed(e.body_text())
    }
}

impl<S: Send + Sync> FromRequest<S> for PhotoForm {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let method = req.method().to_string();
        let path = req.uri().path().to_owned();
        let mut multipart = Multipart::from_request(req, state).await.map_err(|e| {
            ApiError::Malformed(format!("Expected a multipart/form-data body: {e}"))
        })?;
        let mut upload = Upload::default();
        let mut seen = Vec::new();
        let mut errors = FieldErrors::default();
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| refused(e, PHOTO_LIMIT))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            let bytes: Bytes = field.bytes().await.map_err(|e| refused(e, PHOTO_LIMIT))?;
            seen.push(name.clone());
            seen.push(crate::domain::secret::digest_bytes(&bytes));
            match name.as_str() {
                "file" if upload.bytes.is_empty() => upload.bytes = bytes,
                "file" => errors.add("file", Problem::OneFileOnly),
                _ => match String::from_utf8(bytes.to_vec()) {
                    Ok(text) => match name.as_str() {
                        "item" => {
                            upload.item = Some(text.trim().to_owned()).filter(|t| !t.is_empty())
                        }
                        "caption" => upload.caption = Some(text),
                        _ => {}
                    },
                    Err(e) => {
                        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                        let column = String::from_utf8_lossy(valid).chars().count() + 1;
                        errors.add(&name, Problem::NotUtf8 { column });
                    }
                },
            }
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors).into());
        }
        Ok(PhotoForm {
            upload,
            fingerprint: fingerprint(&method, &path, seen.join("\n").as_bytes()),
        })
    }
}

/// Adds a photo (201); with `Idempotency-Key`, the same upload again answers as the first.
async fn upload(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    IdempotencyKey(key): IdempotencyKey,
    form: PhotoForm,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let base = state.settings.base_url.clone();
    let answer = |a: &Added| {
        json_answer(
            StatusCode::CREATED,
            &PhotoJson::new(&a.photo, &a.site, &base),
        )
    };
    let once = key.as_deref().map(|key| Once {
        key,
        fingerprint: form.fingerprint.clone(),
        answer: &answer,
    });
    match photos::add(&state.services, &actor, id, form.upload, once).await? {
        Created::New(a) => Ok((
            StatusCode::CREATED,
            axum::Json(PhotoJson::new(&a.photo, &a.site, &base)),
        )
            .into_response()),
        Created::Replayed(answer) => Ok(replay(answer)),
    }
}

async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    PathId((audit, photo)): PathId<(Uuid, Uuid)>,
) -> Result<StatusCode, ApiError> {
    let actor = auth.actor()?;
    photos::delete(&state.services, &actor, audit, photo).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A photo file; staff files are private to the browser, public ones may be cached.
pub(crate) fn file_response(file: File, public: bool) -> Response {
    let cache = if public {
        "public, max-age=3600"
    } else {
        "private, max-age=3600"
    };
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static(file.media_type)),
            (CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        file.bytes,
    )
        .into_response()
}

async fn staff_file(
    State(state): State<AppState>,
    auth: Auth,
    PathId((audit, photo, file)): PathId<(Uuid, Uuid, String)>,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let which = Rendition::parse(&file).ok_or(Error::NotFound)?;
    let file = photos::staff_file(&state.services, &actor, audit, photo, which).await?;
    Ok(file_response(file, false))
}

async fn public_file(
    State(state): State<AppState>,
    PathId((photo, file)): PathId<(Uuid, String)>,
) -> Result<Response, ApiError> {
    let which = Rendition::parse(&file).ok_or(Error::NotFound)?;
    let services: &Services = &state.services;
    let file = photos::public_file(services, photo, which).await?;
    Ok(file_response(file, true))
}
