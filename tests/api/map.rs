//! The public map's data: `GET /api/v1/public/sites.geojson`, its filters and paging, its
//! refusals, and the caching headers of public answers.

use std::collections::HashSet;

use axum::http::{StatusCode, header};
use serde_json::Value;

use crate::common::{Demo, TestApp, spawn};

async fn geojson(app: &TestApp, query: &str) -> Value {
    let reply = app
        .get(&format!("/api/v1/public/sites.geojson?{query}"))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.body);
    assert_eq!(
        reply.header(header::CONTENT_TYPE).as_deref(),
        Some("application/geo+json")
    );
    reply.json()
}

fn features(collection: &Value) -> &Vec<Value> {
    collection["features"].as_array().expect("features")
}

#[tokio::test]
async fn the_sites_are_a_feature_collection_in_longitude_latitude_order_with_their_level() {
    let app = spawn(Demo::Full).await;
    let all = geojson(&app, "").await;
    assert_eq!(all["type"], "FeatureCollection");
    let sites = app.get("/api/v1/sites?limit=500").await.json();
    let sites = sites["items"].as_array().expect("items");
    assert_eq!(features(&all).len(), sites.len(), "every site, on one page");
    for f in features(&all) {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let site = sites
            .iter()
            .find(|s| s["id"] == f["id"])
            .expect("the same site");
        assert_eq!(
            f["geometry"]["coordinates"][0], site["lon"],
            "longitude first"
        );
        assert_eq!(f["geometry"]["coordinates"][1], site["lat"]);
        let p = &f["properties"];
        for key in ["id", "name", "kind", "subtype", "level", "features", "url"] {
            assert!(!p[key].is_null(), "{key} in {p}");
        }
        if p["level"] == "unknown" {
            assert_eq!(
                p["features"],
                serde_json::json!({}),
                "unknown is never accessible"
            );
            assert!(p["last_audit"].is_null());
        } else {
            assert!(p["last_audit"].is_string(), "{p}");
        }
    }
    // The level agrees with each site's public page, and the filters pick exactly those.
    for level in ["accessible", "partly", "not_accessible", "unknown"] {
        let picked = geojson(&app, &format!("level={level}")).await;
        let want: HashSet<&Value> = features(&all)
            .iter()
            .filter(|f| f["properties"]["level"] == level)
            .map(|f| &f["id"])
            .collect();
        let got: HashSet<&Value> = features(&picked).iter().map(|f| &f["id"]).collect();
        assert_eq!(got, want, "level={level}");
        assert!(!got.is_empty(), "the demo has {level} sites");
    }
    let one = &features(&all)[0];
    let page = app
        .get(&format!(
            "/api/v1/public/sites/{}",
            one["id"].as_str().expect("id")
        ))
        .await
        .json();
    assert_eq!(page["level"], one["properties"]["level"]);
    let toilets = geojson(&app, "feature=toilet").await;
    assert!(!features(&toilets).is_empty());
    for f in features(&toilets) {
        assert_eq!(f["properties"]["features"]["toilet"], "works", "{f}");
    }
    let stops = geojson(&app, "kind=transport_stop").await;
    assert!(
        features(&stops)
            .iter()
            .all(|f| f["properties"]["kind"] == "transport_stop")
    );
    let city = geojson(&app, "bbox=106.70,21.80,106.80,21.90").await;
    assert!(features(&city).len() < features(&all).len());
    for f in features(&city) {
        let [lon, lat] = [0, 1].map(|i| f["geometry"]["coordinates"][i].as_f64().expect("n"));
        assert!((106.70..=106.80).contains(&lon) && (21.80..=21.90).contains(&lat));
    }
}

#[tokio::test]
async fn pages_follow_one_another_without_a_gap_and_a_huge_limit_is_cut_and_said() {
    let app = spawn(Demo::Yes).await;
    let all = geojson(&app, "").await;
    let total = features(&all).len();
    let mut seen = Vec::new();
    let mut next = Some("/api/v1/public/sites.geojson?limit=7".to_owned());
    while let Some(uri) = next {
        let path = uri.trim_start_matches("http://tiepcan.test");
        let page = app.get(path).await.json();
        assert!(features(&page).len() <= 7);
        seen.extend(features(&page).iter().map(|f| f["id"].clone()));
        next = page["next"].as_str().map(str::to_owned);
    }
    assert_eq!(seen.len(), total);
    assert_eq!(
        seen.iter().collect::<HashSet<_>>().len(),
        total,
        "no site twice"
    );
    let huge = geojson(&app, "limit=99999999999").await;
    assert_eq!(huge["limit"], 5000);
    assert_eq!(huge["limit_capped"], true);
    assert_eq!(huge["limit_max"], 5000);
    assert_eq!(geojson(&app, "limit=10").await["limit_capped"], false);
}

#[tokio::test]
async fn bad_boxes_filters_and_limits_are_refused_by_name() {
    let app = spawn(Demo::Yes).await;
    let cases = [
        ("bbox=106.7,21.8,106.8", "bbox", "4"),
        ("bbox=106.8,21.8,106.7,21.9", "bbox", ""),
        ("bbox=106.7,21.8,200,21.9", "bbox", "180"),
        ("bbox=NaN,21.8,106.8,21.9", "bbox", ""),
        ("kind=castle", "kind", "public_building"),
        ("level=great", "level", "accessible"),
        ("feature=pool", "feature", "toilet"),
        ("area=here", "area", ""),
        ("limit=0", "limit", "5000"),
        ("limit=-3", "limit", "5000"),
        ("limit=many", "limit", "5000"),
    ];
    for (query, field, says) in cases {
        let reply = app
            .get(&format!("/api/v1/public/sites.geojson?{query}"))
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}: {}",
            reply.body
        );
        let message = reply.field_error(field);
        assert!(!message.is_empty(), "{query}: {}", reply.body);
        assert!(message.contains(says), "{query}: {message}");
    }
    let english = app
        .get("/api/v1/public/sites.geojson?bbox=1,2,3&lang=en")
        .await;
    assert!(
        english.field_error("bbox").contains("4"),
        "{}",
        english.body
    );
}

#[tokio::test]
async fn public_answers_carry_a_validator_and_a_cache_policy_and_answer_304_when_unchanged() {
    let app = spawn(Demo::Yes).await;
    for uri in [
        "/api/v1/public/sites.geojson?kind=cultural_site".to_owned(),
        {
            let first = geojson(&app, "limit=1").await;
            format!(
                "/api/v1/public/sites/{}",
                features(&first)[0]["id"].as_str().expect("id")
            )
        },
    ] {
        let first = app.get(&uri).await;
        let tag = first.header(header::ETAG).expect("an ETag");
        assert!(tag.starts_with('"') && tag.ends_with('"'), "{tag}");
        let cache = first.header(header::CACHE_CONTROL).expect("Cache-Control");
        assert!(cache.starts_with("public, max-age="), "{cache}");
        let again = app
            .call("GET", &uri)
            .header("If-None-Match", &tag)
            .send()
            .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{uri}");
        assert!(again.bytes.is_empty());
        assert_eq!(again.header(header::ETAG), Some(tag.clone()));
        let other = app
            .call("GET", &uri)
            .header("If-None-Match", "\"something else\"")
            .send()
            .await;
        assert_eq!(other.status, StatusCode::OK);
        assert_eq!(other.bytes, first.bytes);
    }
    // A change is a new tag: a new cultural site.
    let uri = "/api/v1/public/sites.geojson?kind=cultural_site";
    let before = app.get(uri).await.header(header::ETAG).expect("tag");
    let token = app
        .token(
            "vanhoa",
            tiepcan::domain::user::Role::Inspector,
            Some("culture"),
        )
        .await;
    app.register_museum(&token).await;
    let after = app.get(uri).await;
    assert_ne!(after.header(header::ETAG), Some(before.clone()));
    let stale = app
        .call("GET", uri)
        .header("If-None-Match", &before)
        .send()
        .await;
    assert_eq!(
        stale.status,
        StatusCode::OK,
        "the old tag no longer matches"
    );
    // Errors are not cached.
    let refused = app.get("/api/v1/public/sites.geojson?kind=castle").await;
    assert!(refused.header(header::ETAG).is_none());
}

/// `app` as a server with the interactive map set to `map` (`None`: a build without the
/// map library).
fn with_map(mut app: TestApp, map: Option<tiepcan::views::home::MapSettings>) -> TestApp {
    let mut settings = (*app.state.settings).clone();
    settings.map = map;
    app.state.settings = std::sync::Arc::new(settings);
    app.router = tiepcan::http::app(app.state.clone());
    app
}

#[tokio::test]
async fn the_server_offers_the_map_exactly_when_its_build_carries_the_library() {
    let (mut config, _dir) = crate::common::test_config(Demo::No).await;
    config.tiles_url = "https://tiles.example.vn/{z}/{x}/{y}.png".into();
    config.tiles_attribution = "Bản đồ nền: Sở Xây dựng".into();
    let app = TestApp::start_on(&config).await;
    assert_eq!(
        app.state.settings.map,
        tiepcan::http::MAP_BUILT.then(|| tiepcan::views::home::MapSettings {
            tiles_url: config.tiles_url.clone(),
            tiles_attribution: config.tiles_attribution.clone(),
        })
    );
    if tiepcan::http::MAP_BUILT {
        let library = app.get("/static/leaflet.js").await;
        assert_eq!(library.status, StatusCode::OK);
        assert!(
            library.body.contains("Leaflet"),
            "the bundled library itself"
        );
        let css = app.get("/static/leaflet.css").await;
        assert!(css.body.contains(".leaflet-container"));
    }
}

#[tokio::test]
async fn the_home_page_lists_the_sites_before_a_map_hidden_until_its_script_runs_with_a_text_alternative_and_the_tile_settings()
 {
    let app = spawn(Demo::Full).await;
    let app = with_map(
        app,
        Some(tiepcan::views::home::MapSettings {
            tiles_url: "https://tiles.example.vn/{z}/{x}/{y}.png".into(),
            tiles_attribution: "Bản đồ nền: <a href=\"https://example.vn\">Sở</a>".into(),
        }),
    );
    let home = app.get("/?feature=toilet&kind=public_building").await;
    assert_eq!(home.status, StatusCode::OK);
    let body = &home.body;
    assert!(!body.contains("chưa có trong bản dựng này"), "no notice");
    let list = body.find("id=\"home-list\"").expect("the list");
    let map = body.find("id=\"map\"").expect("the map");
    assert!(list < map, "the list comes before the map");
    assert!(
        body.contains("<div id=\"map-panel\" class=\"map-panel\" hidden>"),
        "without its script the map shows no empty box"
    );
    assert!(
        body.contains("action=\"/#home-list\""),
        "a filter lands on the list"
    );
    assert!(
        body.contains("địa điểm phù hợp với bộ lọc"),
        "and says how many match"
    );
    assert!(
        body.contains("aria-describedby=\"map-alt\""),
        "the map has its text alternative"
    );
    assert!(body.contains("id=\"map-alt\""));
    assert!(body.contains("data-tiles=\"https://tiles.example.vn/{z}/{x}/{y}.png\""));
    assert!(body.contains(
        "data-attribution=\"Bản đồ nền: &lt;a href=&quot;https://example.vn&quot;&gt;Sở&lt;/a&gt;\""
    ));
    assert!(
        body.contains("data-filters=\"kind=public_building&amp;feature=toilet\""),
        "the map asks for the list's filters"
    );
    assert!(
        body.contains("src=\"/static/leaflet."),
        "served by this server, no CDN"
    );
    assert!(
        !body.contains("unpkg") && !body.contains("cdn"),
        "no third-party script"
    );
    let script = app.get("/static/map.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(script.body.contains("/api/v1/public/clusters"));
    let english = app.get("/?lang=en").await;
    assert!(english.body.contains("sites registered"));
    assert!(
        english.body.contains("Open the site"),
        "the map's texts in English too"
    );
}

#[tokio::test]
async fn the_home_list_sorts_the_filtered_sites_by_distance_from_a_position_and_refuses_a_bad_one()
{
    let app = spawn(Demo::Full).await;
    let toilets = geojson(&app, "feature=toilet&limit=100").await;
    let toilets = features(&toilets);
    assert!(toilets.len() > 2, "the demo has accessible toilets");
    // A position in Lạng Sơn city; the distances are worked out here independently.
    let (lat, lon) = (21.8537_f64, 106.7615_f64);
    let metres = |f: &Value| {
        let c = &f["geometry"]["coordinates"];
        let (flon, flat) = (c[0].as_f64().expect("lon"), c[1].as_f64().expect("lat"));
        let (p1, p2) = (lat.to_radians(), flat.to_radians());
        let (dp, dl) = ((flat - lat).to_radians(), (flon - lon).to_radians());
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * 6_371_008.8 * a.sqrt().asin()
    };
    let mut expected: Vec<(f64, &str)> = toilets
        .iter()
        .map(|f| (metres(f), f["properties"]["id"].as_str().expect("id")))
        .collect();
    expected.sort_by(|a, b| a.0.total_cmp(&b.0));
    let page = app
        .get(&format!("/?feature=toilet&near={lat},{lon}&limit=3"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("gần vị trí của bạn nhất"),
        "it says how it is sorted"
    );
    let listed: Vec<&str> = page
        .body
        .split("<li><a href=\"/sites/")
        .skip(1)
        .map(|rest| &rest[..36])
        .collect();
    let nearest: Vec<&str> = expected.iter().take(3).map(|(_, id)| *id).collect();
    assert_eq!(
        listed, nearest,
        "the three nearest accessible toilets, nearest first"
    );
    assert!(!page.body.contains("rel=\"next\""), "one page");
    assert!(
        page.body.contains("value=\"21.8537,106.7615\""),
        "the position stays in the form"
    );

    // The nearest of all sites, where the city's box holds many: the database sorts the
    // box by distance before it cuts to the limit.
    let all = geojson(&app, "limit=5000").await;
    let nearest_of_all = features(&all)
        .iter()
        .min_by(|a, b| metres(a).total_cmp(&metres(b)))
        .expect("sites");
    let within_a_km = features(&all)
        .iter()
        .filter(|f| metres(f) <= 1_000.0)
        .count();
    assert!(
        within_a_km > 1,
        "the demo has several sites in the city centre"
    );
    let one = app.get(&format!("/?near={lat},{lon}&limit=1")).await;
    let first = one
        .body
        .split("<li><a href=\"/sites/")
        .nth(1)
        .map(|rest| &rest[..36])
        .expect("one site listed");
    assert_eq!(
        first,
        nearest_of_all["properties"]["id"].as_str().expect("id")
    );

    for (near, problem) in [
        ("21.8", "Không phải là số."),
        ("abc,def", "Không phải là số."),
        ("95,106", "Phải nằm trong khoảng -90 đến 90."),
    ] {
        let bad = app.get(&format!("/?feature=toilet&near={near}")).await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{near}: {}",
            bad.body
        );
        assert!(bad.body.contains(problem), "{near}: {}", bad.body);
    }
}

#[tokio::test]
async fn the_home_page_lists_the_sites_with_their_level_in_words_and_filters_without_javascript() {
    let app = spawn(Demo::Full).await;
    let app = with_map(app, None);
    let home = app.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Ký hiệu mức tiếp cận"), "a text legend");
    assert!(
        home.body
            .contains("Bản đồ tương tác chưa có trong bản dựng này"),
        "a server without the map library says so"
    );
    assert!(!home.body.contains("id=\"map\""));
    for file in [
        "/static/leaflet.js",
        "/static/leaflet.css",
        "/static/map.js",
    ] {
        let reply = app.get(file).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{file}");
    }
    let toilets = geojson(&app, "feature=toilet&limit=100").await;
    let page = app.get("/?feature=toilet&limit=100").await;
    assert_eq!(page.status, StatusCode::OK);
    let listed = page.body.matches("<li><a href=\"/sites/").count();
    assert_eq!(
        listed,
        features(&toilets).len(),
        "the same sites as the map data"
    );
    for f in features(&toilets) {
        assert!(
            page.body
                .contains(&format!("/sites/{}", f["id"].as_str().expect("id")))
        );
    }
    assert!(page.body.contains("Nhà vệ sinh"), "what works, in words");
    let english = app.get("/?feature=toilet&level=accessible&lang=en").await;
    assert!(english.body.contains("Accessible"), "{}", english.body);
    let bad = app.get("/?level=great").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("accessible"),
        "the allowed levels are named"
    );
    let first = app.get("/?limit=5").await;
    assert!(first.body.contains("rel=\"next\""));
}

#[tokio::test]
async fn an_area_page_counts_its_sites_audits_levels_and_open_barriers_with_the_areas_below() {
    let app = spawn(Demo::Full).await;
    let mut conn = app.db().conn().await.expect("conn");
    let areas = tiepcan::store::areas::all(&mut conn).await.expect("areas");
    drop(conn);
    let province = areas
        .iter()
        .find(|a| a.parent_id.is_none())
        .expect("the province");
    let inside = geojson(&app, &format!("area={}&limit=5000", province.id)).await;
    let sites = features(&inside);
    let audited = sites
        .iter()
        .filter(|f| f["properties"]["level"] != "unknown")
        .count();
    let page = app.get(&format!("/areas/{}", province.id)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = &page.body;
    assert!(
        body.contains(&format!("<dd>{}</dd>", sites.len())),
        "registered: {body}"
    );
    let coverage = audited * 100 / sites.len();
    assert!(
        body.contains(&format!("<dd>{audited} ({coverage} %)</dd>")),
        "audited"
    );
    for level in ["accessible", "partly", "not_accessible", "unknown"] {
        let n = sites
            .iter()
            .filter(|f| f["properties"]["level"] == level)
            .count();
        let link = format!("level={level}\">");
        let at = body.find(&link).unwrap_or_else(|| panic!("{level} row"));
        let row = &body[at..at + 200];
        assert!(
            row.contains(&format!("<td>{n}</td>")),
            "{level}: {n} in {row}"
        );
    }
    let children: Vec<_> = areas
        .iter()
        .filter(|a| a.parent_id == Some(province.id))
        .collect();
    assert!(!children.is_empty());
    for child in children {
        assert!(
            body.contains(&format!("/areas/{}", child.id)),
            "{} listed",
            child.name
        );
    }
    let coordinator = app
        .token("dieu.test", tiepcan::domain::user::Role::Coordinator, None)
        .await;
    let open = app
        .call(
            "GET",
            &format!(
                "/api/v1/findings?area={}&state=open,planned,in_progress,reopened&limit=1",
                province.id
            ),
        )
        .bearer(&coordinator)
        .send()
        .await
        .json();
    let critical = open["counts"]["open_by_severity"]["critical"]
        .as_u64()
        .expect("n");
    let at = body
        .find("<th scope=\"row\">Nghiêm trọng</th>")
        .expect("critical row");
    assert!(
        body[at..at + 80].contains(&format!("<td>{critical}</td>")),
        "{}",
        &body[at..at + 80]
    );
    let missing = app
        .call("GET", "/areas/01a23492-8908-726e-9135-c5b284ca6150?lang=en")
        .send()
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("Not found"));
}

fn clustered(reply: &Value) -> u64 {
    reply["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| match i["type"].as_str() {
            Some("cluster") => i["count"].as_u64().expect("count"),
            _ => 1,
        })
        .sum()
}

#[tokio::test]
async fn clusters_count_every_site_by_level_and_a_change_is_seen_on_the_next_request_by_every_instance()
 {
    let app = spawn(Demo::Full).await;
    let total = features(&geojson(&app, "limit=5000").await).len() as u64;
    let far = app.get("/api/v1/public/clusters?zoom=0").await;
    assert_eq!(far.status, StatusCode::OK, "{}", far.body);
    let far = far.json();
    assert_eq!(
        clustered(&far),
        total,
        "the province at zoom 0 holds every site"
    );
    let levels: u64 = far["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["type"] == "cluster")
        .flat_map(|i| {
            i["levels"]
                .as_object()
                .expect("levels")
                .values()
                .map(|v| v.as_u64().expect("n"))
                .collect::<Vec<_>>()
        })
        .sum();
    let singles = far["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["type"] == "site")
        .count() as u64;
    assert_eq!(
        levels + singles,
        total,
        "each cluster's levels add up to its count"
    );
    let near = app.get("/api/v1/public/clusters?zoom=20").await.json();
    assert!(
        near["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|i| i["type"] == "site")
    );
    assert_eq!(clustered(&near), total);
    let names: std::collections::HashMap<String, String> =
        features(&geojson(&app, "limit=5000").await)
            .iter()
            .map(|f| {
                let p = &f["properties"];
                (
                    p["id"].as_str().expect("id").to_owned(),
                    p["name"].as_str().expect("name").to_owned(),
                )
            })
            .collect();
    for item in near["items"].as_array().expect("items") {
        let id = item["id"].as_str().expect("id");
        assert_eq!(
            item["name"].as_str(),
            Some(names[id].as_str()),
            "the marker is named as its site"
        );
    }
    let accessible = app
        .get("/api/v1/public/clusters?zoom=0&level=accessible")
        .await
        .json();
    let want = features(&geojson(&app, "level=accessible&limit=5000").await).len() as u64;
    assert_eq!(clustered(&accessible), want);

    // A second instance on the same database; a site registered through it is seen by the
    // first on its next request.
    let other = TestApp::start_on(&app.config).await;
    let before = clustered(&app.get("/api/v1/public/clusters?zoom=0").await.json());
    let token = other
        .token(
            "vanhoa",
            tiepcan::domain::user::Role::Inspector,
            Some("culture"),
        )
        .await;
    other.register_museum(&token).await;
    let after = clustered(&app.get("/api/v1/public/clusters?zoom=0").await.json());
    assert_eq!(after, before + 1, "the first instance is in step");
    let on_other = clustered(&other.get("/api/v1/public/clusters?zoom=0").await.json());
    assert_eq!(on_other, before + 1);

    for (query, field) in [
        ("", "zoom"),
        ("zoom=23", "zoom"),
        ("zoom=-1", "zoom"),
        ("zoom=3&bbox=1,2,3", "bbox"),
        ("zoom=3&level=great", "level"),
        ("zoom=3&feature=pool", "feature"),
    ] {
        let reply = app.get(&format!("/api/v1/public/clusters?{query}")).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}: {}",
            reply.body
        );
        assert!(
            !reply.field_error(field).is_empty(),
            "{query}: {}",
            reply.body
        );
    }
}

#[tokio::test]
async fn the_choropleth_shades_each_smallest_area_by_its_open_findings_as_the_dashboard_counts_them()
 {
    let app = spawn(Demo::Full).await;
    let reply = app.get("/api/v1/public/areas.geojson").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        reply.header(header::CONTENT_TYPE).as_deref(),
        Some("application/geo+json")
    );
    assert!(reply.header(header::ETAG).is_some(), "a CDN can carry it");
    let shaded = reply.json();
    let shaded = features(&shaded);
    let areas = app
        .get("/ogc/collections/areas/items?limit=100")
        .await
        .json();
    let parents: HashSet<&str> = features(&areas)
        .iter()
        .filter_map(|a| a["properties"]["parent_id"].as_str())
        .collect();
    for area in shaded {
        let id = area["id"].as_str().expect("id");
        assert!(!parents.contains(id), "only areas with none below them");
    }
    // The demo's districts ended in 2025 but still hold the sites: they are shaded.
    let leaves = features(&areas)
        .iter()
        .filter(|a| !parents.contains(a["id"].as_str().expect("id")))
        .count();
    assert_eq!(shaded.len(), leaves, "every district holding sites");
    assert!(leaves > 1, "the demo has districts");

    let coordinator = app
        .token("dieu.phoi", tiepcan::domain::user::Role::Coordinator, None)
        .await;
    let dashboard = app
        .call("GET", "/api/v1/findings")
        .bearer(&coordinator)
        .send()
        .await
        .json();
    let counted: std::collections::HashMap<String, u64> = dashboard["counts"]["open_by_area"]
        .as_array()
        .expect("open by area")
        .iter()
        .filter_map(|a| {
            Some((
                a["area"]["id"].as_str()?.to_owned(),
                a["open"].as_u64().expect("open"),
            ))
        })
        .collect();
    let mut total = 0;
    for area in shaded {
        let p = &area["properties"];
        let id = p["id"].as_str().expect("id");
        let open = p["open_findings"].as_u64().expect("open_findings");
        assert_eq!(open, counted.get(id).copied().unwrap_or(0), "{}", p["name"]);
        assert!(
            area["geometry"]["type"]
                .as_str()
                .is_some_and(|t| t.ends_with("Polygon"))
        );
        assert!(
            p["url"]
                .as_str()
                .expect("url")
                .ends_with(&format!("/areas/{id}"))
        );
        total += open;
    }
    assert!(total > 0, "the demo has open findings to shade");
}

#[tokio::test]
async fn a_kept_geojson_page_is_answered_again_until_a_change_and_the_change_shows_on_the_next_request()
 {
    let app = spawn(Demo::Yes).await;
    let all = geojson(&app, "limit=5000").await;
    let moved: uuid::Uuid = features(&all)[0]["properties"]["id"]
        .as_str()
        .expect("id")
        .parse()
        .expect("uuid");
    let mut conn = app.db().conn().await.expect("conn");
    let site = tiepcan::store::sites::by_id(&mut conn, moved)
        .await
        .expect("read")
        .expect("the site");
    drop(conn);
    let area = site.area.as_ref().expect("the demo site has an area").id;
    let uri = format!("/api/v1/public/sites.geojson?area={area}&limit=5000");
    let first = app.get(&uri).await;
    let tag = first.header(header::ETAG).expect("a validator");
    assert_eq!(
        tag,
        tiepcan::http::etag(first.body.as_bytes()),
        "the validator is the one of these bytes"
    );
    let listed = |reply: &crate::common::Reply| {
        features(&reply.json())
            .iter()
            .any(|f| f["properties"]["id"] == moved.to_string())
    };
    assert!(listed(&first));

    // The site leaves the area behind the log's back (no event): the kept page still
    // lists it, which only a kept page can do.
    let mut tx = app.db().begin().await.expect("tx");
    tiepcan::store::sites::set_area(&mut tx, &[moved], None)
        .await
        .expect("moved");
    tx.commit().await.expect("commit");
    let again = app.get(&uri).await;
    assert_eq!(again.header(header::ETAG).as_deref(), Some(tag.as_str()));
    assert!(listed(&again), "answered from the kept page");

    // Any change through the app appends an event: the next request renders again.
    let token = app
        .token(
            "vanhoa",
            tiepcan::domain::user::Role::Inspector,
            Some("culture"),
        )
        .await;
    app.register_museum(&token).await;
    let after = app.get(&uri).await;
    assert_ne!(after.header(header::ETAG), Some(tag));
    assert!(
        !listed(&after),
        "the page is rendered from the database again"
    );

    // A change through another instance on the same database shows on an instance that
    // has not written itself, after at most the window it trusts its last look for.
    let reader = TestApp::start_on(&app.config).await;
    let museums = "/api/v1/public/sites.geojson?kind=cultural_site&limit=5000";
    let before = features(&reader.get(museums).await.json()).len();
    app.register_museum(&token).await;
    tokio::time::sleep(
        tiepcan::app::events::OTHERS_SEEN_WITHIN + std::time::Duration::from_millis(50),
    )
    .await;
    let seen = features(&reader.get(museums).await.json()).len();
    assert_eq!(seen, before + 1, "the other instance's museum is seen");
}
