package org.quanli.command.powerlist.imports;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a column of an imported power list holds, and every header under which offices' spreadsheets name it. This
 * is the one place to extend when a new spreadsheet names a column differently. Headers are compared after
 * {@link #normalise}: full-width forms folded, spaces and required-field stars dropped, and a trailing
 * parenthesised unit such as “(工作日)” ignored when the full header is not known.
 */
enum ListColumn {
    NAME("事项名称", "职权名称", "事项名称", "权力事项名称", "权力名称", "职权事项"),
    TYPE("事项类型", "事项类型", "事项类型代码", "职权类别", "权力类别", "权力类型", "类别", "职权类型"),
    LEGAL_BASES("设定依据", "实施依据", "设定依据", "法律依据", "设定和实施依据", "依据"),
    EXERCISE_LEVEL("行使层级", "行使层级", "行使层级代码", "实施层级", "实施层级及权限", "层级"),
    BODY_CODE("实施主体统一社会信用代码", "实施主体统一社会信用代码", "主体代码", "统一社会信用代码"),
    BODY_NAME("实施主体", "实施主体", "行使主体", "实施机关", "责任主体", "实施部门"),
    LEGAL_LIMIT("法定时限", "法定时限", "法定办结时限", "法定期限"),
    PROMISED_LIMIT("承诺时限", "承诺时限", "承诺办结时限", "承诺期限"),
    CATALOGUE_CODE("基本编码", "基本编码", "事项编码", "目录编码"),
    IMPLEMENTATION_CODE("实施编码", "实施编码", "事项实施编码"),
    DESCRIPTION("事项内容", "事项内容", "职权内容", "权力内容"),
    CONDITIONS("申请条件", "申请条件", "受理条件"),
    MATERIALS("申请材料", "申请材料"),
    FEES("收费", "收费标准", "收费依据", "是否收费"),
    PUBLICITY("公开属性", "是否公开", "公开属性"),
    NON_PUBLIC_REASON("不公开理由", "不公开理由", "不予公开理由"),
    FILING_REFERENCE("备案文号", "备案文号"),
    RESPONSIBILITIES("责任事项", "责任事项"),
    SUPERVISION("监督方式", "监督方式", "投诉电话", "监督电话"),
    /**
     * Known and deliberately not read: remarks, row numbers, what the ledger derives (case type) and what the batch
     * states once for all rows (document, effective date; an export of the ledger carries them per row), and where a
     * received item came from or who exercises an entrusted one: only a delegation decision says that.
     */
    IGNORED("(不导入)", "备注", "序号", "办件类型", "办件类型代码", "文号", "生效日期", "来源事项", "来源主体", "方式",
            "受委托主体", "委托期限");

    private static final Map<String, ListColumn> BY_HEADER = new HashMap<>();

    static {
        for (ListColumn column : values()) {
            for (String synonym : column.synonyms) {
                ListColumn previous = BY_HEADER.put(normalise(synonym), column);
                if (previous != null && previous != column) {
                    throw new IllegalStateException("header " + synonym + " names two columns");
                }
            }
        }
    }

    private final String label;
    private final List<String> synonyms;

    ListColumn(String label, String... synonyms) {
        this.label = label;
        this.synonyms = List.of(synonyms);
    }

    /** The usual Chinese name of the column, for messages about a column the file lacks. */
    String label() {
        return label;
    }

    /** The column a header names, if it is known. */
    static Optional<ListColumn> byHeader(String header) {
        String normalised = normalise(header);
        if (normalised.isEmpty()) {
            return Optional.empty();
        }
        ListColumn column = BY_HEADER.get(normalised);
        if (column == null) {
            // “法定时限(工作日)”, “事项编码(基本编码)”: the unit or an alias in brackets does not change the column.
            String bare = normalised.replaceAll("\\([^()]*\\)$", "");
            column = BY_HEADER.get(bare);
        }
        return Optional.ofNullable(column);
    }

    static String normalise(String header) {
        if (header == null) {
            return "";
        }
        return Normalizer.normalize(header, Normalizer.Form.NFKC)
                .replaceAll("[\\s*★]", "")
                .replace('【', '(').replace('】', ')');
    }
}
