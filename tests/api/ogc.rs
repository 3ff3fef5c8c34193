//! OGC API - Features under `/ogc`, as a GIS client walks it (GDAL's own reading of it is
//! `tests/ogc/run.sh`, run by `.ci/run`).

use std::collections::HashSet;

use axum::http::StatusCode;
use serde_json::Value;

use crate::common::{Demo, TestApp, spawn};

async fn json(app: &TestApp, uri: &str) -> Value {
    let reply = app.get(uri).await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    reply.json()
}

fn href(links: &Value, rel: &str) -> Option<String> {
    links
        .as_array()?
        .iter()
        .find(|l| l["rel"] == rel)
        .and_then(|l| l["href"].as_str())
        .map(|h| h.trim_start_matches("http://tiepcan.test").to_owned())
}

#[tokio::test]
async fn a_client_finds_both_collections_from_the_landing_page_and_reads_every_feature() {
    let app = spawn(Demo::Yes).await;
    let landing = json(&app, "/ogc?f=json").await;
    let conformance = href(&landing["links"], "conformance").expect("conformance link");
    let classes = json(&app, &conformance).await;
    assert!(
        classes["conformsTo"]
            .as_array()
            .expect("classes")
            .iter()
            .any(|c| c.as_str().is_some_and(|c| c.ends_with("/conf/core")))
    );
    let api = json(&app, &href(&landing["links"], "service-desc").expect("api")).await;
    assert_eq!(api["openapi"], "3.0.2");
    let collections = json(&app, &href(&landing["links"], "data").expect("data")).await;
    let ids: Vec<&str> = collections["collections"]
        .as_array()
        .expect("collections")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, vec!["sites", "areas"]);
    let sites_total = json(&app, "/api/v1/public/sites.geojson?limit=5000").await["features"]
        .as_array()
        .expect("features")
        .len();
    for (id, total) in [("sites", Some(sites_total)), ("areas", None)] {
        let collection = json(&app, &format!("/ogc/collections/{id}")).await;
        assert_eq!(
            collection["extent"]["spatial"]["bbox"][0]
                .as_array()
                .map(Vec::len),
            Some(4)
        );
        let mut next = href(&collection["links"], "items").map(|h| format!("{h}?limit=5"));
        let mut seen = HashSet::new();
        while let Some(uri) = next {
            let page = json(&app, &uri).await;
            assert_eq!(page["type"], "FeatureCollection");
            let features = page["features"].as_array().expect("features");
            assert_eq!(page["numberReturned"], features.len());
            for f in features {
                assert!(seen.insert(f["id"].clone()), "{id}: {} twice", f["id"]);
                assert!(f["geometry"]["type"].is_string());
            }
            next = href(&page["links"], "next");
        }
        if let Some(total) = total {
            assert_eq!(seen.len(), total, "every site");
        }
        assert!(!seen.is_empty(), "{id} has features");
        let one = seen
            .iter()
            .next()
            .and_then(|v| v.as_str())
            .expect("an id")
            .to_owned();
        let item = json(&app, &format!("/ogc/collections/{id}/items/{one}")).await;
        assert_eq!(item["type"], "Feature");
        assert_eq!(item["id"], one.as_str());
    }
    let area = json(&app, "/ogc/collections/areas/items?limit=1").await;
    let geometry = &area["features"][0]["geometry"];
    assert_eq!(geometry["type"], "MultiPolygon");
    let first = &geometry["coordinates"][0][0][0];
    assert!(
        (102.0..110.0).contains(&first[0].as_f64().expect("lon")),
        "longitude first: {first}"
    );
}

#[tokio::test]
async fn unknown_collections_items_formats_and_boxes_are_refused() {
    let app = spawn(Demo::Yes).await;
    for uri in [
        "/ogc/collections/roads",
        "/ogc/collections/roads/items",
        "/ogc/collections/sites/items/not-an-id",
        "/ogc/collections/sites/items/01a23492-8908-726e-9135-c5b284ca6150",
    ] {
        assert_eq!(app.get(uri).await.status, StatusCode::NOT_FOUND, "{uri}");
    }
    let html = app.get("/ogc/collections?f=html").await;
    assert_eq!(
        html.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        html.body
    );
    assert!(html.field_error("f").contains("json"));
    let bbox = app.get("/ogc/collections/sites/items?bbox=1,2,3").await;
    assert_eq!(bbox.status, StatusCode::UNPROCESSABLE_ENTITY);
    let limit = app.get("/ogc/collections/areas/items?limit=0").await;
    assert_eq!(limit.status, StatusCode::UNPROCESSABLE_ENTITY);
    let capped = json(&app, "/ogc/collections/sites/items?limit=100000").await;
    assert!(capped["numberReturned"].as_u64().expect("n") <= 5000);
}
