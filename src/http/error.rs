//! The one place where errors become answers: a status, a stable code, a message in the
//! request's language, field by field where input was refused, as JSON under `/api/` and as
//! a page elsewhere.

use axum::Json;
use axum::http::header::{RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::request_id::request_id;
use crate::app::Error;
use crate::app::Transition;
use crate::domain::audit::AuditState;
use crate::domain::barrier::HeldBack;
use crate::domain::lang::Lang;
use crate::domain::validation::FieldErrors;
use crate::i18n::{self, Msg, field_label, problem_text};
use crate::views::{self, Ctx};

/// Why a request got no answer of its own: a use case's refusal, or a problem with the
/// request itself.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A use case refused or failed.
    #[error(transparent)]
    App(#[from] Error),
    /// The request could not be read at all, with the parser's explanation.
    #[error("bad request: {0}")]
    Malformed(String),
    /// A cookie-authenticated write from another site.
    #[error("cross-site request")]
    CrossSite,
    /// The body is larger than this route accepts (bytes).
    #[error("body too large")]
    TooLarge(usize),
    /// The request ran past the time limit.
    #[error("timed out")]
    TimedOut,
    /// A resumable upload's request without `Tus-Resumable: 1.0.0`.
    #[error("tus version")]
    TusVersion,
    /// A part of a resumable upload sent as another media type.
    #[error("wrong media type")]
    UploadMediaType,
    /// No byte of the request body arrived for this long: it was cut.
    #[error("body stalled")]
    BodyStalled(std::time::Duration),
    /// The handler panicked (logged with the request id).
    #[error("panicked")]
    Panicked,
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::App(e.into())
    }
}

impl From<crate::domain::permission::Denied> for ApiError {
    fn from(d: crate::domain::permission::Denied) -> Self {
        ApiError::App(d.into())
    }
}

/// The JSON error body: `{ "error": { "code", "message", "fields", "reference" } }`.
#[derive(Serialize)]
struct Body {
    error: Detail,
}

#[derive(Serialize)]
struct Detail {
    code: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<std::collections::BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
}

impl ApiError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::App(e) => match e {
                Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                Error::NotFound => StatusCode::NOT_FOUND,
                Error::Gone => StatusCode::GONE,
                Error::SignInRequired | Error::LoginFailed => StatusCode::UNAUTHORIZED,
                Error::Forbidden => StatusCode::FORBIDDEN,
                Error::TooManyAttempts(_) => StatusCode::TOO_MANY_REQUESTS,
                Error::HeldBack(HeldBack::TooMany(_)) => StatusCode::TOO_MANY_REQUESTS,
                Error::HeldBack(_) => StatusCode::UNPROCESSABLE_ENTITY,
                Error::Conflict(_) => StatusCode::CONFLICT,
                Error::Stale(_) => StatusCode::PRECONDITION_FAILED,
                Error::Busy => StatusCode::SERVICE_UNAVAILABLE,
                Error::AuditState(_) | Error::RoundPart(_) => StatusCode::CONFLICT,
                Error::OwnAudit => StatusCode::FORBIDDEN,
                Error::Transition(
                    Transition::ReviewersOnly
                    | Transition::FieldStaffOnly
                    | Transition::OtherDepartment,
                ) => StatusCode::FORBIDDEN,
                Error::Transition(_) => StatusCode::CONFLICT,
                Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            },
            ApiError::Malformed(_) => StatusCode::BAD_REQUEST,
            ApiError::CrossSite => StatusCode::FORBIDDEN,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::TimedOut => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::BodyStalled(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::TusVersion => StatusCode::PRECONDITION_FAILED,
            ApiError::UploadMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Panicked => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::App(e) => match e {
                Error::Invalid(_) => "invalid",
                Error::NotFound => "not_found",
                Error::Gone => "gone",
                Error::SignInRequired => "sign_in_required",
                Error::LoginFailed => "login_failed",
                Error::Forbidden => "forbidden",
                Error::TooManyAttempts(_) | Error::HeldBack(HeldBack::TooMany(_)) => {
                    "too_many_requests"
                }
                Error::HeldBack(_) => "held_back",
                Error::Conflict(_) => "conflict",
                Error::Stale(_) => "stale",
                Error::Busy => "busy",
                Error::AuditState(_) | Error::RoundPart(_) => "wrong_state",
                Error::OwnAudit => "own_audit",
                Error::Transition(
                    Transition::ReviewersOnly
                    | Transition::FieldStaffOnly
                    | Transition::OtherDepartment,
                ) => "forbidden",
                Error::Transition(_) => "transition_refused",
                Error::Internal(_) => "internal",
            },
            ApiError::Malformed(_) => "bad_request",
            ApiError::CrossSite => "cross_site",
            ApiError::TooLarge(_) => "too_large",
            ApiError::TimedOut => "timed_out",
            ApiError::BodyStalled(_) => "body_stalled",
            ApiError::TusVersion => "tus_version",
            ApiError::UploadMediaType => "media_type",
            ApiError::Panicked => "internal",
        }
    }

    /// The refused fields, if input was refused.
    fn fields(&self) -> Option<&FieldErrors> {
        match self {
            ApiError::App(Error::Invalid(errors) | Error::Conflict(errors)) => Some(errors),
            _ => None,
        }
    }

    /// The message in the request's language. Internal errors are logged here, once, with
    /// the request id that the person sees instead of the raw error.
    pub fn message(&self) -> String {
        let lang = i18n::current();
        let t = |m: Msg| m.get(lang).to_owned();
        let with_fields = |intro: Msg, errors: &FieldErrors| {
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
            format!("{} {}", intro.get(lang), parts.join(" "))
        };
        match self {
            ApiError::App(e) => match e {
                Error::Invalid(errors) => with_fields(Msg::ErrorInvalid, errors),
                Error::Conflict(errors) => with_fields(Msg::ErrorConflict, errors),
                Error::NotFound => t(Msg::ErrorNotFound),
                Error::Gone => t(Msg::ErrorUploadGone),
                Error::SignInRequired => t(Msg::ErrorSignInRequired),
                Error::LoginFailed => t(Msg::LoginFailed),
                Error::Forbidden => t(Msg::ErrorForbidden),
                Error::TooManyAttempts(seconds) => {
                    format!("{} {seconds}", Msg::LoginThrottled.get(lang))
                }
                Error::HeldBack(why) => held_back_text(*why, lang),
                Error::Stale(now) => format!("{} {now}", Msg::ErrorStale.get(lang)),
                Error::Busy => t(Msg::ErrorBusy),
                Error::AuditState(state) => t(match state {
                    AuditState::Draft => Msg::ErrorAuditIsDraft,
                    AuditState::Submitted => Msg::ErrorAuditIsSubmitted,
                    AuditState::Returned => Msg::ErrorAuditIsReturned,
                    AuditState::Approved => Msg::ErrorAuditIsApproved,
                }),
                Error::OwnAudit => t(Msg::ErrorOwnAudit),
                Error::RoundPart(n) => round_part_text(*n, lang),
                Error::Transition(rule) => transition_text(*rule, lang),
                Error::Internal(error) => {
                    let reference = request_id();
                    tracing::error!(%reference, error = ?error, "internal error");
                    format!("{} {reference}", Msg::ErrorInternal.get(lang))
                }
            },
            ApiError::Malformed(detail) => format!("{}: {detail}", t(Msg::ErrorMalformedBody)),
            ApiError::CrossSite => t(Msg::ErrorCrossSite),
            ApiError::TooLarge(limit) => {
                format!("{} {}", t(Msg::ErrorTooLarge), megabytes(*limit))
            }
            ApiError::TimedOut => format!("{} {}", t(Msg::ErrorTimedOut), request_id()),
            ApiError::TusVersion => t(Msg::ErrorTusVersion),
            ApiError::UploadMediaType => t(Msg::ErrorUploadMediaType),
            ApiError::BodyStalled(idle) => {
                format!("{} {}", t(Msg::ErrorBodyStalled), idle.as_secs())
            }
            ApiError::Panicked => format!("{} {}", t(Msg::ErrorInternal), request_id()),
        }
    }

    /// True when the person should quote the request id (the fault is ours).
    fn has_reference(&self) -> bool {
        matches!(
            self,
            ApiError::App(Error::Internal(_)) | ApiError::Panicked | ApiError::TimedOut
        )
    }

    /// Headers that go with the status: `Retry-After` for 429 and 503,
    /// `WWW-Authenticate` for 401.
    pub fn add_headers(&self, response: &mut Response) {
        let retry_after = match self {
            ApiError::App(Error::TooManyAttempts(seconds)) => Some((*seconds).max(1)),
            ApiError::App(Error::HeldBack(HeldBack::TooMany(wait))) => {
                Some(wait.num_seconds().max(1))
            }
            ApiError::App(Error::Busy) | ApiError::TimedOut => Some(BUSY_RETRY_SECONDS),
            _ => None,
        };
        if let Some(seconds) = retry_after
            && let Ok(v) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(RETRY_AFTER, v);
        }
        if matches!(
            self,
            ApiError::App(Error::SignInRequired | Error::LoginFailed)
        ) {
            response
                .headers_mut()
                .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
    }
}

/// How long a client should wait before retrying when the database was busy.
pub const BUSY_RETRY_SECONDS: i64 = 2;

/// A limit in megabytes, or in bytes under one (what is left of a resumable upload).
fn megabytes(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{bytes} B")
    } else {
        format!("{} MB", bytes / (1024 * 1024))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let lang = i18n::current();
        let message = self.message();
        let fields = self.fields().map(|errors| {
            errors
                .0
                .iter()
                .map(|e| (e.field.clone(), problem_text(&e.problem, lang)))
                .collect()
        });
        let body = Body {
            error: Detail {
                code: self.code(),
                message,
                fields,
                reference: self.has_reference().then(request_id),
            },
        };
        let mut response = (self.status(), Json(body)).into_response();
        self.add_headers(&mut response);
        response
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        ApiError::App(self).into_response()
    }
}

/// An error shown as an HTML page (for the pages people use), not as JSON.
#[derive(Debug)]
pub struct HtmlError(pub ApiError);

impl<E: Into<ApiError>> From<E> for HtmlError {
    fn from(e: E) -> Self {
        HtmlError(e.into())
    }
}

impl IntoResponse for HtmlError {
    fn into_response(self) -> Response {
        let lang = i18n::current();
        let message = self.0.message();
        // Signed in, the page keeps the signed-in header: an error is not a sign-out.
        let ctx = Ctx::new(lang, "/", None).with_user(super::signed_in::signed_in());
        let status = self.0.status();
        let mut response = (status, views::errors::page(&ctx, status, &message)).into_response();
        self.0.add_headers(&mut response);
        response
    }
}

/// An error answered from middleware, where no handler chose the form: the Open311 list
/// under `/open311/`, JSON under `/api/`, a page elsewhere.
pub fn error_for_path(path: &str, error: ApiError) -> Response {
    if path.starts_with("/open311/") {
        use super::open311::reply::{format_of, refused};
        let mut response = refused(format_of(path), error.status(), vec![error.message()]);
        error.add_headers(&mut response);
        response
    } else if path.starts_with("/api/") {
        error.into_response()
    } else {
        HtmlError(error).into_response()
    }
}

/// 404 for unknown paths.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    error_for_path(uri.path(), Error::NotFound.into())
}

/// The rule that refused a finding's transition, in words.
fn transition_text(rule: Transition, lang: crate::domain::lang::Lang) -> String {
    let state = |s| Msg::get(crate::views::labels::finding_state_label(s), lang);
    match rule {
        Transition::OnlyByAudit => Msg::ErrorFindingOnlyByAudit.get(lang).to_owned(),
        Transition::NotByHand => Msg::ErrorFindingNotByHand.get(lang).to_owned(),
        Transition::Closed => Msg::ErrorFindingClosed.get(lang).to_owned(),
        Transition::NotFrom { from, to } => format!(
            "{} “{}” → “{}”.",
            Msg::ErrorFindingNotFrom.get(lang),
            state(from),
            state(to)
        ),
        Transition::ReviewersOnly => Msg::ErrorFindingReviewersOnly.get(lang).to_owned(),
        Transition::FieldStaffOnly => Msg::ErrorFindingFieldStaffOnly.get(lang).to_owned(),
        Transition::OtherDepartment => Msg::ErrorFindingOtherDepartment.get(lang).to_owned(),
    }
}

/// Why a round's part cannot take a step now, naming the state it is in.
fn round_part_text(n: crate::domain::round::NotNow, lang: Lang) -> String {
    use crate::domain::round::{NotNow, PartState};
    let (state, why) = match n {
        NotNow::Accepted => (PartState::Accepted, Msg::ErrorPartAccepted),
        NotNow::Submitted => (PartState::Submitted, Msg::ErrorPartSubmitted),
        NotNow::NotSubmitted(state) => (state, Msg::ErrorPartNotSubmitted),
    };
    let label = views::labels::part_state_label(state).get(lang);
    format!(
        "{} “{label}”. {}",
        Msg::ErrorPartIs.get(lang),
        why.get(lang)
    )
}

/// Why a report was held back, and what the sender can do, in their language.
fn held_back_text(why: HeldBack, lang: Lang) -> String {
    match why {
        HeldBack::Honeypot => Msg::BarrierHeldHoneypot.get(lang).to_owned(),
        HeldBack::TooFast => Msg::BarrierHeldTooFast.get(lang).to_owned(),
        HeldBack::Stale => Msg::BarrierHeldStale.get(lang).to_owned(),
        HeldBack::TooMany(wait) => Msg::BarrierHeldTooMany
            .get(lang)
            .replace("{minutes}", &(wait.num_minutes() + 1).to_string()),
    }
}
