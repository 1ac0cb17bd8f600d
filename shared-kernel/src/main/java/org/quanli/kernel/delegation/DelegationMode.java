package org.quanli.kernel.delegation;

import org.quanli.kernel.codes.PowerSource;

/**
 * How a power moves down: devolved (下放, the lower body now holds it and the upper no longer does, except on the
 * receiver's behalf during a transition), granted (赋权, both hold it) or entrusted (委托, the lower body acts in the
 * upper body's name; the upper stays legally responsible).
 */
public enum DelegationMode {
    DEVOLVE("下放"),
    GRANT("赋权"),
    ENTRUST("委托");

    private final String label;

    DelegationMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the upper body still holds the item after the delegation takes effect. */
    public boolean upperKeepsItem() {
        return this != DEVOLVE;
    }

    /** The power source recorded on the receiver's item. */
    public PowerSource powerSource(boolean sameLevel) {
        return switch (this) {
            case DEVOLVE -> PowerSource.DEVOLVED_FROM_ABOVE;
            case GRANT -> sameLevel ? PowerSource.AUTHORISED_SAME_LEVEL : PowerSource.AUTHORISED_FROM_ABOVE;
            case ENTRUST -> sameLevel ? PowerSource.ENTRUSTED_SAME_LEVEL : PowerSource.ENTRUSTED_FROM_ABOVE;
        };
    }
}
