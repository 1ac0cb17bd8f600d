package org.quanli.command.complaints;

import java.util.Optional;

/** What a complaint asks about the case it is about: the command side's own record, never the query side. */
public interface CaseLookup {

    /** The body handling the case, if the ledger has the case. */
    Optional<String> handlingBodyOf(String caseId);
}
