package org.quanli.kernel.cases;

/** The case type of GB/T 39046: an immediate case (即办件) is handled on the spot, a promised one within a limit. */
public enum CaseType {
    IMMEDIATE("1", "即办件"),
    PROMISED("2", "承诺件");

    private final String code;
    private final String label;

    CaseType(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** A promised limit of 0 working days makes the case immediate. */
    public static CaseType ofPromisedLimit(int promisedLimitDays) {
        return promisedLimitDays == 0 ? IMMEDIATE : PROMISED;
    }
}
