package org.quanli.kernel.codes;

/** 实施主体性质, GB/T 39046-2020 appendix A. */
public enum BodyNature implements CodedValue {
    STATUTORY_ORGAN("1", "法定机关"),
    AUTHORISED_ORGANISATION("2", "授权组织"),
    ENTRUSTED_ORGANISATION("3", "受委托组织"),
    OTHER("9", "其他");

    private final String code;
    private final String label;

    BodyNature(String code, String label) {
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
}
