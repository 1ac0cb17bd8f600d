package org.quanli.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which JWT claims carry the user's roles, display name and body. A government identity provider that names them
 * differently is plugged in by configuration, not code.
 */
@ConfigurationProperties("quanli.security.claims")
public record SecurityProperties(String roles, String name, String body) {

    public SecurityProperties {
        roles = roles == null ? "roles" : roles;
        name = name == null ? "name" : name;
        body = body == null ? "body" : body;
    }
}
