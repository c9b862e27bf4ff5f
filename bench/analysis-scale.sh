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
# shellcheck source=bench/throwaway-postgres.sh
. "$here/bench/throwaway-postgres.sh"
trap 'stop_postgres; rm -rf "$tmp"' EXIT
dotnet build -c Release "$here/bench/Isop.Benchmarks" -o "$tmp/bin" >/dev/null
bench() { dotnet "$tmp/bin/Isop.Benchmarks.dll" analysis-scale --observations "$observations" --sightings "$sightings" "$@"; }
bench --data "$tmp/sqlite"
pg_run() { bench --data "$tmp/pgdata" --database "$PG_URL"; }
with_postgres "$tmp" pg_run
