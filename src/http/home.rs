//! The home page.

use std::sync::Mutex;

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use chrono::{DateTime, Duration, Utc};
use maud::Markup;

use super::{AppState, HtmlError};
use crate::store::sites;
use crate::views::{self, Ctx};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

/// How long the home page's site count is reused before it is counted again.
pub const COUNT_FOR: Duration = Duration::seconds(60);

/// The site count the home page shows, counted at most once a minute rather than on every
/// visit (a count reads the whole table).
#[derive(Debug, Default)]
pub struct SiteCount(Mutex<Option<(DateTime<Utc>, i64)>>);

impl SiteCount {
    fn fresh(&self, now: DateTime<Utc>) -> Option<i64> {
        let cached = *self.0.lock().unwrap_or_else(|e| e.into_inner());
        cached
            .filter(|(at, _)| now - *at < COUNT_FOR)
            .map(|(_, n)| n)
    }

    fn remember(&self, now: DateTime<Utc>, count: i64) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some((now, count));
    }
}

async fn home(State(state): State<AppState>, ctx: Ctx) -> Result<Markup, HtmlError> {
    let now = state.services.now();
    let count = match state.site_count.fresh(now) {
        Some(count) => count,
        None => {
            let count = sites::count(&mut state.services.db.conn().await?).await?;
            state.site_count.remember(now, count);
            count
        }
    };
    Ok(views::home::page(&ctx, count))
}
