package org.quanli.command.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.command.Fixtures.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.quanli.command.CommandSideApplication;
import org.quanli.command.powerlist.ItemDirectory;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.kernel.delegation.DelegationMessages;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.LegalBasisKind;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** A delegation decided over HTTP reaches the items through the process, and a recall undoes it. */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class DelegationProcessTest {

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ItemDirectory items;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    AcceptanceAuthority acceptance;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;

    private AcceptanceCapacity capacity(String bodyId, String itemId, String date) {
        return acceptance.acceptance(bodyId, itemId, LocalDate.parse(date)).map(AcceptanceAuthority.Acceptance::capacity)
                .orElse(null);
    }

    private static void expect(int status, ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
    }

    @Test
    void anEventTheProcessCannotCarryOutIsParkedAndTheProcessGoesOn() {
        aDevolutionGivesTheReceiverItsOwnItemAndARecallGivesTheItemBack();

        // A delegated item whose receiver's item id is already taken in the store, put straight into the store: the
        // process's command fails on the event table's unique index, which aborts the transaction it shares with
        // its batch.
        String delegation = UUID.randomUUID().toString();
        String source = UUID.randomUUID().toString();
        String received = DelegationMessages.receivedItemId(delegation, source, GUANGHAN_MARKET_BUREAU);
        Actor reform = new Actor("reform", "王强", Role.REFORM_OFFICE, REFORM_OFFICE);
        append(received, 0, new DelegationMessages.Receiver(GUANGHAN_MARKET_BUREAU, GUANGHAN,
                JurisdictionLevel.COUNTY), reform);
        append(source, 5, new DelegationMessages.PowerItemDelegated(source, MARKET_BUREAU, DEYANG, delegation,
                DelegationMode.DEVOLVE, List.of(new DelegationMessages.Receiver(GUANGHAN_MARKET_BUREAU, GUANGHAN,
                        JurisdictionLevel.COUNTY)), 1,
                new ItemContent("建设工程质量安全监督", ItemType.INSPECTION, List.of(new LegalBasis(
                        LegalBasisKind.ADMINISTRATIVE_REGULATION, "《建设工程质量管理条例》", "第四十三条")), 20, 10),
                null, new Decision("盘政发〔2015〕99号", LocalDate.of(2015, 6, 1))), reform);
        long poisonedAt = jdbc.sql("select global_index from domain_event_entry where aggregate_identifier = ?")
                .param(source).query(Long.class).single();

        // A good decision after it is still carried out.
        aDevolutionGivesTheReceiverItsOwnItemAndARecallGivesTheItemBack();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.sql("select payload_type from dead_letter_entry where processing_group = ? "
                            + "and sequence_identifier = ?").params(DelegationProcess.PROCESSING_GROUP, delegation)
                    .query(String.class).list()).containsExactly(DelegationMessages.PowerItemDelegated.class.getName());
            StreamingEventProcessor process = (StreamingEventProcessor) processing
                    .eventProcessor(DelegationProcess.PROCESSING_GROUP).orElseThrow();
            // Every segment, that of the parked event included, has moved past it.
            assertThat(process.processingStatus().values()).isNotEmpty().allSatisfy(segment ->
                    assertThat(segment.getTrackingToken().position().orElse(-1)).isGreaterThan(poisonedAt));
        });
        // The batch failed once: the retry asked the queue, found the event parked and skipped it, instead of
        // failing on it again while every segment of the process waited out a growing back-off.
        assertThat(jdbc.sql("select failures from projection_segment_error where processor_name = ? and position = ?")
                .params(DelegationProcess.PROCESSING_GROUP, poisonedAt).query(Long.class).list()).containsExactly(1L);
    }

    private void append(String aggregateId, long sequence, Object payload, Actor actor) {
        transactions.executeWithoutResult(tx -> eventStore.publish(new GenericDomainEventMessage<>("Test",
                aggregateId, sequence, payload, actor.toMetaData())));
    }

    /** The city, its market, justice and reform bodies, and Guanghan's market bureau (once: each test may). */
    private static void registerCityAndGuanghan(ApiClient admin) {
        registerOverHttp(admin, Map.of(MARKET_BUREAU, "德阳市市场监督管理局", JUSTICE_BUREAU, "德阳市司法局",
                REFORM_OFFICE, "中共德阳市委机构编制委员会办公室"));
        registerBodyOverHttp(admin, GUANGHAN_MARKET_BUREAU, "广汉市市场监督管理局", GUANGHAN);
    }

    /** Drafted, reviewed and published over HTTP for the city's market bureau, effective 2013-07-01: its id. */
    private static String publishedOverHttp(ApiClient clerk, ApiClient reviewer, ApiClient reform, String name) {
        var drafted = clerk.post("/api/items", Map.of("bodyId", MARKET_BUREAU, "name", name,
                "type", "INSPECTION", "legalBases", List.of(Map.of("kind", "ADMINISTRATIVE_REGULATION",
                        "title", "《建设工程质量管理条例》", "article", "第四十三条")),
                "legalLimitDays", 20, "promisedLimitDays", 10));
        String itemId = drafted.json().get("itemId").asString();
        expect(204, clerk.post("/api/items/" + itemId + "/submit", Map.of()));
        expect(204, reviewer.post("/api/items/" + itemId + "/approve", Map.of()));
        expect(204, reform.post("/api/items/" + itemId + "/publish", Map.of("documentNumber", "盘政发〔2013〕1号",
                "effectiveDate", "2013-07-01")));
        return itemId;
    }

    /**
     * A devolution with a transition, back-filled for an item cancelled since: the item refuses it, and the city
     * acts for nobody on it, though the transition runs past the cancellation; nor does a transition arranged
     * afterwards reach it.
     */
    @Test
    void anItemThatRefusedADevolutionGivesNobodyATransitionOnIt() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        ApiClient reviewer = anonymous.as("reviewer", Role.LEGAL_REVIEWER, JUSTICE_BUREAU);
        ApiClient reform = anonymous.as("reform", Role.REFORM_OFFICE, REFORM_OFFICE);
        registerCityAndGuanghan(anonymous.as("admin", Role.ADMINISTRATOR, null));
        String itemId = publishedOverHttp(anonymous.as("clerk", Role.BODY_CLERK, MARKET_BUREAU), reviewer, reform,
                "食品小作坊登记");
        cancelOverHttp(reform, reviewer, itemId, "德府发〔2015〕30号", "2015-09-01");

        var decided = reform.post("/api/delegations", Map.of("mode", "DEVOLVE", "sourceItemIds", List.of(itemId),
                "receiverBodyIds", List.of(GUANGHAN_MARKET_BUREAU), "transitionEnd", "2015-12-31",
                "documentNumber", "德府发〔2015〕12号", "effectiveDate", "2015-06-01"));
        expect(201, decided);
        String delegationId = decided.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
                select substring(payload_type from '[^$.]+$') from domain_event_entry
                where aggregate_identifier = ? order by sequence_number desc limit 1""")
                .param(itemId).query(String.class).single().equals("PowerItemDelegationRefused"));

        assertThat(capacity(MARKET_BUREAU, itemId, "2015-08-31")).isEqualTo(AcceptanceCapacity.OWN);
        assertThat(capacity(MARKET_BUREAU, itemId, "2015-10-01")).isNull();
        expect(204, reform.post("/api/delegations/" + delegationId + "/transitions", Map.of("actingBodyId",
                MARKET_BUREAU, "onBehalfOfBodyId", GUANGHAN_MARKET_BUREAU, "until", "2016-06-30")));
        assertThat(capacity(MARKET_BUREAU, itemId, "2016-01-15")).isNull();
        assertThat(capacity(GUANGHAN_MARKET_BUREAU, itemId, "2015-10-01")).isNull();
    }

    @Test
    void aDevolutionGivesTheReceiverItsOwnItemAndARecallGivesTheItemBack() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        ApiClient clerk = anonymous.as("clerk", Role.BODY_CLERK, MARKET_BUREAU);
        ApiClient reviewer = anonymous.as("reviewer", Role.LEGAL_REVIEWER, JUSTICE_BUREAU);
        ApiClient reform = anonymous.as("reform", Role.REFORM_OFFICE, REFORM_OFFICE);
        registerCityAndGuanghan(anonymous.as("admin", Role.ADMINISTRATOR, null));
        String itemId = publishedOverHttp(clerk, reviewer, reform, "建设工程质量安全监督");

        var decided = reform.post("/api/delegations", Map.of("mode", "DEVOLVE", "sourceItemIds", List.of(itemId),
                "receiverBodyIds", List.of(GUANGHAN_MARKET_BUREAU), "transitionEnd", "2015-12-31",
                "documentNumber", "盘政发〔2015〕12号", "effectiveDate", "2015-06-01"));
        expect(201, decided);
        String delegationId = decided.json().get("id").asString();
        String received = DelegationMessages.receivedItemId(delegationId, itemId, GUANGHAN_MARKET_BUREAU);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(items.item(itemId).orElseThrow().listStatus()).isEqualTo(ListStatus.DEVOLVED);
            assertThat(items.item(received)).hasValueSatisfying(item -> {
                assertThat(item.bodyId()).isEqualTo(GUANGHAN_MARKET_BUREAU);
                assertThat(item.powerSource()).isEqualTo(PowerSource.DEVOLVED_FROM_ABOVE);
                assertThat(item.listStatus()).isEqualTo(ListStatus.IN_FORCE);
            });
        });
        // Who held it on which date, from the effective dates, not from when it was recorded.
        assertThat(items.holdingOn(itemId, LocalDate.of(2015, 5, 31)).orElseThrow().bodyId()).isEqualTo(MARKET_BUREAU);
        assertThat(items.holdingOn(itemId, LocalDate.of(2015, 6, 1))).isEmpty();
        assertThat(items.holdingOn(received, LocalDate.of(2015, 6, 1)).orElseThrow().bodyId())
                .isEqualTo(GUANGHAN_MARKET_BUREAU);

        // Who may accept cases, and how: the city in its own right before, on Guanghan's behalf during the
        // transition, not at all after it; Guanghan under its own devolved item from the effective date.
        assertThat(capacity(MARKET_BUREAU, itemId, "2015-05-31")).isEqualTo(AcceptanceCapacity.OWN);
        assertThat(capacity(MARKET_BUREAU, itemId, "2015-12-31")).isEqualTo(AcceptanceCapacity.ON_BEHALF);
        assertThat(acceptance.acceptance(MARKET_BUREAU, itemId, LocalDate.of(2015, 6, 1)).orElseThrow().onBehalfOfBodyId())
                .isEqualTo(GUANGHAN_MARKET_BUREAU);
        assertThat(capacity(MARKET_BUREAU, itemId, "2016-01-01")).isNull();
        assertThat(capacity(GUANGHAN_MARKET_BUREAU, received, "2015-06-01")).isEqualTo(AcceptanceCapacity.DEVOLVED);
        assertThat(capacity(GUANGHAN_MARKET_BUREAU, received, "2015-05-31")).isNull();
        assertThat(capacity(GUANGHAN_MARKET_BUREAU, itemId, "2015-06-01")).isNull();

        expect(204, reform.post("/api/delegations/" + delegationId + "/handovers", Map.of("receiverBodyId",
                GUANGHAN_MARKET_BUREAU, "handedOverOn", "2015-10-01")));
        assertThat(capacity(MARKET_BUREAU, itemId, "2015-09-30")).isEqualTo(AcceptanceCapacity.ON_BEHALF);
        assertThat(capacity(MARKET_BUREAU, itemId, "2015-10-01")).isNull();

        expect(204, anonymous.as("gh-clerk", Role.BODY_CLERK, GUANGHAN_MARKET_BUREAU).post("/api/delegations/"
                + delegationId + "/confirmations", Map.of("receiverBodyId", GUANGHAN_MARKET_BUREAU, "confirmedOn", "2015-07-01")));
        var rule = reform.post("/api/delegations/" + delegationId + "/recall", Map.of("documentNumber", "x",
                "effectiveDate", "2015-01-01"));
        expect(422, rule);
        assertThat(rule.json().get("rule").asString()).isEqualTo("recall-after-delegation");
        expect(204, reform.post("/api/delegations/" + delegationId + "/recall", Map.of("documentNumber", "盘政发〔2018〕3号",
                "effectiveDate", "2018-01-01")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(items.item(itemId).orElseThrow().listStatus()).isEqualTo(ListStatus.IN_FORCE);
            assertThat(items.item(received).orElseThrow().listStatus()).isEqualTo(ListStatus.RECALLED);
        });
        assertThat(items.holdingOn(itemId, LocalDate.of(2018, 1, 1)).orElseThrow().bodyId()).isEqualTo(MARKET_BUREAU);
        assertThat(items.holdingOn(received, LocalDate.of(2018, 1, 1))).isEmpty();
        assertThat(capacity(MARKET_BUREAU, itemId, "2018-01-01")).isEqualTo(AcceptanceCapacity.OWN);
        assertThat(capacity(GUANGHAN_MARKET_BUREAU, received, "2018-01-01")).isNull();
        assertThat(capacity(GUANGHAN_MARKET_BUREAU, received, "2017-12-31")).isEqualTo(AcceptanceCapacity.DEVOLVED);

        // Running the process over every event again sends nothing that changes anything.
        long events = jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
        StreamingEventProcessor process = (StreamingEventProcessor) processing
                .eventProcessor(DelegationProcess.PROCESSING_GROUP).orElseThrow();
        process.shutDown();
        process.resetTokens();
        process.start();
        // Replayed to the head: every segment claimed and at the last event. Not "not replaying": that holds before
        // the segments are claimed, and a reset segment keeps its replay token until an event past the reset comes.
        long head = jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single();
        int segments = jdbc.sql("select count(*) from token_entry where processor_name = ?")
                .param(DelegationProcess.PROCESSING_GROUP).query(Integer.class).single();
        await().atMost(Duration.ofSeconds(60)).until(() -> process.processingStatus().size() == segments
                && process.processingStatus().values().stream()
                        .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head));
        assertThat(jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single()).isEqualTo(events);
    }
}
