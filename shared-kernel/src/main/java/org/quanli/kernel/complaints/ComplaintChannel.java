package org.quanli.kernel.complaints;

/**
 * How a complaint came in. Since 国办发〔2020〕53号 local hotlines are merged into 12345; {@link #HOTLINE} is any
 * other complaint telephone a body still runs (a radio hotline programme, a supervision office's line).
 */
public enum ComplaintChannel {
    HOTLINE_12345("12345热线"),
    HOTLINE("投诉电话"),
    SMS_WECHAT("短信微信"),
    ONLINE_FORUM("网络论坛留言"),
    LETTER("来信"),
    WINDOW("窗口"),
    VISIT("来访");

    private final String label;

    ComplaintChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
