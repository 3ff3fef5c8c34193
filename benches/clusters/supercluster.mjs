// supercluster (npm) over the same points as `cargo run --release --example clusters`:
// the same radius (60 px on 256 px tiles), zoom range (0-16) and province viewport.
// Usage: node benches/clusters/supercluster.mjs FILE   (FILE written by the Rust example)
import { readFileSync } from "node:fs";
import Supercluster from "supercluster";

const file = process.argv[2] ?? "target/points.bin";
const bytes = readFileSync(file);
const values = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
const points = [];
for (let i = 0; i < values.length; i += 2) {
  points.push({ type: "Feature", properties: { level: (i / 2) % 4 }, geometry: { type: "Point", coordinates: [values[i], values[i + 1]] } });
}
const started = process.hrtime.bigint();
const index = new Supercluster({ radius: 60, extent: 256, minZoom: 0, maxZoom: 16 }).load(points);
const build = Number(process.hrtime.bigint() - started) / 1e9;
const runs = 200;
const times = [];
let items = 0;
for (let r = 0; r < runs; r += 1) {
  const t = process.hrtime.bigint();
  items = index.getClusters([106.0, 21.3, 107.4, 22.5], 8).length;
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
times.sort((a, b) => a - b);
console.log(`supercluster: ${points.length} points, build ${build.toFixed(3)} s, province query at zoom 8: ${items} items, median ${(times[runs / 2] * 1000).toFixed(1)} µs`);
