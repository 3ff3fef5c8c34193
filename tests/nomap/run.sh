#!/usr/bin/env bash
# A build without the map library, as on a machine without Node.js: it must build, serve
# the list of sites, say that the interactive map is not part of this build, and serve no
# map files; nor a service worker, manifest or field script (the pages work online only).
# `TIEPCAN_MAP=off TIEPCAN_OFFLINE=off` makes build.rs act as if there were neither
# node_modules nor npm. The usual build is restored at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${TIEPCAN_NOMAP_PORT:-18091}
data=$(mktemp -d)
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$data"; cargo build --quiet' EXIT

TIEPCAN_MAP=off TIEPCAN_OFFLINE=off cargo build 2>"$data/build.log" || { cat "$data/build.log"; exit 1; }
grep -q "the interactive map is not part of this build" "$data/build.log" \
  || { echo "FAILED: the build did not warn that it has no map"; cat "$data/build.log"; exit 1; }
cp target/debug/tiepcan "$data/tiepcan"
"$data/tiepcan" serve --listen "127.0.0.1:$port" --data-dir "$data" --demo-audits false \
  --database-url "sqlite://$data/nomap.db" >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
home=$(curl -fsS "http://127.0.0.1:$port/")
failed=0
check() { if eval "$2"; then echo "ok      $1"; else echo "FAILED  $1"; failed=1; fi; }
check "the home page says the map is not part of this build" \
  'grep -q "Bản đồ tương tác chưa có trong bản dựng này" <<<"$home"'
check "the home page lists the sites" '[ "$(grep -o "<li><a href=\"/sites/" <<<"$home" | wc -l)" -ge 10 ]'
check "no map on the page" '! grep -q "id=\"map\"" <<<"$home"'
for file in leaflet.js leaflet.css map.js; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/static/$file")
  check "/static/$file is not served ($status)" '[ "$status" = 404 ]'
done
for path in /sw.js /manifest.webmanifest /static/field.js /static/tus.js; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")
  check "$path is not served without the offline scripts ($status)" '[ "$status" = 404 ]'
done
check "no manifest linked" '! grep -q "rel=\"manifest\"" <<<"$home"'
exit "$failed"
