//! One section of an audit's checklist per page: a multipart form with a camera input per
//! item, saved by one use case (`app::audits::save_section`).

use std::collections::HashMap;

use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use super::Notice;
use crate::app::Error;
use crate::app::audits::{self, SectionInput, SectionSaved};
use crate::app::photos::Upload;
use crate::domain::actor::Actor;
use crate::domain::audit::Audit;
use crate::domain::checklist::Section;
use crate::domain::validation::Problem;
use crate::http::auth::SignedIn;
use crate::http::extract::PHOTO_LIMIT;
use crate::http::{ApiError, AppState, HtmlError, PathId};
use crate::i18n::{Msg, problem_text};
use crate::views::Ctx;
use crate::views::audits::{self as views, SectionView};

/// Largest section form: several phone photos at once (each still at most
/// [`PHOTO_LIMIT`]).
pub(super) const LIMIT: usize = 4 * PHOTO_LIMIT;

pub(super) fn section_of<'a>(audit: &'a Audit, code: &str) -> Result<&'a Section, Error> {
    audit
        .checklist
        .sections
        .iter()
        .find(|s| s.code == code)
        .ok_or(Error::NotFound)
}

pub(super) async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId((id, code)): PathId<(Uuid, String)>,
    Query(notice): Query<Notice>,
) -> Result<Response, HtmlError> {
    let audit = audits::read(&state.services, &who.actor(), id).await?;
    if !views::editable_by(&ctx, &audit) {
        return Ok(Redirect::to(&format!("/audits/{}", audit.id)).into_response());
    }
    let section = section_of(&audit, &code)?;
    let (notice, saved) = notice.on_section(&ctx, &audit, &code);
    let view = SectionView {
        audit: &audit,
        section,
        typed: None,
        errors: None,
        photo_errors: &[],
        notice,
        saved,
        failed: None,
    };
    Ok(views::section_page(&ctx, &view).into_response())
}

/// A section form as posted: its text fields, and the photo files by item code.
pub(super) struct SectionForm {
    input: SectionInput,
    /// Photos over the single-photo limit, not kept: (item code, why).
    too_large: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequest<S> for SectionForm {
    type Rejection = HtmlError;

    async fn from_request(req: Request, state: &S) -> Result<Self, HtmlError> {
        let refused = |e| HtmlError(crate::http::audits::photos::refused(e, LIMIT));
        let mut multipart = Multipart::from_request(req, state)
            .await
            .map_err(|e| HtmlError(ApiError::Malformed(e.body_text())))?;
        let mut form = SectionForm {
            input: SectionInput::default(),
            too_large: Vec::new(),
        };
        while let Some(field) = multipart.next_field().await.map_err(refused)? {
            let name = field.name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(refused)?;
            if let Some(code) = name.strip_prefix("photo.") {
                if bytes.len() > PHOTO_LIMIT {
                    let why = problem_text(
                        &Problem::FileTooLarge {
                            max_megabytes: PHOTO_LIMIT / (1024 * 1024),
                        },
                        crate::i18n::current(),
                    );
                    form.too_large.push((code.to_owned(), why));
                } else if !bytes.is_empty() {
                    form.input.photos.push(Upload {
                        bytes,
                        item: Some(code.to_owned()),
                        caption: None,
                        ..Upload::default()
                    });
                }
            } else {
                form.input
                    .fields
                    .insert(name, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        Ok(form)
    }
}

/// Saves a section's answers, each alone, then its photos one by one: a refused answer or
/// photo leaves the others saved, and the page comes back with only the refused ones
/// marked, as typed. Saved, the inspector lands where they were: on the first item that
/// this save gave a warning (the section stays), else on the next section, or back at the
/// last item filled in when they chose to stay. A save that fails outright says so on a
/// signed-in page, with what was typed when the section can be shown again.
pub(super) async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId((id, code)): PathId<(Uuid, String)>,
    form: Result<SectionForm, HtmlError>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let form = match form {
        Ok(form) => form,
        Err(HtmlError(e)) => return Ok(not_saved(&state, &ctx, &actor, id, &code, e, None).await),
    };
    let fields: HashMap<String, String> = form.input.fields.clone();
    let uploaded: Vec<String> = form
        .input
        .photos
        .iter()
        .filter_map(|p| p.item.clone())
        .collect();
    let saved = match audits::save_section(&state.services, &actor, id, &code, form.input).await {
        Ok(saved) => saved,
        Err(e) => {
            let page = not_saved(&state, &ctx, &actor, id, &code, e.into(), Some(&fields));
            return Ok(page.await);
        }
    };
    let SectionSaved {
        audit,
        refused,
        photos_refused,
        new_warnings,
    } = saved;
    let mut photo_errors = form.too_large;
    for (item, errors) in photos_refused {
        let why = errors
            .0
            .iter()
            .map(|e| problem_text(&e.problem, ctx.lang))
            .collect::<Vec<_>>()
            .join(" ");
        photo_errors.push((item, why));
    }
    let section = section_of(&audit, &code)?;
    if refused.is_some() || !photo_errors.is_empty() {
        let view = SectionView {
            audit: &audit,
            section,
            typed: refused.as_ref().map(|_| &fields),
            errors: refused.as_ref(),
            photo_errors: &photo_errors,
            notice: None,
            saved: refused.is_none().then_some(Msg::SectionSaved),
            failed: None,
        };
        let page = views::section_page(&ctx, &view);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let here = format!("/audits/{}/sections/{code}", audit.id);
    let next = match (new_warnings.first(), fields.get("then").map(String::as_str)) {
        (Some(warning), _) => format!("{here}?done=check#item-{}", warning.item()),
        (None, Some("stay")) => {
            let filled = section.items.iter().rev().find(|item| {
                uploaded.contains(&item.code)
                    || fields.iter().any(|(name, value)| {
                        !value.trim().is_empty()
                            && !name.starts_with("unit.")
                            && name.split_once('.').is_some_and(|(_, c)| c == item.code)
                    })
            });
            match filled {
                Some(item) => format!("{here}?done=saved#item-{}", item.code),
                None => format!("{here}?done=saved#main"),
            }
        }
        (None, _) => {
            let sections = &audit.checklist.sections;
            let at = sections.iter().position(|s| s.code == code).unwrap_or(0);
            match sections.get(at + 1) {
                Some(next) => format!(
                    "/audits/{}/sections/{}?done=saved&section={code}",
                    audit.id, next.code
                ),
                None => format!("/audits/{}/summary?done=saved&section={code}", audit.id),
            }
        }
    };
    Ok(Redirect::to(&next).into_response())
}

/// The answer to a save that failed outright: the section again with what was typed and
/// why, when the audit can still be filled; else a page that says what happened, that the
/// answers saved before are kept, and links back to the section. Either way the person
/// sees they are still signed in.
async fn not_saved(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: Uuid,
    code: &str,
    error: ApiError,
    typed: Option<&HashMap<String, String>>,
) -> Response {
    let status = error.status();
    let message = error.message();
    let audit = audits::read(&state.services, actor, id).await.ok();
    let shown = audit
        .as_ref()
        .filter(|audit| views::editable_by(ctx, audit))
        .and_then(|audit| Some((audit, section_of(audit, code).ok()?)));
    let mut response = match (typed, shown) {
        (Some(typed), Some((audit, section))) => {
            let view = SectionView {
                audit,
                section,
                typed: Some(typed),
                errors: None,
                photo_errors: &[],
                notice: None,
                saved: None,
                failed: Some(message),
            };
            (status, views::section_page(ctx, &view)).into_response()
        }
        _ => {
            let title = audit
                .as_ref()
                .and_then(|a| section_of(a, code).ok())
                .map(|s| s.title.get(ctx.lang));
            let page = views::save_failed_page(ctx, id, code, title, &message);
            (status, page).into_response()
        }
    };
    error.add_headers(&mut response);
    response
}
