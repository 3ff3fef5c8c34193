//! The home page: what the project is, and every site in a list with filters that works
//! without JavaScript (and without the map).

use maud::{Markup, html};

use super::sites::accessibility::level_mark;
use super::{Ctx, layout};
use crate::domain::checklist::Feature;
use crate::domain::site::SiteKind;
use crate::domain::site::level::{FeatureState, Level};
use crate::domain::site::public::MapSite;
use crate::i18n::Msg;
use crate::views::labels::{feature_label, kind_label, level_label, subtype_label};

/// The interactive map's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapSettings {
    /// Tile address with `{z}`, `{x}` and `{y}`.
    pub tiles_url: String,
    /// The tiles' credit (HTML).
    pub tiles_attribution: String,
}

/// How many sites the filters match, counted up to a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Matching {
    /// The count, at most the limit.
    pub count: u64,
    /// True when more than `count` match.
    pub more: bool,
}

/// What the home page shows.
pub struct Home<'a> {
    /// Registered sites in all.
    pub site_count: i64,
    /// With a filter: how many sites it matches.
    pub matching: Option<Matching>,
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
    /// The position the list is sorted by (`LAT,LON` as sent), empty when none.
    pub near: String,
    /// With `near`: each listed site's distance in metres, in list order.
    pub distances: Option<Vec<f64>>,
    /// The interactive map, when this server has it.
    pub map: Option<MapView<'a>>,
}

/// What the interactive map needs from the page.
pub struct MapView<'a> {
    /// Tiles and their credit.
    pub settings: &'a MapSettings,
    /// The list's filters as a query string, for the map's requests.
    pub filters: String,
    /// The province's box, the map's first view.
    pub region: crate::domain::geo::Bbox,
}

/// The texts the map script shows, in the page's language.
fn map_labels(ctx: &Ctx) -> String {
    let each = |text: &dyn Fn(Level) -> String| -> serde_json::Map<String, serde_json::Value> {
        Level::ALL
            .iter()
            .map(|l| (l.as_str().to_owned(), text(*l).into()))
            .collect()
    };
    serde_json::json!({
        "levels": each(&|l| ctx.t(level_label(l)).to_owned()),
        "marks": each(&|l| level_mark(l).to_owned()),
        "cluster": ctx.t(Msg::MapCluster),
        "showing": ctx.t(Msg::MapShowing),
        "tilesFailed": ctx.t(Msg::MapTilesFailed),
        "loadFailed": ctx.t(Msg::MapLoadFailed),
        "openFindings": ctx.t(Msg::MapOpenFindings),
        "openSite": ctx.t(Msg::MapOpenSite),
        "openArea": ctx.t(Msg::MapOpenArea),
        "areaFindings": ctx.t(Msg::MapAreaFindings),
        "reportHere": ctx.t(Msg::MapReportHere),
    })
    .to_string()
}

/// The map, after the list: its text alternative, the map itself and a status line the
/// script keeps up to date (read out by screen readers). The panel is hidden until the
/// script shows it, so a browser without JavaScript shows no empty box; on a phone the
/// script folds it under its heading, to be opened when wanted.
fn map(ctx: &Ctx, m: &MapView<'_>) -> Markup {
    let r = m.region;
    html! {
        div id="map-panel" class="map-panel" hidden {
            details id="map-fold" open {
                summary { h2 id="map-title" { (ctx.t(Msg::HomeMapTitle)) } }
                p id="map-alt" { (ctx.t(Msg::HomeMapAlt)) }
                div id="map" class="map" role="region" aria-labelledby="map-title"
                aria-describedby="map-alt"
                data-tiles=(m.settings.tiles_url)
                data-attribution=(m.settings.tiles_attribution)
                data-filters=(m.filters)
                data-region={ (r.min_lon) "," (r.min_lat) "," (r.max_lon) "," (r.max_lat) }
                data-labels=(map_labels(ctx)) {}
                p id="map-status" class="map-status" role="status" {}
            }
        }
        link rel="stylesheet" href=(super::assets::LEAFLET_CSS.href());
        script src=(super::assets::LEAFLET_JS.href()) defer {}
        script src=(super::assets::MAP_JS.href()) defer {}
    }
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
    let area_name = h
        .areas
        .iter()
        .find(|(id, _)| *id == h.area)
        .map(|(_, name)| name.as_str());
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p class="lead" { (ctx.t(Msg::HomeIntro)) }
            @if h.map.is_none() {
                p class="notice" { (ctx.t(Msg::HomeNoMap)) }
            }
            form id="home-filters" method="get" action="/#home-list" class="filters" aria-label=(ctx.t(Msg::HomeFilters)) {
                (choice(ctx, "feature", Msg::HomeFeature, &h.feature, &features))
                (choice(ctx, "level", Msg::HomeLevel, &h.level, &levels))
                (choice(ctx, "kind", Msg::SiteKind, &h.kind, &kinds))
                (choice(ctx, "area", Msg::SiteArea, &h.area, h.areas))
                input type="hidden" name="near" value=(h.near);
                button type="submit" { (ctx.t(Msg::FindingsApply)) }
                (super::components::near_me(ctx))
            }
            div class=[h.map.as_ref().map(|_| "home-with-map")] {
                section class="home-list" aria-labelledby="home-list" {
                    h2 id="home-list" tabindex="-1" { (ctx.t(Msg::HomeListTitle)) }
                    p class="home-count" {
                        strong { (count_line(ctx, h)) }
                        @if h.matching.is_some() {
                            " · " a href=(clear_filters(h)) { (ctx.t(Msg::HomeClearFilters)) }
                        }
                        @if let Some(name) = area_name {
                            " · " a href={ "/areas/" (h.area) } { (ctx.t(Msg::HomeAreaPage)) " " (name) }
                        }
                    }
                    @if h.distances.is_some() {
                        p {
                            (ctx.t(Msg::HomeNearest)) ". "
                            a href=(clear_near(h)) { (ctx.t(Msg::HomeNearClear)) }
                        }
                    }
                    @if h.sites.is_empty() {
                        p { (ctx.t(Msg::SitesNone)) }
                    } @else {
                        ul class="site-list" {
                            @for (n, site) in h.sites.iter().enumerate() {
                                li {
                                    a href={ "/sites/" (site.id) } { (site.name) }
                                    span class="meta" {
                                        span class={ "level level-" (site.level.as_str()) } {
                                            span aria-hidden="true" class="level-mark" { (level_mark(site.level)) } " "
                                            (ctx.t(level_label(site.level)))
                                        }
                                        " · " (ctx.t(subtype_label(site.subtype)))
                                        @if let Some(d) = h.distances.as_ref().and_then(|d| d.get(n)) {
                                            " · " (super::components::distance(*d, ctx.lang))
                                        }
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
                    h3 { (ctx.t(Msg::HomeLegend)) }
                    ul class="legend" {
                        @for level in Level::ALL {
                            li class={ "level-" (level.as_str()) } {
                                span aria-hidden="true" class="level-mark" { (level_mark(*level)) } " "
                                (ctx.t(level_label(*level)))
                            }
                        }
                    }
                }
                @if let Some(m) = &h.map {
                    div class="home-map" { (map(ctx, m)) }
                }
            }
            p { a class="button" href="/sites" { (ctx.t(Msg::HomeBrowseSites)) } }
            (report_at_position(ctx))
        },
    )
}

/// A barrier at a place in no registry: its position, typed or from the map's popup.
fn report_at_position(ctx: &Ctx) -> Markup {
    html! {
        section class="report-position" aria-labelledby="report-position" {
            h2 id="report-position" { (ctx.t(Msg::HomeReportTitle)) }
            p { (ctx.t(Msg::HomeReportIntro)) }
            form method="get" action="/barriers/new" {
                div class="field" {
                    label for="report-lat" { (ctx.t(Msg::SiteLat)) }
                    input id="report-lat" name="lat" type="text" inputmode="decimal" required;
                }
                div class="field" {
                    label for="report-lon" { (ctx.t(Msg::SiteLon)) }
                    input id="report-lon" name="lon" type="text" inputmode="decimal" required;
                }
                button type="submit" { (ctx.t(Msg::HomeReportGo)) }
            }
        }
    }
}

/// How many sites the list holds: all registered, or those the filters match.
fn count_line(ctx: &Ctx, h: &Home<'_>) -> String {
    let (message, n) = match &h.matching {
        None => (Msg::HomeCountAll, u64::try_from(h.site_count).unwrap_or(0)),
        Some(Matching { count, more: false }) => (Msg::HomeCountMatching, *count),
        Some(Matching { count, more: true }) => (Msg::HomeCountMore, *count),
    };
    ctx.t(message).replace("{n}", &n.to_string())
}

/// The home page's list with no filter, at the list.
fn clear_filters(h: &Home<'_>) -> String {
    match h.near.is_empty() {
        true => "/#home-list".to_owned(),
        false => match serde_urlencoded::to_string([("near", h.near.as_str())]) {
            Ok(q) => format!("/?{q}#home-list"),
            Err(_) => "/#home-list".to_owned(),
        },
    }
}

/// The page's address with the same filters and no position.
fn clear_near(h: &Home<'_>) -> String {
    let query: Vec<(&str, &str)> = [
        ("feature", h.feature.as_str()),
        ("level", h.level.as_str()),
        ("kind", h.kind.as_str()),
        ("area", h.area.as_str()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    match serde_urlencoded::to_string(&query) {
        Ok(q) if !q.is_empty() => format!("/?{q}#home-list"),
        _ => "/#home-list".to_owned(),
    }
}
