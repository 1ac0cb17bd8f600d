package org.quanli.kernel.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one {@code <year>.properties} file (UTF-8, {@link Properties} syntax):
 *
 * <pre>
 * notice=国务院办公厅关于2019年部分节假日安排的通知
 * documentNumber=国办发明电〔2018〕15号
 * furtherNotice.1=国务院办公厅关于调整2019年劳动节假期安排的通知（国办发明电〔2019〕3号）
 * holidays=2019-01-01 元旦, 2019-02-04 春节, 2019-02-05, …
 * workdays=2019-02-02 春节, 2019-02-03, …
 * </pre>
 *
 * Dates are ISO {@code yyyy-MM-dd}, separated by ASCII commas; text after a date up to the next comma is a comment.
 * Every problem is reported as an {@link IllegalArgumentException} that starts with the file name.
 */
final class CalendarYearFile {

    static final Pattern FILE_NAME = Pattern.compile("(\\d{4})\\.properties");

    private static final Set<String> KEYS = Set.of("notice", "documentNumber", "holidays", "workdays");
    private static final Pattern FURTHER_NOTICE_KEY = Pattern.compile("furtherNotice\\.(\\d+)");
    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");
    // A date inside a comment is almost always a full-width comma（，）typed where an ASCII one was meant.
    private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");

    private CalendarYearFile() {
    }

    /** Parses the file; the caller owns (and closes) the stream. */
    static CalendarYear read(String fileName, InputStream in) {
        try {
            Matcher name = FILE_NAME.matcher(fileName);
            if (!name.matches()) {
                throw new IllegalArgumentException("文件名应为“年份.properties”，如 2027.properties"
                        + " / the file name must be <year>.properties, e.g. 2027.properties");
            }
            Properties entries = load(in);
            List<String> furtherNotices = furtherNotices(entries);
            String holidays = entries.getProperty("holidays", "");
            if (holidays.isBlank()) {
                throw new IllegalArgumentException("缺少放假日（holidays） / missing holidays");
            }
            return new CalendarYear(Integer.parseInt(name.group(1)),
                    entries.getProperty("notice"),
                    entries.getProperty("documentNumber"),
                    dates(holidays),
                    dates(entries.getProperty("workdays", "")),
                    furtherNotices);
        } catch (IllegalArgumentException problem) {
            throw new IllegalArgumentException(fileName + "：" + problem.getMessage(), problem);
        }
    }

    private static Properties load(InputStream in) {
        // Strict decoding: a file saved as GBK must be refused, not read as mojibake.
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        Properties entries = new Properties();
        try {
            entries.load(new BufferedReader(new InputStreamReader(in, utf8)));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("不是 UTF-8 编码 / not encoded in UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Collects {@code furtherNotice.N} in the order of N, refusing any key it does not know (typos lose data). */
    private static List<String> furtherNotices(Properties entries) {
        TreeMap<Integer, String> byNumber = new TreeMap<>();
        for (String key : entries.stringPropertyNames()) {
            Matcher further = FURTHER_NOTICE_KEY.matcher(key);
            if (further.matches()) {
                byNumber.put(Integer.parseInt(further.group(1)), entries.getProperty(key).strip());
            } else if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("未知的键“" + key + "” / unknown key \"" + key + "\"");
            }
        }
        return new ArrayList<>(byNumber.values());
    }

    private static Set<LocalDate> dates(String list) {
        Set<LocalDate> dates = new TreeSet<>();
        for (String entry : list.split(",")) {
            String[] dateAndComment = WHITESPACE.split(entry.strip(), 2);
            String text = dateAndComment[0];
            if (text.isEmpty()) {
                continue; // a trailing comma
            }
            if (dateAndComment.length > 1 && DATE_LIKE.matcher(dateAndComment[1]).find()) {
                throw new IllegalArgumentException("“" + entry.strip() + "”的说明里有日期，日期之间应使用英文逗号"
                        + " / the comment in \"" + entry.strip() + "\" holds a date: separate dates with ASCII commas");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("日期“" + text + "”格式错误，应为 yyyy-MM-dd 的有效日期"
                        + " / \"" + text + "\" is not a valid yyyy-MM-dd date", e);
            }
            if (!dates.add(date)) {
                throw new IllegalArgumentException("日期 " + date + " 重复列出 / date " + date + " is listed twice");
            }
        }
        return dates;
    }
}
