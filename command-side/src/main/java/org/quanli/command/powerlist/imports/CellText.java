package org.quanli.command.powerlist.imports;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.quanli.kernel.codes.CodedValue;
import org.quanli.kernel.codes.ExerciseLevel;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.powerlist.ItemContent;

/**
 * Reads the values of single cells as offices write them. Each reader either returns the value or throws
 * {@link Unreadable} saying, in Chinese, why the cell could not be read.
 */
final class CellText {

    /** A cell whose text cannot be read as the column requires. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Plain numbers, 工作日 or 日 (日 in these columns means a working day); 即办 is 0. 天 is a natural day. */
    private static final Pattern WORKING_DAYS = Pattern.compile("(\\d{1,4})(个)?(工作日|日)?内?");
    private static final Map<String, ItemType> TYPE_LABELS = Map.ofEntries(
            Map.entry("行政许可", ItemType.LICENCE), Map.entry("许可", ItemType.LICENCE),
            Map.entry("行政处罚", ItemType.PENALTY), Map.entry("处罚", ItemType.PENALTY),
            Map.entry("行政强制", ItemType.COERCION), Map.entry("强制", ItemType.COERCION),
            Map.entry("行政征收", ItemType.LEVY), Map.entry("征收", ItemType.LEVY),
            Map.entry("行政给付", ItemType.BENEFIT), Map.entry("给付", ItemType.BENEFIT),
            Map.entry("行政检查", ItemType.INSPECTION), Map.entry("检查", ItemType.INSPECTION),
            Map.entry("行政确认", ItemType.CONFIRMATION), Map.entry("确认", ItemType.CONFIRMATION),
            Map.entry("行政奖励", ItemType.AWARD), Map.entry("奖励", ItemType.AWARD),
            Map.entry("行政裁决", ItemType.ADJUDICATION), Map.entry("裁决", ItemType.ADJUDICATION),
            Map.entry("其他行政权力", ItemType.OTHER_POWER), Map.entry("其他权力", ItemType.OTHER_POWER),
            Map.entry("其他", ItemType.OTHER_POWER),
            Map.entry("公共服务", ItemType.PUBLIC_SERVICE), Map.entry("公共服务事项", ItemType.PUBLIC_SERVICE));
    private static final Map<String, ExerciseLevel> LEVEL_LABELS = Map.ofEntries(
            Map.entry("国家级", ExerciseLevel.NATIONAL), Map.entry("省级", ExerciseLevel.PROVINCE),
            Map.entry("市级", ExerciseLevel.CITY), Map.entry("县级", ExerciseLevel.COUNTY),
            Map.entry("乡镇级", ExerciseLevel.TOWNSHIP), Map.entry("镇级", ExerciseLevel.TOWNSHIP),
            Map.entry("乡级", ExerciseLevel.TOWNSHIP), Map.entry("街道级", ExerciseLevel.TOWNSHIP),
            Map.entry("村级", ExerciseLevel.VILLAGE), Map.entry("社区级", ExerciseLevel.VILLAGE),
            Map.entry("分级管理", ExerciseLevel.GRADED));
    private static final Pattern LIST_NUMBERING = Pattern.compile("^(?:[0-9]+[.、.)]|[(][0-9]+[)]|[①-⑳])\\s*");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[;；\\n\\r]+");
    private static final Pattern ORIGINALS = Pattern.compile("原件\\s*(\\d+)\\s*份");
    private static final Pattern COPIES = Pattern.compile("复印件\\s*(\\d+)\\s*份");
    private static final List<String> NO = List.of("否", "不", "无", "不公开", "不予公开", "n", "no", "false");
    private static final List<String> YES = List.of("是", "公开", "主动公开", "y", "yes", "true");
    private static final List<String> FREE = List.of("否", "不收费", "无", "免费", "免收", "0", "不收取");

    private CellText() {
    }

    /** Full-width forms folded and surrounding space removed, as every reader compares. */
    static String clean(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    static String optional(String text) {
        String cleaned = clean(text);
        return cleaned.isEmpty() ? null : cleaned;
    }

    static int workingDays(String text) {
        String value = clean(text).replaceAll("\\s", "");
        if (value.equals("即办") || value.equals("即办件") || value.equals("当场办结") || value.equals("立即办结")) {
            return 0;
        }
        Matcher matcher = WORKING_DAYS.matcher(value);
        if (matcher.matches()) {
            return Integer.parseInt(matcher.group(1));
        }
        if (value.contains("天") || value.contains("自然日")) {
            throw new Unreadable("时限“" + text.strip() + "”是自然日,无法换算为工作日;请写成工作日数(如“20个工作日”)");
        }
        throw new Unreadable("时限“" + text.strip() + "”无法识别,应为工作日数(如“20”“20个工作日”)或“即办”");
    }

    static ItemType itemType(String text) {
        String value = clean(text).replaceAll("\\s", "");
        Matcher code = Pattern.compile("(\\d{1,2})(.*)").matcher(value);
        if (code.matches()) {
            String padded = code.group(1).length() == 1 ? "0" + code.group(1) : code.group(1);
            Optional<ItemType> byCode = CodedValue.byCode(ItemType.class, padded);
            if (byCode.isPresent() && (code.group(2).isEmpty() || labelOf(code.group(2)).orElse(byCode.get()) == byCode.get())) {
                return byCode.get();
            }
        } else {
            Optional<ItemType> byLabel = labelOf(value);
            if (byLabel.isPresent()) {
                return byLabel.get();
            }
        }
        throw new Unreadable("事项类型“" + text.strip() + "”无法识别,应为 GB/T 39046 代码(01–10、20)或类型名称(如“行政许可”)");
    }

    private static Optional<ItemType> labelOf(String value) {
        String label = value.replaceAll("^[-_:、.]+", "").replaceAll("(类|事项)$", "");
        ItemType type = TYPE_LABELS.get(label);
        if (type == null) {
            type = TYPE_LABELS.get(label + "事项");
        }
        return Optional.ofNullable(type);
    }

    static ExerciseLevel exerciseLevel(String text) {
        String value = clean(text).replaceAll("\\s", "");
        Optional<ExerciseLevel> byCode = CodedValue.byCode(ExerciseLevel.class, value);
        if (byCode.isPresent()) {
            return byCode.get();
        }
        ExerciseLevel byLabel = LEVEL_LABELS.get(value);
        if (byLabel != null) {
            return byLabel;
        }
        for (ExerciseLevel level : ExerciseLevel.values()) {
            if (clean(level.label()).equals(value)) {
                return level;
            }
        }
        throw new Unreadable("行使层级“" + text.strip() + "”无法识别,应为代码 1–7 或 省级、市级、县级、乡镇级、村级、分级管理");
    }

    /** 是 / 否, for the public attribute. */
    static boolean yes(String text) {
        String value = clean(text).toLowerCase();
        if (YES.contains(value)) {
            return true;
        }
        if (NO.contains(value)) {
            return false;
        }
        throw new Unreadable("“" + text.strip() + "”无法识别,应为“是”或“否”");
    }

    static boolean free(String text) {
        return FREE.contains(clean(text));
    }

    /** The entries of a list written in one cell, one per line or separated by “；”, numbering removed. */
    static List<String> entries(String text) {
        List<String> entries = new ArrayList<>();
        for (String part : LIST_SEPARATORS.split(clean(text))) {
            String entry = LIST_NUMBERING.matcher(part.strip()).replaceFirst("").strip();
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** Required materials; “原件N份”, “复印件N份” are read when written, and are then removed from the name. */
    static List<ItemContent.Material> materials(String text) {
        List<ItemContent.Material> materials = new ArrayList<>();
        for (String entry : entries(text)) {
            int originals = count(ORIGINALS, entry);
            int copies = count(COPIES, entry);
            String name = entry.replaceAll("[(（][^()（）]*(原件|复印件)[^()（）]*[)）]", "").strip();
            materials.add(new ItemContent.Material(name.isEmpty() ? entry : name, originals, copies, true));
        }
        return materials;
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
