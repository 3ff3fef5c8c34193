//! One item of a section form: its text, clause and guidance, the controls of its answer
//! type, the result other than the threshold's behind a "change the result" toggle, the
//! note, a photo input (which leaves the choice between camera and gallery to the phone),
//! the photos sent, and what to look at again.

use maud::{Markup, html};

use super::notes::warning_text;
use super::section_view::SectionView;
use crate::domain::audit::answer::{ItemAnswer, accepted};
use crate::domain::audit::sheet::Status;
use crate::domain::audit::{Outcome, Warning};
use crate::domain::checklist::{Answer, Item, PhotoRule, Unit};
use crate::i18n::{Msg, problem_text};
use crate::views::Ctx;
use crate::views::checklists::requirement;
use crate::views::labels::{outcome_label, severity_label};
use crate::views::values::{measured, typed};

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

/// The result choices an item offers.
fn choices(item: &Item) -> Vec<(&'static str, Outcome)> {
    let mut out = vec![("pass", Outcome::Pass), ("fail", Outcome::Fail)];
    if item.not_applicable {
        out.push(("not_applicable", Outcome::NotApplicable));
    }
    if item.alternative.is_some() {
        out.push(("alternative", Outcome::Alternative));
    }
    out
}

/// One item of the section form, with the warnings on it.
pub(super) fn item_block(
    ctx: &Ctx,
    view: &SectionView<'_>,
    item: &Item,
    status: Status,
    saved: Option<&ItemAnswer>,
    warnings: &[&Warning],
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
    let warning_id = format!("warning-{code}");
    let described = |base: Option<String>| {
        let parts: Vec<String> = base
            .into_iter()
            .chain(error.map(|_| error_id.clone()))
            .chain((!warnings.is_empty()).then(|| warning_id.clone()))
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    };
    html! {
        li id={ "item-" (code) } class={ "audit-item" @if error.is_some() || photo_error.is_some() { " field-error" } } {
            fieldset {
                legend class="item-text" { (item.text.get(ctx.lang)) }
                ul class="facts-inline" {
                    li { (ctx.t(Msg::ChecklistClause)) ": " (crate::views::citation::clause(&item.clause, ctx.lang)) }
                    li { (ctx.t(Msg::ChecklistRequirement)) ": " (requirement(ctx, &item.answer)) }
                    li { (ctx.t(Msg::ChecklistSeverity)) ": " (ctx.t(severity_label(item.severity))) }
                }
                @if let Some(guidance) = &item.guidance {
                    details class="guidance" {
                        summary { (ctx.t(Msg::ChecklistGuidance)) }
                        p { (guidance.get(ctx.lang)) }
                    }
                }
                @if let Some(alternative) = &item.alternative {
                    p class="guidance" { (ctx.t(Msg::ChecklistAlternative)) " " (alternative.get(ctx.lang)) }
                }
                @if let Some(problem) = error {
                    p class="error" id=(error_id) { (problem_text(problem, ctx.lang)) }
                }
                @if !warnings.is_empty() {
                    div class="warnings" id=(warning_id) {
                        @for w in warnings {
                            p class="notice warning" { (warning_text(ctx, view.audit, w)) }
                        }
                    }
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
                                        aria-describedby=[described(None)];
                                    label for=(id) { (ctx.t(outcome_label(outcome))) }
                                }
                            }
                        }
                    }
                    Answer::Measure { unit, .. } => {
                        @let value_id = format!("value-{code}");
                        @let unit_id = format!("unit-{code}");
                        div class="measure-row" {
                            div class="field measure" {
                                label for=(value_id) { (ctx.t(Msg::AnswerValue)) }
                                p class="hint" id={ "hint-" (code) } { (ctx.t(Msg::AnswerValueHint)) }
                                input type="text" inputmode="decimal" id=(value_id) name={ "value." (code) }
                                    value=(view.value(&format!("value.{code}"), saved.and_then(|a| a.value).map(|v| typed(v, *unit, ctx.lang))))
                                    aria-describedby=[described(Some(format!("hint-{code}")))];
                            }
                            div class="field unit" {
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
                        }
                        @if let Some(a) = saved {
                            @if let Some(value) = a.value {
                                p class="hint" {
                                    (ctx.t(Msg::ReviewMeasured)) ": " (measured(value, *unit, ctx.lang))
                                    " · " (ctx.t(Msg::AnswerResult)) ": " (ctx.t(outcome_label(a.result)))
                                }
                            }
                        }
                        (override_field(ctx, view, item, overridden.clone(), error.is_some()))
                    }
                    Answer::Count(count) => {
                        @let total_id = format!("total-{code}");
                        @let provided_id = format!("provided-{code}");
                        div class="field" {
                            label for=(total_id) { (count.total.get(ctx.lang)) }
                            input type="text" inputmode="numeric" id=(total_id) name={ "total." (code) }
                                value=(view.value(&format!("total.{code}"), saved.and_then(|a| a.total).map(|n| n.to_string())))
                                aria-describedby=[described(None)];
                        }
                        div class="field" {
                            label for=(provided_id) { (count.provided.get(ctx.lang)) }
                            input type="text" inputmode="numeric" id=(provided_id) name={ "provided." (code) }
                                value=(view.value(&format!("provided.{code}"), saved.and_then(|a| a.provided).map(|n| n.to_string())));
                        }
                        (override_field(ctx, view, item, overridden.clone(), error.is_some()))
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
                    // No `capture`: many phones would then offer only the camera, and a
                    // photo taken earlier could not be chosen.
                    input type="file" id=(photo_id) name={ "photo." (code) } accept="image/*";
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
/// threshold (a note says why), folded behind a toggle unless it is in use.
fn override_field(
    ctx: &Ctx,
    view: &SectionView<'_>,
    item: &Item,
    saved: Option<String>,
    refused: bool,
) -> Markup {
    let code = &item.code;
    let id = format!("result-{code}");
    let chosen = view.value(&format!("result.{code}"), saved);
    html! {
        details class="override" open[!chosen.is_empty() || refused] {
            summary { (ctx.t(Msg::AnswerOverrideToggle)) }
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
}
