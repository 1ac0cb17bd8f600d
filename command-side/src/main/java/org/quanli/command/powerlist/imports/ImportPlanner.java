package org.quanli.command.powerlist.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.quanli.command.places.PlaceDirectory;
import org.quanli.command.powerlist.CodeFormats;
import org.quanli.command.powerlist.ItemContentRules;
import org.quanli.command.powerlist.imports.ImportReport.ColumnWarning;
import org.quanli.command.powerlist.imports.ImportReport.RowError;
import org.quanli.command.powerlist.imports.ListRowReader.ReadRow;
import org.quanli.command.powerlist.imports.RegisteredBodies.Body;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Reads a whole file and decides, row by row, what an import would send: reads the cells, resolves the body, checks
 * that the office may act for the body's jurisdiction and that the aggregate would accept the content, derives the
 * item id and finds rows repeated in the file. Sends and writes nothing; dry run and real run share it.
 */
@Component
class ImportPlanner {

    private final RegisteredBodies bodies;
    private final PlaceDirectory places;
    private final CodeFormats formats;
    private final ImportProperties properties;

    ImportPlanner(RegisteredBodies bodies, PlaceDirectory places, CodeFormats formats, ImportProperties properties) {
        this.bodies = bodies;
        this.places = places;
        this.formats = formats;
        this.properties = properties;
    }

    /** One row ready to be sent as {@code RecordPublishedItem}. */
    record PlannedRow(int row, String itemId, String bodyId, ItemContent content) {
    }

    /** @param total data rows; {@code failed} of them have errors, the others are in {@code rows} */
    record ImportPlan(String format, String encoding, String sheet, int headerRow, int total, List<PlannedRow> rows,
                      List<RowError> errors, int failed, List<ColumnWarning> warnings) {
    }

    ImportPlan plan(byte[] file, Actor office) {
        String officeJurisdiction = officeJurisdiction(office);
        SpreadsheetReader.ReadSheet sheet = null;
        ListHeader header = null;
        for (SpreadsheetReader.ReadSheet candidate : SpreadsheetReader.read(file)) {
            Optional<ListHeader> found = ListHeader.find(candidate.rows());
            if (found.isPresent()) {
                sheet = candidate;
                header = found.get();
                break;
            }
        }
        if (header == null) {
            throw new RuleViolation("import-header-not-found", "未找到表头行:文件前" + ListHeader.SEARCHED_ROWS
                    + "行中没有一行含有至少" + ListHeader.MIN_KNOWN + "个可识别的列名(如 事项名称、事项类型、设定依据、实施主体、法定时限)");
        }
        List<String> missing = header.missingRequiredColumns();
        if (!missing.isEmpty()) {
            throw new RuleViolation("import-required-columns", "第" + header.rowNumber() + "行的表头缺少必需的列: "
                    + String.join("、", missing));
        }
        int headerRow = header.rowNumber();
        List<SheetRow> dataRows = sheet.rows().stream().filter(r -> r.number() > headerRow && !r.isBlank()).toList();
        if (dataRows.size() > properties.maxRows()) {
            throw new RuleViolation("import-too-many-rows", "文件有" + dataRows.size() + "行数据,一次最多导入"
                    + properties.maxRows() + "行,请拆分后导入");
        }

        ListRowReader reader = new ListRowReader(header);
        List<ReadRow> read = dataRows.stream().map(reader::read).toList();
        Set<String> codes = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        read.forEach(r -> {
            if (r.bodyCode() != null) {
                codes.add(r.bodyCode());
            } else if (r.bodyName() != null) {
                names.add(r.bodyName());
            }
        });
        RegisteredBodies.Found found = bodies.find(codes, names);
        Map<String, Boolean> allowed = new HashMap<>();
        Map<String, Integer> firstRowOfItem = new HashMap<>();

        List<PlannedRow> planned = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        int failed = 0;
        for (ReadRow row : read) {
            List<RowError> rowErrors = new ArrayList<>(row.errors());
            Body body = resolveBody(row, header, found, rowErrors);
            if (body != null && !allowed.computeIfAbsent(body.jurisdictionCode(),
                    code -> places.isSameOrBelow(code, officeJurisdiction))) {
                rowErrors.add(new RowError(row.row(), bodyColumn(row, header), "实施主体“" + body.name() + "”属于行政区划 "
                        + body.jurisdictionCode() + ",不在本单位所在行政区划(" + officeJurisdiction + ")及其下级,无权导入"));
            }
            if (row.content() != null) {
                try {
                    ItemContentRules.check(row.content(), formats);
                } catch (RuleViolation e) {
                    rowErrors.add(new RowError(row.row(), header.headerOf(columnOf(e.rule())), e.getMessage()));
                }
                if (body != null) {
                    try {
                        ItemContentRules.checkBodyMayHold(row.content(), body.level());
                    } catch (RuleViolation e) {
                        rowErrors.add(new RowError(row.row(), header.headerOf(columnOf(e.rule())),
                                "实施主体“" + body.name() + "”为村(社区)级," + e.getMessage()));
                    }
                }
            }
            if (rowErrors.isEmpty()) {
                String itemId = ImportedItemIds.of(body.bodyId(), row.content());
                Integer first = firstRowOfItem.putIfAbsent(itemId, row.row());
                if (first != null) {
                    rowErrors.add(new RowError(row.row(), header.headerOf(row.content().implementationCode() != null
                            ? ListColumn.IMPLEMENTATION_CODE : ListColumn.NAME),
                            "与第" + first + "行是同一事项(同一实施主体的同一"
                                    + (row.content().implementationCode() != null ? "实施编码" : "事项类型和名称") + "),已跳过"));
                } else {
                    planned.add(new PlannedRow(row.row(), itemId, body.bodyId(), row.content()));
                }
            }
            if (!rowErrors.isEmpty()) {
                failed++;
                errors.addAll(rowErrors);
            }
        }
        return new ImportPlan(sheet.format(), sheet.encoding(), sheet.sheetName(), headerRow, dataRows.size(),
                planned, errors, failed, header.warnings());
    }

    private String officeJurisdiction(Actor office) {
        return Optional.ofNullable(office.bodyId()).flatMap(places::body)
                .map(PlaceDirectory.RegisteredBody::jurisdictionCode)
                .orElseThrow(() -> new Forbidden("导入人所在单位(" + office.bodyId() + ")尚未登记,无法确定可导入的行政区划"));
    }

    private static Body resolveBody(ReadRow row, ListHeader header, RegisteredBodies.Found found,
            List<RowError> errors) {
        if (row.bodyCode() != null) {
            String problem = UnifiedSocialCreditCode.problemWith(row.bodyCode());
            if (problem != null) {
                errors.add(new RowError(row.row(), header.headerOf(ListColumn.BODY_CODE), problem));
                return null;
            }
            Body body = found.byCode().get(row.bodyCode());
            if (body == null) {
                errors.add(new RowError(row.row(), header.headerOf(ListColumn.BODY_CODE),
                        "统一社会信用代码为 " + row.bodyCode() + " 的实施主体尚未登记,请先登记"));
            }
            return body;
        }
        if (row.bodyName() == null) {
            return null;
        }
        List<Body> named = found.byName().getOrDefault(row.bodyName(), List.of());
        if (named.size() == 1) {
            return named.get(0);
        }
        errors.add(new RowError(row.row(), header.headerOf(ListColumn.BODY_NAME), named.isEmpty()
                ? "名为“" + row.bodyName() + "”的实施主体尚未登记,请先登记或填写统一社会信用代码"
                : "名为“" + row.bodyName() + "”的实施主体有" + named.size() + "个,请填写统一社会信用代码以区分"));
        return null;
    }

    private static String bodyColumn(ReadRow row, ListHeader header) {
        return header.headerOf(row.bodyCode() != null ? ListColumn.BODY_CODE : ListColumn.BODY_NAME);
    }

    /** The column a content rule of the aggregate is about, so the error points at the cell to fix. */
    private static ListColumn columnOf(String rule) {
        return switch (rule) {
            case "promised-within-legal" -> ListColumn.PROMISED_LIMIT;
            case "limits-not-negative" -> ListColumn.LEGAL_LIMIT;
            case "non-public-needs-reason-and-filing" -> ListColumn.PUBLICITY;
            case "catalogue-code-format" -> ListColumn.CATALOGUE_CODE;
            case "implementation-code-format" -> ListColumn.IMPLEMENTATION_CODE;
            case "item-type-required", "village-forbidden-category" -> ListColumn.TYPE;
            default -> ListColumn.NAME;
        };
    }
}
