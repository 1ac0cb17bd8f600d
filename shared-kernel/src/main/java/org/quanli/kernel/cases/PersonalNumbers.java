package org.quanli.kernel.cases;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identity-card and mobile numbers that someone typed into free text (a material's name, an opinion, a reason),
 * masked the way {@link Applicant#masked()} masks the applicant's own: 5101**********1234, 138****5678.
 * <p>
 * What is detected: resident identity numbers of 18 characters (six-digit region, a birth date 18xx–20xx, three
 * digits, a check digit or X) and the old 15-digit ones (region, a two-digit-year birth date, three digits); mainland
 * mobile numbers, 11 digits starting 13–19, also written 3-4-4 with spaces or hyphens. The birth date keeps the
 * ledger's own 18-character codes (unified social credit codes) from being taken for identity numbers. A number is
 * only taken whole: digits or Latin letters right before or after it make it part of something else.
 */
public final class PersonalNumbers {

    private static final String DATE = "(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])";
    private static final Pattern NUMBERS = Pattern.compile("(?<![0-9A-Za-z])(?:"
            + "(?<identity>[1-9]\\d{5}(?:18|19|20)\\d{2}" + DATE + "\\d{3}[0-9Xx])"
            + "|(?<oldIdentity>[1-9]\\d{5}\\d{2}" + DATE + "\\d{3})"
            + "|(?<mobile>1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4})"
            + ")(?![0-9A-Za-z])");

    private PersonalNumbers() {
    }

    /** The text with every identity-card and mobile number in it masked; null stays null. */
    public static String mask(String text) {
        if (text == null || text.length() < 11) {
            return text;
        }
        Matcher matcher = NUMBERS.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length());
        do {
            String number = matcher.group();
            matcher.appendReplacement(masked, Matcher.quoteReplacement(matcher.group("mobile") != null
                    ? Applicant.maskPhone(number) : Applicant.maskDocumentNumber(number)));
        } while (matcher.find());
        matcher.appendTail(masked);
        return masked.toString();
    }
}
