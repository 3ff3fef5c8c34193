//! A transition sent as multipart (`file` parts for the after-photos), for the API and the
//! finding page's forms alike.

use axum::extract::{FromRequest, Multipart, Request};

use crate::app::Error;
use crate::app::findings::{CostField, TransitionInput, YearField};
use crate::app::photos::Upload;
use crate::domain::validation::{FieldErrors, Problem};
use crate::http::ApiError;
use crate::http::extract::PHOTO_LIMIT;

/// Largest transition body: several phone photos of one fix.
pub const TRANSITION_LIMIT: usize = 4 * PHOTO_LIMIT;

/// A multipart transition: its fields and its photos.
pub struct TransitionForm {
    /// The fields.
    pub input: TransitionInput,
    /// The after-photos, in the order sent.
    pub photos: Vec<Upload>,
    /// The request's fingerprint, for a retry with the same key (see
    /// [`crate::http::retries::fingerprint`]).
    pub fingerprint: String,
    /// The form's own key (`key` field), which the pages send so that a form sent twice
    /// is one step.
    pub key: Option<String>,
}

/// Reads a multipart transition; a photo over the single-photo limit, or a field that is
/// not UTF-8, is refused by name.
pub async fn read<S: Send + Sync>(req: Request, state: &S) -> Result<TransitionForm, ApiError> {
    let method = req.method().to_string();
    let path = req.uri().path().to_owned();
    let refused = |e| crate::http::audits::photos::refused(e, TRANSITION_LIMIT);
    let mut multipart = Multipart::from_request(req, state)
        .await
        .map_err(|e| ApiError::Malformed(format!("Expected a multipart/form-data body: {e}")))?;
    let mut input = TransitionInput::default();
    let mut photos = Vec::new();
    let mut caption = None;
    let mut key = None;
    let mut seen = Vec::new();
    let mut errors = FieldErrors::default();
    while let Some(field) = multipart.next_field().await.map_err(refused)? {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(refused)?;
        if name != "key" {
            seen.push(name.clone());
            seen.push(crate::domain::secret::digest_bytes(&bytes));
        }
        if name == "file" {
            if bytes.len() > PHOTO_LIMIT {
                errors.add(
                    "file",
                    Problem::FileTooLarge {
                        max_megabytes: PHOTO_LIMIT / (1024 * 1024),
                    },
                );
            } else if !bytes.is_empty() {
                photos.push(Upload {
                    bytes,
                    item: None,
                    caption: None,
                    ..Upload::default()
                });
            }
            continue;
        }
        let text = match String::from_utf8(bytes.to_vec()) {
            Ok(text) => text,
            Err(e) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let column = String::from_utf8_lossy(valid).chars().count() + 1;
                errors.add(&name, Problem::NotUtf8 { column });
                continue;
            }
        };
        match name.as_str() {
            "to" => input.to = Some(text),
            "comment" => input.comment = Some(text),
            "due_date" => input.due_date = Some(text),
            "assignee" => input.assignee = Some(text),
            "budget_year" => input.budget_year = Some(YearField::Text(text)),
            "estimated_cost" => input.estimated_cost = Some(CostField::Text(text)),
            "actual_cost" => input.actual_cost = Some(CostField::Text(text)),
            "reason" => input.reason = Some(text),
            "caption" => caption = Some(text),
            "key" => key = Some(text).filter(|k| !k.trim().is_empty()),
            _ => {}
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors).into());
    }
    for photo in &mut photos {
        photo.caption = caption.clone();
    }
    Ok(TransitionForm {
        input,
        photos,
        fingerprint: crate::http::retries::fingerprint(&method, &path, seen.join("\n").as_bytes()),
        key,
    })
}
