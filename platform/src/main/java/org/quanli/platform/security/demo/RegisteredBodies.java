package org.quanli.platform.security.demo;

import java.util.Optional;

/**
 * The implementing bodies the ledger knows, for the demo provider to mint a token for any of them. Each side answers
 * from its own lookup; the all-in-one has both, and a body known to either counts.
 */
public interface RegisteredBodies {

    /** The body's current name, if it is registered. */
    Optional<String> nameOf(String bodyId);
}
