package org.quanli.query.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.places.DivisionCode;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.kernel.powerlist.ListCursor;

/**
 * Reads the portal's query parameters as people type them into forms and links: empty means "not given", and a
 * value that does not parse is a {@link PortalRequestProblem} naming the field, never a server error.
 */
final class PortalParameters {

    static final int PAGE_SIZE = 20;
    /** Dates a list can be asked about: PostgreSQL holds far more, but nothing the ledger records lies outside. */
    static final LocalDate EARLIEST = LocalDate.of(1949, 10, 1);
    static final LocalDate LATEST = LocalDate.of(2999, 12, 31);
    private static final String UUID_FORM =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private PortalParameters() {
    }

    static LocalDate date(String field, String value, LocalDate fallback) {
        if (blank(value)) {
            return fallback;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new PortalRequestProblem(field, "日期“" + value + "”无法识别,应为 年-月-日,例如 2024-01-31");
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new PortalRequestProblem(field, "日期“" + value + "”超出可查询的范围(" + EARLIEST + " 至 " + LATEST + ")");
        }
        return date;
    }

    /**
     * A recorded time: an ISO instant, or a date and time as a browser's date-time field sends it, read as Beijing
     * time. Null when not given (now).
     */
    static Instant knownAt(String value) {
        if (blank(value)) {
            return null;
        }
        String text = value.strip();
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                instant = LocalDateTime.parse(text).atZone(ChinaTime.ZONE).toInstant();
            } catch (DateTimeParseException again) {
                throw new PortalRequestProblem("knownAt", "时间“" + value + "”无法识别,应为 年-月-日T时:分,例如 2024-01-31T09:00");
            }
        }
        LocalDate day = instant.atZone(ChinaTime.ZONE).toLocalDate();
        if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
            throw new PortalRequestProblem("knownAt", "时间“" + value + "”超出可查询的范围(" + EARLIEST + " 至 " + LATEST + ")");
        }
        return instant;
    }

    static String jurisdiction(String code) {
        if (code == null || !code.matches(DivisionCode.FORM)) {
            throw new PortalRequestProblem("code", DivisionCode.FORM_MESSAGE + ":" + code);
        }
        return code;
    }

    static String body(String field, String bodyId) {
        if (blank(bodyId)) {
            return null;
        }
        if (!bodyId.matches(UnifiedSocialCreditCode.FORM)) {
            throw new PortalRequestProblem(field, UnifiedSocialCreditCode.FORM_MESSAGE + ":" + bodyId);
        }
        return bodyId;
    }

    static String itemId(String itemId) {
        if (itemId == null || !itemId.matches(UUID_FORM)) {
            throw new PortalRequestProblem("itemId", "事项标识应为 UUID:" + itemId);
        }
        return itemId.toLowerCase();
    }

    static ItemType type(String code) {
        if (blank(code)) {
            return null;
        }
        for (ItemType type : ItemType.values()) {
            if (type.code().equals(code.strip())) {
                return type;
            }
        }
        throw new PortalRequestProblem("type", "事项类型代码无法识别:" + code);
    }

    static String level(String code) {
        if (blank(code)) {
            return null;
        }
        if (!code.strip().matches("[1-7]")) {
            throw new PortalRequestProblem("level", "行使层级代码应为 1 至 7:" + code);
        }
        return code.strip();
    }

    static String text(String value) {
        if (blank(value)) {
            return null;
        }
        String text = value.strip();
        if (text.length() > 100) {
            throw new PortalRequestProblem("q", "搜索文字不得超过100个字符");
        }
        return text;
    }

    static int page(String value) {
        if (blank(value)) {
            return 0;
        }
        try {
            int page = Integer.parseInt(value.strip());
            if (page >= 0 && page <= 100_000) {
                return page;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PortalRequestProblem("page", "页码应为 0 至 100000 的整数:" + value);
    }

    /** A position in a list, as the pager's links carry it; null when not given. */
    static ListCursor cursor(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return ListCursor.decode(value);
        } catch (IllegalArgumentException e) {
            throw new PortalRequestProblem(field, "分页位置无法识别,请从清单的第一页重新翻页");
        }
    }

    static void order(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new PortalRequestProblem("from", "开始日期 " + from + " 不得晚于结束日期 " + to);
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
