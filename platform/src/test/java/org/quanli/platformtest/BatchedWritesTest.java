package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
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
import org.quanli.platform.projections.BatchedWrites;
import org.quanli.platform.projections.RowWrite;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A projection's statements wait for its batch and go out with it, in the batch's transaction, or earlier when a
 * handler flushes them; a row's statements keep their order, an aggregate's consecutive writes of its row become one;
 * and a batch whose statements failed at commit is retried with every statement run at once, so that the event that
 * cannot be written fails in its own handler.
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
                create table if not exists row_write_lookup (a text primary key, d text not null)""").update();
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
