package org.quanli.kernel.cases;

import org.quanli.kernel.codes.CodedValue;

/** The case type of GB/T 39046: an immediate case (即办件) is handled on the spot, a promised one within a limit. */
public enum CaseType implements CodedValue {
    IMMEDIATE("1", "即办件"),
    PROMISED("2", "承诺件");

    private final String code;
    private final String label;

    CaseType(String code, String label) {
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

    /** A promised limit of 0 working days makes the case immediate. */
    public static CaseType ofPromisedLimit(int promisedLimitDays) {
        return promisedLimitDays == 0 ? IMMEDIATE : PROMISED;
    }
}
