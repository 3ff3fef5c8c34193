//! OGC API - Features (Part 1: Core, GeoJSON) under `/ogc`, so that QGIS and GDAL read the
//! public sites and areas directly: landing page, conformance, collections, their items
//! (bbox, limit, next links) and single items. JSON only (`f=json` or none).

use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

use super::map::{PAGE, feature_of};
use crate::app::{Error, map};
use crate::domain::geo::Bbox;
use crate::domain::site::public::MapFilter;
use crate::domain::validation::{FieldErrors, Problem};
use crate::http::paging::{self, param};
use crate::http::{ApiError, ApiQuery, AppState, PathId};

/// The coordinate reference system of every geometry here (longitude, latitude).
const CRS84: &str = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/ogc", get(landing))
        .route("/ogc/", get(landing))
        .route("/ogc/conformance", get(conformance))
        .route("/ogc/api", get(api))
        .route("/ogc/collections", get(collections))
        .route("/ogc/collections/{id}", get(collection))
        .route("/ogc/collections/{id}/items", get(items))
        .route("/ogc/collections/{id}/items/{item}", get(item))
        .route_layer(axum::middleware::from_fn(super::cache::public))
}

/// `?f=`: only JSON is served.
#[derive(Debug, Default, Deserialize)]
struct Format {
    f: Option<String>,
}

fn check_format(f: &Option<String>) -> Result<(), Error> {
    match param(f) {
        None | Some("json") => Ok(()),
        Some(other) => Err(Error::field(
            "f",
            Problem::NotOneOf {
                given: other.to_owned(),
                allowed: vec!["json".into()],
            },
        )),
    }
}

fn answer(media: &'static str, body: &Value) -> Response {
    (
        [(CONTENT_TYPE, HeaderValue::from_static(media))],
        body.to_string(),
    )
        .into_response()
}

fn link(href: String, rel: &str, media: &str, title: &str) -> Value {
    json!({ "href": href, "rel": rel, "type": media, "title": title })
}

async fn landing(
    State(state): State<AppState>,
    ApiQuery(f): ApiQuery<Format>,
) -> Result<Response, ApiError> {
    check_format(&f.f)?;
    let base = &state.settings.base_url;
    Ok(answer(
        "application/json",
        &json!({
            "title": "tiếp cận: accessibility of public places",
            "description": "Public sites with their accessibility level, and administrative areas.",
            "links": [
                link(format!("{base}/ogc"), "self", "application/json", "This document"),
                link(format!("{base}/ogc/api"), "service-desc", "application/vnd.oai.openapi+json;version=3.0", "The API definition"),
                link(format!("{base}/ogc/conformance"), "conformance", "application/json", "Conformance"),
                link(format!("{base}/ogc/collections"), "data", "application/json", "Collections"),
            ],
        }),
    ))
}

/// The API definition (OpenAPI 3.0): the paths, and the paging parameters with their limits,
/// so that clients choose a page size the server accepts.
async fn api(
    State(state): State<AppState>,
    ApiQuery(f): ApiQuery<Format>,
) -> Result<Response, ApiError> {
    check_format(&f.f)?;
    let base = &state.settings.base_url;
    let limit = json!({
        "name": "limit", "in": "query", "required": false, "style": "form", "explode": false,
        "schema": { "type": "integer", "minimum": 1, "maximum": PAGE.max, "default": PAGE.default },
    });
    let bbox = json!({
        "name": "bbox", "in": "query", "required": false, "style": "form", "explode": false,
        "schema": { "type": "array", "minItems": 4, "maxItems": 4, "items": { "type": "number" } },
    });
    let json_ok = |what: &str, media: &str| {
        json!({
            "200": { "description": what, "content": { media: {} } },
        })
    };
    let collection_id = json!({ "name": "collectionId", "in": "path", "required": true,
        "schema": { "type": "string", "enum": ["sites", "areas"] } });
    let feature_id = json!({ "name": "featureId", "in": "path", "required": true,
        "schema": { "type": "string", "format": "uuid" } });
    Ok(answer(
        "application/vnd.oai.openapi+json;version=3.0",
        &json!({
            "openapi": "3.0.2",
            "info": { "title": "tiếp cận OGC API - Features", "version": "1.0.0" },
            "servers": [{ "url": format!("{base}/ogc") }],
            "paths": {
                "/": { "get": { "responses": json_ok("The landing page", "application/json") } },
                "/conformance": { "get": { "responses": json_ok("Conformance classes", "application/json") } },
                "/collections": { "get": { "responses": json_ok("The collections", "application/json") } },
                "/collections/{collectionId}": { "get": {
                    "parameters": [collection_id.clone()],
                    "responses": json_ok("A collection", "application/json") } },
                "/collections/{collectionId}/items": { "get": {
                    "parameters": [collection_id.clone(), limit, bbox],
                    "responses": json_ok("A page of features", "application/geo+json") } },
                "/collections/{collectionId}/items/{featureId}": { "get": {
                    "parameters": [collection_id, feature_id],
                    "responses": json_ok("A feature", "application/geo+json") } },
            },
        }),
    ))
}

async fn conformance(ApiQuery(f): ApiQuery<Format>) -> Result<Response, ApiError> {
    check_format(&f.f)?;
    Ok(answer(
        "application/json",
        &json!({
            "conformsTo": [
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            ],
        }),
    ))
}

/// The collections: their ids, titles and the region they lie in.
fn describe(id: &str, base: &str, region: Bbox) -> Option<Value> {
    let (title, description) = match id {
        "sites" => (
            "Sites",
            "Public buildings, transport stops and cultural sites, with their accessibility level and what works.",
        ),
        "areas" => ("Areas", "Administrative areas with their boundaries."),
        _ => return None,
    };
    Some(json!({
        "id": id,
        "title": title,
        "description": description,
        "itemType": "feature",
        "crs": [CRS84],
        "extent": {
            "spatial": {
                "bbox": [[region.min_lon, region.min_lat, region.max_lon, region.max_lat]],
                "crs": CRS84,
            },
        },
        "links": [
            link(format!("{base}/ogc/collections/{id}"), "self", "application/json", title),
            link(format!("{base}/ogc/collections/{id}/items"), "items", "application/geo+json", title),
        ],
    }))
}

async fn collections(
    State(state): State<AppState>,
    ApiQuery(f): ApiQuery<Format>,
) -> Result<Response, ApiError> {
    check_format(&f.f)?;
    let base = &state.settings.base_url;
    let region = state.services.region;
    let all: Vec<Value> = ["sites", "areas"]
        .iter()
        .filter_map(|id| describe(id, base, region))
        .collect();
    Ok(answer(
        "application/json",
        &json!({
            "links": [link(format!("{base}/ogc/collections"), "self", "application/json", "Collections")],
            "collections": all,
        }),
    ))
}

async fn collection(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(f): ApiQuery<Format>,
) -> Result<Response, ApiError> {
    check_format(&f.f)?;
    let found =
        describe(&id, &state.settings.base_url, state.services.region).ok_or(Error::NotFound)?;
    Ok(answer("application/json", &found))
}

/// The items query as sent.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
struct ItemsQuery {
    bbox: Option<String>,
    limit: Option<String>,
    after: Option<String>,
    f: Option<String>,
}

async fn items(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<ItemsQuery>,
) -> Result<Response, ApiError> {
    check_format(&query.f)?;
    if id != "sites" && id != "areas" {
        return Err(Error::NotFound.into());
    }
    let mut errors = FieldErrors::default();
    let bbox = param(&query.bbox).and_then(|b| errors.take("bbox", b.parse::<Bbox>()));
    let after = paging::cursor::<Uuid>(&mut errors, "after", param(&query.after));
    let (limit, _) = PAGE.read_capped(&mut errors, param(&query.limit));
    if !errors.is_empty() {
        return Err(Error::Invalid(errors).into());
    }
    let base = &state.settings.base_url;
    let s = &state.services;
    let (features, last): (Vec<Value>, Option<Uuid>) = if id == "sites" {
        let filter = MapFilter {
            bbox,
            after,
            limit,
            ..MapFilter::default()
        };
        let page = map::sites(s, &filter).await?;
        let last = page
            .last()
            .map(|p| p.id)
            .filter(|_| page.len() == limit as usize);
        let features = page
            .iter()
            .map(|site| serde_json::to_value(feature_of(site, s.zone, base)))
            .collect::<Result<_, _>>()
            .map_err(|e| Error::Internal(e.into()))?;
        (features, last)
    } else {
        let page = map::areas(s, bbox, after, limit).await?;
        let last = page
            .last()
            .map(|(a, _)| a.id)
            .filter(|_| page.len() == limit as usize);
        (
            page.iter().map(|(a, g)| area_feature(a, g, base)).collect(),
            last,
        )
    };
    let items = format!("{base}/ogc/collections/{id}/items");
    let mut links = vec![link(
        format!(
            "{items}?{}",
            serde_urlencoded::to_string(&query).unwrap_or_default()
        ),
        "self",
        "application/geo+json",
        "This page",
    )];
    if let Some(last) = last {
        let next = ItemsQuery {
            after: Some(last.to_string()),
            limit: Some(limit.to_string()),
            ..query.clone()
        };
        links.push(link(
            format!(
                "{items}?{}",
                serde_urlencoded::to_string(&next).unwrap_or_default()
            ),
            "next",
            "application/geo+json",
            "Next page",
        ));
    }
    Ok(answer(
        "application/geo+json",
        &json!({
            "type": "FeatureCollection",
            "numberReturned": features.len(),
            "features": features,
            "links": links,
        }),
    ))
}

fn area_feature(
    area: &crate::domain::area::Area,
    geometry: &geojson::Geometry,
    base: &str,
) -> Value {
    json!({
        "type": "Feature",
        "id": area.id,
        "geometry": geometry,
        "properties": {
            "id": area.id,
            "code": area.code,
            "name": area.name,
            "level": area.level.as_str(),
            "parent_id": area.parent_id,
            "valid_from": area.valid_from,
            "valid_to": area.valid_to,
            "approximate": area.approximate,
            "url": format!("{base}/areas/{}", area.id),
        },
    })
}

async fn item(
    State(state): State<AppState>,
    PathId((id, item)): PathId<(String, Uuid)>,
    ApiQuery(f): ApiQuery<Format>,
) -> Result<Response, ApiError> {
    check_format(&f.f)?;
    let base = &state.settings.base_url;
    let s = &state.services;
    let mut feature = match id.as_str() {
        "sites" => serde_json::to_value(feature_of(&map::site(s, item).await?, s.zone, base))
            .map_err(|e| Error::Internal(e.into()))?,
        "areas" => {
            let (area, geometry) = map::area(s, item).await?;
            area_feature(&area, &geometry, base)
        }
        _ => return Err(Error::NotFound.into()),
    };
    feature["links"] = json!([
        link(
            format!("{base}/ogc/collections/{id}/items/{item}"),
            "self",
            "application/geo+json",
            "This item"
        ),
        link(
            format!("{base}/ogc/collections/{id}"),
            "collection",
            "application/json",
            "The collection"
        ),
    ]);
    Ok(answer("application/geo+json", &feature))
}
