package org.quanli.kernel.rules;

/** The actor may not do this: wrong role, or a body or jurisdiction that is not theirs. */
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
