#!/usr/bin/env bash
# STIX and TAXII at scale (issue 13), side by side with OASIS's reference TAXII server (medallion, memory backend) on
# the same objects, in the same run:
#  1. `isop stix import` of an OBJECTS-object bundle on SQLite and on a throw-away PostgreSQL (dedupe and persistence);
#     then the same bundle again (every object a duplicate);
#  2. Isop's TAXII server on each database (OBJECTS stored): POST ingest of another OBJECTS objects in envelopes of
#     1,000, then of OBJECTS more in envelopes of 10,000, and the latency of a page of 100 under load (wrk, 8
#     connections, 15 s: p50 and p99); the SQLite server's figures are set beside medallion's;
#  3. medallion: the latency of a page of 100 with 1,000 stored, POST ingest up to MEDALLION objects in envelopes of
#     1,000 (it slows as its collection grows), then MEDALLION more in envelopes of 10,000; then the ratios.
# Usage: bench/stix-scale.sh [OBJECTS] [MEDALLION]   (defaults 100000 and 10000)
set -euo pipefail
objects="${1:-100000}"
medallion_objects="${2:-10000}"
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
# shellcheck source=bench/throwaway-postgres.sh
. "$here/bench/throwaway-postgres.sh"
server=""; medallion=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null || true; [ -n "$medallion" ] && kill "$medallion" 2>/dev/null || true; stop_postgres; rm -rf "$tmp"; }
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "nothing listens on $1" >&2; return 1; }

echo "building Isop (Release)…" >&2
dotnet build -c Release "$here/src/Isop" -o "$tmp/bin" >/dev/null
isop() { dotnet "$tmp/bin/isop.dll" "$@"; }
/usr/bin/python3 "$here/bench/stix-bundle.py" "$objects" 1 > "$tmp/bundle.json"
/usr/bin/python3 "$here/bench/stix-bundle.py" "$objects" 2 > "$tmp/bundle2.json"
/usr/bin/python3 "$here/bench/stix-bundle.py" "$objects" 3 > "$tmp/bundle3.json"
echo "bundle: $objects objects, $(du -h "$tmp/bundle.json" | cut -f1)"

# Each timed phase starts once the writes before it are on disk (`sync`): what is timed is that phase, not the flushing
# of the bundles or of the phase before.
import_rate() { sync; isop stix import "$tmp/bundle.json" --json "$@" | jq -r '"\(.objects) objects: \(.added) added, \(.duplicates) duplicates in \(.seconds) s = \(.objectsPerSecond) objects/s"'; }
isop admin create --email bench@isop.test --org "Bench bureau" --data "$tmp/sqlite" >/dev/null
echo "isop stix import, SQLite:      $(import_rate --data "$tmp/sqlite")"
echo "isop stix import again:        $(import_rate --data "$tmp/sqlite")"
# Isop's TAXII server on the data of one database (OBJECTS stored): POST ingest in envelopes of 1,000, then of 10,000,
# then the latency of a page of 100 under load.
taxii_run() {
  local label="$1" data="$2"; shift 2
  local token org port collection base wrk_out
  token=$(isop admin token --email bench@isop.test --data "$data" "$@" --json | jq -r .token)
  org=$(isop stix export --data "$data" "$@" --out "$tmp/export.json" --json | jq -r .organisation)
  port=$(free_port)
  Isop__Monitoring=false dotnet "$tmp/bin/isop.dll" serve --data "$data" "$@" --urls "http://127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
  server=$!
  wait_port "$port"
  collection=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/taxii2/api/collections/" | jq -r --arg org "$org" '.collections[] | select(.title == $org) | .id')
  base="http://127.0.0.1:$port/taxii2/api/collections/$collection/"
  curl -sf -o /dev/null -H "Authorization: Bearer $token" "${base}objects/?limit=100"
  sync
  isop_post=$(/usr/bin/python3 "$here/bench/taxii-drive.py" post "$base" "bearer:$token" "$tmp/bundle2.json" 1000)
  echo "Isop TAXII POST, $label (1,000 per envelope, $objects → $((objects * 2)) stored): $isop_post"
  sync
  isop_post10=$(/usr/bin/python3 "$here/bench/taxii-drive.py" post "$base" "bearer:$token" "$tmp/bundle3.json" 10000)
  echo "Isop TAXII POST, $label (10,000 per envelope, $((objects * 2)) → $((objects * 3)) stored): $isop_post10"
  sync
  wrk_out=$(wrk -t2 -c8 -d15s --latency -H "Authorization: Bearer $token" -H "Accept: application/taxii+json;version=2.1" "${base}objects/?limit=100")
  isop_p50=$(echo "$wrk_out" | awk '$1 == "50%" { print $2 }')
  isop_p99=$(echo "$wrk_out" | awk '$1 == "99%" { print $2 }')
  echo "Isop TAXII page of 100, $label, with $((objects * 3)) stored, under load (wrk -t2 -c8 15 s): p50 $isop_p50, p99 $isop_p99, $(echo "$wrk_out" | awk '/Requests\/sec/ { print $2 }') pages/s"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

pg_run() {
  isop admin create --email bench@isop.test --org "Bench bureau" --data "$tmp/pgdata" --database "$PG_URL" >/dev/null
  echo "isop stix import, PostgreSQL:  $(import_rate --data "$tmp/pgdata" --database "$PG_URL")"
  echo "isop stix import again:        $(import_rate --data "$tmp/pgdata" --database "$PG_URL")"
  taxii_run PostgreSQL "$tmp/pgdata" --database "$PG_URL"
}
with_postgres "$tmp" pg_run

# The SQLite server's figures are the ones set beside medallion's below.
taxii_run SQLite "$tmp/sqlite"

# medallion on the same objects.
py=$("$here/../shared/peers/stix-setup" 2>/dev/null | tail -1) || { echo "medallion: the OASIS tools could not be set up, skipped"; exit 0; }
mport=$(free_port)
"$(dirname "$py")/medallion" --host 127.0.0.1 --port "$mport" --no-conf-dir --conf-file "$(dirname "$(dirname "$(dirname "$py")")")/medallion-memory.json" >"$tmp/medallion.log" 2>&1 &
medallion=$!
wait_port "$mport"
mbase="http://127.0.0.1:$mport/trustgroup1/collections/365fed99-08fa-fdcd-a1b3-fb247eb41d01/"
# A page is measured at 1,000 stored (beyond that a page of medallion's memory backend takes minutes), then the ingest
# goes on to MEDALLION objects.
/usr/bin/python3 "$here/bench/taxii-drive.py" post "$mbase" "basic:admin:Password0" "$tmp/bundle.json" 1000 1000 >/dev/null
med_page=$(/usr/bin/python3 "$here/bench/taxii-drive.py" page "$mbase" "basic:admin:Password0" 5)
echo "medallion page of 100 with 1000 stored (sequential): $med_page"
/usr/bin/python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); b["objects"]=b["objects"][1000:]; json.dump(b, open(sys.argv[2],"w"))' "$tmp/bundle.json" "$tmp/rest.json"
med_post=$(/usr/bin/python3 "$here/bench/taxii-drive.py" post "$mbase" "basic:admin:Password0" "$tmp/rest.json" 1000 "$((medallion_objects - 1000))")
echo "medallion TAXII POST (1,000 per envelope, 1000 → $medallion_objects stored): $med_post"
med_post10=$(/usr/bin/python3 "$here/bench/taxii-drive.py" post "$mbase" "basic:admin:Password0" "$tmp/bundle3.json" 10000 "$medallion_objects")
echo "medallion TAXII POST (10,000 per envelope, $medallion_objects → $((medallion_objects * 2)) stored): $med_post10"
ratio() { /usr/bin/python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'{a / b:.1f}x')" "$1" "$2"; }
isop_rate=$(echo "$isop_post" | jq -r .rate); med_rate=$(echo "$med_post" | jq -r .rate)
med_p50=$(echo "$med_page" | jq -r .p50_ms)
to_ms() { /usr/bin/python3 -c "import sys, re; v = sys.argv[1]; n = float(re.match(r'[0-9.]+', v).group()); u = v[len(re.match(r'[0-9.]+', v).group()):]; print(n * {'us': 0.001, 'ms': 1, 's': 1000}[u])" "$1"; }
echo "ratio, POST ingest (objects/s):   Isop over $((objects * 2)) stored / medallion over $medallion_objects = $(ratio "$isop_rate" "$med_rate")"
echo "ratio, POST ingest, 10,000 per envelope: Isop over $((objects * 3)) stored / medallion over $((medallion_objects * 2)) = $(ratio "$(echo "$isop_post10" | jq -r .rate)" "$(echo "$med_post10" | jq -r .rate)")"
echo "ratio, page of 100 (p50):          medallion at 1000 / Isop at $((objects * 3)) under load = $(ratio "$med_p50" "$(to_ms "$isop_p50")")"
