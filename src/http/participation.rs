//! An audit's participants and their remarks: the forms on the audit's page, the JSON API,
//! and the observer's own page (`/observing`).

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use uuid::Uuid;

use super::audits::json::{ParticipantJson, RemarkJson};
use super::auth::{Auth, SignedIn};
use super::{ApiError, ApiJson, AppState, HtmlError, HtmlForm, PathId};
use crate::app::Error;
use crate::app::participation::{self, ParticipantInput, RemarkInput};
use crate::views::Ctx;
use crate::views::audits::{self as views, Extras, Form, Refused};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/observing", get(observing))
        .route("/audits/{id}/participants", post(add_form))
        .route(
            "/audits/{id}/participants/{participant}/remove",
            post(remove_form),
        )
        .route("/audits/{id}/remarks", post(remark_form))
        .route("/api/v1/audits/{id}/participants", post(add_api))
        .route(
            "/api/v1/audits/{id}/participants/{participant}",
            delete(remove_api),
        )
        .route("/api/v1/audits/{id}/remarks", post(remark_api))
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
}

/// The observer's page: the audits they are named on.
async fn observing(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
) -> Result<Response, HtmlError> {
    let audits = participation::observed(&state.services, &who.actor()).await?;
    Ok(views::observing_page(&ctx, &audits).into_response())
}

fn field(form: &HashMap<String, String>, name: &str) -> Option<String> {
    form.get(name).cloned()
}

/// The audit's page again with the refused `form`'s problems and what was typed (422).
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    who: &SignedIn,
    id: Uuid,
    refused: Refused,
) -> Result<Response, HtmlError> {
    let seen = participation::observed_audit(&state.services, &who.actor(), id).await?;
    let extras = Extras {
        findings: &seen.findings,
        suggestions: &seen.suggestions,
        refused: Some(&refused),
    };
    let page = views::audit_page(ctx, &seen.audit, &extras, None);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn add_form(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    let input = ParticipantInput {
        name: field(&form, "name"),
        organisation: field(&form, "organisation"),
        account: field(&form, "account"),
    };
    match participation::add(&state.services, &who.actor(), id, &input).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/audits/{id}?done=participant_added#participants"))
                .into_response(),
        ),
        Err(Error::Invalid(errors)) => {
            let form = Refused {
                form: Form::Participant,
                errors,
                typed: form,
            };
            refused(&state, &ctx, &who, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn remove_form(
    State(state): State<AppState>,
    who: SignedIn,
    PathId((id, participant)): PathId<(Uuid, Uuid)>,
) -> Result<Response, HtmlError> {
    participation::remove(&state.services, &who.actor(), id, participant).await?;
    Ok(Redirect::to(&format!(
        "/audits/{id}?done=participant_removed#participants"
    ))
    .into_response())
}

async fn remark_form(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    let input = RemarkInput {
        body: field(&form, "body"),
        participant: field(&form, "participant"),
        finding: field(&form, "finding"),
    };
    match participation::remark(&state.services, &who.actor(), id, &input).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/audits/{id}?done=remark_added#remarks")).into_response())
        }
        Err(Error::Invalid(errors)) => {
            let form = Refused {
                form: Form::Remark,
                errors,
                typed: form,
            };
            refused(&state, &ctx, &who, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn add_api(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(input): ApiJson<ParticipantInput>,
) -> Result<(StatusCode, Json<ParticipantJson>), ApiError> {
    let added = participation::add(&state.services, &auth.actor()?, id, &input).await?;
    Ok((StatusCode::CREATED, Json(ParticipantJson::from(&added))))
}

async fn remove_api(
    State(state): State<AppState>,
    auth: Auth,
    PathId((id, participant)): PathId<(Uuid, Uuid)>,
) -> Result<StatusCode, ApiError> {
    participation::remove(&state.services, &auth.actor()?, id, participant).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn remark_api(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(input): ApiJson<RemarkInput>,
) -> Result<(StatusCode, Json<RemarkJson>), ApiError> {
    let remark = participation::remark(&state.services, &auth.actor()?, id, &input).await?;
    Ok((StatusCode::CREATED, Json(RemarkJson::from(&remark))))
}
