//! The error page.

use axum::http::StatusCode;
use maud::{Markup, html};

use super::{Ctx, layout};
use crate::i18n::Msg;

/// A page saying what went wrong, with a way back.
pub fn page(ctx: &Ctx, status: StatusCode, message: &str) -> Markup {
    let title = match status {
        StatusCode::NOT_FOUND => ctx.t(Msg::ErrorNotFoundTitle),
        StatusCode::UNAUTHORIZED => ctx.t(Msg::NavSignIn),
        s if s.is_client_error() => ctx.t(Msg::ErrorBadRequestTitle),
        _ => ctx.t(Msg::ErrorInternalTitle),
    };
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (message) }
            @if status == StatusCode::UNAUTHORIZED {
                p { a class="button" href="/login" { (ctx.t(Msg::NavSignIn)) } }
            }
            p { a href="/" { (ctx.t(Msg::ErrorBackHome)) } }
        },
    )
}
