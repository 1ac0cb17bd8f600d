package org.quanli.platform.web;

/**
 * Reads the aggregate version a client saw from an {@code If-Match} header ({@code "3"} or {@code 3}). A command sent
 * with it is refused with 409 if someone else changed the aggregate since.
 */
public final class IfMatch {

    private IfMatch() {
    }

    /** The expected version, or null when the client sent no If-Match (no check). */
    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("If-Match 应为事项版本号,例如 \"3\"");
        }
    }
}
