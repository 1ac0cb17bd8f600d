package org.quanli.kernel.rules;

/** Something a command or query names does not exist. */
public class NotFound extends RuntimeException {

    public NotFound(String what, String id) {
        super(what + " " + id + " does not exist");
    }
}
