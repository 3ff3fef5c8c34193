//! The summary before submitting, submitting, and the reviewer's decision.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use super::Notice;
use crate::app::Error;
use crate::app::audits::{self, ReviewInput};
use crate::http::auth::SignedIn;
use crate::http::{AppState, HtmlError, HtmlForm, PathId};
use crate::views::Ctx;
use crate::views::audits as views;

pub(super) async fn summary(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(id): PathId<Uuid>,
    Query(notice): Query<Notice>,
) -> Result<Response, HtmlError> {
    let audit = audits::read(&state.services, &who.actor(), id).await?;
    let saved = notice.saved_elsewhere(&ctx, &audit);
    Ok(views::summary_page(&ctx, &audit, None, saved).into_response())
}

/// Submits; when something is missing, the summary comes back naming it, with links.
pub(super) async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(id): PathId<Uuid>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    match audits::submit(&state.services, &actor, id).await {
        Ok(audit) => {
            Ok(Redirect::to(&format!("/audits/{}?done=submitted", audit.id)).into_response())
        }
        Err(Error::Invalid(errors)) => {
            let audit = audits::read(&state.services, &actor, id).await?;
            let page = views::summary_page(&ctx, &audit, Some(&errors), None);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(id): PathId<Uuid>,
) -> Result<Response, HtmlError> {
    let review = audits::read_for_review(&state.services, &who.actor(), id).await?;
    let page = views::review_page(
        &ctx,
        &review.audit,
        review.since_return.as_deref(),
        None,
        None,
    );
    Ok(page.into_response())
}

/// Approves or returns; refused input shows the review again with each problem.
pub(super) async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(id): PathId<Uuid>,
    HtmlForm(form): HtmlForm<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let alternatives = form
        .iter()
        .filter_map(|(k, v)| {
            let code = k.strip_prefix("alternative.")?;
            Some((code.to_owned(), v == "accept"))
        })
        .collect();
    let input = ReviewInput {
        decision: form.get("decision").cloned(),
        comment: form.get("comment").cloned(),
        alternatives,
    };
    match audits::review(&state.services, &actor, id, &input).await {
        Ok(audit) => {
            Ok(Redirect::to(&format!("/audits/{}?done=reviewed", audit.id)).into_response())
        }
        Err(Error::Invalid(errors)) => {
            let review = audits::read_for_review(&state.services, &actor, id).await?;
            let page = views::review_page(
                &ctx,
                &review.audit,
                review.since_return.as_deref(),
                Some(&errors),
                Some(&form),
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
