package org.quanli.kernel.codes;

/** 权力来源, as national exchange tables code it: where the holder's power over an item comes from. */
public enum PowerSource implements CodedValue {
    STATUTORY("1", "本级法定"),
    DEVOLVED_FROM_ABOVE("2", "上级下放"),
    AUTHORISED_FROM_ABOVE("3", "上级授权"),
    AUTHORISED_SAME_LEVEL("4", "同级授权"),
    ENTRUSTED_FROM_ABOVE("5", "上级委托"),
    ENTRUSTED_SAME_LEVEL("6", "同级委托");

    private final String code;
    private final String label;

    PowerSource(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }

    /** An entrusted power is exercised in the entrusting organ's name and may not be entrusted further. */
    public boolean entrusted() {
        return this == ENTRUSTED_FROM_ABOVE || this == ENTRUSTED_SAME_LEVEL;
    }
}
