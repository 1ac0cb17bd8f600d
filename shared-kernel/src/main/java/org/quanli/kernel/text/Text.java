package org.quanli.kernel.text;

import java.util.List;
import java.util.Objects;

/** What the ledger records of a text a person typed: without surrounding blanks, and nothing for a blank one. */
public final class Text {

    private Text() {
    }

    /** The text without leading and trailing blanks; null for null or a blank text. */
    public static String strippedOrNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Each text stripped, blank ones left out; an empty list for null. */
    public static List<String> strippedNonBlank(List<String> texts) {
        return texts == null ? List.of()
                : texts.stream().map(Text::strippedOrNull).filter(Objects::nonNull).toList();
    }
}
