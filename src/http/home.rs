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

/// The most matching sites the home page counts; past it, it says "more than".
const MATCHING_MAX: u32 = 10_000;

/// Page sizes of the home page's list.
const LIST: crate::http::paging::PageSize = crate::http::paging::PageSize {
    default: 20,
    max: 100,
};

/// The home page's query: the map's filters, and a position to sort the list by.
#[derive(Debug, Default, Clone, serde::Deserialize)]
struct HomeQuery {
    #[serde(flatten)]
    map: MapQuery,
    /// `LAT,LON`: the nearest sites first (one page, no further pages).
    near: Option<String>,
}

async fn home(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(HomeQuery { map: query, near }): axum::extract::Query<HomeQuery>,
) -> Result<Markup, HtmlError> {
    let mut errors = crate::domain::validation::FieldErrors::default();
    let from = crate::http::paging::param(&near)
        .and_then(|n| errors.take("near", crate::domain::geo::parse_position(n)));
    let filter = query.filter_paged(LIST).map_err(|e| errors.0.extend(e.0));
    let (Ok((filter, _)), true) = (filter, errors.is_empty()) else {
        return Err(crate::app::Error::Invalid(errors).into());
    };
    let (sites, distances, next) = match from {
        Some(from) => {
            let found =
                crate::app::map::nearest(&state.services, &filter, from, filter.limit).await?;
            let (sites, distances): (Vec<_>, Vec<_>) = found.into_iter().unzip();
            (sites, Some(distances), None)
        }
        None => {
            let sites = crate::app::map::sites(&state.services, &filter).await?;
            let next = crate::http::paging::next_page(&sites, filter.limit, |last| MapQuery {
                after: Some(last.id.to_string()),
                ..query.clone()
            })
            .map(|q| format!("/?{q}#home-list"));
            (sites, None, next)
        }
    };
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
    let filtered = [&query.kind, &query.level, &query.feature, &query.area]
        .iter()
        .any(|v| crate::http::paging::param(v).is_some());
    let matching = match filtered {
        true => {
            let all = crate::domain::site::public::MapFilter {
                after: None,
                ..filter.clone()
            };
            let n = crate::app::map::count_up_to(&state.services, &all, MATCHING_MAX + 1).await?;
            Some(views::home::Matching {
                count: n.min(u64::from(MATCHING_MAX)),
                more: n > u64::from(MATCHING_MAX),
            })
        }
        false => None,
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let view = views::home::Home {
        site_count: count,
        matching,
        sites: &sites,
        kind: text(&query.kind),
        level: text(&query.level),
        feature: text(&query.feature),
        area: text(&query.area),
        areas: &areas,
        next,
        paged: filter.after.is_some(),
        near: near.clone().unwrap_or_default(),
        distances,
        map: state
            .settings
            .map
            .as_ref()
            .map(|settings| views::home::MapView {
                settings,
                filters: serde_urlencoded::to_string(MapQuery {
                    kind: query.kind.clone(),
                    level: query.level.clone(),
                    feature: query.feature.clone(),
                    area: query.area.clone(),
                    ..MapQuery::default()
                })
                .unwrap_or_default(),
                region: state.services.region,
            }),
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
