//! Who is asking: bearer token or session cookie, resolved once per request; the
//! same-origin check for cookie-authenticated writes; the extractors handlers use.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{AUTHORIZATION, HOST, ORIGIN, REFERER, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use chrono::Utc;
use uuid::Uuid;

use super::AppState;
use super::lang::cookie;
use crate::domain::event::Actor;
use crate::domain::permission::{self, Action, Asker, Denied};
use crate::domain::secret::digest;
use crate::domain::user::{User, session_alive};
use crate::error::AppError;
use crate::store::users;

/// Name of the session cookie: with the `__Host-` prefix under https, so no other
/// subdomain can set it.
pub fn session_cookie_name(base_url: &str) -> &'static str {
    if base_url.starts_with("https://") {
        "__Host-tiepcan_session"
    } else {
        "tiepcan_session"
    }
}

/// How the request proved who it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// A session cookie (its digest).
    Session(String),
    /// A bearer token (its id).
    Token(Uuid),
}

/// A signed-in person and how they signed in.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The user (active).
    pub user: User,
    /// Cookie or token.
    pub via: Via,
}

impl Principal {
    /// The actor recorded in the event log.
    pub fn actor(&self) -> Actor {
        Actor {
            id: Some(self.user.id),
            name: self.user.username.clone(),
        }
    }

    fn asker(&self) -> Asker {
        Asker {
            role: self.user.role,
            department: self.user.department.as_ref().map(|d| d.id),
        }
    }
}

/// The signed-in person, if any.
#[derive(Debug, Clone)]
pub struct Auth(pub Option<Principal>);

impl Auth {
    /// Checks `action` on things of `departments` (see [`permission::check`]): 401 when
    /// nobody is signed in, 403 when the person may not.
    pub fn require(&self, action: Action, departments: &[Uuid]) -> Result<&Principal, AppError> {
        let asker = self.0.as_ref().map(Principal::asker);
        match permission::check(asker, action, departments) {
            Ok(()) => Ok(self.0.as_ref().expect("check passes only when signed in")),
            Err(Denied::SignInRequired) => Err(AppError::SignInRequired),
            Err(Denied::Forbidden) => Err(AppError::Forbidden),
        }
    }

    /// The signed-in person, or 401.
    pub fn signed_in(&self) -> Result<&Principal, AppError> {
        self.0.as_ref().ok_or(AppError::SignInRequired)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Auth {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Auth>()
            .cloned()
            .unwrap_or(Auth(None)))
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

async fn by_token(state: &AppState, token: &str) -> Result<Option<Principal>, AppError> {
    let mut conn = state.db.conn().await?;
    let Some(token) = users::token_by_hash(&mut conn, &digest(token)).await? else {
        return Ok(None);
    };
    if token.revoked_at.is_some() {
        return Ok(None);
    }
    let user = users::by_id(&mut conn, token.user_id).await?;
    Ok(user.filter(|u| u.active).map(|user| Principal {
        user,
        via: Via::Token(token.id),
    }))
}

async fn by_session(state: &AppState, value: &str) -> Result<Option<Principal>, AppError> {
    let id_hash = digest(value);
    let mut conn = state.db.conn().await?;
    let Some(session) = users::session(&mut conn, &id_hash).await? else {
        return Ok(None);
    };
    let now = Utc::now();
    if !session_alive(session.last_seen_at, session.expires_at, now) {
        drop(conn);
        let mut tx = state.db.begin().await?;
        users::delete_session(&mut tx, &id_hash).await?;
        tx.commit().await?;
        return Ok(None);
    }
    let Some(user) = users::by_id(&mut conn, session.user_id)
        .await?
        .filter(|u| u.active)
    else {
        return Ok(None);
    };
    drop(conn);
    // Idle expiry needs the last request's time; once a minute is precise enough.
    if now - session.last_seen_at > chrono::Duration::minutes(1) {
        let mut tx = state.db.begin().await?;
        users::touch_session(&mut tx, &id_hash, now).await?;
        tx.commit().await?;
    }
    Ok(Some(Principal {
        user,
        via: Via::Session(id_hash),
    }))
}

/// The `scheme://host[:port]` of a URL, lower case.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}").to_ascii_lowercase())
}

/// True when an unsafe request may go ahead: the origin it names (`Origin`, else
/// `Referer`) is this site — the configured base URL exactly when there is one, else the
/// request's own `Host`. A request naming neither is allowed only without a session cookie.
fn same_origin(
    headers: &HeaderMap,
    settings: &super::Settings,
    cookie_authenticated: bool,
) -> bool {
    let named = headers
        .get(ORIGIN)
        .or_else(|| headers.get(REFERER))
        .and_then(|v| v.to_str().ok());
    let Some(url) = named else {
        return !cookie_authenticated;
    };
    let Some(origin) = origin_of(url) else {
        return false; // "null" and anything unreadable
    };
    if settings.base_url_explicit {
        return origin_of(&settings.base_url).is_some_and(|ours| ours == origin);
    }
    let host = headers.get(HOST).and_then(|h| h.to_str().ok());
    host.is_some_and(|h| origin.split_once("://").map(|(_, a)| a) == Some(&h.to_ascii_lowercase()))
}

/// Middleware: resolves the principal, refuses cross-site cookie writes, and clears a
/// cookie that no longer names a live session.
pub async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let headers = req.headers();
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let resolved = if let Some(token) = bearer(headers) {
        match by_token(&state, token).await {
            Ok(Some(p)) => Ok((Some(p), false)),
            // A token that does not work is an error, not an anonymous request.
            Ok(None) => Err(AppError::SignInRequired),
            Err(e) => Err(e),
        }
    } else if let Some(value) = cookie(headers, session_cookie_name(&state.settings.base_url)) {
        // Refused before the session is even read, so a cross-site request changes nothing.
        if unsafe_method && !same_origin(headers, &state.settings, true) {
            Err(AppError::CrossSite)
        } else {
            let value = value.to_owned();
            by_session(&state, &value).await.map(|p| {
                let stale = p.is_none();
                (p, stale)
            })
        }
    } else if unsafe_method && !same_origin(headers, &state.settings, false) {
        Err(AppError::CrossSite)
    } else {
        Ok((None, false))
    };
    match resolved {
        Ok((principal, stale_cookie)) => {
            req.extensions_mut().insert(Auth(principal));
            let mut response = next.run(req).await;
            if stale_cookie {
                clear_cookie(&mut response, &state.settings.base_url);
            }
            response
        }
        Err(e) => {
            let mut response = super::extract::error_for_path(req.uri().path(), e);
            if matches!(response.status().as_u16(), 401) {
                clear_cookie(&mut response, &state.settings.base_url);
            }
            response
        }
    }
}

fn cookie_attributes(base_url: &str) -> &'static str {
    if base_url.starts_with("https://") {
        "Path=/; HttpOnly; SameSite=Lax; Secure"
    } else {
        "Path=/; HttpOnly; SameSite=Lax"
    }
}

/// The `Set-Cookie` value that starts a session.
pub fn session_cookie(value: &str, base_url: &str) -> HeaderValue {
    let max_age = crate::domain::user::SESSION_MAX.num_seconds();
    let text = format!(
        "{}={value}; Max-Age={max_age}; {}",
        session_cookie_name(base_url),
        cookie_attributes(base_url)
    );
    HeaderValue::from_str(&text).expect("session values are hex")
}

/// Adds a `Set-Cookie` that removes the session cookie.
pub fn clear_cookie(response: &mut Response, base_url: &str) {
    let text = format!(
        "{}=; Max-Age=0; {}",
        session_cookie_name(base_url),
        cookie_attributes(base_url)
    );
    if let Ok(value) = HeaderValue::from_str(&text) {
        response.headers_mut().append(SET_COOKIE, value);
    }
}

/// Route layer: writes (anything but GET/HEAD/OPTIONS) need someone signed in, before the
/// body is even read, so anonymous writers always get 401.
pub async fn writes_need_sign_in(req: Request, next: Next) -> Response {
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let signed_in = req
        .extensions()
        .get::<Auth>()
        .is_some_and(|auth| auth.0.is_some());
    if unsafe_method && !signed_in {
        return super::extract::error_for_path(req.uri().path(), AppError::SignInRequired);
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).expect("header"));
        }
        h
    }

    fn settings(base_url: &str, explicit: bool) -> crate::http::Settings {
        crate::http::Settings {
            region: crate::config::DEFAULT_REGION_BBOX.parse().expect("region"),
            base_url: base_url.into(),
            base_url_explicit: explicit,
            trust_forwarded_for: false,
        }
    }

    #[test]
    fn a_configured_base_url_must_match_scheme_host_and_port() {
        let ours = settings("https://tiepcan.example", true);
        let ok = headers(&[
            ("host", "tiepcan.example"),
            ("origin", "https://tiepcan.example"),
        ]);
        assert!(same_origin(&ok, &ours, true));
        let plain = headers(&[
            ("host", "tiepcan.example"),
            ("origin", "http://tiepcan.example"),
        ]);
        assert!(!same_origin(&plain, &ours, true), "http page on our host");
        let evil = headers(&[("host", "evil.example"), ("origin", "https://evil.example")]);
        assert!(
            !same_origin(&evil, &ours, true),
            "a forged Host does not help"
        );
        let referer = headers(&[("referer", "https://tiepcan.example/sites/new")]);
        assert!(same_origin(&referer, &ours, true));
    }

    #[test]
    fn without_a_base_url_the_origin_must_match_the_host() {
        let default = settings("http://127.0.0.1:8080", false);
        let ok = headers(&[
            ("host", "localhost:8080"),
            ("origin", "http://localhost:8080"),
        ]);
        assert!(same_origin(&ok, &default, true));
        let evil = headers(&[
            ("host", "localhost:8080"),
            ("origin", "http://evil.example"),
        ]);
        assert!(!same_origin(&evil, &default, true));
        let null = headers(&[("host", "h"), ("origin", "null")]);
        assert!(!same_origin(&null, &default, false));
        let neither = headers(&[("host", "h")]);
        assert!(
            !same_origin(&neither, &default, true),
            "cookie writes must name their origin"
        );
        assert!(
            same_origin(&neither, &default, false),
            "programs without cookies may omit it"
        );
    }

    #[test]
    fn the_session_cookie_is_secure_behind_https_only() {
        let plain = session_cookie("s_ab", "http://127.0.0.1:8080");
        let tls = session_cookie("s_ab", "https://tiepcan.langson.gov.vn");
        let plain = plain.to_str().expect("ascii");
        let tls = tls.to_str().expect("ascii");
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        assert!(tls.contains("; Secure"));
        assert!(tls.starts_with("__Host-tiepcan_session=s_ab;"), "{tls}");
    }

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        let h = headers(&[("authorization", "bearer tc_abc")]);
        assert_eq!(bearer(&h), Some("tc_abc"));
        assert_eq!(bearer(&headers(&[("authorization", "Basic x")])), None);
    }
}
