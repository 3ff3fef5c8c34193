#!/usr/bin/env bash
# Runs the object-storage tests against a real S3-compatible server on this machine: moto's
# server (PyPI, installed into a virtualenv under target/), on 127.0.0.1, with a new bucket
# for this run; every test app keeps its photos there (tests/api/common sets --photo-store).
# Usage: tests/s3/run.sh [TEST_FILTER...]   (default: the object store, photo, audit, demo and
# backup tests)
# Port: TIEPCAN_S3_PORT (default 9000).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -eq 0 ]; then set -- objects photos audit demo responses remediation finding_pages backup; fi
port=${TIEPCAN_S3_PORT:-9000}
venv=target/s3-venv
python=$venv/bin/python

if ! "$python" -c 'import moto.server, boto3' 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$python" -m pip install --quiet --disable-pip-version-check 'moto[server]'
fi

if "$python" -c "import socket, sys; s = socket.socket(); sys.exit(s.connect_ex(('127.0.0.1', $port)) != 0)"; then
  echo "port $port is taken; set TIEPCAN_S3_PORT" >&2
  exit 1
fi

log=$(mktemp)
"$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null || true; wait "$moto" 2>/dev/null || true; rm -f "$log"' EXIT

endpoint="http://127.0.0.1:$port"
bucket="tiepcan-test-$(date +%s)-$$"
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
export AWS_ENDPOINT_URL=$endpoint AWS_ALLOW_HTTP=true
export TIEPCAN_TEST_S3_ENDPOINT=$endpoint TIEPCAN_TEST_S3_BUCKET=$bucket

# Wait until the server answers, then make this run's bucket.
"$python" - "$endpoint" "$bucket" <<'PY' || { cat "$log" >&2; exit 1; }
import sys, time
import boto3, botocore.exceptions
endpoint, bucket = sys.argv[1], sys.argv[2]
s3 = boto3.client("s3", endpoint_url=endpoint)
for _ in range(100):
    try:
        s3.list_buckets()
        break
    except (botocore.exceptions.EndpointConnectionError, botocore.exceptions.ConnectionClosedError):
        time.sleep(0.2)
else:
    sys.exit("the S3 server did not answer")
s3.create_bucket(Bucket=bucket)
print(f"S3 server at {endpoint}, bucket {bucket}")
PY

cargo test --test api -- "$@"
