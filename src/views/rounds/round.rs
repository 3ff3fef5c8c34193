//! A round's page: its period and due date, each department's part (state, when sent,
//! late or not), who has not sent, who is late, and the compiled report's links.

use maud::{Markup, html};

use super::period;
use crate::domain::round::PartState;
use crate::domain::round::RoundView;
use crate::i18n::Msg;
use crate::views::components::notice;
use crate::views::labels::{part_state_label, round_kind_label};
use crate::views::{Ctx, layout};

/// `/rounds/{id}`; `runs` for the coordinator, who gets the compiled report's links.
pub fn round_page(ctx: &Ctx, view: &RoundView, runs: bool, opened: bool) -> Markup {
    let r = &view.round;
    let not_sent: Vec<_> = view
        .parts
        .iter()
        .filter(|l| {
            matches!(
                l.part.state,
                PartState::Pending | PartState::Draft | PartState::Returned
            )
        })
        .collect();
    let late: Vec<_> = view.parts.iter().filter(|l| l.late).collect();
    let link = |format: &str| {
        format!(
            "/api/v1/rounds/{}/report?format={format}&lang={}",
            r.id,
            ctx.lang.code()
        )
    };
    layout(
        ctx,
        &r.title,
        html! {
            h1 { (r.title) }
            @if opened { (notice(ctx.t(Msg::RoundOpened))) }
            dl class="facts" {
                dt { (ctx.t(Msg::RoundKind)) } dd { (ctx.t(round_kind_label(r.kind))) }
                dt { (ctx.t(Msg::RoundPeriod)) } dd { (period(ctx, r)) }
                dt { (ctx.t(Msg::RoundDueOn)) } dd { (ctx.day(r.due_on)) }
            }
            // The table's own region carries the name: a second landmark of it would repeat it.
            section {
                h2 id="parts" { (ctx.t(Msg::RoundParts)) }
                div class="table-scroll" role="region" aria-labelledby="parts-caption" tabindex="0" {
                    table {
                        caption id="parts-caption" class="visually-hidden" { (ctx.t(Msg::RoundParts)) }
                        thead { tr {
                            th scope="col" { (ctx.t(Msg::ReportDepartment)) }
                            th scope="col" { (ctx.t(Msg::RoundPartState)) }
                            th scope="col" { (ctx.t(Msg::RoundSubmittedAt)) }
                            th scope="col" { (ctx.t(Msg::RoundLate)) }
                        } }
                        tbody {
                            @for line in &view.parts {
                                tr {
                                    th scope="row" {
                                        a href={ "/rounds/" (r.id) "/parts/" (line.department.code) } {
                                            (line.department.name.get(ctx.lang))
                                        }
                                    }
                                    td { (ctx.t(part_state_label(line.part.state))) }
                                    td {
                                        @match line.part.submitted_at {
                                            Some(at) => (ctx.local_time(at)),
                                            None => (ctx.t(Msg::RoundNotSubmitted)),
                                        }
                                    }
                                    td { (ctx.t(if line.late { Msg::RoundLate } else { Msg::RoundOnTime })) }
                                }
                            }
                        }
                    }
                }
            }
            @if runs {
                section aria-labelledby="not-sent" {
                    h2 id="not-sent" { (ctx.t(Msg::RoundNotYetSent)) }
                    @if not_sent.is_empty() {
                        p { (ctx.t(Msg::RoundAllSent)) }
                    } @else {
                        ul { @for l in &not_sent { li { (l.department.name.get(ctx.lang)) " — " (ctx.t(part_state_label(l.part.state))) } } }
                    }
                }
                section aria-labelledby="late" {
                    h2 id="late" { (ctx.t(Msg::RoundLateList)) }
                    @if late.is_empty() {
                        p { (ctx.t(Msg::RoundNoneLate)) }
                    } @else {
                        ul { @for l in &late { li { (l.department.name.get(ctx.lang)) } } }
                    }
                }
                section aria-labelledby="compiled" {
                    h2 id="compiled" { (ctx.t(Msg::RoundCompiled)) }
                    p { (ctx.t(Msg::RoundCompiledNote)) }
                    ul {
                        li { a href=(link("html")) { (ctx.t(Msg::RoundCompiledHtml)) } }
                        li { a href=(link("docx")) { (ctx.t(Msg::RoundCompiledDocx)) } }
                        li { a href=(link("json")) { (ctx.t(Msg::RoundCompiledJson)) } }
                    }
                }
            }
        },
    )
}
