//! Audit pages: the inspector's list, an audit's overview, one section of its checklist per
//! page, the summary before submitting, and the reviewer's view.

mod item;
mod notes;
mod observing;
mod participation;
mod review;
mod section;
mod section_view;

pub use notes::save_failed_page;
pub use observing::observing_page;
pub use participation::{Extras, Form, Refused};
pub use review::review_page;
pub use section::{remove_photo_page, section_page};
pub use section_view::SectionView;

use maud::{Markup, html};

use super::{Ctx, layout};
use crate::domain::audit::Head;
use crate::domain::audit::sheet::Status;
use crate::domain::audit::{Audit, AuditState};
use crate::domain::checklist::Section;
use crate::domain::permission::{Action, Scope};
use crate::i18n::{Msg, problem_text};
use crate::views::labels::audit_state_label;

fn audit_list(ctx: &Ctx, heads: &[Head], with_comment: bool) -> Markup {
    html! {
        @if heads.is_empty() {
            p { (ctx.t(Msg::AuditsNone)) }
        } @else {
            ul class="site-list" {
                @for h in heads {
                    li {
                        a href={ "/audits/" (h.id) } { (h.site.name) }
                        span class="meta" {
                            (ctx.t(audit_state_label(h.state))) " · " (ctx.t(Msg::AuditStarted)) " "
                            (ctx.local_time(h.started_at))
                            @if let Some(at) = h.submitted_at {
                                " · " (ctx.t(Msg::AuditSubmitted)) " " (ctx.local_time(at))
                            }
                            " · " (ctx.t(Msg::AuditInspector)) ": " (h.inspector.display_name)
                        }
                        @if with_comment && h.state == AuditState::Returned {
                            @if let Some(comment) = &h.review_comment {
                                p class="notice" {
                                    (ctx.t(Msg::AuditReviewComment)) ": " (comment)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `/audits`: what the signed-in person works on.
pub fn list_page(ctx: &Ctx, mine: &[Head], awaiting: &[Head], queue: Option<&[Head]>) -> Markup {
    let title = ctx.t(Msg::AuditsTitle);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            @if let Some(queue) = queue {
                section aria-labelledby="queue" {
                    h2 id="queue" { (ctx.t(Msg::AuditsQueue)) }
                    (audit_list(ctx, queue, false))
                }
            }
            section aria-labelledby="mine" {
                h2 id="mine" { (ctx.t(Msg::AuditsMine)) }
                (audit_list(ctx, mine, true))
            }
            section aria-labelledby="awaiting" {
                h2 id="awaiting" { (ctx.t(Msg::AuditsMineSubmitted)) }
                (audit_list(ctx, awaiting, false))
            }
            section aria-labelledby="find" {
                h2 id="find" { (ctx.t(Msg::AuditsFindSite)) }
                p class="hint" { (ctx.t(Msg::AuditsFindSiteHint)) }
                form method="get" action="/sites" class="search" {
                    div class="field" {
                        label for="q" { (ctx.t(Msg::SitesSearchLabel)) }
                        input type="search" id="q" name="q";
                    }
                    button type="submit" { (ctx.t(Msg::SitesSearchButton)) }
                }
                (crate::views::components::near_me(ctx))
            }
        },
    )
}

/// How many of a section's asked items are answered, and how many are asked.
fn progress(audit: &Audit, section: &Section) -> (usize, usize, bool) {
    let answers = audit.item_answers();
    let sheet = audit.sheet(&answers);
    let mut asked = 0;
    let mut answered = 0;
    let mut skipped = false;
    for item in &section.items {
        match sheet.status(item) {
            Status::Answered(_) => {
                asked += 1;
                answered += 1;
            }
            Status::Missing => asked += 1,
            Status::SectionNotApplicable => skipped = true,
            Status::NotAsked => {}
        }
    }
    (answered, asked, skipped)
}

/// True when `ctx`'s person filled `audit` and may still change it.
pub fn editable_by(ctx: &Ctx, audit: &Audit) -> bool {
    audit.state.in_progress() && ctx.can(Action::FillAudit, Scope::OwnRecord(audit.inspector.id))
}

/// True when `ctx`'s person may review `audit` now.
pub fn reviewable_by(ctx: &Ctx, audit: &Audit) -> bool {
    audit.state == AuditState::Submitted
        && ctx.can(Action::ReviewAudits, Scope::Department(audit.department.id))
        && !ctx.can(Action::FillAudit, Scope::OwnRecord(audit.inspector.id))
}

fn facts(ctx: &Ctx, audit: &Audit) -> Markup {
    html! {
        dl class="facts" {
            dt { (ctx.t(Msg::AuditState)) } dd { (ctx.t(audit_state_label(audit.state))) }
            dt { (ctx.t(Msg::AuditChecklist)) }
            dd { (audit.checklist.title.get(ctx.lang)) " (" (audit.checklist.edition.name) ")" }
            dt { (ctx.t(Msg::AuditInspector)) } dd { (audit.inspector.display_name) }
            // A blank audit starts when the phone starts it, not when its page was made.
            @if !audit.is_blank() {
                dt { (ctx.t(Msg::AuditStarted)) } dd { (ctx.local_time(audit.started_at)) }
            }
            @if let Some(at) = audit.submitted_at {
                dt { (ctx.t(Msg::AuditSubmitted)) } dd { (ctx.local_time(at)) }
            }
            @if let Some(reviewer) = &audit.reviewer {
                dt { (ctx.t(Msg::AuditReviewer)) } dd { (reviewer.display_name) }
            }
        }
        // A returned audit's comment stands at the top of its pages instead.
        @if let Some(comment) = audit.review_comment.as_ref().filter(|_| audit.state != AuditState::Returned) {
            p class="notice" { (ctx.t(Msg::AuditReviewComment)) ": " (comment) }
        }
        (edition_notice(ctx, audit))
    }
}

/// Where the site's design was approved before the checklist's edition came into force, the
/// earlier edition may govern it (QCVN 10:2024/BXD 3.1): the inspector and the reviewer see
/// it on the audit, as the public does on the site's page.
fn edition_notice(ctx: &Ctx, audit: &Audit) -> Markup {
    let checklist = &audit.checklist;
    html! {
        @if let Some(previous) = checklist.older_edition_for(audit.site.design_approved_on) {
            p class="notice edition" {
                (ctx.t(Msg::SiteEditionNotice)) " " (checklist.edition.name) " "
                (ctx.t(Msg::SiteEditionNoticeMay)) " " (previous.name) " "
                (ctx.t(Msg::SiteEditionNoticeGovern)) " (" (previous.clause) ")."
            }
        }
    }
}

/// `/audits/{id}`: the audit's facts and its sections, each with how far it is answered;
/// who took part, the findings it made and the participants' remarks.
pub fn audit_page(ctx: &Ctx, audit: &Audit, extras: &Extras<'_>, notice: Option<Msg>) -> Markup {
    let editable = editable_by(ctx, audit);
    let answers = audit.item_answers();
    let missing_photos = audit.sheet(&answers).missing_photos();
    layout(
        ctx,
        &audit.site.name,
        html! {
            p { a href={ "/sites/" (audit.site.id) } { (audit.site.name) } }
            h1 { (ctx.t(Msg::AuditsTitle)) ": " (audit.site.name) }
            (notes::returned_comment(ctx, audit))
            @if let Some(notice) = notice {
                p class="success" role="status" { (ctx.t(notice)) }
            }
            (facts(ctx, audit))
            @if reviewable_by(ctx, audit) {
                p { a class="button" href={ "/audits/" (audit.id) "/review" } { (ctx.t(Msg::ReviewTitle)) } }
            }
            h2 { (ctx.t(Msg::AuditSections)) }
            ol class="sections" {
                @for section in &audit.checklist.sections {
                    @let (answered, asked, skipped) = progress(audit, section);
                    @let no_photo = missing_photos.iter().filter(|code| section.items.iter().any(|i| i.code == **code)).count();
                    li {
                        @if editable {
                            a href={ "/audits/" (audit.id) "/sections/" (section.code) } {
                                (section.title.get(ctx.lang))
                            }
                        } @else {
                            (section.title.get(ctx.lang))
                        }
                        span class="meta" {
                            @if skipped {
                                (ctx.t(Msg::AuditSectionNotApplicable))
                            } @else {
                                (ctx.t(Msg::AuditAnswered)) " " (answered) " " (ctx.t(Msg::AuditOf)) " " (asked)
                            }
                        }
                        @if no_photo > 0 {
                            span class="meta photo-missing" { "⚠ " (ctx.t(Msg::AuditPhotosMissing)) ": " (no_photo) }
                        }
                    }
                }
            }
            @if editable {
                p { a class="button" href={ "/audits/" (audit.id) "/summary" } { (ctx.t(Msg::AuditToSummary)) } }
            }
            (participation::section(ctx, audit, extras))
        },
    )
}

/// `/audits/{id}/summary`: what is still missing, each linked to its place, and the
/// submit button.
pub fn summary_page(
    ctx: &Ctx,
    audit: &Audit,
    errors: Option<&crate::domain::validation::FieldErrors>,
    notice: Option<String>,
) -> Markup {
    let answers = audit.item_answers();
    let sheet = audit.sheet(&answers);
    let missing_answers = sheet.missing_answers();
    let missing_photos = sheet.missing_photos();
    let undecided: Vec<&str> = sheet.alternatives().collect();
    let decisions = audit.decisions();
    let failures: Vec<&str> = sheet
        .failures(&decisions)
        .iter()
        .map(|f| f.item.code.as_str())
        .collect();
    let title = ctx.t(Msg::SummaryTitle);
    let link = |code: &str| {
        let section = audit
            .checklist
            .section_of(code)
            .map(|s| s.code.as_str())
            .unwrap_or_default();
        let text = audit
            .checklist
            .item(code)
            .map(|i| i.text.get(ctx.lang).to_owned())
            .unwrap_or_else(|| code.to_owned());
        html! {
            a href={ "/audits/" (audit.id) "/sections/" (section) "#item-" (code) } { (text) }
        }
    };
    layout(
        ctx,
        title,
        html! {
            p { a href={ "/audits/" (audit.id) } { (ctx.t(Msg::AuditBack)) } }
            h1 { (title) ": " (audit.site.name) }
            @if let Some(notice) = notice {
                p class="success" role="status" { (notice) }
            }
            @if let Some(errors) = errors {
                div class="error-summary" role="alert" tabindex="-1" {
                    h2 { (ctx.t(Msg::FormErrorsTitle)) }
                    ul {
                        @for e in &errors.0 {
                            li { (link(&e.field)) ": " (problem_text(&e.problem, ctx.lang)) }
                        }
                    }
                }
            }
            @if !missing_answers.is_empty() {
                h2 { (ctx.t(Msg::SummaryMissingAnswers)) " (" (missing_answers.len()) ")" }
                ul { @for code in &missing_answers { li { (link(code)) } } }
            }
            @if !missing_photos.is_empty() {
                h2 { (ctx.t(Msg::SummaryMissingPhotos)) " (" (missing_photos.len()) ")" }
                ul { @for code in &missing_photos { li { (link(code)) } } }
            }
            @if !failures.is_empty() {
                h2 { (ctx.t(Msg::SummaryFailures)) " (" (failures.len()) ")" }
                ul { @for code in &failures { li { (link(code)) } } }
            }
            @if !undecided.is_empty() {
                h2 { (ctx.t(Msg::SummaryUndecided)) }
                ul { @for code in &undecided { li { (link(code)) } } }
            }
            @if missing_answers.is_empty() && missing_photos.is_empty() {
                p class="success" { (ctx.t(Msg::SummaryReady)) }
            }
            @if editable_by(ctx, audit) {
                form method="post" action={ "/audits/" (audit.id) "/submit" } {
                    button type="submit" { (ctx.t(Msg::SubmitAudit)) }
                }
            }
        },
    )
}
