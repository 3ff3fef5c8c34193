//! The home page.

use maud::{Markup, html};

use super::{Ctx, layout};
use crate::i18n::Msg;

/// What the project is, and the way into the list of sites.
pub fn page(ctx: &Ctx, site_count: i64) -> Markup {
    let title = ctx.t(Msg::HomeTitle);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p class="lead" { (ctx.t(Msg::HomeIntro)) }
            p { (ctx.t(Msg::HomeSiteCount)) ": " strong { (site_count) } }
            p { a class="button" href="/sites" { (ctx.t(Msg::HomeBrowseSites)) } }
        },
    )
}
