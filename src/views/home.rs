//! The home page: what the project is, and every site in a list with filters that works
//! without JavaScript (and without the map).

use maud::{Markup, html};

use super::audits::{feature_label, level_label};
use super::sites::accessibility::level_mark;
use super::{Ctx, kind_label, layout, subtype_label};
use crate::domain::checklist::Feature;
use crate::domain::site::SiteKind;
use crate::domain::site::level::{FeatureState, Level};
use crate::domain::site::public::MapSite;
use crate::i18n::Msg;

/// What the home page shows.
pub struct Home<'a> {
    /// Registered sites in all.
    pub site_count: i64,
    /// This page of the list.
    pub sites: &'a [MapSite],
    /// The filters as typed.
    pub kind: String,
    /// Level filter.
    pub level: String,
    /// Feature filter (a feature group that works).
    pub feature: String,
    /// Area filter (an area id).
    pub area: String,
    /// The areas to choose from: (id, name).
    pub areas: &'a [(String, String)],
    /// The next page's address.
    pub next: Option<String>,
    /// True past the first page.
    pub paged: bool,
}

fn choice(ctx: &Ctx, name: &str, label: Msg, chosen: &str, options: &[(String, String)]) -> Markup {
    html! {
        div class="field" {
            label for={ "home-" (name) } { (ctx.t(label)) }
            select id={ "home-" (name) } name=(name) {
                option value="" selected[chosen.is_empty()] { (ctx.t(Msg::FilterAny)) }
                @for (value, text) in options {
                    option value=(value) selected[chosen == value] { (text) }
                }
            }
        }
    }
}

/// `/`.
pub fn page(ctx: &Ctx, h: &Home<'_>) -> Markup {
    let title = ctx.t(Msg::HomeTitle);
    let kinds: Vec<(String, String)> = SiteKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), ctx.t(kind_label(*k)).to_owned()))
        .collect();
    let levels: Vec<(String, String)> = Level::ALL
        .iter()
        .map(|l| (l.as_str().to_owned(), ctx.t(level_label(*l)).to_owned()))
        .collect();
    let features: Vec<(String, String)> = Feature::ALL
        .iter()
        .map(|f| {
            (
                f.as_str().to_owned(),
                format!("{}: {}", ctx.t(feature_label(*f)), ctx.t(Msg::FeatureWorks)),
            )
        })
        .collect();
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p class="lead" { (ctx.t(Msg::HomeIntro)) }
            p { (ctx.t(Msg::HomeSiteCount)) ": " strong { (h.site_count) } }
            p class="notice" { (ctx.t(Msg::HomeNoMap)) }
            section aria-labelledby="home-list" {
                h2 id="home-list" { (ctx.t(Msg::HomeListTitle)) }
                form method="get" action="/" class="filters" aria-label=(ctx.t(Msg::HomeFilters)) {
                    (choice(ctx, "feature", Msg::HomeFeature, &h.feature, &features))
                    (choice(ctx, "level", Msg::HomeLevel, &h.level, &levels))
                    (choice(ctx, "kind", Msg::SiteKind, &h.kind, &kinds))
                    (choice(ctx, "area", Msg::SiteArea, &h.area, h.areas))
                    button type="submit" { (ctx.t(Msg::FindingsApply)) }
                }
                h3 { (ctx.t(Msg::HomeLegend)) }
                ul class="legend" {
                    @for level in Level::ALL {
                        li class={ "level-" (level.as_str()) } {
                            span aria-hidden="true" class="level-mark" { (level_mark(*level)) } " "
                            (ctx.t(level_label(*level)))
                        }
                    }
                }
                @if h.sites.is_empty() {
                    p { (ctx.t(Msg::SitesNone)) }
                } @else {
                    ul class="site-list" {
                        @for site in h.sites {
                            li {
                                a href={ "/sites/" (site.id) } { (site.name) }
                                span class="meta" {
                                    span class={ "level level-" (site.level.as_str()) } {
                                        span aria-hidden="true" class="level-mark" { (level_mark(site.level)) } " "
                                        (ctx.t(level_label(site.level)))
                                    }
                                    " · " (ctx.t(subtype_label(site.subtype)))
                                }
                                @let works: Vec<_> = site.features.iter().filter(|(_, s)| *s == FeatureState::Works).collect();
                                @if !works.is_empty() {
                                    span class="meta" {
                                        (ctx.t(Msg::FeatureWorks)) ": "
                                        @for (i, (f, _)) in works.iter().enumerate() {
                                            @if i > 0 { ", " }
                                            (ctx.t(feature_label(*f)))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if h.paged || h.next.is_some() {
                    nav class="pager" aria-label=(ctx.t(Msg::SitesPager)) {
                        @if let Some(next) = &h.next {
                            a href=(next) rel="next" { (ctx.t(Msg::SitesNextPage)) }
                        }
                        @if h.paged {
                            " " a href="/" { (ctx.t(Msg::SitesFirstPage)) }
                        }
                    }
                }
            }
            p { a class="button" href="/sites" { (ctx.t(Msg::HomeBrowseSites)) } }
        },
    )
}
