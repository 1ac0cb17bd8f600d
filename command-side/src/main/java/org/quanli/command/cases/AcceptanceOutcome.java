package org.quanli.command.cases;

import java.util.List;

/**
 * What an acceptance came to: accepted, or a non-acceptance the ledger recorded because the body may not accept
 * cases of the item on that date ({@code CaseNotAccepted} by rule), with its reasons and the applicant's rights of
 * review. The refusal is a fact on the case's record, not an error, so the answer says it instead of failing.
 */
public record AcceptanceOutcome(Outcome outcome, List<String> reasons, String rightsOfReview) {

    public enum Outcome { ACCEPTED, NOT_ACCEPTED }

    static final AcceptanceOutcome ACCEPTED = new AcceptanceOutcome(Outcome.ACCEPTED, List.of(), null);
}
