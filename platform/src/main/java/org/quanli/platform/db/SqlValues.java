package org.quanli.platform.db;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.SqlParameterValue;

/** Values the PostgreSQL driver cannot bind as they are. */
public final class SqlValues {

    private SqlValues() {
    }

    /** The driver binds OffsetDateTime to timestamptz, but has no mapping for Instant. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** JSON text bound for a {@code jsonb} column without a cast in the statement (the server reads it as one). */
    public static SqlParameterValue json(String text) {
        return new SqlParameterValue(Types.OTHER, text);
    }

    /** A LIKE pattern for text the user searches for, its wildcards escaped (use with {@code escape '\\'}). */
    public static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
