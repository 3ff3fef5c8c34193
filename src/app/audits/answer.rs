//! Answering: a batch of answers saved all or nothing, once; or, for a section page, each
//! answer read alone and the good ones saved together.

use std::collections::BTreeMap;

use serde::Serialize;
use uuid::Uuid;

use crate::app::audit_access::{assemble, checklist_of, for_author};
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::answer::{
    AnswerInput, Change as AnswerChange, ItemAnswer, read_batch, read_each,
};
use crate::domain::audit::{Audit, Head, Step, StoredAnswer};
use crate::domain::event::Change;
use crate::domain::validation::FieldErrors;
use crate::store::audits;

/// A batch of answers as the event log records it: one event, whatever its size.
#[derive(Serialize)]
struct AnswersRecord<'a> {
    answered: Vec<&'a ItemAnswer>,
    cleared: Vec<&'a str>,
    sections_not_applicable: Vec<&'a str>,
    sections_applicable: Vec<&'a str>,
}

/// Saves a batch of answers to audit `id`: all of them or, when any is refused, none (every
/// refused one is named). Sending the same batch again changes nothing and logs nothing, so
/// a phone may resend after losing its connection.
pub async fn answer(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    inputs: &[AnswerInput],
) -> Result<Audit, Error> {
    let (audit, _) = save(s, actor, id, inputs, Reading::AllOrNothing).await?;
    Ok(audit)
}

/// How a batch is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading {
    /// Every answer good, or nothing saved (the API's batch).
    AllOrNothing,
    /// Each answer alone: the good ones saved, the bad ones given back (a section page).
    EachAlone,
}

/// Saves the answers of `inputs` read as `reading` says, in one transaction and one event;
/// returns the audit as it stands and the answers refused (none when all or nothing).
pub(super) async fn save(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    inputs: &[AnswerInput],
    reading: Reading,
) -> Result<(Audit, FieldErrors), Error> {
    let mut tx = s.begin().await?;
    let head = for_author(&mut tx, actor, id, Step::Edit).await?;
    let checklist = checklist_of(s, &mut tx, &head).await?;
    let (changes, refused) = match reading {
        Reading::AllOrNothing => (read_batch(&checklist, inputs)?, FieldErrors::default()),
        Reading::EachAlone => read_each(&checklist, inputs),
    };
    let mut stored: BTreeMap<String, StoredAnswer> = audits::answers(&mut tx, id)
        .await?
        .into_iter()
        .map(|a| (a.answer.item.clone(), a))
        .collect();
    let mut not_applicable = audits::sections_not_applicable(&mut tx, id).await?;
    let mut record = AnswersRecord {
        answered: Vec::new(),
        cleared: Vec::new(),
        sections_not_applicable: Vec::new(),
        sections_applicable: Vec::new(),
    };
    let mut to_save: Vec<ItemAnswer> = Vec::new();
    for change in &changes {
        match change {
            AnswerChange::Answer(a) if stored.get(&a.item).map(|s| &s.answer) != Some(a) => {
                to_save.push(a.clone());
                record.answered.push(a);
            }
            AnswerChange::Answer(_) => {}
            AnswerChange::Clear { item } if stored.contains_key(item) => {
                record.cleared.push(item);
            }
            AnswerChange::Clear { .. } => {}
            AnswerChange::Section { code, applies } => {
                let marked = not_applicable.contains(code);
                match (applies, marked) {
                    (false, false) => record.sections_not_applicable.push(code),
                    (true, true) => record.sections_applicable.push(code),
                    _ => {}
                }
            }
        }
    }
    let nothing_new = record.answered.is_empty()
        && record.cleared.is_empty()
        && record.sections_not_applicable.is_empty()
        && record.sections_applicable.is_empty();
    if nothing_new {
        let answers = stored.into_values().collect();
        let audit = assemble(s, &mut tx, head, answers, not_applicable).await?;
        return Ok((audit, refused));
    }
    let now = s.now();
    audits::save_answers(&mut tx, id, &to_save, now).await?;
    let cleared: Vec<String> = record.cleared.iter().map(|c| (*c).to_owned()).collect();
    audits::clear_answers(&mut tx, id, &cleared).await?;
    audits::mark_sections(&mut tx, id, &record.sections_not_applicable, false, now).await?;
    audits::mark_sections(&mut tx, id, &record.sections_applicable, true, now).await?;
    let version = audits::touch(&mut tx, id, now).await?;
    s.log(
        &mut tx,
        Change::new(actor, "audit.answer", "audit", id).after(&record),
    )
    .await?;
    // The audit as it now stands, from what this transaction wrote: saved answers lose any
    // reviewer's word on them, as the store does.
    for item in &cleared {
        stored.remove(item);
    }
    for answer in to_save {
        let item = answer.item.clone();
        let saved = StoredAnswer {
            answer,
            accepted: None,
            answered_at: now,
        };
        stored.insert(item, saved);
    }
    not_applicable.retain(|code| !record.sections_applicable.contains(&code.as_str()));
    not_applicable.extend(
        record
            .sections_not_applicable
            .iter()
            .map(|c| (*c).to_owned()),
    );
    not_applicable.sort();
    let head = Head {
        version,
        updated_at: now,
        ..head
    };
    let answers = stored.into_values().collect();
    let audit = assemble(s, &mut tx, head, answers, not_applicable).await?;
    tx.commit().await?;
    Ok((audit, refused))
}
