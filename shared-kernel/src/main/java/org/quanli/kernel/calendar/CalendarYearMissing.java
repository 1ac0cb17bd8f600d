package org.quanli.kernel.calendar;

import org.quanli.kernel.rules.RuleViolation;

/**
 * The working-day calendar has no data for a year that a count needed. Weekends alone would give a wrong
 * deadline around every holiday, so the calendar refuses instead of guessing; the operator adds the year's file.
 * A date far outside every year of data (a typo, {@code +999999999-12-31}) is refused the same way, before any
 * arithmetic on it. It is the business rule {@value #RULE}: a command that needs the count is refused (422).
 */
public class CalendarYearMissing extends RuleViolation {

    public static final String RULE = "working-day-calendar-available";

    private final int year;

    public CalendarYearMissing(int year) {
        super(RULE, "缺少" + year + "年的工作日历，无法计算工作日：请运维人员按国务院办公厅当年的节假日安排通知添加 "
                + year + ".properties。"
                + " / No working-day calendar for " + year + ": the operator must add " + year
                + ".properties from the State Council General Office's notice on that year's holidays.");
        this.year = year;
    }

    /** The year that has no data. */
    public int year() {
        return year;
    }
}
