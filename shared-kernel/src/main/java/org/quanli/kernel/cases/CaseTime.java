package org.quanli.kernel.cases;

import java.time.LocalDate;

/**
 * The time-limit arithmetic of a case on one date, in working days: what events record at each step.
 *
 * @param asOf           the date the figures are about
 * @param promisedDays   the promised limit of the item version the case is handled under
 * @param extensionDays  the approved extension (0 without one)
 * @param suspendedDays  working days the clock stood still, up to {@code asOf}
 * @param workingDays    working days taken after acceptance up to {@code asOf}, suspension excluded
 * @param deadline       the last working day of the limit, as far as suspensions are known on {@code asOf}
 * @param remainingDays  working days left on {@code asOf}; negative once overdue by that many working days
 * @param overdue        whether {@code asOf} is after the deadline
 */
public record CaseTime(LocalDate asOf, int promisedDays, int extensionDays, int suspendedDays, int workingDays,
                       LocalDate deadline, int remainingDays, boolean overdue) {
}
