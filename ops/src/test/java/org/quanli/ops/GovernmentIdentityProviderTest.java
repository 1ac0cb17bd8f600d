package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quanli.testing.ApiClient;
import org.quanli.testsupport.GovernmentIdentityProvider;
import org.quanli.testsupport.GovernmentIdentityProvider.User;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ledger as production runs it: no demo provider, only {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * pointing at a government's OIDC provider (Spring Authorization Server), whose keys the ledger finds by discovery.
 * The provider's claims give the user's roles, name and body; a key the provider rotates in is trusted at once, and
 * a key it retires is refused once the ledger's copy of the key set has expired ({@code quanli.security.key-set-
 * lifetime}, set to two seconds here).
 */
class GovernmentIdentityProviderTest {

    static final User ADMIN = new User("gov-admin", "省政务服务管理员", List.of("ADMINISTRATOR"), null);
    static final User CLERK = new User("gov-clerk", "刘洋(德阳市市场监督管理局)", List.of("BODY_CLERK"),
            Walkthrough.MARKET_BUREAU);

    static GovernmentIdentityProvider provider;
    static ConfigurableApplicationContext ledger;
    static ApiClient anonymous;

    @BeforeAll
    static void start() {
        provider = GovernmentIdentityProvider.start(ADMIN, CLERK);
        ledger = new SpringApplicationBuilder(QuanliLedgerApplication.class)
                .profiles("test")
                .run("--server.port=0", "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + provider.issuer(),
                        "--quanli.security.key-set-lifetime=PT2S");
        anonymous = ApiClient.anonymous(((WebServerApplicationContext) ledger).getWebServer().getPort(), null);
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void theProvidersClaimsGiveTheRolesTheNameAndTheBodyRecordedOnEveryEvent() {
        ApiClient admin = anonymous.withToken(provider.token(ADMIN));
        for (var jurisdiction : List.of(
                Map.of("code", Walkthrough.SICHUAN, "name", "四川省", "level", "PROVINCE"),
                Map.of("code", Walkthrough.DEYANG, "name", "德阳市", "level", "CITY", "parentCode", Walkthrough.SICHUAN))) {
            assertThat(admin.post("/api/jurisdictions", jurisdiction).status()).isIn(201, 409);
        }
        for (String body : List.of(Walkthrough.MARKET_BUREAU, Walkthrough.JUSTICE_BUREAU)) {
            var registered = admin.post("/api/bodies", Map.of("creditCode", body, "name", "德阳市机关" + body.substring(14),
                    "jurisdictionCode", Walkthrough.DEYANG, "nature", "STATUTORY_ORGAN", "administrativeSubject", true));
            assertThat(registered.status()).as(registered.body()).isIn(201, 409);
        }

        ApiClient clerk = anonymous.withToken(provider.token(CLERK));
        var drafted = clerk.post("/api/items", draft(Walkthrough.MARKET_BUREAU));
        assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
        String meta = ledger.getBean(JdbcClient.class).sql("select convert_from(meta_data, 'UTF8') "
                        + "from domain_event_entry where aggregate_identifier = ? and sequence_number = 0")
                .param(drafted.json().get("itemId").asString()).query(String.class).single();
        assertThat(meta).contains("\"actorUserId\":\"gov-clerk\"", "\"actorRole\":\"BODY_CLERK\"",
                "\"actorBody\":\"" + Walkthrough.MARKET_BUREAU + "\"", "刘洋(德阳市市场监督管理局)");

        // The body claim is the clerk's jurisdiction: another body's list is not theirs to write.
        assertThat(clerk.post("/api/items", draft(Walkthrough.JUSTICE_BUREAU)).status()).isEqualTo(403);
        // The roles claim: a clerk is not an administrator.
        assertThat(clerk.get("/api/admin/projections").status()).isEqualTo(403);
        assertThat(admin.get("/api/admin/projections").status()).isEqualTo(200);
    }

    @Test
    void aRotatedInKeyIsTrustedAtOnceWhileTheFirstStaysPublished() {
        provider.rotate();
        String signedByFirst = provider.token(ADMIN);
        assertThat(anonymous.withToken(signedByFirst).get("/api/admin/projections").status()).isEqualTo(200);

        // A second key is published and signs from now on; the first is still published.
        provider.rotate();
        String signedBySecond = provider.token(ADMIN);
        assertThat(anonymous.withToken(signedBySecond).get("/api/admin/projections").status()).isEqualTo(200);
        assertThat(anonymous.withToken(signedByFirst).get("/api/admin/projections").status()).isEqualTo(200);
    }

    @Test
    void aRetiredKeyIsRefusedOnceTheLedgersCopyOfTheKeySetExpiresWhileTheNewKeyIsTrusted() {
        String firstKey = provider.rotate();
        String signedByFirst = provider.token(ADMIN);
        assertThat(anonymous.withToken(signedByFirst).get("/api/admin/projections").status()).isEqualTo(200);
        provider.rotate();
        String signedBySecond = provider.token(ADMIN);

        provider.retire(firstKey);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                anonymous.withToken(signedByFirst).get("/api/admin/projections").status()).isEqualTo(401));
        assertThat(anonymous.withToken(signedBySecond).get("/api/admin/projections").status()).isEqualTo(200);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        try (GovernmentIdentityProvider impostor = GovernmentIdentityProvider.start(ADMIN)) {
            assertThat(anonymous.withToken(impostor.token(ADMIN)).get("/api/admin/projections").status())
                    .isEqualTo(401);
        }
    }

    private static Map<String, Object> draft(String body) {
        return Map.of("bodyId", body, "name", "食品经营许可", "type", "LICENCE",
                "legalBases", List.of(Map.of("kind", "LAW", "title", "《中华人民共和国食品安全法》", "article", "第三十五条")),
                "legalLimitDays", 20, "promisedLimitDays", 10);
    }
}
