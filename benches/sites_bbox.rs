//! `GET /api/v1/sites?bbox=...` over 100,000 generated sites on SQLite, through the real
//! router. Run: `cargo bench --bench sites_bbox` (see docs/BENCHMARKS.md).
//!
//! Environment: `SITES` (default 100000), `ROUNDS` (default 200 per viewport).

#[path = "common.rs"]
mod common;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let sites = env_number("SITES", 100_000);
    let rounds = env_number("ROUNDS", 200) as usize;
    let dir = tempfile::tempdir()?;
    let config = common::config(dir.path(), None);
    let state = tiepcan::server::prepare(&config).await?;
    let started = Instant::now();
    let actor = tiepcan::domain::actor::Actor::Console;
    tiepcan::app::demo::generate_sites(&state.services, &actor, sites, 2020, 5_000, |_| {})
        .await
        .map_err(|e| anyhow::anyhow!("{e:#}"))?;
    let total = {
        let mut conn = state.services.db.conn().await?;
        tiepcan::store::sites::count(&mut conn).await?
    };
    println!(
        "database: SQLite, {total} sites ({sites} generated in {:.1} s)",
        started.elapsed().as_secs_f64()
    );
    let app = tiepcan::http::app(state);

    let viewports = [
        (
            "street (0.01 deg), limit 50",
            "bbox=106.755,21.845,106.765,21.855&limit=50",
        ),
        (
            "city (0.06 deg), limit 50",
            "bbox=106.729,21.824,106.789,21.884&limit=50",
        ),
        (
            "city (0.06 deg), limit 500",
            "bbox=106.729,21.824,106.789,21.884&limit=500",
        ),
        (
            "district (0.3 deg), limit 50",
            "bbox=106.45,21.70,106.75,22.00&limit=50",
        ),
        (
            "province, limit 50",
            "bbox=106.10,21.32,107.35,22.45&limit=50",
        ),
        (
            "province, limit 500",
            "bbox=106.10,21.32,107.35,22.45&limit=500",
        ),
        (
            "empty corner, limit 50",
            "bbox=107.30,22.40,107.35,22.45&limit=50",
        ),
        (
            "district + kind + q",
            "bbox=106.45,21.70,106.75,22.00&kind=public_building&q=truong&limit=50",
        ),
    ];
    println!(
        "{:<32} {:>7} {:>10} {:>10} {:>10}",
        "viewport", "items", "median", "p95", "max"
    );
    for (name, query) in viewports {
        let uri = format!("/api/v1/sites?{query}");
        let mut times = Vec::with_capacity(rounds);
        let mut items = 0;
        for _ in 0..rounds {
            let request = Request::get(&uri).body(Body::empty())?;
            let begin = Instant::now();
            let response = app.clone().oneshot(request).await?;
            let status = response.status();
            let bytes = response.into_body().collect().await?.to_bytes();
            times.push(begin.elapsed());
            anyhow::ensure!(status == StatusCode::OK, "{uri}: {status}");
            let page: serde_json::Value = serde_json::from_slice(&bytes)?;
            items = page["items"].as_array().map_or(0, Vec::len);
        }
        times.sort();
        println!(
            "{name:<32} {items:>7} {:>8.2}ms {:>8.2}ms {:>8.2}ms",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.95).as_secs_f64() * 1e3,
            times[times.len() - 1].as_secs_f64() * 1e3,
        );
    }
    Ok(())
}
