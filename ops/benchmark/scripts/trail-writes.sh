#!/usr/bin/env bash
# The case trail's rows written as the projections write them (bound inserts in JDBC batches) against text COPY, and
# COPY with the key on the event id added at the end (as a bulk rebuild does), on a scratch cluster with fsync on, the
# table made by the query side's own migration. Results: ops/BENCHMARKS.md, "Issue 16's goals" (rebuild).
#
#   N=200000 ops/benchmark/scripts/trail-writes.sh
#
# PG_BIN, PG_USER, WORK: see scratch-cluster.sh. The PostgreSQL driver is taken from the local Maven repository.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
PORT=55433
. "$HERE/scratch-cluster.sh"
sed -n '/^create table case_trail/,/^create unique index case_trail_case_sequence/p' \
    "$HERE/../../../query-side/src/main/resources/db/query/V30__cases.sql" | psql -h localhost -p $PORT -U postgres -q
DRIVER=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
java -cp "$DRIVER" "$HERE/TrailWrites.java" "${N:-200000}" \
    "jdbc:postgresql://localhost:$PORT/postgres?user=postgres&reWriteBatchedInserts=true"
stop_cluster
