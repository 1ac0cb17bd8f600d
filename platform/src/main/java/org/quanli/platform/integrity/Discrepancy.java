package org.quanli.platform.integrity;

/**
 * One thing verification found wrong.
 *
 * @param kind     what is wrong
 * @param position the store position (global index) of the event concerned, or the tree size of the checkpoint
 * @param eventId  the event concerned, if any
 * @param detail   in words, for the report
 */
public record Discrepancy(Kind kind, long position, String eventId, String detail) {

    public enum Kind {
        /** A sealed event's stored bytes differ from what was sealed at its position. */
        CHANGED,
        /** A sealed event is no longer in the store. */
        DELETED,
        /** An event is in the store at a position that was sealed or closed without it. */
        INSERTED,
        /** A sealed event is in the store at another position than the one sealed. */
        MOVED,
        /** A checkpoint with a valid signature does not match the tree, or differs from its exported copy. */
        CHECKPOINT_MISMATCH,
        /** A checkpoint's signature does not verify with any trusted key. */
        BAD_SIGNATURE
    }

    @Override
    public String toString() {
        return kind + " " + (kind == Kind.CHECKPOINT_MISMATCH || kind == Kind.BAD_SIGNATURE ? "tree size " : "position ")
                + position + (eventId == null ? "" : " event " + eventId) + ": " + detail;
    }
}
