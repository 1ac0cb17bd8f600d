package org.quanli.command.cases;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Local settings of ratings (好差评).
 *
 * @param followUpDays working days within which a bad review must be followed up and rectified
 *                     ({@code quanli.evaluation.follow-up-days}; 5 to 15 in practice)
 */
@ConfigurationProperties("quanli.evaluation")
public record EvaluationPolicy(Integer followUpDays) {

    public static final int DEFAULT_FOLLOW_UP_DAYS = 5;

    public EvaluationPolicy {
        followUpDays = followUpDays == null ? DEFAULT_FOLLOW_UP_DAYS : followUpDays;
        if (followUpDays < 1) {
            throw new IllegalArgumentException("quanli.evaluation.follow-up-days must be at least 1");
        }
    }

    public static EvaluationPolicy defaults() {
        return new EvaluationPolicy(null);
    }
}
