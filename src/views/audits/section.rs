//! One section of an audit's checklist as a form: large targets, the clause and guidance
//! beside each item, a camera input per item. It works without JavaScript.

use std::collections::HashMap;

use maud::{Markup, html};

use crate::domain::audit::Audit;
use crate::domain::audit::answer::{ItemAnswer, accepted};
use crate::domain::audit::sheet::Status;
use crate::domain::checklist::{Answer, Item, PhotoRule, Section, Unit};
use crate::domain::validation::FieldErrors;
use crate::i18n::{Msg, problem_text};
use crate::views::checklists::requirement;
use crate::views::labels::{audit_state_label, outcome_label, severity_label};
use crate::views::values::{measured, typed};
use crate::views::{Ctx, layout};

/// What a section page shows: the audit and section, what was typed when the page comes
/// back with errors, and those errors.
pub struct SectionView<'a> {
    /// The audit.
    pub audit: &'a Audit,
    /// The section.
    pub section: &'a Section,
    /// The fields as posted, when the page shows a refused form again.
    pub typed: Option<&'a HashMap<String, String>>,
    /// The problems of the answers, by item code.
    pub errors: Option<&'a FieldErrors>,
    /// Photos refused after the answers were saved: (item code, why).
    pub photo_errors: &'a [(String, String)],
    /// A message about what was just saved.
    pub notice: Option<Msg>,
}

/// The spelling the form offers first for a unit (the item's own).
fn own_spelling(unit: Unit) -> &'static str {
    match unit {
        Unit::Mm => "mm",
        Unit::M => "m",
        Unit::Ratio => "ratio",
        Unit::Percent => "%",
        Unit::Seconds => "s",
        Unit::DbLevel | Unit::DbAbove | Unit::Db => "dB",
    }
}

impl SectionView<'_> {
    /// The value of field `name` as typed, else as saved.
    fn value(&self, name: &str, saved: Option<String>) -> String {
        match self.typed {
            Some(typed) => typed.get(name).cloned().unwrap_or_default(),
            None => saved.unwrap_or_default(),
        }
    }
}

/// The result choices an item offers.
fn choices(item: &Item) -> Vec<(&'static str, crate::domain::audit::Outcome)> {
    use crate::domain::audit::Outcome;
    let mut out = vec![("pass", Outcome::Pass), ("fail", Outcome::Fail)];
    if item.not_applicable {
        out.push(("not_applicable", Outcome::NotApplicable));
    }
    if item.alternative.is_some() {
        out.push(("alternative", Outcome::Alternative));
    }
    out
}

fn item_block(
    ctx: &Ctx,
    view: &SectionView<'_>,
    item: &Item,
    status: Status,
    saved: Option<&ItemAnswer>,
) -> Markup {
    let code = &item.code;
    let error = view.errors.and_then(|e| e.for_field(code));
    let photo_error = view
        .photo_errors
        .iter()
        .find(|(c, _)| c == code)
        .map(|(_, m)| m.as_str());
    let saved_result = saved.map(|a| a.result.as_str().to_owned());
    let overridden = saved
        .filter(|a| a.overridden())
        .map(|a| a.result.as_str().to_owned());
    let photos: Vec<_> = view
        .audit
        .photos
        .iter()
        .filter(|p| p.item.as_deref() == Some(code.as_str()))
        .collect();
    let error_id = format!("error-{code}");
    html! {
        li id={ "item-" (code) } class={ "audit-item" @if error.is_some() || photo_error.is_some() { " field-error" } } {
            fieldset {
                legend class="item-text" { (item.text.get(ctx.lang)) }
                ul class="facts-inline" {
                    li { (ctx.t(Msg::ChecklistClause)) ": " (item.clause) }
                    li { (ctx.t(Msg::ChecklistRequirement)) ": " (requirement(ctx, &item.answer)) }
                    li { (ctx.t(Msg::ChecklistSeverity)) ": " (ctx.t(severity_label(item.severity))) }
                }
                @if let Some(guidance) = &item.guidance {
                    p class="guidance" { (ctx.t(Msg::ChecklistGuidance)) ": " (guidance.get(ctx.lang)) }
                }
                @if let Some(alternative) = &item.alternative {
                    p class="guidance" { (ctx.t(Msg::ChecklistAlternative)) " " (alternative.get(ctx.lang)) }
                }
                @if let Some(problem) = error {
                    p class="error" id=(error_id) { (problem_text(problem, ctx.lang)) }
                }
                @if status == Status::NotAsked {
                    p class="hint" { (ctx.t(Msg::ResultNotAsked)) }
                }
                @match &item.answer {
                    Answer::YesNo => {
                        fieldset class="choices" {
                            legend { (ctx.t(Msg::AnswerResult)) }
                            @let chosen = view.value(&format!("result.{code}"), saved_result.clone());
                            @for (value, outcome) in choices(item) {
                                @let id = format!("result-{value}-{code}");
                                div class="choice" {
                                    input type="radio" id=(id) name={ "result." (code) } value=(value)
                                        checked[chosen == value]
                                        aria-describedby=[error.map(|_| error_id.as_str())];
                                    label for=(id) { (ctx.t(outcome_label(outcome))) }
                                }
                            }
                        }
                    }
                    Answer::Measure { unit, .. } => {
                        @let value_id = format!("value-{code}");
                        @let unit_id = format!("unit-{code}");
                        div class="field measure" {
                            label for=(value_id) { (ctx.t(Msg::AnswerValue)) }
                            p class="hint" id={ "hint-" (code) } { (ctx.t(Msg::AnswerValueHint)) }
                            input type="text" inputmode="decimal" id=(value_id) name={ "value." (code) }
                                value=(view.value(&format!("value.{code}"), saved.and_then(|a| a.value).map(|v| typed(v, *unit, ctx.lang))))
                                aria-describedby={ "hint-" (code) @if error.is_some() { " " (error_id) } };
                        }
                        div class="field" {
                            label for=(unit_id) { (ctx.t(Msg::AnswerUnit)) }
                            @let chosen = view.value(&format!("unit.{code}"), Some(own_spelling(*unit).to_owned()));
                            select id=(unit_id) name={ "unit." (code) } {
                                @for spelling in accepted(*unit) {
                                    option value=(spelling) selected[chosen == *spelling] {
                                        @match *spelling {
                                            "ratio" => "1:n",
                                            other => (other),
                                        }
                                    }
                                }
                            }
                        }
                        (override_field(ctx, view, item, overridden.clone()))
                        @if let Some(a) = saved {
                            @if let Some(value) = a.value {
                                p class="hint" {
                                    (ctx.t(Msg::ReviewMeasured)) ": " (measured(value, *unit, ctx.lang))
                                    " · " (ctx.t(Msg::AnswerResult)) ": " (ctx.t(outcome_label(a.result)))
                                }
                            }
                        }
                    }
                    Answer::Count(count) => {
                        @let total_id = format!("total-{code}");
                        @let provided_id = format!("provided-{code}");
                        div class="field" {
                            label for=(total_id) { (count.total.get(ctx.lang)) }
                            input type="text" inputmode="numeric" id=(total_id) name={ "total." (code) }
                                value=(view.value(&format!("total.{code}"), saved.and_then(|a| a.total).map(|n| n.to_string())));
                        }
                        div class="field" {
                            label for=(provided_id) { (count.provided.get(ctx.lang)) }
                            input type="text" inputmode="numeric" id=(provided_id) name={ "provided." (code) }
                                value=(view.value(&format!("provided.{code}"), saved.and_then(|a| a.provided).map(|n| n.to_string())));
                        }
                        (override_field(ctx, view, item, overridden.clone()))
                    }
                }
                @let note_id = format!("note-{code}");
                div class="field" {
                    label for=(note_id) { (ctx.t(Msg::AnswerNote)) }
                    textarea id=(note_id) name={ "note." (code) } rows="2" {
                        (view.value(&format!("note.{code}"), saved.and_then(|a| a.note.clone())))
                    }
                }
                @let photo_id = format!("photo-{code}");
                div class="field" {
                    label for=(photo_id) { (ctx.t(Msg::AnswerPhoto)) }
                    @match item.photo {
                        PhotoRule::Always => p class="hint" id={ "photo-hint-" (code) } { (ctx.t(Msg::AnswerPhotoAlways)) },
                        PhotoRule::OnFail => p class="hint" id={ "photo-hint-" (code) } { (ctx.t(Msg::AnswerPhotoNeeded)) },
                        _ => {},
                    }
                    @if let Some(message) = photo_error {
                        p class="error" id={ "photo-error-" (code) } { (message) }
                    }
                    input type="file" id=(photo_id) name={ "photo." (code) } accept="image/*" capture="environment";
                }
                @if !photos.is_empty() {
                    p { (ctx.t(Msg::AnswerPhotos)) ":" }
                    ul class="thumbs" {
                        @for p in &photos {
                            li {
                                img src={ "/api/v1/audits/" (view.audit.id) "/photos/" (p.id) "/thumb" }
                                    width=(p.thumb.width) height=(p.thumb.height)
                                    alt={ (ctx.t(Msg::AnswerPhoto)) ": " (item.text.get(ctx.lang)) };
                                " "
                                a href={ "/audits/" (view.audit.id) "/photos/" (p.id) "/delete" } {
                                    (ctx.t(Msg::PhotoRemove))
                                    span class="visually-hidden" { ": " (item.text.get(ctx.lang)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The result a measured or counted item is given when the inspector disagrees with the
/// threshold (a note says why).
fn override_field(ctx: &Ctx, view: &SectionView<'_>, item: &Item, saved: Option<String>) -> Markup {
    let code = &item.code;
    let id = format!("result-{code}");
    let chosen = view.value(&format!("result.{code}"), saved);
    html! {
        div class="field" {
            label for=(id) { (ctx.t(Msg::AnswerOverride)) }
            select id=(id) name={ "result." (code) } {
                option value="" selected[chosen.is_empty()] { (ctx.t(Msg::ResultFromMeasure)) }
                @for (value, outcome) in choices(item) {
                    option value=(value) selected[chosen == value] { (ctx.t(outcome_label(outcome))) }
                }
            }
        }
    }
}

/// `/audits/{id}/sections/{code}`.
pub fn section_page(ctx: &Ctx, view: &SectionView<'_>) -> Markup {
    let audit = view.audit;
    let section = view.section;
    let answers = audit.item_answers();
    let sheet = audit.sheet(&answers);
    let skipped = audit.sections_not_applicable.contains(&section.code);
    let title = section.title.get(ctx.lang);
    let applies = view.value(
        "applies",
        Some(if skipped { "no" } else { "yes" }.to_owned()),
    );
    layout(
        ctx,
        title,
        html! {
            p { a href={ "/audits/" (audit.id) } { (ctx.t(Msg::AuditBack)) ": " (audit.site.name) } }
            h1 { (title) }
            p class="meta" { (ctx.t(audit_state_label(audit.state))) " · " (audit.checklist.title.get(ctx.lang)) }
            @if let Some(notice) = view.notice {
                p class="success" role="status" { (ctx.t(notice)) }
            }
            @if let Some(errors) = view.errors.filter(|e| !e.is_empty()) {
                div class="error-summary" role="alert" tabindex="-1" {
                    h2 { (ctx.t(Msg::FormErrorsTitle)) }
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
            form method="post" enctype="multipart/form-data"
                action={ "/audits/" (audit.id) "/sections/" (section.code) } {
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
                        (item_block(ctx, view, item, sheet.status(item), saved))
                    }
                }
                div class="actions" {
                    button type="submit" name="then" value="next" { (ctx.t(Msg::SectionSave)) }
                    button type="submit" name="then" value="stay" class="secondary" { (ctx.t(Msg::SectionSaveOnly)) }
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
