#!/usr/bin/env bash
# Matches listings against a generated 100,000-work catalogue with `isop match` on one core and prints listings/s.
# The catalogue: two- to four-word English titles and Korean titles from syllable pools, years, kinds, episode counts;
# the listings: site-style texts for catalogue works (English, Korean, French, scene names) and for unknown titles.
# Usage: bench/match-throughput.sh [WORKS] [LISTINGS]
set -euo pipefail
works="${1:-100000}"; listings="${2:-200000}"
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
dotnet build -c Release "$here/src/Isop" -o "$tmp/bin" >/dev/null
/usr/bin/python3 - "$works" "$listings" "$tmp" <<'PY'
import json, random, sys
random.seed(20261124)
n, m, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
words = ("love crash landing queen tears squid game goblin reply kingdom signal doctor sweet home mister moving glory "
         "attorney hospital prison playlist train busan parasite host murder memories hunt decision leave mother gods "
         "worlds tower god solo leveling beauty lookism night sky river moon star sun city hero king prince princess "
         "secret garden my our your last first winter summer spring autumn dream heart light shadow fire water stone").split()
syll = list("가나다라마바사아자차카타파하강남동서민정수영진현지은서윤하준도시우")
kinds = ["series"] * 6 + ["film"] * 3 + ["webtoon", "music"]
catalogue, titles = [], []
seen = set()
for i in range(n):
    while True:
        en = " ".join(random.choice(words).capitalize() for _ in range(random.randint(2, 4)))
        ko = "".join(random.choice(syll) for _ in range(random.randint(3, 6)))
        if (en, ko) not in seen: seen.add((en, ko)); break
    kind = random.choice(kinds)
    w = {"id": f"W{i:06d}", "kind": kind, "year": random.randint(1990, 2025), "titles": [{"text": ko, "lang": "ko"}, {"text": en, "lang": "en"}]}
    if kind in ("series", "webtoon"): w["episodes"] = random.randint(8, 200)
    catalogue.append(w); titles.append((en, ko, w))
json.dump({"works": catalogue}, open(f"{out}/catalogue.json", "w"), ensure_ascii=False)
with open(f"{out}/listings.txt", "w") as f:
    for j in range(m):
        en, ko, w = random.choice(titles)
        r = random.random()
        if r < 0.2: f.write(f"Watch {en} Episode {random.randint(1, 8)} English Sub Online Free | DramaCool\n")
        elif r < 0.4: f.write(f"{ko} {random.randint(1, 8)}회 다시보기\n")
        elif r < 0.55: f.write(f"{en.replace(' ', '.')}.S01E0{random.randint(1, 8)}.1080p.NF.WEB-DL.DDP2.0.x264-NTb\n")
        elif r < 0.7: f.write(f"Regarder {en} épisode {random.randint(1, 8)} VOSTFR\n")
        elif r < 0.85: f.write(f"{en} ({w['year']}) streaming VF\n")
        else: f.write(f"Watch Some Unknown Show {random.randint(1, 99)} Episode 3 Eng Sub\n")
PY
taskset -c 0 dotnet "$tmp/bin/isop.dll" match --catalogue "$tmp/catalogue.json" --json Warmup > /dev/null
start=$(date +%s.%N)
taskset -c 0 dotnet "$tmp/bin/isop.dll" match --catalogue "$tmp/catalogue.json" --json < "$tmp/listings.txt" > "$tmp/out.jsonl"
end=$(date +%s.%N)
load_start=$(date +%s.%N)
taskset -c 0 dotnet "$tmp/bin/isop.dll" match --catalogue "$tmp/catalogue.json" --json "x" > /dev/null
load_end=$(date +%s.%N)
/usr/bin/python3 - "$tmp/out.jsonl" "$start" "$end" "$load_start" "$load_end" "$listings" "$works" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
start, end, ls, le, m, n = map(float, sys.argv[2:8])
load = le - ls
matched = sum(1 for r in rows if r["work"])
print(f"catalogue: {int(n):,} works; listings: {len(rows):,} ({matched:,} matched)")
print(f"total {end - start:.2f} s, of which start-up and catalogue load {load:.2f} s")
print(f"matching: {len(rows) / max(end - start - load, 1e-9):,.0f} listings/s on one core")
PY
