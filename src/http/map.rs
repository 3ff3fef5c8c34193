//! `GET /api/v1/public/sites.geojson`: the public sites as an RFC 7946 FeatureCollection
//! (longitude first), filtered and paged, for the map and for any GIS tool.

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::State;
use axum::http::HeaderValue;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::app::{Error, map};
use crate::domain::checklist::Feature;
use crate::domain::geo::Bbox;
use crate::domain::site::level::{FeatureState, Level};
use crate::domain::site::public::{MapFilter, MapSite};
use crate::domain::site::{SiteKind, Subtype};
use crate::domain::validation::FieldErrors;
use crate::http::cache::Rendered;
use crate::http::paging::{self, PageSize, param};
use crate::http::{ApiError, ApiQuery, AppState};

/// Page sizes of the GeoJSON list: a larger `limit` is cut to `max`, and the answer says so.
pub const PAGE: PageSize = PageSize {
    default: 500,
    max: 5000,
};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/public/sites.geojson", get(sites))
        .route("/api/v1/public/clusters", get(clusters))
        .route("/api/v1/public/areas.geojson", get(areas))
        .route_layer(axum::middleware::from_fn(super::cache::public))
}

/// The query as sent; every field is checked and refused by name.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub(super) struct MapQuery {
    pub bbox: Option<String>,
    pub kind: Option<String>,
    pub level: Option<String>,
    pub feature: Option<String>,
    pub area: Option<String>,
    pub limit: Option<String>,
    pub after: Option<String>,
}

impl MapQuery {
    /// The filter with this endpoint's page sizes.
    fn filter(&self) -> Result<(MapFilter, bool), FieldErrors> {
        self.filter_paged(PAGE)
    }

    /// The filter, or every problem with the query; a `limit` above `page.max` is cut to
    /// it (the `true` says so).
    pub(super) fn filter_paged(&self, page: PageSize) -> Result<(MapFilter, bool), FieldErrors> {
        let mut errors = FieldErrors::default();
        let bbox = param(&self.bbox).and_then(|b| errors.take("bbox", b.parse::<Bbox>()));
        let kind = param(&self.kind).and_then(|k| errors.take("kind", SiteKind::parse(k)));
        let level = param(&self.level).and_then(|l| errors.take("level", Level::parse(l)));
        let feature = param(&self.feature).and_then(|f| errors.take("feature", Feature::parse(f)));
        let area = paging::cursor::<Uuid>(&mut errors, "area", param(&self.area));
        let after = paging::cursor::<Uuid>(&mut errors, "after", param(&self.after));
        let (limit, capped) = page.read_capped(&mut errors, param(&self.limit));
        errors.into_result(|| {
            (
                MapFilter {
                    bbox,
                    kind,
                    level,
                    feature,
                    area,
                    after,
                    limit,
                    nearest_to: None,
                },
                capped,
            )
        })
    }
}

/// A GeoJSON point geometry.
#[derive(Debug, Serialize)]
pub(super) struct PointJson {
    r#type: &'static str,
    /// `[longitude, latitude]` (RFC 7946 §3.1.1).
    coordinates: [f64; 2],
}

impl PointJson {
    /// The point at `at`, longitude first.
    pub(super) fn of(at: crate::domain::geo::Coordinates) -> PointJson {
        PointJson {
            r#type: "Point",
            coordinates: [at.lon(), at.lat()],
        }
    }
}

/// What the map says of a site.
#[derive(Debug, Serialize)]
struct PropertiesJson {
    id: Uuid,
    name: String,
    kind: SiteKind,
    subtype: Subtype,
    level: Level,
    /// Each feature group and how it stands (empty while the level is unknown).
    features: BTreeMap<&'static str, FeatureState>,
    /// The day (in the province) of the latest approved audit.
    last_audit: Option<chrono::NaiveDate>,
    url: String,
}

#[derive(Debug, Serialize)]
pub(super) struct FeatureJson {
    r#type: &'static str,
    id: Uuid,
    geometry: PointJson,
    properties: PropertiesJson,
}

/// The collection, with foreign members saying how it was cut and where it goes on.
#[derive(Debug, Serialize)]
struct CollectionJson {
    r#type: &'static str,
    features: Vec<FeatureJson>,
    /// How many features a page holds at most here.
    limit: u32,
    /// True when the `limit` asked for was larger than the most allowed, and was cut to it.
    limit_capped: bool,
    /// The most features one page holds.
    limit_max: u32,
    /// The next page's full URL; absent on the last.
    next: Option<String>,
}

pub(super) fn feature_of(site: &MapSite, zone: chrono_tz::Tz, base: &str) -> FeatureJson {
    FeatureJson {
        r#type: "Feature",
        id: site.id,
        geometry: PointJson::of(site.location),
        properties: PropertiesJson {
            id: site.id,
            name: site.name.clone(),
            kind: site.kind,
            subtype: site.subtype,
            level: site.level,
            features: site
                .features
                .iter()
                .map(|(f, state)| (f.as_str(), *state))
                .collect(),
            last_audit: site
                .last_audit
                .map(|at| at.with_timezone(&zone).date_naive()),
            url: format!("{base}/sites/{}", site.id),
        },
    }
}

async fn sites(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<MapQuery>,
) -> Result<Response, ApiError> {
    let (filter, capped) = query.filter().map_err(Error::Invalid)?;
    // The bytes depend on the query as sent (the `next` link repeats it), so that is the key.
    let key = serde_urlencoded::to_string(&query).map_err(|e| Error::Internal(e.into()))?;
    let at = crate::app::events::position(&state.services).await?;
    if let Some(page) = state.geojson_pages.get(&key, at) {
        return Ok(page.response());
    }
    let page = map::sites(&state.services, &filter).await?;
    let base = &state.settings.base_url;
    let next = paging::next_page(&page, filter.limit, |last| MapQuery {
        after: Some(last.id.to_string()),
        limit: Some(filter.limit.to_string()),
        ..query.clone()
    })
    .map(|q| format!("{base}/api/v1/public/sites.geojson?{q}"));
    let zone = state.services.zone;
    let body = CollectionJson {
        r#type: "FeatureCollection",
        features: page.iter().map(|s| feature_of(s, zone, base)).collect(),
        limit: filter.limit,
        limit_capped: capped,
        limit_max: PAGE.max,
        next,
    };
    let bytes = serde_json::to_vec(&body).map_err(|e| Error::Internal(e.into()))?;
    let rendered = Rendered::new(bytes, "application/geo+json")?;
    state.geojson_pages.keep(key, at, rendered.clone());
    Ok(rendered.response())
}

/// The clusters query: the map's filters, a box and a zoom.
#[derive(Debug, Default, Clone, Deserialize)]
struct ClustersQuery {
    bbox: Option<String>,
    zoom: Option<String>,
    kind: Option<String>,
    level: Option<String>,
    feature: Option<String>,
    area: Option<String>,
}

/// Highest zoom a map asks for.
const ZOOM_MAX: u8 = 22;

/// One thing a viewport shows.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClusterItemJson {
    Cluster {
        lon: f64,
        lat: f64,
        count: u32,
        /// Sites by level.
        levels: BTreeMap<&'static str, u32>,
    },
    Site {
        id: Uuid,
        name: String,
        lon: f64,
        lat: f64,
        level: Level,
        url: String,
    },
}

#[derive(Debug, Serialize)]
struct ClustersJson {
    zoom: u8,
    items: Vec<ClusterItemJson>,
}

async fn clusters(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<ClustersQuery>,
) -> Result<Response, ApiError> {
    let mut errors = FieldErrors::default();
    let bbox = match param(&query.bbox) {
        Some(b) => errors.take("bbox", b.parse::<Bbox>()),
        None => Some(state.services.region),
    };
    let zoom = match param(&query.zoom) {
        None => {
            errors.add("zoom", crate::domain::validation::Problem::Required);
            None
        }
        Some(z) => errors.take(
            "zoom",
            z.parse::<u8>().ok().filter(|z| *z <= ZOOM_MAX).ok_or(
                crate::domain::validation::Problem::OutOfRange {
                    min: 0.0,
                    max: f64::from(ZOOM_MAX),
                },
            ),
        ),
    };
    let filter = MapQuery {
        kind: query.kind.clone(),
        level: query.level.clone(),
        feature: query.feature.clone(),
        area: query.area.clone(),
        ..MapQuery::default()
    }
    .filter()
    .map_err(|e| {
        errors.0.extend(e.0);
    })
    .ok();
    let (Some(bbox), Some(zoom), Some((filter, _)), true) = (bbox, zoom, filter, errors.is_empty())
    else {
        return Err(Error::Invalid(errors).into());
    };
    let viewport = map::clusters(&state.services, &filter, bbox, zoom).await?;
    let base = &state.settings.base_url;
    let items = viewport
        .items
        .iter()
        .map(|item| match item {
            crate::domain::cluster::Item::Cluster {
                lon,
                lat,
                count,
                by_level,
            } => ClusterItemJson::Cluster {
                lon: *lon,
                lat: *lat,
                count: *count,
                levels: Level::ALL
                    .iter()
                    .zip(by_level)
                    .map(|(l, n)| (l.as_str(), *n))
                    .collect(),
            },
            crate::domain::cluster::Item::Site(p) => ClusterItemJson::Site {
                id: p.id,
                name: viewport.name(p.id).to_owned(),
                lon: p.lon,
                lat: p.lat,
                level: p.level,
                url: format!("{base}/sites/{}", p.id),
            },
        })
        .collect();
    Ok(axum::Json(ClustersJson { zoom, items }).into_response())
}

/// One shaded area.
#[derive(Debug, Serialize)]
struct AreaFeatureJson {
    r#type: &'static str,
    id: Uuid,
    geometry: geojson::Geometry,
    properties: AreaPropertiesJson,
}

#[derive(Debug, Serialize)]
struct AreaPropertiesJson {
    id: Uuid,
    code: String,
    name: String,
    level: &'static str,
    /// Findings of its sites that are open, planned, in progress or reopened.
    open_findings: u64,
    url: String,
}

#[derive(Debug, Serialize)]
struct AreasJson {
    r#type: &'static str,
    features: Vec<AreaFeatureJson>,
}

/// `GET /api/v1/public/areas.geojson`: the smallest areas in force with their open findings,
/// for the map's choropleth.
async fn areas(State(state): State<AppState>) -> Result<Response, ApiError> {
    let base = &state.settings.base_url;
    let features = map::open_findings_by_area(&state.services)
        .await?
        .into_iter()
        .map(|(area, geometry, open_findings)| AreaFeatureJson {
            r#type: "Feature",
            id: area.id,
            geometry,
            properties: AreaPropertiesJson {
                id: area.id,
                url: format!("{base}/areas/{}", area.id),
                code: area.code,
                name: area.name,
                level: area.level.as_str(),
                open_findings,
            },
        })
        .collect();
    let body = AreasJson {
        r#type: "FeatureCollection",
        features,
    };
    let bytes = serde_json::to_vec(&body).map_err(|e| Error::Internal(e.into()))?;
    Ok((
        [(
            CONTENT_TYPE,
            HeaderValue::from_static("application/geo+json"),
        )],
        bytes,
    )
        .into_response())
}
