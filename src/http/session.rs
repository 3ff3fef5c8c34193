//! Signing in and out: `POST`/`DELETE /api/v1/session` for programs, `/login` and
//! `/logout` for browsers.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::auth::{Auth, ClientAddress, clear_cookie, session_cookie};
use super::users::UserJson;
use super::{ApiError, ApiJson, AppState, HtmlError, HtmlForm};
use crate::app::Error;
use crate::app::sessions::{self, SignedIn};
use crate::domain::user::Role;
use crate::views::{self, Ctx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/session",
            get(current).post(sign_in_api).delete(sign_out_api),
        )
        .route("/login", get(login_page).post(login_form))
        .route("/logout", post(logout_form))
}

/// Credentials as posted (JSON or form).
#[derive(Debug, Default, Deserialize)]
struct Credentials {
    username: Option<String>,
    password: Option<String>,
    next: Option<String>,
}

async fn sign_in(
    state: &AppState,
    auth: &Auth,
    address: &ClientAddress,
    credentials: &Credentials,
) -> Result<SignedIn, Error> {
    sessions::sign_in(
        &state.services,
        credentials.username.as_deref().unwrap_or_default(),
        credentials.password.as_deref().unwrap_or_default(),
        &address.0,
        auth.session_digest(),
    )
    .await
}

/// Ends the request's session on the server (bearer requests have none to end).
async fn sign_out(state: &AppState, auth: &Auth) -> Result<(), Error> {
    if let Some(digest) = auth.session_digest() {
        sessions::sign_out(&state.services, &auth.actor()?, digest).await?;
    }
    Ok(())
}

async fn current(auth: Auth) -> Result<Json<UserJson>, ApiError> {
    Ok(Json(UserJson::from(&auth.signed_in()?.user)))
}

async fn sign_in_api(
    State(state): State<AppState>,
    auth: Auth,
    address: ClientAddress,
    ApiJson(credentials): ApiJson<Credentials>,
) -> Result<Response, ApiError> {
    let signed_in = sign_in(&state, &auth, &address, &credentials).await?;
    let cookie = session_cookie(&signed_in.cookie_value, &state.settings.base_url);
    Ok((
        [(SET_COOKIE, cookie)],
        Json(UserJson::from(&signed_in.user)),
    )
        .into_response())
}

async fn sign_out_api(State(state): State<AppState>, auth: Auth) -> Result<Response, ApiError> {
    sign_out(&state, &auth).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    clear_cookie(&mut response, &state.settings.base_url);
    Ok(response)
}

/// Where to go after signing in: a local path only, never another site.
fn local_next(next: Option<&str>) -> String {
    // Visible ASCII only: browsers drop tabs and newlines from URLs, so "/\t/evil" would
    // become "//evil".
    next.filter(|n| n.bytes().all(|b| (0x21..=0x7e).contains(&b)))
        .filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or("/")
        .to_owned()
}

#[derive(Debug, Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn login_page(ctx: Ctx, Query(query): Query<NextQuery>) -> axum::response::Html<String> {
    let next = local_next(query.next.as_deref());
    axum::response::Html(views::session::login_page(&ctx, "", &next, None).into_string())
}

async fn login_form(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    address: ClientAddress,
    HtmlForm(credentials): HtmlForm<Credentials>,
) -> Result<Response, HtmlError> {
    let next = local_next(credentials.next.as_deref());
    match sign_in(&state, &auth, &address, &credentials).await {
        Ok(signed_in) => {
            let cookie = session_cookie(&signed_in.cookie_value, &state.settings.base_url);
            // An observer sees nothing of the staff's home: they land on their audits.
            let next = match (next.as_str(), signed_in.user.role) {
                ("/", Role::Observer) => "/observing".to_owned(),
                _ => next,
            };
            Ok(([(SET_COOKIE, cookie)], Redirect::to(&next)).into_response())
        }
        Err(e @ (Error::LoginFailed | Error::TooManyAttempts(_))) => {
            let e = ApiError::App(e);
            let message = e.message();
            let username = credentials.username.as_deref().unwrap_or_default();
            let page = views::session::login_page(&ctx, username, &next, Some(&message));
            let mut response = (e.status(), page).into_response();
            e.add_headers(&mut response);
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

async fn logout_form(State(state): State<AppState>, auth: Auth) -> Result<Response, HtmlError> {
    sign_out(&state, &auth).await?;
    let mut response = Redirect::to("/").into_response();
    clear_cookie(&mut response, &state.settings.base_url);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::local_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(local_next(Some("/sites/new")), "/sites/new");
        assert_eq!(local_next(Some("//evil.example")), "/");
        assert_eq!(local_next(Some("https://evil.example")), "/");
        assert_eq!(local_next(Some("/\\evil.example")), "/");
        assert_eq!(local_next(Some("/\t/evil.example")), "/");
        assert_eq!(local_next(Some("/\n/evil.example")), "/");
        assert_eq!(local_next(Some("/trang-chủ")), "/");
        assert_eq!(local_next(None), "/");
    }
}
