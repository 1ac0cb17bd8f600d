package org.quanli.query.portal;

/**
 * A portal request the ledger cannot answer because of what the person typed or followed: a malformed date or code.
 * The portal shows it as a 400 page naming the field, in the portal's style.
 */
class PortalRequestProblem extends RuntimeException {

    private final String field;

    PortalRequestProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
