//! The event log page.

use maud::{Markup, html};

use super::{Ctx, layout};
use crate::domain::event::{Day, Event};
use crate::i18n::Msg;

/// The filter form's current values.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Actor name.
    pub actor: String,
    /// Action.
    pub action: String,
    /// Entity type.
    pub entity_type: String,
    /// From date.
    pub from: String,
    /// To date.
    pub to: String,
}

/// Newest changes first, with a filter form and a link to older ones.
pub fn page(
    ctx: &Ctx,
    filters: &Filters,
    events: &[Event],
    days: &[Day],
    older: Option<&str>,
) -> Markup {
    let title = ctx.t(Msg::EventsTitle);
    let field = |name: &str, label: Msg, value: &str, kind: &str| {
        html! {
            div class="field" {
                label for=(name) { (ctx.t(label)) }
                input id=(name) name=(name) type=(kind) value=(value);
            }
        }
    };
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (ctx.t(Msg::EventsIntro)) }
            form class="search" method="get" action="/events" aria-label=(ctx.t(Msg::EventsFilter)) {
                (field("actor", Msg::EventsActor, &filters.actor, "text"))
                (field("action", Msg::EventsAction, &filters.action, "text"))
                (field("entity_type", Msg::EventsEntity, &filters.entity_type, "text"))
                (field("from", Msg::EventsFrom, &filters.from, "date"))
                (field("to", Msg::EventsTo, &filters.to, "date"))
                button type="submit" { (ctx.t(Msg::EventsFilter)) }
            }
            @if !days.is_empty() {
                table class="days" {
                    caption { (ctx.t(Msg::EventsPerDay)) }
                    thead { tr {
                        th scope="col" { (ctx.t(Msg::EventsDay)) }
                        th scope="col" { (ctx.t(Msg::EventsChanges)) }
                        th scope="col" { (ctx.t(Msg::EventsEdits)) }
                    } }
                    tbody {
                        @for d in days {
                            tr { th scope="row" { time datetime=(d.day) { (d.day) } } td { (d.changes) } td { (d.edits) } }
                        }
                    }
                }
            }
            @if events.is_empty() {
                p { (ctx.t(Msg::EventsNone)) }
            } @else {
                ol class="items events" {
                    @for e in events {
                        li {
                            p class="item-text" {
                                code { (e.action) } " · " (e.entity_type) " " code { (e.entity_id) }
                            }
                            p class="meta" {
                                (ctx.t(Msg::EventsWhen)) ": "
                                time datetime=(e.at.to_rfc3339()) { (ctx.local_time(e.at)) }
                                " · " (ctx.t(Msg::EventsActor)) ": " (e.actor)
                                " · #" (e.seq)
                            }
                            @if let Some(after) = &e.after {
                                details {
                                    summary { (ctx.t(Msg::EventsEntity)) }
                                    @if let Some(before) = &e.before { pre { "− " (before) } }
                                    pre { "+ " (after) }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(older) = older {
                nav class="pager" aria-label=(ctx.t(Msg::SitesPager)) {
                    a href=(older) rel="next" { (ctx.t(Msg::EventsOlder)) }
                }
            }
        },
    )
}
