//! The event log, for admins and coordinators: `GET /api/v1/events` and `/events`.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use maud::Markup;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::auth::{Auth, SignedIn};
use super::paging::{self, PageJson, PageSize, param};
use super::{ApiError, ApiQuery, AppState, HtmlError};
use crate::app::{self, Error};
use crate::domain::event::Event;
use crate::domain::validation::{FieldErrors, Problem};
use crate::store::events::Filter;
use crate::views::{self, Ctx};

/// Page sizes of the log.
const PAGE: PageSize = PageSize {
    default: 100,
    max: 1000,
};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/events", get(list))
        .route("/events", get(page))
}

/// Filters as sent.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct EventQuery {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<String>,
    pub before: Option<String>,
}

/// A time given as `YYYY-MM-DD` (local midnight in the province) or RFC 3339.
fn time(value: &str, zone: Tz) -> Result<DateTime<Utc>, Problem> {
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
        return zone
            .from_local_datetime(&midnight)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or(Problem::Malformed {
                detail: "no such local time".into(),
            });
    }
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Problem::Malformed {
            detail: "expected YYYY-MM-DD or an RFC 3339 time".into(),
        })
}

impl EventQuery {
    fn filter(&self, zone: Tz) -> Result<Filter, FieldErrors> {
        let mut errors = FieldErrors::default();
        let from = param(&self.from).and_then(|t| errors.take("from", time(t, zone)));
        let to = param(&self.to).and_then(|t| errors.take("to", time(t, zone)));
        let limit = PAGE.read(&mut errors, param(&self.limit));
        let before = paging::cursor::<i64>(&mut errors, "before", param(&self.before));
        let text = |v: &Option<String>| param(v).map(str::to_owned);
        errors.into_result(|| Filter {
            actor: text(&self.actor),
            action: text(&self.action),
            entity_type: text(&self.entity_type),
            entity_id: text(&self.entity_id),
            from,
            to,
            before_seq: before,
            limit,
        })
    }

    /// The query of the next (older) page, when this one was full.
    fn older(&self, page: &[Event], limit: u32) -> Option<String> {
        paging::next_page(page, limit, |last| EventQuery {
            before: Some(last.seq.to_string()),
            ..self.clone()
        })
    }
}

/// An event as the API shows it.
#[derive(Serialize)]
struct EventJson {
    seq: i64,
    id: Uuid,
    at: DateTime<Utc>,
    actor_id: Option<Uuid>,
    actor: String,
    action: String,
    entity_type: String,
    entity_id: String,
    before: Option<String>,
    after: Option<String>,
    prev_hash: String,
    hash: String,
}

impl From<Event> for EventJson {
    fn from(e: Event) -> Self {
        EventJson {
            seq: e.seq,
            id: e.id,
            at: e.at,
            actor_id: e.actor_id,
            actor: e.actor,
            action: e.action,
            entity_type: e.entity_type,
            entity_id: e.entity_id,
            before: e.before,
            after: e.after,
            prev_hash: e.prev_hash,
            hash: e.hash,
        }
    }
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    ApiQuery(query): ApiQuery<EventQuery>,
) -> Result<Json<PageJson<EventJson>>, ApiError> {
    let actor = auth.actor()?;
    let filter = query.filter(state.services.zone).map_err(Error::from)?;
    let items = app::events::list(&state.services, &actor, &filter).await?;
    let next = query
        .older(&items, filter.limit)
        .map(|q| format!("{}/api/v1/events?{q}", state.settings.base_url));
    Ok(Json(PageJson {
        items: items.into_iter().map(EventJson::from).collect(),
        next,
    }))
}

/// Days the page's summary covers when no range is given.
const SUMMARY_DAYS: i64 = 7;

async fn page(
    State(state): State<AppState>,
    who: SignedIn,
    ctx: Ctx,
    axum::extract::Query(query): axum::extract::Query<EventQuery>,
) -> Result<Markup, HtmlError> {
    let actor = who.actor();
    let services = &state.services;
    let filter = query.filter(services.zone).map_err(Error::from)?;
    let items = app::events::list(services, &actor, &filter).await?;
    // Without an end, the summary runs to this moment, the change made this second too.
    let to = filter
        .to
        .unwrap_or_else(|| services.now() + Duration::seconds(1));
    let from = filter.from.unwrap_or(to - Duration::days(SUMMARY_DAYS));
    let days = app::events::per_day(services, &actor, from, to).await?;
    let older = query
        .older(&items, filter.limit)
        .map(|q| format!("/events?{q}"));
    Ok(views::events::page(
        &ctx,
        &query_fields(&query),
        &items,
        &days,
        older.as_deref(),
    ))
}

fn query_fields(q: &EventQuery) -> views::events::Filters {
    views::events::Filters {
        actor: q.actor.clone().unwrap_or_default(),
        action: q.action.clone().unwrap_or_default(),
        entity_type: q.entity_type.clone().unwrap_or_default(),
        from: q.from.clone().unwrap_or_default(),
        to: q.to.clone().unwrap_or_default(),
    }
}
