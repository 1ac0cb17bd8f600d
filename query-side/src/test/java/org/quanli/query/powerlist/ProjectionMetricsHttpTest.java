package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.identity.Role;
import org.quanli.query.powerlist.LedgerEvents.Item;
import org.quanli.testing.ApiClient;

/**
 * Prometheus scrapes {@code /actuator/prometheus} as the administrator or the auditor; nobody else reads it. The
 * projections' dead letters and lag are series of their own, read from the token table and the queue.
 */
class ProjectionMetricsHttpTest extends ProjectionTestSupport {

    @Test
    void metricsAreForTheAdministratorAndTheAuditorOnly() {
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
        String bureau = events.body(events.jurisdiction("旌阳区"), "旌阳区市场监督管理局");
        assertThat(anonymous.as("clerk", Role.BODY_CLERK, bureau).get("/actuator/prometheus").status())
                .isEqualTo(403);
        ApiClient.Response scraped = anonymous.as("auditor", Role.AUDITOR, bureau).get("/actuator/prometheus");
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.contentType()).startsWith("text/plain");
        assertThat(anonymous.as("admin", Role.ADMINISTRATOR, null).get("/actuator/prometheus").status())
                .isEqualTo(200);
    }

    @Test
    void aParkedEventShowsInItsProcessorsDeadLetterGauge() {
        ApiClient auditor = anonymous.as("auditor", Role.AUDITOR, null);
        String county = events.jurisdiction("中江县");
        String bureau = events.body(county, "中江县市场监督管理局");
        Item published = events.published(bureau, county, content("食品经营许可", ItemType.LICENCE, 20, 10),
                decision("中府发〔2024〕2号", "2024-01-01"));
        events.awaitProjected(published);
        String before = auditor.get("/actuator/prometheus").body();
        double parkedBefore = value(before, "quanli_dead_letters_parked", "power-lists");
        assertThat(value(before, "quanli_projection_behind", "power-lists")).isGreaterThanOrEqualTo(0);
        assertThat(before).contains("quanli_projection_segment_claimed{processor=\"power-lists\",segment=\"0\"} 1.0");
        assertThat(before).contains("quanli_database_up 1.0");
        // Followed in bulk (once the follower has it, after whatever another test made it let go of).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(value(
                auditor.get("/actuator/prometheus").body(), "quanli_projection_bulk", "power-lists")).isEqualTo(1));

        // PostgreSQL's text refuses U+0000: the event is parked, alone in its sequence.
        events.drafted(bureau, county, content("食品经营许可\u0000", ItemType.LICENCE, 20, 10));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                value(auditor.get("/actuator/prometheus").body(), "quanli_dead_letters_parked", "power-lists"))
                .isEqualTo(parkedBefore + 1));
    }

    @Test
    void swaggerUiIsServedWithoutATokenNextToTheDocumentItReads() {
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
        var document = anonymous.get("/v3/api-docs").json();
        assertThat(document.get("components").get("securitySchemes").get("bearer").get("scheme").asString())
                .isEqualTo("bearer");
        assertThat(document.get("security").get(0).has("bearer")).isTrue();
    }

    /** The value of a series with the processor label, from Prometheus's text format. */
    static double value(String scrape, String series, String processor) {
        Matcher m = Pattern.compile("(?m)^" + series + "\\{processor=\"" + Pattern.quote(processor) + "\"[^}]*} (\\S+)$")
                .matcher(scrape);
        assertThat(m.find()).as("%s{processor=%s} in the scrape", series, processor).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
