#!/usr/bin/env bash
# The public GeoJSON endpoint under load, beside nginx serving the same response bytes as a
# static file, on this machine. Needs Debian's nginx (nginx-light) and wrk.
#   bash benches/geojson_load/run.sh            # 100,000 sites, 3 rounds of 15 s each
#   SITES=100000 ROUNDS=3 SECONDS_EACH=15 CONNECTIONS=64 bash benches/geojson_load/run.sh
# Prints requests per second of each (wrk's figure), their ratio, and the server's
# resident memory (VmRSS now, VmHWM at its peak) after the load.
set -euo pipefail
cd "$(dirname "$0")/../.."
sites=${SITES:-100000}
rounds=${ROUNDS:-3}
each=${SECONDS_EACH:-15}
connections=${CONNECTIONS:-64}
query=${QUERY:-}
app_port=18101
nginx_port=18102
work=${WORK:-target/geojson_load}
mkdir -p "$work/www"
work=$(cd "$work" && pwd)
trap 'kill "${server:-}" 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true' EXIT

cargo build --release --quiet
bin=target/release/tiepcan
db="sqlite://$work/sites-$sites.db"
if [ ! -f "$work/sites-$sites.db" ]; then
  "$bin" serve --listen "127.0.0.1:$app_port" --data-dir "$work" --database-url "$db" \
    --demo-audits false >"$work/seed.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$app_port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  kill "$server"; wait "$server" 2>/dev/null || true
  "$bin" demo generate --database-url "$db" --sites "$sites"
fi
"$bin" serve --listen "127.0.0.1:$app_port" --data-dir "$work" --database-url "$db" \
  >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$app_port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

url="http://127.0.0.1:$app_port/api/v1/public/sites.geojson${query:+?$query}"
curl -fsS "$url" -o "$work/www/sites.geojson"
bytes=$(stat -c %s "$work/www/sites.geojson")
features=$(grep -o '"type":"Feature"' "$work/www/sites.geojson" | wc -l)

cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { application/geo+json geojson; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }
}
CONF
nginx -c "$work/nginx.conf"
static="http://127.0.0.1:$nginx_port/sites.geojson"
cmp <(curl -fsS "$url") <(curl -fsS "$static") || { echo "the two answers differ"; exit 1; }

rate() { wrk -t 2 -c "$connections" -d "${each}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
echo "GET $url: $features features, $bytes bytes; nginx serves the same bytes from a file"
echo "round  tiepcan req/s  nginx req/s  ratio"
ours=(); theirs=()
for r in $(seq 1 "$rounds"); do
  a=$(rate "$url"); b=$(rate "$static")
  ours+=("$a"); theirs+=("$b")
  printf '%5s  %13s  %11s  %5.2f\n' "$r" "$a" "$b" "$(echo "$a / $b" | bc -l)"
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
ma=$(median "${ours[@]}"); mb=$(median "${theirs[@]}")
printf 'median %13s  %11s  %5.2f\n' "$ma" "$mb" "$(echo "$ma / $mb" | bc -l)"
grep -E '^(VmRSS|VmHWM)' "/proc/$server/status"
