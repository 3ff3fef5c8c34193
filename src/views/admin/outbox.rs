//! The outbox page: each message's recipient, subject, when it was written, and whether
//! it was sent, waits, failed and when it is tried again, or was refused for good, with
//! the last error (the mail server's answer).

use chrono_tz::Tz;
use maud::{Markup, html};

use crate::domain::mail::{OutboxEntry, OutboxState};
use crate::i18n::Msg;
use crate::i18n::dates::date_time;
use crate::views::Ctx;
use crate::views::layout::layout;

/// The page; `server` says whether a mail server is set.
pub fn page(ctx: &Ctx, entries: &[OutboxEntry], server: bool, zone: Tz) -> Markup {
    let title = ctx.t(Msg::OutboxTitle);
    let when = |at: chrono::DateTime<chrono::Utc>| {
        date_time(at.with_timezone(&zone).naive_local(), ctx.lang)
    };
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (ctx.t(Msg::OutboxIntro)) }
            @if !server {
                p class="notice" role="status" { (ctx.t(Msg::OutboxNoServer)) }
            }
            @if entries.is_empty() {
                p { (ctx.t(Msg::OutboxEmpty)) }
            } @else {
                div class="table-scroll" tabindex="0" role="region" aria-label=(title) {
                    table {
                        thead {
                            tr {
                                th scope="col" { (ctx.t(Msg::OutboxRecipient)) }
                                th scope="col" { (ctx.t(Msg::OutboxSubject)) }
                                th scope="col" { (ctx.t(Msg::OutboxCreated)) }
                                th scope="col" { (ctx.t(Msg::OutboxState)) }
                                th scope="col" { (ctx.t(Msg::OutboxAttempts)) }
                                th scope="col" { (ctx.t(Msg::OutboxError)) }
                            }
                        }
                        tbody {
                            @for entry in entries {
                                tr data-message-id=(entry.message_id) {
                                    td { (entry.recipient) }
                                    td { (entry.subject) }
                                    td { (when(entry.created_at)) }
                                    td {
                                        @match entry.state() {
                                            OutboxState::Sent => {
                                                (ctx.t(Msg::OutboxSent)) " " (entry.sent_at.map(when).unwrap_or_default())
                                            }
                                            OutboxState::Waiting => (ctx.t(Msg::OutboxWaiting)),
                                            OutboxState::Retrying => (ctx.t(Msg::OutboxRetrying).replace("{at}", &when(entry.next_attempt_at))),
                                            OutboxState::Failed => {
                                                strong { (ctx.t(Msg::OutboxFailed)) } " " (entry.failed_at.map(when).unwrap_or_default())
                                            }
                                        }
                                    }
                                    td { (entry.attempts) }
                                    td { (entry.last_error.as_deref().unwrap_or("")) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
