package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quanli.platform.security.demo.DemoProperties;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/** Without the demo profile there is no demo provider: {@code /demo/token} mints nothing for anyone. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks")
@ActiveProfiles("test")
class DemoEndpointAbsentTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void outsideTheDemoProfileTheTokenEndpointDoesNotExist() {
        assertThat(context.getBeanNamesForType(DemoTokens.class)).isEmpty();
        ApiClient anonymous = ApiClient.anonymous(port, new DemoTokens(new DemoProperties(null, null, null),
                java.util.Set.of()));
        var byUser = anonymous.post("/demo/token", Map.of("username", "admin"));
        var byBody = anonymous.post("/demo/token", Map.of("role", "ADMINISTRATOR"));
        assertThat(byUser.status()).isEqualTo(404);
        assertThat(byBody.status()).isEqualTo(404);
        assertThat(byBody.body()).doesNotContain("access_token");
    }
}
