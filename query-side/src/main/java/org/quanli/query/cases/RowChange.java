package org.quanli.query.cases;

import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.quanli.kernel.cases.CaseTime;
import org.quanli.platform.architecture.FeatureInterface;
import org.quanli.platform.projections.BatchedWrites;
import org.quanli.platform.projections.RowWrite;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The columns one event sets on an aggregate's row, written only if the row has not yet taken in that event or a
 * later one ({@code sequence_number}), so that an event handed over twice (a retried batch, a token moved back)
 * never sets the row back. Every column is bound as a named parameter of its own name.
 */
@FeatureInterface
public final class RowChange {

    private final Map<String, Object> columns = new LinkedHashMap<>();

    public static RowChange set(String column, Object value) {
        return new RowChange().and(column, value);
    }

    public static RowChange none() {
        return new RowChange();
    }

    public RowChange and(String column, Object value) {
        columns.put(column, value instanceof Enum<?> e ? e.name() : value);
        return this;
    }

    /** The facts of a trail entry: key-value pairs, nulls left out, enums by name. */
    public static Map<String, Object> facts(Object... pairs) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value != null) {
                facts.put((String) pairs[i], value instanceof Enum<?> e ? e.name() : value);
            }
        }
        return facts;
    }

    /** The time-limit arithmetic the event carries; nothing when it carries none. */
    public RowChange time(CaseTime time) {
        if (time == null) {
            return this;
        }
        return and("time_as_of", time.asOf()).and("promised_days", time.promisedDays())
                .and("extension_days", time.extensionDays()).and("suspended_days", time.suspendedDays())
                .and("working_days", time.workingDays()).and("deadline", time.deadline())
                .and("remaining_days", time.remainingDays()).and("overdue", time.overdue());
    }

    /**
     * Applies the change to the row of the event's aggregate in {@code table}, keyed by {@code key}, at once.
     *
     * @param extra further assignments in SQL (e.g. a column filled from another table), or null
     * @return 1 if the row took it, 0 if it was missing or had taken this event or a later one already
     */
    public int apply(JdbcClient jdbc, String table, String key, DomainEventMessage<?> event, String extra) {
        RowWrite row = write(table, key, event, extra);
        return jdbc.sql(row.sql()).paramSource(row.parameters()).update();
    }

    /**
     * The same change, written with the rest of the processor's batch, in order with the row's other changes and
     * folded into the row's change just before it.
     */
    public void apply(BatchedWrites writes, String table, String key, DomainEventMessage<?> event, String extra) {
        writes.write(write(table, key, event, extra));
    }

    private RowWrite write(String table, String key, DomainEventMessage<?> event, String extra) {
        return RowWrite.change(table, key, event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getTimestamp(), columns, extra);
    }
}
