package org.quanli.kernel.ledger;

/**
 * Where the ledger's public API proves that an event is part of the signed record: every history and trail entry
 * links there, so an auditor can check any one of them without an account.
 */
public final class InclusionProofs {

    private InclusionProofs() {
    }

    /** The path of the inclusion proof of an event against the latest checkpoint (add {@code ?treeSize=} for another). */
    public static String link(String eventId) {
        return "/api/public/ledger/events/" + eventId + "/inclusion-proof";
    }
}
