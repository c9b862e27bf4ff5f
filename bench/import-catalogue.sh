#!/usr/bin/env bash
# Times `isop catalogue import` of a generated 100,000-work catalogue: first import (all created) and
# re-import (all unchanged), on SQLite and, where installed, on a throw-away PostgreSQL on loopback.
# Usage: bench/import-catalogue.sh [WORKS]
set -euo pipefail
works="${1:-100000}"
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
# shellcheck source=bench/throwaway-postgres.sh
. "$here/bench/throwaway-postgres.sh"
trap 'stop_postgres; rm -rf "$tmp"' EXIT
dotnet build -c Release "$here/src/Isop" -o "$tmp/bin" >/dev/null
isop() { dotnet "$tmp/bin/isop.dll" "$@"; }
/usr/bin/python3 - "$works" > "$tmp/catalogue.json" <<'PY'
import json, sys
n = int(sys.argv[1])
print(json.dumps({"works": [{"id": f"K{i:06d}", "kind": "series", "year": 2000 + i % 25, "episodes": 16,
  "titles": [{"text": f"사랑의 불시착 {i}", "lang": "ko"}, {"text": f"Crash Landing on You {i}", "lang": "en"}],
  "aliases": ["CLOY"], "rightsHolder": "Studio Dragon"} for i in range(n)]}, ensure_ascii=False))
PY
run() {
  local label="$1"; shift
  isop "$@" admin create --email bench@studio.test --org Studio --org-kind rights-holder --json >/dev/null
  for pass in first again; do
    local start end
    start=$(date +%s.%N)
    isop "$@" catalogue import "$tmp/catalogue.json" --json >/dev/null
    end=$(date +%s.%N)
    /usr/bin/python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'$label $pass import: {s:.1f} s, {int(sys.argv[3])/s:,.0f} works/s')" "$start" "$end" "$works"
  done
  isop "$@" audit verify --json
}
run sqlite --data "$tmp/sqlite"
pg_run() { run postgresql --data "$tmp/pgdata" --database "$PG_URL"; }
with_postgres "$tmp" pg_run
