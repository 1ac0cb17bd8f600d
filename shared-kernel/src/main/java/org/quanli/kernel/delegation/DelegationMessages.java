package org.quanli.kernel.delegation;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.powerlist.ItemContent;

/**
 * A delegation decision (下放, 赋权, 委托): made by a government — its reform office — never by a department on its
 * own, by a document with an effective date (often in the past), for one or more items of upper bodies and one or
 * more receiving bodies.
 */
public final class DelegationMessages {

    private DelegationMessages() {
    }

    /**
     * @param transitionEnd for DEVOLVE: the last day on which the upper body may still act on the receivers' behalf
     *                      (过渡期, 帮办代办); null when there is no transition
     * @param termEnd       for ENTRUST: the last day of the entrustment's announced term
     */
    public record DecideDelegation(@TargetAggregateIdentifier String delegationId, DelegationMode mode,
                                   List<String> sourceItemIds, List<String> receiverBodyIds, LocalDate transitionEnd,
                                   LocalDate termEnd, Decision decision) implements DelegationCommand {
    }

    /** What was delegated, as it stood on the effective date. */
    public record DelegatedItem(String itemId, String bodyId, String jurisdictionCode, ItemType type) {
    }

    public record Receiver(String bodyId, String jurisdictionCode, JurisdictionLevel level) {
    }

    public record DelegationDecided(String delegationId, DelegationMode mode, String decidingJurisdictionCode,
                                    List<DelegatedItem> items, List<Receiver> receivers, LocalDate transitionEnd,
                                    LocalDate termEnd, Decision decision) implements DelegationEvent {
    }

    /** The receiver's own item is identified by the delegation, the source item and the receiver: a replay or a
     * retry of the process that creates it creates nothing new. */
    public static String receivedItemId(String delegationId, String sourceItemId, String receiverBodyId) {
        return UUID.nameUUIDFromBytes((delegationId + "|" + sourceItemId + "|" + receiverBodyId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    // --- effects on the items (sent by the delegation process) ---------------------------------------------------

    /** Asks the source item to record that it was delegated (it carries the content the receivers take over). */
    public record DelegatePowerItem(@TargetAggregateIdentifier String itemId, String delegationId, DelegationMode mode,
                                    List<Receiver> receivers, LocalDate transitionEnd, Decision decision)
                                            implements PowerItemDelegationCommand {
    }

    /** On a devolution the source leaves its holder's list from the effective date; otherwise it stays. */
    public record PowerItemDelegated(String itemId, String bodyId, String jurisdictionCode, String delegationId,
                                     DelegationMode mode, List<Receiver> receivers, int version, ItemContent content,
                                     LocalDate transitionEnd, Decision decision) implements PowerItemDelegationEvent {
    }

    /**
     * The source item could not take a delegation the government decided: it was no longer in force, or a devolution's
     * effective date lies before the item's last decision. The refusal is recorded so that the decision's other items
     * are still carried out, no receiver waits for an item of this one, and the item's history says why.
     *
     * @param rule   the rule the item applied, as a refused command would name it
     * @param reason the rule's explanation, as the reform office reads it
     */
    public record PowerItemDelegationRefused(String itemId, String bodyId, String jurisdictionCode,
                                             String delegationId, DelegationMode mode, String rule, String reason,
                                             Decision decision) implements PowerItemDelegationEvent {
    }

    public record ReceiveDelegatedItem(@TargetAggregateIdentifier String itemId, String sourceItemId,
                                       String sourceBodyId, String delegationId, DelegationMode mode,
                                       String receiverBodyId, ItemContent content, Decision decision)
                                               implements PowerItemDelegationCommand {
    }

    /** The receiver's own item, in force from the effective date, linked to its source, with its power source. */
    public record PowerItemReceived(String itemId, String bodyId, String jurisdictionCode, int version,
                                    ItemContent content, PowerSource powerSource, String sourceItemId,
                                    String sourceBodyId, String delegationId, DelegationMode mode,
                                    Decision decision) implements PowerItemDelegationEvent {
    }

    // --- after the decision ------------------------------------------------------------------------------------

    /** The receiver confirms it has taken the power on (承接). */
    public record ConfirmReceipt(@TargetAggregateIdentifier String delegationId, String receiverBodyId,
                                 LocalDate confirmedOn) implements DelegationCommand {
    }

    public record ReceiptConfirmed(String delegationId, String receiverBodyId, LocalDate confirmedOn)
            implements DelegationEvent {
    }

    public record ReportCapacityGap(@TargetAggregateIdentifier String delegationId, String gapId,
                                    String receiverBodyId, CapacityGapKind kind, String description, String measure,
                                    String leadBodyId, LocalDate deadline) implements DelegationCommand {
    }

    public record CapacityGapReported(String delegationId, String gapId, String receiverBodyId, CapacityGapKind kind,
                                      String description, String measure, String leadBodyId, LocalDate deadline)
                                              implements DelegationEvent {
    }

    public record CloseCapacityGap(@TargetAggregateIdentifier String delegationId, String gapId, LocalDate closedOn,
                                   String remedy) implements DelegationCommand {
    }

    public record CapacityGapClosed(String delegationId, String gapId, String receiverBodyId, LocalDate closedOn,
                                    String remedy) implements DelegationEvent {
    }

    /** Guidance or training the devolving side gave the receivers (业务指导). */
    public record RecordGuidance(@TargetAggregateIdentifier String delegationId, String givingBodyId,
                                 LocalDate givenOn, GuidanceForm form, String description)
                                         implements DelegationCommand {
    }

    public record GuidanceRecorded(String delegationId, String givingBodyId, LocalDate givenOn, GuidanceForm form,
                                   String description) implements DelegationEvent {
    }

    /** Until {@code until} (inclusive) the acting body handles cases on the receiver's behalf (帮办代办). */
    public record ArrangeTransition(@TargetAggregateIdentifier String delegationId, String actingBodyId,
                                    String onBehalfOfBodyId, LocalDate until) implements DelegationCommand {
    }

    public record TransitionArranged(String delegationId, String actingBodyId, String onBehalfOfBodyId,
                                     LocalDate until) implements DelegationEvent {
    }

    /** The receiver takes the cases over from the acting body on this date; acting on its behalf ends the day before. */
    public record RecordHandover(@TargetAggregateIdentifier String delegationId, String receiverBodyId,
                                 LocalDate handedOverOn) implements DelegationCommand {
    }

    public record HandoverRecorded(String delegationId, String receiverBodyId, LocalDate handedOverOn)
            implements DelegationEvent {
    }

    /** The government takes the powers back (收回). Cases accepted before the date stay with whoever accepted them. */
    public record RecallDelegation(@TargetAggregateIdentifier String delegationId, Decision decision)
            implements DelegationCommand {
    }

    public record DelegationRecalled(String delegationId, DelegationMode mode, List<DelegatedItem> items,
                                     List<Receiver> receivers, Decision decision) implements DelegationEvent {
    }

    public record RecallReceivedItem(@TargetAggregateIdentifier String itemId, String delegationId, Decision decision)
            implements PowerItemDelegationCommand {
    }

    public record PowerItemRecalled(String itemId, String bodyId, String jurisdictionCode, String delegationId,
                                    Decision decision) implements PowerItemDelegationEvent {
    }

    public record RestoreDevolvedItem(@TargetAggregateIdentifier String itemId, String delegationId,
                                      Decision decision) implements PowerItemDelegationCommand {
    }

    public record PowerItemRestored(String itemId, String bodyId, String jurisdictionCode, String delegationId,
                                    Decision decision) implements PowerItemDelegationEvent {
    }
}
