package org.quanli.kernel.complaints;

/**
 * What a complaint is about (行政效能投诉). Each category has its own time limit in working days, set locally
 * (configuration, not law).
 */
public enum ComplaintCategory {
    /** Slow handling, a case kept past its limit, being sent back and forth (推诿扯皮). */
    EFFICIENCY("办事效率"),
    /** Attitude and conduct of staff (服务态度、工作作风). */
    CONDUCT("服务态度作风"),
    /** Not acting on a duty (不作为、慢作为). */
    INACTION("不作为"),
    /** Exercising a power against the law or the list: no basis, beyond the list, arbitrary penalty (乱作为). */
    UNLAWFUL_EXERCISE("违法违规行使权力"),
    /** Fees or charges outside the item's fee basis (乱收费). */
    CHARGES("违规收费"),
    /** Asking for or taking favours (吃拿卡要、廉政问题). */
    INTEGRITY("廉政问题"),
    OTHER("其他");

    private final String label;

    ComplaintCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
