//! Who is asking: bearer token or session cookie, resolved once per request; the
//! same-origin check for cookie-authenticated writes; the extractors handlers use.

mod cookie;
mod origin;
mod peer;

pub use cookie::{clear_cookie, session_cookie, session_cookie_name};
pub use peer::ClientAddress;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::Response;
use uuid::Uuid;

use super::AppState;
use super::error::{ApiError, error_for_path};
use super::lang::cookie as read_cookie;
use crate::app::sessions::{self, Session};
use crate::app::{self, Error};
use crate::domain::actor::Actor;
use crate::domain::user::User;

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

/// The signed-in person, if any.
#[derive(Debug, Clone)]
pub struct Auth(pub Option<Principal>);

impl Auth {
    /// The signed-in person, or 401.
    pub fn signed_in(&self) -> Result<&Principal, Error> {
        self.0.as_ref().ok_or(Error::SignInRequired)
    }

    /// The signed-in person as the actor of a use case, or 401.
    pub fn actor(&self) -> Result<Actor, Error> {
        Ok(Actor::person(&self.signed_in()?.user))
    }

    /// The digest of the session this request came with, if it came with one.
    pub fn session_digest(&self) -> Option<&str> {
        match self.0.as_ref().map(|p| &p.via) {
            Some(Via::Session(digest)) => Some(digest),
            _ => None,
        }
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

fn unsafe_method(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Resolves the request's principal; `Ok(None, true)` when a cookie names no live session
/// (the cookie is then cleared).
async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
    writes: bool,
) -> Result<(Option<Principal>, bool), ApiError> {
    if let Some(token) = bearer(headers) {
        // A token that does not work is an error, not an anonymous request.
        return match sessions::by_token(&state.services, token).await? {
            Some((user, id)) => Ok((
                Some(Principal {
                    user,
                    via: Via::Token(id),
                }),
                false,
            )),
            None => Err(Error::SignInRequired.into()),
        };
    }
    let name = session_cookie_name(&state.settings.base_url);
    if let Some(value) = read_cookie(headers, name) {
        // Refused before the session is even read, so a cross-site request changes nothing.
        if writes && !origin::same_origin(headers, &state.settings, true) {
            return Err(ApiError::CrossSite);
        }
        return match sessions::by_cookie(&state.services, value).await? {
            Session::Live { user, digest } => Ok((
                Some(Principal {
                    user: *user,
                    via: Via::Session(digest),
                }),
                false,
            )),
            Session::Gone => Ok((None, true)),
        };
    }
    if writes && !origin::same_origin(headers, &state.settings, false) {
        return Err(ApiError::CrossSite);
    }
    Ok((None, false))
}

/// Middleware: resolves the principal, refuses cross-site cookie writes, and clears a
/// cookie that no longer names a live session.
pub async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let writes = unsafe_method(req.method());
    match resolve(&state, req.headers(), writes).await {
        Ok((principal, stale_cookie)) => {
            let user = principal
                .as_ref()
                .map(|p| crate::views::CtxUser::new(&p.user));
            req.extensions_mut().insert(Auth(principal));
            let mut response = super::signed_in::with_signed_in(user, next.run(req)).await;
            if stale_cookie {
                clear_cookie(&mut response, &state.settings.base_url);
            }
            response
        }
        Err(e) => {
            let mut response = error_for_path(req.uri().path(), e);
            if response.status().as_u16() == 401 {
                clear_cookie(&mut response, &state.settings.base_url);
            }
            response
        }
    }
}

/// Route layer: writes (anything but GET/HEAD/OPTIONS) need someone signed in, before the
/// body is even read, so anonymous writers always get 401.
pub async fn writes_need_sign_in(req: Request, next: Next) -> Response {
    let signed_in = req
        .extensions()
        .get::<Auth>()
        .is_some_and(|auth| auth.0.is_some());
    if unsafe_method(req.method()) && !signed_in {
        return error_for_path(req.uri().path(), app::Error::SignInRequired.into());
    }
    next.run(req).await
}

/// A staff page's visitor, signed in. Anyone who is not is sent to the sign-in page, and
/// from there back to the page they asked for.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Principal);

impl SignedIn {
    /// The person as the actor of a use case.
    pub fn actor(&self) -> Actor {
        Actor::person(&self.0.user)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        use axum::response::{IntoResponse, Redirect};
        match parts
            .extensions
            .get::<Auth>()
            .and_then(|auth| auth.0.clone())
        {
            Some(principal) => Ok(SignedIn(principal)),
            None => {
                let back = parts.uri.path_and_query().map_or("/", |p| p.as_str());
                let next = serde_urlencoded::to_string([("next", back)]).unwrap_or_default();
                Err(Redirect::to(&format!("/login?{next}")).into_response())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        let mut h = HeaderMap::new();
        h.insert(AUTHORIZATION, HeaderValue::from_static("bearer tc_abc"));
        assert_eq!(bearer(&h), Some("tc_abc"));
        h.insert(AUTHORIZATION, HeaderValue::from_static("Basic x"));
        assert_eq!(bearer(&h), None);
    }
}
