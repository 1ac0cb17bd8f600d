package org.quanli.kernel.powerlist;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.quanli.kernel.codes.ExerciseLevel;
import org.quanli.kernel.codes.ItemType;

/**
 * What a power item states (Zhaoqing plan; Deyang "seven elements"). Time limits are in working days; a promised
 * limit of 0 makes the item an immediate item (即办件), any other a promised item (承诺件). Lists are never null; the
 * optional fields of an older stored event read back as empty.
 *
 * @param exerciseLevel       行使层级
 * @param catalogueCode       the item's code in the province's catalogue (基本编码), format configured per province
 * @param implementationCode  one body's implementation (实施编码), format configured per province
 * @param description         事项内容
 * @param conditions          申请条件
 * @param relatedDepartments  相关部门
 * @param responsibilities    责任事项
 * @param supervisionChannels 监督投诉渠道
 */
public record ItemContent(String name, ItemType type, List<LegalBasis> legalBases, int legalLimitDays,
                          int promisedLimitDays, ExerciseLevel exerciseLevel, String catalogueCode,
                          String implementationCode, String description, List<String> conditions,
                          List<Material> materials, List<Fee> fees, List<ProcessStep> processSteps,
                          List<String> relatedDepartments, List<RiskPoint> riskPoints,
                          List<DiscretionStandard> discretionStandards, List<String> responsibilities,
                          List<String> supervisionChannels, Publicity publicity) {

    public ItemContent {
        legalBases = copy(legalBases);
        conditions = copy(conditions);
        materials = copy(materials);
        fees = copy(fees);
        processSteps = copy(processSteps);
        relatedDepartments = copy(relatedDepartments);
        riskPoints = copy(riskPoints);
        discretionStandards = copy(discretionStandards);
        responsibilities = copy(responsibilities);
        supervisionChannels = copy(supervisionChannels);
        publicity = publicity == null ? Publicity.PUBLIC : publicity;
    }

    /** The core of an item; everything else empty. */
    public ItemContent(String name, ItemType type, List<LegalBasis> legalBases, int legalLimitDays,
                       int promisedLimitDays) {
        this(name, type, legalBases, legalLimitDays, promisedLimitDays, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    public boolean immediate() {
        return promisedLimitDays == 0;
    }

    public boolean hasPowerFoundingBasis() {
        return legalBases.stream().anyMatch(b -> b.kind() != null && b.kind().setsPower());
    }

    /** The names of the fields in which {@code after} differs from this content, in declaration order. */
    public List<String> changedFields(ItemContent after) {
        List<String> changed = new ArrayList<>();
        for (RecordComponent component : ItemContent.class.getRecordComponents()) {
            if (!Objects.equals(valueOf(component, this), valueOf(component, after))) {
                changed.add(component.getName());
            }
        }
        return changed;
    }

    /** The value of one field by its name, for diffs that show old and new values. */
    public Object field(String name) {
        for (RecordComponent component : ItemContent.class.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return valueOf(component, this);
            }
        }
        throw new IllegalArgumentException("no field " + name);
    }

    private static Object valueOf(RecordComponent component, ItemContent content) {
        try {
            return component.getAccessor().invoke(content);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** 申请材料. */
    public record Material(String name, int originals, int copies, boolean required) {
    }

    /** 收费: what is charged, the standard and the basis for charging it. */
    public record Fee(String name, String standard, String basis) {
    }

    /** One step of the process (申请 → 受理 → 审查 → 决定 → 送达) with the unit that handles it. */
    public record ProcessStep(String name, String handlingUnit, Integer limitDays) {
    }

    /** 廉政风险点 and the controls against it. */
    public record RiskPoint(String description, String controls) {
    }

    /** 自由裁量基准 of a penalty item: the violation, its circumstances, and the penalty for them. */
    public record DiscretionStandard(String violation, String circumstances, String penalty) {
    }

    /** 公开属性: public, or not public with a stated reason and a filing reference (Zhaoqing 三(二)2). */
    public record Publicity(boolean isPublic, String reason, String filingReference) {
        public static final Publicity PUBLIC = new Publicity(true, null, null);
    }
}
