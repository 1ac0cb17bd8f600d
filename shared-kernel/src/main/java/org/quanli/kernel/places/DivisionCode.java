package org.quanli.kernel.places;

/** The national administrative-division code (行政区划代码): digits only, as long as the level requires. */
public final class DivisionCode {

    /** The form of a code of any level, for validating request parameters. */
    public static final String FORM = "\\d{6}|\\d{9}|\\d{12}";
    public static final String FORM_MESSAGE = "行政区划代码应为6、9或12位数字";

    private DivisionCode() {
    }

    /** Null when the code fits the level, otherwise why it does not. */
    public static String problemWith(String code, JurisdictionLevel level) {
        if (code == null || !code.chars().allMatch(Character::isDigit)) {
            return "行政区划代码只能由数字组成";
        }
        if (level != null && code.length() != level.codeLength()) {
            return level.label() + "行政区划代码应为" + level.codeLength() + "位";
        }
        return null;
    }
}
