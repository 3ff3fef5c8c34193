//! Signing in and out: `POST`/`DELETE /api/v1/session` for programs, `/login` and
//! `/logout` for browsers. Failures never say whether the username exists.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;

use super::auth::{Auth, Via, clear_cookie, session_cookie};
use super::extract::HtmlForm;
use super::{ApiJson, AppState, HtmlError};
use crate::domain::event::{Actor, Change};
use crate::domain::secret::{self, digest};
use crate::domain::throttle::{self, Verdict};
use crate::domain::user::{SESSION_MAX, User, parse_username};
use crate::error::AppError;
use crate::store::{events, throttle as failures, users};
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

/// The client's address, the key for throttling; requests without one (in-process tests)
/// share the key `unknown`.
struct Peer(String);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let addr = parts.extensions.get::<ConnectInfo<SocketAddr>>();
        Ok(Peer(addr.map_or_else(
            || "unknown".into(),
            |ConnectInfo(a)| a.ip().to_string(),
        )))
    }
}

/// Password checks running at once in this instance.
static VERIFYING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

/// Checks the throttle, the user and the password; on success stores a new session and
/// returns the user with the cookie value.
async fn sign_in(
    state: &AppState,
    credentials: &Credentials,
    addr: &str,
    previous: &Auth,
) -> Result<(User, String), AppError> {
    let raw = credentials.username.as_deref().unwrap_or_default();
    let username = parse_username(Some(raw)).unwrap_or_else(|_| raw.trim().to_lowercase());
    let user_key = format!("user:{}", username.chars().take(64).collect::<String>());
    let addr_key = format!("addr:{addr}");
    // At most a few password checks at once per instance: argon2 is slow and memory-hard,
    // and the throttle is read after waiting here, so a burst cannot all pass it together.
    let _permit = VERIFYING
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let now = Utc::now();
    {
        let mut conn = state.db.conn().await?;
        let by_user = throttle::verdict(failures::get(&mut conn, &user_key).await?, now);
        let by_addr = throttle::verdict(failures::get(&mut conn, &addr_key).await?, now);
        let verdict = throttle::stricter(by_user, by_addr);
        if let Some(wait) = verdict.retry_after() {
            let seconds = (wait.num_milliseconds() + 999) / 1000;
            return Err(AppError::TooManyRequests(seconds.max(1)));
        }
        debug_assert_eq!(verdict, Verdict::Allow);
    }
    let found = users::with_hash(&mut state.db.conn().await?, &username).await?;
    let password = credentials.password.clone().unwrap_or_default();
    let hash = found
        .as_ref()
        .map_or_else(|| secret::dummy_hash().to_owned(), |(_, h)| h.clone());
    let matches = tokio::task::spawn_blocking(move || secret::verify_password(&password, &hash))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let mut tx = state.db.begin().await?;
    let user = match found {
        Some((user, _)) if matches && user.active => user,
        _ => {
            for key in [&user_key, &addr_key] {
                failures::add_failure(&mut tx, key, now).await?;
            }
            tx.commit().await?;
            tracing::info!(addr, "failed sign-in");
            return Err(AppError::LoginFailed);
        }
    };
    failures::clear(&mut tx, &user_key).await?;
    // A new sign-in replaces the session the browser had, never adds to it.
    if let Some(Via::Session(old)) = previous.0.as_ref().map(|p| &p.via) {
        users::delete_session(&mut tx, old).await?;
    }
    let value = secret::new_secret("s_");
    users::create_session(&mut tx, &digest(&value), user.id, now, now + SESSION_MAX).await?;
    let actor = Actor {
        id: Some(user.id),
        name: user.username.clone(),
    };
    events::append(
        &mut tx,
        Change::new(&actor, "session.sign_in", "user", &user.username),
    )
    .await?;
    tx.commit().await?;
    Ok((user, value))
}

/// Ends the request's session on the server (bearer requests have none to end).
async fn sign_out(state: &AppState, auth: &Auth) -> Result<(), AppError> {
    if let Some(principal) = &auth.0
        && let Via::Session(id_hash) = &principal.via
    {
        let mut tx = state.db.begin().await?;
        users::delete_session(&mut tx, id_hash).await?;
        events::append(
            &mut tx,
            Change::new(
                &principal.actor(),
                "session.sign_out",
                "user",
                &principal.user.username,
            ),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

async fn current(auth: Auth) -> Result<Json<User>, AppError> {
    Ok(Json(auth.signed_in()?.user.clone()))
}

async fn sign_in_api(
    State(state): State<AppState>,
    auth: Auth,
    Peer(addr): Peer,
    ApiJson(credentials): ApiJson<Credentials>,
) -> Result<Response, AppError> {
    let (user, value) = sign_in(&state, &credentials, &addr, &auth).await?;
    let cookie = session_cookie(&value, &state.settings.base_url);
    Ok(([(SET_COOKIE, cookie)], Json(user)).into_response())
}

async fn sign_out_api(State(state): State<AppState>, auth: Auth) -> Result<Response, AppError> {
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
    Peer(addr): Peer,
    HtmlForm(credentials): HtmlForm<Credentials>,
) -> Result<Response, HtmlError> {
    let next = local_next(credentials.next.as_deref());
    match sign_in(&state, &credentials, &addr, &auth).await {
        Ok((_, value)) => {
            let cookie = session_cookie(&value, &state.settings.base_url);
            Ok(([(SET_COOKIE, cookie)], Redirect::to(&next)).into_response())
        }
        Err(e @ (AppError::LoginFailed | AppError::TooManyRequests(_))) => {
            let (message, _) = e.message();
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
