package org.quanli.query.portal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.stream.Collectors;

import org.quanli.kernel.codes.CodedValue;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.query.powerlist.ContentFields;

/** How the portal writes values in Chinese: field names, content values of a diff, rates and empty values. */
final class PortalText {

    private PortalText() {
    }

    static String field(String name) {
        return "bodyId".equals(name) ? "实施主体" : ContentFields.label(name);
    }

    /** A content value as a person reads it; lists joined with "；". */
    static String value(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof Collection<?> list) {
            return list.isEmpty() ? "—" : list.stream().map(PortalText::value).collect(Collectors.joining(";"));
        }
        if (value instanceof CodedValue coded) {
            return coded.label();
        }
        if (value instanceof LegalBasis basis) {
            return basis.title() + (basis.article() == null ? "" : basis.article());
        }
        if (value instanceof ItemContent.Material material) {
            return material.name() + (material.required() ? "" : "(非必需)");
        }
        if (value instanceof ItemContent.Fee fee) {
            return fee.name() + (fee.standard() == null ? "" : ":" + fee.standard());
        }
        if (value instanceof ItemContent.ProcessStep step) {
            return step.name() + (step.handlingUnit() == null ? "" : "(" + step.handlingUnit() + ")");
        }
        if (value instanceof ItemContent.RiskPoint risk) {
            return risk.description();
        }
        if (value instanceof ItemContent.DiscretionStandard standard) {
            return standard.violation() + ":" + standard.penalty();
        }
        if (value instanceof ItemContent.Publicity publicity) {
            return publicity.isPublic() ? "公开" : "不予公开";
        }
        if (value instanceof Boolean yes) {
            return yes ? "是" : "否";
        }
        return value.toString();
    }

    /** A fraction as a percentage with two decimals; "—" when there is nothing to divide by. */
    static String percent(BigDecimal fraction) {
        return fraction == null ? "—"
                : fraction.multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    static String percent(double fraction) {
        return percent(BigDecimal.valueOf(fraction));
    }

    private static final java.util.Map<String, String> OUTCOMES = java.util.Map.ofEntries(
            java.util.Map.entry("AMEND", "修改"), java.util.Map.entry("CANCEL", "取消"),
            java.util.Map.entry("CANCELLED", "取消"), java.util.Map.entry("TRANSFER_OUT", "转移"),
            java.util.Map.entry("TRANSFERRED", "转移"), java.util.Map.entry("MERGE", "整合"),
            java.util.Map.entry("MERGED", "整合"), java.util.Map.entry("SUSPEND", "暂停"),
            java.util.Map.entry("SUSPENDED", "暂停"), java.util.Map.entry("DEVOLVE", "下放"),
            java.util.Map.entry("DEVOLVED", "下放"), java.util.Map.entry("PASSED", "随机构改革划转"),
            java.util.Map.entry("PASSED_TO_SUCCESSOR", "随机构改革划转"), java.util.Map.entry("RECALLED", "收回"),
            java.util.Map.entry("NOT_PUBLIC", "不再公开"), java.util.Map.entry("PUBLISHED", "发布"),
            java.util.Map.entry("PUBLISH", "发布"), java.util.Map.entry("RECEIVED", "承接"),
            java.util.Map.entry("RESUMED", "恢复"), java.util.Map.entry("RESUME", "恢复"),
            java.util.Map.entry("RESTORED", "收回后恢复"));

    /** What opened or ended a period on a list, or why an item left it, in Chinese. */
    static String outcome(String code) {
        return code == null ? "—" : OUTCOMES.getOrDefault(code, code);
    }

    /** A value as written, or {@code otherwise} where there is none. */
    static String or(Object value, String otherwise) {
        return value == null ? otherwise : value.toString();
    }

    static String limit(int days) {
        return days == 0 ? "即办" : days + " 个工作日";
    }
}
