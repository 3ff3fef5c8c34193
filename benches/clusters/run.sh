#!/usr/bin/env bash
# The cluster index against supercluster over the same 1,000,000 points, one process of each
# in turn, RUNS times; each process times its own build and queries (see the two programs)
# and /usr/bin/time adds the whole process's wall time, CPU time and peak memory.
#   bash benches/clusters/run.sh                  # 5 runs of each
#   RUNS=5 LEVELS=1 bash benches/clusters/run.sh  # supercluster also counting sites by level
# Needs `npm ci` (supercluster 9.1.0). The Rust example writes the points file on its first
# run (target/points.bin, under CARGO_TARGET_DIR when set), before any clock starts.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-5}
target=${CARGO_TARGET_DIR:-target}
points=${POINTS:-$target/points.bin}
levels=${LEVELS:+--levels}
cargo build --release --quiet --example clusters
for _ in $(seq 1 "$runs"); do
  /usr/bin/time -f '  (whole process: %e s wall, %U s user + %S s system, %M KiB peak)' \
    "$target/release/examples/clusters" "$points" 1000000
  # shellcheck disable=SC2086 # $levels is empty or one word
  /usr/bin/time -f '  (whole process: %e s wall, %U s user + %S s system, %M KiB peak)' \
    node --expose-gc benches/clusters/supercluster.mjs "$points" $levels
done
