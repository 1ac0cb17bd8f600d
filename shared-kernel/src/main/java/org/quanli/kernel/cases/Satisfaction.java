package org.quanli.kernel.cases;

/** The five levels of a rating (好差评, 国办发〔2019〕51号); levels 4 and 5 are bad reviews that must be followed up. */
public enum Satisfaction {
    VERY_SATISFIED(1, "非常满意"),
    SATISFIED(2, "满意"),
    BASICALLY_SATISFIED(3, "基本满意"),
    DISSATISFIED(4, "不满意"),
    VERY_DISSATISFIED(5, "非常不满意");

    private final int level;
    private final String label;

    Satisfaction(int level, String label) {
        this.level = level;
        this.label = label;
    }

    public int level() {
        return level;
    }

    public String label() {
        return label;
    }

    public boolean badReview() {
        return level >= 4;
    }

    public static Satisfaction ofLevel(int level) {
        for (Satisfaction value : values()) {
            if (value.level == level) {
                return value;
            }
        }
        throw new IllegalArgumentException("满意度等级须为1至5：" + level);
    }
}
