package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A projection's statements wait for its batch and go out with it, in the batch's transaction, or earlier when a
 * handler flushes them; a row's statements keep their order; and a batch whose statements failed at commit is retried with every statement run at once, so
 * that the event that cannot be written fails in its own handler.
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
