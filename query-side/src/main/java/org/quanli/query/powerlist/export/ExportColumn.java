package org.quanli.query.powerlist.export;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.quanli.kernel.codes.CodedValue;
import org.quanli.kernel.codes.ExerciseLevel;
import org.quanli.kernel.powerlist.PowerListQueries.Entrustee;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItem;

/**
 * The columns of an exported list, in order: GB/T 39046 codes next to their labels, so that other systems read the
 * codes and people read the labels. The headers are ones the list importer knows, so an export can be imported again.
 */
enum ExportColumn {
    CATALOGUE_CODE("事项编码(基本编码)", PublishedItem::catalogueCode),
    IMPLEMENTATION_CODE("实施编码", PublishedItem::implementationCode),
    NAME("事项名称", PublishedItem::name),
    TYPE_CODE("事项类型代码", PublishedItem::typeCode),
    TYPE("事项类型", PublishedItem::typeLabel),
    EXERCISE_LEVEL_CODE("行使层级代码", PublishedItem::exerciseLevelCode),
    EXERCISE_LEVEL("行使层级", item -> CodedValue.byCode(ExerciseLevel.class, item.exerciseLevelCode())
            .map(ExerciseLevel::label).orElse(null)),
    BODY("实施主体", PublishedItem::bodyName),
    BODY_CODE("实施主体统一社会信用代码", PublishedItem::bodyId),
    LEGAL_LIMIT("法定时限(工作日)", item -> String.valueOf(item.legalLimitDays())),
    PROMISED_LIMIT("承诺时限(工作日)", item -> String.valueOf(item.promisedLimitDays())),
    /** GB/T 39046 办件类型: 1 即办件 (promised 0 days), 2 承诺件. */
    CASE_TYPE_CODE("办件类型代码", item -> item.immediate() ? "1" : "2"),
    CASE_TYPE("办件类型", item -> item.immediate() ? "即办件" : "承诺件"),
    LEGAL_BASES("设定依据", item -> item.legalBases().stream()
            .map(b -> b.title() + (b.article() == null ? "" : b.article())).collect(Collectors.joining("；"))),
    DOCUMENT_NUMBER("文号", PublishedItem::documentNumber),
    EFFECTIVE_DATE("生效日期", item -> item.effectiveDate() == null ? null : item.effectiveDate().toString()),
    /** A received item (下放, 赋权): the item it came from, its body and the mode. */
    SOURCE_ITEM("来源事项", item -> item.receivedFrom() == null ? null : item.receivedFrom().sourceItemId()),
    SOURCE_BODY("来源主体", item -> item.receivedFrom() == null ? null
            : Objects.requireNonNullElse(item.receivedFrom().sourceBodyName(), item.receivedFrom().sourceBodyId())),
    MODE("方式", item -> item.receivedFrom() == null || item.receivedFrom().mode() == null ? null
            : item.receivedFrom().mode().label()),
    /** An entrusted item (委托): who exercises it in the body's name on the list's date, and until when. */
    ENTRUSTEES("受委托主体", item -> entrustees(item, e -> Objects.requireNonNullElse(e.bodyName(), e.bodyId()))),
    ENTRUSTMENT_TERM("委托期限", item -> entrustees(item,
            e -> e.from() + "至" + (e.termEnd() == null ? "收回" : e.termEnd().toString())));

    static final List<ExportColumn> ALL = List.of(values());

    private final String header;
    private final Function<PublishedItem, String> value;

    ExportColumn(String header, Function<PublishedItem, String> value) {
        this.header = header;
        this.value = value;
    }

    String header() {
        return header;
    }

    /** One text per entrustee, in the list's order, separated as the legal bases are. */
    private static String entrustees(PublishedItem item, Function<Entrustee, String> text) {
        return item.entrustedTo() == null || item.entrustedTo().isEmpty() ? null
                : item.entrustedTo().stream().map(text).collect(Collectors.joining("；"));
    }

    /** The cell's text; empty when the item states nothing. */
    String valueOf(PublishedItem item) {
        String text = value.apply(item);
        return text == null ? "" : text;
    }
}
