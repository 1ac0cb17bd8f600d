package org.quanli.kernel.delegation;

import org.quanli.kernel.codes.PowerSource;

/** In which capacity a body may accept cases of an item on a date. */
public enum AcceptanceCapacity {
    OWN("本级法定职权"),
    DEVOLVED("上级下放"),
    GRANTED("上级或同级赋权"),
    ENTRUSTED("受委托,以委托机关名义"),
    ON_BEHALF("过渡期内代承接单位办理");

    private final String label;

    AcceptanceCapacity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The capacity in which the holder of an item exercises it, from where its power comes. */
    public static AcceptanceCapacity of(PowerSource source) {
        return switch (source) {
            case STATUTORY -> OWN;
            case DEVOLVED_FROM_ABOVE -> DEVOLVED;
            case AUTHORISED_FROM_ABOVE, AUTHORISED_SAME_LEVEL -> GRANTED;
            case ENTRUSTED_FROM_ABOVE, ENTRUSTED_SAME_LEVEL -> ENTRUSTED;
        };
    }
}
