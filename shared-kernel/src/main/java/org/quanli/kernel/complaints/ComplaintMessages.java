package org.quanli.kernel.complaints;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.quanli.kernel.cases.SupervisionLevel;

/**
 * Commands and events of a complaint (投诉) about how a power was exercised or how slowly: one reception (统一接听),
 * transfer to the responsible body (按责转办), an answer within a limit (限时办结), the complainant's rating. Who did
 * each step travels in the message metadata ({@code Actor}), as for cases; the date a step is about is in the event
 * and the time it was recorded is the event's timestamp.
 * <p>
 * The reply limit: a transfer (and an escalation, and a reopening) starts a limit of {@code limitDays} working days
 * for the complaint's category, counted from the day after that act on the cases' working-day calendar;
 * {@code dueOn} is its last working day. A transfer on by a body that is not responsible keeps the due date: passing
 * a complaint along does not buy time. {@code round} counts the limits: 1 from the first transfer, one more for a
 * reopening or an escalation. The complainant's personal data travels only in {@link ComplaintRegistered}.
 */
public final class ComplaintMessages {

    private ComplaintMessages() {
    }

    // --- reception (统一接听) -------------------------------------------------------------------------------------

    /**
     * The unified reception (the service centre's 12345 platform or the supervision office) registers a complaint it
     * received; the registering body is the actor's.
     *
     * @param complainant null for an anonymous complaint
     * @param bodyId      the body complained about
     * @param itemId      the power item it is about, if any
     * @param caseId      the case it is about, if any
     */
    public record RegisterComplaint(@TargetAggregateIdentifier String complaintId, ComplaintChannel channel,
                                    LocalDateTime receivedAt, String text, Complainant complainant, String bodyId,
                                    String itemId, String caseId, ComplaintCategory category)
            implements ComplaintCommand {
    }

    /**
     * Received and registered. {@code receivedAt} is Beijing time.
     *
     * @param complainant       null when anonymous; otherwise personal data, stored sealed
     * @param jurisdictionCode  the jurisdiction of the body complained about
     * @param registeredByBodyId the reception's body
     */
    public record ComplaintRegistered(String complaintId, ComplaintChannel channel, LocalDateTime receivedAt,
                                      String text, Complainant complainant, String bodyId, String jurisdictionCode,
                                      String itemId, String caseId, ComplaintCategory category,
                                      String registeredByBodyId) implements ComplaintEvent {
    }

    // --- transfer (按责转办) ---------------------------------------------------------------------------------------

    /** The reception or the supervision office transfers the complaint to the body that must answer it. */
    public record TransferComplaint(@TargetAggregateIdentifier String complaintId, String toBodyId,
                                    List<String> reasons, LocalDate transferredOn) implements ComplaintCommand {
    }

    /** @param fromBodyId the transferring body (the reception's or the supervision office's) */
    public record ComplaintTransferred(String complaintId, String fromBodyId, String toBodyId,
                                       String toJurisdictionCode, List<String> reasons, LocalDate transferredOn,
                                       ComplaintCategory category, int limitDays, LocalDate dueOn, int round)
            implements ComplaintEvent {
    }

    /**
     * The body the complaint was transferred to is not responsible and passes it to the one that is, with reasons;
     * or the reception re-routes it. Before acceptance only.
     */
    public record TransferComplaintOn(@TargetAggregateIdentifier String complaintId, String toBodyId,
                                      List<String> reasons, LocalDate transferredOn) implements ComplaintCommand {
    }

    /** @param fromBodyId the body that was not responsible; the limit and due date stay as they were */
    public record ComplaintTransferredOn(String complaintId, String fromBodyId, String toBodyId,
                                         String toJurisdictionCode, List<String> reasons, LocalDate transferredOn,
                                         int limitDays, LocalDate dueOn, int round) implements ComplaintEvent {
    }

    // --- handling by the responsible body ---------------------------------------------------------------------

    public record AcceptComplaint(@TargetAggregateIdentifier String complaintId, LocalDate acceptedOn)
            implements ComplaintCommand {
    }

    public record ComplaintAccepted(String complaintId, String bodyId, LocalDate acceptedOn, LocalDate dueOn,
                                    int round) implements ComplaintEvent {
    }

    /** One step of the investigation (调查核实): what was looked into and found, by which officer. */
    public record RecordComplaintInvestigation(@TargetAggregateIdentifier String complaintId, String summary,
                                               String investigator, LocalDate investigatedOn)
            implements ComplaintCommand {
    }

    public record ComplaintInvestigationRecorded(String complaintId, String bodyId, String summary,
                                                 String investigator, LocalDate investigatedOn, int round)
            implements ComplaintEvent {
    }

    /** Concluded (办结) with the findings and the measures taken (整改措施, 责任追究 …). */
    public record ConcludeComplaint(@TargetAggregateIdentifier String complaintId, ComplaintOutcome outcome,
                                    String findings, List<String> measures, LocalDate concludedOn)
            implements ComplaintCommand {
    }

    /**
     * @param workingDays working days from the start of the round's limit to the conclusion
     * @param withinLimit concluded on or before {@code dueOn}
     */
    public record ComplaintConcluded(String complaintId, String bodyId, ComplaintOutcome outcome, String findings,
                                     List<String> measures, LocalDate concludedOn, LocalDate dueOn, int workingDays,
                                     boolean withinLimit, int round) implements ComplaintEvent {
    }

    /**
     * The answer to the complainant (反馈), after the conclusion; optionally a public reply (公开回复) for the portal,
     * which must hold no personal data (no name, phone or identity number of anyone).
     */
    public record ReplyToComplaint(@TargetAggregateIdentifier String complaintId, String feedback,
                                   String publicReply, LocalDate repliedOn) implements ComplaintCommand {
    }

    /**
     * @param publicReply null when nothing is published
     * @param workingDays working days from the start of the round's limit to the reply
     * @param withinLimit answered on or before {@code dueOn}
     */
    public record ComplaintReplied(String complaintId, String bodyId, String feedback, String publicReply,
                                   LocalDate repliedOn, LocalDate dueOn, int workingDays, boolean withinLimit,
                                   int round) implements ComplaintEvent {
    }

    // --- the complainant's rating (回访) ----------------------------------------------------------------------

    /** The reception records the complainant's rating of the answer (by the return call or message). */
    public record RateComplaint(@TargetAggregateIdentifier String complaintId, ComplaintRating rating,
                                String comment, LocalDate ratedOn) implements ComplaintCommand {
    }

    /** @param bodyId the body whose answer was rated */
    public record ComplaintRated(String complaintId, String bodyId, ComplaintRating rating, String comment,
                                 LocalDate ratedOn, int round) implements ComplaintEvent {
    }

    /** Reopened once, after a 不满意 rating: the same body handles it again under a new limit. */
    public record ReopenComplaint(@TargetAggregateIdentifier String complaintId, List<String> reasons,
                                  LocalDate reopenedOn) implements ComplaintCommand {
    }

    public record ComplaintReopened(String complaintId, String bodyId, List<String> reasons, LocalDate reopenedOn,
                                    int limitDays, LocalDate dueOn, int round) implements ComplaintEvent {
    }

    // --- supervision (全程督查) -------------------------------------------------------------------------------

    /**
     * The supervision office escalates the complaint to a body of the jurisdiction directly above the responsible
     * body's (after a 不满意 rating, or while it is open past its due date); that body must accept it anew under a
     * new limit.
     */
    public record EscalateComplaint(@TargetAggregateIdentifier String complaintId, String toBodyId,
                                    List<String> reasons, LocalDate escalatedOn) implements ComplaintCommand {
    }

    public record ComplaintEscalated(String complaintId, String fromBodyId, String fromJurisdictionCode,
                                     String toBodyId, String toJurisdictionCode, List<String> reasons,
                                     LocalDate escalatedOn, int limitDays, LocalDate dueOn, int round)
            implements ComplaintEvent {
    }

    /**
     * A supervision flag on the complaint's reply limit, raised by a persistent deadline: yellow when the remaining
     * working days reach the threshold, red on the first day after the due date with no reply.
     *
     * @param bodyId        the responsible body on that day
     * @param aboutDate     the day the flag is about
     * @param remainingDays working days left on {@code aboutDate}; negative once overdue
     */
    public record ComplaintFlagged(String complaintId, String bodyId, SupervisionLevel level,
                                   ComplaintSupervisionTrigger trigger, LocalDate aboutDate, LocalDate dueOn,
                                   int remainingDays, int round) implements ComplaintEvent {
    }
}
