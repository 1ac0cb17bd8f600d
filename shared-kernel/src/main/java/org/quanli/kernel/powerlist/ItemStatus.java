package org.quanli.kernel.powerlist;

/** Where a power item stands in its review lifecycle. Only a PUBLISHED item is a valid power. */
public enum ItemStatus {
    DRAFT("草稿"),
    SUBMITTED("待审核"),
    RETURNED("已退回"),
    APPROVED("审核通过"),
    PUBLISHED("已发布");

    private final String label;

    ItemStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
