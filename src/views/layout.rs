//! The page frame: skip link, header with navigation and language switch, main, footer.

use maud::{DOCTYPE, Markup, html};

use super::Ctx;
use crate::domain::lang::Lang;
use crate::domain::permission::{Action, Scope};
use crate::i18n::Msg;
use crate::views::labels::role_label;

const NAV: [(&str, Msg); 3] = [
    ("/", Msg::NavHome),
    ("/sites", Msg::NavSites),
    ("/checklists", Msg::NavChecklists),
];

/// Wraps a page's content; `title` is the page's own heading.
pub fn layout(ctx: &Ctx, title: &str, content: Markup) -> Markup {
    let other = match ctx.lang {
        Lang::Vi => Lang::En,
        Lang::En => Lang::Vi,
    };
    html! {
        (DOCTYPE)
        html lang=(ctx.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (ctx.t(Msg::AppName)) }
                link rel="stylesheet" href=(super::assets::APP_CSS.href());
                script src=(super::assets::NEAR_JS.href()) defer {}
                (super::field::head_links())
                (super::field::field_script(ctx))
            }
            body {
                a class="skip-link" href="#main" { (ctx.t(Msg::SkipToContent)) }
                header class="site-header" {
                    a class="brand" href="/" { (ctx.t(Msg::AppName)) }
                    nav aria-label=(ctx.t(Msg::NavMain)) {
                        ul {
                            @for (href, label) in NAV {
                                @let current = ctx.path == href
                                    || (href != "/" && ctx.path.starts_with(href));
                                li {
                                    a href=(href) aria-current=[current.then_some("page")] {
                                        (ctx.t(label))
                                    }
                                }
                            }
                            @if ctx.can_for_own_department(Action::StartAudit) {
                                li {
                                    a href="/audits" aria-current=[ctx.path.starts_with("/audits").then_some("page")] {
                                        (ctx.t(Msg::NavAudits))
                                    }
                                }
                            }
                            @if let Some(me) = ctx.user.as_ref().and_then(|u| u.actor.user_id()) {
                                @if ctx.can(Action::RemarkOnAudit, Scope::NamedOn(me)) {
                                    li {
                                        a href="/observing" aria-current=[ctx.path.starts_with("/observing").then_some("page")] {
                                            (ctx.t(Msg::ObservingTitle))
                                        }
                                    }
                                }
                            }
                            @if ctx.can(Action::ReadFindings, Scope::Everywhere) || ctx.can_for_own_department(Action::ReadFindings) {
                                li {
                                    a href="/findings" aria-current=[ctx.path.starts_with("/findings").then_some("page")] {
                                        (ctx.t(Msg::NavFindings))
                                    }
                                }
                            }
                            @if ctx.can(Action::ModerateBarrierReports, Scope::Everywhere) || ctx.can_for_own_department(Action::ModerateBarrierReports) {
                                li {
                                    a href="/moderation/barriers" aria-current=[ctx.path.starts_with("/moderation/barriers").then_some("page")] {
                                        (ctx.t(Msg::BarrierQueueTitle))
                                    }
                                }
                            }
                            @if ctx.can(Action::ReadReports, Scope::Everywhere) || ctx.can_for_own_department(Action::ReadReports) {
                                li {
                                    a href="/reports" aria-current=[ctx.path.starts_with("/reports").then_some("page")] {
                                        (ctx.t(Msg::ReportNav))
                                    }
                                }
                            }
                            @if ctx.can(Action::RunRounds, Scope::Everywhere) || ctx.can_for_own_department(Action::WriteRoundParts) {
                                li {
                                    a href="/rounds" aria-current=[ctx.path.starts_with("/rounds").then_some("page")] {
                                        (ctx.t(Msg::RoundNav))
                                    }
                                }
                            }
                            @if ctx.can(Action::ManageUsers, Scope::Everywhere) {
                                li {
                                    a href="/admin/people" aria-current=[ctx.path.starts_with("/admin/people").then_some("page")] {
                                        (ctx.t(Msg::NavPeople))
                                    }
                                }
                                li {
                                    a href="/admin/outbox" aria-current=[ctx.path.starts_with("/admin/outbox").then_some("page")] {
                                        (ctx.t(Msg::OutboxTitle))
                                    }
                                }
                            }
                            @if ctx.can(Action::ManageDepartments, Scope::Everywhere) {
                                li {
                                    a href="/admin/departments" aria-current=[ctx.path.starts_with("/admin/departments").then_some("page")] {
                                        (ctx.t(Msg::NavDepartments))
                                    }
                                }
                            }
                        }
                    }
                    div class="account" {
                        @if let Some(user) = &ctx.user {
                            @if ctx.can(Action::ReadEvents, Scope::Everywhere) {
                                a href="/events" { (ctx.t(Msg::NavEvents)) }
                            }
                            span class="who" {
                                span class="visually-hidden" { (ctx.t(Msg::SignedInAs)) " " }
                                (user.display_name) " (" (ctx.t(role_label(user.role))) ")"
                            }
                            a href="/account" aria-current=[ctx.path.starts_with("/account").then_some("page")] {
                                (ctx.t(Msg::NavAccount))
                            }
                            form method="post" action="/logout" class="inline" {
                                button type="submit" class="link" { (ctx.t(Msg::NavSignOut)) }
                            }
                        } @else {
                            @let back = if ctx.path.starts_with("/login") { "/" } else { ctx.path.as_str() };
                            a href={ "/login?next=" (back) } { (ctx.t(Msg::NavSignIn)) }
                        }
                        a class="lang-switch" href=(ctx.switch_href(other)) lang=(other.code())
                            hreflang=(other.code()) {
                            (ctx.t(Msg::OtherLanguage))
                        }
                    }
                }
                main id="main" tabindex="-1" {
                    (super::field::field_panel(ctx))
                    (content)
                }
                footer class="site-footer" {
                    p { (ctx.t(Msg::FooterText)) }
                }
            }
        }
    }
}
