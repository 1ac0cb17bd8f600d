package org.quanli.kernel.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.quanli.kernel.ledger.InclusionProofs;

/**
 * The questions the case read side answers and its answers. Each question carries the {@link Viewer} it is asked
 * for, so that the handler, not the caller, applies who may see which case and whose identity.
 */
public final class CaseQueries {

    private CaseQueries() {
    }

    /**
     * Who is asking, as far as what they may see goes.
     *
     * @param onlyBody         the only body whose cases they see; null: every body's
     * @param identityBody     the body whose applicants they see in full; null: every applicant masked
     */
    public record Viewer(String onlyBody, String identityBody) {

        public static final Viewer SUPERVISION = new Viewer(null, null);

        public static Viewer windowOf(String bodyId) {
            return new Viewer(bodyId, bodyId);
        }

        public boolean sees(String bodyId) {
            return onlyBody == null || onlyBody.equals(bodyId);
        }

        public boolean seesIdentityOf(String bodyId) {
            return identityBody != null && identityBody.equals(bodyId);
        }
    }

    // --- questions -----------------------------------------------------------------------------------------------

    /** Cases filtered by any of the fields (null: any); dates inclusive; newest receipt first. */
    public record CaseListQuery(Viewer viewer, String bodyId, String jurisdictionCode, String itemId,
                                CaseStatus status, Boolean overdue, SupervisionLevel supervisionLevel,
                                LocalDate receivedFrom, LocalDate receivedTo, LocalDate acceptedFrom,
                                LocalDate acceptedTo, int page, int size) {
    }

    public record CaseQuery(Viewer viewer, String caseId) {
    }

    public record CaseTrailQuery(Viewer viewer, String caseId, int page, int size) {
    }

    /** Flags filtered by any of the fields (null: any); {@code from}/{@code to} bound the date the flag is about. */
    public record FlagsQuery(Viewer viewer, SupervisionLevel level, SupervisionTrigger trigger, String bodyId,
                             String jurisdictionCode, LocalDate from, LocalDate to, Boolean open, int page,
                             int size) {
    }

    public record JointApprovalQuery(Viewer viewer, String jointApprovalId) {
    }

    // --- answers -------------------------------------------------------------------------------------------------

    /**
     * One case. {@code time} is the arithmetic of the latest step that carried it (its {@code asOf} says which
     * day); {@code overdue} is as of today for a case still in hand: its deadline has passed.
     *
     * @param applicantMasked whether {@code applicant} is masked (it is for everyone but the handling body's window)
     */
    public record CaseView(String caseId, String itemId, String itemName, Integer itemVersion, String bodyId,
                           String bodyName, String jurisdictionCode, String window, String channel,
                           String jointApprovalId, Applicant applicant, boolean applicantMasked,
                           List<String> materials, String status, String statusLabel, LocalDate receivedOn,
                           Correction correction, LocalDate acceptedOn, boolean deemedAccepted, String capacity,
                           String onBehalfOfBodyId, String delegationId, String caseType, String caseTypeLabel,
                           Integer legalLimitDays, Integer promisedLimitDays, Deficiency deficiency,
                           Extension extension, LocalDate decidedOn, Boolean granted, LocalDate concludedOn,
                           LocalDate deliveredOn, LocalDate endedOn, CaseTime time, LocalDate deadline,
                           boolean overdue, Boolean onTime, String supervisionLevel, String supervisionLevelLabel,
                           Rating rating, Instant lastRecordedAt) {
    }

    public record Correction(LocalDate noticeOn, boolean late, LocalDate completedOn) {
    }

    public record Deficiency(LocalDate supplyBy, boolean open) {
    }

    /** @param days as approved; @param afterDeadline approved after the deadline, so not counted */
    public record Extension(int days, boolean afterDeadline) {
    }

    /** @param excluded taken out of the statistics after an appeal */
    public record Rating(String satisfaction, String label, String channel, LocalDate evaluatedOn, boolean badReview,
                         LocalDate followUpBy, LocalDate followedUpOn, Boolean followUpInTime,
                         String followUpSatisfaction, boolean appealOpen, boolean excluded) {
    }

    public record CaseList(List<CaseView> cases, int page, int size, long total) {
    }

    public record CaseDetail(CaseView summary, List<Flag> flags) {
    }

    /** Who recorded a step: from the event's metadata. */
    public record TrailActor(String userId, String name, String role, String roleLabel, String bodyId) {
    }

    /**
     * One step of a case.
     *
     * @param aboutDate  the date the step is about (acceptance day, decision day …)
     * @param recordedAt when the ledger recorded it
     * @param time       the time-limit arithmetic at this step; null when the step carries none
     * @param evidence   the event: its id and its global position in the event store
     */
    public record TrailEntry(long sequence, String event, String label, LocalDate aboutDate, Instant recordedAt,
                             TrailActor actor, Integer itemVersion, CaseTime time, Map<String, Object> facts,
                             TrailEvidence evidence) {
    }

    /** The event behind a step: its id, its global position in the store and the public proof of its inclusion. */
    public record TrailEvidence(String eventId, long position, String inclusionProof) {

        public TrailEvidence(String eventId, long position) {
            this(eventId, position, InclusionProofs.link(eventId));
        }
    }

    /**
     * @param complaints the complaints about the case (投诉), oldest first, each with its own trail to follow; no
     *                   complainant and no complaint text
     */
    public record CaseTrail(String caseId, List<TrailEntry> entries, int page, int size, long total,
                            Map<String, String> definitions, List<CaseComplaint> complaints) {
    }

    /** A complaint about a case, as its trail lists it. */
    public record CaseComplaint(String complaintId, String channel, String channelLabel, String category,
                                String categoryLabel, LocalDate receivedOn, String responsibleBodyId, String status,
                                String statusLabel, LocalDate dueOn, LocalDate repliedOn, String rating) {
    }

    public record Flag(String eventId, long position, String caseId, String level, String levelLabel,
                       String trigger, String triggerLabel, LocalDate aboutDate, String detail, Instant recordedAt,
                       String bodyId, String bodyName, String jurisdictionCode, String itemId, boolean open) {
    }

    public record Flags(List<Flag> flags, int page, int size, long total) {
    }

    /**
     * @param caseStatus the state of the part's case as the case view knows it, null while it has not seen it
     */
    public record JointPartView(String caseId, String itemId, String bodyId, String bodyName, String state,
                                LocalDate endedOn, String outcome, String caseStatus, String caseStatusLabel) {
    }

    public record JointApprovalView(String jointApprovalId, String leadBodyId, String leadBodyName,
                                    String projectName, String window, Applicant applicant, List<String> materials,
                                    LocalDate receivedOn, CaseTime time, LocalDate deadline, Extension extension,
                                    LocalDate concludedOn, Boolean onTime, int openParts, List<JointPartView> parts,
                                    Instant lastRecordedAt) {
    }
}
