package org.quanli.command.cases;

import java.time.Instant;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.test.aggregate.AggregateTestFixture;

/**
 * Case deadlines in an {@link AggregateTestFixture}: straight on the fixture's own stub deadline manager, so that
 * its expectations ({@code expectScheduledDeadline…}, {@code expectNoScheduledDeadlines}) and
 * {@code whenTimeAdvancesTo} prove the case's deadline rules as they did when the case called the deadline manager
 * itself. Cancelling by name within the case's scope is what the production component does by the case's ids.
 */
public record FixtureCaseDeadlines(DeadlineManager deadlines) implements CaseDeadlines {

    /**
     * Registers case deadlines on the fixture's stub. Axon 4.13's fixture offers its stub deadline manager to handlers
     * but has no getter for it, so it is read from the fixture's field; a renamed field fails here, loudly.
     */
    public static void registerOn(AggregateTestFixture<?> fixture) {
        try {
            var field = AggregateTestFixture.class.getDeclaredField("deadlineManager");
            field.setAccessible(true);
            fixture.registerInjectableResource(new FixtureCaseDeadlines((DeadlineManager) field.get(fixture)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("AggregateTestFixture's stub deadline manager not found", e);
        }
    }

    @Override
    public void schedule(String caseId, Instant at, String deadlineName, Object messageOrPayload) {
        deadlines.schedule(at, deadlineName, messageOrPayload);
    }

    @Override
    public void cancel(String caseId, String... deadlineNames) {
        for (String name : deadlineNames) {
            deadlines.cancelAllWithinScope(name);
        }
    }
}
