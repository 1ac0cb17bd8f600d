package org.quanli.kernel.powerlist;

/** Whether, and how, an item stands on its body's published list. Only IN_FORCE is a valid power. */
public enum ListStatus {
    UNPUBLISHED("未发布"),
    IN_FORCE("有效"),
    SUSPENDED("暂停执行"),
    CANCELLED("已取消"),
    TRANSFERRED("已转移"),
    MERGED("已整合"),
    DEVOLVED("已下放"),
    RECALLED("已收回"),
    WITHDRAWN("草稿已撤回");

    private final String label;

    ListStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Off the list and taking no change: cancelled, transferred, merged, devolved (a recall may restore a devolved
     * item to its holder, but nothing else changes it), recalled from a receiver, or a first draft withdrawn before
     * it was ever published.
     */
    public boolean ended() {
        return this == CANCELLED || this == TRANSFERRED || this == MERGED || this == DEVOLVED || this == RECALLED
                || this == WITHDRAWN;
    }
}
