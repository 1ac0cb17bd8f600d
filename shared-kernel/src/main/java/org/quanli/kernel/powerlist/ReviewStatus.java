package org.quanli.kernel.powerlist;

/** Where the item's pending change stands in review (审核). NONE: nothing pending. */
public enum ReviewStatus {
    NONE("无待审变更"),
    DRAFT("草稿"),
    SUBMITTED("待审核"),
    RETURNED("已退回"),
    APPROVED("审核通过");

    private final String label;

    ReviewStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
