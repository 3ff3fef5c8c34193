//! The sign-in page.

use maud::{Markup, html};

use super::{Ctx, layout};
use crate::i18n::{Msg, field_label};

/// The sign-in form; `error` is shown above it after a failed attempt.
pub fn login_page(ctx: &Ctx, username: &str, next: &str, error: Option<&str>) -> Markup {
    let title = ctx.t(Msg::LoginTitle);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (ctx.t(Msg::LoginIntro)) }
            @if let Some(error) = error {
                p class="notice" role="alert" id="login-error" { (error) }
            }
            form method="post" action="/login" {
                input type="hidden" name="next" value=(next);
                div class="field" {
                    label for="username" { (field_label("username", ctx.lang)) }
                    input id="username" name="username" type="text" value=(username)
                        autocomplete="username" autocapitalize="none" spellcheck="false" required
                        aria-describedby=[error.map(|_| "login-error")];
                }
                div class="field" {
                    label for="password" { (field_label("password", ctx.lang)) }
                    input id="password" name="password" type="password"
                        autocomplete="current-password" required;
                }
                button type="submit" { (ctx.t(Msg::LoginButton)) }
            }
        },
    )
}
