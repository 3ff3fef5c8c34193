//! The cluster index's benchmark: builds it over N generated sites spread over Lạng Sơn and
//! times a whole-province viewport query, as `benches/clusters/supercluster.mjs` does with
//! supercluster over the same points (see docs/BENCHMARKS.md).
//!
//! `cargo run --release --example clusters -- FILE [N]` writes FILE (N points, little-endian
//! f64 longitude then latitude) when it does not exist, then reads it.

use std::time::Instant;

use tiepcan::domain::cluster::{ClusterIndex, Point};
use tiepcan::domain::geo::Bbox;
use tiepcan::domain::site::level::Level;
use uuid::Uuid;

/// The province's box: every point lies in it, and the viewport query asks for all of it.
const PROVINCE: Bbox = Bbox {
    min_lon: 106.0,
    min_lat: 21.3,
    max_lon: 107.4,
    max_lat: 22.5,
};

/// A whole-province viewport on a 1280 px wide screen.
const ZOOM: u8 = 8;

fn generate(n: usize) -> Vec<u8> {
    // xorshift64: the same points on every machine, without a dependency.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut out = Vec::with_capacity(n * 16);
    for _ in 0..n {
        // Sites gather in towns: half near one of 11 centres, half anywhere.
        let (lon, lat) = if next() < 0.5 {
            let town = (next() * 11.0) as usize as f64;
            (
                106.2 + town * 0.1 + (next() - 0.5) * 0.05,
                21.5 + (town % 5.0) * 0.18 + (next() - 0.5) * 0.05,
            )
        } else {
            (
                PROVINCE.min_lon + next() * (PROVINCE.max_lon - PROVINCE.min_lon),
                PROVINCE.min_lat + next() * (PROVINCE.max_lat - PROVINCE.min_lat),
            )
        };
        out.extend_from_slice(&lon.to_le_bytes());
        out.extend_from_slice(&lat.to_le_bytes());
    }
    out
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let file = args.next().unwrap_or_else(|| "target/points.bin".into());
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    if !std::path::Path::new(&file).exists() {
        std::fs::write(&file, generate(n))?;
    }
    let bytes = std::fs::read(&file)?;
    let points: Vec<Point> = bytes
        .chunks_exact(16)
        .enumerate()
        .map(|(i, c)| Point {
            id: Uuid::from_u128(i as u128),
            lon: f64::from_le_bytes(c[..8].try_into().expect("8 bytes")),
            lat: f64::from_le_bytes(c[8..].try_into().expect("8 bytes")),
            level: Level::ALL[i % 4],
        })
        .collect();
    let started = Instant::now();
    let index = ClusterIndex::build(&points, 60.0, 16);
    let build = started.elapsed();
    let runs = 200;
    let mut times = Vec::with_capacity(runs);
    let mut items = 0;
    for _ in 0..runs {
        let t = Instant::now();
        items = index.query(PROVINCE, ZOOM).len();
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "tiepcan: {} points, build {:.3} s, province query at zoom {ZOOM}: {items} items, median {:.1} µs",
        index.len(),
        build.as_secs_f64(),
        times[runs / 2].as_secs_f64() * 1e6
    );
    Ok(())
}
