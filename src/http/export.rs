//! Open data: `GET /api/v1/public/export.geojson` and `.csv` (every public site fact, with
//! the licence and the generation time) and `GET /api/v1/exports/osm-tags.csv` (the
//! OpenStreetMap tags each audited site suggests, for the OSM community to review; never
//! pushed to OSM). Each is rendered once per state of the event log and kept.

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use serde::Serialize;
use uuid::Uuid;

use crate::app::Error;
use crate::domain::export::{ExportSite, LICENCE};
use crate::http::cache::Rendered;
use crate::http::{ApiError, AppState};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/public/export.geojson", get(geojson))
        .route("/api/v1/public/export.csv", get(csv))
        .route("/api/v1/exports/osm-tags.csv", get(osm_tags))
        .route_layer(axum::middleware::from_fn(super::cache::public))
}

/// Where the licence is read.
const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";

#[derive(Serialize)]
struct ExportJson<'a> {
    r#type: &'static str,
    licence: &'static str,
    licence_url: &'static str,
    generated_at: String,
    features: Vec<SiteJson<'a>>,
}

#[derive(Serialize)]
struct SiteJson<'a> {
    r#type: &'static str,
    id: Uuid,
    geometry: super::map::PointJson,
    properties: PropertiesJson<'a>,
}

#[derive(Serialize)]
struct PropertiesJson<'a> {
    id: Uuid,
    name: &'a str,
    kind: &'static str,
    subtype: &'static str,
    address: Option<&'a str>,
    operator: Option<&'a str>,
    area_code: Option<&'a str>,
    area_name: Option<&'a str>,
    department: &'a str,
    level: &'static str,
    features: BTreeMap<&'static str, &'static str>,
    last_audit: Option<chrono::NaiveDate>,
    barriers_standing: u64,
    url: String,
    /// The public's reports about the site that a moderator answered, by where they
    /// stand (`reports_confirmed`, ...): never those waiting, nor anything they say.
    #[serde(flatten)]
    reports: BTreeMap<&'static str, u64>,
}

/// Renders with `render`, or answers what was kept for this state of the event log.
async fn kept(
    state: &AppState,
    key: &str,
    content_type: &'static str,
    render: impl FnOnce(&[ExportSite], chrono::DateTime<chrono::Utc>) -> Result<Vec<u8>, Error>,
) -> Result<Response, ApiError> {
    let at = crate::app::events::position(&state.services).await?;
    if let Some(answer) = state.exports.get(key, at) {
        return Ok(answer.response());
    }
    let sites = crate::app::export::sites(&state.services).await?;
    let rendered = Rendered::new(render(&sites, state.services.now())?, content_type)?;
    state.exports.keep(key.to_owned(), at, rendered.clone());
    Ok(rendered.response())
}

async fn geojson(State(state): State<AppState>) -> Result<Response, ApiError> {
    let zone = state.services.zone;
    let base = state.settings.base_url.clone();
    kept(&state, "geojson", "application/geo+json", |sites, now| {
        let features = sites
            .iter()
            .map(|s| {
                let m = &s.site;
                SiteJson {
                    r#type: "Feature",
                    id: m.id,
                    geometry: super::map::PointJson::of(m.location),
                    properties: PropertiesJson {
                        id: m.id,
                        name: &m.name,
                        kind: m.kind.as_str(),
                        subtype: m.subtype.as_str(),
                        address: s.address.as_deref(),
                        operator: s.operator.as_deref(),
                        area_code: s.area.as_ref().map(|(c, _)| c.as_str()),
                        area_name: s.area.as_ref().map(|(_, n)| n.as_str()),
                        department: &s.department,
                        level: m.level.as_str(),
                        features: m
                            .features
                            .iter()
                            .map(|(f, st)| (f.as_str(), st.as_str()))
                            .collect(),
                        last_audit: m.last_audit.map(|at| at.with_timezone(&zone).date_naive()),
                        barriers_standing: s.barriers,
                        url: format!("{base}/sites/{}", m.id),
                        reports: s.reports.named().into_iter().collect(),
                    },
                }
            })
            .collect();
        let body = ExportJson {
            r#type: "FeatureCollection",
            licence: LICENCE,
            licence_url: LICENCE_URL,
            generated_at: crate::views::export::stamp(now),
            features,
        };
        serde_json::to_vec(&body).map_err(|e| Error::Internal(e.into()))
    })
    .await
}

async fn csv(State(state): State<AppState>) -> Result<Response, ApiError> {
    let zone = state.services.zone;
    let base = state.settings.base_url.clone();
    kept(&state, "csv", "text/csv; charset=utf-8", |sites, now| {
        Ok(crate::views::export::sites_csv(sites, zone, &base, now))
    })
    .await
}

async fn osm_tags(State(state): State<AppState>) -> Result<Response, ApiError> {
    let zone = state.services.zone;
    let base = state.settings.base_url.clone();
    kept(&state, "osm-tags", "text/csv; charset=utf-8", |sites, _| {
        Ok(crate::views::export::osm_tags_csv(sites, zone, &base))
    })
    .await
}
