//! Reporting rounds: `/api/v1/rounds…` for programs and `/rounds…` for people. Opening a
//! round and deciding on parts is the coordinator's; writing a part its department's
//! reviewers'.

mod pages;

use axum::Router;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use uuid::Uuid;

use crate::app::Error;
use crate::app::rounds::{self, OpenInput};
use crate::domain::round::{Decision, Sections};
use crate::domain::validation::{FieldErrors, Problem};
use crate::http::auth::Auth;
use crate::http::{ApiError, ApiJson, ApiQuery, AppState, PathId};
use crate::views::Ctx;
use crate::views::rounds::docx::{self, DocxInput};
use crate::views::rounds::json::{CompiledJson, PartJson, RoundJson, RoundsJson};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/rounds", get(list).post(open))
        .route("/api/v1/rounds/{id}", get(one))
        .route("/api/v1/rounds/{id}/report", get(report))
        .route("/api/v1/rounds/{id}/parts/{code}", get(part).put(save))
        .route("/api/v1/rounds/{id}/parts/{code}/submit", post(submit))
        .route("/api/v1/rounds/{id}/parts/{code}/review", post(review))
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
        .merge(pages::router())
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
) -> Result<Json<RoundsJson>, ApiError> {
    let listed = rounds::list(&state.services, &auth.actor()?).await?;
    Ok(Json(RoundsJson::new(&listed, ctx.lang)))
}

/// A round to open, as sent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Open {
    title: Option<String>,
    kind: Option<String>,
    period_from: Option<String>,
    period_to: Option<String>,
    due_on: Option<String>,
    /// Department codes; left out, every department in use.
    departments: Option<Vec<String>>,
}

async fn open(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    ApiJson(body): ApiJson<Open>,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let s = &state.services;
    let input = OpenInput {
        title: body.title,
        kind: body.kind,
        period_from: body.period_from,
        period_to: body.period_to,
        due_on: body.due_on,
        departments: body.departments,
    };
    let round = rounds::open(s, &actor, &input).await?;
    let view = rounds::round(s, &actor, round.id).await?;
    Ok((StatusCode::CREATED, Json(RoundJson::of(&view, ctx.lang))).into_response())
}

async fn one(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    PathId(id): PathId<Uuid>,
) -> Result<Json<RoundJson>, ApiError> {
    let view = rounds::round(&state.services, &auth.actor()?, id).await?;
    Ok(Json(RoundJson::of(&view, ctx.lang)))
}

async fn part(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    PathId((id, code)): PathId<(Uuid, String)>,
) -> Result<Json<PartJson>, ApiError> {
    let view = rounds::part(&state.services, &auth.actor()?, id, &code).await?;
    Ok(Json(PartJson::new(&view, ctx.lang)))
}

/// A part's sections as sent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    results: Option<String>,
    difficulties: Option<String>,
    proposals: Option<String>,
}

impl Written {
    fn sections(&self) -> Result<Sections, Error> {
        Ok(Sections::parse(
            self.results.as_deref(),
            self.difficulties.as_deref(),
            self.proposals.as_deref(),
        )?)
    }
}

/// The part as it stands after a step, with its figures.
async fn answer(
    state: &AppState,
    ctx: &Ctx,
    auth: &Auth,
    id: Uuid,
    code: &str,
) -> Result<Json<PartJson>, ApiError> {
    let view = rounds::part(&state.services, &auth.actor()?, id, code).await?;
    Ok(Json(PartJson::new(&view, ctx.lang)))
}

async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    PathId((id, code)): PathId<(Uuid, String)>,
    ApiJson(body): ApiJson<Written>,
) -> Result<Json<PartJson>, ApiError> {
    let actor = auth.actor()?;
    rounds::save(&state.services, &actor, id, &code, body.sections()?).await?;
    answer(&state, &ctx, &auth, id, &code).await
}

async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    PathId((id, code)): PathId<(Uuid, String)>,
    body: axum::body::Bytes,
) -> Result<Json<PartJson>, ApiError> {
    let actor = auth.actor()?;
    // No body sends the part as saved; a body sends these sections.
    let sections = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        let written: Written =
            serde_json::from_slice(&body).map_err(|e| ApiError::Malformed(e.to_string()))?;
        Some(written.sections()?)
    };
    rounds::submit(&state.services, &actor, id, &code, sections).await?;
    answer(&state, &ctx, &auth, id, &code).await
}

/// The coordinator's decision as sent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Review {
    decision: Option<String>,
    comment: Option<String>,
}

async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    PathId((id, code)): PathId<(Uuid, String)>,
    ApiJson(body): ApiJson<Review>,
) -> Result<Json<PartJson>, ApiError> {
    let actor = auth.actor()?;
    // Who may not decide learns nothing of what is wrong with the decision.
    actor.may(
        crate::domain::permission::Action::RunRounds,
        crate::domain::permission::Scope::Everywhere,
    )?;
    let decision = Decision::parse(body.decision.as_deref(), body.comment.as_deref())
        .map_err(Error::Invalid)?;
    rounds::decide(&state.services, &actor, id, &code, decision).await?;
    answer(&state, &ctx, &auth, id, &code).await
}

#[derive(Debug, Deserialize)]
struct ReportQuery {
    format: Option<String>,
}

/// `GET /api/v1/rounds/{id}/report?format=json|html|docx`: the compiled report.
async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    PathId(id): PathId<Uuid>,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let s = &state.services;
    let format = query.format.as_deref().map(str::trim).unwrap_or("json");
    let allowed = ["json", "html", "docx"];
    if !allowed.contains(&format) {
        return Err(Error::field(
            "format",
            Problem::NotOneOf {
                given: format.to_owned(),
                allowed: allowed.map(str::to_owned).to_vec(),
            },
        )
        .into());
    }
    let compiled = rounds::compiled(s, &actor, id).await?;
    let (lang, generated, zone) = (ctx.lang, s.now(), s.zone);
    let letterhead = state.settings.letterhead.clone();
    let name = file_name(&compiled.round);
    let (media, bytes, download) = match format {
        "html" => (
            "text/html; charset=utf-8",
            crate::views::rounds::compiled::document(&compiled, lang, &letterhead, generated, zone)
                .into_string()
                .into_bytes(),
            None,
        ),
        "docx" => {
            let bytes = tokio::task::spawn_blocking(move || {
                docx::write(&DocxInput {
                    compiled: &compiled,
                    lang,
                    letterhead: &letterhead,
                    generated,
                    zone,
                })
            })
            .await
            .map_err(|e| Error::Internal(e.into()))?
            .map_err(Error::Internal)?;
            (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                bytes,
                Some(format!("{name}.docx")),
            )
        }
        _ => (
            "application/json",
            serde_json::to_vec_pretty(&CompiledJson::new(&compiled, generated, lang))
                .map_err(|e| Error::Internal(e.into()))?,
            None,
        ),
    };
    let mut response = ([(CONTENT_TYPE, HeaderValue::from_static(media))], bytes).into_response();
    if let Some(file) = download
        && let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\""))
    {
        response.headers_mut().insert(CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// `bao-cao-periodic-2025-07-01-2025-09-30`: the round's kind and period, plain ASCII.
fn file_name(round: &crate::domain::round::Round) -> String {
    format!(
        "bao-cao-{}-{}-{}",
        round.kind.as_str(),
        round.period.from,
        round.period.to
    )
}

/// Refused input the page shows on its fields.
fn invalid(e: Error) -> Result<FieldErrors, Error> {
    match e {
        Error::Invalid(errors) => Ok(errors),
        other => Err(other),
    }
}
