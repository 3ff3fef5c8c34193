//! The moderators' side of barrier reports: the queue of the reports a person answers,
//! a report with its contact, and the answer form.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::app::Error;
use crate::app::barrier_reports::{self as reports, Moderation};
use crate::domain::barrier::{Answer, Publication, ReportState, Tracking};
use crate::domain::validation::{FieldErrors, Problem};
use crate::http::auth::SignedIn;
use crate::http::{AppState, HtmlError, HtmlForm, PathId};
use crate::views::Ctx;
use crate::views::barrier_reports as views;

#[derive(Deserialize)]
pub(super) struct QueueFilter {
    state: Option<String>,
}

/// `/moderation/barriers`: the moderator's queue.
pub(super) async fn queue_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Query(filter): Query<QueueFilter>,
) -> Result<Response, HtmlError> {
    let wanted = match filter
        .state
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(text) => Some(ReportState::parse(text).map_err(|p| Error::field("state", p))?),
        None => None,
    };
    let queue = reports::queue(&state.services, &who.actor(), wanted).await?;
    Ok(views::queue_page(&ctx, &queue, wanted).into_response())
}

#[derive(Deserialize)]
pub(super) struct Saved {
    saved: Option<String>,
}

/// `/moderation/barriers/{id}`: a report to answer.
pub(super) async fn report_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(id): PathId<Uuid>,
    Query(saved): Query<Saved>,
) -> Result<Response, HtmlError> {
    let moderating = reports::for_moderator(&state.services, &who.actor(), id).await?;
    Ok(views::moderation_page(&ctx, &moderating, saved.saved.is_some(), None).into_response())
}

/// The answer form as posted.
#[derive(Deserialize)]
pub(super) struct AnswerForm {
    version: i64,
    answer: Option<String>,
    finding: Option<String>,
    item: Option<String>,
    follow_up_on: Option<String>,
    reason: Option<String>,
    duplicate_of: Option<String>,
    publication: Option<String>,
}

impl AnswerForm {
    /// The moderation asked for, or the fields that are wrong.
    fn parse(&self) -> Result<Moderation, FieldErrors> {
        let mut errors = FieldErrors::default();
        let id = |errors: &mut FieldErrors, field: &str, text: &Option<String>| {
            let text = text.as_deref().map(str::trim).unwrap_or_default();
            if text.is_empty() {
                errors.add(field, Problem::Required);
                return None;
            }
            errors.take(field, Uuid::parse_str(text).map_err(|_| Problem::NotAnId))
        };
        let answer = match self.answer.as_deref().map(str::trim).unwrap_or_default() {
            "" => None,
            "review" => Some(Answer::Review),
            "confirm" => match self.finding.as_deref().map(str::trim) {
                Some("new") => match self.item.as_deref().map(str::trim) {
                    Some(item) if !item.is_empty() => Some(Answer::Confirm {
                        finding: Tracking::New {
                            item: item.to_owned(),
                        },
                    }),
                    _ => {
                        errors.add("item", Problem::Required);
                        None
                    }
                },
                _ => id(&mut errors, "finding", &self.finding).map(|finding| Answer::Confirm {
                    finding: Tracking::Existing(finding),
                }),
            },
            "follow_up" => {
                let text = self.follow_up_on.as_deref().unwrap_or_default();
                errors
                    .take("follow_up_on", crate::domain::validation::date(text))
                    .map(|on| Answer::PlanFollowUp { on })
            }
            "not_a_barrier" => Some(Answer::NotABarrier {
                reason: self.reason.clone().unwrap_or_default(),
            }),
            "duplicate" => id(&mut errors, "duplicate_of", &self.duplicate_of)
                .map(|of| Answer::Duplicate { of }),
            other => {
                errors.add(
                    "answer",
                    Problem::NotOneOf {
                        given: other.to_owned(),
                        allowed: [
                            "review",
                            "confirm",
                            "follow_up",
                            "not_a_barrier",
                            "duplicate",
                        ]
                        .map(str::to_owned)
                        .to_vec(),
                    },
                );
                None
            }
        };
        let publication = match self
            .publication
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(text) => errors.take("publication", Publication::parse(text)),
            None => None,
        };
        if errors.is_empty() {
            Ok(Moderation {
                answer,
                publication,
                version: self.version,
            })
        } else {
            Err(errors)
        }
    }
}

/// `POST /moderation/barriers/{id}`: answers the report; the page again with what is wrong.
pub(super) async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(id): PathId<Uuid>,
    HtmlForm(form): HtmlForm<AnswerForm>,
) -> Result<Response, HtmlError> {
    let s = &state.services;
    let actor = who.actor();
    let result = match form.parse() {
        Ok(m) => reports::moderate(s, &actor, id, &m).await,
        Err(errors) => Err(Error::Invalid(errors)),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/moderation/barriers/{id}?saved=1")).into_response()),
        Err(Error::Invalid(errors) | Error::Conflict(errors)) => {
            refused(s, &ctx, &actor, id, &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub(super) struct AssignForm {
    department: Option<String>,
}

/// `POST /moderation/barriers/{id}/department`: gives a report of a place in no registry
/// to a department; the queue again, where it no longer is.
pub(super) async fn assign(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(id): PathId<Uuid>,
    HtmlForm(form): HtmlForm<AssignForm>,
) -> Result<Response, HtmlError> {
    let s = &state.services;
    let actor = who.actor();
    let code = form.department.unwrap_or_default();
    let result = if code.trim().is_empty() {
        Err(Error::field("department", Problem::Required))
    } else {
        reports::assign(s, &actor, id, &code).await
    };
    match result {
        Ok(()) => Ok(Redirect::to("/moderation/barriers").into_response()),
        Err(Error::Invalid(errors) | Error::Conflict(errors)) => {
            refused(s, &ctx, &actor, id, &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

/// The report's page again with what is wrong with the form sent (422).
async fn refused(
    s: &crate::app::Services,
    ctx: &Ctx,
    actor: &crate::domain::actor::Actor,
    id: Uuid,
    errors: &FieldErrors,
) -> Result<Response, HtmlError> {
    let moderating = reports::for_moderator(s, actor, id).await?;
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        views::moderation_page(ctx, &moderating, false, Some(errors)),
    )
        .into_response())
}
