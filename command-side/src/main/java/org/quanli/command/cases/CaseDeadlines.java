package org.quanli.command.cases;

import java.time.Instant;

/**
 * The persistent deadlines of a case: scheduled through Axon's deadline manager (its scope, serialization and
 * {@code @DeadlineHandler}s), cancelled by the case's own id and the deadline's name, in the command's transaction.
 * Called from within the case's handlers only: a deadline's scope is the case handling the current message. A
 * complaint keeps its supervision deadlines the same way, under its own id (ids of cases and complaints are UUIDs,
 * so they never meet in {@code case_deadline}).
 */
public interface CaseDeadlines {

    /** Schedules {@code deadlineName} for the case at {@code at}, carrying {@code messageOrPayload}. */
    void schedule(String caseId, Instant at, String deadlineName, Object messageOrPayload);

    /** Cancels every deadline of the case with one of these names that has not started to fire. */
    void cancel(String caseId, String... deadlineNames);
}
