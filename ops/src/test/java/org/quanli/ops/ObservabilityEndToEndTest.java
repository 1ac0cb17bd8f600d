package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.quanli.testsupport.SpanCapture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * What an operator sees of a running all-in-one: Prometheus series for the commands sent, the HTTP requests, the
 * deadlines and the projections; one trace from the HTTP request through the command to the projections that
 * handle its event; log lines carrying that trace, the conversation's correlation id and the user.
 */
@SpringBootTest(classes = QuanliLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.opentelemetry.tracing.export.schedule-delay=100ms")
@ActiveProfiles({"test", "demo"})
@Import(SpanCapture.class)
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityEndToEndTest {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    InMemorySpanExporter spans;

    private Map<String, Object> draft(String name, int legal, int promised) {
        return Map.of("bodyId", Walkthrough.MARKET_BUREAU, "name", name, "type", "LICENCE",
                "legalBases", List.of(Map.of("kind", "LAW", "title", "《中华人民共和国食品安全法》", "article", "第三十五条")),
                "legalLimitDays", legal, "promisedLimitDays", promised);
    }

    @Test
    void theScrapeCarriesTheCommandsSentTheRequestsServedTheDeadlinesAndTheProjections() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        Walkthrough walkthrough = new Walkthrough(anonymous);
        walkthrough.registerPlaces();
        Walkthrough.expect(201, walkthrough.clerk.post("/api/items", draft("食品生产许可", 20, 10)));

        ApiClient auditor = anonymous.as("auditor", Role.AUDITOR, Walkthrough.JUSTICE_BUREAU);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = auditor.get("/actuator/prometheus").body();
            // Axon's own meters: per command and per event processor.
            assertThat(value(scrape, "commandBus_successCounter_total", "payloadType=\"DraftPowerItem\""))
                    .isPositive();
            assertThat(value(scrape, "commandBus_allTimer_seconds_count", "payloadType=\"DraftPowerItem\""))
                    .isPositive();
            // In seconds, as the dashboard reads it.
            assertThat(value(scrape, "eventProcessor_latency_seconds", "processorName=\"power-lists\""))
                    .isNotNegative();
            assertThat(value(scrape, "http_server_requests_seconds_count", "uri=\"/api/items\"")).isPositive();
            assertThat(value(scrape, "quanli_projection_segment_behind", "processor=\"power-lists\",segment=\"0\""))
                    .isNotNegative();
            assertThat(value(scrape, "quanli_dead_letters_parked", "processor=\"item-history\"")).isNotNegative();
            assertThat(value(scrape, "quanli_deadlines_scheduled", null)).isNotNegative();
            assertThat(value(scrape, "quanli_deadlines_overdue", null)).isZero();
            assertThat(value(scrape, "quanli_database_up", null)).isEqualTo(1);
            assertThat(value(scrape, "eventProcessor_handlingTimer_seconds_sum", "processorName=\"power-lists\""))
                    .isPositive();
            // No meter that keeps each message's measurement (Axon's capacity gauges): the heap would grow with
            // the rate of messages. Busy time is the rate of the timers' sums.
            assertThat(scrape).doesNotContainPattern("(?m)^(commandBus|queryBus|queryUpdateEmitter|eventProcessor)"
                    + "_capacity");
        });
    }

    @Test
    void oneTraceRunsFromTheRequestThroughTheCommandToTheProjectionsAndTheLogLinesCarryIt(CapturedOutput output) {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        Walkthrough walkthrough = new Walkthrough(anonymous);
        walkthrough.registerPlaces();
        spans.reset();

        Walkthrough.expect(201, walkthrough.clerk.post("/api/items", draft("食品小作坊登记", 20, 10)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            SpanData request = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/api/items"))
                    .findFirst().orElseThrow(() -> new AssertionError("no HTTP span in " + names()));
            List<String> trace = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(request.getTraceId())).map(SpanData::getName).toList();
            assertThat(trace).as("spans of the request's trace")
                    .contains("CommandBus.handleCommand", "StreamingEventProcessor.process")
                    .anyMatch(n -> n.startsWith("org.quanli.command.powerlist.PowerItem(DraftPowerItem"))
                    .anyMatch(n -> n.startsWith("PowerListProjection.on(PowerItemDrafted"))
                    .anyMatch(n -> n.startsWith("ItemHistoryProjection.on(PowerItemDrafted"));
        });

        // A refused command is logged once, inside its handling: the trace, the command as correlation, the user.
        Walkthrough.expect(422, walkthrough.clerk.post("/api/items", draft("食品经营许可", 5, 9)));
        String refused = output.getOut().lines().filter(l -> l.contains("refused: rule promised-within-legal"))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no refusal logged"));
        assertThat(refused).contains(" INFO ", "command DraftPowerItem refused", "[clerk]");
        Matcher ids = Pattern.compile("\\[([0-9a-f]{32}),[0-9a-f]{16}] \\[(" + UUID.pattern() + ")]")
                .matcher(refused);
        assertThat(ids.find()).as(refused).isTrue();
        String traceId = ids.group(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .filteredOn(s -> s.getTraceId().equals(traceId))
                .anyMatch(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/api/items")));
    }

    private List<String> names() {
        return spans.getFinishedSpanItems().stream().map(s -> s.getKind() + " " + s.getName()).toList();
    }

    /** The value of the first series of that name whose labels include {@code labels} (none: no labels needed). */
    private static double value(String scrape, String series, String labels) {
        String pattern = labels == null ? "(?m)^" + series + "(?:\\{[^}]*})? (\\S+)$"
                : "(?m)^" + series + "\\{[^}]*" + Pattern.quote(labels) + "[^}]*} (\\S+)$";
        Matcher m = Pattern.compile(pattern).matcher(scrape);
        assertThat(m.find()).as("%s{%s} in the scrape:%n%s", series, labels,
                scrape.lines().filter(l -> l.startsWith(series.substring(0, series.indexOf('_'))))
                        .limit(40).reduce("", (a, b) -> a + "\n" + b)).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
