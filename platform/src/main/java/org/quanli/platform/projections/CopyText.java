package org.quanli.platform.projections;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Rows of one table sent with {@code COPY … FROM STDIN} in PostgreSQL's text format: a line per row, its values
 * separated by tabs, {@code \N} for null. Each value is written as the server reads the same value bound to a
 * statement (a timestamp to the microsecond, rounded as the driver rounds it).
 */
final class CopyText {

    /** What is sent to the server at a time: a chunk's rows are not held as one text. */
    private static final int FLUSH_AT = 256 * 1024;

    private CopyText() {
    }

    /** @return the rows the server took */
    static long copy(Connection connection, AppendRow.Table table, List<AppendRow> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(table.copySql());
        try {
            StringBuilder text = new StringBuilder(FLUSH_AT + 4096);
            for (AppendRow row : rows) {
                Object[] values = row.values();
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) {
                        text.append('\t');
                    }
                    append(text, values[i]);
                }
                text.append('\n');
                if (text.length() >= FLUSH_AT) {
                    send(copy, text);
                }
            }
            send(copy, text);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    static void append(StringBuilder text, Object value) {
        if (value instanceof SqlParameterValue typed) {
            value = typed.getValue();
        }
        // Numbers, dates and times are written digit by digit, not through a string made for each value.
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof String string) {
            escape(text, string);
        } else if (value instanceof Integer number) {
            text.append(number.intValue());
        } else if (value instanceof Long number) {
            text.append(number.longValue());
        } else if (value instanceof Boolean flag) {
            text.append(flag ? 't' : 'f');
        } else if (value instanceof Number || value instanceof UUID) {
            text.append(value.toString());
        } else if (value instanceof LocalDate date && date.getYear() >= 1 && date.getYear() <= 9999) {
            date(text, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        } else if (value instanceof OffsetDateTime time) {
            // The driver rounds a bound time to the microsecond, half up; written as the same instant in UTC.
            long seconds = time.toEpochSecond();
            long micros = (time.getNano() + 500) / 1_000;
            if (micros == 1_000_000) {
                seconds++;
                micros = 0;
            }
            LocalDateTime utc = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
            if (utc.getYear() < 1 || utc.getYear() > 9999) {
                throw new IllegalArgumentException("no COPY text for " + value);
            }
            date(text, utc.getYear(), utc.getMonthValue(), utc.getDayOfMonth());
            text.append(' ');
            digits(text, utc.getHour(), 2).append(':');
            digits(text, utc.getMinute(), 2).append(':');
            digits(text, utc.getSecond(), 2).append('.');
            digits(text, (int) micros, 6).append("+00");
        } else {
            // A date outside years 1 to 9999 among them: the chunk fails and its processor takes its events one by one.
            throw new IllegalArgumentException("no COPY text for " + value + " (" + value.getClass().getName() + ")");
        }
    }

    private static void date(StringBuilder text, int year, int month, int day) {
        digits(text, year, 4).append('-');
        digits(text, month, 2).append('-');
        digits(text, day, 2);
    }

    /** A non-negative number in at least {@code width} digits, zeros in front. */
    private static StringBuilder digits(StringBuilder text, int number, int width) {
        for (int limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
            if (number < limit) {
                text.append('0');
            }
        }
        return text.append(number);
    }

    private static void escape(StringBuilder text, String value) {
        // Most values have nothing to escape; the JDK's searches for one character are vectorised.
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            text.append(value);
            return;
        }
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            String escaped = switch (value.charAt(i)) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escaped != null) {
                text.append(value, from, i).append(escaped);
                from = i + 1;
            }
        }
        text.append(value, from, value.length());
    }
}
