//! The pages inspectors and reviewers work in: the list, start from a site, one section
//! per page (a multipart form with a camera input per item), the summary and submit, and
//! the review. Each handler extracts, calls the use cases of [`crate::app::audits`] and
//! [`crate::app::photos`], and renders.

use std::collections::HashMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::Markup;
use serde::Deserialize;
use uuid::Uuid;

use crate::app::audits::{self, ListInput, ReviewInput, StartInput, Started};
use crate::app::photos::{self, Upload};
use crate::app::{Error, Services};
use crate::domain::audit::answer::{AnswerInput, Entry};
use crate::domain::audit::{Audit, AuditState};
use crate::domain::checklist::{Answer, Section};
use crate::domain::permission::Action;
use crate::http::auth::{Auth, sign_in_first};
use crate::http::extract::PHOTO_LIMIT;
use crate::http::{ApiError, AppState, HtmlError, HtmlForm};
use crate::i18n::{Msg, problem_text};
use crate::views::Ctx;
use crate::views::audits::{self as views, SectionView};

/// Largest section form: several phone photos at once (each still at most
/// [`PHOTO_LIMIT`]).
const SECTION_LIMIT: usize = 4 * PHOTO_LIMIT;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/audits", get(list))
        .route("/sites/{id}/audits", post(start))
        .route("/audits/{id}", get(overview))
        .route(
            "/audits/{id}/sections/{section}",
            get(section_form)
                .post(save_section)
                .layer(DefaultBodyLimit::max(SECTION_LIMIT)),
        )
        .route(
            "/audits/{id}/photos/{photo}/delete",
            get(remove_photo_form).post(remove_photo),
        )
        .route("/audits/{id}/summary", get(summary))
        .route("/audits/{id}/submit", post(submit))
        .route("/audits/{id}/review", get(review_form).post(review))
}

fn id(text: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(text).map_err(|_| Error::NotFound)
}

/// `?saved=1` and the like: which notice an audit page shows after a redirect.
#[derive(Debug, Default, Deserialize)]
struct Notice {
    done: Option<String>,
}

impl Notice {
    fn msg(&self) -> Option<Msg> {
        match self.done.as_deref() {
            Some("saved") => Some(Msg::SectionSaved),
            Some("submitted") => Some(Msg::SubmitDone),
            Some("reviewed") => Some(Msg::ReviewDone),
            Some("photo_removed") => Some(Msg::PhotoRemoved),
            _ => None,
        }
    }
}

async fn list(State(state): State<AppState>, ctx: Ctx, auth: Auth) -> Result<Response, HtmlError> {
    if let Some(redirect) = sign_in_first(&auth, &ctx.path) {
        return Ok(redirect);
    }
    let actor = auth.actor()?;
    let s = &state.services;
    let mine = audits::list(
        s,
        &actor,
        &ListInput {
            mine: true,
            limit: 200,
            ..ListInput::default()
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
            &ListInput {
                state: Some(AuditState::Submitted),
                limit: 200,
                ..ListInput::default()
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
    auth: Auth,
    Path(site): Path<String>,
    HtmlForm(form): HtmlForm<StartForm>,
) -> Result<Response, HtmlError> {
    let actor = auth.actor()?;
    let input = StartInput {
        key: form.key.clone(),
        lat: number(&form.lat),
        lon: number(&form.lon),
        accuracy: number(&form.accuracy),
        follow_up: Some(form.follow_up.as_deref() == Some("true")),
    };
    let audit = match audits::start(&state.services, &actor, id(&site)?, &input).await? {
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

async fn read(s: &Services, auth: &Auth, audit: &str) -> Result<Audit, HtmlError> {
    Ok(audits::read(s, &auth.actor()?, id(audit)?).await?)
}

async fn overview(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    Path(audit): Path<String>,
    Query(notice): Query<Notice>,
) -> Result<Response, HtmlError> {
    if let Some(redirect) = sign_in_first(&auth, &ctx.path) {
        return Ok(redirect);
    }
    let audit = read(&state.services, &auth, &audit).await?;
    Ok(views::audit_page(&ctx, &audit, notice.msg()).into_response())
}

fn section_of<'a>(audit: &'a Audit, code: &str) -> Result<&'a Section, Error> {
    audit
        .checklist
        .sections
        .iter()
        .find(|s| s.code == code)
        .ok_or(Error::NotFound)
}

async fn section_form(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    Path((audit, code)): Path<(String, String)>,
    Query(notice): Query<Notice>,
) -> Result<Response, HtmlError> {
    if let Some(redirect) = sign_in_first(&auth, &ctx.path) {
        return Ok(redirect);
    }
    let audit = read(&state.services, &auth, &audit).await?;
    if !views::editable_by(&ctx, &audit) {
        return Ok(Redirect::to(&format!("/audits/{}", audit.id)).into_response());
    }
    let section = section_of(&audit, &code)?;
    let view = SectionView {
        audit: &audit,
        section,
        typed: None,
        errors: None,
        photo_errors: &[],
        notice: notice.msg(),
    };
    Ok(views::section_page(&ctx, &view).into_response())
}

/// A section form as posted: its text fields, and the photo files by item code.
struct SectionForm {
    fields: HashMap<String, String>,
    photos: Vec<(String, Bytes)>,
    /// Photos over the single-photo limit, not kept: (item code, why).
    too_large: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequest<S> for SectionForm {
    type Rejection = HtmlError;

    async fn from_request(req: Request, state: &S) -> Result<Self, HtmlError> {
        let refused = |e| HtmlError(super::photos::refused(e, SECTION_LIMIT));
        let mut multipart = Multipart::from_request(req, state)
            .await
            .map_err(|e| HtmlError(ApiError::Malformed(e.body_text())))?;
        let mut form = SectionForm {
            fields: HashMap::new(),
            photos: Vec::new(),
            too_large: Vec::new(),
        };
        while let Some(field) = multipart.next_field().await.map_err(refused)? {
            let name = field.name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(refused)?;
            if let Some(code) = name.strip_prefix("photo.") {
                if bytes.len() > PHOTO_LIMIT {
                    let lang = crate::i18n::current();
                    let why = problem_text(
                        &crate::domain::validation::Problem::FileTooLarge {
                            max_megabytes: PHOTO_LIMIT / (1024 * 1024),
                        },
                        lang,
                    );
                    form.too_large.push((code.to_owned(), why));
                } else if !bytes.is_empty() {
                    form.photos.push((code.to_owned(), bytes));
                }
            } else {
                form.fields
                    .insert(name, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        Ok(form)
    }
}

/// The answers a section form holds: the section's own question, then each item with
/// something filled in. Items left blank are left as they were.
fn inputs(section: &Section, fields: &HashMap<String, String>) -> Vec<AnswerInput> {
    let get = |name: String| {
        fields
            .get(&name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let mut out = Vec::new();
    if section.optional() {
        match fields.get("applies").map(String::as_str) {
            Some("no") => {
                return vec![AnswerInput {
                    section: Some(section.code.clone()),
                    result: Some("not_applicable".into()),
                    ..AnswerInput::default()
                }];
            }
            Some("yes") => out.push(AnswerInput {
                section: Some(section.code.clone()),
                result: Some("applicable".into()),
                ..AnswerInput::default()
            }),
            _ => {}
        }
    }
    for item in &section.items {
        let code = &item.code;
        let result = get(format!("result.{code}"));
        let note = get(format!("note.{code}"));
        let input = match &item.answer {
            Answer::YesNo => AnswerInput {
                result,
                note,
                ..AnswerInput::default()
            },
            Answer::Measure { .. } => {
                let value = get(format!("value.{code}"));
                AnswerInput {
                    unit: value.as_ref().and(get(format!("unit.{code}"))),
                    value: value.map(Entry::Text),
                    result,
                    note,
                    ..AnswerInput::default()
                }
            }
            Answer::Count(_) => AnswerInput {
                total: get(format!("total.{code}")).map(Entry::Text),
                provided: get(format!("provided.{code}")).map(Entry::Text),
                result,
                note,
                ..AnswerInput::default()
            },
        };
        // A note alone is sent too, so the person is told the result is missing rather
        // than the note being dropped.
        let given = input.result.is_some()
            || input.value.is_some()
            || input.total.is_some()
            || input.provided.is_some()
            || input.note.is_some();
        if given {
            out.push(AnswerInput {
                item: Some(code.clone()),
                ..input
            });
        }
    }
    out
}

/// Saves a section's answers (all or nothing), then its photos one by one: a refused
/// photo leaves the saved answers and the other photos as they are, and the page says
/// which was refused and why.
async fn save_section(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    Path((audit, code)): Path<(String, String)>,
    form: SectionForm,
) -> Result<Response, HtmlError> {
    let actor = auth.actor()?;
    let s = &state.services;
    let audit = read(s, &auth, &audit).await?;
    let section = section_of(&audit, &code)?;
    let answers = inputs(section, &form.fields);
    let refused = match audits::answer(s, &actor, audit.id, &answers).await {
        Ok(_) => None,
        Err(Error::Invalid(errors)) => Some(errors),
        Err(e) => return Err(e.into()),
    };
    // The photos do not depend on the answers: they are kept even when an answer is
    // refused, since a file input cannot be filled in again for the person.
    let mut photo_errors = form.too_large.clone();
    for (item, bytes) in form.photos {
        let upload = Upload {
            bytes,
            item: Some(item.clone()),
            caption: None,
        };
        match photos::add(s, &actor, audit.id, upload, None).await {
            Ok(_) => {}
            Err(Error::Invalid(errors)) => {
                let why = errors
                    .0
                    .iter()
                    .map(|e| problem_text(&e.problem, ctx.lang))
                    .collect::<Vec<_>>()
                    .join(" ");
                photo_errors.push((item, why));
            }
            Err(e) => return Err(e.into()),
        }
    }
    if refused.is_some() || !photo_errors.is_empty() {
        let audit = audits::read(s, &actor, audit.id).await?;
        let section = section_of(&audit, &code)?;
        let view = SectionView {
            audit: &audit,
            section,
            typed: refused.as_ref().map(|_| &form.fields),
            errors: refused.as_ref(),
            photo_errors: &photo_errors,
            notice: refused.is_none().then_some(Msg::SectionSaved),
        };
        let page: Markup = views::section_page(&ctx, &view);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let saved = audits::read(s, &actor, audit.id).await?;
    let sections = &saved.checklist.sections;
    let here = sections.iter().position(|s| s.code == code).unwrap_or(0);
    let next = match form.fields.get("then").map(String::as_str) {
        Some("stay") => format!("/audits/{}/sections/{code}?done=saved", saved.id),
        _ => match sections.get(here + 1) {
            Some(next) => format!("/audits/{}/sections/{}?done=saved", saved.id, next.code),
            None => format!("/audits/{}/summary", saved.id),
        },
    };
    Ok(Redirect::to(&next).into_response())
}

/// The audit and one of its photos, for the removal pages.
async fn audit_and_photo(
    s: &Services,
    auth: &Auth,
    audit: &str,
    photo: &str,
) -> Result<(Audit, crate::domain::audit::Photo), HtmlError> {
    let audit = read(s, auth, audit).await?;
    let photo = id(photo)?;
    let photo = audit
        .photos
        .iter()
        .find(|p| p.id == photo)
        .cloned()
        .ok_or(Error::NotFound)?;
    Ok((audit, photo))
}

async fn remove_photo_form(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    Path((audit, photo)): Path<(String, String)>,
) -> Result<Response, HtmlError> {
    if let Some(redirect) = sign_in_first(&auth, &ctx.path) {
        return Ok(redirect);
    }
    let (audit, photo) = audit_and_photo(&state.services, &auth, &audit, &photo).await?;
    Ok(views::remove_photo_page(&ctx, &audit, &photo).into_response())
}

/// Removes a photo, then goes back to its section.
async fn remove_photo(
    State(state): State<AppState>,
    auth: Auth,
    Path((audit, photo)): Path<(String, String)>,
) -> Result<Response, HtmlError> {
    let (audit, photo) = audit_and_photo(&state.services, &auth, &audit, &photo).await?;
    photos::delete(&state.services, &auth.actor()?, audit.id, photo.id).await?;
    let section = photo
        .item
        .as_deref()
        .and_then(|code| audit.checklist.section_of(code));
    let back = match section {
        Some(section) => format!(
            "/audits/{}/sections/{}?done=photo_removed",
            audit.id, section.code
        ),
        None => format!("/audits/{}?done=photo_removed", audit.id),
    };
    Ok(Redirect::to(&back).into_response())
}

async fn summary(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    Path(audit): Path<String>,
) -> Result<Response, HtmlError> {
    if let Some(redirect) = sign_in_first(&auth, &ctx.path) {
        return Ok(redirect);
    }
    let audit = read(&state.services, &auth, &audit).await?;
    Ok(views::summary_page(&ctx, &audit, None).into_response())
}

/// Submits; when something is missing, the summary comes back naming it, with links.
async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    Path(audit): Path<String>,
) -> Result<Response, HtmlError> {
    let actor = auth.actor()?;
    let id = id(&audit)?;
    match audits::submit(&state.services, &actor, id).await {
        Ok(audit) => {
            Ok(Redirect::to(&format!("/audits/{}?done=submitted", audit.id)).into_response())
        }
        Err(Error::Invalid(errors)) => {
            let audit = audits::read(&state.services, &actor, id).await?;
            let page = views::summary_page(&ctx, &audit, Some(&errors));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn review_form(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    Path(audit): Path<String>,
) -> Result<Response, HtmlError> {
    if let Some(redirect) = sign_in_first(&auth, &ctx.path) {
        return Ok(redirect);
    }
    let audit = read(&state.services, &auth, &audit).await?;
    Ok(views::review_page(&ctx, &audit, None, None).into_response())
}

/// Approves or returns; refused input shows the review again with each problem.
async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    Path(audit): Path<String>,
    HtmlForm(form): HtmlForm<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    let actor = auth.actor()?;
    let id = id(&audit)?;
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
            let audit = audits::read(&state.services, &actor, id).await?;
            let page = views::review_page(&ctx, &audit, Some(&errors), Some(&form));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
