package org.quanli.kernel.cases;

import java.util.EnumSet;
import java.util.Set;

/** Where a case stands, as the case view records it; the label is what users read. */
public enum CaseStatus {
    SUBMITTED("已收件"),
    CORRECTION_REQUESTED("待补正"),
    CORRECTED("已补正待受理"),
    ACCEPTED("已受理办理中"),
    SUSPENDED("特别程序中(中止计时)"),
    DECIDED("已决定"),
    CONCLUDED("已办结"),
    DELIVERED("已送达"),
    NOT_ACCEPTED("不予受理"),
    WITHDRAWN("已撤回"),
    TERMINATED("已终止");

    /** The clock runs (or stands still in a special procedure) on these: a case in them can be open past its deadline. */
    public static final Set<CaseStatus> IN_HAND = EnumSet.of(ACCEPTED, SUSPENDED, DECIDED);

    private final String label;

    CaseStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
