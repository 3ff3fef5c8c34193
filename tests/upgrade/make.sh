#!/usr/bin/env bash
# Makes the upgrade fixture once per release: the database a release writes on its first
# start (the demo, with its audits, findings and photos' records), and what that release
# serves as public data from it. The upgrade test (tests/api/upgrade.rs) opens the database
# with this checkout, migrates it, and expects the same public data, byte for byte.
#
# Usage: tests/upgrade/make.sh REV NAME   (e.g. tests/upgrade/make.sh 9cd86e2 release-28)
# Builds REV in a worktree of its own (sharing nothing with this checkout), so it takes a
# full build; TIEPCAN_BIN=path/to/tiepcan uses a binary already built from REV instead.
# Needs curl and sqlite3 (Debian's packages).
set -euo pipefail
cd "$(dirname "$0")/../.."
rev=$1 name=$2
here=$PWD
out=$here/tests/upgrade/$name
work=$(mktemp -d)
trap 'kill "${server:-}" 2>/dev/null || true; git worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --detach "$work/src" "$rev" >/dev/null
bin=${TIEPCAN_BIN:-}
if [ -z "$bin" ]; then
  (cd "$work/src" && TIEPCAN_MAP=off cargo build --quiet --bin tiepcan)
  bin=$work/src/target/debug/tiepcan
fi

port=18089
mkdir -p "$work/data"
"$bin" serve --listen "127.0.0.1:$port" --data-dir "$work/data" \
  --base-url http://tiepcan.test --checklists-dir "$work/src/checklists" \
  --demo --demo-audits true >"$work/log" 2>&1 &
server=$!
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
mkdir -p "$out"
for path in api/v1/public/export.geojson api/v1/public/export.csv api/v1/public/areas.geojson; do
  curl -fsS "http://127.0.0.1:$port/$path" -o "$out/$(basename "$path")"
done
kill "$server"; wait "$server" 2>/dev/null || true
server=

# The database alone (photos are not part of it), compacted and compressed.
sqlite3 "$work/data/tiepcan.db" "VACUUM INTO '$work/fixture.db'"
gzip -9 -c "$work/fixture.db" >"$out/tiepcan.db.gz"
ls -l "$out"
