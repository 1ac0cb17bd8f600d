package org.quanli.query.timeliness;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "Expected figures" of {@code timeliness/dataset.md}, read as the test's expectations: each table with the
 * questions it answers ({@code Query: name=value …} lines) and, per figure, one expected value per column.
 */
final class ExpectedFigures {

    private static final Pattern RATIO = Pattern.compile("(1 [−-] )?(\\d+)/(\\d+) = (null|\\d+\\.\\d{4})");
    private static final Pattern COUNT = Pattern.compile("\\d+");

    /** What one cell says: a count (value only), a ratio (all three), or n/a (all null). */
    record Cell(String text, BigDecimal value, Long numerator, Long denominator) {
    }

    /**
     * @param queries each {@code Query:} line's parameters, symbols as dataset.md writes them
     * @param columns the buckets' first days, then {@code total}
     */
    record Table(String title, List<Map<String, String>> queries, List<String> columns, Map<String, List<Cell>> rows) {
    }

    private ExpectedFigures() {
    }

    static List<Table> read() {
        List<String> lines = lines();
        int start = lines.indexOf("## Expected figures");
        List<Table> tables = new ArrayList<>();
        String title = null;
        List<Map<String, String>> queries = new ArrayList<>();
        List<String> columns = null;
        Map<String, List<Cell>> rows = null;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("### ")) {
                title = line.substring(4);
                queries = new ArrayList<>();
                columns = null;
            } else if (line.startsWith("Query: ")) {
                Map<String, String> query = new LinkedHashMap<>();
                for (String pair : line.substring(7).trim().split(" +")) {
                    String[] nameValue = pair.split("=", 2);
                    query.put(nameValue[0], nameValue[1]);
                }
                queries.add(query);
            } else if (line.startsWith("| figure ")) {
                columns = cells(line).subList(1, cells(line).size());
                rows = new LinkedHashMap<>();
                tables.add(new Table(title, queries, columns, rows));
            } else if (line.startsWith("|") && !line.startsWith("|---") && rows != null) {
                List<String> cells = cells(line);
                rows.put(cells.get(0), cells.subList(1, cells.size()).stream().map(ExpectedFigures::cell).toList());
            }
        }
        return tables;
    }

    private static List<String> cells(String line) {
        return Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::trim).toList();
    }

    private static Cell cell(String text) {
        if (text.equals("n/a")) {
            return new Cell(text, null, null, null);
        }
        if (COUNT.matcher(text).matches()) {
            return new Cell(text, new BigDecimal(text), null, null);
        }
        Matcher ratio = RATIO.matcher(text);
        if (!ratio.matches()) {
            throw new IllegalArgumentException("dataset.md: cannot read the cell " + text);
        }
        return new Cell(text, ratio.group(4).equals("null") ? null : new BigDecimal(ratio.group(4)),
                Long.valueOf(ratio.group(2)), Long.valueOf(ratio.group(3)));
    }

    private static List<String> lines() {
        try (InputStream in = ExpectedFigures.class.getResourceAsStream("/timeliness/dataset.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
