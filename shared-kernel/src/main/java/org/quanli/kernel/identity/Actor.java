package org.quanli.kernel.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who did something: the authenticated user, the role in which they acted and the body they belong to.
 * It travels in every command's and event's metadata under the keys below, never in a request body.
 *
 * @param bodyId the user's implementing body (its unified social credit code); null for users who belong to none,
 *               such as a system administrator
 */
public record Actor(String userId, String name, Role role, String bodyId) {

    public static final String USER_ID = "actorUserId";
    public static final String NAME = "actorName";
    public static final String ROLE = "actorRole";
    public static final String BODY = "actorBody";

    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        name = name == null || name.isBlank() ? userId : name;
    }

    public Map<String, String> toMetaData() {
        Map<String, String> metaData = new LinkedHashMap<>();
        metaData.put(USER_ID, userId);
        metaData.put(NAME, name);
        metaData.put(ROLE, role.name());
        if (bodyId != null) {
            metaData.put(BODY, bodyId);
        }
        return metaData;
    }

    /** Reads the actor back from message metadata; fails if the message carries none. */
    public static Actor fromMetaData(Map<String, ?> metaData) {
        Object userId = metaData.get(USER_ID);
        Object role = metaData.get(ROLE);
        if (userId == null || role == null) {
            throw new IllegalStateException("message carries no actor in its metadata");
        }
        Object name = metaData.get(NAME);
        Object body = metaData.get(BODY);
        return new Actor(userId.toString(), name == null ? null : name.toString(), Role.valueOf(role.toString()),
                body == null ? null : body.toString());
    }

    public boolean belongsTo(String body) {
        return bodyId != null && bodyId.equals(body);
    }
}
