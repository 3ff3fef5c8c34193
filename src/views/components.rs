//! Page parts used by more than one page family.

use maud::{Markup, html};
use uuid::Uuid;

use super::Ctx;
use crate::domain::finding::Finding;
use crate::i18n::Msg;

/// A distance as people read it: `350 m`, `1,2 km` / `1.2 km`.
pub fn distance(metres: f64) -> String {
    if metres < 1_000.0 {
        format!("{:.0} m", (metres / 10.0).round() * 10.0)
    } else {
        format!("{:.1} km", metres / 1_000.0)
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
pub fn photo_list(ctx: &Ctx, audit: Uuid, photos: &[Uuid], alt: &str) -> Markup {
    html! {
        @if photos.is_empty() {
            p class="meta" { (ctx.t(Msg::FindingNoPhotos)) }
        } @else {
            ul class="photos" {
                @for (n, photo) in photos.iter().enumerate() {
                    @let files = format!("/api/v1/audits/{audit}/photos/{photo}");
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
                (photo_list(ctx, f.audit_id, &f.photos, ctx.t(Msg::FindingBefore)))
            }
            div {
                h3 { (ctx.t(Msg::FindingAfter)) }
                (photo_list(ctx, f.audit_id, &f.after_photos, ctx.t(Msg::FindingAfter)))
            }
        }
    }
}
