//! An inspector's audit from start to approval: start, answer, submit; a reviewer returns
//! or approves it. Each step is one transaction and one event; approval also makes the
//! findings and the site's summary in that same transaction.

use std::collections::HashMap;

use serde::Serialize;
use uuid::Uuid;

use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::answer::{AnswerInput, Change as AnswerChange, ItemAnswer, read_batch};
use crate::domain::audit::sheet::{Decisions, Status};
use crate::domain::audit::{Audit, AuditState, Fix, Outcome, Step};
use crate::domain::checklist::{self, Answer, Feature};
use crate::domain::event::Change;
use crate::domain::geo::Coordinates;
use crate::domain::permission::{Action, Scope};
use crate::domain::site::level::{Barrier, FeatureState, Level, summarise};
use crate::domain::validation::{FieldErrors, Problem, optional_text};
use crate::store::audits::{self, Filter, Head, NewAudit};
use crate::store::findings::{self, NewFinding};
use crate::store::{Access, Tx, checklists, photos, sites};

/// Longest comment a reviewer may write, in characters.
pub const COMMENT_MAX: usize = 2000;

/// What starting an audit takes: the client's key, and the position the browser offers.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartInput {
    /// A UUID the client made; the same key from the same person starts one audit.
    pub key: Option<String>,
    /// Latitude of the browser's fix.
    pub lat: Option<f64>,
    /// Longitude of the browser's fix.
    pub lon: Option<f64>,
    /// Its accuracy radius in metres.
    pub accuracy: Option<f64>,
    /// True for a short audit of only the items of the site's findings that a later audit
    /// checks again (open, planned, in progress, fixed, reopened).
    pub follow_up: Option<bool>,
}

impl StartInput {
    fn parse(&self) -> Result<(Uuid, Option<Fix>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let key = match self.key.as_deref().map(str::trim) {
            None | Some("") => {
                errors.add("key", Problem::Required);
                None
            }
            Some(text) => errors.take("key", Uuid::parse_str(text).map_err(|_| Problem::NotAnId)),
        };
        let fix = match (self.lat, self.lon) {
            (Some(lat), Some(lon)) => match Coordinates::new(lon, lat) {
                Ok(at) => Some(Fix {
                    at,
                    accuracy_m: self.accuracy.filter(|a| a.is_finite() && *a >= 0.0),
                }),
                Err((field, problem)) => {
                    errors.add(field, problem);
                    None
                }
            },
            (None, None) => None,
            (None, Some(_)) => {
                errors.add("lat", Problem::Required);
                None
            }
            (Some(_), None) => {
                errors.add("lon", Problem::Required);
                None
            }
        };
        errors.into_result(|| (key.unwrap_or_default(), fix))
    }
}

/// An audit's start as the event log records it.
#[derive(Serialize)]
struct StartRecord<'a> {
    site_id: Uuid,
    checklist: &'a str,
    checklist_version: u32,
    department: &'a str,
    key: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    follow_up: Option<&'a [String]>,
}

/// What [`start`] did.
#[derive(Debug)]
pub enum Started {
    /// A new draft.
    New(Audit),
    /// The same person sent the same key before: that audit.
    Again(Audit),
}

/// The person acting: audits are filled and reviewed by signed-in people only.
fn person(actor: &Actor) -> Result<Uuid, Error> {
    actor.user_id().ok_or(Error::Forbidden)
}

/// Starts a draft audit of site `site_id` on the latest checklist version for its subtype.
/// The same key from the same person returns the audit it started instead of a second.
pub async fn start(
    s: &Services,
    actor: &Actor,
    site_id: Uuid,
    input: &StartInput,
) -> Result<Started, Error> {
    let me = person(actor)?;
    let site = sites::by_id(&mut s.db.conn().await?, site_id)
        .await?
        .ok_or(Error::NotFound)?;
    actor.may(Action::StartAudit, Scope::Department(site.department.id))?;
    let (key, fix) = input.parse()?;
    let key_text = key.to_string();
    let mut tx = s.begin().await?;
    if let Some(earlier) = again(s, &mut tx, me, &key_text, site_id).await? {
        return Ok(Started::Again(earlier));
    }
    let snapshots = checklists::latest_all(&mut tx).await?;
    let checklists_now: Vec<_> = snapshots.iter().map(|s| &s.checklist).collect();
    let chosen = checklist::for_subtype(checklists_now.iter().copied(), site.subtype)
        .ok_or_else(|| anyhow::anyhow!("no checklist for subtype {}", site.subtype.as_str()))?;
    let snapshot = snapshots
        .iter()
        .find(|s| std::ptr::eq(&s.checklist, chosen))
        .expect("the chosen checklist is one of the snapshots");
    let follow_up = match input.follow_up {
        Some(true) => {
            let tracked = findings::standing(&mut tx, site_id).await?;
            let held: Vec<String> = chosen
                .items()
                .filter(|item| {
                    tracked
                        .iter()
                        .any(|f| f.state.is_tracked() && f.item == item.code)
                })
                .map(|item| item.code.clone())
                .collect();
            if held.is_empty() {
                return Err(Error::field("follow_up", Problem::NothingToFollowUp));
            }
            Some(held)
        }
        _ => None,
    };
    let id = Uuid::now_v7();
    let new = NewAudit {
        id,
        site_id,
        checklist_version_id: snapshot.snapshot_id,
        inspector_id: me,
        department_id: site.department.id,
        key: &key_text,
        fix,
        follow_up: follow_up.as_deref(),
        at: s.now(),
    };
    if let Err(e) = audits::insert(&mut tx, &new).await {
        return match Error::from(e) {
            // The same key at the same moment: the other request started it.
            Error::Conflict(_) => {
                drop(tx);
                let mut conn = s.db.conn().await?;
                match again(s, &mut conn, me, &key_text, site_id).await? {
                    Some(earlier) => Ok(Started::Again(earlier)),
                    None => Err(Error::field("key", Problem::Taken)),
                }
            }
            other => Err(other),
        };
    }
    let record = StartRecord {
        site_id,
        checklist: &chosen.id,
        checklist_version: chosen.version,
        department: &site.department.code,
        key,
        follow_up: follow_up.as_deref(),
    };
    s.log(
        &mut tx,
        Change::new(actor, "audit.start", "audit", id).after(record),
    )
    .await?;
    let audit = load(s, &mut tx, id).await?;
    tx.commit().await?;
    Ok(Started::New(audit))
}

/// The audit `me` started with `key`, if any; a key used for another site is refused.
async fn again(
    s: &Services,
    ex: &mut impl Access,
    me: Uuid,
    key: &str,
    site_id: Uuid,
) -> Result<Option<Audit>, Error> {
    let Some(id) = audits::by_key(ex, me, key).await? else {
        return Ok(None);
    };
    let audit = load(s, ex, id).await?;
    if audit.site.id != site_id {
        return Err(Error::field("key", Problem::KeyReused));
    }
    Ok(Some(audit))
}

/// Everything audit `id` holds; it must exist.
async fn load(s: &Services, ex: &mut impl Access, id: Uuid) -> Result<Audit, Error> {
    let head = audits::head(ex, id).await?.ok_or(Error::NotFound)?;
    complete(s, ex, head).await
}

/// `audit` with the facts of its head as they are now (state, dates, reviewer, version),
/// after a step that changed only those.
fn with_head(audit: Audit, head: Head) -> Audit {
    Audit {
        state: head.state,
        submitted_at: head.submitted_at,
        reviewed_at: head.reviewed_at,
        reviewer: head.reviewer,
        review_comment: head.review_comment,
        version: head.version,
        ..audit
    }
}

/// The checklist audit `head` is filled against: its snapshot, or for a follow-up only the
/// items it holds.
pub(super) async fn checklist_of(
    s: &Services,
    ex: &mut impl Access,
    head: &Head,
) -> Result<std::sync::Arc<checklist::Checklist>, Error> {
    let checklist = s.snapshots.get(ex, head.checklist_version_id).await?;
    Ok(match &head.follow_up {
        Some(items) => std::sync::Arc::new(checklist.only(items)),
        None => checklist,
    })
}

/// Adds the checklist, answers, sections and photos to `head`.
async fn complete(s: &Services, ex: &mut impl Access, head: Head) -> Result<Audit, Error> {
    let checklist = checklist_of(s, ex, &head).await?;
    let answers = audits::answers(ex, head.id).await?;
    let sections_not_applicable = audits::sections_not_applicable(ex, head.id).await?;
    let photos = photos::of_audit(ex, head.id).await?;
    Ok(Audit {
        id: head.id,
        follow_up: head.follow_up.is_some(),
        site: head.site,
        checklist_version_id: head.checklist_version_id,
        checklist,
        inspector: head.inspector,
        department: head.department,
        state: head.state,
        fix: head.fix,
        started_at: head.started_at,
        submitted_at: head.submitted_at,
        reviewed_at: head.reviewed_at,
        reviewer: head.reviewer,
        review_comment: head.review_comment,
        version: head.version,
        answers,
        sections_not_applicable,
        photos,
    })
}

/// 404 unless `actor` may see the audit: its author always; while it is being filled, the
/// department's reviewers; once submitted, the department's staff, coordinators and admins.
/// Someone who may not see it learns nothing of it, not even that it exists.
pub fn may_read(actor: &Actor, head: &Head) -> Result<(), Error> {
    if actor
        .may(Action::FillAudit, Scope::OwnRecord(head.inspector.id))
        .is_ok()
    {
        return Ok(());
    }
    let action = if head.state.in_progress() {
        Action::ReadDraftAudits
    } else {
        Action::ReadAudits
    };
    actor
        .may(action, Scope::Department(head.department.id))
        .map_err(|_| Error::NotFound)
}

/// Audit `id` as `actor` may see it.
pub async fn read(s: &Services, actor: &Actor, id: Uuid) -> Result<Audit, Error> {
    person(actor).or(Err(Error::SignInRequired))?;
    let mut conn = s.db.conn().await?;
    let head = audits::head(&mut conn, id).await?.ok_or(Error::NotFound)?;
    may_read(actor, &head)?;
    complete(s, &mut conn, head).await
}

/// Which audits to list.
#[derive(Debug, Clone, Default)]
pub struct ListInput {
    /// Only in this state.
    pub state: Option<AuditState>,
    /// Only of this site.
    pub site: Option<Uuid>,
    /// Only the actor's own.
    pub mine: bool,
    /// Only for this department.
    pub department: Option<Uuid>,
    /// Newest-first paging: only audits older than this one.
    pub before: Option<Uuid>,
    /// Page size.
    pub limit: u32,
}

/// The audits `actor` may see that match `input`, newest first.
pub async fn list(s: &Services, actor: &Actor, input: &ListInput) -> Result<Vec<Head>, Error> {
    let me = person(actor).or(Err(Error::SignInRequired))?;
    let everywhere = actor.may(Action::ReadAudits, Scope::Everywhere).is_ok();
    let own = actor.department();
    let department = match (everywhere, input.department, own) {
        (true, wanted, _) => wanted,
        (false, Some(wanted), Some(own)) if wanted != own => return Err(Error::Forbidden),
        (false, _, Some(own)) => Some(own),
        (false, _, None) if input.mine => None,
        (false, _, None) => return Err(Error::Forbidden),
    };
    let reviewer = own.is_some_and(|d| {
        actor
            .may(Action::ReadDraftAudits, Scope::Department(d))
            .is_ok()
    });
    let filter = Filter {
        state: input.state,
        site: input.site,
        inspector: input.mine.then_some(me),
        department,
        in_progress_only_of: (!reviewer).then_some(Some(me)),
        before: input.before,
        limit: input.limit,
    };
    Ok(audits::list(&mut s.db.conn().await?, &filter).await?)
}

/// Locks audit `id` for a step of its author and checks that they may take it.
pub(super) async fn for_author(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    step: Step,
) -> Result<Head, Error> {
    if !audits::lock(tx, id).await? {
        return Err(Error::NotFound);
    }
    let head = audits::head(tx, id).await?.ok_or(Error::NotFound)?;
    may_read(actor, &head)?;
    actor.may(Action::FillAudit, Scope::OwnRecord(head.inspector.id))?;
    head.state.transition(step)?;
    Ok(head)
}

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
    let mut tx = s.begin().await?;
    let head = for_author(&mut tx, actor, id, Step::Edit).await?;
    let checklist = checklist_of(s, &mut tx, &head).await?;
    let changes = read_batch(&checklist, inputs)?;
    let stored: HashMap<String, ItemAnswer> = audits::answers(&mut tx, id)
        .await?
        .into_iter()
        .map(|a| (a.answer.item.clone(), a.answer))
        .collect();
    let not_applicable = audits::sections_not_applicable(&mut tx, id).await?;
    let mut record = AnswersRecord {
        answered: Vec::new(),
        cleared: Vec::new(),
        sections_not_applicable: Vec::new(),
        sections_applicable: Vec::new(),
    };
    let mut to_save: Vec<ItemAnswer> = Vec::new();
    for change in &changes {
        match change {
            AnswerChange::Answer(a) if stored.get(&a.item) != Some(a) => {
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
        return complete(s, &mut tx, head).await;
    }
    let now = s.now();
    audits::save_answers(&mut tx, id, &to_save, now).await?;
    let cleared: Vec<String> = record.cleared.iter().map(|c| (*c).to_owned()).collect();
    audits::clear_answers(&mut tx, id, &cleared).await?;
    audits::mark_sections(&mut tx, id, &record.sections_not_applicable, false, now).await?;
    audits::mark_sections(&mut tx, id, &record.sections_applicable, true, now).await?;
    audits::touch(&mut tx, id, now).await?;
    s.log(
        &mut tx,
        Change::new(actor, "audit.answer", "audit", id).after(&record),
    )
    .await?;
    let audit = load(s, &mut tx, id).await?;
    tx.commit().await?;
    Ok(audit)
}

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
    audits::submit(&mut tx, id, s.now()).await?;
    let record =
        serde_json::json!({ "answers": audit.answers.len(), "photos": audit.photos.len() });
    s.log(
        &mut tx,
        Change::new(actor, "audit.submit", "audit", id).after(record),
    )
    .await?;
    let head = audits::head(&mut tx, id).await?.ok_or(Error::NotFound)?;
    let audit = with_head(audit, head);
    tx.commit().await?;
    Ok(audit)
}

/// A reviewer's decision as sent.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewInput {
    /// `approve` or `return`.
    pub decision: Option<String>,
    /// Why it is returned (required then).
    pub comment: Option<String>,
    /// For each alternative offered: accepted (true) or refused (false).
    #[serde(default)]
    pub alternatives: HashMap<String, bool>,
}

/// A checked decision.
#[derive(Debug, Clone, PartialEq)]
enum Decision {
    Approve { comment: Option<String> },
    Return { comment: String },
}

impl ReviewInput {
    fn parse(&self) -> Result<Decision, FieldErrors> {
        let mut errors = FieldErrors::default();
        let comment = errors
            .take("comment", multi_line(self.comment.as_deref()))
            .flatten();
        let decision = match self.decision.as_deref().map(str::trim) {
            Some("approve") => Some(Decision::Approve { comment }),
            Some("return") => match comment {
                Some(comment) => Some(Decision::Return { comment }),
                None => {
                    if errors.for_field("comment").is_none() {
                        errors.add("comment", Problem::Required);
                    }
                    None
                }
            },
            Some(other) => {
                errors.add(
                    "decision",
                    Problem::NotOneOf {
                        given: other.to_owned(),
                        allowed: vec!["approve".into(), "return".into()],
                    },
                );
                None
            }
            None => {
                errors.add("decision", Problem::Required);
                None
            }
        };
        match decision {
            Some(decision) if errors.is_empty() => Ok(decision),
            _ => Err(errors),
        }
    }
}

/// A comment: trimmed, blank is none, line breaks allowed, at most [`COMMENT_MAX`].
pub(super) fn multi_line(text: Option<&str>) -> Result<Option<String>, Problem> {
    let one_line: Option<String> = text.map(|t| t.replace(['\n', '\r', '\t'], " "));
    optional_text(one_line.as_deref(), COMMENT_MAX)?;
    Ok(text
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned))
}

/// A review as the event log records it.
#[derive(Serialize)]
struct ReviewRecord<'a> {
    decision: &'a str,
    comment: Option<&'a str>,
    alternatives: &'a HashMap<String, bool>,
    findings: Vec<Uuid>,
    /// Findings the approval verified or reopened.
    #[serde(skip_serializing_if = "Option::is_none")]
    checked_again: Option<super::findings::Checked>,
    level: Option<&'a str>,
}

/// A reviewer of the audit's department (never its author) approves or returns it. A
/// return needs a comment for the inspector. Approval decides every offered alternative,
/// makes a finding of every failed compliance item and stores the site's new summary, all
/// in one transaction.
pub async fn review(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    input: &ReviewInput,
) -> Result<Audit, Error> {
    let me = person(actor)?;
    let mut tx = s.begin().await?;
    if !audits::lock(&mut tx, id).await? {
        return Err(Error::NotFound);
    }
    let head = audits::head(&mut tx, id).await?.ok_or(Error::NotFound)?;
    may_read(actor, &head)?;
    actor.may(Action::ReviewAudits, Scope::Department(head.department.id))?;
    if head.inspector.id == me {
        return Err(Error::OwnAudit);
    }
    let decision = input.parse()?;
    let now = s.now();
    let reviewed = match decision {
        Decision::Return { comment } => {
            head.state.transition(Step::Return)?;
            audits::review(&mut tx, id, AuditState::Returned, me, Some(&comment), now).await?;
            let record = ReviewRecord {
                decision: "return",
                comment: Some(&comment),
                alternatives: &input.alternatives,
                findings: Vec::new(),
                checked_again: None,
                level: None,
            };
            s.log(
                &mut tx,
                Change::new(actor, "audit.return", "audit", id).after(record),
            )
            .await?;
            load(s, &mut tx, id).await?
        }
        Decision::Approve { comment } => {
            head.state.transition(Step::Approve)?;
            let audit = complete(s, &mut tx, head).await?;
            let approved = approve(s, &mut tx, me, &audit, &input.alternatives).await?;
            let record = ReviewRecord {
                decision: "approve",
                comment: comment.as_deref(),
                alternatives: &input.alternatives,
                findings: approved.findings,
                checked_again: Some(approved.checked),
                level: Some(approved.level.as_str()),
            };
            s.log(
                &mut tx,
                Change::new(actor, "audit.approve", "audit", id).after(record),
            )
            .await?;
            audits::review(
                &mut tx,
                id,
                AuditState::Approved,
                me,
                comment.as_deref(),
                now,
            )
            .await?;
            // Only the head changed, and the answers when alternatives were decided.
            let head = audits::head(&mut tx, id).await?.ok_or(Error::NotFound)?;
            let mut audit = with_head(audit, head);
            if !input.alternatives.is_empty() {
                audit.answers = audits::answers(&mut tx, id).await?;
            }
            audit
        }
    };
    tx.commit().await?;
    Ok(reviewed)
}

/// What an approval wrote.
struct Approved {
    /// The new findings.
    findings: Vec<Uuid>,
    /// What it did to the findings it checked again.
    checked: super::findings::Checked,
    /// The site's level after it.
    level: Level,
}

/// The approval's writes: decisions on alternatives, the findings it checks again (verified
/// or reopened), new findings, the site's summary.
async fn approve(
    s: &Services,
    tx: &mut Tx,
    reviewer: Uuid,
    audit: &Audit,
    alternatives: &HashMap<String, bool>,
) -> Result<Approved, Error> {
    let answers = audit.item_answers();
    let sheet = audit.sheet(&answers);
    let offered: Vec<&str> = sheet.alternatives().collect();
    let mut errors = FieldErrors::default();
    for item in alternatives.keys() {
        if !offered.contains(&item.as_str()) {
            errors.add(
                item,
                Problem::Unknown {
                    given: item.clone(),
                },
            );
        }
    }
    let decisions: Decisions = alternatives.clone();
    for item in sheet.undecided(&decisions) {
        errors.add(item, Problem::AlternativeUndecided);
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    for (item, accepted) in &decisions {
        audits::decide_alternative(tx, audit.id, item, *accepted).await?;
    }
    findings::lock_site(tx, audit.site.id).await?;
    let checked_again =
        super::findings::check_again(s, tx, reviewer, audit, &sheet, &decisions).await?;
    let already = findings::standing_items(tx, audit.site.id).await?;
    let site = sites::by_id(tx, audit.site.id)
        .await?
        .ok_or(Error::NotFound)?;
    let new: Vec<NewFinding> = sheet
        .failures(&decisions)
        .into_iter()
        .filter(|f| f.item.can_be_finding() && !already.contains(&f.item.code))
        .map(|f| NewFinding {
            id: Uuid::now_v7(),
            site_id: audit.site.id,
            audit_id: audit.id,
            item: f.item.code.clone(),
            clause: f.item.clause.clone(),
            severity: f.item.severity,
            feature: f.item.feature,
            value: f.answer.value,
            unit: match &f.item.answer {
                Answer::Measure { unit, .. } => Some(*unit),
                Answer::YesNo | Answer::Count(_) => None,
            },
            total: f.answer.total,
            provided: f.answer.provided,
            department_id: site.department.id,
            photos: audit
                .photos
                .iter()
                .filter(|p| p.item.as_deref() == Some(f.item.code.as_str()))
                .map(|p| p.id)
                .collect(),
        })
        .collect();
    findings::insert_many(tx, &new, s.now()).await?;
    let mut checked: Vec<Feature> = audit
        .checklist
        .items()
        .filter(|item| item.can_be_finding())
        .filter(|item| {
            matches!(
                sheet.decided(item, &decisions),
                Status::Answered(Outcome::Pass | Outcome::Fail)
            )
        })
        .map(|item| item.feature)
        .collect();
    if audit.follow_up {
        // A follow-up checks a few items again: the parts checked before stay checked.
        let before = findings::summary(tx, audit.site.id).await?;
        checked.extend(before.iter().flat_map(|b| {
            b.summary
                .features
                .iter()
                .filter(|(_, state)| *state != FeatureState::NotChecked)
                .map(|(feature, _)| *feature)
        }));
    }
    let open: Vec<Barrier> = findings::standing_barriers(tx, audit.site.id)
        .await?
        .into_iter()
        .map(|(severity, feature)| Barrier { severity, feature })
        .collect();
    let summary = summarise(Some(&checked), &open);
    findings::save_summary(tx, audit.site.id, audit.id, &summary, s.now()).await?;
    Ok(Approved {
        findings: new.iter().map(|f| f.id).collect(),
        checked: checked_again,
        level: summary.level,
    })
}
