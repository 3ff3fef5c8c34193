//! `/observing`: the audits an observer is named on, each with its site, date and state.

use maud::{Markup, html};

use crate::domain::audit::Head;
use crate::i18n::Msg;
use crate::views::labels::audit_state_label;
use crate::views::{Ctx, layout};

/// The observer's own page.
pub fn observing_page(ctx: &Ctx, audits: &[Head]) -> Markup {
    let title = ctx.t(Msg::ObservingTitle);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (ctx.t(Msg::ObservingIntro)) }
            @if audits.is_empty() {
                p { (ctx.t(Msg::ObservingNone)) }
            } @else {
                ul class="site-list" {
                    @for h in audits {
                        li {
                            a href={ "/audits/" (h.id) } { (h.site.name) }
                            span class="meta" {
                                (ctx.t(audit_state_label(h.state))) " · "
                                (ctx.t(Msg::AuditStarted)) " " (ctx.local_time(h.started_at))
                                " · " (h.department.name.get(ctx.lang))
                            }
                        }
                    }
                }
            }
        },
    )
}
