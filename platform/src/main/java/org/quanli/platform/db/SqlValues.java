package org.quanli.platform.db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Values the PostgreSQL driver cannot bind as they are, or that the planner must see. */
public final class SqlValues {

    private SqlValues() {
    }

    /** The driver binds OffsetDateTime to timestamptz, but has no mapping for Instant. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A LIKE pattern for text the user searches for, its wildcards escaped (use with {@code escape '\\'}). */
    public static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * A page's {@code limit … offset …}, written into the statement rather than bound. Once the driver prepares a
     * statement on the server, PostgreSQL may plan it once for any parameters; a bound limit is then planned as a
     * tenth of the rows, and an ordered page of a long list gets a full sort instead of a walk down its order
     * index. Both are numbers the server computed, so nothing a client sends reaches the text.
     */
    public static String limitOffset(int limit, long offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("a page's limit and offset are not negative");
        }
        return " limit " + limit + " offset " + offset;
    }
}
