package org.quanli.platform.security;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The authenticated user as an {@link Actor}. The actor recorded on events always comes from here, from the
 * validated token, never from a request body.
 */
@Component
public class CurrentActor {

    private final SecurityProperties claims;

    public CurrentActor(SecurityProperties claims) {
        this.claims = claims;
    }

    /**
     * The user acting in the first of the allowed roles they hold.
     *
     * @throws AccessDeniedException when they hold none of them (403)
     */
    public Actor actingAs(Role... allowed) {
        Jwt jwt = jwt().orElseThrow(() -> new AccessDeniedException("需要登录"));
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            throw new AccessDeniedException("访问令牌未标明用户(sub)");
        }
        List<String> held = roles(jwt);
        Role role = Arrays.stream(allowed).filter(r -> held.contains(r.name())).findFirst()
                .orElseThrow(() -> new AccessDeniedException("此操作需要以下角色之一: " + Arrays.toString(allowed)));
        return new Actor(jwt.getSubject(), jwt.getClaimAsString(claims.name()), role, jwt.getClaimAsString(claims.body()));
    }

    /** Whether the current user, if any, holds one of the roles. */
    public boolean holdsAny(Role... roles) {
        return jwt().map(this::roles)
                .map(held -> Arrays.stream(roles).anyMatch(r -> held.contains(r.name())))
                .orElse(false);
    }

    private List<String> roles(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(claims.roles());
        return roles == null ? List.of() : roles;
    }

    private static Optional<Jwt> jwt() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(token.getToken());
        }
        return Optional.empty();
    }
}
