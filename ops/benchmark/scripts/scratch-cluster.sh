# Sourced by the scripts here: starts a scratch PostgreSQL cluster on port $PORT with the server options $PG_OPTIONS
# (none by default: fsync and synchronous commit on), and defines stop_cluster.
# PG_BIN: PostgreSQL's bin directory (default: the binaries the embedded PostgreSQL unpacked under /tmp/embedded-pg);
# PG_USER: the operating-system user to run the server as (PostgreSQL refuses root); WORK: a scratch directory.
B=${PG_BIN:-$(ls -d /tmp/embedded-pg/PG-*/bin | head -1)}
RUN_AS=${PG_USER:-$(id -un)}
WORK=${WORK:-$(mktemp -d)}; chown "$RUN_AS" "$WORK" 2>/dev/null
as_pg() { if [ "$RUN_AS" = "$(id -un)" ]; then "$@"; else runuser -u "$RUN_AS" -- "$@"; fi; }
D=$WORK/data; rm -rf $D; as_pg $B/initdb -D $D -U postgres -A trust >/dev/null
as_pg $B/pg_ctl -D $D -o "-p $PORT ${PG_OPTIONS:-}" -l $WORK/pg.log start >/dev/null; sleep 2
stop_cluster() { as_pg $B/pg_ctl -D $D stop -m fast >/dev/null; }
