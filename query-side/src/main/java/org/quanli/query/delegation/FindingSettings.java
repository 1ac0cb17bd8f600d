package org.quanli.query.delegation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The thresholds of the audit findings. No national text fixes them, so they are configuration.
 *
 * @param guidanceDays             NO_GUIDANCE: days after a delegation's effective date by which the devolving body
 *                                 should have guided the receivers (default 30)
 * @param concentrationDepartments CONCENTRATION: how many distinct upper departments' items on one receiver make a
 *                                 finding (default 3)
 * @param dormantDays              DORMANT_DELEGATION: days after the effective date within which a received item
 *                                 should have had its first accepted case (default 180)
 */
@ConfigurationProperties("quanli.findings")
record FindingSettings(Integer guidanceDays, Integer concentrationDepartments, Integer dormantDays) {

    FindingSettings {
        guidanceDays = positive(guidanceDays, 30, "guidance-days");
        concentrationDepartments = positive(concentrationDepartments, 3, "concentration-departments");
        dormantDays = positive(dormantDays, 180, "dormant-days");
    }

    private static int positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("quanli.findings." + name + " must be at least 1, not " + value);
        }
        return value;
    }
}
