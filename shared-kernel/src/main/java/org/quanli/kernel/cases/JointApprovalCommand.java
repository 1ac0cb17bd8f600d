package org.quanli.kernel.cases;

/**
 * What a joint approval (the {@code JointApproval} aggregate) is asked to do. The records stay nested in {@link
 * JointApprovalMessages} next to the events they cause.
 */
public sealed interface JointApprovalCommand permits
        JointApprovalMessages.StartJointApproval,
        JointApprovalMessages.RecordPartConcluded,
        JointApprovalMessages.RecordPartEnded,
        JointApprovalMessages.ExtendJointApproval {

    String jointApprovalId();
}
