#!/usr/bin/env bash
# Starts the app on a fresh demo database and reads its OGC API - Features with GDAL's
# OAPIF driver (Debian's gdal-bin): both layers must be listed and every feature read.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${TIEPCAN_OGC_PORT:-18090}
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT

cargo build --quiet
./target/debug/tiepcan serve --listen "127.0.0.1:$port" --data-dir "$data" \
  --database-url "sqlite://$data/ogc.db" >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$data/server.log"; exit 1; }

source="OAPIF:http://127.0.0.1:$port/ogc"
layers=$(ogrinfo -ro -q "$source")
echo "$layers"
fail=0
for layer in sites areas; do
  if ! grep -q ": $layer\b" <<<"$layers"; then
    echo "FAILED  layer $layer is not listed"; fail=1; continue
  fi
  # Small pages, so that reading every feature follows the next links.
  read_count=$(ogrinfo -ro -oo PAGE_SIZE=7 "$source" "$layer" | grep -c '^OGRFeature(' || true)
  case $layer in
    sites) want=$(curl -fsS "http://127.0.0.1:$port/api/v1/public/sites.geojson?limit=5000" \
                 | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["features"]))') ;;
    areas) want=$(curl -fsS "http://127.0.0.1:$port/ogc/collections/areas/items?limit=5000" \
                 | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["features"]))') ;;
  esac
  if [ "$read_count" = "$want" ] && [ "$want" -gt 0 ]; then
    echo "ok      $layer: GDAL read $read_count of $want features"
  else
    echo "FAILED  $layer: GDAL read $read_count features, the server has $want"; fail=1
  fi
done
exit $fail
