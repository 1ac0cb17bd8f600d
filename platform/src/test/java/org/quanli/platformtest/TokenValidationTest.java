package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.test.context.ActiveProfiles;

/**
 * Tokens signed with the right key are still refused when they never expire or are meant for another audience:
 * with {@code quanli.security.audience} set, {@code aud} must name it.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "quanli.security.audience=quanli-ledger")
@ActiveProfiles({"test", "demo"})
class TokenValidationTest {

    private static final String ADMIN_ONLY = "/api/admin/projections";

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;

    private ApiClient client() {
        return ApiClient.anonymous(port, tokens);
    }

    private static JwtClaimsSet.Builder admin() {
        Instant now = Instant.now();
        return JwtClaimsSet.builder().issuer(DemoTokens.ISSUER).subject("admin").issuedAt(now)
                .claim("name", "管理员").claim("roles", List.of(Role.ADMINISTRATOR.name()));
    }

    @Test
    void aTokenIssuedForTheConfiguredAudienceWithAnExpiryIsAccepted() {
        var response = client().as("admin", Role.ADMINISTRATOR, null).get(ADMIN_ONLY);
        assertThat(response.status()).as(response.body()).isEqualTo(200);

        String signed = tokens.sign(admin().expiresAt(Instant.now().plusSeconds(300))
                .audience(List.of("another-app", "quanli-ledger")).build());
        assertThat(client().withToken(signed).get(ADMIN_ONLY).status()).isEqualTo(200);
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        String eternal = tokens.sign(admin().audience(List.of("quanli-ledger")).build());
        var response = client().withToken(eternal).get(ADMIN_ONLY);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:quanli:problem:unauthenticated");
    }

    @Test
    void aTokenForAnotherAudienceOrForNoneIsRefused() {
        Instant later = Instant.now().plusSeconds(300);
        String foreign = tokens.sign(admin().expiresAt(later).audience(List.of("another-app")).build());
        String unaddressed = tokens.sign(admin().expiresAt(later).build());
        assertThat(client().withToken(foreign).get(ADMIN_ONLY).status()).isEqualTo(401);
        assertThat(client().withToken(unaddressed).get(ADMIN_ONLY).status()).isEqualTo(401);
    }
}
