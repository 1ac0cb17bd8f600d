package org.quanli.command.cases;

import java.util.Optional;

/** The parts of joint approvals as the command side knows them, current in the appending transaction. */
public interface JointApprovalParts {

    /**
     * @param submitted the part's case exists
     * @param closed    the joint approval has recorded the part as concluded or ended
     */
    record Part(String caseId, String jointApprovalId, String leadBodyId, String itemId, String bodyId,
                boolean submitted, boolean closed) {
    }

    /** The joint approval the case is a part of, if any. */
    Optional<Part> part(String caseId);
}
