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

fn section_of<'a>(audit: &'a Audit, code: &str) -> Result<&'a Section, Error> {
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

/// Saves a section's answers (all or nothing), then its photos one by one: a refused
/// photo leaves the saved answers and the other photos as they are, and the page says
/// which was refused and why.
pub(super) async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId((id, code)): PathId<(Uuid, String)>,
    form: SectionForm,
) -> Result<Response, HtmlError> {
    let fields: HashMap<String, String> = form.input.fields.clone();
    let SectionSaved {
        audit,
        refused,
        photos_refused,
    } = audits::save_section(&state.services, &who.actor(), id, &code, form.input).await?;
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
    if refused.is_some() || !photo_errors.is_empty() {
        let view = SectionView {
            audit: &audit,
            section: section_of(&audit, &code)?,
            typed: refused.as_ref().map(|_| &fields),
            errors: refused.as_ref(),
            photo_errors: &photo_errors,
            notice: refused.is_none().then_some(Msg::SectionSaved),
        };
        let page = views::section_page(&ctx, &view);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let sections = &audit.checklist.sections;
    let here = sections.iter().position(|s| s.code == code).unwrap_or(0);
    let next = match fields.get("then").map(String::as_str) {
        Some("stay") => format!("/audits/{}/sections/{code}?done=saved", audit.id),
        _ => match sections.get(here + 1) {
            Some(next) => format!("/audits/{}/sections/{}?done=saved", audit.id, next.code),
            None => format!("/audits/{}/summary", audit.id),
        },
    };
    Ok(Redirect::to(&next).into_response())
}
