package org.quanli.query.powerlist;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.quanli.platform.architecture.FeatureInterface;

/** The Chinese names of an item's content fields (ItemContent's components), as histories and diffs show them. */
@FeatureInterface
public final class ContentFields {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("name", "名称"),
            Map.entry("type", "事项类型"),
            Map.entry("legalBases", "设定依据"),
            Map.entry("legalLimitDays", "法定时限"),
            Map.entry("promisedLimitDays", "承诺时限"),
            Map.entry("exerciseLevel", "行使层级"),
            Map.entry("catalogueCode", "基本编码"),
            Map.entry("implementationCode", "实施编码"),
            Map.entry("description", "事项内容"),
            Map.entry("conditions", "申请条件"),
            Map.entry("materials", "申请材料"),
            Map.entry("fees", "收费"),
            Map.entry("processSteps", "办理流程"),
            Map.entry("relatedDepartments", "相关部门"),
            Map.entry("riskPoints", "廉政风险点"),
            Map.entry("discretionStandards", "自由裁量基准"),
            Map.entry("responsibilities", "责任事项"),
            Map.entry("supervisionChannels", "监督投诉渠道"),
            Map.entry("publicity", "公开属性"));

    private ContentFields() {
    }

    /** The field's Chinese name; a field added to the content later shows under its own name until labelled. */
    public static String label(String field) {
        return LABELS.getOrDefault(field, field);
    }

    /** "名称、承诺时限". */
    static String labels(List<String> fields) {
        return fields.stream().map(ContentFields::label).collect(Collectors.joining("、"));
    }
}
