package org.quanli.kernel.powerlist;

import java.util.List;

import org.quanli.kernel.codes.ItemType;

/**
 * What a power item states. Time limits are in working days; a promised limit of 0 makes the item an immediate
 * item (即办件), any other a promised item (承诺件).
 */
public record ItemContent(String name, ItemType type, List<LegalBasis> legalBases, int legalLimitDays,
                          int promisedLimitDays) {

    public ItemContent {
        legalBases = legalBases == null ? List.of() : List.copyOf(legalBases);
    }

    public boolean immediate() {
        return promisedLimitDays == 0;
    }

    public boolean hasPowerFoundingBasis() {
        return legalBases.stream().anyMatch(b -> b.kind() != null && b.kind().setsPower());
    }
}
