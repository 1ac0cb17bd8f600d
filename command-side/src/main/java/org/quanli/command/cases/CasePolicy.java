package org.quanli.command.cases;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Local settings of case handling.
 *
 * @param extensionCapDays the most working days one extension may add (a licence: 10, 行政许可法 第42条)
 * @param correctionNoticeDays the working days after receipt within which a correction notice must come (第32条)
 */
@ConfigurationProperties("quanli.cases")
public record CasePolicy(Integer extensionCapDays, Integer correctionNoticeDays) {

    public static final int LICENCE_EXTENSION_CAP = 10;
    public static final int CORRECTION_NOTICE_DAYS = 5;

    public CasePolicy {
        extensionCapDays = extensionCapDays == null ? LICENCE_EXTENSION_CAP : extensionCapDays;
        correctionNoticeDays = correctionNoticeDays == null ? CORRECTION_NOTICE_DAYS : correctionNoticeDays;
    }

    public static CasePolicy defaults() {
        return new CasePolicy(null, null);
    }
}
