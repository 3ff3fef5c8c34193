//! The home page.

use std::sync::Mutex;

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use chrono::{DateTime, Duration, Utc};
use maud::Markup;

use super::map::MapQuery;
use super::{AppState, HtmlError};
use crate::store::sites;
use crate::views::{self, Ctx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/areas/{id}", get(area))
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

/// Page sizes of the home page's list.
const LIST: crate::http::paging::PageSize = crate::http::paging::PageSize {
    default: 20,
    max: 100,
};

async fn home(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(query): axum::extract::Query<MapQuery>,
) -> Result<Markup, HtmlError> {
    let (filter, _) = query
        .filter_paged(LIST)
        .map_err(crate::app::Error::Invalid)?;
    let sites = crate::app::map::sites(&state.services, &filter).await?;
    let next = crate::http::paging::next_page(&sites, filter.limit, |last| MapQuery {
        after: Some(last.id.to_string()),
        ..query.clone()
    })
    .map(|q| format!("/?{q}"));
    let areas: Vec<(String, String)> =
        crate::store::areas::all(&mut state.services.db.conn().await?)
            .await?
            .into_iter()
            .map(|a| (a.id.to_string(), a.name))
            .collect();
    let now = state.services.now();
    let count = match state.site_count.fresh(now) {
        Some(count) => count,
        None => {
            let count = sites::count(&mut state.services.db.conn().await?).await?;
            state.site_count.remember(now, count);
            count
        }
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let view = views::home::Home {
        site_count: count,
        sites: &sites,
        kind: text(&query.kind),
        level: text(&query.level),
        feature: text(&query.feature),
        area: text(&query.area),
        areas: &areas,
        next,
        paged: filter.after.is_some(),
    };
    Ok(views::home::page(&ctx, &view))
}

/// `/areas/{id}`: an area's public facts.
async fn area(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::http::PathId(id): crate::http::PathId,
) -> Result<Markup, HtmlError> {
    let facts = crate::app::map::area_facts(&state.services, id).await?;
    Ok(views::areas::page(&ctx, &facts))
}
