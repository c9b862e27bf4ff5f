#!/usr/bin/env bash
# Parses the same release names with Isop (`isop parse --json`) and with guessit (Debian python3-guessit),
# both pinned to one core, and prints names/s for each and the ratio.
# Usage: bench/compare-guessit.sh [ISOP_NAMES]   (default 400,000 names for Isop; guessit gets 1,176)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
data="$here/../shared/data/release-names/guessit-dev.jsonl"
[ -f "$data" ] || { echo "missing $data (../shared/data beside the repository)"; exit 1; }
/usr/bin/python3 -c 'import guessit' 2>/dev/null || { echo "guessit missing: apt-get install python3-guessit"; exit 1; }
isop_names="${1:-400000}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
dotnet build -c Release "$here/src/Isop" -o "$tmp/bin" >/dev/null
/usr/bin/python3 - "$data" "$tmp/names.txt" <<'PY'
import json, sys
names = [json.loads(l)["input"] for l in open(sys.argv[1]) if l.strip()]
with open(sys.argv[2], "w") as f:
    for n in names: f.write(n.replace("\n", " ") + "\n")
PY
count=$(wc -l < "$tmp/names.txt")
reps=$(( (isop_names + count - 1) / count ))
for _ in $(seq "$reps"); do cat "$tmp/names.txt"; done > "$tmp/isop-names.txt"
isop_total=$(wc -l < "$tmp/isop-names.txt")

start=$(date +%s.%N)
taskset -c 0 dotnet "$tmp/bin/isop.dll" parse --json < "$tmp/isop-names.txt" > "$tmp/isop.jsonl"
end=$(date +%s.%N)
isop_rate=$(/usr/bin/python3 -c "print(round($isop_total / ($end - $start)))")
[ "$(wc -l < "$tmp/isop.jsonl")" -eq "$isop_total" ] || { echo "isop printed a different number of lines"; exit 1; }

guessit_rate=$(taskset -c 0 /usr/bin/python3 - "$tmp/names.txt" <<'PY'
import sys, time
from guessit import guessit
names = [l.rstrip("\n") for l in open(sys.argv[1])]
guessit(names[0])  # warm up the rule engine
start = time.perf_counter(); n = 0
for _ in range(3):
    for name in names: guessit(name); n += 1
print(round(n / (time.perf_counter() - start)))
PY
)
echo "isop:    $isop_rate names/s ($isop_total names, one core, process start and JSON output included)"
echo "guessit: $guessit_rate names/s ($((count * 3)) names, one core)"
/usr/bin/python3 -c "print(f'ratio:   {$isop_rate / $guessit_rate:,.0f}x')"
