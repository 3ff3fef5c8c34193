//! A site's accessibility as anyone reads it: the level in words, each part of the place,
//! the barriers that remain and the photos of the latest approved audit.

use maud::{Markup, html};

use crate::domain::checklist::Answer;
use crate::domain::finding::FindingState;
use crate::domain::site::level::{FeatureState, Level};
use crate::domain::site::public::{PublicBarrier, PublicSite};
use crate::i18n::Msg;

use crate::views::Ctx;
use crate::views::checklists::requirement;
use crate::views::labels::{
    feature_label, feature_state_label, level_label, level_text, severity_label,
};
use crate::views::values::measured;

/// A shape for each level, so that it never rests on colour alone.
pub fn level_mark(level: Level) -> &'static str {
    match level {
        Level::Accessible => "●",
        Level::Partly => "◐",
        Level::NotAccessible => "✕",
        Level::Unknown => "?",
    }
}

/// Where a barrier's fix stands, in plain words for the public.
fn public_state_text(state: FindingState) -> Msg {
    match state {
        FindingState::Open | FindingState::Reopened => Msg::BarrierNotYetPlanned,
        FindingState::Planned => Msg::BarrierPlanned,
        FindingState::InProgress => Msg::BarrierInProgress,
        FindingState::Fixed => Msg::BarrierFixedAwaitingCheck,
        FindingState::WontFix => Msg::BarrierWontFix,
        FindingState::Verified => Msg::FindingStateVerified,
    }
}

/// What was found of a barrier, beside the rule it misses: `850 mm, cần ≥ 900 mm`, or
/// for a count `1 / 60 tổng số chỗ đỗ ô tô, cần 2`.
fn found(ctx: &Ctx, barrier: &PublicBarrier) -> Option<String> {
    let b = &barrier.finding;
    let answer = barrier.item.as_ref().map(|i| &i.answer);
    let needs = ctx.t(Msg::BarrierNeeds);
    match (b.value, b.unit, answer, b.provided, b.total) {
        (Some(value), Some(unit), Some(rule @ Answer::Measure { .. }), ..) => Some(format!(
            "{}, {needs} {}",
            measured(value, unit, ctx.lang),
            requirement(ctx, rule)
        )),
        (Some(value), Some(unit), ..) => Some(measured(value, unit, ctx.lang)),
        (_, _, Some(Answer::Count(count)), Some(provided), Some(total)) => Some(format!(
            "{provided} / {total} {}, {needs} {}",
            count.total.get(ctx.lang),
            count.requirement.required(total)
        )),
        _ => None,
    }
}

/// `text` with its first letter in capitals, to open a sentence with a label.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// When the photos of the accessibility section are fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Photos {
    /// As the reader scrolls to them, on the site page: on a weak link the words come
    /// first.
    WhenSeen,
    /// With the page, on the statement: a printed page has no scrolling.
    AtOnce,
}

/// The accessibility section of the site page and the statement.
pub fn accessibility(ctx: &Ctx, p: &PublicSite, photos: Photos) -> Markup {
    let lazy = (photos == Photos::WhenSeen).then_some("lazy");
    let summary = p.summary.as_ref();
    let level = summary.map_or(Level::Unknown, |s| s.summary.level);
    let zone = ctx.zone;
    html! {
        section aria-labelledby="accessibility" class="accessibility" {
            h2 id="accessibility" { (ctx.t(Msg::SiteAccessibility)) }
            p class={ "level level-" (level.as_str()) } {
                span aria-hidden="true" class="level-mark" { (level_mark(level)) } " "
                strong { (ctx.t(level_label(level))) }
            }
            @match (summary, level_text(level)) {
                (Some(s), Some(text)) => {
                    p { (ctx.t(text)) }
                    p class="meta" {
                        (ctx.t(Msg::SiteLastAudit)) ": "
                        @let day = p.last_full_audit.unwrap_or(s.approved_at).with_timezone(&zone).date_naive();
                        time datetime=(day) { (day.format("%d/%m/%Y")) }
                    }
                    @if !p.organisations.is_empty() {
                        p class="meta participation" {
                            (ctx.t(Msg::SiteParticipation)) ": " (p.organisations.join("; ")) "."
                        }
                    }
                }
                _ => p { (ctx.t(Msg::SiteNotAudited)) },
            }
            @if summary.is_some() {
                h3 { (ctx.t(Msg::SiteWhatWorks)) }
                @let states = &p.features.states;
                @let none_here = &p.features.none_here;
                @let checked: Vec<_> = states.iter().filter(|(_, st)| *st != FeatureState::NotChecked).collect();
                @let unchecked: Vec<_> = states.iter().filter(|(f, st)| *st == FeatureState::NotChecked && !none_here.contains(f)).collect();
                ul class="features" {
                    @for (feature, state) in &checked {
                        li class={ "feature-" (state.as_str()) } {
                            span aria-hidden="true" { @if *state == FeatureState::Works { "✓ " } @else { "✕ " } }
                            (ctx.t(feature_label(*feature))) ": " strong { (ctx.t(feature_state_label(*state))) }
                        }
                    }
                }
                @if !none_here.is_empty() {
                    p class="meta" {
                        (capitalised(ctx.t(Msg::FeatureNoneHere))) ": "
                        @for (i, feature) in none_here.iter().enumerate() {
                            @if i > 0 { ", " }
                            (ctx.t(feature_label(*feature)))
                        }
                    }
                }
                @if !unchecked.is_empty() {
                    p class="meta" {
                        (capitalised(ctx.t(Msg::FeatureNotChecked))) ": "
                        @for (i, (feature, _)) in unchecked.iter().enumerate() {
                            @if i > 0 { ", " }
                            (ctx.t(feature_label(*feature)))
                        }
                    }
                }
                h3 { (ctx.t(Msg::SiteBarriers)) }
                @if p.barriers.is_empty() {
                    p { (ctx.t(Msg::SiteNoBarriers)) }
                } @else {
                    ul class="barriers" {
                        @for barrier in &p.barriers {
                            @let b = &barrier.finding;
                            @let (wording, worded) = barrier.wording();
                            li {
                                @if !worded { (ctx.t(Msg::BarrierNotMet)) " " }
                                (wording.get(ctx.lang))
                                @if let Some(found) = found(ctx, barrier) {
                                    ": " (found)
                                }
                                span class="meta" { (ctx.t(feature_label(b.feature))) " · " (ctx.t(severity_label(b.severity))) }
                                br;
                                span class="barrier-state" {
                                    (ctx.t(public_state_text(b.state)))
                                    @if let (Some(due), FindingState::Planned | FindingState::InProgress) = (b.due_date, b.state) {
                                        " " (ctx.t(Msg::BarrierPlannedFor)) " " (crate::views::findings::day(due))
                                    }
                                    @if b.overdue(p.today) {
                                        " (" (ctx.t(Msg::FindingOverdue)) ")"
                                    }
                                    @if let (Some(reason), FindingState::WontFix) = (&b.reason, b.state) {
                                        ": " (reason)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !p.measured.is_empty() {
                h3 { (ctx.t(Msg::SiteMeasured)) }
                ul class="measured" {
                    @for m in &p.measured {
                        li {
                            (m.text.get(ctx.lang)) ": " strong { (measured(m.value, m.unit, ctx.lang)) }
                            " (" (ctx.t(if m.passes { Msg::SiteMeasuredPasses } else { Msg::SiteMeasuredFails })) ")"
                        }
                    }
                }
            }
            @if !p.photos.is_empty() {
                h3 { (ctx.t(Msg::SitePhotos)) }
                ul class="photos" {
                    @for photo in &p.photos {
                        @let files = format!("/api/v1/public/photos/{}", photo.photo.id);
                        @let shows = photo.shows.as_ref().map(|s| s.get(ctx.lang)).unwrap_or(ctx.t(Msg::AnswerPhoto));
                        li {
                            figure {
                                a href={ (files) "/display" } {
                                    img src={ (files) "/thumb" } alt=(shows) loading=[lazy]
                                        width=(photo.photo.thumb.width) height=(photo.photo.thumb.height);
                                }
                                figcaption { (shows) }
                            }
                        }
                    }
                }
            }
        }
    }
}
