#!/usr/bin/env bash
# The cost of the analysis as data grows (issue 12): OBSERVATIONS observations and SIGHTINGS signal sightings ingested
# through the monitor's batch upserts (the batch time at the start and at the end shows ingest stays incremental),
# then operations, releases, groups, scores, the money trail, the digest and a loss estimate computed at that size,
# on SQLite and, where installed, on a throw-away PostgreSQL on loopback.
# Usage: bench/analysis-scale.sh [OBSERVATIONS] [SIGHTINGS]
set -euo pipefail
observations="${1:-1000000}"
sightings="${2:-100000}"
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'if [ -n "${pgdata:-}" ]; then runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true; fi; rm -rf "$tmp"' EXIT
dotnet build -c Release "$here/bench/Isop.Benchmarks" -o "$tmp/bin" >/dev/null
bench() { dotnet "$tmp/bin/Isop.Benchmarks.dll" analysis-scale --observations "$observations" --sightings "$sightings" "$@"; }
bench --data "$tmp/sqlite"
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort | tail -1 || true)"
if [ -n "$pgbin" ] && [ -x "$pgbin/initdb" ]; then
  pgdata="$tmp/pg"; mkdir -p "$pgdata"; chown postgres "$tmp" "$pgdata"
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/log" -w -o "-p $port -k $pgdata -c listen_addresses=127.0.0.1" start >/dev/null
  bench --data "$tmp/pgdata" --database "postgres://postgres@127.0.0.1:$port/postgres"
else
  echo "postgresql: not installed, skipped"
fi
