//! `/admin/outbox`: every message written for sending, with where it stands; for
//! administrators only.

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use maud::Markup;

use crate::app::mail;
use crate::http::auth::SignedIn;
use crate::http::{AppState, HtmlError};
use crate::views::Ctx;
use crate::views::admin::outbox as views;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/admin/outbox", get(page))
}

async fn page(State(state): State<AppState>, ctx: Ctx, who: SignedIn) -> Result<Markup, HtmlError> {
    let (entries, server) = mail::outbox(&state.services, &who.actor()).await?;
    Ok(views::page(&ctx, &entries, server, state.services.zone))
}
