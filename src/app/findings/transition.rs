//! Moving a finding by hand: the request and the matrix checked, the after-photos made and
//! stored before any transaction, then one transaction that checks again under the
//! finding's lock, records the photos, the plan, one history entry and one event.

use bytes::Bytes;
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::input::{Parsed, TransitionInput};
use super::read::load;
use crate::app::photo_files::{
    Upload, forget_unused, keep_files, objects_of, process, record_of, store_objects,
};
use crate::app::retries::{Created, Once};
use crate::app::{Error, Services, Transition};
use crate::domain::actor::Actor;
use crate::domain::event::Change;
use crate::domain::finding::cost::Dong;
use crate::domain::finding::dashboard::Detail;
use crate::domain::finding::lifecycle::{self, Cause, Refused};
use crate::domain::finding::{Finding, FindingState, Given, Plan};
use crate::domain::permission::{Action, Scope};
use crate::domain::photo::Sha256;
use crate::domain::validation::Problem;
use crate::objects::Key;
use crate::store::findings::{self, NewHistory};
use crate::store::{photos, sites};

/// The rule's refusal as the person is told it.
fn refusal(refused: Refused) -> Error {
    match refused {
        Refused::OnlyByAudit => Error::Transition(Transition::OnlyByAudit),
        Refused::NotByHand => Error::Transition(Transition::NotByHand),
        Refused::Closed => Error::Transition(Transition::Closed),
        Refused::NotFrom { from, to } => Error::Transition(Transition::NotFrom { from, to }),
        Refused::Fields(errors) => Error::Invalid(errors),
        // Only audits are refused these, and they are never asked by hand.
        Refused::SamePerson | Refused::Unchanged => {
            Error::Internal(anyhow::anyhow!("an audit's refusal for a person's step"))
        }
    }
}

/// Checks who asks (the matrix's answer for the step, named), then the step from
/// `finding`'s state.
fn allowed(
    s: &Services,
    actor: &Actor,
    finding: &Finding,
    parsed: &Parsed,
) -> Result<lifecycle::Step, Error> {
    let department = finding.department.id;
    let own_or_everywhere = actor
        .may(Action::ReadFindings, Scope::Department(department))
        .is_ok();
    if !own_or_everywhere {
        return Err(Error::Transition(Transition::OtherDepartment));
    }
    if let Some(needs) = lifecycle::needs(parsed.request.to)
        && actor.may(needs, Scope::Department(department)).is_err()
    {
        let refused = match (needs, actor.department()) {
            (_, Some(own)) if own != department => Transition::OtherDepartment,
            (Action::FixFindings, _) => Transition::FieldStaffOnly,
            _ => Transition::ReviewersOnly,
        };
        return Err(Error::Transition(refused));
    }
    let step = lifecycle::transition(
        finding.state,
        Cause::Hand {
            request: &parsed.request,
            today: s.today(),
        },
    )
    .map_err(refusal)?;
    Ok(step)
}

/// A step as the history and the event log record its fields.
#[derive(Serialize)]
struct StepFields<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    due_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assignee: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    budget_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    estimated_cost: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actual_cost: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    after_photos: Vec<Uuid>,
}

/// A processed after-photo, its files stored, waiting for the transaction.
struct Ready {
    photo: crate::domain::audit::Photo,
    files: [(Key, Bytes); 3],
}

/// Moves finding `id` as `input` asks, with `photos` as after-photos (for `fixed`). An
/// illegal step is refused naming its rule, and leaves the finding as it was; photos are
/// checked and stored before the transaction and removed again if the step fails. Sent
/// with a key (`once`), the same request again (a phone that lost the answer) gets the
/// first answer instead of a refusal.
pub async fn transition(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    input: &TransitionInput,
    uploads: Vec<Upload>,
    once: Option<Once<'_, Detail>>,
) -> Result<Created<Detail>, Error> {
    let me = actor.user_id().ok_or(Error::SignInRequired)?;
    if let Some(once) = &once {
        let mut conn = s.db.conn().await?;
        let finding = load(s, &mut conn, id).await?.finding;
        actor.may(
            Action::ReadFindings,
            Scope::Department(finding.department.id),
        )?;
        if let Some(answer) = once.earlier(&mut conn, actor).await? {
            return Ok(Created::Replayed(answer));
        }
    }
    let uploads: Vec<Upload> = uploads
        .into_iter()
        .filter(|u| !u.bytes.is_empty())
        .collect();
    let parsed = input.parse(&uploads)?;
    if !uploads.is_empty() && parsed.request.to != FindingState::Fixed {
        return Err(Error::field("file", Problem::PhotoOnlyWhenFixed));
    }
    let before = {
        let mut conn = s.db.conn().await?;
        let finding = load(s, &mut conn, id).await?.finding;
        allowed(s, actor, &finding, &parsed)?;
        let mut taken = Vec::new();
        for photo in &finding.photos {
            if let Some(p) = photos::by_id(&mut conn, *photo).await? {
                taken.push(p.original.sha256);
            }
        }
        let digest = |u: &Upload| Sha256::of(&u.bytes).hex();
        if uploads.iter().any(|u| taken.contains(&digest(u))) {
            return Err(Error::field("file", Problem::SameAsBeforePhoto));
        }
        finding
    };
    let mut ready = Vec::with_capacity(uploads.len());
    let mut written: Vec<Key> = Vec::new();
    for (upload, caption) in uploads.iter().zip(&parsed.captions) {
        let processed = match process(&s.photos, upload.bytes.clone()).await {
            Ok(p) => p,
            Err(e) => {
                forget_unused(s, &written).await;
                return Err(e);
            }
        };
        match store_objects(s, &processed, &upload.bytes).await {
            Ok(mut keys) => written.append(&mut keys),
            Err(e) => {
                forget_unused(s, &written).await;
                return Err(e);
            }
        }
        let item_upload = Upload {
            item: Some(before.item.clone()),
            ..upload.clone()
        };
        ready.push(Ready {
            photo: record_of(
                Uuid::now_v7(),
                before.photo_owner(),
                &item_upload,
                caption.clone(),
                &processed,
                Some(me),
                s.now(),
            ),
            files: objects_of(&processed, &upload.bytes),
        });
    }
    match record(s, actor, id, &parsed, &ready, once.as_ref()).await {
        Ok(Created::New(detail)) => Ok(Created::New(detail)),
        Ok(replayed) => {
            forget_unused(s, &written).await;
            Ok(replayed)
        }
        Err(e) => {
            forget_unused(s, &written).await;
            Err(e)
        }
    }
}

/// The transition's one transaction: the finding checked again under its lock, the photos
/// recorded, the state and fields stored, one history entry and one event.
async fn record(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    parsed: &Parsed,
    ready: &[Ready],
    once: Option<&Once<'_, Detail>>,
) -> Result<Created<Detail>, Error> {
    let me = actor.user_id().ok_or(Error::SignInRequired)?;
    let mut tx = s.begin().await?;
    if !findings::lock(&mut tx, id).await? {
        return Err(Error::NotFound);
    }
    // A twin request with the same key may have committed while this one made its photos.
    if let Some(once) = once
        && let Some(answer) = once.earlier(&mut tx, actor).await?
    {
        return Ok(Created::Replayed(answer));
    }
    let finding = load(s, &mut tx, id).await?.finding;
    let step = allowed(s, actor, &finding, parsed)?;
    if !ready.is_empty() {
        let files: Vec<(Key, Bytes)> = ready.iter().flat_map(|r| r.files.clone()).collect();
        keep_files(s, &mut tx, &files).await?;
        for r in ready {
            photos::insert(&mut tx, &r.photo).await?;
        }
        let ids: Vec<Uuid> = ready.iter().map(|r| r.photo.id).collect();
        findings::add_after_photos(&mut tx, id, &ids).await?;
    }
    let to = step.to;
    let assignee = match (&parsed.assignee, to) {
        (Some(who), _) => Some(who.clone()),
        (None, FindingState::Planned) => sites::by_id(&mut tx, finding.site_id)
            .await?
            .and_then(|site| site.operator),
        (None, _) => None,
    };
    let plan = Plan::of(&finding).after(
        to,
        Given {
            due_date: parsed.request.due_date,
            assignee,
            budget_year: parsed.budget_year,
            estimated_cost: parsed.estimated_cost,
            actual_cost: parsed.actual_cost,
            reason: parsed.request.reason.clone(),
            by: Some(me),
        },
    );
    findings::update(&mut tx, id, to, &plan, s.now()).await?;
    let planned = to == FindingState::Planned;
    let fields = StepFields {
        due_date: plan.due_date.filter(|_| planned),
        assignee: plan.assignee.as_deref().filter(|_| planned),
        budget_year: plan.budget_year.filter(|_| planned),
        estimated_cost: plan.estimated_cost.filter(|_| planned).map(Dong::get),
        actual_cost: plan
            .actual_cost
            .filter(|_| to == FindingState::Fixed)
            .map(Dong::get),
        reason: plan.reason.as_deref(),
        after_photos: ready.iter().map(|r| r.photo.id).collect(),
    };
    let fields = serde_json::to_value(&fields).map_err(anyhow::Error::new)?;
    findings::add_history(
        &mut tx,
        &NewHistory {
            finding_id: id,
            from: finding.state,
            to,
            actor_id: me,
            audit_id: None,
            comment: parsed.request.comment.as_deref(),
            fields: &fields,
        },
        s.now(),
    )
    .await?;
    let change = Change::new(actor, "finding.transition", "finding", id)
        .before(serde_json::json!({ "state": finding.state }))
        .after(serde_json::json!({
            "state": to,
            "comment": parsed.request.comment,
            "fields": fields,
        }));
    s.log(&mut tx, change).await?;
    let detail = load(s, &mut tx, id).await?;
    if let Some(once) = once
        && let Some(answer) = once.remember(s, &mut tx, actor, &detail).await?
    {
        // The same request with the same key committed first: this one writes nothing.
        return Ok(Created::Replayed(answer));
    }
    tx.commit().await?;
    Ok(Created::New(detail))
}
