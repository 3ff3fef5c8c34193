//! A site's accessibility statement: one printable page for the operator to post at the
//! entrance, with what was checked and when, what works, the barriers that stand with
//! their planned dates, the display photos, and a QR code to the site's public page at its
//! head, so that it prints on the first page.

use maud::{Markup, PreEscaped, html};
use qrcode::{Color, QrCode};

use super::accessibility::{Photos, accessibility};
use crate::domain::site::public::PublicSite;
use crate::i18n::Msg;
use crate::views::labels::subtype_label;
use crate::views::{Ctx, layout};

/// Modules of light margin around a QR code, as readers expect.
const QUIET: usize = 4;

/// `url` as a QR code: an SVG of one square per dark module, labelled by `label`.
pub fn qr(url: &str, label: &str) -> Markup {
    let Ok(code) = QrCode::new(url.as_bytes()) else {
        return html! {};
    };
    let width = code.width();
    let side = width + 2 * QUIET;
    let mut squares = String::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + QUIET, i / width + QUIET);
            squares.push_str(&format!(r#"<rect x="{x}" y="{y}" width="1" height="1"/>"#));
        }
    }
    html! {
        svg class="qr" role="img" aria-label=(label) xmlns="http://www.w3.org/2000/svg"
            viewBox={ "0 0 " (side) " " (side) } width="180" height="180" shape-rendering="crispEdges" {
            rect x="0" y="0" width=(side) height=(side) fill="#fff" {}
            g fill="#000" { (PreEscaped(squares)) }
        }
    }
}

/// `/sites/{id}/statement`.
pub fn page(ctx: &Ctx, p: &PublicSite, url: &str) -> Markup {
    let title = format!("{}: {}", ctx.t(Msg::StatementTitle), p.site.name);
    layout(
        ctx,
        &title,
        html! {
            article class="statement" {
                header class="statement-head" {
                    div {
                        p class="meta" { (ctx.t(Msg::StatementTitle)) }
                        h1 { (p.site.name) }
                        p {
                            (ctx.t(subtype_label(p.site.subtype)))
                            @if let Some(address) = &p.site.address { " · " (address) }
                    }
                    @if let Some(operator) = &p.site.operator { p class="meta" { (operator) } }
                    p { (ctx.t(Msg::StatementIntro)) }
                    @if let Some(checklist) = &p.checklist {
                        p {
                            (ctx.t(Msg::StatementChecked)) ": " (checklist.title.get(ctx.lang))
                            ", " (ctx.t(Msg::StatementVersion)) " " (checklist.version)
                        }
                    }
                    }
                    // On the first page, where a passer-by looks first.
                    figure class="statement-qr" {
                        (qr(url, ctx.t(Msg::StatementQr)))
                        figcaption {
                            (ctx.t(Msg::StatementQr)) ": " br; a href=(url) { (url) }
                            br; (ctx.t(Msg::StatementReport)) ": " br;
                            a class="statement-report" href={ (url) "/barrier" } { (url) "/barrier" }
                        }
                    }
                }
                (accessibility(ctx, p, Photos::AtOnce))
                p class="no-print" { (ctx.t(Msg::StatementPrint)) }
            }
        },
    )
}
