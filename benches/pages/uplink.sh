#!/usr/bin/env bash
# Photo sync over a slow uplink (issue 23): the share of a 400 kbit/s link a tus upload uses,
# and the bytes sent again after a cut (benches/pages/uplink.mjs). A debug build: on this
# link the time is the network's, not the server's. uplink.mjs starts, kills and restarts the
# server itself (behind its counting proxy, which it names as the server's --base-url, so the
# upload's Location leads through the proxy too); this script only prepares the demo database
# and a user. Needs Node.js, Debian's chromium and sqlite3.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${TIEPCAN_UPLINK_PORT:-18195}
if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
  echo "something already answers on port $port; choose another with TIEPCAN_UPLINK_PORT" >&2
  exit 1
fi
data=$(mktemp -d)
trap 'kill "$first" 2>/dev/null || true; rm -rf "$data"' EXIT
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
cargo build --quiet
db="sqlite://$data/uplink.db"
# The demo's database, made by a first start.
./target/debug/tiepcan serve --listen "127.0.0.1:$port" --data-dir "$data" --database-url "$db" \
  >"$data/first.log" 2>&1 &
first=$!
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && grep -q "Demo sign-ins" "$data/first.log" && break
  sleep 0.5
done
grep -q "Demo sign-ins" "$data/first.log" || { cat "$data/first.log"; exit 1; }
kill "$first"
wait "$first" || true
echo "bench inspector password" | ./target/debug/tiepcan user add --database-url "$db" \
  --username bench.inspector --role inspector --department construction --password-stdin >/dev/null
node benches/pages/uplink.mjs "$port" "$data"
