//! Extractors that turn bad requests into our error format, and the HTML error page.

use axum::Json;
use axum::extract::rejection::{FormRejection, JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::Uri;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::views::{self, Ctx};

/// JSON body whose parse errors answer in our JSON error format.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        Json::<T>::from_request(req, state)
            .await
            .map(|Json(v)| ApiJson(v))
            .map_err(|e: JsonRejection| AppError::BadRequest(e.body_text()))
    }
}

/// Query string whose parse errors answer in our JSON error format.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| ApiQuery(v))
            .map_err(|e: QueryRejection| AppError::BadRequest(e.body_text()))
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
            .map_err(|e: FormRejection| HtmlError(AppError::BadRequest(e.body_text())))
    }
}

/// An error shown as an HTML page (for the pages people use), not as JSON.
#[derive(Debug)]
pub struct HtmlError(pub AppError);

impl From<AppError> for HtmlError {
    fn from(e: AppError) -> Self {
        HtmlError(e)
    }
}

impl From<sqlx::Error> for HtmlError {
    fn from(e: sqlx::Error) -> Self {
        HtmlError(e.into())
    }
}

impl IntoResponse for HtmlError {
    fn into_response(self) -> Response {
        let lang = crate::i18n::current();
        let (message, _) = self.0.message();
        let ctx = Ctx::new(lang, "/", None);
        (
            self.0.status(),
            views::errors::page(&ctx, self.0.status(), &message),
        )
            .into_response()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let lang = Lang::from_request_parts(parts, state).await?;
        let auth = super::auth::Auth::from_request_parts(parts, state).await?;
        let user = auth.0.map(|p| crate::views::CtxUser {
            display_name: p.user.display_name,
            role: p.user.role,
        });
        Ok(Ctx::new(lang, parts.uri.path(), parts.uri.query()).with_user(user))
    }
}

/// An error answered from middleware, where no handler chose the form: JSON under
/// `/api/`, a page elsewhere.
pub fn error_for_path(path: &str, error: AppError) -> Response {
    if path.starts_with("/api/") {
        error.into_response()
    } else {
        HtmlError(error).into_response()
    }
}

/// 404 for unknown paths.
pub async fn not_found(uri: Uri) -> Response {
    error_for_path(uri.path(), AppError::NotFound)
}
