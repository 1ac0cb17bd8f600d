package org.quanli.kernel.delegation;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.places.JurisdictionLevel;

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
                                   LocalDate termEnd, Decision decision) {
    }

    /** What was delegated, as it stood on the effective date. */
    public record DelegatedItem(String itemId, String bodyId, String jurisdictionCode, ItemType type) {
    }

    public record Receiver(String bodyId, String jurisdictionCode, JurisdictionLevel level) {
    }

    public record DelegationDecided(String delegationId, DelegationMode mode, String decidingJurisdictionCode,
                                    List<DelegatedItem> items, List<Receiver> receivers, LocalDate transitionEnd,
                                    LocalDate termEnd, Decision decision) {
    }
}
