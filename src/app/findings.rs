//! Findings for staff: the barriers approved audits found, by site, department and state,
//! and their way to a proven fix. Every step goes through the one transition function in
//! `domain::finding::lifecycle`; the matrix says who may take it.

use bytes::Bytes;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Transition;
use super::photos::{Upload, forget_unused, keep_files, objects_of, process, record_of};
use super::retries::{Created, Once};
use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::sheet::{Decisions, Sheet, Status};
use crate::domain::audit::{Audit, Outcome};
use crate::domain::checklist::Severity;
use crate::domain::event::Change;
use crate::domain::finding::dashboard::tally;
pub use crate::domain::finding::dashboard::{AreaCount, Counts, Detail, Timeline};
use crate::domain::finding::lifecycle::{self, Cause, Refused, Request};
use crate::domain::finding::{Finding, FindingState};
use crate::domain::permission::{Action, Scope};
use crate::domain::site::SiteKind;
use crate::domain::validation::{FieldErrors, Problem, optional_text};
use crate::objects::Key;
use crate::store::findings::{self, Filter, NewHistory, Update};
use crate::store::{Access, Tx, photos, sites};

/// Longest reason for `wont_fix`, and longest name of who does the work, in characters.
pub const REASON_MAX: usize = 1000;
/// Longest name of who does the work.
pub const ASSIGNEE_MAX: usize = 200;
/// Most after-photos sent with one step.
pub const AFTER_PHOTOS_MAX: usize = 10;

/// Which findings to list.
#[derive(Debug, Clone, Default)]
pub struct ListInput {
    /// Only of this site.
    pub site: Option<Uuid>,
    /// Only of this department.
    pub department: Option<Uuid>,
    /// Only in these states (empty: any).
    pub states: Vec<FindingState>,
    /// Only of this severity.
    pub severity: Option<Severity>,
    /// Only of sites in this area or below it.
    pub area: Option<Uuid>,
    /// Only of sites of this kind.
    pub kind: Option<SiteKind>,
    /// Only found by this audit.
    pub audit: Option<Uuid>,
    /// Only overdue ones (open, due before today).
    pub overdue: bool,
    /// Only due before this day.
    pub due_before: Option<NaiveDate>,
    /// Newest-first paging: only findings older than this one.
    pub before: Option<Uuid>,
    /// Page size.
    pub limit: u32,
}

/// The department `actor` may list: coordinators and admins any (or all), inspectors and
/// reviewers their own.
fn scope(actor: &Actor, wanted: Option<Uuid>) -> Result<Option<Uuid>, Error> {
    actor.user_id().ok_or(Error::SignInRequired)?;
    if actor.may(Action::ReadFindings, Scope::Everywhere).is_ok() {
        return Ok(wanted);
    }
    let own = actor.department().ok_or(Error::Forbidden)?;
    let wanted = wanted.unwrap_or(own);
    actor.may(Action::ReadFindings, Scope::Department(wanted))?;
    Ok(Some(wanted))
}

fn filter_of(s: &Services, input: &ListInput, department: Option<Uuid>) -> Filter {
    Filter {
        site: input.site,
        department,
        states: input.states.clone(),
        severity: input.severity,
        area: input.area,
        kind: input.kind,
        audit: input.audit,
        overdue_on: input.overdue.then(|| s.today()),
        due_before: input.due_before,
        standing_only: false,
        before: input.before,
        limit: input.limit,
    }
}

/// Fills in each finding's item text from its audit's checklist.
async fn with_texts(
    s: &Services,
    ex: &mut impl Access,
    rows: Vec<(Finding, Uuid)>,
) -> Result<Vec<Finding>, Error> {
    let mut out = Vec::with_capacity(rows.len());
    for (mut finding, snapshot) in rows {
        let checklist = s.snapshots.get(ex, snapshot).await?;
        if let Some(item) = checklist.item(&finding.item) {
            finding.text = item.text.clone();
        }
        out.push(finding);
    }
    Ok(out)
}

/// The findings `actor` may see that match `input`, newest first.
pub async fn list(s: &Services, actor: &Actor, input: &ListInput) -> Result<Vec<Finding>, Error> {
    let department = scope(actor, input.department)?;
    let filter = filter_of(s, input, department);
    let mut conn = s.db.conn().await?;
    let rows = findings::list(&mut conn, &filter).await?;
    with_texts(s, &mut conn, rows).await
}

/// The first day of the month after `day`.
fn next_month(day: NaiveDate) -> NaiveDate {
    let (year, month) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(day)
}

/// The dashboard's counts over the findings `actor` may see that match `input` (paging
/// ignored).
pub async fn counts(s: &Services, actor: &Actor, input: &ListInput) -> Result<Counts, Error> {
    let department = scope(actor, input.department)?;
    let filter = filter_of(s, input, department);
    let today = s.today();
    let rows = findings::counts(&mut s.db.conn().await?, &filter, today, next_month(today)).await?;
    Ok(tally(&rows))
}

async fn load(s: &Services, ex: &mut impl Access, id: Uuid) -> Result<Detail, Error> {
    let row = findings::by_id(ex, id).await?.ok_or(Error::NotFound)?;
    let finding = with_texts(s, ex, vec![row])
        .await?
        .pop()
        .ok_or(Error::NotFound)?;
    let history = findings::history(ex, id).await?;
    Ok(Detail { finding, history })
}

/// Finding `id` with its history, for staff of its department, coordinators and admins.
pub async fn read(s: &Services, actor: &Actor, id: Uuid) -> Result<Detail, Error> {
    actor.user_id().ok_or(Error::SignInRequired)?;
    let mut conn = s.db.conn().await?;
    let detail = load(s, &mut conn, id).await?;
    actor.may(
        Action::ReadFindings,
        Scope::Department(detail.finding.department.id),
    )?;
    Ok(detail)
}

/// A budget year as sent: a number, or text in a form.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum YearField {
    /// `2027`.
    Number(i64),
    /// `"2027"`.
    Text(String),
}

/// A transition as sent.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionInput {
    /// The state wanted.
    pub to: Option<String>,
    /// Why, or what was done.
    pub comment: Option<String>,
    /// `YYYY-MM-DD`, for `planned`.
    pub due_date: Option<String>,
    /// Who does the work (for `planned`; the site's operator by default).
    pub assignee: Option<String>,
    /// The budget year (for `planned`).
    pub budget_year: Option<YearField>,
    /// Why it will not be fixed (for `wont_fix`).
    pub reason: Option<String>,
}

/// A transition read and checked field by field.
#[derive(Debug, Clone)]
struct Parsed {
    request: Request,
    assignee: Option<String>,
    budget_year: Option<i32>,
}

impl TransitionInput {
    fn parse(&self, photos: usize) -> Result<Parsed, FieldErrors> {
        let mut errors = FieldErrors::default();
        let to = match self.to.as_deref().map(str::trim) {
            None | Some("") => {
                errors.add("to", Problem::Required);
                None
            }
            Some(text) => errors.take("to", FindingState::parse(text)),
        };
        let comment = errors
            .take(
                "comment",
                super::audits::multi_line(self.comment.as_deref()),
            )
            .flatten();
        let due_date = match self.due_date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => errors.take("due_date", crate::domain::validation::date(text)),
        };
        let assignee = errors
            .take(
                "assignee",
                optional_text(self.assignee.as_deref(), ASSIGNEE_MAX),
            )
            .flatten();
        let reason = errors
            .take(
                "reason",
                super::audits::multi_line(self.reason.as_deref()).and_then(|r| match r {
                    Some(r) if r.chars().count() > REASON_MAX => {
                        Err(Problem::TooLong { max: REASON_MAX })
                    }
                    other => Ok(other),
                }),
            )
            .flatten();
        let budget_year = match &self.budget_year {
            None => None,
            Some(YearField::Text(t)) if t.trim().is_empty() => None,
            Some(field) => {
                let year = match field {
                    YearField::Number(n) => Some(*n),
                    YearField::Text(t) => t.trim().parse::<i64>().ok(),
                };
                match year {
                    Some(y) if (2000..=2100).contains(&y) => i32::try_from(y).ok(),
                    Some(_) => {
                        errors.add(
                            "budget_year",
                            Problem::OutOfRange {
                                min: 2000.0,
                                max: 2100.0,
                            },
                        );
                        None
                    }
                    None => {
                        errors.add("budget_year", Problem::NotANumber);
                        None
                    }
                }
            }
        };
        if photos > AFTER_PHOTOS_MAX {
            errors.add(
                "file",
                Problem::OutOfRange {
                    min: 1.0,
                    max: AFTER_PHOTOS_MAX as f64,
                },
            );
        }
        match to {
            Some(to) if errors.is_empty() => Ok(Parsed {
                request: Request {
                    to,
                    comment,
                    due_date,
                    reason,
                    after_photos: photos,
                },
                assignee,
                budget_year,
            }),
            _ => Err(errors),
        }
    }
}

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
    let parsed = input.parse(uploads.len())?;
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
        let digest = |u: &Upload| crate::domain::photo::Sha256::of(&u.bytes).hex();
        if uploads.iter().any(|u| taken.contains(&digest(u))) {
            return Err(Error::field("file", Problem::SameAsBeforePhoto));
        }
        finding
    };
    let mut ready = Vec::with_capacity(uploads.len());
    let mut written: Vec<Key> = Vec::new();
    for upload in &uploads {
        let processed = match process(&s.photos, upload.bytes.clone()).await {
            Ok(p) => p,
            Err(e) => {
                forget_unused(s, &written).await;
                return Err(e);
            }
        };
        match super::photos::store_objects(s, &processed, &upload.bytes).await {
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
        let caption = upload
            .caption
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
        ready.push(Ready {
            photo: record_of(
                Uuid::now_v7(),
                before.audit_id,
                &item_upload,
                caption,
                &processed,
                me,
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
    // The plan as it stands after the step: a new plan replaces the old one, a reopened
    // finding needs a new one, only a finding given up has a reason.
    let mut update = Update {
        due_date: finding.due_date,
        assignee: finding.assignee.clone(),
        budget_year: finding.budget_year,
        reason: None,
        fixed_by: finding.fixed_by,
        verified_by_audit: None,
    };
    match to {
        FindingState::Planned => {
            update.due_date = parsed.request.due_date;
            update.budget_year = parsed.budget_year;
            update.assignee = match &parsed.assignee {
                Some(who) => Some(who.clone()),
                None => sites::by_id(&mut tx, finding.site_id)
                    .await?
                    .and_then(|site| site.operator),
            };
        }
        FindingState::WontFix => update.reason = parsed.request.reason.clone(),
        FindingState::Fixed => update.fixed_by = Some(me),
        FindingState::Reopened => {
            update.due_date = None;
        }
        FindingState::Open | FindingState::InProgress | FindingState::Verified => {}
    }
    findings::update(&mut tx, id, to, &update, s.now()).await?;
    let fields = StepFields {
        due_date: (to == FindingState::Planned)
            .then_some(update.due_date)
            .flatten(),
        assignee: (to == FindingState::Planned)
            .then_some(update.assignee.as_deref())
            .flatten(),
        budget_year: (to == FindingState::Planned)
            .then_some(update.budget_year)
            .flatten(),
        reason: update.reason.as_deref(),
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

/// What an approved audit did to the findings it checked again.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Checked {
    /// Findings it verified.
    pub verified: Vec<Uuid>,
    /// Findings it reopened (marked fixed, found failing).
    pub reopened: Vec<Uuid>,
    /// Findings whose item passed, left unverified because the audit's inspector marked
    /// them fixed.
    pub same_person: Vec<Uuid>,
    /// Findings whose item was answered before they last changed (a fix reported since),
    /// left as they are.
    pub answered_before: Vec<Uuid>,
}

/// Inside an approval of `audit` by `reviewer` (the site and its findings locked): each
/// finding of the site whose barrier stands and whose item the audit answered after the
/// finding last changed moves as the transition function says for a pass or a fail. An
/// answer given before a fix was reported says nothing about that fix.
pub(super) async fn check_again(
    s: &Services,
    tx: &mut Tx,
    reviewer: Uuid,
    audit: &Audit,
    sheet: &Sheet<'_>,
    decisions: &Decisions,
) -> Result<Checked, Error> {
    let mut checked = Checked::default();
    for f in findings::standing(tx, audit.site.id).await? {
        let Some(asked) = sheet.checklist().item(&f.item) else {
            continue;
        };
        let answered_at = audit
            .answers
            .iter()
            .find(|a| a.answer.item == f.item)
            .map(|a| a.answered_at);
        if answered_at.is_none_or(|at| at < f.updated_at) {
            if answered_at.is_some() {
                checked.answered_before.push(f.id);
            }
            continue;
        }
        let passed = match sheet.decided(asked, decisions) {
            Status::Answered(Outcome::Pass) => true,
            Status::Answered(Outcome::Fail) => false,
            _ => continue,
        };
        let cause = Cause::Audit {
            passed,
            by_fixer: f.fixed_by == Some(audit.inspector.id),
        };
        let step = match lifecycle::transition(f.state, cause) {
            Ok(step) => step,
            Err(Refused::SamePerson) => {
                checked.same_person.push(f.id);
                continue;
            }
            Err(_) => continue,
        };
        let verified = (step.to == FindingState::Verified).then_some(audit.id);
        findings::move_by_audit(tx, f.id, step.to, verified, s.now()).await?;
        let fields = serde_json::json!({ "audit_id": audit.id, "passed": passed });
        findings::add_history(
            tx,
            &NewHistory {
                finding_id: f.id,
                from: f.state,
                to: step.to,
                actor_id: reviewer,
                audit_id: Some(audit.id),
                comment: None,
                fields: &fields,
            },
            s.now(),
        )
        .await?;
        match step.to {
            FindingState::Verified => checked.verified.push(f.id),
            _ => checked.reopened.push(f.id),
        }
    }
    Ok(checked)
}

/// Most audits and findings a site's timeline shows.
const TIMELINE_MAX: u32 = 200;

/// The timeline of site `site` of `department`, or `None` when `actor` may not see the
/// department's audits (the public, or staff of another department).
pub async fn timeline(
    s: &Services,
    actor: &Actor,
    site: Uuid,
    department: Uuid,
) -> Result<Option<Timeline>, Error> {
    if actor.user_id().is_none()
        || actor
            .may(Action::ReadAudits, Scope::Department(department))
            .is_err()
    {
        return Ok(None);
    }
    let audits = super::audits::list(
        s,
        actor,
        &super::audits::ListInput {
            site: Some(site),
            department: Some(department),
            limit: TIMELINE_MAX,
            ..super::audits::ListInput::default()
        },
    )
    .await?;
    let findings = list(
        s,
        actor,
        &ListInput {
            site: Some(site),
            department: Some(department),
            limit: TIMELINE_MAX,
            ..ListInput::default()
        },
    )
    .await?;
    let history = findings::site_history(&mut s.db.conn().await?, site).await?;
    Ok(Some(Timeline {
        audits,
        findings,
        history,
    }))
}

/// Overdue findings of one department.
#[derive(Debug, Clone)]
pub struct Overdue {
    /// The department's code.
    pub department: String,
    /// Its findings past their due date, oldest due first.
    pub findings: Vec<Finding>,
}

/// Every open finding past its due date, per department (only `department` when given),
/// for a daily mail or report. Run by the operator from the command line.
pub async fn overdue(s: &Services, department: Option<&str>) -> Result<Vec<Overdue>, Error> {
    let department = match department {
        Some(code) => Some(
            super::departments::resolve(&mut s.db.conn().await?, "department", code)
                .await?
                .id,
        ),
        None => None,
    };
    let filter = Filter {
        department,
        overdue_on: Some(s.today()),
        limit: u32::MAX,
        ..Filter::default()
    };
    let mut conn = s.db.conn().await?;
    let rows = findings::list(&mut conn, &filter).await?;
    let mut all = with_texts(s, &mut conn, rows).await?;
    all.sort_by(|a, b| {
        (a.department.code.as_str(), a.due_date, a.id).cmp(&(
            b.department.code.as_str(),
            b.due_date,
            b.id,
        ))
    });
    let mut out: Vec<Overdue> = Vec::new();
    for finding in all {
        match out.last_mut() {
            Some(group) if group.department == finding.department.code => {
                group.findings.push(finding)
            }
            _ => out.push(Overdue {
                department: finding.department.code.clone(),
                findings: vec![finding],
            }),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_month_after_december_is_january() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        assert_eq!(next_month(day(2026, 12, 2)), day(2027, 1, 1));
        assert_eq!(next_month(day(2026, 1, 31)), day(2026, 2, 1));
    }

    #[test]
    fn a_transition_names_every_bad_field_at_once() {
        let input = TransitionInput {
            to: Some("finished".into()),
            due_date: Some("31/12/2026".into()),
            budget_year: Some(YearField::Number(1990)),
            ..TransitionInput::default()
        };
        let errors = input.parse(0).expect_err("refused");
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["to", "due_date", "budget_year"]);
        assert!(matches!(
            errors.for_field("to"),
            Some(Problem::NotOneOf { allowed, .. }) if allowed.len() == FindingState::ALL.len()
        ));
    }
}
