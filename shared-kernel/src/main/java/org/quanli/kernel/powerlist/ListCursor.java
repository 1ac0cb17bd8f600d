package org.quanli.kernel.powerlist;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in a published list's order (type code, name, item id), handed to clients as an opaque text (URL-safe
 * base64) so that they can ask for the page after or before it.
 */
public record ListCursor(String typeCode, String name, String itemId) {

    private static final int MAX_TEXT = 2_000;

    public String encode() {
        String text = typeCode + "\n" + itemId + "\n" + name;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor a client sent back; null for none.
     *
     * @throws IllegalArgumentException when the text is not a cursor this ledger handed out
     */
    public static ListCursor decode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("cursor too long");
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a list cursor", e);
        }
        String[] parts = decoded.split("\n", 3);
        if (parts.length != 3 || !parts[0].matches("\\d{2}")
                || !parts[1].matches("[0-9A-Za-z-]{1,36}")) {
            throw new IllegalArgumentException("not a list cursor");
        }
        return new ListCursor(parts[0], parts[2], parts[1]);
    }
}
