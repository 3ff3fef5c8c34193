//! A site's accessibility as anyone reads it: the level in words, each part of the place,
//! the barriers that remain and the photos of the latest approved audit.

use maud::{Markup, html};

use crate::domain::finding::FindingState;
use crate::domain::site::level::{FeatureState, Level};
use crate::domain::site::public::PublicSite;
use crate::i18n::Msg;

use crate::views::Ctx;
use crate::views::checklists::number;
use crate::views::labels::{
    feature_label, feature_state_label, level_label, level_text, severity_label, unit_label,
};

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

/// The accessibility section of the site page.
pub fn accessibility(ctx: &Ctx, p: &PublicSite) -> Markup {
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
                }
                _ => p { (ctx.t(Msg::SiteNotAudited)) },
            }
            @if let Some(s) = summary {
                h3 { (ctx.t(Msg::SiteWhatWorks)) }
                @let checked: Vec<_> = s.summary.features.iter().filter(|(_, st)| *st != FeatureState::NotChecked).collect();
                @let unchecked: Vec<_> = s.summary.features.iter().filter(|(_, st)| *st == FeatureState::NotChecked).collect();
                ul class="features" {
                    @for (feature, state) in &checked {
                        li class={ "feature-" (state.as_str()) } {
                            span aria-hidden="true" { @if *state == FeatureState::Works { "✓ " } @else { "✕ " } }
                            (ctx.t(feature_label(*feature))) ": " strong { (ctx.t(feature_state_label(*state))) }
                        }
                    }
                }
                @if !unchecked.is_empty() {
                    p class="meta" {
                        (ctx.t(Msg::FeatureNotChecked)) ": "
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
                        @for b in &p.barriers {
                            li {
                                (b.text.get(ctx.lang))
                                @if let (Some(value), Some(unit)) = (b.value, b.unit) {
                                    " (" (ctx.t(Msg::ReviewMeasured)) ": " (number(value)) " " (unit_label(unit, ctx.lang)) ")"
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
                            (m.text.get(ctx.lang)) ": " strong { (number(m.value)) " " (unit_label(m.unit, ctx.lang)) }
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
                                    img src={ (files) "/thumb" } alt=(shows)
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
