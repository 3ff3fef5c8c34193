//! The cluster index's benchmark: builds it over N generated sites spread over Lạng Sơn, then
//! queries it, as `benches/clusters/supercluster.mjs` does with supercluster over the same
//! points and the same viewports (see docs/BENCHMARKS.md).
//!
//! `cargo run --release --example clusters -- FILE [N]` writes FILE (N points, little-endian
//! f64 longitude then latitude) when it does not exist, then reads it.
//!
//! What is timed, and only that: the build, from the sites already in memory (a `Vec<Point>`,
//! what `ClusterIndex::build` takes) to the finished index; then the queries, apart. Reading
//! the file and making the input are done before the clock starts.

use std::time::Instant;

use tiepcan::domain::cluster::{ClusterIndex, Point};
use tiepcan::domain::geo::Bbox;
use tiepcan::domain::site::level::Level;
use uuid::Uuid;

/// The province's box: every point lies in it, and the province query asks for all of it.
const PROVINCE: Bbox = Bbox {
    min_lon: 106.0,
    min_lat: 21.3,
    max_lon: 107.4,
    max_lat: 22.5,
};

/// A whole-province viewport on a 1280 px wide screen.
const ZOOM: u8 = 8;

/// Zooms of the viewport list; 17 is above the index's last zoom, where every site stands alone.
const ZOOMS: [u8; 7] = [6, 8, 10, 12, 14, 16, 17];

/// Times each query of the province at zoom 8 is asked, and rounds of the viewport list.
const PROVINCE_RUNS: usize = 200;
const ROUNDS: usize = 20;

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

/// The viewport list, written the same way in `supercluster.mjs`: at each zoom of `ZOOMS`, a
/// screen of about 1280 × 800 px centred on each of 5 × 4 points spread over the province.
fn viewports() -> Vec<(Bbox, u8)> {
    let mut out = Vec::new();
    for zoom in ZOOMS {
        let width = 1800.0 / f64::from(1u32 << zoom);
        let height = width * 0.58;
        for i in 0..5 {
            for j in 0..4 {
                let lon = 106.0 + (f64::from(i) + 0.5) * 1.4 / 5.0;
                let lat = 21.3 + (f64::from(j) + 0.5) * 1.2 / 4.0;
                let bbox = Bbox {
                    min_lon: lon - width / 2.0,
                    min_lat: lat - height / 2.0,
                    max_lon: lon + width / 2.0,
                    max_lat: lat + height / 2.0,
                };
                out.push((bbox, zoom));
            }
        }
    }
    out
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
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
    drop(bytes);
    let views = viewports();
    // A sum of every edge, each weighted apart, printed to show both sides ask the same.
    let check: f64 = views
        .iter()
        .map(|(b, _)| b.min_lon + 2.0 * b.min_lat + 3.0 * b.max_lon + 4.0 * b.max_lat)
        .sum();

    let started = Instant::now();
    let index = ClusterIndex::build(&points, 60.0, 16);
    let build = started.elapsed().as_secs_f64();

    let mut province = 0;
    let times = (0..PROVINCE_RUNS)
        .map(|_| {
            let t = Instant::now();
            province = index.query(PROVINCE, ZOOM).len();
            t.elapsed().as_secs_f64()
        })
        .collect();
    let province_median = median(times);
    let mut items = 0;
    let rounds = (0..ROUNDS)
        .map(|_| {
            let t = Instant::now();
            items = views.iter().map(|(b, z)| index.query(*b, *z).len()).sum();
            t.elapsed().as_secs_f64()
        })
        .collect();
    let round_median = median(rounds);
    println!(
        "tiepcan: {} points, build {build:.3} s; province at zoom {ZOOM}: {province} items, median {:.1} µs; {} viewports at zooms 6-17 (check {check:.9}): {items} items, median round {:.2} ms",
        index.len(),
        province_median * 1e6,
        views.len(),
        round_median * 1e3,
    );
    Ok(())
}
