#!/usr/bin/env bash
# Starts the binary the tests built on a fresh demo database, on a free port, and runs the
# Open311 client script against it: the services, a request posted form-encoded and read
# back, the standard's error list. (The API test of the same name also runs the script,
# with a moderator closing the request between its two reads.)
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${TIEPCAN_OPEN311_PORT:-18311}
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT

# The binary `cargo test` built; built here only when missing.
[ -x target/debug/tiepcan ] || cargo build --quiet
./target/debug/tiepcan serve --listen "127.0.0.1:$port" --data-dir "$data" \
  --database-url "sqlite://$data/open311.db" >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$data/server.log"; exit 1; }

python3 tests/open311/client.py "http://127.0.0.1:$port"
