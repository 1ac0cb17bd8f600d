package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.demo.DemoProperties;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Without the demo profile there is no demo provider: {@code /demo/token} mints nothing for anyone. The identity
 * provider Spring Boot configures (here from a public key) applies the ledger's token rules too: no {@code exp}, no
 * access.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DemoEndpointAbsentTest {

    /** Stands in for the government identity provider: signs tokens with a key whose public half Boot is given. */
    static final DemoTokens PROVIDER = new DemoTokens(new DemoProperties(null, null, null), Set.of(),
            Clock.systemUTC());

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) throws IOException {
        Path key = Files.createTempFile("provider", ".pub");
        Files.writeString(key, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(PROVIDER.publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        key.toFile().deleteOnExit();
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + key);
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void outsideTheDemoProfileTheTokenEndpointDoesNotExist() {
        assertThat(context.getBeanNamesForType(DemoTokens.class)).isEmpty();
        ApiClient anonymous = ApiClient.anonymous(port, PROVIDER);
        var byUser = anonymous.post("/demo/token", Map.of("username", "admin"));
        var byBody = anonymous.post("/demo/token", Map.of("role", "ADMINISTRATOR"));
        assertThat(byUser.status()).isEqualTo(404);
        assertThat(byBody.status()).isEqualTo(404);
        assertThat(byBody.body()).doesNotContain("access_token");
    }

    @Test
    void theConfiguredProviderRefusesATokenWithoutExpiry() {
        ApiClient anonymous = ApiClient.anonymous(port, PROVIDER);
        var accepted = anonymous.as("admin", Role.ADMINISTRATOR, null).get("/api/admin/projections");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

        String eternal = PROVIDER.sign(JwtClaimsSet.builder().issuer(DemoTokens.ISSUER).subject("admin")
                .issuedAt(Instant.now()).claim("roles", List.of(Role.ADMINISTRATOR.name())).build());
        assertThat(anonymous.withToken(eternal).get("/api/admin/projections").status()).isEqualTo(401);
    }
}
