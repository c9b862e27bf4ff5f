# Sourced by the bench scripts: `with_postgres TMP COMMAND…` starts a throw-away PostgreSQL on a free loopback port,
# as the postgres user in a folder it owns, runs COMMAND… with $PG_URL set, and stops the server when the script
# exits (the caller's EXIT trap calls stop_postgres). Without PostgreSQL installed it says so and runs nothing.
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort | tail -1 || true)"
pgdata=""
stop_postgres() {
  if [ -n "$pgdata" ]; then runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true; fi
}
with_postgres() {
  local tmp="$1"; shift
  if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
    echo "postgresql: not installed, skipped"
    return 0
  fi
  pgdata="$tmp/pg"; mkdir -p "$pgdata"; chown postgres "$tmp" "$pgdata"
  local port
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/log" -w -o "-p $port -k $pgdata -c listen_addresses=127.0.0.1" start >/dev/null
  PG_URL="postgres://postgres@127.0.0.1:$port/postgres" "$@"
}
