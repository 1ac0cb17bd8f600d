package org.quanli.command.powerlist.imports;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.quanli.kernel.powerlist.ItemContent;

/**
 * The id of an imported item, derived from what identifies it in a list so that importing the same list again finds
 * the same items: the body's credit code and the implementation code, or, for lists without implementation codes,
 * the body, the type code and the name.
 */
public final class ImportedItemIds {

    private ImportedItemIds() {
    }

    public static String of(String bodyId, ItemContent content) {
        String key = content.implementationCode() != null
                ? "power-item|" + bodyId + "|implementation|" + content.implementationCode()
                : "power-item|" + bodyId + "|type-name|" + content.type().code() + "|" + content.name();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
