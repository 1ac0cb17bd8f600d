package org.quanli.kernel.complaints;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.quanli.kernel.cases.CaseFigure;
import org.quanli.kernel.cases.CaseQueries.TrailActor;
import org.quanli.kernel.cases.CaseQueries.TrailEvidence;
import org.quanli.kernel.cases.CaseStatisticsQueries.Granularity;
import org.quanli.kernel.cases.CaseStatisticsQueries.Period;
import org.quanli.kernel.cases.CaseStatisticsQueries.Value;

/**
 * The questions the complaint read side answers and its answers. Each question carries the {@link Reader} it is asked
 * for, so that the handler, not the caller, applies who may see which complaint and whose identity.
 */
public final class ComplaintQueries {

    private ComplaintQueries() {
    }

    /** Which complaints a reader sees. */
    public enum Reach {
        /** Every complaint (an auditor or supervision office without a body). */
        ALL,
        /** Complaints whose body complained about or responsible body lies in the jurisdiction or below. */
        JURISDICTION,
        /** Complaints the reader's body registered (the unified reception). */
        REGISTERED_BY,
        /** Complaints the reader's body must answer now. */
        RESPONSIBLE
    }

    /**
     * Who is asking, as far as what they may see goes.
     *
     * @param bodyId           the reader's body (REGISTERED_BY, RESPONSIBLE)
     * @param jurisdictionCode the reader's jurisdiction (JURISDICTION)
     * @param identity         whether the complainant of a complaint in reach is shown in full (reception, handler)
     */
    public record Reader(Reach reach, String bodyId, String jurisdictionCode, boolean identity) {

        public static final Reader EVERYTHING_MASKED = new Reader(Reach.ALL, null, null, false);
    }

    // --- questions -----------------------------------------------------------------------------------------------

    /** Complaints filtered by any of the fields (null: any); dates inclusive; newest receipt first. */
    public record ComplaintListQuery(Reader reader, String bodyId, String jurisdictionCode, String itemId,
                                     String caseId, ComplaintChannel channel, ComplaintCategory category,
                                     ComplaintStatus status, Boolean overdue, LocalDate receivedFrom,
                                     LocalDate receivedTo, int page, int size) {
    }

    public record ComplaintQuery(Reader reader, String complaintId) {
    }

    public record ComplaintTrailQuery(Reader reader, String complaintId, int page, int size) {
    }

    /** The complaints about an item or a case, without anyone's identity or the complaint's text (links). */
    public record ComplaintLinksQuery(String itemId, String caseId, int page, int size) {
    }

    /** Published replies (公开回复), newest first, by any of the fields (null: any). */
    public record PublicRepliesQuery(String bodyId, String jurisdictionCode, String itemId, LocalDate from,
                                     LocalDate to, int page, int size) {
    }

    public enum DimensionKind {
        BODY("bodyId"),
        JURISDICTION("jurisdictionCode"),
        ITEM("itemId"),
        CHANNEL("channel");

        private final String parameter;

        DimensionKind(String parameter) {
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    public record Dimension(DimensionKind kind, String value) {
    }

    /**
     * @param onlyJurisdiction only complaints counted toward bodies of this jurisdiction and below (a reader with a
     *                         body); null: every complaint
     * @param dimension        null: every complaint in reach
     */
    public record ComplaintStatisticsQuery(String onlyJurisdiction, LocalDate from, LocalDate to,
                                           Granularity granularity, Dimension dimension) {
    }

    // --- answers -------------------------------------------------------------------------------------------------

    /**
     * One complaint. The complainant is null when anonymous, masked unless the reader handles the complaint.
     *
     * @param responsibleBodyId the body that must answer now
     * @param overdue           awaiting a reply past the due date today
     */
    public record ComplaintView(String complaintId, String channel, String channelLabel, String category,
                                String categoryLabel, LocalDateTime receivedAt, String text, boolean anonymous,
                                Complainant complainant, boolean complainantMasked, String bodyId, String bodyName,
                                String jurisdictionCode, String itemId, String itemName, String caseId,
                                String registeredByBodyId, String responsibleBodyId, String responsibleBodyName,
                                int transfersOn, String status, String statusLabel, int round, Integer limitDays,
                                LocalDate dueOn, LocalDate acceptedOn, LocalDate concludedOn,
                                Boolean concludedWithinLimit, String outcome, LocalDate repliedOn,
                                Boolean repliedWithinLimit, String publicReply, String rating, String ratingLabel,
                                LocalDate ratedOn, LocalDate reopenedOn, LocalDate escalatedOn, String flagLevel,
                                boolean overdue, Instant lastRecordedAt) {
    }

    public record ComplaintList(List<ComplaintView> complaints, int page, int size, long total) {
    }

    /**
     * One step of a complaint.
     *
     * @param aboutDate  the date the step is about
     * @param receivedAt the date and time received (Beijing), on the receipt only
     * @param recordedAt when the ledger recorded it
     */
    public record ComplaintTrailEntry(long sequence, String event, String label, LocalDate aboutDate,
                                      LocalDateTime receivedAt, Instant recordedAt, TrailActor actor, String bodyId,
                                      Integer round, LocalDate dueOn, Map<String, Object> facts,
                                      TrailEvidence evidence) {
    }

    public record ComplaintTrail(String complaintId, List<ComplaintTrailEntry> entries, int page, int size,
                                 long total, Map<String, String> definitions) {
    }

    /** A complaint as shown next to the item or case it is about: no identity, no text. */
    public record ComplaintLink(String complaintId, String channel, String channelLabel, String category,
                                String categoryLabel, LocalDate receivedOn, String bodyId, String itemId,
                                String caseId, String responsibleBodyId, String status, String statusLabel,
                                LocalDate dueOn, LocalDate concludedOn, Boolean concludedWithinLimit,
                                LocalDate repliedOn, String rating, boolean overdue) {
    }

    public record ComplaintLinks(List<ComplaintLink> complaints, int page, int size, long total) {
    }

    /** A reply published for the portal: no complainant, personal numbers and the complainant's name masked. */
    public record PublicReply(String complaintId, String bodyId, String bodyName, String itemId, String itemName,
                              String channel, String channelLabel, String category, String categoryLabel,
                              LocalDate receivedOn, LocalDate repliedOn, String outcome, String outcomeLabel,
                              String reply) {
    }

    public record PublicReplies(List<PublicReply> replies, int page, int size, long total) {
    }

    /** A figure with its definition next to it, over every bucket and over the whole period. */
    public record ComplaintFigureSeries(String code, String label, CaseFigure.Kind kind, String formula, List<Value> series,
                               Value total) {
    }

    /** Received complaints split by one attribute (channel, category): one count series per value. */
    public record Breakdown(String by, String definition, List<ComplaintFigureSeries> parts) {
    }

    public record ComplaintStatistics(String definitionsVersion, String conventions, LocalDate from, LocalDate to,
                                      Granularity granularity, String dimension, String dimensionValue,
                                      LocalDate asOf, List<Period> buckets, List<ComplaintFigureSeries> figures,
                                      List<Breakdown> breakdowns) {
    }

    public record ComplaintDefinition(String code, String label, CaseFigure.Kind kind, String formula) {
    }

    public record ComplaintDefinitions(String version, String conventions, List<ComplaintDefinition> definitions) {

        public static ComplaintDefinitions current() {
            return new ComplaintDefinitions(ComplaintFigure.VERSION, ComplaintFigure.CONVENTIONS,
                    java.util.Arrays.stream(ComplaintFigure.values())
                            .map(f -> new ComplaintDefinition(f.code(), f.label(), f.kind(), f.formula())).toList());
        }
    }

    /** A complaint channel a body publishes with its list: a public number, address or page, never a person's. */
    public record PublishedChannel(String channel, String channelLabel, String contact, String hours) {
    }

    public record BodyChannels(String bodyId, String bodyName, String jurisdictionCode,
                               List<PublishedChannel> channels) {
    }

    /** The complaint channels a body publishes with its list (the nearest configured: body, jurisdiction, default). */
    public record BodyChannelsQuery(String bodyId) {
    }
}
