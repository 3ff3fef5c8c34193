#!/usr/bin/env bash
# Prints the periodic report (written by `tiepcan report`) and a site's accessibility
# statement (served by the app) with Chromium's --print-to-pdf, and a reporting round's
# compiled DOCX (made by tests/rounds/run.sh) with LibreOffice, and checks that each is a
# readable A4 document: A4 pages, a sensible page count, and its words and figures in the
# PDF's text (the statement's QR code on its first page, every department's part in the
# round's). Needs Debian's chromium, poppler-utils (pdfinfo, pdftotext) and LibreOffice's
# writer (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${TIEPCAN_PRINT_PORT:-18093}
out=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$out"' EXIT

cargo build --quiet
db="sqlite://$out/print.db"
./target/debug/tiepcan serve --listen "127.0.0.1:$port" --data-dir "$out" --database-url "$db" \
  >"$out/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$out/server.log"; exit 1; }

print() { # URL PDF
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$2" "$1" 2>/dev/null
  [ -s "$2" ] || { echo "FAIL: no PDF for $1"; exit 1; }
}
failures=0
check() { # NAME PDF MAX_PAGES WORDS...
  local name=$1 pdf=$2 max=$3
  shift 3
  local info pages size text
  info=$(pdfinfo "$pdf")
  pages=$(awk '/^Pages:/ {print $2}' <<<"$info")
  size=$(grep '^Page size:' <<<"$info")
  text=$(pdftotext -layout "$pdf" - | tr -s ' ')
  local problems=()
  [[ $size == *"(A4)"* ]] || problems+=("not A4: $size")
  [ "$pages" -ge 1 ] && [ "$pages" -le "$max" ] || problems+=("$pages pages, expected 1 to $max")
  for words in "$@"; do
    grep -qF -- "$words" <<<"$text" || problems+=("the text lacks \"$words\"")
  done
  if [ ${#problems[@]} -eq 0 ]; then
    echo "ok: $name ($pages A4 pages)"
  else
    echo "FAIL: $name: ${problems[*]}"
    failures=$((failures + 1))
  fi
}

year=$(date +%Y)
./target/debug/tiepcan report --database-url "$db" --from "$year-01-01" --to "$year-12-31" \
  --format html --out "$out/report.html"
./target/debug/tiepcan report --database-url "$db" --from "$year-01-01" --to "$year-12-31" \
  --format json --out "$out/report.json"
registered=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"]["registered"])' "$out/report.json")
print "file://$out/report.html" "$out/report.pdf"
check "the yearly report" "$out/report.pdf" 12 \
  "BÁO CÁO KẾT QUẢ KIỂM TRA KHẢ NĂNG TIẾP CẬN" "UBND TỈNH LẠNG SƠN" \
  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "từ ngày 01/01/$year đến ngày 31/12/$year" \
  "Địa điểm đã đăng ký $registered " "Mức tiếp cận cuối kỳ theo sở, ngành" \
  "Tiến độ theo thời hạn của Luật Người khuyết tật" "NGƯỜI LẬP BÁO CÁO"

# The statement of an audited site with photos, as its operator would print it.
site=$(python3 - "http://127.0.0.1:$port" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
page = json.load(urllib.request.urlopen(f"{base}/api/v1/public/sites.geojson?limit=500"))
for f in page["features"]:
    facts = json.load(urllib.request.urlopen(f"{base}/api/v1/public/sites/{f['id']}"))
    if facts["level"] != "unknown" and facts["photos"]:
        print(f["id"], facts["name"], sep="\t")
        break
PY
)
id=${site%%$'\t'*}
name=${site#*$'\t'}
[ -n "$id" ] || { echo "FAIL: the demo has no audited site with photos"; exit 1; }
print "http://127.0.0.1:$port/sites/$id/statement?lang=vi" "$out/statement.pdf"
check "a site's statement" "$out/statement.pdf" 2 "$name"
# Its QR code, with its caption and address, is on the first page: where a passer-by looks.
first=$(pdftotext -f 1 -l 1 -layout "$out/statement.pdf" - | tr -s ' ')
if grep -qF "Quét mã" <<<"$first" && grep -qF "/sites/" <<<"$first"; then
  echo "ok: the statement's QR code is on its first page"
else
  echo "FAIL: the first page of the statement lacks the QR code's caption and address"
  failures=$((failures + 1))
fi

# A round's compiled report as the province's offices open it: LibreOffice turns the DOCX
# into a PDF, which holds the letterhead, every department's part and the signatures.
command -v soffice >/dev/null 2>&1 || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui
}
TIEPCAN_ROUNDS_OUT="$out" bash tests/rounds/run.sh
soffice -env:UserInstallation="file://$out/office" --headless --convert-to pdf \
  --outdir "$out" "$out/round.docx" >/dev/null 2>&1
[ -s "$out/round.pdf" ] || { echo "FAIL: LibreOffice made no PDF of the round"; exit 1; }
mapfile -t words < <(python3 - "$out/round.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1], encoding="utf-8"))
for part in c["parts"]:
    print(part["name"])
    for section in ("results", "difficulties", "proposals"):
        print(part["sections"][section].splitlines()[0])
PY
)
[ ${#words[@]} -gt 0 ] || { echo "FAIL: the round has no part"; exit 1; }
check "a round's compiled DOCX, through LibreOffice" "$out/round.pdf" 60 \
  "UBND TỈNH LẠNG SƠN" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Số: ........../BC-......" \
  "Phần báo cáo của các sở, ngành" "NGƯỜI LẬP BÁO CÁO" "${words[@]}"

[ "$failures" -eq 0 ] || exit 1
