package org.quanli.kernel.powerlist;

/**
 * What a pending change to an item does once decided. Every change, the first publication included, is reviewed by
 * the legal-affairs office and then decided by the reform office with a document and an effective date (Deyang:
 * dynamic management). The clean-up outcomes are those docs/DOMAIN.md lists; devolution belongs to delegation.
 */
public enum ChangeKind {
    PUBLISH("发布"),
    AMEND("变更"),
    CANCEL("取消"),
    TRANSFER_OUT("转移(交由社会或市场)"),
    MERGE("整合"),
    SUSPEND("暂停执行"),
    RESUME("恢复执行"),
    KEEP("保留");

    private final String label;

    ChangeKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The changes the reform office proposes as a list clean-up outcome (not the body's own content changes). */
    public boolean isAdjustment() {
        return this != PUBLISH && this != AMEND;
    }
}
