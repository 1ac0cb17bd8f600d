package org.quanli.query.powerlist;

/**
 * What ended a period during which a version of an item stood on a body's list, and how a list diff names the
 * item's leaving (an amendment ends a period but the item stays on the list, so it has no removal outcome).
 * DEVOLVE: a devolved item leaves the upper body's list; RECALL: a received item leaves the receiver's list when the
 * delegation is taken back (收回).
 */
enum PeriodEnd {
    AMEND(null),
    CANCEL("CANCELLED"),
    TRANSFER_OUT("TRANSFERRED"),
    MERGE("MERGED"),
    SUSPEND("SUSPENDED"),
    PASSED("PASSED"),
    DEVOLVE("DEVOLVED"),
    RECALL("RECALLED");

    private final String removalOutcome;

    PeriodEnd(String removalOutcome) {
        this.removalOutcome = removalOutcome;
    }

    String removalOutcome() {
        return removalOutcome;
    }
}
