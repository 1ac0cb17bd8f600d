package org.quanli.command.powerlist;

import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.powerlist.ItemContent;

/**
 * The content rules of {@link PowerItem}, for callers outside this package that must check content before sending
 * a command (an import's dry run reports every row the aggregate would refuse, without sending anything).
 */
public final class ItemContentRules {

    private ItemContentRules() {
    }

    /** @throws org.quanli.kernel.rules.RuleViolation naming the first rule the content breaks */
    public static void check(ItemContent content, CodeFormats formats) {
        PowerItem.checkContent(content, formats);
    }

    /** @throws org.quanli.kernel.rules.RuleViolation {@code village-forbidden-category}, as drafting does */
    public static void checkBodyMayHold(ItemContent content, JurisdictionLevel bodyLevel) {
        PowerItem.requireVillageMayHold(content, bodyLevel);
    }
}
