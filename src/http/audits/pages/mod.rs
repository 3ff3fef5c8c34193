//! The pages inspectors and reviewers work in: the list, start from a site, one section
//! per page ([`section`]), removing a photo ([`photo`]), and the summary, submit and review
//! ([`review`]); a blank audit's pages for the phone to keep ahead of a trip ([`blank`]). Each handler extracts, calls one use case and renders.

mod blank;
mod photo;
mod review;
mod section;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use uuid::Uuid;

use crate::app::audits::{self, StartInput, Started};
use crate::app::participation;
use crate::domain::audit::{Audit, AuditState, Filter};
use crate::domain::permission::Action;
use crate::http::auth::SignedIn;
use crate::http::{AppState, HtmlError, HtmlForm, PathId};
use crate::i18n::Msg;
use crate::views::Ctx;
use crate::views::audits as views;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/audits", get(list))
        .route("/sites/{id}/audits", post(start))
        .route("/sites/{id}/audits/blank", get(blank::overview))
        .route(
            "/sites/{id}/audits/blank/sections/{section}",
            get(blank::section),
        )
        .route("/audits/{id}", get(overview))
        .route(
            "/audits/{id}/sections/{section}",
            get(section::form)
                .post(section::save)
                .layer(DefaultBodyLimit::max(section::LIMIT)),
        )
        .route(
            "/audits/{id}/photos/{photo}/delete",
            get(photo::confirm).post(photo::remove),
        )
        .route("/audits/{id}/summary", get(review::summary))
        .route("/audits/{id}/submit", post(review::submit))
        .route(
            "/audits/{id}/review",
            get(review::form).post(review::decide),
        )
}

/// `?done=saved` and the like: which notice an audit page shows after a redirect;
/// `section` names the section just saved when the page is another.
#[derive(Debug, Default, Deserialize)]
struct Notice {
    done: Option<String>,
    section: Option<String>,
}

impl Notice {
    fn msg(&self) -> Option<Msg> {
        match self.done.as_deref() {
            Some("saved") => Some(Msg::SectionSaved),
            Some("submitted") => Some(Msg::SubmitDone),
            Some("reviewed") => Some(Msg::ReviewDone),
            Some("photo_removed") => Some(Msg::PhotoRemoved),
            Some("participant_added") => Some(Msg::ParticipantAdded),
            Some("participant_removed") => Some(Msg::ParticipantRemoved),
            Some("remark_added") => Some(Msg::RemarkAdded),
            _ => None,
        }
    }

    /// "The section “Entrance” is saved", on the page shown after saving it.
    fn saved_elsewhere(&self, ctx: &Ctx, audit: &Audit) -> Option<String> {
        let code = self
            .section
            .as_deref()
            .filter(|_| self.done.as_deref() == Some("saved"))?;
        let section = audit.checklist.sections.iter().find(|s| s.code == code)?;
        Some(
            ctx.t(Msg::SectionSavedNamed)
                .replace("{section}", section.title.get(ctx.lang)),
        )
    }

    /// The notices of section `here`: at the top of the page (another section saved, a
    /// photo removed), and in its save bar (this very section saved).
    fn on_section(&self, ctx: &Ctx, audit: &Audit, here: &str) -> (Option<String>, Option<Msg>) {
        match (self.done.as_deref(), self.section.as_deref()) {
            (Some("saved"), Some(other)) if other != here => {
                (self.saved_elsewhere(ctx, audit), None)
            }
            (Some("saved"), _) => (None, Some(Msg::SectionSaved)),
            (Some("check"), _) => (None, Some(Msg::SectionSavedCheck)),
            _ => (self.msg().map(|m| ctx.t(m).to_owned()), None),
        }
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let s = &state.services;
    let mine = audits::list(
        s,
        &actor,
        &Filter {
            mine: true,
            limit: 200,
            ..Filter::default()
        },
    )
    .await?;
    let (in_progress, awaiting): (Vec<_>, Vec<_>) =
        mine.into_iter().partition(|h| h.state.in_progress());
    let awaiting: Vec<_> = awaiting
        .into_iter()
        .filter(|h| h.state == AuditState::Submitted)
        .collect();
    let queue = if ctx.can_for_own_department(Action::ReviewAudits) {
        let queue = audits::list(
            s,
            &actor,
            &Filter {
                state: Some(AuditState::Submitted),
                limit: 200,
                ..Filter::default()
            },
        )
        .await?;
        let me = actor.user_id();
        Some(
            queue
                .into_iter()
                .filter(|h| Some(h.inspector.id) != me)
                .collect::<Vec<_>>(),
        )
    } else {
        None
    };
    Ok(views::list_page(&ctx, &in_progress, &awaiting, queue.as_deref()).into_response())
}

/// The start form: the page's key, and the browser's position when a script filled it in.
#[derive(Debug, Default, Deserialize)]
struct StartForm {
    key: Option<String>,
    lat: Option<String>,
    lon: Option<String>,
    accuracy: Option<String>,
    /// `true` for a follow-up audit of the site's findings.
    follow_up: Option<String>,
}

fn number(text: &Option<String>) -> Option<f64> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .and_then(|t| t.parse::<f64>().ok())
        .filter(|n| n.is_finite())
}

/// Starts a draft (or finds the one this form's key started) and opens its first section.
async fn start(
    State(state): State<AppState>,
    who: SignedIn,
    PathId(site): PathId,
    HtmlForm(form): HtmlForm<StartForm>,
) -> Result<Response, HtmlError> {
    let input = StartInput {
        key: form.key.clone(),
        lat: number(&form.lat),
        lon: number(&form.lon),
        accuracy: number(&form.accuracy),
        follow_up: Some(form.follow_up.as_deref() == Some("true")),
    };
    let audit = match audits::start(&state.services, &who.actor(), site, &input).await? {
        Started::New(audit) | Started::Again(audit) => audit,
    };
    let first = audit
        .checklist
        .sections
        .first()
        .map(|s| format!("/audits/{}/sections/{}", audit.id, s.code))
        .unwrap_or_else(|| format!("/audits/{}", audit.id));
    Ok(Redirect::to(&first).into_response())
}

async fn overview(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(id): PathId<Uuid>,
    Query(notice): Query<Notice>,
) -> Result<Response, HtmlError> {
    let seen = participation::observed_audit(&state.services, &who.actor(), id).await?;
    let extras = views::Extras {
        findings: &seen.findings,
        suggestions: &seen.suggestions,
        refused: None,
    };
    Ok(views::audit_page(&ctx, &seen.audit, &extras, notice.msg()).into_response())
}
