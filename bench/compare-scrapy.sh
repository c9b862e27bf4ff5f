#!/usr/bin/env bash
# Crawls the same range with a Scrapy spider (following links and extracting them) and with Isop's full monitoring
# pipeline (safe fetch, WARC evidence, extraction, recognition against the catalogue, storage in SQLite with the
# audit chain), with the same politeness: robots.txt obeyed, 2 requests in flight per host, no delay, depth 4.
# Prints pages/s of each and the ratio. Needs Debian's python3-scrapy (apt-get install -y python3-scrapy).
# Usage: bench/compare-scrapy.sh [SCALE] [SEED]
set -euo pipefail
scale="${1:-3}"; seed="${2:-1}"
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
cleanup() { [ -n "${range_pid:-}" ] && kill "$range_pid" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
/usr/bin/python3 -c 'import scrapy' 2>/dev/null || { echo "python3-scrapy is needed: apt-get install -y python3-scrapy" >&2; exit 1; }
dotnet build -c Release "$here/src/Isop" -o "$tmp/bin" >/dev/null

# The range on loopback, its catalogue and piracy platforms registered in a fresh database.
dotnet "$tmp/bin/isop.dll" range --register --data "$tmp/data" --scale "$scale" --seed "$seed" --json > "$tmp/range.json" 2> "$tmp/range.err" &
range_pid=$!
for _ in $(seq 1 300); do [ -s "$tmp/range.json" ] && grep -q registered "$tmp/range.err" 2>/dev/null && break; sleep 0.1; done

cat > "$tmp/spider.py" <<'PY'
import json, os, sys, time
import scrapy
from scrapy.crawler import CrawlerProcess
from urllib.parse import urlparse

info = json.loads(open(sys.argv[1]).readline())
port = info["port"]
seeds = [s["url"] for s in info["sites"] if s["piracy"]]
# The range answers by Host header: Scrapy reaches the .test names through it as an HTTP proxy.
os.environ["http_proxy"] = f"http://127.0.0.1:{port}"

class RangeSpider(scrapy.Spider):
    name = "range"
    start_urls = seeds
    allowed_domains = sorted({urlparse(s).hostname for s in seeds})

    def parse(self, response):
        if not hasattr(response, "css"):
            return
        for a in response.css("a[href]"):
            href = a.attrib["href"]
            if href.startswith("magnet:"):
                yield {"page": response.url, "magnet": href, "text": " ".join(a.css("::text").getall()).strip()}
                continue
            yield {"page": response.url, "href": response.urljoin(href), "text": " ".join(a.css("::text").getall()).strip()}
            yield response.follow(href, callback=self.parse)

process = CrawlerProcess(settings={
    "ROBOTSTXT_OBEY": True, "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 2, "DOWNLOAD_DELAY": 0,
    "DEPTH_LIMIT": 4, "LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False, "AUTOTHROTTLE_ENABLED": False,
    "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7", "FEEDS": {sys.argv[2]: {"format": "jsonlines"}},
})
crawler = process.create_crawler(RangeSpider)
process.crawl(crawler)
process.start()
stats = crawler.stats.get_stats()
pages = stats.get("response_received_count", 0)
seconds = stats.get("elapsed_time_seconds", 0.0)
print(json.dumps({"pages": pages, "seconds": seconds, "items": stats.get("item_scraped_count", 0)}))
PY
scrapy_json=$(/usr/bin/python3 "$tmp/spider.py" "$tmp/range.json" "$tmp/items.jsonl" | tail -1)
isop_json=$(dotnet "$tmp/bin/isop.dll" monitor run --data "$tmp/data" --concurrency 64 --json | tail -1)
/usr/bin/python3 - "$scrapy_json" "$isop_json" <<'PY'
import json, sys
s, i = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sr = s["pages"] / s["seconds"]; ir = i["pages"] / i["seconds"]
print(f"scrapy: {s['pages']} pages in {s['seconds']:.2f} s = {sr:.0f} pages/s ({s['items']} links extracted)")
print(f"isop:   {i['pages']} pages in {i['seconds']:.2f} s = {ir:.0f} pages/s "
      f"(fetch, WARC, extraction, recognition, storage: {i['listings']} listings, {i['matched']} recognised, {i['new']} observations)")
print(f"ratio:  {ir / sr:.1f}x")
PY
