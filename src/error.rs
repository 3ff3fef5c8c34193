//! The one error type of the web layer, and how it is shown to people and programs.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::domain::validation::{FieldErrors, Problem};
use crate::i18n::{self, Msg, field_label, problem_text};

/// What went wrong while handling a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input refused, field by field (422).
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// A request that could not be read at all (400), with the parser's explanation.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// No such record or page (404).
    #[error("not found")]
    NotFound,
    /// Nobody is signed in (401).
    #[error("sign-in required")]
    SignInRequired,
    /// Wrong username or password, or a disabled account (401); never says which.
    #[error("sign-in failed")]
    LoginFailed,
    /// Signed in but not allowed (403).
    #[error("forbidden")]
    Forbidden,
    /// A cookie-authenticated write from another site (403).
    #[error("cross-site request")]
    CrossSite,
    /// Too many failed sign-ins (429); retry after this many seconds.
    #[error("too many attempts")]
    TooManyRequests(i64),
    /// Clashes with stored data (409); names the constraint.
    #[error("conflict: {0}")]
    Conflict(String),
    /// Anything else (500); logged with a reference, never shown raw.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        if let Some(db) = e.as_database_error()
            && db.is_unique_violation()
        {
            return AppError::Conflict(db.constraint().unwrap_or("unique").to_owned());
        }
        AppError::Internal(anyhow::Error::new(e))
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Invalid(e)
    }
}

impl AppError {
    /// A single refused field.
    pub fn field(field: &str, problem: Problem) -> Self {
        AppError::Invalid(FieldErrors::single(field, problem))
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::SignInRequired | AppError::LoginFailed => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::CrossSite => StatusCode::FORBIDDEN,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid",
            AppError::BadRequest(_) => "bad_request",
            AppError::NotFound => "not_found",
            AppError::SignInRequired => "sign_in_required",
            AppError::LoginFailed => "login_failed",
            AppError::Forbidden => "forbidden",
            AppError::CrossSite => "cross_site",
            AppError::TooManyRequests(_) => "too_many_requests",
            AppError::Conflict(_) => "conflict",
            AppError::Internal(_) => "internal",
        }
    }

    /// The message in the request's language; logs internal errors and returns the
    /// reference id to quote.
    pub fn message(&self) -> (String, Option<Uuid>) {
        let lang = i18n::current();
        match self {
            AppError::Invalid(errors) => {
                let parts: Vec<String> = errors
                    .0
                    .iter()
                    .map(|e| {
                        format!(
                            "{}: {}",
                            field_label(&e.field, lang),
                            problem_text(&e.problem, lang)
                        )
                    })
                    .collect();
                (
                    format!("{} {}", Msg::ErrorInvalid.get(lang), parts.join(" ")),
                    None,
                )
            }
            AppError::BadRequest(detail) => (
                format!("{}: {detail}", Msg::ErrorMalformedBody.get(lang)),
                None,
            ),
            AppError::NotFound => (Msg::ErrorNotFound.get(lang).to_owned(), None),
            AppError::SignInRequired => (Msg::ErrorSignInRequired.get(lang).to_owned(), None),
            AppError::LoginFailed => (Msg::LoginFailed.get(lang).to_owned(), None),
            AppError::Forbidden => (Msg::ErrorForbidden.get(lang).to_owned(), None),
            AppError::CrossSite => (Msg::ErrorCrossSite.get(lang).to_owned(), None),
            AppError::TooManyRequests(seconds) => {
                (format!("{} {seconds}", Msg::LoginThrottled.get(lang)), None)
            }
            AppError::Conflict(what) => {
                (format!("{} ({what})", Msg::ErrorConflict.get(lang)), None)
            }
            AppError::Internal(e) => {
                let reference = Uuid::now_v7();
                tracing::error!(%reference, error = ?e, "internal error");
                (
                    format!("{} {reference}", Msg::ErrorInternal.get(lang)),
                    Some(reference),
                )
            }
        }
    }
}

impl AppError {
    /// Headers that go with the status: `Retry-After` for 429, `WWW-Authenticate` for 401.
    pub fn add_headers(&self, response: &mut Response) {
        use axum::http::HeaderValue;
        use axum::http::header::{RETRY_AFTER, WWW_AUTHENTICATE};
        match self {
            AppError::TooManyRequests(seconds) => {
                if let Ok(v) = HeaderValue::from_str(&seconds.max(&1).to_string()) {
                    response.headers_mut().insert(RETRY_AFTER, v);
                }
            }
            AppError::SignInRequired | AppError::LoginFailed => {
                response
                    .headers_mut()
                    .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
    }
}

/// The JSON error body of the API: `{ "error": { "code", "message", "fields" } }`.
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let lang = i18n::current();
        let (message, reference) = self.message();
        let mut error = json!({ "code": self.code(), "message": message });
        if let AppError::Invalid(errors) = &self {
            let fields: Map<String, Value> = errors
                .0
                .iter()
                .map(|e| {
                    (
                        e.field.clone(),
                        Value::String(problem_text(&e.problem, lang)),
                    )
                })
                .collect();
            error["fields"] = Value::Object(fields);
        }
        if let Some(reference) = reference {
            error["reference"] = Value::String(reference.to_string());
        }
        let mut response = (self.status(), Json(json!({ "error": error }))).into_response();
        self.add_headers(&mut response);
        response
    }
}
