//! The province's targets: `/targets` (the list, and the coordinators' form) and
//! `/api/v1/targets`.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::auth::{Auth, SignedIn};
use super::{ApiError, ApiJson, AppState, HtmlError, HtmlForm, PathId};
use crate::app::Error;
use crate::app::targets::{self, NumberField, TargetInput};
use crate::domain::target::Target;
use crate::i18n::Msg;
use crate::views::targets::TargetsPage;
use crate::views::{self, Ctx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/targets", get(targets_page).post(create_form))
        .route("/targets/{id}/delete", post(remove_form))
        .route("/api/v1/targets", get(list_api).post(create_api))
        .route("/api/v1/targets/{id}", delete(remove_api))
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
}

/// A target as the API gives it.
#[derive(Serialize)]
struct TargetJson {
    id: Uuid,
    year: i32,
    measure: &'static str,
    /// Null: every kind.
    site_kind: Option<&'static str>,
    /// The area's code; null: the whole province.
    area: Option<String>,
    /// In per cent.
    share_percent: f64,
    by_date: chrono::NaiveDate,
    programme: String,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl From<&Target> for TargetJson {
    fn from(t: &Target) -> Self {
        TargetJson {
            id: t.id,
            year: t.entered.year,
            measure: t.entered.measure.as_str(),
            site_kind: t.entered.kind.map(|k| k.as_str()),
            area: t.area.as_ref().map(|a| a.code.clone()),
            share_percent: (t.entered.share * 1000.0).round() / 10.0,
            by_date: t.entered.by,
            programme: t.entered.programme.clone(),
            created_at: t.created_at,
        }
    }
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

async fn targets_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Query(done): Query<Done>,
) -> Result<Response, HtmlError> {
    let overview = targets::overview(&state.services, &who.actor()).await?;
    let notice = match done.done.as_deref() {
        Some("saved") => Some(Msg::TargetSaved),
        Some("removed") => Some(Msg::TargetRemoved),
        _ => None,
    };
    let page = TargetsPage {
        targets: &overview.targets,
        areas: &overview.areas,
        refused: None,
        notice,
    };
    Ok(views::targets::page(&ctx, &page).into_response())
}

fn field(form: &HashMap<String, String>, name: &str) -> Option<String> {
    form.get(name).cloned()
}

async fn create_form(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    HtmlForm(form): HtmlForm<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    let input = TargetInput {
        year: field(&form, "year").map(NumberField::Text),
        measure: field(&form, "measure"),
        site_kind: field(&form, "site_kind"),
        area: field(&form, "area"),
        share: field(&form, "share").map(NumberField::Text),
        by_date: field(&form, "by_date"),
        programme: field(&form, "programme"),
    };
    let s = &state.services;
    match targets::create(s, &who.actor(), &input).await {
        Ok(_) => Ok(Redirect::to("/targets?done=saved").into_response()),
        Err(Error::Invalid(errors)) => {
            let overview = targets::overview(s, &who.actor()).await?;
            let page = TargetsPage {
                targets: &overview.targets,
                areas: &overview.areas,
                refused: Some((&errors, &form)),
                notice: None,
            };
            let page = views::targets::page(&ctx, &page);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn remove_form(
    State(state): State<AppState>,
    who: SignedIn,
    PathId(id): PathId,
) -> Result<Response, HtmlError> {
    targets::remove(&state.services, &who.actor(), id).await?;
    Ok(Redirect::to("/targets?done=removed").into_response())
}

async fn list_api(
    State(state): State<AppState>,
    auth: Auth,
) -> Result<Json<Vec<TargetJson>>, ApiError> {
    let overview = targets::overview(&state.services, &auth.actor()?).await?;
    Ok(Json(
        overview.targets.iter().map(TargetJson::from).collect(),
    ))
}

async fn create_api(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(input): ApiJson<TargetInput>,
) -> Result<(StatusCode, Json<TargetJson>), ApiError> {
    let created = targets::create(&state.services, &auth.actor()?, &input).await?;
    Ok((StatusCode::CREATED, Json(TargetJson::from(&created))))
}

async fn remove_api(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> Result<StatusCode, ApiError> {
    targets::remove(&state.services, &auth.actor()?, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
