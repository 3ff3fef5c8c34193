#!/usr/bin/env bash
# A reporting round on the demo, run through the API (tests/rounds/round.py), and its
# compiled DOCX read back with python-docx (PyPI, installed into a virtualenv under
# target/): the letterhead, the signature block, the summary figures and every
# department's part with its figures and sections, against the compiled JSON.
# Port: TIEPCAN_ROUNDS_PORT (default 18095). Leaves round.docx and round.json in
# $TIEPCAN_ROUNDS_OUT when set (the print check converts that DOCX to PDF).
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${TIEPCAN_ROUNDS_PORT:-18095}
venv=target/docx-venv
python=$venv/bin/python
out=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$out"' EXIT

if ! "$python" -c 'import docx' 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$python" -m pip install --quiet --disable-pip-version-check 'python-docx==1.2.0'
fi

cargo build --quiet
db="sqlite://$out/rounds.db"
./target/debug/tiepcan serve --listen "127.0.0.1:$port" --data-dir "$out" --database-url "$db" \
  >"$out/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$out/server.log"; exit 1; }

# The coordinator and a reviewer in every department in use, made as an administrator would.
password="round test password"
echo "$password" | ./target/debug/tiepcan user add --database-url "$db" \
  --username round.coordinator --role coordinator --password-stdin >/dev/null
for code in $(curl -fsS "http://127.0.0.1:$port/api/v1/departments" |
  python3 -c 'import json,sys; print(" ".join(d["code"] for d in json.load(sys.stdin)))'); do
  echo "$password" | ./target/debug/tiepcan user add --database-url "$db" \
    --username "round.reviewer.$code" --role reviewer --department "$code" --password-stdin >/dev/null
done

departments=$(python3 tests/rounds/round.py "http://127.0.0.1:$port" "$out" "$password")
echo "a round of: $departments"
"$python" tests/rounds/readback.py "$out/round.docx" "$out/round.json"
if [ -n "${TIEPCAN_ROUNDS_OUT:-}" ]; then
  cp "$out/round.docx" "$out/round.json" "$TIEPCAN_ROUNDS_OUT/"
fi
