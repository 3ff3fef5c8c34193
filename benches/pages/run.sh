#!/usr/bin/env bash
# Starts the app on a fresh demo database and measures the public home, a site page and an
# audit section on a weak 3G link at phone width (benches/pages/measure.mjs), then the bytes of
# a section page with the service worker, first and repeat visits (benches/pages/offline.mjs). A debug build:
# on this link the time is the network's, not the server's.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${TIEPCAN_BENCH_PORT:-18190}
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
cargo build --quiet
./target/debug/tiepcan serve --listen "127.0.0.1:$port" --data-dir "$data" \
  --database-url "sqlite://$data/bench.db" >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
db="sqlite://$data/bench.db"
echo "bench inspector password" | ./target/debug/tiepcan user add --database-url "$db" \
  --username bench.inspector --role inspector --department construction --password-stdin >/dev/null
node benches/pages/measure.mjs "http://127.0.0.1:$port"
node benches/pages/offline.mjs "http://127.0.0.1:$port"
