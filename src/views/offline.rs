//! The page the service worker shows for a page this phone does not hold (`/offline`).

use maud::{Markup, html};

use super::{Ctx, layout};
use crate::i18n::Msg;

/// `/offline`: the page the service worker shows for a page this phone does not hold.
pub fn offline_page(ctx: &Ctx) -> Markup {
    let title = ctx.t(Msg::OfflinePageTitle);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (ctx.t(Msg::OfflinePageText)) }
            p { a href="/audits" { (ctx.t(Msg::OfflinePageBack)) } }
        },
    )
}
