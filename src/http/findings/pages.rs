//! `/findings` (the department dashboard), `/findings/{id}` and its step forms.

use axum::Router;
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::form::{self, TRANSITION_LIMIT};
use super::query::FindingsQuery;
use crate::app::findings::{self, CostField, Detail, TransitionInput, YearField};
use crate::app::retries::{Created, Once};
use crate::app::{Error, departments};
use crate::domain::finding::{Filter, FindingState};
use crate::domain::permission::{Action, Scope};
use crate::http::auth::SignedIn;
use crate::http::error::HtmlError;
use crate::http::retries::{redirect_answer, replay};
use crate::http::{ApiError, AppState, PathId};
use crate::i18n::Msg;
use crate::views::findings::{Dashboard, DetailView, Filters, Typed};
use crate::views::{self, Ctx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/findings", get(dashboard))
        .route("/findings/{id}", get(detail))
        .route(
            "/findings/{id}/transitions",
            post(transition).layer(DefaultBodyLimit::max(TRANSITION_LIMIT)),
        )
}

/// The states the dashboard shows when none is chosen: all but verified and `wont_fix`.
const DEFAULT_STATES: &str = "open,planned,in_progress,reopened,fixed";

async fn dashboard(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Query(query): Query<FindingsQuery>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let s = &state.services;
    let shown = FindingsQuery {
        state: query
            .state
            .clone()
            .filter(|v| !v.trim().is_empty())
            .or_else(|| Some(DEFAULT_STATES.to_owned())),
        format: None,
        ..query.clone()
    };
    let parsed = shown.parse(s).await?;
    let mut items = findings::list(s, &actor, &parsed.filter).await?;
    let counts = findings::counts(s, &actor, &parsed.filter).await?;
    let today = s.today();
    let next = shown.next(&items, parsed.filter.limit);
    // Every overdue finding comes first, on the first page, whatever its age; the pages
    // after it leave them out.
    if parsed.filter.overdue_on.is_none() {
        if parsed.filter.before.is_none() {
            let overdue = findings::list(
                s,
                &actor,
                &Filter {
                    overdue_on: Some(today),
                    limit: super::query::PAGE.max,
                    ..parsed.filter.clone()
                },
            )
            .await?;
            items.retain(|f| !overdue.iter().any(|o| o.id == f.id));
            items.splice(0..0, overdue);
        } else {
            items.retain(|f| !f.overdue(today));
        }
    }
    // Overdue first, then by due date (none last), then the most severe.
    items.sort_by(|a, b| {
        let key = |f: &crate::domain::finding::Finding| {
            (
                !f.overdue(today),
                f.due_date.is_none(),
                f.due_date,
                f.severity != crate::domain::checklist::Severity::Critical,
                f.severity != crate::domain::checklist::Severity::Major,
            )
        };
        key(a).cmp(&key(b))
    });
    let everywhere = actor.may(Action::ReadFindings, Scope::Everywhere).is_ok();
    let choices: Vec<(String, String)> = if everywhere {
        let directory = departments::directory(&mut s.db.conn().await?).await?;
        directory
            .all()
            .map(|d| (d.code.clone(), d.name.get(ctx.lang).to_owned()))
            .collect()
    } else {
        Vec::new()
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut link_query = FindingsQuery {
        before: None,
        format: None,
        ..query.clone()
    };
    if link_query
        .state
        .as_deref()
        .is_none_or(|v| v.trim().is_empty())
    {
        link_query.state = Some(DEFAULT_STATES.to_owned());
    }
    let filters = Filters {
        state: text(&query.state),
        severity: text(&query.severity),
        department: text(&query.department),
        kind: text(&query.kind),
        area: text(&query.area),
        site: text(&query.site),
        overdue: query.overdue.as_deref() == Some("true"),
        due_before: text(&query.due_before),
        query: serde_urlencoded::to_string(&link_query).unwrap_or_default(),
    };
    let view = Dashboard {
        findings: &items,
        counts: &counts,
        filters: &filters,
        departments: &choices,
        today,
        next,
    };
    Ok(views::findings::dashboard_page(&ctx, &view).into_response())
}

#[derive(Debug, Deserialize)]
struct Notice {
    done: Option<String>,
}

async fn detail(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(id): PathId,
    Query(notice): Query<Notice>,
) -> Result<Response, HtmlError> {
    let s = &state.services;
    let detail = findings::read(s, &who.actor(), id).await?;
    let view = DetailView {
        detail: &detail,
        today: s.today(),
        errors: None,
        refusal: None,
        typed: None,
        notice: notice.done.is_some().then_some(Msg::FindingStepDone),
        key: uuid::Uuid::now_v7().to_string(),
    };
    Ok(views::findings::detail_page(&ctx, &view).into_response())
}

/// The page again with the refused form, its fields' problems or the rule that refused it.
fn refused_page(
    ctx: &Ctx,
    detail: &Detail,
    today: chrono::NaiveDate,
    input: &TransitionInput,
    error: Error,
) -> Response {
    let to = input
        .to
        .as_deref()
        .and_then(|t| FindingState::parse(t).ok())
        .unwrap_or(FindingState::Open);
    let (status, errors, refusal) = match error {
        Error::Invalid(errors) => (StatusCode::UNPROCESSABLE_ENTITY, Some(errors), None),
        rule @ Error::Transition(_) => {
            let api = ApiError::App(rule);
            (api.status(), None, Some(api.message()))
        }
        other => return HtmlError(ApiError::App(other)).into_response(),
    };
    let typed = Typed {
        due_date: input.due_date.clone(),
        assignee: input.assignee.clone(),
        budget_year: match &input.budget_year {
            Some(YearField::Text(y)) => Some(y.clone()),
            Some(YearField::Number(n)) => Some(n.to_string()),
            None => None,
        },
        estimated_cost: input.estimated_cost.as_ref().map(cost_typed),
        actual_cost: input.actual_cost.as_ref().map(cost_typed),
        comment: input.comment.clone(),
        reason: input.reason.clone(),
    };
    let view = DetailView {
        detail,
        today,
        errors: errors.as_ref().map(|e| (to, e)),
        refusal,
        typed: Some(&typed),
        notice: None,
        key: uuid::Uuid::now_v7().to_string(),
    };
    (status, views::findings::detail_page(ctx, &view)).into_response()
}

/// A cost as it was typed, to show it again.
fn cost_typed(field: &CostField) -> String {
    match field {
        CostField::Text(text) => text.clone(),
        CostField::Number(n) => n.to_string(),
    }
}

async fn transition(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(id): PathId,
    req: Request,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let form = form::read(req, &state).await?;
    let s = &state.services;
    let done = format!("/findings/{id}?done=1");
    let answer = |_: &Detail| redirect_answer(done.clone());
    let once = form.key.as_deref().map(|key| Once {
        key,
        fingerprint: form.fingerprint.clone(),
        answer: &answer,
    });
    match findings::transition(s, &actor, id, &form.input, form.photos, once).await {
        Ok(Created::New(_)) => Ok(Redirect::to(&done).into_response()),
        Ok(Created::Replayed(answer)) => Ok(replay(answer)),
        Err(error @ (Error::Invalid(_) | Error::Transition(_))) => {
            let detail = findings::read(s, &actor, id).await?;
            Ok(refused_page(&ctx, &detail, s.today(), &form.input, error))
        }
        Err(other) => Err(other.into()),
    }
}
