package org.quanli.command.powerlist;

import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The formats of item codes, which differ between provinces (Guangdong's implementation code has 31 characters:
 * the body's credit code, the level digit and a sequence). Configured, never hard-coded; blank means unchecked.
 *
 * @param cataloguePattern      regular expression a catalogue (basic) code must match in full
 * @param implementationPattern regular expression an implementation code must match in full
 */
@ConfigurationProperties("quanli.codes")
public record CodeFormats(String cataloguePattern, String implementationPattern) {

    public static final CodeFormats UNCHECKED = new CodeFormats(null, null);

    /** Null when the code fits (or no format is configured, or there is no code), otherwise why not. */
    public String problemWithCatalogueCode(String code) {
        return problem(code, cataloguePattern, "基本编码");
    }

    public String problemWithImplementationCode(String code) {
        return problem(code, implementationPattern, "实施编码");
    }

    private static String problem(String code, String pattern, String label) {
        if (code == null || pattern == null || pattern.isBlank() || Pattern.matches(pattern, code)) {
            return null;
        }
        return label + " " + code + " 不符合本省配置的格式 " + pattern;
    }
}
