//! One section of an audit's checklist as a form: large targets, the clause and guidance
//! beside each item ([`super::item`]), a photo input per item, what to look at again, and
//! a save bar that stays in reach at the bottom of the screen. It works without JavaScript.

use maud::{Markup, html};

use super::item::item_block;
use super::notes::{returned_comment, warning_text};
use super::section_view::SectionView;
use crate::domain::audit::{Audit, Warning};
use crate::i18n::{Msg, problem_text};
use crate::views::labels::audit_state_label;
use crate::views::{Ctx, layout};

/// `/audits/{id}/sections/{code}`.
pub fn section_page(ctx: &Ctx, view: &SectionView<'_>) -> Markup {
    let audit = view.audit;
    let section = view.section;
    let answers = audit.item_answers();
    let sheet = audit.sheet(&answers);
    let warnings = audit.warnings();
    let here: Vec<&Warning> = warnings
        .iter()
        .filter(|w| section.items.iter().any(|i| i.code == w.item()))
        .collect();
    let skipped = audit.sections_not_applicable.contains(&section.code);
    let title = section.title.get(ctx.lang);
    let applies = view.value(
        "applies",
        Some(if skipped { "no" } else { "yes" }.to_owned()),
    );
    let sections = &audit.checklist.sections;
    let position = sections
        .iter()
        .position(|s| s.code == section.code)
        .unwrap_or(0);
    let next = sections.get(position + 1);
    let next_href = match next {
        Some(next) => format!("/audits/{}/sections/{}", audit.id, next.code),
        None => format!("/audits/{}/summary", audit.id),
    };
    layout(
        ctx,
        title,
        html! {
            p { a href={ "/audits/" (audit.id) } { (ctx.t(Msg::AuditBack)) ": " (audit.site.name) } }
            h1 { (title) }
            p class="meta" {
                (ctx.t(Msg::SectionPosition).replace("{n}", &(position + 1).to_string()).replace("{m}", &sections.len().to_string()))
                " · " (ctx.t(audit_state_label(audit.state)))
            }
            (returned_comment(ctx, audit))
            @if let Some(notice) = &view.notice {
                p class="success" role="status" { (notice) }
            }
            @if let Some(failed) = &view.failed {
                div class="error-summary" role="alert" tabindex="-1" {
                    h2 { (ctx.t(Msg::SaveFailedTitle)) }
                    p { (failed) }
                    p { (ctx.t(Msg::SaveFailedTypedKept)) }
                }
            }
            @if let Some(errors) = view.errors.filter(|e| !e.is_empty()) {
                div class="error-summary" role="alert" tabindex="-1" {
                    h2 { (ctx.t(Msg::FormErrorsTitle)) }
                    p { (ctx.t(Msg::SectionSavedPartly)) }
                    ul {
                        @for e in &errors.0 {
                            @let text = audit.checklist.item(&e.field).map_or(e.field.clone(), |i| i.text.get(ctx.lang).to_owned());
                            li { a href={ "#item-" (e.field) } { (text) } ": " (problem_text(&e.problem, ctx.lang)) }
                        }
                    }
                }
            }
            @if !view.photo_errors.is_empty() {
                div class="error-summary" role="alert" tabindex="-1" {
                    h2 { (ctx.t(Msg::SectionPhotoRefused)) }
                    ul {
                        @for (code, message) in view.photo_errors {
                            @let text = audit.checklist.item(code).map_or(code.clone(), |i| i.text.get(ctx.lang).to_owned());
                            li { a href={ "#photo-" (code) } { (text) } ": " (message) }
                        }
                    }
                }
            }
            @if !here.is_empty() {
                div class="notice warnings-summary" {
                    h2 { (ctx.t(Msg::SectionWarnings)) }
                    ul {
                        @for w in &here {
                            @let text = audit.checklist.item(w.item()).map_or(w.item().to_owned(), |i| i.text.get(ctx.lang).to_owned());
                            li { a href={ "#item-" (w.item()) } { (text) } ": " (warning_text(ctx, audit, w)) }
                        }
                    }
                }
            }
            // The field script (when the build has it) keeps what is typed here on the
            // phone and sends it through the API; these say where it belongs.
            form method="post" enctype="multipart/form-data"
                action={ "/audits/" (audit.id) "/sections/" (section.code) }
                data-audit=(audit.id) data-section=(section.code) data-title=(title)
                data-state=(audit.state.as_str()) data-version=(audit.version)
                data-site=(audit.site.name) data-next=(next_href) {
                @if let Some(question) = &section.question {
                    fieldset class="question" {
                        legend { (question.get(ctx.lang)) }
                        div class="choice" {
                            input type="radio" id="applies-yes" name="applies" value="yes" checked[applies == "yes"];
                            label for="applies-yes" { (ctx.t(Msg::SectionAppliesYes)) }
                        }
                        div class="choice" {
                            input type="radio" id="applies-no" name="applies" value="no" checked[applies == "no"];
                            label for="applies-no" { (ctx.t(Msg::SectionAppliesNo)) }
                        }
                    }
                }
                ol class="items audit-items" {
                    @for item in &section.items {
                        @let saved = answers.iter().find(|a| a.item == item.code);
                        @let own: Vec<&Warning> = here.iter().copied().filter(|w| w.item() == item.code).collect();
                        (item_block(ctx, view, item, sheet.status(item), saved, &own))
                    }
                }
                div class="save-bar" {
                    @if let Some(saved) = view.saved {
                        p class="success" role="status" { (ctx.t(saved)) }
                    }
                    div class="actions" {
                        button type="submit" name="then" value="next" { (ctx.t(Msg::SectionSave)) }
                        button type="submit" name="then" value="stay" class="secondary" { (ctx.t(Msg::SectionSaveOnly)) }
                        @if let (Some(_), Some(next)) = (view.saved, next) {
                            a href={ "/audits/" (audit.id) "/sections/" (next.code) } { (ctx.t(Msg::SectionNext)) }
                        }
                    }
                }
            }
        },
    )
}

/// `/audits/{id}/photos/{photo}/delete`: asks before a photo is removed.
pub fn remove_photo_page(ctx: &Ctx, audit: &Audit, photo: &crate::domain::audit::Photo) -> Markup {
    let title = ctx.t(Msg::PhotoRemoveTitle);
    let shows = photo
        .item
        .as_deref()
        .and_then(|code| audit.checklist.item(code))
        .map_or(ctx.t(Msg::AnswerPhoto), |i| i.text.get(ctx.lang));
    let back = match photo
        .item
        .as_deref()
        .and_then(|code| audit.checklist.section_of(code))
    {
        Some(section) => format!("/audits/{}/sections/{}", audit.id, section.code),
        None => format!("/audits/{}", audit.id),
    };
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (shows) }
            img src={ "/api/v1/audits/" (audit.id) "/photos/" (photo.id) "/thumb" }
                width=(photo.thumb.width) height=(photo.thumb.height) alt=(shows);
            form method="post" action={ "/audits/" (audit.id) "/photos/" (photo.id) "/delete" } class="actions" {
                button type="submit" { (ctx.t(Msg::PhotoRemove)) }
                a href=(back) { (ctx.t(Msg::PhotoKeep)) }
            }
        },
    )
}
