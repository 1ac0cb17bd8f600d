package org.quanli.query.powerlist;

import java.time.LocalDate;

/**
 * Whose list a diff or a clean-up statistic is about, over which dates: a body's, or a jurisdiction's (the items of
 * the bodies of that jurisdiction itself, not of the jurisdictions below it). {@code column} is the column of
 * {@code published_item_version} and {@code cleanup_outcome} that holds it.
 */
record ListScope(String column, String value) {

    static ListScope of(String jurisdictionCode, String bodyId, LocalDate from, LocalDate to) {
        if (from == null || to == null || from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") 与 to (" + to + ") 都必须给出,且 from 不得晚于 to");
        }
        if (bodyId != null) {
            return new ListScope("body_id", bodyId);
        }
        if (jurisdictionCode != null) {
            return new ListScope("jurisdiction_code", jurisdictionCode);
        }
        throw new IllegalArgumentException("必须指明行政区划或实施主体");
    }
}
