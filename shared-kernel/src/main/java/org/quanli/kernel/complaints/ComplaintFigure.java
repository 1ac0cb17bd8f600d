package org.quanli.kernel.complaints;

import org.quanli.kernel.cases.CaseFigure;

/**
 * The figures of the complaint statistics and their pinned definitions (DOMAIN.md, "Complaints"), returned next to
 * every figure as the case statistics' are. A change to any of them is a new {@link #VERSION}, never an edit in place.
 */
public enum ComplaintFigure {

    RECEIVED("received", "受理投诉件数", CaseFigure.Kind.COUNT, "收到(登记)日在时段内的投诉件数,匿名投诉在内"),
    CONCLUDED("concluded", "办结件数", CaseFigure.Kind.COUNT,
            "最近一次办结日在时段内的投诉件数(重新办理后再次办结的,按最近一次办结日计一次)"),
    CONCLUDED_WITHIN_LIMIT_RATE("concludedWithinLimitRate", "按时办结率", CaseFigure.Kind.RATE,
            "时段内办结的投诉中、最近一次办结日不晚于当时答复时限(转办、提级或重新办理之日起按工作日计的类别时限;"
                    + "转交责任单位不改变时限)的件数 ÷ 时段内办结件数"),
    ANSWERED_RATE("answeredRate", "反馈率", CaseFigure.Kind.RATE,
            "收到日在时段内、且已答复投诉人(反馈)的件数 ÷ 收到日在时段内的投诉件数(以现在已知的答复判断)"),
    SATISFACTION_RATE("satisfactionRate", "满意率", CaseFigure.Kind.RATE,
            "最近一次评价日在时段内的投诉中(满意 + 基本满意)的件数 ÷ 评价件数;重新办理后再次评价的,只计最近一次评价"),
    REOPENED("reopened", "重新办理件数", CaseFigure.Kind.COUNT, "因不满意重新办理、重新办理日在时段内的投诉件数"),
    ESCALATED("escalated", "提级办理件数", CaseFigure.Kind.COUNT, "提级办理日在时段内的投诉件数"),
    TRANSFERRED_ON("transferredOn", "转交责任单位件数", CaseFigure.Kind.COUNT,
            "收到日在时段内、因首次转办的单位不负责而转交其他单位的投诉件数"),
    OVERDUE_OPEN("overdueOpen", "超期未答复件数", CaseFigure.Kind.COUNT,
            "截止日(时段最后一日;时段未结束时为今天)仍未答复且已过答复时限的投诉件数:该时限自转办、提级或重新办理"
                    + "之日起,截止日及以前未答复,也未因提级改为新的时限。是截止日的存量,同一件可在相继的时段中重复出现"),
    ABOUT_RECEIVED_ITEMS("aboutReceivedItems", "涉及承接事项的投诉件数", CaseFigure.Kind.COUNT,
            "收到日在时段内、所涉事项在收到之日由计入主体以下放、赋权承接的投诉件数(见计入主体的定义)");

    /** The version of the definitions above. */
    public static final String VERSION = "complaints-v1";

    /** What applies to every figure. */
    public static final String CONVENTIONS = "投诉统计口径 " + VERSION + ":统计区间 [from, to] 含起止两日,按 granularity "
            + "(day、month、year)分为自然日、自然月、自然年时段,首尾时段截至区间边界;total 为整个区间。日期均为事件所载的"
            + "业务日期(北京时间),不是记录时间。计入主体:投诉涉及事项的,为收到之日依权责清单持有该事项的主体——投诉指向或"
            + "转办到的主体在当日持有由该事项下放、赋权承接的事项时为该承接主体;未涉及事项或当日无人持有的,为被投诉主体。"
            + "按实施主体统计即按计入主体,按行政区划统计含其下各级区划的计入主体;按渠道为投诉收到的渠道。比率以小数表示,"
            + "四舍五入保留四位;每个比率同时给出分子 numerator 和分母 denominator,分母为0时比率为 null。数字按账本现在所知"
            + "计算,随时可由事件重新得出。";

    private final String code;
    private final String label;
    private final CaseFigure.Kind kind;
    private final String formula;

    ComplaintFigure(String code, String label, CaseFigure.Kind kind, String formula) {
        this.code = code;
        this.label = label;
        this.kind = kind;
        this.formula = formula;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public CaseFigure.Kind kind() {
        return kind;
    }

    public String formula() {
        return formula;
    }
}
