package org.quanli.query.cases;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.axonframework.eventhandling.DomainEventMessage;
import org.quanli.kernel.cases.CaseTime;
import org.quanli.platform.architecture.FeatureInterface;
import org.quanli.platform.db.SqlValues;
import org.quanli.platform.projections.BatchedWrites;
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
     * Applies the change to the row of the event's aggregate in {@code table}, keyed by {@code key}.
     *
     * @param extra further assignments in SQL (e.g. a column filled from another table), or null
     */
    public int apply(JdbcClient jdbc, String table, String key, DomainEventMessage<?> event, String extra) {
        JdbcClient.StatementSpec statement = jdbc.sql(sql(table, key, extra));
        for (Map.Entry<String, Object> parameter : parameters(event).entrySet()) {
            statement = statement.param(parameter.getKey(), parameter.getValue());
        }
        return statement.update();
    }

    /** The same change, written with the rest of the processor's batch, in order with the row's other changes. */
    public void apply(BatchedWrites writes, String table, String key, DomainEventMessage<?> event, String extra) {
        writes.write(event.getAggregateIdentifier(), sql(table, key, extra), parameters(event));
    }

    private String sql(String table, String key, String extra) {
        String assignments = columns.keySet().stream().map(c -> c + " = :" + c).collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder("update ").append(table).append(" set ");
        if (!assignments.isEmpty()) {
            sql.append(assignments).append(", ");
        }
        if (extra != null) {
            sql.append(extra).append(", ");
        }
        sql.append("sequence_number = :sequence_number, last_recorded_at = :last_recorded_at where ").append(key)
                .append(" = :row_key and sequence_number < :sequence_number");
        return sql.toString();
    }

    private Map<String, Object> parameters(DomainEventMessage<?> event) {
        Map<String, Object> parameters = new HashMap<>(columns);
        parameters.put("sequence_number", event.getSequenceNumber());
        parameters.put("last_recorded_at", SqlValues.timestamp(event.getTimestamp()));
        parameters.put("row_key", event.getAggregateIdentifier());
        return parameters;
    }
}
