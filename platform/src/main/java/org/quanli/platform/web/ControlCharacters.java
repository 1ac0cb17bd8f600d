package org.quanli.platform.web;

/**
 * Control characters other than tab, line feed and carriage return have no place in anything a person types, and
 * PostgreSQL's text refuses U+0000: one arriving in a stored event would stop every projection that writes it. They
 * are refused at the edge, in every request body, parameter and imported cell.
 */
public final class ControlCharacters {

    public static final String RULE = "control-character";

    private ControlCharacters() {
    }

    /** @return the index of the first refused character, or -1 */
    public static int firstRefused(CharSequence text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }

    public static boolean refused(CharSequence text) {
        return firstRefused(text) >= 0;
    }

    /** What to tell the person who sent it, naming the character. */
    public static String describe(CharSequence text) {
        int at = firstRefused(text);
        return String.format("含有不允许的控制字符 U+%04X(第 %d 个字符);除制表符和换行外不得含控制字符",
                (int) text.charAt(at), at + 1);
    }

    /** Thrown at the edge: the field (a JSON path, a parameter or path variable name) holds a refused character. */
    public static class Refused extends RuntimeException {

        private final String field;

        public Refused(String field, CharSequence value) {
            super(describe(value));
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
