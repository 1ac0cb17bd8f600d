package org.quanli.kernel.codes;

/** 事项类型, GB/T 39046-2020 appendix A. */
public enum ItemType implements CodedValue {
    LICENCE("01", "行政许可"),
    PENALTY("02", "行政处罚"),
    COERCION("03", "行政强制"),
    LEVY("04", "行政征收"),
    BENEFIT("05", "行政给付"),
    INSPECTION("06", "行政检查"),
    CONFIRMATION("07", "行政确认"),
    AWARD("08", "行政奖励"),
    ADJUDICATION("09", "行政裁决"),
    OTHER_POWER("10", "其他行政权力"),
    PUBLIC_SERVICE("20", "公共服务");

    private final String code;
    private final String label;

    ItemType(String code, String label) {
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

    /** A public service is not an administrative power, so it needs no legal basis of a power's kind. */
    public boolean isPower() {
        return this != PUBLIC_SERVICE;
    }

    /**
     * Village committees are not administrative subjects: they never hold approval/permit, penalty, coercion or
     * levy powers (Panjin notice, item 八).
     */
    public boolean forbiddenAtVillageLevel() {
        return this == LICENCE || this == PENALTY || this == COERCION || this == LEVY;
    }
}
