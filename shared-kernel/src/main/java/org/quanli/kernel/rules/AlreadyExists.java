package org.quanli.kernel.rules;

/** Something with this identity is already recorded; registering it again is a conflict, not a new record. */
public class AlreadyExists extends RuntimeException {

    public AlreadyExists(String what, String id) {
        super(what + " " + id + " already exists");
    }
}
