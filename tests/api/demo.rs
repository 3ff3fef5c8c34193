//! The demo on a first start: audits of about half of the sites, filled, photographed and
//! reviewed through the ordinary use cases, with a mix of levels; and `demo generate
//! --audits` for benchmarks.

use axum::http::StatusCode;
use serde_json::Value;

use crate::common::{Demo, TestApp, run_cli, spawn};
use tiepcan::domain::user::Role;

/// Every site's public facts.
async fn public_sites(app: &TestApp) -> Vec<Value> {
    let list = app.get("/api/v1/sites?limit=500").await.json();
    let mut out = Vec::new();
    for site in list["items"].as_array().expect("items") {
        let id = site["id"].as_str().expect("id");
        let reply = app.get(&format!("/api/v1/public/sites/{id}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        out.push(reply.json());
    }
    out
}

fn count(sites: &[Value], level: &str) -> usize {
    sites.iter().filter(|s| s["level"] == level).count()
}

fn toilet(site: &Value) -> String {
    site["features"]
        .as_array()
        .expect("features")
        .iter()
        .find(|f| f["feature"] == "toilet")
        .map(|f| f["state"].as_str().expect("state").to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_demo_has_approved_audits_for_about_half_of_its_sites_with_a_mix_of_levels() {
    let app = spawn(Demo::Full).await;
    let sites = public_sites(&app).await;
    let audited = sites.iter().filter(|s| s["level"] != "unknown").count();
    let share = audited as f64 / sites.len() as f64;
    assert!(
        (0.35..=0.6).contains(&share),
        "{audited} of {} audited",
        sites.len()
    );
    for level in ["accessible", "partly", "not_accessible"] {
        assert!(
            count(&sites, level) >= 3,
            "{level}: {}",
            count(&sites, level)
        );
    }
    let audited: Vec<&Value> = sites.iter().filter(|s| s["level"] != "unknown").collect();
    assert!(
        audited.iter().any(|s| toilet(s) == "works"),
        "some accessible toilets"
    );
    assert!(
        audited.iter().any(|s| toilet(s) == "does_not_work"),
        "and some missing"
    );
    for site in &audited {
        assert!(site["last_audit"].is_string(), "{site}");
        let photos = site["photos"].as_array().expect("photos");
        assert!(
            !photos.is_empty(),
            "every approved audit has photos: {}",
            site["name"]
        );
        let url = photos[0]["thumb_url"].as_str().expect("url");
        let path = url.trim_start_matches("http://tiepcan.test");
        let file = app.get(path).await;
        assert_eq!(file.status, StatusCode::OK, "{path}");
        image::load_from_memory(&file.bytes).expect("a real image");
    }
    for site in sites.iter().filter(|s| s["level"] == "unknown") {
        assert_eq!(site["photos"], serde_json::json!([]), "no audit, no photos");
    }

    // The reviewers' queues have something in them, and one audit is back with its
    // inspector, with the reviewer's comment.
    let mut waiting = 0;
    let mut drafts = 0;
    let mut returned = Vec::new();
    for department in ["construction", "transport", "culture"] {
        let token = app
            .token(
                &format!("duyet.{department}"),
                Role::Reviewer,
                Some(department),
            )
            .await;
        let list = |state: &'static str| {
            let token = token.clone();
            let app = &app;
            async move {
                app.call("GET", &format!("/api/v1/audits?state={state}"))
                    .bearer(&token)
                    .send()
                    .await
                    .json()
            }
        };
        waiting += list("submitted").await["items"]
            .as_array()
            .expect("items")
            .len();
        drafts += list("draft").await["items"]
            .as_array()
            .expect("items")
            .len();
        for audit in list("returned").await["items"].as_array().expect("items") {
            let id = audit["id"].as_str().expect("id");
            let full = app
                .call("GET", &format!("/api/v1/audits/{id}"))
                .bearer(&token)
                .send()
                .await
                .json();
            returned.push(full);
        }
    }
    assert_eq!(waiting, 2, "two audits wait in the reviewers' queues");
    assert_eq!(drafts, 1, "one is still a draft");
    assert_eq!(returned.len(), 1, "{returned:?}");
    assert!(
        returned[0]["review_comment"]
            .as_str()
            .is_some_and(|c| !c.is_empty())
    );
    let coordinator = app.token("dieu.test", Role::Coordinator, None).await;
    let findings = app
        .call("GET", "/api/v1/findings?limit=200")
        .bearer(&coordinator)
        .send()
        .await
        .json();
    assert!(!findings["items"].as_array().expect("items").is_empty());

    // Each department has findings on their way: planned, being fixed, fixed with a photo
    // of the fix, and at heritage sites decided not to be fixed.
    let by_state = &findings["counts"]["by_state"];
    for state in ["open", "planned", "in_progress", "fixed", "wont_fix"] {
        assert!(
            by_state[state].as_u64().is_some_and(|n| n > 0),
            "{state}: {by_state}"
        );
    }
    let fixed = findings["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|f| f["state"] == "fixed")
        .expect("a fixed finding");
    assert_eq!(fixed["photos_after"].as_array().expect("after").len(), 1);
}

#[tokio::test]
async fn demo_generate_with_audits_audits_every_other_new_site() {
    let app = spawn(Demo::Yes).await;
    let before = public_sites(&app).await;
    assert_eq!(before.iter().filter(|s| s["level"] != "unknown").count(), 0);
    let dir = app.dir.path().to_str().expect("utf-8").to_owned();
    let out = run_cli(
        Some(&app),
        &[
            "demo",
            "generate",
            "--sites",
            "6",
            "--audits",
            "--data-dir",
            &dir,
        ],
        "",
    );
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{said}{}",
        crate::common::stderr(&out)
    );
    assert!(
        said.contains("6 synthetic sites written, 3 audits approved"),
        "{said}"
    );
    let after = public_sites(&app).await;
    assert_eq!(after.len(), before.len() + 6);
    assert_eq!(after.iter().filter(|s| s["level"] != "unknown").count(), 3);
}
