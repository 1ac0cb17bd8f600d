package org.quanli.kernel.identity;

import java.util.Arrays;

import org.quanli.kernel.rules.Forbidden;

/** The checks every command handler makes on the actor it was sent by, stated once. */
public final class Authority {

    private Authority() {
    }

    public static void requireRole(Actor actor, Role... allowed) {
        if (Arrays.stream(allowed).noneMatch(r -> r == actor.role())) {
            throw new Forbidden("此操作需要以下角色之一: " + Arrays.toString(allowed) + ",当前角色: " + actor.role());
        }
    }

    /** A clerk acts only for the body they belong to (谁行使、谁清理). */
    public static void requireOwnBody(Actor actor, String bodyId) {
        if (!actor.belongsTo(bodyId)) {
            throw new Forbidden("只能办理本单位(" + actor.bodyId() + ")的事项,不能办理 " + bodyId + " 的事项");
        }
    }
}
