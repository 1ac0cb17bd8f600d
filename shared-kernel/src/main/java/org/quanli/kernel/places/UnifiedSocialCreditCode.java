package org.quanli.kernel.places;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the set 0-9 and A-Z without I, O, S, V and Z; the last is a
 * check character computed from the first 17 with weights 3^i mod 31.
 */
public final class UnifiedSocialCreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    /** The form of a code (not its check character), for validating request parameters. */
    public static final String FORM = "[0-9A-HJ-NPQRTUWXY]{18}";
    public static final String FORM_MESSAGE = "统一社会信用代码应为18位数字或大写字母(不含 I、O、S、V、Z)";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private UnifiedSocialCreditCode() {
    }

    /** Null when the code is valid, otherwise why it is not (in Chinese, for the user). */
    public static String problemWith(String code) {
        if (code == null || code.length() != 18) {
            return "统一社会信用代码应为18位";
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return "统一社会信用代码第" + (i + 1) + "位字符“" + code.charAt(i) + "”不合法(不使用 I、O、S、V、Z 及小写字母)";
            }
        }
        char expected = checkCharacter(code.substring(0, 17));
        if (code.charAt(17) != expected) {
            return "统一社会信用代码校验码错误,应为 " + expected;
        }
        return null;
    }

    public static boolean isValid(String code) {
        return problemWith(code) == null;
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return ALPHABET.charAt(check);
    }
}
