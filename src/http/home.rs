//! The home page.

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use maud::Markup;

use super::{AppState, HtmlError};
use crate::store::sites;
use crate::views::{self, Ctx};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

async fn home(State(state): State<AppState>, ctx: Ctx) -> Result<Markup, HtmlError> {
    let mut conn = state.db.conn().await?;
    let count = sites::count(&mut conn).await?;
    Ok(views::home::page(&ctx, count))
}
