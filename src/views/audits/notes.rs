//! What the audit pages tell their people beside the answers: the reviewer's comment on a
//! returned audit, the warnings on an item, distances, and the page of a save that failed.

use maud::{Markup, html};
use uuid::Uuid;

use crate::domain::audit::{Audit, AuditState, Warning};
use crate::domain::checklist::{Answer, Unit};
use crate::domain::lang::Lang;
use crate::i18n::Msg;
use crate::views::components::distance;
use crate::views::values::{fixed, measured};
use crate::views::{Ctx, layout};

/// The reviewer's comment on a returned audit, for the top of its pages.
pub(super) fn returned_comment(ctx: &Ctx, audit: &Audit) -> Markup {
    html! {
        @if audit.state == AuditState::Returned {
            @if let Some(comment) = &audit.review_comment {
                div class="notice returned" {
                    p { strong { (ctx.t(Msg::AuditStateReturned)) } }
                    p { (ctx.t(Msg::AuditReviewComment)) ": " (comment) }
                }
            }
        }
    }
}

/// A length in the unit that reads best: whole metres, else centimetres from 10 cm, else
/// millimetres (900 mm is "90 cm", 2000 mm is "2 m", 50 mm stays "50 mm").
fn length(lang: Lang, mm: f64) -> String {
    let whole = |v: f64| (v - v.round()).abs() < 1e-6;
    let (value, unit) = if mm >= 1000.0 && whole(mm / 1000.0) {
        (mm / 1000.0, "m")
    } else if mm >= 100.0 && whole(mm) {
        (mm / 10.0, "cm")
    } else {
        (mm, "mm")
    };
    let places = if whole(value) { 0 } else { 1 };
    format!("{} {unit}", fixed(value, places, lang))
}

/// What a warning asks, in words.
pub(super) fn warning_text(ctx: &Ctx, audit: &Audit, warning: &Warning) -> String {
    match warning {
        Warning::Implausible { item, value, meant } => {
            let unit = match audit.checklist.item(item).map(|i| &i.answer) {
                Some(Answer::Measure { unit, .. }) => *unit,
                _ => Unit::Mm,
            };
            let in_mm = if unit == Unit::M { 1000.0 } else { 1.0 };
            ctx.t(Msg::AnswerImplausible)
                .replace("{value}", &measured(*value, unit, ctx.lang))
                .replace("{meant}", &length(ctx.lang, meant * in_mm))
        }
        Warning::PhotoFar { metres, .. } => ctx
            .t(Msg::PhotoFarWarning)
            .replace("{distance}", &distance(*metres, ctx.lang)),
        Warning::PhotoMissing { .. } => ctx.t(Msg::PhotoMissingWarning).to_owned(),
    }
}

/// The page after a section save that failed before the section could be shown again:
/// what happened, that nothing saved before is lost, and the way back to the section.
pub fn save_failed_page(
    ctx: &Ctx,
    audit: Uuid,
    section: &str,
    section_title: Option<&str>,
    message: &str,
) -> Markup {
    let title = ctx.t(Msg::SaveFailedTitle);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            div class="error-summary" role="alert" {
                p { (message) }
            }
            p { (ctx.t(Msg::SaveFailedBack)) }
            p {
                a class="button" href={ "/audits/" (audit) "/sections/" (section) } {
                    (ctx.t(Msg::SaveFailedOpen)) " " (section_title.unwrap_or(section))
                }
            }
            p { a href={ "/audits/" (audit) } { (ctx.t(Msg::AuditBack)) } }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_are_in_km_with_the_languages_decimal_mark() {
        assert_eq!(distance(48834.0, Lang::Vi), "48,8 km");
        assert_eq!(distance(48834.0, Lang::En), "48.8 km");
        assert_eq!(distance(640.4, Lang::Vi), "640 m");
    }

    #[test]
    fn a_length_meant_reads_in_the_unit_a_tape_shows() {
        assert_eq!(length(Lang::En, 900.0), "90 cm");
        assert_eq!(length(Lang::Vi, 850.0), "85 cm");
        assert_eq!(length(Lang::En, 2000.0), "2 m");
        assert_eq!(length(Lang::En, 50.0), "50 mm");
        assert_eq!(length(Lang::Vi, 1250.0), "125 cm");
        assert_eq!(length(Lang::Vi, 905.0), "90,5 cm");
    }
}
