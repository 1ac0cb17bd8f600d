package org.quanli.kernel.complaints;

/**
 * What a complaint (the {@code Complaint} aggregate) is asked to do. The records stay nested in
 * {@link ComplaintMessages} next to the events they cause.
 */
public sealed interface ComplaintCommand permits
        ComplaintMessages.RegisterComplaint,
        ComplaintMessages.TransferComplaint,
        ComplaintMessages.TransferComplaintOn,
        ComplaintMessages.AcceptComplaint,
        ComplaintMessages.RecordComplaintInvestigation,
        ComplaintMessages.ConcludeComplaint,
        ComplaintMessages.ReplyToComplaint,
        ComplaintMessages.RateComplaint,
        ComplaintMessages.ReopenComplaint,
        ComplaintMessages.EscalateComplaint {

    String complaintId();
}
