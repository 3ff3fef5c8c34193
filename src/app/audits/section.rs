//! Saving one section page: each answer read alone and the good ones saved together (a bad
//! value loses none of the others), then each photo chosen for its items on its own, so a
//! refused photo loses no answer and no other photo.
//! The page calls this once and renders what it returns.

use std::collections::HashMap;

use uuid::Uuid;

use super::answer::{Reading, save};
use super::read;
use crate::app::audit_access::person;
use crate::app::photo_files::Upload;
use crate::app::{Error, Services, photos};
use crate::domain::actor::Actor;
use crate::domain::audit::answer::from_section_form;
use crate::domain::audit::{Audit, Warning};
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
    /// The answers refused, each by field; the section's other answers were saved.
    pub refused: Option<FieldErrors>,
    /// The photos refused, by item code, each with its problems; the others were added.
    pub photos_refused: Vec<(String, FieldErrors)>,
    /// The warnings on the section's items that this save brought (a length probably in
    /// the wrong unit, a photo taken far away, a photo missing), in checklist order.
    pub new_warnings: Vec<Warning>,
}

/// Saves section `code` of audit `id` as its page posted it: each answer read alone, the
/// good ones saved together and the bad ones given back, then the photos one by one.
/// Photos do not depend on the answers: they are kept even when an answer is refused, since
/// a file input cannot be filled in again for the person.
pub async fn save_section(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    code: &str,
    input: SectionInput,
) -> Result<SectionSaved, Error> {
    person(actor).or(Err(Error::SignInRequired))?;
    let before = read(s, actor, id).await?;
    let section = before
        .checklist
        .sections
        .iter()
        .find(|section| section.code == code)
        .ok_or(Error::NotFound)?;
    let answers = from_section_form(section, &input.fields);
    let (_, refused) = save(s, actor, id, &answers, Reading::EachAlone).await?;
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
    let earlier = before.warnings();
    let in_section = |w: &Warning| section.items.iter().any(|i| i.code == w.item());
    let new_warnings = audit
        .warnings()
        .into_iter()
        .filter(|w| in_section(w) && !earlier.contains(w))
        .collect();
    Ok(SectionSaved {
        audit,
        refused: (!refused.is_empty()).then_some(refused),
        photos_refused,
        new_warnings,
    })
}
