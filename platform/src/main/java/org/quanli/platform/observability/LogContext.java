package org.quanli.platform.observability;

import org.slf4j.MDC;

/**
 * The MDC keys every log line carries besides the trace and span ids that Micrometer Tracing puts there:
 * {@value #CORRELATION_ID} (the conversation: the id of the command that started it, as in each event's
 * {@code correlationId} metadata) and {@value #USER} (the acting user's id).
 */
public final class LogContext {

    public static final String CORRELATION_ID = "correlationId";
    public static final String USER = "user";

    private LogContext() {
    }

    /** A scope that puts back, on close, what the MDC held before. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Sets a key for the duration of a scope and puts back what was there before. */
    static Scope put(String key, String value) {
        String previous = MDC.get(key);
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
        return () -> {
            if (previous == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, previous);
            }
        };
    }
}
