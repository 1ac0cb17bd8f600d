package org.quanli.kernel.cases;

/**
 * What happened to a joint approval (the {@code JointApproval} aggregate). The records stay nested in {@link
 * JointApprovalMessages}, because a stored event's type name is its nested class name. A projection or process that
 * reads this family handles every member or names it as ignored (a test checks this), so a new member needs a decision
 * wherever the family is read.
 */
public sealed interface JointApprovalEvent permits
        JointApprovalMessages.JointApprovalStarted,
        JointApprovalMessages.JointPartConcluded,
        JointApprovalMessages.JointPartEnded,
        JointApprovalMessages.JointApprovalConcluded,
        JointApprovalMessages.JointApprovalExtended {

    String jointApprovalId();
}
