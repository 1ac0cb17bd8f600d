package org.quanli.command.complaints;

import java.util.EnumMap;
import java.util.Map;

import org.quanli.kernel.complaints.ComplaintCategory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Local settings of complaint handling: the reply limit of each category in working days
 * ({@code quanli.complaints.limit-days.<CATEGORY>}). No national text fixes them; the defaults follow common local
 * practice (a few working days for conduct and simple efficiency matters, up to 15 for unlawful exercise and
 * integrity matters, which need an investigation).
 */
@ConfigurationProperties("quanli.complaints")
public record ComplaintPolicy(Map<ComplaintCategory, Integer> limitDays) {

    static final Map<ComplaintCategory, Integer> DEFAULT_LIMIT_DAYS = Map.of(
            ComplaintCategory.EFFICIENCY, 5,
            ComplaintCategory.CONDUCT, 5,
            ComplaintCategory.INACTION, 10,
            ComplaintCategory.CHARGES, 10,
            ComplaintCategory.UNLAWFUL_EXERCISE, 15,
            ComplaintCategory.INTEGRITY, 15,
            ComplaintCategory.OTHER, 10);

    public ComplaintPolicy {
        Map<ComplaintCategory, Integer> limits = new EnumMap<>(DEFAULT_LIMIT_DAYS);
        if (limitDays != null) {
            limits.putAll(limitDays);
        }
        limits.forEach((category, days) -> {
            if (days == null || days < 1 || days > 365) {
                throw new IllegalArgumentException("quanli.complaints.limit-days." + category
                        + " must be 1 to 365 working days, not " + days);
            }
        });
        limitDays = Map.copyOf(limits);
    }

    public static ComplaintPolicy defaults() {
        return new ComplaintPolicy(null);
    }

    /** The reply limit of a category, in working days. */
    public int limitDays(ComplaintCategory category) {
        return limitDays.get(category);
    }
}
