//! Page parts used by more than one page family.

use maud::{Markup, html};
use uuid::Uuid;

use super::Ctx;
use crate::domain::audit::PhotoOwner;
use crate::domain::finding::Finding;
use crate::domain::validation::{FieldErrors, Problem};
use crate::i18n::{Msg, problem_text};

/// A distance as people read it: `350 m`, `1,2 km` / `1.2 km`.
pub fn distance(metres: f64, lang: crate::domain::lang::Lang) -> String {
    if metres < 1_000.0 {
        format!("{:.0} m", (metres / 10.0).round() * 10.0)
    } else {
        format!(
            "{} km",
            crate::views::values::fixed(metres / 1_000.0, 1, lang)
        )
    }
}

/// "Sites near me": a button only a browser that can tell its position shows (the script
/// `static/near.js` reveals it), and a message for when it cannot.
pub fn near_me(ctx: &Ctx) -> Markup {
    html! {
        p class="near-me" {
            button type="button" data-near hidden { (ctx.t(Msg::AuditsNearMe)) }
            span data-near-failed hidden role="status" { " " (ctx.t(Msg::NearMeFailed)) }
        }
    }
}

/// Thumbnails of `photos` of `finding`, each linking to its display image.
/// Where the staff read the files of photo `photo` of `owner` (`.../display`, `/thumb`,
/// `/original`).
pub fn photo_files(owner: PhotoOwner, photo: Uuid) -> String {
    match owner {
        PhotoOwner::Audit(audit) => format!("/api/v1/audits/{audit}/photos/{photo}"),
        PhotoOwner::Report(report) => format!("/api/v1/barrier-reports/{report}/photos/{photo}"),
    }
}

/// The photos `photos` of `owner` as thumbnails linking to their display images.
pub fn photo_list(ctx: &Ctx, owner: PhotoOwner, photos: &[Uuid], alt: &str) -> Markup {
    html! {
        @if photos.is_empty() {
            p class="meta" { (ctx.t(Msg::FindingNoPhotos)) }
        } @else {
            ul class="photos" {
                @for (n, photo) in photos.iter().enumerate() {
                    @let files = photo_files(owner, *photo);
                    li {
                        a href={ (files) "/display" } {
                            img src={ (files) "/thumb" } alt={ (alt) " " (n + 1) } loading="lazy";
                        }
                    }
                }
            }
        }
    }
}

/// The before and after photos of `f`, side by side.
pub fn before_after(ctx: &Ctx, f: &Finding) -> Markup {
    html! {
        div class="before-after" {
            div {
                h3 { (ctx.t(Msg::FindingBefore)) }
                (photo_list(ctx, f.photo_owner(), &f.photos, ctx.t(Msg::FindingBefore)))
            }
            div {
                h3 { (ctx.t(Msg::FindingAfter)) }
                (photo_list(ctx, f.photo_owner(), &f.after_photos, ctx.t(Msg::FindingAfter)))
            }
        }
    }
}

/// What a form field shows around its control: its id, label, whether it must be filled,
/// a hint and the problem with what was typed.
pub struct FieldParts<'a> {
    /// The control's id (its hint and error get `{id}-hint` and `{id}-error`).
    pub id: &'a str,
    /// The label.
    pub label: &'a str,
    /// Required or optional, said after the label.
    pub required: bool,
    /// A hint under the label.
    pub hint: Option<&'a str>,
    /// Why what was typed was refused.
    pub error: Option<&'a Problem>,
}

/// One labelled form field with its hint and error, wired for screen readers: `control`
/// gets the ids that describe it.
pub fn field(
    ctx: &Ctx,
    parts: FieldParts<'_>,
    control: impl FnOnce(Option<String>) -> Markup,
) -> Markup {
    let FieldParts {
        id,
        label,
        required,
        hint,
        error,
    } = parts;
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let error_id = error.map(|_| format!("{id}-error"));
    let described: Vec<String> = hint_id.iter().chain(error_id.iter()).cloned().collect();
    let described = (!described.is_empty()).then(|| described.join(" "));
    html! {
        div class={ "field" @if error.is_some() { " field-error" } } {
            label for=(id) {
                (label) " "
                span class="req" { (ctx.t(if required { Msg::SiteRequired } else { Msg::SiteOptional })) }
            }
            @if let (Some(hint), Some(hint_id)) = (hint, &hint_id) {
                p class="hint" id=(hint_id) { (hint) }
            }
            @if let (Some(problem), Some(error_id)) = (error, &error_id) {
                p class="error" id=(error_id) { (problem_text(problem, ctx.lang)) }
            }
            (control(described))
        }
    }
}

/// The box above a refused form listing every problem, each linking to its field: `link`
/// gives a field's id and its label.
pub fn error_summary(
    ctx: &Ctx,
    errors: &FieldErrors,
    link: impl Fn(&str) -> (String, String),
) -> Markup {
    html! {
        div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" {
            h2 id="error-summary-title" { (ctx.t(Msg::FormErrorsTitle)) }
            ul {
                @for e in &errors.0 {
                    @let (id, label) = link(&e.field);
                    li { a href={ "#" (id) } { (label) ": " (problem_text(&e.problem, ctx.lang)) } }
                }
            }
        }
    }
}

/// A change that came after someone else's: what was typed beside what is saved now, one
/// row (label, typed, saved) a field, differences marked in words (not by colour), and a
/// link to give up the change.
pub fn conflict(
    ctx: &Ctx,
    title: &str,
    rows: &[(String, String, String)],
    discard_href: &str,
) -> Markup {
    html! {
        div class="conflict" role="alert" aria-labelledby="conflict-title" tabindex="-1" {
            h2 id="conflict-title" { (title) }
            p { (ctx.t(Msg::ConflictIntro)) }
            table {
                caption class="visually-hidden" { (title) }
                thead { tr {
                    th scope="col" { (ctx.t(Msg::ConflictField)) }
                    th scope="col" { (ctx.t(Msg::ConflictYours)) }
                    th scope="col" { (ctx.t(Msg::ConflictSaved)) }
                } }
                tbody {
                    @for (label, yours, now) in rows {
                        tr {
                            th scope="row" {
                                (label)
                                @if yours.trim() != now.trim() {
                                    " " strong { "(" (ctx.t(Msg::ConflictDiffers)) ")" }
                                }
                            }
                            td { (yours) }
                            td { (now) }
                        }
                    }
                }
            }
            p { a href=(discard_href) { (ctx.t(Msg::ConflictDiscard)) } }
        }
    }
}

/// A message that what was just done is done.
pub fn notice(text: &str) -> Markup {
    html! { p class="success" role="status" { (text) } }
}
