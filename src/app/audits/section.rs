//! Saving one section page: its answers as one batch (all or nothing), then each photo
//! chosen for its items on its own, so a refused photo loses no answer and no other photo.
//! The page calls this once and renders what it returns.

use std::collections::HashMap;

use uuid::Uuid;

use super::{answer, read};
use crate::app::audit_access::{checklist_of, person, readable_head};
use crate::app::photo_files::Upload;
use crate::app::{Error, Services, photos};
use crate::domain::actor::Actor;
use crate::domain::audit::Audit;
use crate::domain::audit::answer::from_section_form;
use crate::domain::validation::FieldErrors;

/// A section page as posted: its fields as typed, and the photos chosen for its items
/// (each with its item's code).
#[derive(Debug, Clone, Default)]
pub struct SectionInput {
    /// The form's fields by name (see [`from_section_form`]).
    pub fields: HashMap<String, String>,
    /// The photos, in the order sent.
    pub photos: Vec<Upload>,
}

/// What saving a section did.
#[derive(Debug)]
pub struct SectionSaved {
    /// The audit as it stands after the save.
    pub audit: Audit,
    /// The answers refused, each by field; none of the section's answers was saved then.
    pub refused: Option<FieldErrors>,
    /// The photos refused, by item code, each with its problems; the others were added.
    pub photos_refused: Vec<(String, FieldErrors)>,
}

/// Saves section `code` of audit `id` as its page posted it: the answers as one batch
/// (refused, all of them stay as they were), then the photos one by one. Photos do not
/// depend on the answers: they are kept even when an answer is refused, since a file input
/// cannot be filled in again for the person.
pub async fn save_section(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    code: &str,
    input: SectionInput,
) -> Result<SectionSaved, Error> {
    person(actor).or(Err(Error::SignInRequired))?;
    let answers = {
        let mut conn = s.db.conn().await?;
        let head = readable_head(&mut conn, actor, id).await?;
        let checklist = checklist_of(s, &mut conn, &head).await?;
        let section = checklist
            .sections
            .iter()
            .find(|section| section.code == code)
            .ok_or(Error::NotFound)?;
        from_section_form(section, &input.fields)
    };
    let refused = match answer(s, actor, id, &answers).await {
        Ok(_) => None,
        Err(Error::Invalid(errors)) => Some(errors),
        Err(e) => return Err(e),
    };
    let mut photos_refused = Vec::new();
    for upload in input.photos {
        let item = upload.item.clone().unwrap_or_default();
        match photos::add(s, actor, id, upload, None).await {
            Ok(_) => {}
            Err(Error::Invalid(errors)) => photos_refused.push((item, errors)),
            Err(e) => return Err(e),
        }
    }
    let audit = read(s, actor, id).await?;
    Ok(SectionSaved {
        audit,
        refused,
        photos_refused,
    })
}
