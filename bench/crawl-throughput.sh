#!/usr/bin/env bash
# Pages/s of `isop crawl` (safe fetch, gzip decoding, WARC evidence, extraction, JSON lines) against a static
# piracy-style site served by nginx on 127.0.0.1 under several .test host names (--resolve), politeness on:
# per-host concurrency 2, global 16, robots.txt fetched per host. Needs Debian's nginx.
# Usage: bench/crawl-throughput.sh [HOSTS] [PAGES_PER_HOST]
set -euo pipefail
hosts="${1:-8}"; per_host="${2:-500}"
command -v nginx >/dev/null || { echo "nginx is needed: apt-get install -y nginx-light" >&2; exit 1; }
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"; chmod 755 "$tmp"
cleanup() { [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
dotnet build -c Release "$here/src/Isop" -o "$tmp/bin" >/dev/null

/usr/bin/python3 - "$hosts" "$per_host" "$tmp/site" <<'PY'
import os, random, sys
hosts, per_host, root = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
random.seed(5)
titles = ["Moving", "The.Glory", "Queen.of.Tears", "Vincenzo", "Crash.Landing.on.You", "Squid.Game", "Mr.Sunshine", "Itaewon.Class"]
os.makedirs(f"{root}/p", exist_ok=True)
for h in range(hosts):
    for i in range(per_host):
        rows = []
        for r in range(40):
            t = f"{random.choice(titles)}.S01E{random.randint(1,16):02d}.1080p.NF.WEB-DL.DDP2.0.x264-EVO"
            hsh = "%040x" % random.getrandbits(160)
            rows.append(f'<tr><td><a class=title href="/p/{h}-{random.randrange(per_host)}.html">{t}</a> <a href="magnet:?xt=urn:btih:{hsh}&amp;dn={t}">magnet</a></td>'
                        f'<td>{random.randint(300,4000)} MB</td><td>{random.randint(0,5000)}</td><td>{random.randint(0,500)}</td><td>2024-05-{random.randint(10,28)}</td></tr>')
        nxt = " ".join(f'<a href="/p/{h}-{j}.html">page {j}</a>' for j in range(i + 1, min(i + 6, per_host)))
        html = ("<!DOCTYPE html><html><head><meta charset=utf-8><title>Latest torrents page %d</title>"
                "<script>gtag('config','G-HOST%06d');</script></head><body>"
                "<nav class=menu><a href=/>Home</a><a href=/tv>TV</a></nav>"
                "<table class=torrents><thead><tr><th>Name</th><th>Size</th><th>SE</th><th>LE</th><th>Date</th></tr></thead><tbody>%s</tbody></table>"
                "<div class=pagination>%s</div><footer>contact: abuse@site%d.test</footer></body></html>") % (i, h, "\n".join(rows), nxt, h)
        open(f"{root}/p/{h}-{i}.html", "w").write(html)
PY

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$tmp/nginx.conf" <<CONF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  gzip on;
  server { listen 127.0.0.1:$port; root $tmp/site; }
}
CONF
nginx -p "$tmp" -c "$tmp/nginx.conf"
sleep 0.5

seeds=(); resolve=()
for ((h = 0; h < hosts; h++)); do seeds+=("http://site$h.test:$port/p/$h-0.html"); resolve+=(--resolve "site$h.test:$port:127.0.0.1"); done
total=$((hosts * per_host))
start=$(date +%s.%N)
dotnet "$tmp/bin/isop.dll" crawl "${seeds[@]}" "${resolve[@]}" --out "$tmp/out" --max-pages "$((total + hosts * 2))" --max-depth 100000 \
  --same-site --max-per-pattern 1000000 --delay 0 --per-host 2 --concurrency 16 --json > "$tmp/summary.json"
end=$(date +%s.%N)
dotnet "$tmp/bin/isop.dll" warc verify --json "$tmp"/out/evidence/*.warc.gz | /usr/bin/python3 -c 'import json,sys; r=[json.loads(l) for l in sys.stdin]; assert all(x["valid"] for x in r), r; n=sum(x["records"] for x in r); print("evidence verified:", n, "records")'
/usr/bin/python3 - "$tmp/summary.json" "$start" "$end" "$tmp/out" <<'PY'
import json, os, sys
s = json.load(open(sys.argv[1])); seconds = float(sys.argv[3]) - float(sys.argv[2])
pages = [json.loads(l) for l in open(os.path.join(sys.argv[4], "pages.jsonl"))]
html = sum(1 for p in pages if p.get("status") == 200 and (p.get("contentType") or "").startswith("text/html"))
received = sum(p.get("receivedBytes", 0) for p in pages); decoded = sum(p.get("bytes", 0) for p in pages)
warc = sum(os.path.getsize(os.path.join(sys.argv[4], "evidence", f)) for f in os.listdir(os.path.join(sys.argv[4], "evidence")))
print(f"{s['pages']} fetches ({html} HTML pages), {s['listings']} listings, {s['signals']} signals in {seconds:.1f} s (process start included)")
print(f"{s['pages'] / seconds:.0f} pages/s; {decoded / seconds / 1e6:.1f} MB/s decoded HTML ({received / seconds / 1e6:.1f} MB/s gzip on the wire); WARC {warc / 1e6:.1f} MB")
PY
