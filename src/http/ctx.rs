//! The page context of a request: language, path, time zone and who is signed in.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::AppState;
use super::auth::Auth;
use crate::domain::lang::Lang;
use crate::views::{Ctx, CtxUser};

tokio::task_local! {
    /// Who is signed in, for the pages of errors answered while the request runs.
    static SIGNED_IN: Option<CtxUser>;
}

/// Runs `future` (the rest of a request) knowing who is signed in, so that an error page
/// shows the same header as every other page.
pub(super) async fn with_signed_in<F: std::future::Future>(
    user: Option<CtxUser>,
    future: F,
) -> F::Output {
    SIGNED_IN.scope(user, future).await
}

/// The person signed in for the request being answered, if any.
pub(super) fn signed_in() -> Option<CtxUser> {
    SIGNED_IN.try_with(Clone::clone).ok().flatten()
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = Lang::from_request_parts(parts, state).await?;
        let auth = Auth::from_request_parts(parts, state).await?;
        let user = auth.0.map(|p| CtxUser::new(&p.user));
        Ok(Ctx::new(lang, parts.uri.path(), parts.uri.query())
            .with_zone(state.services.zone)
            .with_user(user))
    }
}
