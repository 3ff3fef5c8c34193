#!/usr/bin/env bash
# Starts the app on a fresh demo database and runs the accessibility check against it.
# Needs Node.js and Debian's chromium; installs the npm tools from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${TIEPCAN_A11Y_PORT:-18089}
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT

[ -d node_modules/axe-core ] && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
cargo build --quiet
./target/debug/tiepcan serve --listen "127.0.0.1:$port" --data-dir "$data" \
  --database-url "sqlite://$data/a11y.db" >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$data/server.log"; exit 1; }
# Accounts for the signed-in pages, made the way an administrator would.
db="sqlite://$data/a11y.db"
echo "a11y inspector password" | ./target/debug/tiepcan user add --database-url "$db" \
  --username a11y.inspector --role inspector --department construction --password-stdin
echo "a11y coordinator password" | ./target/debug/tiepcan user add --database-url "$db" \
  --username a11y.coordinator --role coordinator --department home_affairs --password-stdin
echo "a11y admin password" | ./target/debug/tiepcan user add --database-url "$db" \
  --username a11y.admin --role admin --password-stdin
echo "a11y observer password" | ./target/debug/tiepcan user add --database-url "$db" \
  --username a11y.observer --role observer --password-stdin
# A reviewer in each field department as the demo stands after 2025 (transport merged into
# construction): the check reviews whichever has a submitted audit.
for department in construction culture; do
  echo "a11y reviewer password" | ./target/debug/tiepcan user add --database-url "$db" \
    --username "a11y.reviewer.$department" --role reviewer --department "$department" --password-stdin
done
# A message in the outbox for its page (no mail server here: it waits there).
./target/debug/tiepcan mail queue a11y.coordinator@langson.gov.vn --database-url "$db"
node tests/a11y/check.mjs "http://127.0.0.1:$port"
