package org.quanli.kernel.cases;

/**
 * The figures of the case statistics and their pinned definitions (docs/DOMAIN.md, "Case statistics"). Vendors
 * and provinces use different denominators; these are the ledger's, returned next to every figure. A change to any
 * of them is a new {@link #VERSION}, never an edit in place.
 */
public enum CaseFigure {

    ACCEPTED("accepted", "受理件数", Kind.COUNT,
            "受理日在时段内的办件数(受理日为受理决定所载日期;逾期告知补正视为受理的,为收件日)"),
    CONCLUDED("concluded", "办结件数", Kind.COUNT, "办结日在时段内的办件数"),
    NOT_ACCEPTED("notAccepted", "不予受理件数", Kind.COUNT,
            "不予受理决定日在时段内的办件数(含账本依规则拒绝受理的)"),
    WITHDRAWN("withdrawn", "撤回件数", Kind.COUNT, "撤回日在时段内的办件数(受理前、后撤回均计)"),
    IMMEDIATE_CASES("immediateCases", "即办件办结数", Kind.COUNT,
            "办结日在时段内、受理时办件类型为即办件(承诺时限0个工作日)的办件数"),
    PROMISED_CASES("promisedCases", "承诺件办结数", Kind.COUNT,
            "办结日在时段内、受理时办件类型为承诺件的办件数"),
    SAME_DAY_RATE("sameDayRate", "当日办结率", Kind.RATE,
            "时段内办结的办件中办结日等于受理日的件数 ÷ 时段内办结件数"),
    SAME_MONTH_RATE("sameMonthRate", "当月办结率", Kind.RATE,
            "时段内受理、且在受理的同一自然月内办结的件数 ÷ 时段内受理件数(以现在已知的办结日判断)"),
    ON_TIME_RATE("onTimeRate", "按时办结率", Kind.RATE,
            "时段内办结且未超过办理期限的件数 ÷ 时段内办结件数;办理期限 = 自受理日起按工作日计 承诺时限 + 已批准的延期 "
                    + "+ 特别程序中止的工作日,期限届满后批准的延期不计入"),
    OVERDUE("overdue", "超期件数", Kind.COUNT, "超期办结件数 + 超期未办结件数"),
    OVERDUE_CONCLUDED("overdueConcluded", "超期办结件数", Kind.COUNT, "时段内办结、办结时已超过办理期限的件数"),
    OVERDUE_OPEN("overdueOpen", "超期未办结件数", Kind.COUNT,
            "截止日(时段最后一日;时段未结束时为今天)仍在办且已超期的件数:已受理,截止日及以前未办结、未不予受理、"
                    + "未撤回、未终止,截止日未处于特别程序(中止计时),且办理期限早于截止日。是截止日的存量,"
                    + "同一件可在相继的时段中重复出现"),
    EARLY_RATE("earlyRate", "提前办结率", Kind.RATE,
            "时段内办结的承诺件中已用工作日少于承诺时限的件数 ÷ 时段内办结的承诺件数"),
    AVERAGE_WORKING_DAYS("averageWorkingDays", "平均办结时间(工作日)", Kind.MEAN,
            "时段内办结的承诺件已用工作日之和 ÷ 时段内办结的承诺件数;已用工作日自受理次日起算至办结日,"
                    + "不含特别程序中止的工作日,受理当日办结为0"),
    PROMISED_SPEED_UP("promisedSpeedUp", "承诺提速", Kind.SPEED_UP,
            "1 − Σ承诺时限 ÷ Σ法定时限,对时段最后一日在权责清单上有效、法定时限大于0的事项求和(统计维度为实施主体、"
                    + "行政区划或事项时按该维度取事项);按窗口统计时不适用(为 null)"),
    ACTUAL_SPEED_UP("actualSpeedUp", "办理提速", Kind.SPEED_UP,
            "1 − Σ已用工作日 ÷ Σ法定时限,对时段内办结、法定时限大于0的办件求和"),
    SATISFACTION_RATE("satisfactionRate", "满意率", Kind.RATE,
            "评价日在时段内的评价中(非常满意 + 满意 + 基本满意)的件数 ÷ 评价件数;经申诉复核剔除的评价"
                    + "既不计入分子也不计入分母"),
    IMMEDIATE_ITEM_SHARE("immediateItemShare", "承诺即办件比例(清单)", Kind.RATE,
            "时段最后一日在权责清单上有效、承诺时限为0个工作日的事项数 ÷ 在清单上有效的事项数(统计维度同承诺提速);"
                    + "按窗口统计时不适用(为 null)");

    /** The version of the definitions above. */
    public static final String VERSION = "v1";

    /** What applies to every figure. */
    public static final String CONVENTIONS = "统计口径 " + VERSION + ":统计区间 [from, to] 含起止两日,按 granularity "
            + "(day、month、year)分为自然日、自然月、自然年时段,首尾时段截至区间边界;total 为整个区间。日期均为事件所载的"
            + "业务日期(北京时间),不是记录时间。行政区划含其下各级区划的实施主体;窗口按收件窗口名称。比率以小数表示,"
            + "四舍五入保留四位;每个比率同时给出分子 numerator 和分母 denominator,分母为0时比率为 null。提速为 "
            + "1 − numerator ÷ denominator。数字按账本现在所知计算(如事后剔除的评价、后来的办结),随时可由事件重新得出。";

    /** How a figure is shown: a count, a rate or mean (value = numerator ÷ denominator), or a speed-up. */
    public enum Kind {
        COUNT, RATE, MEAN, SPEED_UP
    }

    private final String code;
    private final String label;
    private final Kind kind;
    private final String formula;

    CaseFigure(String code, String label, Kind kind, String formula) {
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

    public Kind kind() {
        return kind;
    }

    public String formula() {
        return formula;
    }
}
