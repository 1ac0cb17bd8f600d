package org.quanli.platform.integrity;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** A checkpoint as JSON, the same in HTTP answers, export files and proof files. */
public final class CheckpointJson {

    private CheckpointJson() {
    }

    public static Map<String, Object> toMap(Checkpoint checkpoint) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("treeSize", checkpoint.treeSize());
        json.put("rootHash", base64(checkpoint.rootHash()));
        json.put("issuedAt", checkpoint.issuedAt().toString());
        json.put("keyId", checkpoint.keyId());
        json.put("signature", base64(checkpoint.signature()));
        json.put("signedText", checkpoint.signedText());
        return json;
    }

    public static Checkpoint fromJson(JsonNode json) {
        return new Checkpoint(json.get("treeSize").asLong(), bytes(json.get("rootHash").asString()),
                Instant.parse(json.get("issuedAt").asString()), json.get("keyId").asString(),
                bytes(json.get("signature").asString()));
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static byte[] bytes(String base64) {
        return Base64.getDecoder().decode(base64);
    }
}
