package org.quanli.query.powerlist.export;

import org.springframework.http.MediaType;

/** The formats a list is exported in. */
public enum ExportFormat {
    /** UTF-8 with a byte-order mark, so that Excel opens it without garbling the Chinese. */
    CSV("csv", MediaType.parseMediaType("text/csv;charset=UTF-8")),
    XLSX("xlsx", MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
    /** An array of the published items, as the list API answers them. */
    JSON("json", MediaType.APPLICATION_JSON);

    private final String extension;
    private final MediaType mediaType;

    ExportFormat(String extension, MediaType mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The format a request names, in any letter case. */
    static ExportFormat named(String name) {
        for (ExportFormat format : values()) {
            if (format.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException("不支持的导出格式: " + name + ",可选 csv、xlsx、json");
    }

    String extension() {
        return extension;
    }

    MediaType mediaType() {
        return mediaType;
    }
}
