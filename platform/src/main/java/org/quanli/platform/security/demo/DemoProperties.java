package org.quanli.platform.security.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo identity provider: only under the {@code demo} profile, never in production configuration.
 *
 * @param keyFile       where the signing key is kept so that tokens survive a restart; blank: a fresh key per run
 * @param tokenValidity how long an issued token is valid
 * @param users         demo users by user name
 */
@ConfigurationProperties("quanli.demo")
public record DemoProperties(String keyFile, Duration tokenValidity, Map<String, DemoUser> users) {

    public DemoProperties {
        tokenValidity = tokenValidity == null ? Duration.ofHours(8) : tokenValidity;
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    /** A demo user: display name, roles (names of {@link org.quanli.kernel.identity.Role}) and body. */
    public record DemoUser(String name, List<String> roles, String body) {
    }
}
