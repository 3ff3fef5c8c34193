//! The outbox page: each message as a card: recipient, subject, when it was written, whether
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
                ul class="cards" {
                    @for entry in entries {
                        li class="card" data-message-id=(entry.message_id) {
                            h2 { (entry.subject) }
                            dl class="facts" {
                                dt { (ctx.t(Msg::OutboxRecipient)) } dd { (entry.recipient) }
                                dt { (ctx.t(Msg::OutboxCreated)) } dd { (when(entry.created_at)) }
                                dt { (ctx.t(Msg::OutboxState)) }
                                dd {
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
                                dt { (ctx.t(Msg::OutboxAttempts)) } dd { (entry.attempts) }
                                @if let Some(error) = &entry.last_error {
                                    dt { (ctx.t(Msg::OutboxError)) } dd { code { (error) } }
                                }
                                dt { (ctx.t(Msg::OutboxMessageId)) } dd { code { (entry.message_id) } }
                            }
                        }
                    }
                }
            }
        },
    )
}
