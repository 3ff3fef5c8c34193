// supercluster (npm) over the same points as `cargo run --release --example clusters`:
// the same radius (60 px on 256 px tiles), zoom range (0-16), province query and viewport list.
// Usage: node --expose-gc benches/clusters/supercluster.mjs FILE [--levels]
//   FILE is written by the Rust example; --levels makes each cluster count its sites by level
//   (a map/reduce), as the Rust index always does.
//
// What is timed, and only that: `load`, from the sites already in memory (an array of GeoJSON
// Point features, the only input `load` takes) to the finished index; then the queries, apart.
// Reading the file, making the features and collecting the garbage of both happen before the
// clock starts.
import { readFileSync } from "node:fs";
import Supercluster from "supercluster";

const file = process.argv[2] ?? "target/points.bin";
const levels = process.argv.includes("--levels");
const PROVINCE = [106.0, 21.3, 107.4, 22.5];
const ZOOM = 8;
const ZOOMS = [6, 8, 10, 12, 14, 16, 17];
const PROVINCE_RUNS = 200;
const ROUNDS = 20;

// The viewport list, written the same way in examples/clusters.rs: at each zoom, a screen of
// about 1280 × 800 px centred on each of 5 × 4 points spread over the province.
function viewports() {
  const out = [];
  for (const zoom of ZOOMS) {
    const width = 1800.0 / 2 ** zoom;
    const height = width * 0.58;
    for (let i = 0; i < 5; i += 1) {
      for (let j = 0; j < 4; j += 1) {
        const lon = 106.0 + ((i + 0.5) * 1.4) / 5.0;
        const lat = 21.3 + ((j + 0.5) * 1.2) / 4.0;
        out.push([[lon - width / 2.0, lat - height / 2.0, lon + width / 2.0, lat + height / 2.0], zoom]);
      }
    }
  }
  return out;
}

const median = (times) => times.sort((a, b) => a - b)[times.length >> 1];

const points = [];
{
  const bytes = readFileSync(file);
  const values = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  for (let i = 0; i < values.length; i += 2) {
    points.push({ type: "Feature", properties: { level: (i / 2) % 4 }, geometry: { type: "Point", coordinates: [values[i], values[i + 1]] } });
  }
}
const views = viewports();
// A sum of every edge, each weighted apart, printed to show both sides ask the same.
let check = 0;
for (const [b] of views) check += b[0] + 2.0 * b[1] + 3.0 * b[2] + 4.0 * b[3];
const options = { radius: 60, extent: 256, minZoom: 0, maxZoom: 16 };
if (levels) {
  options.map = (p) => ({ by_level: [p.level === 0 ? 1 : 0, p.level === 1 ? 1 : 0, p.level === 2 ? 1 : 0, p.level === 3 ? 1 : 0] });
  options.reduce = (acc, p) => { for (let l = 0; l < 4; l += 1) acc.by_level[l] += p.by_level[l]; };
}
globalThis.gc?.();

const started = process.hrtime.bigint();
const index = new Supercluster(options).load(points);
const build = Number(process.hrtime.bigint() - started) / 1e9;

let province = 0;
const times = [];
for (let r = 0; r < PROVINCE_RUNS; r += 1) {
  const t = process.hrtime.bigint();
  province = index.getClusters(PROVINCE, ZOOM).length;
  times.push(Number(process.hrtime.bigint() - t) / 1e9);
}
let items = 0;
const rounds = [];
for (let r = 0; r < ROUNDS; r += 1) {
  const t = process.hrtime.bigint();
  items = 0;
  for (const [b, z] of views) items += index.getClusters(b, z).length;
  rounds.push(Number(process.hrtime.bigint() - t) / 1e9);
}
const name = levels ? "supercluster --levels" : "supercluster";
console.log(
  `${name}: ${points.length} points, build ${build.toFixed(3)} s; province at zoom ${ZOOM}: ${province} items, median ${(median(times) * 1e6).toFixed(1)} µs; ${views.length} viewports at zooms 6-17 (check ${check.toFixed(9)}): ${items} items, median round ${(median(rounds) * 1e3).toFixed(2)} ms`,
);
