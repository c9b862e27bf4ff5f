#!/usr/bin/env bash
# The public check API under load (issue 15), side by side with nginx (Debian nginx-light) serving the same JSON as a
# static file, on loopback, in the same run, with wrk:
#  1. Isop (Release, SQLite) with a CLEAR platform, the rate limiter on and the load test's address exempted by
#     configuration (Isop__Public__RateLimitExempt__0=127.0.0.1); the answer is fetched once and saved;
#  2. nginx serves those bytes as a static file (same Content-Type, keep-alive);
#  3. wrk at peak (-t2 -c32) on each: requests/s and the ratio; then Isop below its peak (-c4; wrk has no fixed-rate
#     mode), its share of the peak, p50 and p99.
# Isop runs twice: as built (tiered compilation off, which the CLI's batch work wants) and with
# DOTNET_TieredCompilation=1 (tiering and dynamic PGO, which a long-running server wants).
# Also checks that a client that is not exempted is limited (a 429 with Retry-After).
# Usage: bench/compare-nginx.sh [SECONDS]   (default 15)
set -euo pipefail
seconds="${1:-15}"
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
server=""; nginx_pid=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null || true; [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
for tool in wrk nginx curl jq; do command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install wrk nginx-light curl jq" >&2; exit 1; }; done
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "nothing listens on $1" >&2; return 1; }
rate() { awk '/Requests\/sec/ { print $2 }'; }
pct() { awk -v p="$1" '$1 == p { print $2 }'; }

echo "building Isop (Release)…" >&2
dotnet build -c Release "$here/src/Isop" -o "$tmp/bin" >/dev/null
isop() { dotnet "$tmp/bin/isop.dll" "$@"; }
isop admin create --email bench@isop.test --org "Bench bureau" --data "$tmp/data" >/dev/null
isop platform add "Bench streaming" --domain bench-stream.test --domain bench-stream2.test --kind streaming-site --tlp CLEAR --org "Bench bureau" --data "$tmp/data" >/dev/null

start_isop() {
  port=$(free_port)
  env "$@" Isop__Monitoring=false Isop__Public__RateLimitExempt__0=127.0.0.1 Isop__Public__RateLimitPerMinute=60 \
    dotnet "$tmp/bin/isop.dll" serve --data "$tmp/data" --urls "http://127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
  server=$!
  wait_port "$port"
}
stop_isop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
path="/api/public/v1/check?url=https%3A%2F%2Fwww.bench-stream.test%2Fwatch%3Fv%3D1"
start_isop DOTNET_TieredCompilation=0
curl -sf -H "Accept-Language: en" "http://127.0.0.1:$port$path" > "$tmp/answer.json"
jq -e '.verdict == "piracy"' "$tmp/answer.json" >/dev/null || { echo "unexpected answer: $(cat "$tmp/answer.json")" >&2; exit 1; }
echo "answer: $(wc -c < "$tmp/answer.json") bytes, verdict $(jq -r .verdict "$tmp/answer.json")"

# A client that is not exempted is limited: one that connects from 127.0.0.2.
limited=""
for _ in $(seq 1 70); do limited=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 "http://127.0.0.1:$port$path" || true); [ "$limited" = 429 ] && break; done
if [ "$limited" = 429 ]; then echo "rate limiter: on (a client from 127.0.0.2, not exempted, got 429 within 70 requests)"; else echo "rate limiter: a client from 127.0.0.2 was not limited (last status $limited)" >&2; exit 1; fi
stop_isop

# nginx, serving the same bytes as a static file.
nport=$(free_port)
mkdir -p "$tmp/www/api/public/v1" "$tmp/nginx"
cp "$tmp/answer.json" "$tmp/www/api/public/v1/check"
# nginx's workers run as another user (www-data when started as root): they read the static file, nothing else.
chmod a+x "$tmp"; chmod -R a+rX "$tmp/www"
cat > "$tmp/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx/body; proxy_temp_path $tmp/nginx/proxy; fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi; scgi_temp_path $tmp/nginx/scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nport;
    root $tmp/www;
    location / { default_type "application/json; charset=utf-8"; etag on; add_header Cache-Control "public, max-age=300"; add_header Access-Control-Allow-Origin "*"; }
  }
}
CONF
nginx -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" &
nginx_pid=$!
wait_port "$nport"
curl -sf "http://127.0.0.1:$nport/api/public/v1/check" > "$tmp/nginx-answer.json" || { echo "nginx does not answer: $(cat "$tmp/nginx/error.log")" >&2; exit 1; }
cmp -s "$tmp/nginx-answer.json" "$tmp/answer.json" || { echo "nginx does not serve the same bytes" >&2; exit 1; }

wrk -t2 -c32 -d2s "http://127.0.0.1:$nport/api/public/v1/check" >/dev/null   # warm-up
nginx_peak=$(wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$nport/api/public/v1/check")
nginx_rps=$(echo "$nginx_peak" | rate)
echo "nginx static (wrk -t2 -c32 ${seconds} s): $nginx_rps req/s (p50 $(echo "$nginx_peak" | pct 50%), p99 $(echo "$nginx_peak" | pct 99%))"
for tiering in 0 1; do
  start_isop DOTNET_TieredCompilation=$tiering
  label="Isop, DOTNET_TieredCompilation=$tiering"
  wrk -t2 -c32 -d10s -H "Accept-Language: en" "http://127.0.0.1:$port$path" >/dev/null   # warm-up (JIT, tiering, caches)
  isop_peak=$(wrk -t2 -c32 -d"${seconds}s" --latency -H "Accept-Language: en" "http://127.0.0.1:$port$path")
  isop_rps=$(echo "$isop_peak" | rate)
  echo "$label, peak (wrk -t2 -c32 ${seconds} s): $isop_rps req/s (p50 $(echo "$isop_peak" | pct 50%), p99 $(echo "$isop_peak" | pct 99%))"
  awk -v a="$isop_rps" -v b="$nginx_rps" -v l="$label" 'BEGIN { printf "%s: ratio Isop / nginx %.2f×\n", l, a / b }'
  isop_low=$(wrk -t2 -c4 -d"${seconds}s" --latency -H "Accept-Language: en" "http://127.0.0.1:$port$path")
  low_rps=$(echo "$isop_low" | rate)
  awk -v a="$low_rps" -v b="$isop_rps" -v p50="$(echo "$isop_low" | pct 50%)" -v p99="$(echo "$isop_low" | pct 99%)" -v l="$label" \
    'BEGIN { printf "%s, below peak (wrk -t2 -c4): %s req/s = %.0f%% of peak, p50 %s, p99 %s\n", l, a, 100 * a / b, p50, p99 }'
  if grep -q 'fail: ' "$tmp/serve.log"; then echo "the server logged failures:" >&2; grep -A3 'fail: ' "$tmp/serve.log" | head -20 >&2; fi
  stop_isop
done
