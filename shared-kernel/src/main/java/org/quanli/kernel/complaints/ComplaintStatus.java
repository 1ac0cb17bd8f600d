package org.quanli.kernel.complaints;

import java.util.EnumSet;
import java.util.Set;

/** Where a complaint stands; the label is what users read. */
public enum ComplaintStatus {
    /** Registered by the unified reception, not yet transferred to a responsible body. */
    REGISTERED("已登记待转办"),
    /** Transferred (or transferred on, or escalated) to a body that has not accepted it yet. */
    TRANSFERRED("已转办待受理"),
    ACCEPTED("已受理调查中"),
    CONCLUDED("已办结待答复"),
    REPLIED("已答复"),
    /** Reopened after a 不满意 rating: the same body handles it again under a new limit. */
    REOPENED("重新办理中"),
    RATED("已评价");

    /** The reply limit runs on these: a complaint in them can be open past its due date. */
    public static final Set<ComplaintStatus> AWAITING_REPLY = EnumSet.of(TRANSFERRED, ACCEPTED, CONCLUDED, REOPENED);

    private final String label;

    ComplaintStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
