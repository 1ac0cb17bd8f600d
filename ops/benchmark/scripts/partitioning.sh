#!/usr/bin/env bash
# The event table partitioned by position range (declarative partitioning) against the plain table Axon uses:
# which of Axon's unique constraints PostgreSQL allows, append cost with and without a guard table that would restore
# them, size, an aggregate's load and a processor's tracking read. Results: ops/BENCHMARKS.md, "Partitioning".
#
#   N=2000000 PARTS=20 ops/benchmark/scripts/partitioning.sh
#
# PG_BIN, PG_USER, WORK: see scratch-cluster.sh.
set -u
PORT=55432 PG_OPTIONS="-c fsync=off -c synchronous_commit=off -c shared_buffers=256MB"
. "$(dirname "$0")/scratch-cluster.sh"
Q="psql -h localhost -p 55432 -U postgres -q -At"
N=${N:-2000000}; PARTS=${PARTS:-20}
$Q <<SQL
create table plain (global_index bigint primary key, aggregate_identifier varchar(255) not null, sequence_number bigint not null,
  type varchar(255), event_identifier varchar(255) not null unique, time_stamp varchar(255) not null, payload_type varchar(255) not null,
  payload_revision varchar(255), payload bytea not null, meta_data bytea, unique (aggregate_identifier, sequence_number));
create table part (global_index bigint not null, aggregate_identifier varchar(255) not null, sequence_number bigint not null,
  type varchar(255), event_identifier varchar(255) not null, time_stamp varchar(255) not null, payload_type varchar(255) not null,
  payload_revision varchar(255), payload bytea not null, meta_data bytea, primary key (global_index)) partition by range (global_index);
SQL
echo "-- the unique constraints Axon relies on, on the partitioned table:"
$Q -c "alter table part add constraint part_agg_seq unique (aggregate_identifier, sequence_number)" 2>&1 | head -2
$Q -c "alter table part add constraint part_event_id unique (event_identifier)" 2>&1 | head -2
STEP=$((N / PARTS))
for i in $(seq 0 $((PARTS - 1))); do
  $Q -c "create table part_$i partition of part for values from ($((i * STEP + 1))) to ($(((i + 1) * STEP + 1)))"
done
$Q -c "create table part_tail partition of part for values from ($((N + 1))) to (maxvalue)"
$Q -c "create index part_agg on part (aggregate_identifier, sequence_number)"
# the guard that would keep (aggregate, sequence) and event id unique across partitions
$Q -c "create table part_guard (aggregate_identifier varchar(255) not null, sequence_number bigint not null, event_identifier varchar(255) not null unique, primary key (aggregate_identifier, sequence_number))"
FILL="select g, 'agg-' || (g % ($N / 10)), g / ($N / 10), 'Case', 'evt-' || g, '2026-12-05T00:00:00Z', 'org.quanli.kernel.cases.CaseMessages\$CaseAccepted', null, convert_to(repeat('x', 400), 'UTF8'), convert_to(repeat('m', 120), 'UTF8') from generate_series(1, $N) g"
t0=$(date +%s%N); $Q -c "insert into plain $FILL"; t1=$(date +%s%N)
$Q -c "insert into part $FILL"; t2=$(date +%s%N)
$Q -c "insert into part_guard select aggregate_identifier, sequence_number, event_identifier from part"; t3=$(date +%s%N)
$Q -c "vacuum analyze"
echo "load $N events: plain $(( (t1 - t0) / 1000000 )) ms; partitioned $(( (t2 - t1) / 1000000 )) ms; guard $(( (t3 - t2) / 1000000 )) ms"
echo "sizes: plain $($Q -c "select pg_size_pretty(pg_total_relation_size('plain'))"), partitioned $($Q -c "select pg_size_pretty(sum(pg_total_relation_size(inhrelid))) from pg_inherits where inhparent = 'part'::regclass"), guard $($Q -c "select pg_size_pretty(pg_total_relation_size('part_guard'))")"
echo "bytes per event (plain, with indexes): $($Q -c "select pg_total_relation_size('plain') / $N")"
# single-row appends, one transaction each, as commands append: 20000 each
gen() { for k in $(seq 1 20000); do g=$((N + k)); echo "insert into $1 values ($g, 'agg-new-$k', 0, 'Case', 'evt-$1-$g', '2026-12-05T00:00:00Z', 'X', null, convert_to(repeat('x', 400), 'UTF8'), null);"; done; }
gen plain > $WORK/plain.sql; gen part > $WORK/part.sql
for k in $(seq 1 20000); do g=$((N + k)); echo "begin; insert into part values ($g, 'agg-g-$k', 0, 'Case', 'evt-g-$g', '2026-12-05T00:00:00Z', 'X', null, convert_to(repeat('x', 400), 'UTF8'), null); insert into part_guard values ('agg-g-$k', 0, 'evt-g-$g'); commit;"; done > $WORK/guarded.sql
$Q -c "delete from part where global_index > $N"
t0=$(date +%s%N); $Q -f $WORK/plain.sql; t1=$(date +%s%N); $Q -f $WORK/part.sql; t2=$(date +%s%N)
$Q -c "delete from part where global_index > $N"
t3=$(date +%s%N); $Q -f $WORK/guarded.sql; t4=$(date +%s%N)
echo "20000 single-event appends: plain $(( (t1 - t0) / 1000000 )) ms; partitioned, no guard $(( (t2 - t1) / 1000000 )) ms; partitioned with guard $(( (t4 - t3) / 1000000 )) ms"
echo "-- load of one aggregate (Axon: aggregate_identifier = ? and sequence_number >= ? order by sequence_number):"
for t in plain part; do
  $Q -c "explain (analyze, buffers, timing off, summary on) select * from $t where aggregate_identifier = 'agg-12345' and sequence_number >= 0 order by sequence_number" | grep -E 'Execution|Planning|Buffers: shared' | head -3 | sed "s/^/$t: /"
done
echo "-- a processor's tracking read (global_index > ? order by global_index limit 100):"
for t in plain part; do
  $Q -c "explain (analyze, buffers, timing off, summary on) select * from $t where global_index > 1500000 order by global_index limit 100" | grep -E 'Execution|Planning' | sed "s/^/$t: /"
done
echo "-- 2000 aggregate loads, wall time:"
for t in plain part; do
  for k in $(seq 1 2000); do echo "select count(*) from (select * from $t where aggregate_identifier = 'agg-$(( (k * 7919) % (N / 10) ))' and sequence_number >= 0 order by sequence_number) x;"; done > $WORK/loads-$t.sql
  t0=$(date +%s%N); $Q -f $WORK/loads-$t.sql > /dev/null; t1=$(date +%s%N); echo "$t: $(( (t1 - t0) / 1000000 )) ms"
done
stop_cluster
