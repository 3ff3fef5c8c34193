//! Importing 10,000 and 100,000 sites from CSV, on SQLite and (with
//! `TIEPCAN_BENCH_POSTGRES_URL`) on PostgreSQL, each into a fresh database with the demo data.
//! Run: `cargo bench --bench import` (see docs/BENCHMARKS.md).
//!
//! Environment: `SIZES` (default `10000,100000`), `ROUNDS` (default 3 per size).

#[path = "common.rs"]
mod common;

use std::time::{Duration, Instant};

use tiepcan::app::imports;
use tiepcan::domain::actor::Actor;
use tiepcan::domain::import::Format;

/// A fresh database URL: a SQLite file in `dir`, or a new schema on the PostgreSQL server.
async fn fresh(dir: &std::path::Path, postgres: Option<&str>, n: usize) -> anyhow::Result<String> {
    Ok(match postgres {
        None => format!("sqlite://{}", dir.join(format!("import-{n}.db")).display()),
        Some(base) => {
            let schema = format!("bench_{}", uuid::Uuid::now_v7().simple());
            let admin = sqlx::PgPool::connect(base).await?;
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                .execute(&admin)
                .await?;
            admin.close().await;
            let separator = if base.contains('?') { '&' } else { '?' };
            format!("{base}{separator}options=-c%20search_path%3D{schema}")
        }
    })
}

async fn one_import(rows: u64, postgres: Option<&str>, run: usize) -> anyhow::Result<Duration> {
    let dir = tempfile::tempdir()?;
    let url = fresh(dir.path(), postgres, run).await?;
    let config = common::config(dir.path(), Some(&url));
    let state = tiepcan::server::prepare(&config).await?;
    let bytes = tiepcan::domain::demo::synthetic_csv(rows, 11).into_bytes();
    let started = Instant::now();
    let done = imports::sites(
        &state.services,
        &Actor::Console,
        Format::Csv,
        bytes,
        &|_| {},
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let took = started.elapsed();
    anyhow::ensure!(
        done.count as u64 == rows,
        "imported {} of {rows}",
        done.count
    );
    state.services.db.close().await;
    Ok(took)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let sizes: Vec<u64> = std::env::var("SIZES")
        .unwrap_or_else(|_| "10000,100000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let postgres = std::env::var("TIEPCAN_BENCH_POSTGRES_URL").ok();
    let mut backends = vec![("sqlite", None)];
    if let Some(url) = postgres.as_deref() {
        backends.push(("postgres", Some(url)));
    }
    println!(
        "{:<10} {:>8} {:>10} {:>10} {:>12}",
        "backend", "rows", "min", "median", "rows/s"
    );
    for (name, url) in backends {
        for &rows in &sizes {
            let mut times = Vec::with_capacity(rounds);
            for run in 0..rounds {
                times.push(one_import(rows, url, run).await?);
            }
            times.sort();
            let median = times[times.len() / 2];
            println!(
                "{name:<10} {rows:>8} {:>9.2}s {:>9.2}s {:>12.0}",
                times[0].as_secs_f64(),
                median.as_secs_f64(),
                rows as f64 / median.as_secs_f64()
            );
        }
    }
    Ok(())
}
