package org.quanli.command.cases;

import java.time.LocalDate;
import java.util.Optional;

/** The parts of joint approvals as the command side knows them, current in the appending transaction. */
public interface JointApprovalParts {

    /**
     * @param submitted   the part's case exists
     * @param closed      the joint approval has recorded the part as concluded or ended
     * @param caseOutcome what became of the part's case in the ledger: CONCLUDED, NOT_ACCEPTED, WITHDRAWN or
     *                    TERMINATED; null while it is open or if it was never submitted here
     * @param caseDoneOn  the day of that outcome
     */
    record Part(String caseId, String jointApprovalId, String leadBodyId, String itemId, String bodyId,
                boolean submitted, boolean closed, String caseOutcome, LocalDate caseDoneOn) {
    }

    /** The joint approval the case is a part of, if any. */
    Optional<Part> part(String caseId);
}
