#!/usr/bin/env bash
# The public GeoJSON endpoint under load, beside nginx serving the same answers as static
# files, on this machine, over a fixed list of map viewports and filters.
#   bash benches/geojson_load/run.sh      # 100,000 sites, 1,000 queries, 3 rounds of 15 s
#   SITES=100000 QUERIES=1000 ROUNDS=3 SECONDS_EACH=15 CONNECTIONS=64 bash benches/geojson_load/run.sh
#   BIN=path/to/tiepcan bash benches/geojson_load/run.sh   # another build, not built here
# 1. Starts the server on SQLite with the demo data and SITES generated sites.
# 2. Cold pass: asks for every query of benches/geojson_load/viewports.awk once, in order,
#    on one connection, each answer rendered from the database; saves each answer as a
#    file named after its query string, and prints the time it took.
# 3. nginx serves those files under the same paths and queries; every answer of both
#    servers is checked byte for byte against the saved one.
# 4. Each round, wrk walks the same list of paths, in the same order (walk.lua), first
#    against the server, then against nginx; prints requests per second of each, their
#    ratio, the median, and the server's resident memory (VmRSS now, VmHWM at its peak, RssAnon and RssFile its parts).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=benches/geojson_load
sites=${SITES:-100000}
queries=${QUERIES:-1000}
rounds=${ROUNDS:-3}
each=${SECONDS_EACH:-15}
connections=${CONNECTIONS:-64}
app_port=18101
nginx_port=18102
target=${CARGO_TARGET_DIR:-target}
work=${WORK:-$target/geojson_load}
mkdir -p "$work"
work=$(cd "$work" && pwd)
trap 'kill "${server:-}" 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true' EXIT

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y nginx-light wrk
fi

bin=${BIN:-$target/release/tiepcan}
[ -n "${BIN:-}" ] || cargo build --release --quiet
db="sqlite://$work/sites-$sites.db"
wait_up() {
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$app_port/healthz" >/dev/null 2>&1 && return; sleep 0.5; done
  echo "the server did not start"; exit 1
}
if [ ! -f "$work/sites-$sites.db" ]; then
  "$bin" serve --listen "127.0.0.1:$app_port" --data-dir "$work" --database-url "$db" \
    --demo-audits false >"$work/seed.log" 2>&1 &
  server=$!
  wait_up
  kill "$server"; wait "$server" 2>/dev/null || true
  "$bin" demo generate --database-url "$db" --sites "$sites"
fi
"$bin" serve --listen "127.0.0.1:$app_port" --data-dir "$work" --database-url "$db" \
  >"$work/server.log" 2>&1 &
server=$!
wait_up
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
memory() { grep -E '^(VmRSS|VmHWM|RssAnon|RssFile)' "/proc/$server/status" | tr -s ' \t' ' ' | paste -sd ' '; }
echo "server started: $(memory)"

# The list: one query string a line; the answers are saved as files named after them.
path=/api/v1/public/sites.geojson
awk -v n="$queries" -f "$here/viewports.awk" >"$work/queries.txt"
sed "s|^|$path?|" "$work/queries.txt" >"$work/paths.txt"
rm -rf "$work/www" "$work/check"
mkdir -p "$work/www/answers" "$work/check/tiepcan" "$work/check/nginx"
fetch_all() { # base URL, directory: every query, in order, on one connection
  awk -v base="$1" -v dir="$2" -v path="$path" \
    '{ printf "url = \"%s%s?%s\"\noutput = \"%s/%s.geojson\"\n", base, path, $0, dir, $0 }' \
    "$work/queries.txt" >"$work/fetch.conf"
  curl -sS --globoff -K "$work/fetch.conf" -w '%{http_code} %{time_total}\n'
}
start=$(date +%s.%N)
fetch_all "http://127.0.0.1:$app_port" "$work/www/answers" >"$work/cold.txt"
took=$(echo "$(date +%s.%N) - $start" | bc -l)
if awk '$1 != 200 { bad = 1 } END { exit !bad }' "$work/cold.txt"; then
  echo "the cold pass had answers other than 200"; exit 1
fi
sizes=$(find "$work/www/answers" -name '*.geojson' -printf '%s\n' | sort -n)
features=$(cat "$work"/www/answers/*.geojson | grep -o '"type":"Feature"' | wc -l)
printf 'cold pass: %d queries in %.1f s (%.0f req/s); per query median %.1f ms, slowest %.1f ms\n' \
  "$queries" "$took" "$(echo "$queries / $took" | bc -l)" \
  "$(median $(awk '{print $2 * 1000}' "$work/cold.txt"))" \
  "$(awk '{print $2 * 1000}' "$work/cold.txt" | sort -g | tail -1)"
printf 'answers: %d features, %.1f MB in all; per answer median %d bytes, largest %d\n' \
  "$features" "$(echo "$sizes" | awk '{s += $1} END {print s / 1048576}')" \
  "$(median $sizes)" "$(echo "$sizes" | tail -1)"
echo "after the cold pass: $(memory)"

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
  open_file_cache max=4096 inactive=60s;
  types { application/geo+json geojson; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    # The answer to a query is the file named after the query string.
    location = $path { try_files /answers/\$args.geojson =404; }
  }
}
CONF
nginx -c "$work/nginx.conf"
fetch_all "http://127.0.0.1:$nginx_port" "$work/check/nginx" >"$work/check/nginx.txt"
fetch_all "http://127.0.0.1:$app_port" "$work/check/tiepcan" >"$work/check/tiepcan.txt"
for side in nginx tiepcan; do
  diff -rq "$work/www/answers" "$work/check/$side" >/dev/null ||
    { echo "$side's answers differ from the saved ones"; exit 1; }
done
echo "all $queries answers of both servers are byte for byte the saved ones"

rate() { # base URL: requests per second of one wrk run over the list
  wrk -t 2 -c "$connections" -d "${each}s" -s "$here/walk.lua" "$1" -- "$work/paths.txt" \
    >"$work/wrk.txt"
  if grep -q 'Non-2xx' "$work/wrk.txt"; then cat "$work/wrk.txt"; exit 1; fi
  awk '/Requests\/sec/ {print $2}' "$work/wrk.txt"
}
echo "round  tiepcan req/s  nginx req/s  ratio"
ours=(); theirs=()
for r in $(seq 1 "$rounds"); do
  a=$(rate "http://127.0.0.1:$app_port"); b=$(rate "http://127.0.0.1:$nginx_port")
  ours+=("$a"); theirs+=("$b")
  printf '%5s  %13s  %11s  %5.2f\n' "$r" "$a" "$b" "$(echo "$a / $b" | bc -l)"
done
ma=$(median "${ours[@]}"); mb=$(median "${theirs[@]}")
printf 'median %13s  %11s  %5.2f\n' "$ma" "$mb" "$(echo "$ma / $mb" | bc -l)"
echo "after the load: $(memory)"
