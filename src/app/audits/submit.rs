//! Submitting: the audit goes to its department's reviewers once nothing is missing.

use uuid::Uuid;

use crate::app::audit_access::{complete, for_author};
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::{Audit, AuditState, Step};
use crate::domain::event::Change;
use crate::domain::validation::{FieldErrors, Problem};
use crate::store::audits;

/// What is still missing before an audit can be submitted, as refused fields by item code.
pub fn missing(audit: &Audit) -> FieldErrors {
    let answers = audit.item_answers();
    let sheet = audit.sheet(&answers);
    let mut errors = FieldErrors::default();
    for code in sheet.missing_answers() {
        errors.add(code, Problem::AnswerMissing);
    }
    for code in sheet.missing_photos() {
        errors.add(code, Problem::PhotoMissing);
    }
    errors
}

/// Hands audit `id` to its department's reviewers; refused, naming every missing answer
/// and photo by item code, while anything is missing. It is read-only to its inspector
/// from then on.
pub async fn submit(s: &Services, actor: &Actor, id: Uuid) -> Result<Audit, Error> {
    let mut tx = s.begin().await?;
    let head = for_author(&mut tx, actor, id, Step::Submit).await?;
    let audit = complete(s, &mut tx, head).await?;
    let missing = missing(&audit);
    if !missing.is_empty() {
        return Err(Error::Invalid(missing));
    }
    let now = s.now();
    let version = audits::submit(&mut tx, id, now).await?;
    let record =
        serde_json::json!({ "answers": audit.answers.len(), "photos": audit.photos.len() });
    s.log(
        &mut tx,
        Change::new(actor, "audit.submit", "audit", id).after(record),
    )
    .await?;
    let audit = Audit {
        state: AuditState::Submitted,
        submitted_at: Some(now),
        version,
        ..audit
    };
    tx.commit().await?;
    Ok(audit)
}
