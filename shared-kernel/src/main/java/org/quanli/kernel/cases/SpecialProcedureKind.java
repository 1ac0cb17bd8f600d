package org.quanli.kernel.cases;

import org.quanli.kernel.codes.CodedValue;

/**
 * A special procedure (特别程序) of GB/T 39046: code 1 is an extension, code 2 every other procedure, each of which
 * stops the clock (行政许可法 第45条). Extensions are approved by {@code ExtendCase}, not started here.
 */
public enum SpecialProcedureKind implements CodedValue {
    EXTENSION("1", "延长审批"),
    HEARING("2", "听证"),
    TESTING("2", "检验检测"),
    EXPERT_REVIEW("2", "专家评审"),
    ON_SITE_INSPECTION("2", "现场勘查"),
    QUARANTINE("2", "检疫"),
    APPRAISAL("2", "鉴定"),
    TENDERING("2", "招标"),
    AUCTION("2", "拍卖");

    private final String code;
    private final String label;

    SpecialProcedureKind(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The GB/T 39046 code: "1" extension, "2" other. */
    @Override
    public String code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }

    /** Whether the procedure's working days do not count toward the time limit. */
    public boolean stopsTheClock() {
        return this != EXTENSION;
    }
}
