//! A site's timeline for staff: its audits and every change of its findings, newest first,
//! then each finding with its photos before and after side by side.

use chrono::{DateTime, NaiveDate, Utc};
use maud::{Markup, html};

use super::state_line;
use crate::domain::finding::dashboard::Timeline;
use crate::i18n::Msg;
use crate::views::Ctx;
use crate::views::components::before_after;
use crate::views::labels::{audit_state_label, finding_state_label};

/// One line of the timeline.
struct Entry {
    at: DateTime<Utc>,
    line: Markup,
}

/// The timeline section of a site's page.
pub fn timeline(ctx: &Ctx, t: &Timeline, today: NaiveDate) -> Markup {
    let text_of = |finding: uuid::Uuid| {
        t.findings
            .iter()
            .find(|f| f.id == finding)
            .map(|f| f.text.get(ctx.lang).to_owned())
            .unwrap_or_default()
    };
    let mut entries: Vec<Entry> = Vec::new();
    for a in &t.audits {
        let kind = if a.follow_up.is_some() {
            Msg::TimelineFollowUp
        } else {
            Msg::TimelineAudit
        };
        entries.push(Entry {
            at: a.reviewed_at.unwrap_or(a.started_at),
            line: html! {
                a href={ "/audits/" (a.id) } { (ctx.t(kind)) } ": " (ctx.t(audit_state_label(a.state)))
                " · " (a.inspector.display_name)
            },
        });
    }
    for f in &t.findings {
        entries.push(Entry {
            at: f.created_at,
            line: html! {
                (ctx.t(Msg::FindingFound)) ": " a href={ "/findings/" (f.id) } { (f.text.get(ctx.lang)) }
            },
        });
    }
    for (finding, h) in &t.history {
        entries.push(Entry {
            at: h.at,
            line: html! {
                a href={ "/findings/" (finding) } { (text_of(*finding)) } ": "
                (ctx.t(finding_state_label(h.from))) " → " strong { (ctx.t(finding_state_label(h.to))) }
                " · " (h.by.display_name)
            },
        });
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    html! {
        section aria-labelledby="timeline" class="timeline" {
            h2 id="timeline" { (ctx.t(Msg::TimelineTitle)) }
            @if entries.is_empty() {
                p { (ctx.t(Msg::TimelineEmpty)) }
            } @else {
                ol {
                    @for e in &entries {
                        li { (ctx.local_time(e.at)) ": " (e.line) }
                    }
                }
            }
            @if !t.findings.is_empty() {
                h2 id="site-findings" { (ctx.t(Msg::TimelineFindings)) }
                ul class="site-findings" {
                    @for f in &t.findings {
                        li {
                            a href={ "/findings/" (f.id) } { (f.text.get(ctx.lang)) }
                            " · " (state_line(ctx, f, today))
                            (before_after(ctx, f))
                        }
                    }
                }
            }
        }
    }
}
