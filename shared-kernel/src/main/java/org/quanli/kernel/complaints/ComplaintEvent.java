package org.quanli.kernel.complaints;

/**
 * What happened to a complaint (the {@code Complaint} aggregate). The records stay nested in
 * {@link ComplaintMessages}, because a stored event's type name is its nested class name. A projection or process
 * that reads this family handles every member or names it as ignored (a test checks this).
 */
public sealed interface ComplaintEvent permits
        ComplaintMessages.ComplaintRegistered,
        ComplaintMessages.ComplaintTransferred,
        ComplaintMessages.ComplaintTransferredOn,
        ComplaintMessages.ComplaintAccepted,
        ComplaintMessages.ComplaintInvestigationRecorded,
        ComplaintMessages.ComplaintConcluded,
        ComplaintMessages.ComplaintReplied,
        ComplaintMessages.ComplaintRated,
        ComplaintMessages.ComplaintReopened,
        ComplaintMessages.ComplaintEscalated,
        ComplaintMessages.ComplaintFlagged {

    String complaintId();
}
