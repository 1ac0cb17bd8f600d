package org.quanli.query.powerlist;

/**
 * What ended a period during which a version of an item stood on a body's list, and how a list diff names the
 * item's leaving (an amendment ends a period but the item stays on the list, so it has no removal outcome).
 * DEVOLVE is for delegation: a devolved item leaves the upper body's list.
 */
enum PeriodEnd {
    AMEND(null),
    CANCEL("CANCELLED"),
    TRANSFER_OUT("TRANSFERRED"),
    MERGE("MERGED"),
    SUSPEND("SUSPENDED"),
    PASSED("PASSED"),
    DEVOLVE("DEVOLVED");

    private final String removalOutcome;

    PeriodEnd(String removalOutcome) {
        this.removalOutcome = removalOutcome;
    }

    String removalOutcome() {
        return removalOutcome;
    }
}
