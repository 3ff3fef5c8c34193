//! The pages of reporting rounds: the list, the form that opens one, a round, a part.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use uuid::Uuid;

use super::invalid;
use crate::app::Error;
use crate::app::rounds::{self, OpenInput};
use crate::domain::permission::{Action, Scope};
use crate::domain::round::{Decision, Sections};
use crate::http::auth::SignedIn;
use crate::http::{AppState, HtmlError, HtmlForm, PathId};
use crate::i18n::Msg;
use crate::views::Ctx;
use crate::views::rounds::{self as views, NewRoundForm, PartPage};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/rounds", get(list).post(open))
        .route("/rounds/new", get(new))
        .route("/rounds/{id}", get(round))
        .route("/rounds/{id}/parts/{code}", get(part).post(write))
        .route("/rounds/{id}/parts/{code}/decision", post(decide))
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
) -> Result<Response, HtmlError> {
    let listed = rounds::list(&state.services, &who.actor()).await?;
    Ok(views::list_page(&ctx, &listed).into_response())
}

/// The new-round form, empty or as typed, with what is wrong.
async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    form: &NewRoundForm,
    errors: Option<&crate::domain::validation::FieldErrors>,
) -> Result<Response, HtmlError> {
    let all = crate::app::departments::list(&state.services).await?;
    let status = if errors.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, views::new_page(ctx, form, &all, errors)).into_response())
}

async fn new(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
) -> Result<Response, HtmlError> {
    who.actor().may(Action::RunRounds, Scope::Everywhere)?;
    form_page(&state, &ctx, &NewRoundForm::default(), None).await
}

/// `POST /rounds`: opens the round; the form again with what is wrong.
async fn open(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    HtmlForm(pairs): HtmlForm<Vec<(String, String)>>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let listed = pairs.iter().any(|(k, _)| k == "departments_listed");
    let ticked: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "departments")
        .map(|(_, v)| v.clone())
        .collect();
    let form = NewRoundForm {
        title: value("title"),
        kind: value("kind"),
        period_from: value("period_from"),
        period_to: value("period_to"),
        due_on: value("due_on"),
        departments: (listed || !ticked.is_empty()).then_some(ticked),
    };
    let input = OpenInput {
        title: Some(form.title.clone()),
        kind: Some(form.kind.clone()),
        period_from: Some(form.period_from.clone()),
        period_to: Some(form.period_to.clone()),
        due_on: Some(form.due_on.clone()),
        departments: form.departments.clone(),
    };
    match rounds::open(&state.services, &actor, &input).await {
        Ok(round) => Ok(Redirect::to(&format!("/rounds/{}?opened=1", round.id)).into_response()),
        Err(e) => {
            let errors = invalid(e)?;
            form_page(&state, &ctx, &form, Some(&errors)).await
        }
    }
}

#[derive(Deserialize)]
struct Done {
    opened: Option<String>,
    done: Option<String>,
}

async fn round(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(id): PathId<Uuid>,
    Query(done): Query<Done>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let view = rounds::round(&state.services, &actor, id).await?;
    let runs = actor.may(Action::RunRounds, Scope::Everywhere).is_ok();
    Ok(views::round_page(&ctx, &view, runs, done.opened.is_some()).into_response())
}

async fn part(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId((id, code)): PathId<(Uuid, String)>,
    Query(done): Query<Done>,
) -> Result<Response, HtmlError> {
    let view = rounds::part(&state.services, &who.actor(), id, &code).await?;
    let done = match done.done.as_deref() {
        Some("saved") => Some(Msg::PartSaved),
        Some("sent") => Some(Msg::PartSent),
        Some("decided") => Some(Msg::PartDecided),
        _ => None,
    };
    let page = PartPage {
        view: &view,
        typed: None,
        decision: ("", ""),
        errors: None,
        done,
    };
    Ok(views::part_page(&ctx, &page).into_response())
}

#[derive(Deserialize)]
struct PartForm {
    action: Option<String>,
    results: Option<String>,
    difficulties: Option<String>,
    proposals: Option<String>,
}

/// `POST /rounds/{id}/parts/{code}`: saves or sends the part; the page again with what is
/// wrong, what was typed kept.
async fn write(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId((id, code)): PathId<(Uuid, String)>,
    HtmlForm(form): HtmlForm<PartForm>,
) -> Result<Response, HtmlError> {
    let s = &state.services;
    let actor = who.actor();
    let typed = Sections {
        results: form.results.clone().unwrap_or_default(),
        difficulties: form.difficulties.clone().unwrap_or_default(),
        proposals: form.proposals.clone().unwrap_or_default(),
    };
    let sending = form.action.as_deref() == Some("submit");
    let result = match Sections::parse(
        form.results.as_deref(),
        form.difficulties.as_deref(),
        form.proposals.as_deref(),
    ) {
        Err(errors) => Err(Error::Invalid(errors)),
        Ok(sections) if sending => rounds::submit(s, &actor, id, &code, Some(sections)).await,
        Ok(sections) => rounds::save(s, &actor, id, &code, sections).await,
    };
    let done = if sending { "sent" } else { "saved" };
    match result {
        Ok(_) => {
            Ok(Redirect::to(&format!("/rounds/{id}/parts/{code}?done={done}")).into_response())
        }
        Err(e) => {
            let errors = invalid(e)?;
            let part = Refused {
                id,
                code: &code,
                typed: Some(&typed),
                decision: ("", ""),
            };
            refused(s, &ctx, &actor, &part, &errors).await
        }
    }
}

#[derive(Deserialize)]
struct DecisionForm {
    decision: Option<String>,
    comment: Option<String>,
}

/// `POST /rounds/{id}/parts/{code}/decision`: the coordinator returns or accepts the part.
async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId((id, code)): PathId<(Uuid, String)>,
    HtmlForm(form): HtmlForm<DecisionForm>,
) -> Result<Response, HtmlError> {
    let s = &state.services;
    let actor = who.actor();
    actor.may(Action::RunRounds, Scope::Everywhere)?;
    let result = match Decision::parse(form.decision.as_deref(), form.comment.as_deref()) {
        Ok(decision) => rounds::decide(s, &actor, id, &code, decision).await,
        Err(errors) => Err(Error::Invalid(errors)),
    };
    match result {
        Ok(_) => {
            Ok(Redirect::to(&format!("/rounds/{id}/parts/{code}?done=decided")).into_response())
        }
        Err(e) => {
            let errors = invalid(e)?;
            let decision = (
                form.decision.as_deref().unwrap_or_default(),
                form.comment.as_deref().unwrap_or_default(),
            );
            let part = Refused {
                id,
                code: &code,
                typed: None,
                decision,
            };
            refused(s, &ctx, &actor, &part, &errors).await
        }
    }
}

/// A part's form as sent and refused.
struct Refused<'a> {
    id: Uuid,
    code: &'a str,
    typed: Option<&'a Sections>,
    decision: (&'a str, &'a str),
}

/// The part's page again (422) with what is wrong, what was typed kept.
async fn refused(
    s: &crate::app::Services,
    ctx: &Ctx,
    actor: &crate::domain::actor::Actor,
    part: &Refused<'_>,
    errors: &crate::domain::validation::FieldErrors,
) -> Result<Response, HtmlError> {
    let view = rounds::part(s, actor, part.id, part.code).await?;
    let page = PartPage {
        view: &view,
        typed: part.typed,
        decision: part.decision,
        errors: Some(errors),
        done: None,
    };
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        views::part_page(ctx, &page),
    )
        .into_response())
}
