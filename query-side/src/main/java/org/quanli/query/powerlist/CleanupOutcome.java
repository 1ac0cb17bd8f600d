package org.quanli.query.powerlist;

/**
 * The outcome of a list clean-up (清理) decided for one item, as the clean-up statistics count it. The five that
 * remove the item from the list are the removals of the Debao figures; a resumption undoes a suspension, and a
 * restoration undoes a devolution that was recalled (收回), and the item stays on the list, so both count as kept.
 */
enum CleanupOutcome {
    CANCEL(true),
    DEVOLVE(true),
    TRANSFER_OUT(true),
    MERGE(true),
    SUSPEND(true),
    RESUME(false),
    RESTORE(false),
    KEEP(false);

    private final boolean removes;

    CleanupOutcome(boolean removes) {
        this.removes = removes;
    }

    boolean removes() {
        return removes;
    }
}
