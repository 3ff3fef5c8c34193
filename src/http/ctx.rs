//! The page context of a request: language, path, time zone and who is signed in.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::AppState;
use super::auth::Auth;
use crate::domain::lang::Lang;
use crate::views::{Ctx, CtxUser};

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
