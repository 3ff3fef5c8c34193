//! The moderators' side: the queue with counts, and a report with its words, contact and
//! photos and the form that answers it.

use maud::{Markup, html};

use super::{facts, state_label};
use crate::domain::barrier::{Moderating, Publication, Queue, ReportState};
use crate::domain::checklist::Checklist;
use crate::domain::finding::Finding;
use crate::domain::validation::FieldErrors;
use crate::i18n::Msg;
use crate::views::components::{FieldParts, error_summary, field};
use crate::views::labels::finding_state_label;
use crate::views::{Ctx, layout};

/// The words for a publication decision.
fn publication_label(p: Publication) -> Msg {
    match p {
        Publication::Pending => Msg::BarrierPublicationPending,
        Publication::Accepted => Msg::BarrierPublicationAccepted,
        Publication::Withheld => Msg::BarrierPublicationWithheld,
    }
}

/// `/moderation/barriers`: the reports a moderator answers, with counts by state and a
/// filter.
pub fn queue_page(ctx: &Ctx, queue: &Queue, state: Option<ReportState>) -> Markup {
    let title = ctx.t(Msg::BarrierQueueTitle);
    let count = |s: ReportState| {
        queue
            .counts
            .iter()
            .find(|(c, _)| *c == s)
            .map_or(0, |(_, n)| *n)
    };
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            form method="get" action="/moderation/barriers" class="filters" {
                div class="field" {
                    label for="state" { (ctx.t(Msg::BarrierQueueFilter)) }
                    select id="state" name="state" {
                        option value="" selected[state.is_none()] { (ctx.t(Msg::BarrierQueueAll)) }
                        @for s in ReportState::ALL {
                            option value=(s.as_str()) selected[state == Some(*s)] {
                                (ctx.t(state_label(*s))) " (" (count(*s)) ")"
                            }
                        }
                    }
                }
                button type="submit" class="secondary" { (ctx.t(Msg::BarrierQueueShow)) }
            }
            @if queue.reports.is_empty() {
                p { (ctx.t(Msg::BarrierQueueEmpty)) }
            } @else {
                ul class="queue-list" {
                    @for r in &queue.reports {
                        li {
                            a href={ "/moderation/barriers/" (r.id) } {
                                @match &r.site {
                                    Some((_, name)) => (name),
                                    None => (format!("{:.5}, {:.5}", r.position.lat(), r.position.lon())),
                                }
                            }
                            span class="meta" {
                                " · " (ctx.t(state_label(r.state))) " · " (ctx.local_time(r.created_at))
                            }
                        }
                    }
                }
            }
        },
    )
}

/// `/moderation/barriers/{id}`: a report with its words and contact, and the form to
/// answer it.
pub fn moderation_page(
    ctx: &Ctx,
    moderating: &Moderating,
    saved: bool,
    errors: Option<&FieldErrors>,
) -> Markup {
    let report = &moderating.report;
    let title = ctx.t(Msg::BarrierPageTitle);
    let problem =
        |name: &str| errors.and_then(|e| e.0.iter().find(|f| f.field == name).map(|f| &f.problem));
    let answers = [
        ("", Msg::BarrierAnswerNone),
        ("review", Msg::BarrierAnswerReview),
        ("confirm", Msg::BarrierAnswerConfirm),
        ("follow_up", Msg::BarrierAnswerFollowUp),
        ("not_a_barrier", Msg::BarrierAnswerNotABarrier),
        ("duplicate", Msg::BarrierAnswerDuplicate),
    ];
    layout(
        ctx,
        title,
        html! {
            p { a href="/moderation/barriers" { (ctx.t(Msg::BarrierQueueTitle)) } }
            h1 { (title) }
            @if saved {
                p class="success" role="status" { (ctx.t(Msg::BarrierSaved)) }
            }
            @if let Some(errors) = errors.filter(|e| !e.is_empty()) {
                (error_summary(ctx, errors, |name| (name.replace('_', "-"), crate::i18n::field_label(name, ctx.lang))))
            }
            (facts(ctx, report))
            h2 { (ctx.t(Msg::BarrierWords)) }
            blockquote class="report-words" { (report.description) }
            h2 { (ctx.t(Msg::BarrierContactPrivate)) }
            p {
                @match (&report.contact, report.contact_erased_at) {
                    (Some(contact), _) => (contact),
                    (None, Some(at)) => { (ctx.t(Msg::BarrierContactErased)) " " (ctx.local_time(at)) },
                    (None, None) => (ctx.t(Msg::BarrierNoContact)),
                }
            }
            @if !moderating.photos.is_empty() {
                h2 { (ctx.t(Msg::BarrierPhotoTitle)) }
                ul class="photos" {
                    @for (n, photo) in moderating.photos.iter().enumerate() {
                        @let files = format!("/api/v1/barrier-reports/{}/photos/{}", report.id, photo.id);
                        li {
                            a href={ (files) "/original" } {
                                img src={ (files) "/thumb" } alt={ (ctx.t(Msg::BarrierPhotoTitle)) " " (n + 1) } loading="lazy";
                            }
                        }
                    }
                }
            }
            p { a href={ "/barriers/" (report.public_token) } { (ctx.t(Msg::BarrierPublicPage)) } }
            @if report.site.is_none() {
                (no_registry(ctx, moderating))
            }
            h2 { (ctx.t(Msg::BarrierAnswerTitle)) }
            form id="answer-form" method="post" action={ "/moderation/barriers/" (report.id) } {
                input type="hidden" name="version" value=(report.version);
                fieldset class="field" {
                    legend { (ctx.t(Msg::BarrierAnswer)) }
                    @for (n, (value, label)) in answers.iter().enumerate() {
                        div class="choice" {
                            input type="radio" id={ "answer-" (n) } name="answer" value=(value) checked[n == 0];
                            label for={ "answer-" (n) } { (ctx.t(*label)) }
                        }
                    }
                }
                (tracking(ctx, moderating, &problem))
                (field(ctx, FieldParts { id: "follow-up-on", label: ctx.t(Msg::BarrierFollowUpOn), required: false, hint: None, error: problem("follow_up_on") },
                    |d| html! { input id="follow-up-on" name="follow_up_on" type="date" aria-describedby=[d]; }))
                (field(ctx, FieldParts { id: "reason", label: ctx.t(Msg::BarrierReason), required: false, hint: None, error: problem("reason") },
                    |d| html! { textarea id="reason" name="reason" rows="3" aria-describedby=[d] {} }))
                (field(ctx, FieldParts { id: "duplicate-of", label: ctx.t(Msg::BarrierDuplicateId), required: false, hint: None, error: problem("duplicate_of") },
                    |d| html! { input id="duplicate-of" name="duplicate_of" type="text" aria-describedby=[d]; }))
                fieldset class="field" {
                    legend { (ctx.t(Msg::BarrierPublication)) }
                    @for (n, p) in Publication::ALL.iter().enumerate() {
                        div class="choice" {
                            input type="radio" id={ "publication-" (n) } name="publication" value=(p.as_str()) checked[*p == report.publication];
                            label for={ "publication-" (n) } { (ctx.t(publication_label(*p))) }
                        }
                    }
                }
                button type="submit" { (ctx.t(Msg::BarrierSave)) }
            }
        },
    )
}

/// The finding a confirmation names: one the place has, or a new one on an item of its
/// checklist.
fn tracking<'a>(
    ctx: &Ctx,
    moderating: &Moderating,
    problem: &dyn Fn(&str) -> Option<&'a crate::domain::validation::Problem>,
) -> Markup {
    html! {
        (field(ctx, FieldParts { id: "finding", label: ctx.t(Msg::BarrierFinding), required: false, hint: Some(ctx.t(Msg::BarrierFindingHint)), error: problem("finding") },
            |d| html! {
                select id="finding" name="finding" aria-describedby=[d] {
                    option value="new" { (ctx.t(Msg::BarrierFindingNew)) }
                    @for f in &moderating.findings {
                        option value=(f.id) { (finding_label(ctx, f)) }
                    }
                }
            }))
        @if let Some(checklist) = &moderating.checklist {
            (field(ctx, FieldParts { id: "item", label: ctx.t(Msg::BarrierItem), required: false, hint: None, error: problem("item") },
                |d| item_choice(ctx, checklist, d)))
        }
    }
}

/// A standing finding as the choice names it: its item, words and state.
fn finding_label(ctx: &Ctx, f: &Finding) -> String {
    format!(
        "{} — {} ({})",
        f.item,
        f.text.get(ctx.lang),
        ctx.t(finding_state_label(f.state))
    )
}

/// The checklist's items that can be findings, by section.
fn item_choice(ctx: &Ctx, checklist: &Checklist, described_by: Option<String>) -> Markup {
    html! {
        select id="item" name="item" aria-describedby=[described_by] {
            option value="" { (ctx.t(Msg::BarrierItemNone)) }
            @for section in &checklist.sections {
                @let items: Vec<_> = section.items.iter().filter(|i| i.can_be_finding()).collect();
                @if !items.is_empty() {
                    optgroup label=(section.title.get(ctx.lang)) {
                        @for item in items {
                            option value=(item.code) { (item.code) " — " (item.text.get(ctx.lang)) }
                        }
                    }
                }
            }
        }
    }
}

/// A place in no registry: the coordinators give the report to a department, whose
/// reviewers register the place from it.
fn no_registry(ctx: &Ctx, moderating: &Moderating) -> Markup {
    let report = &moderating.report;
    html! {
        @if report.department.is_some() {
            p { a href={ "/sites/new?lat=" (report.position.lat()) "&lon=" (report.position.lon()) "&report=" (report.id) } { (ctx.t(Msg::BarrierRegisterPlace)) } }
        } @else {
            h2 { (ctx.t(Msg::BarrierAssignTitle)) }
            form method="post" action={ "/moderation/barriers/" (report.id) "/department" } {
                div class="field" {
                    label for="department" { (ctx.t(Msg::SiteDepartment)) }
                    select id="department" name="department" required {
                        option value="" { (ctx.t(Msg::BarrierItemNone)) }
                        @for d in &moderating.departments {
                            option value=(d.code) { (d.name.get(ctx.lang)) }
                        }
                    }
                }
                button type="submit" { (ctx.t(Msg::BarrierAssign)) }
            }
        }
    }
}
