#!/usr/bin/env python3
"""Drives a TAXII 2.1 server the same way for Isop and for medallion (bench/stix-scale.sh).
  post URL AUTH BUNDLE [ENVELOPE] [MAX]   POST the bundle's objects in envelopes; prints the rate overall and of the last tenth
  page URL AUTH [REQUESTS]                GET pages of 100 objects; prints p50 and p99 in milliseconds
AUTH is bearer:TOKEN or basic:USER:PASSWORD."""
import json, sys, time, base64, urllib.request

MEDIA = "application/taxii+json;version=2.1"
def headers(auth):
    h = {"Accept": MEDIA, "Content-Type": MEDIA}
    kind, _, rest = auth.partition(":")
    h["Authorization"] = "Bearer " + rest if kind == "bearer" else "Basic " + base64.b64encode(rest.encode()).decode()
    return h

def call(url, auth, body=None):
    req = urllib.request.Request(url, data=body, headers=headers(auth), method="POST" if body else "GET")
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.loads(r.read() or b"{}")

mode, url, auth = sys.argv[1], sys.argv[2], sys.argv[3]
if mode == "post":
    objects = json.load(open(sys.argv[4]))["objects"]
    size = int(sys.argv[5]) if len(sys.argv) > 5 else 1000
    limit = int(sys.argv[6]) if len(sys.argv) > 6 else len(objects)
    objects = objects[:limit]
    # The envelopes are written before the clock starts: what is timed is the server's ingest, not this script's JSON.
    bodies = [(json.dumps({"objects": objects[i:i + size]}).encode(), len(objects[i:i + size])) for i in range(0, len(objects), size)]
    times = []
    start = time.perf_counter()
    for body, n in bodies:
        t = time.perf_counter()
        status = call(url + "objects/", auth, body)
        times.append((time.perf_counter() - t, n))
        assert status.get("success_count", 0) + status.get("failure_count", 0) >= 0
    total = time.perf_counter() - start
    tail = times[-max(1, len(times) // 10):]
    print(json.dumps({"objects": len(objects), "seconds": round(total, 2), "rate": round(len(objects) / total),
                      "last_tenth_rate": round(sum(n for _, n in tail) / sum(t for t, _ in tail))}))
else:
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    lat = []
    for _ in range(n):
        t = time.perf_counter()
        page = call(url + "objects/?limit=100", auth)
        lat.append((time.perf_counter() - t) * 1000)
        assert len(page.get("objects", [])) > 0
    lat.sort()
    print(json.dumps({"requests": n, "p50_ms": round(lat[len(lat) // 2], 1), "p99_ms": round(lat[min(len(lat) - 1, int(len(lat) * 0.99))], 1)}))
