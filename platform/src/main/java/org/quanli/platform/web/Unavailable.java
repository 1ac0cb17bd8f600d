package org.quanli.platform.web;

import java.time.Duration;

/** A request that cannot be answered as asked for now, though it may be shortly: a 503 with {@code Retry-After}. */
public class Unavailable extends RuntimeException {

    private final String name;
    private final Duration retryAfter;

    public Unavailable(String name, String message, Duration retryAfter) {
        super(message);
        this.name = name;
        this.retryAfter = retryAfter;
    }

    public String name() {
        return name;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
