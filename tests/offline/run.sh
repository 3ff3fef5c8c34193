#!/usr/bin/env bash
# The phone offline, in Debian's Chromium: drafts kept on the phone through a closed tab,
# the sync queue sending each answer batch and photo once when the network returns (two
# tabs at once too), several photos of one section, an audit started and filled with the
# server down, a conflict with a reviewer's return, an 8 MB photo over a 400 kbit/s uplink,
# an upload resumed after a server restart, the 413 page of a form over its limit without
# JavaScript, and axe over the new states at phone width. check.mjs starts and stops the server
# itself (a phone is offline for real while the server is down).
# Needs Node.js, Debian's chromium and sqlite3; installs the npm tools from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${TIEPCAN_OFFLINE_PORT:-18093}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

[ -d node_modules/playwright-core ] && [ -d node_modules/esbuild ] || npm ci --no-audit --no-fund
cargo build --quiet
db="sqlite://$data/offline.db"
# The demo's database, made by a first start.
./target/debug/tiepcan serve --listen "127.0.0.1:$port" --data-dir "$data" --database-url "$db" \
  >"$data/first.log" 2>&1 &
first=$!
# Ready once it answers and the demo's sign-ins, printed last, are out.
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && grep -q "Demo sign-ins" "$data/first.log" && break
  sleep 0.5
done
grep -q "Demo sign-ins" "$data/first.log" || { cat "$data/first.log"; exit 1; }
kill "$first"
wait "$first" || true
echo "offline inspector password" | ./target/debug/tiepcan user add --database-url "$db" \
  --username off.inspector --role inspector --department construction --password-stdin
node tests/offline/check.mjs "$port" "$data"
