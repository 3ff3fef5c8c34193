//! The event log, for admins and coordinators: `GET /api/v1/events` and `/events`.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use maud::Markup;
use serde::{Deserialize, Serialize};

use super::auth::Auth;
use super::{ApiQuery, AppState, HtmlError};
use crate::domain::event::Event;
use crate::domain::permission::Action;
use crate::domain::validation::{FieldErrors, Problem};
use crate::error::AppError;
use crate::store::events::{self, Filter};
use crate::views::{self, Ctx};

const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 1000;

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

fn text(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// A time given as `YYYY-MM-DD` (midnight UTC) or RFC 3339.
fn time(value: &str) -> Result<DateTime<Utc>, Problem> {
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Ok(date
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc());
    }
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Problem::Malformed {
            detail: "expected YYYY-MM-DD or an RFC 3339 time".into(),
        })
}

impl EventQuery {
    fn filter(&self) -> Result<Filter, FieldErrors> {
        let mut errors = FieldErrors::default();
        let from = text(&self.from).and_then(|t| errors.take("from", time(&t)));
        let to = text(&self.to).and_then(|t| errors.take("to", time(&t)));
        let number = |v: &str, max: i64| {
            v.parse::<i64>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or(Problem::OutOfRange {
                    min: 1.0,
                    max: max as f64,
                })
        };
        let limit = match text(&self.limit) {
            None => Some(DEFAULT_LIMIT),
            Some(l) => errors
                .take("limit", number(&l, i64::from(MAX_LIMIT)))
                .map(|n| n as u32),
        };
        let before = text(&self.before).and_then(|b| errors.take("before", number(&b, i64::MAX)));
        errors.into_result(|| Filter {
            actor: text(&self.actor),
            action: text(&self.action),
            entity_type: text(&self.entity_type),
            entity_id: text(&self.entity_id),
            from,
            to,
            before_seq: before,
            limit: limit.expect("checked"),
        })
    }

    /// The query of the next (older) page, when this one was full.
    fn older(&self, page: &[Event], limit: u32) -> Option<String> {
        let last = page.last().filter(|_| page.len() == limit as usize)?;
        let next = EventQuery {
            before: Some(last.seq.to_string()),
            ..self.clone()
        };
        serde_urlencoded::to_string(&next).ok()
    }
}

#[derive(Serialize)]
struct Page {
    items: Vec<Event>,
    next: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    ApiQuery(query): ApiQuery<EventQuery>,
) -> Result<Json<Page>, AppError> {
    auth.require(Action::ReadEvents, &[])?;
    let filter = query.filter()?;
    let mut conn = state.db.conn().await?;
    let items = events::list(&mut conn, &filter).await?;
    let next = query
        .older(&items, filter.limit)
        .map(|q| format!("{}/api/v1/events?{q}", state.settings.base_url));
    Ok(Json(Page { items, next }))
}

async fn page(
    State(state): State<AppState>,
    auth: Auth,
    ctx: Ctx,
    axum::extract::Query(query): axum::extract::Query<EventQuery>,
) -> Result<Markup, HtmlError> {
    auth.require(Action::ReadEvents, &[])?;
    let filter = query.filter().map_err(AppError::from)?;
    let mut conn = state.db.conn().await?;
    let items = events::list(&mut conn, &filter).await?;
    let older = query
        .older(&items, filter.limit)
        .map(|q| format!("/events?{q}"));
    Ok(views::events::page(
        &ctx,
        &query_fields(&query),
        &items,
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
