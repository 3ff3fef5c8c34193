//! Sending the report form (`POST /barriers`): urlencoded, or multipart when it carries a
//! photo; refused, the form comes back with what was typed and why.

use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use super::super::auth::ClientAddress;
use super::super::{ApiError, AppState, HtmlError, HtmlForm};
use crate::app::Error;
use crate::app::barrier_reports::{self as reports, Sender, Sent, Via};
use crate::app::photos::Upload;
use crate::domain::barrier::ReportInput;
use crate::domain::geo::Coordinates;
use crate::domain::validation::{FieldErrors, Problem};
use crate::http::extract::PHOTO_LIMIT;
use crate::views::Ctx;
use crate::views::barrier_reports::{self as views, Place, ReportForm};

/// Largest form: a phone photo over the photo limit still arrives whole, so it is named
/// with the limit and what was typed comes back.
pub(super) const LIMIT: usize = 4 * PHOTO_LIMIT;

/// The form as sent: its fields, its photo, and why the photo was refused as it came.
pub(super) struct ReportBody {
    pairs: Vec<(String, String)>,
    photo: Option<Upload>,
    errors: FieldErrors,
}

impl<S: Send + Sync> FromRequest<S> for ReportBody {
    type Rejection = HtmlError;

    async fn from_request(req: Request, state: &S) -> Result<Self, HtmlError> {
        let multipart = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !multipart {
            let HtmlForm(pairs) = HtmlForm::from_request(req, state).await?;
            return Ok(ReportBody {
                pairs,
                photo: None,
                errors: FieldErrors::default(),
            });
        }
        let refused = |e| HtmlError(crate::http::audits::photos::refused(e, LIMIT));
        let mut parts = Multipart::from_request(req, state).await.map_err(|e| {
            HtmlError(ApiError::Malformed(format!(
                "Expected a multipart/form-data body: {e}"
            )))
        })?;
        let mut body = ReportBody {
            pairs: Vec::new(),
            photo: None,
            errors: FieldErrors::default(),
        };
        while let Some(field) = parts.next_field().await.map_err(refused)? {
            let name = field.name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(refused)?;
            if name == "photo" {
                if bytes.len() > PHOTO_LIMIT {
                    body.errors.add(
                        "photo",
                        Problem::FileTooLarge {
                            max_megabytes: PHOTO_LIMIT / (1024 * 1024),
                        },
                    );
                } else if !bytes.is_empty() {
                    body.photo = Some(Upload {
                        bytes,
                        ..Upload::default()
                    });
                }
                continue;
            }
            match String::from_utf8(bytes.to_vec()) {
                Ok(text) => body.pairs.push((name, text)),
                Err(e) => {
                    let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                    let column = String::from_utf8_lossy(valid).chars().count() + 1;
                    body.errors.add(&name, Problem::NotUtf8 { column });
                }
            }
        }
        Ok(body)
    }
}

#[derive(Default)]
struct Posted {
    input: ReportInput,
    key: Option<String>,
    trap: Option<String>,
    lat: String,
    lon: String,
}

fn posted(pairs: Vec<(String, String)>) -> Posted {
    let mut p = Posted::default();
    for (name, value) in pairs {
        match name.as_str() {
            "features" => p.input.features.push(value),
            "description" => p.input.description = Some(value),
            "contact" => p.input.contact = Some(value),
            "site" => p.input.site = Some(value),
            "lat" => p.lat = value,
            "lon" => p.lon = value,
            "key" => p.key = Some(value),
            "leave_empty" => p.trap = Some(value),
            _ => {}
        }
    }
    p.input.lat = p.lat.trim().parse().ok();
    p.input.lon = p.lon.trim().parse().ok();
    p
}

/// `POST /barriers`: sends the form; the report's page on success, else the form again with
/// everything typed and what is wrong.
pub(super) async fn send_form(
    State(state): State<AppState>,
    ctx: Ctx,
    address: ClientAddress,
    body: ReportBody,
) -> Result<Response, HtmlError> {
    let s = &state.services;
    let p = posted(body.pairs);
    // A form without its key (an old page, a program) gets a new one; it is then too fresh
    // to pass, and comes back to be sent again.
    let key = p
        .key
        .as_deref()
        .and_then(|k| Uuid::parse_str(k.trim()).ok())
        .unwrap_or_else(|| reports::form_key(s));
    let sender = Sender {
        address: address.0,
        lang: ctx.lang,
    };
    let via = Via::Form {
        key,
        trap: p.trap.as_deref(),
    };
    let sent = if body.errors.is_empty() {
        reports::send(s, &sender, &p.input, via, body.photo.as_ref()).await
    } else {
        // The photo was refused as it came: the rest is checked too, so every problem is
        // named at once, and nothing is stored.
        match p.input.parse(&s.region) {
            Ok(_) => Err(Error::Invalid(body.errors)),
            Err(mut errors) => {
                errors.0.extend(body.errors.0);
                Err(Error::Invalid(errors))
            }
        }
    };
    let refused = match sent {
        Ok(Sent::New(r) | Sent::Again(r)) => {
            return Ok(
                Redirect::to(&format!("/barriers/{}?sent=1", r.public_token)).into_response(),
            );
        }
        Err(e @ (Error::Invalid(_) | Error::HeldBack(_))) => e,
        Err(other) => return Err(other.into()),
    };
    // The place again, as the form named it.
    let name;
    let place = match (&p.input.site, p.input.lat, p.input.lon) {
        (Some(site), _, _) => {
            let id = Uuid::parse_str(site.trim()).map_err(|_| Error::NotFound)?;
            name = reports::place(s, id).await?.1;
            Place::Site(id, &name)
        }
        (None, Some(lat), Some(lon)) => match Coordinates::new(lon, lat) {
            Ok(at) => Place::Position(at),
            Err(_) => return Err(refused.into()),
        },
        _ => return Err(refused.into()),
    };
    let (status, errors, held) = match refused {
        Error::Invalid(errors) => (StatusCode::UNPROCESSABLE_ENTITY, Some(errors), None),
        Error::HeldBack(why) => {
            let said = ApiError::from(Error::HeldBack(why));
            (said.status(), None, Some(said.message()))
        }
        other => return Err(other.into()),
    };
    let form = ReportForm {
        place,
        // A form held back for its key gets a new one; otherwise it keeps its own.
        key: if held.is_some() {
            reports::form_key(s)
        } else {
            key
        },
        features: &p.input.features,
        description: p.input.description.as_deref().unwrap_or_default(),
        contact: p.input.contact.as_deref().unwrap_or_default(),
        errors: errors.as_ref(),
        held,
    };
    Ok((status, views::form_page(&ctx, &form)).into_response())
}
