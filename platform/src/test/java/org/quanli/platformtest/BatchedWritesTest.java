package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.platform.db.SqlValues;
import org.quanli.platform.projections.AppendRow;
import org.quanli.platform.projections.BatchedWrites;
import org.quanli.platform.projections.RowWrite;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A projection's statements wait for its batch and go out with it, in the batch's transaction, or earlier when a
 * handler flushes them; a row's statements keep their order, an aggregate's consecutive writes of its row become one;
 * rows only ever appended are copied in by a bulk rebuild as they would be inserted; and a batch whose statements
 * failed at commit is retried with every statement run at once, so that the event that cannot be written fails in
 * its own handler.
 */
@SpringBootTest(classes = PlatformTestApplication.class)
@ActiveProfiles({"test", "demo"})
class BatchedWritesTest {

    private static final String UPSERT = "insert into batched_write_probe (id, value) values (:id, :value) "
            + "on conflict (id) do update set value = excluded.value";
    private static final String APPEND = "update batched_write_probe set value = value || :suffix where id = :id";

    @Autowired
    BatchedWrites writes;
    @Autowired
    TransactionManager axonTransactions;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void probeTable() {
        jdbc.sql("create table if not exists batched_write_probe (id text primary key, value text not null)")
                .update();
        // An aggregate's row, and how many times PostgreSQL wrote it (a trigger counts every insert and update).
        jdbc.sql("""
                create table if not exists row_write_probe (id text primary key, a text, b text, c int,
                    sequence_number bigint not null, last_recorded_at timestamptz, writes int not null default 0);
                create or replace function row_write_probe_count() returns trigger language plpgsql as $$
                begin
                    new.writes := case when tg_op = 'INSERT' then 1 else old.writes + 1 end;
                    return new;
                end $$;
                create or replace trigger row_write_probe_count before insert or update on row_write_probe
                    for each row execute function row_write_probe_count();
                alter table row_write_probe add column if not exists d text;
                create table if not exists row_write_lookup (a text primary key, d text not null);
                create table if not exists append_probe (id text primary key, label text, n integer, big bigint,
                    flag boolean, day date, at timestamptz, facts jsonb)""").update();
    }

    private static final AppendRow.Table APPENDED = AppendRow.Table.of("append_probe", "id", "label", "n",
            "big", "flag", "day", "at", "facts");

    /** A row of every kind of value the projections append, text with the characters COPY's format escapes. */
    private static AppendRow appended(String id, String label, long nanos) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("label", label);
        row.put("n", label == null ? null : 7);
        row.put("big", 9_000_000_000L);
        row.put("flag", label != null);
        row.put("day", LocalDate.of(2019, 9, 30));
        // Beijing time: the text sent is the same instant in UTC.
        row.put("at", OffsetDateTime.of(2019, 9, 30, 8, 30, 0, (int) nanos, ZoneOffset.ofHours(8)));
        row.put("facts", SqlValues.json("{\"opinion\": \"同意\\t见附件\\\\1\", \"n\": 1}"));
        return APPENDED.row(row);
    }

    private Map<String, Object> appendedRow(String id) {
        return jdbc.sql("select label, n, big, flag, day, facts::text, "
                + "to_char(at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at from append_probe where id = ?")
                .param(id).query().singleRow();
    }

    /** The probe row's column {@code d}, filled from this table by the row's {@code a}. */
    private static final RowWrite.Lookup D = new RowWrite.Lookup("d",
            "(select l.d from row_write_lookup l where l.a = :a)",
            "coalesce(row_write_probe.d, (select l.d from row_write_lookup l where l.a = row_write_probe.a))");

    private Map<String, Object> probeRow(String id) {
        return jdbc.sql("select a, b, c, d, sequence_number, writes from row_write_probe where id = ?").param(id)
                .query().singleRow();
    }

    private static RowWrite first(String id, Map<String, ?> columns) {
        return RowWrite.insert("row_write_probe", "id", id, 0, Instant.now(), columns);
    }

    private static RowWrite change(String id, long sequence, String column, Object value) {
        Map<String, Object> columns = new HashMap<>();
        columns.put(column, value);
        return RowWrite.change("row_write_probe", "id", id, sequence, Instant.now(), columns, null);
    }

    private void inOneBatch(Runnable handling) {
        ResultMessage<?> result = batchOf(1).executeWithResult(() -> {
            handling.run();
            return null;
        });
        assertThat(result.isExceptional()).isFalse();
    }

    private long rows(String id) {
        return jdbc.sql("select count(*) from batched_write_probe where id = ?").param(id).query(Long.class).single();
    }

    private String value(String id) {
        return jdbc.sql("select value from batched_write_probe where id = ?").param(id).query(String.class).single();
    }

    /** A batch of {@code events} events in its own transaction, as a streaming processor runs one. */
    private BatchingUnitOfWork<EventMessage<?>> batchOf(int events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            messages.add(GenericEventMessage.asEventMessage("event " + i));
        }
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        batch.attachTransaction(axonTransactions);
        return batch;
    }

    @Test
    void aBatchsStatementsGoOutWhenItCommitsAndARowsStatementsKeepTheirOrder() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf(1);
        List<Long> seenWhileHandling = new ArrayList<>();

        ResultMessage<?> result = batch.executeWithResult(() -> {
            writes.write(a, UPSERT, Map.of("id", a, "value", "1"));
            writes.write(b, UPSERT, Map.of("id", b, "value", "x"));
            writes.write(a, APPEND, Map.of("id", a, "suffix", "2"));
            writes.write(a, APPEND, Map.of("id", a, "suffix", "3"));
            writes.write(b, APPEND, Map.of("id", b, "suffix", "y"));
            seenWhileHandling.add(jdbc.sql("select count(*) from batched_write_probe where id in (?, ?)")
                    .params(a, b).query(Long.class).single());
            return null;
        });

        assertThat(result.isExceptional()).isFalse();
        assertThat(seenWhileHandling).containsExactly(0L);
        assertThat(value(a)).isEqualTo("123");
        assertThat(value(b)).isEqualTo("xy");
    }

    @Test
    void flushingRunsTheStatementsHeldBackSoThatAStatementAboutSeveralRowsSeesThemAndLaterOnesWaitAgain() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf(1);
        List<Long> seenWhileHandling = new ArrayList<>();

        ResultMessage<?> result = batch.executeWithResult(() -> {
            writes.write(a, UPSERT, Map.of("id", a, "value", "1"));
            writes.write(b, UPSERT, Map.of("id", b, "value", "2"));
            writes.flushPending();
            seenWhileHandling.add(jdbc.sql("select count(*) from batched_write_probe where id in (?, ?)")
                    .params(a, b).query(Long.class).single());
            jdbc.sql("update batched_write_probe set value = value || '!' where id in (?, ?)").params(a, b).update();
            writes.write(a, APPEND, Map.of("id", a, "suffix", "3"));
            seenWhileHandling.add(jdbc.sql("select count(*) from batched_write_probe where id = ? and value = '1!3'")
                    .param(a).query(Long.class).single());
            return null;
        });

        assertThat(result.isExceptional()).isFalse();
        assertThat(seenWhileHandling).containsExactly(2L, 0L);
        assertThat(value(a)).isEqualTo("1!3");
        assertThat(value(b)).isEqualTo("2!");
    }

    @Test
    void anAggregatesWritesOfItsRowInOneBatchAreOneStatementLeavingEachColumnsLatestValue() {
        String id = UUID.randomUUID().toString();

        inOneBatch(() -> {
            writes.write(first(id, Map.of("a", "1", "b", "x")));
            writes.write(change(id, 1, "a", "2"));
            writes.write(change(id, 2, "c", 5));
            writes.write(change(id, 3, "b", null));
        });

        assertThat(probeRow(id)).containsEntry("a", "2").containsEntry("b", null).containsEntry("c", 5)
                .containsEntry("sequence_number", 3L).containsEntry("writes", 1);
    }

    @Test
    void foldedWritesHandedOverAgainGiveTheRowWrittenOneByOne() {
        String id = UUID.randomUUID().toString();
        inOneBatch(() -> {
            writes.write(first(id, Map.of("a", "1", "b", "x")));
            writes.write(change(id, 1, "b", "y"));
        });

        // The same events and two more, as after a token moved back: the row had taken events 0 and 1.
        inOneBatch(() -> {
            writes.write(first(id, Map.of("a", "1", "b", "x")));
            writes.write(change(id, 1, "b", "y"));
            writes.write(change(id, 2, "a", "2"));
            writes.write(change(id, 3, "c", 7));
        });
        assertThat(probeRow(id)).containsEntry("a", "2").containsEntry("b", "y").containsEntry("c", 7)
                .containsEntry("sequence_number", 3L).containsEntry("writes", 2);

        // Handed over once more, all of it taken already: the row is not written.
        inOneBatch(() -> {
            writes.write(change(id, 2, "a", "2"));
            writes.write(change(id, 3, "c", 7));
        });
        assertThat(probeRow(id)).containsEntry("sequence_number", 3L).containsEntry("writes", 2);
    }

    @Test
    void aColumnLookedUpInAnotherTableIsFilledByTheFoldedWriteAsByTheWritesOneByOne() {
        String a = UUID.randomUUID().toString();
        jdbc.sql("insert into row_write_lookup (a, d) values (?, 'found')").param(a).update();
        String folded = UUID.randomUUID().toString();
        String apart = UUID.randomUUID().toString();
        String late = UUID.randomUUID().toString();

        inOneBatch(() -> {
            writes.write(RowWrite.insert("row_write_probe", "id", folded, 0, Instant.now(), Map.of("a", a), D));
            writes.write(RowWrite.change("row_write_probe", "id", folded, 1, Instant.now(), Map.of("b", "x"),
                    D.assignment()));
            writes.write(RowWrite.change("row_write_probe", "id", folded, 2, Instant.now(), Map.of("c", 3), null));
        });
        for (int sequence = 0; sequence < 3; sequence++) {
            int event = sequence;
            inOneBatch(() -> writes.write(switch (event) {
                case 0 -> RowWrite.insert("row_write_probe", "id", apart, 0, Instant.now(), Map.of("a", a), D);
                case 1 -> RowWrite.change("row_write_probe", "id", apart, 1, Instant.now(), Map.of("b", "x"),
                        D.assignment());
                default -> RowWrite.change("row_write_probe", "id", apart, 2, Instant.now(), Map.of("c", 3), null);
            }));
        }
        // Nothing to look up when the row is first written: a later change with the lookup fills it.
        String unknown = UUID.randomUUID().toString();
        inOneBatch(() -> writes.write(RowWrite.insert("row_write_probe", "id", late, 0, Instant.now(),
                Map.of("a", unknown), D)));
        jdbc.sql("insert into row_write_lookup (a, d) values (?, 'later')").param(unknown).update();
        inOneBatch(() -> writes.write(RowWrite.change("row_write_probe", "id", late, 1, Instant.now(),
                Map.of("b", "y"), D.assignment())));

        assertThat(probeRow(folded)).containsEntry("d", "found").containsEntry("b", "x").containsEntry("c", 3)
                .containsEntry("sequence_number", 2L).containsEntry("writes", 1);
        // Handed over again with one event more, as after a token moved back: the folded insert meets the row.
        inOneBatch(() -> {
            writes.write(RowWrite.insert("row_write_probe", "id", folded, 0, Instant.now(), Map.of("a", a), D));
            writes.write(RowWrite.change("row_write_probe", "id", folded, 3, Instant.now(), Map.of("c", 4),
                    D.assignment()));
        });
        assertThat(probeRow(folded)).containsEntry("d", "found").containsEntry("b", "x").containsEntry("c", 4)
                .containsEntry("sequence_number", 3L).containsEntry("writes", 2);
        assertThat(probeRow(apart)).containsEntry("d", "found").containsEntry("b", "x").containsEntry("c", 3)
                .containsEntry("sequence_number", 2L).containsEntry("writes", 3);
        assertThat(probeRow(late)).containsEntry("d", "later").containsEntry("writes", 2);
    }

    @Test
    void rowsCopiedInByABulkRebuildAreTheRowsInsertedAndAnAppendedRowHandedOverAgainIsLeftAsItIs() {
        List<String> labels = new ArrayList<>();
        labels.add("初审\t复核\n第二行\r\n反斜杠\\N 与 \\t");
        labels.add("");
        labels.add(null);
        List<Long> nanos = List.of(123_456_499L, 123_456_500L, 999_999_700L);
        List<String> inserted = new ArrayList<>();
        List<String> copied = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            inserted.add(UUID.randomUUID().toString());
            copied.add(UUID.randomUUID().toString());
        }

        inOneBatch(() -> {
            for (int i = 0; i < labels.size(); i++) {
                writes.append(appended(inserted.get(i), labels.get(i), nanos.get(i)));
            }
        });
        BatchingUnitOfWork<EventMessage<?>> chunk = batchOf(1);
        BatchedWrites.bulkRebuildChunk(chunk);
        List<Long> seenWhileHandling = new ArrayList<>();
        ResultMessage<?> result = chunk.executeWithResult(() -> {
            for (int i = 0; i < labels.size(); i++) {
                writes.append(appended(copied.get(i), labels.get(i), nanos.get(i)));
            }
            seenWhileHandling.add(jdbc.sql("select count(*) from append_probe where id = any(?)")
                    .param(copied.toArray(String[]::new)).query(Long.class).single());
            return null;
        });

        assertThat(result.isExceptional()).as("%s", result.optionalExceptionResult()).isFalse();
        assertThat(seenWhileHandling).containsExactly(0L);
        for (int i = 0; i < labels.size(); i++) {
            assertThat(appendedRow(copied.get(i))).isEqualTo(appendedRow(inserted.get(i)));
        }
        assertThat(appendedRow(inserted.get(0))).containsEntry("label", labels.get(0)).containsEntry("n", 7)
                .containsEntry("flag", true).containsEntry("at", "2019-09-30 00:30:00.123456");
        assertThat(appendedRow(inserted.get(1))).containsEntry("at", "2019-09-30 00:30:00.123457");
        assertThat(appendedRow(inserted.get(2))).containsEntry("label", null).containsEntry("n", null)
                .containsEntry("at", "2019-09-30 00:30:01.000000");

        // Handed over again, changed: the row already there stays as it is.
        inOneBatch(() -> writes.append(appended(inserted.get(1), "又一次", 0)));
        assertThat(appendedRow(inserted.get(1))).containsEntry("label", "");
    }

    @Test
    void inABatchSeveralProjectionsShareEachFoldsItsOwnWritesOfARowWhateverTheOthersWriteWithTheSameKey() {
        String id = UUID.randomUUID().toString();
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf(1);

        ResultMessage<?> result = batch.executeWithResult(() -> {
            BatchedWrites.writingFor(batch, "row-write-probe");
            writes.write(first(id, Map.of("a", "1")));
            BatchedWrites.writingFor(batch, "batched-write-probe");
            writes.write(id, UPSERT, Map.of("id", id, "value", "1"));
            BatchedWrites.writingFor(batch, "row-write-probe");
            writes.write(change(id, 1, "a", "2"));
            BatchedWrites.writingFor(batch, "batched-write-probe");
            writes.write(id, APPEND, Map.of("id", id, "suffix", "2"));
            BatchedWrites.writingFor(batch, "row-write-probe");
            writes.write(change(id, 2, "c", 5));
            return null;
        });

        assertThat(result.isExceptional()).isFalse();
        assertThat(probeRow(id)).containsEntry("a", "2").containsEntry("c", 5).containsEntry("sequence_number", 2L)
                .containsEntry("writes", 1);
        assertThat(value(id)).isEqualTo("12");
    }

    @Test
    void aStatementAboutTheRowBetweenTwoOfItsWritesKeepsThemApartAndSeesTheFirst() {
        String id = UUID.randomUUID().toString();

        inOneBatch(() -> {
            writes.write(first(id, Map.of("a", "1")));
            writes.write(change(id, 1, "a", "2"));
            writes.write(id, "update row_write_probe set b = a || '!' where id = :id", Map.of("id", id));
            writes.write(change(id, 2, "a", "3"));
        });

        assertThat(probeRow(id)).containsEntry("a", "3").containsEntry("b", "2!").containsEntry("sequence_number", 2L)
                .containsEntry("writes", 3);
    }

    @Test
    void aBatchThatFailedAtCommitIsWrittenAtOnceWhenRetriedSoTheFailingStatementFailsInItsHandler() {
        String good = UUID.randomUUID().toString();
        BatchingUnitOfWork<EventMessage<?>> first = batchOf(2);
        List<EventMessage<?>> events = new ArrayList<>(first.getMessages());

        // A value PostgreSQL refuses (text cannot hold U+0000): the batch fails as it commits, and nothing is kept.
        ResultMessage<?> failed = first.executeWithResult(() -> {
            writes.write(null, UPSERT, Map.of("id", good, "value", "fine"));
            writes.write(null, UPSERT, Map.of("id", UUID.randomUUID().toString(), "value", "bad\u0000"));
            return null;
        });
        assertThat(failed.isExceptional()).isTrue();
        assertThat(rows(good)).isZero();

        // The processor retries the same events: each statement now runs in its handler, where it can fail alone.
        BatchingUnitOfWork<EventMessage<?>> retry = new BatchingUnitOfWork<>(events);
        retry.attachTransaction(axonTransactions);
        List<Long> seenWhileHandling = new ArrayList<>();
        ResultMessage<?> retried = retry.executeWithResult(() -> {
            writes.write(null, UPSERT, Map.of("id", good, "value", "fine"));
            seenWhileHandling.add(rows(good));
            Throwable refused = catchThrowable(() -> writes.write(null, UPSERT,
                    Map.of("id", UUID.randomUUID().toString(), "value", "bad\u0000")));
            assertThat(refused).isNotNull();
            throw (Exception) refused;
        });
        assertThat(retried.isExceptional()).isTrue();
        assertThat(seenWhileHandling).contains(1L);
        assertThat(rows(good)).isZero();
    }
}
