package org.quanli.command.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.command.Fixtures.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.command.CommandSideApplication;
import org.quanli.command.powerlist.ItemSuccession;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.DelegationMessages;
import org.quanli.kernel.delegation.DelegationMessages.DelegatePowerItem;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRestored;
import org.quanli.kernel.delegation.DelegationMessages.Receiver;
import org.quanli.kernel.delegation.DelegationMessages.RestoreDevolvedItem;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.PowerListMessages.RecordPublishedItem;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Institutional reform on the command side, over HTTP on real PostgreSQL: a merger passes every open item of the
 * merged body to its successor through the succession process, running that process again changes nothing, and a
 * body is abolished only once it holds no item.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class InstitutionalReformHttpTest {

    static final String COMMERCE_BUREAU = "11510600008654418M";
    static final String QUALITY_BUREAU = "11510600008654426G";
    static final String FOOD_DRUG_BUREAU = "11510600008654434B";
    static final String MERGER_DOCUMENT = "德委发〔2018〕31号";

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    CommandSender commands;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ItemSuccession itemSuccession;
    @Autowired
    Configuration axon;

    ApiClient admin;
    ApiClient reform;
    ApiClient reviewer;

    @BeforeEach
    void registerPlaces() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        admin = anonymous.as("admin", Role.ADMINISTRATOR, null);
        reform = anonymous.as("reform", Role.REFORM_OFFICE, REFORM_OFFICE);
        reviewer = anonymous.as("reviewer", Role.LEGAL_REVIEWER, JUSTICE_BUREAU);
        registerOverHttp(admin, Map.of(MARKET_BUREAU, "德阳市市场监督管理局", JUSTICE_BUREAU, "德阳市司法局",
                REFORM_OFFICE, "中共德阳市委机构编制委员会办公室", COMMERCE_BUREAU, "德阳市工商行政管理局",
                QUALITY_BUREAU, "德阳市质量技术监督局", FOOD_DRUG_BUREAU, "德阳市食品药品监督管理局"));
    }

    /** Back-fills a published item of a body, as an import does. */
    private String publishedItem(String bodyId, String name) {
        String itemId = UUID.randomUUID().toString();
        ItemContent content = new ItemContent(name, foodLicence().type(), foodLicence().legalBases(), 20, 10);
        commands.send(new RecordPublishedItem(itemId, bodyId, content, new Decision("德府发〔2013〕24号",
                java.time.LocalDate.of(2013, 7, 1)), "reform-test"), new Actor("reform", "王强", Role.REFORM_OFFICE,
                REFORM_OFFICE));
        return itemId;
    }

    private List<String> itemsHeldBy(String bodyId) {
        return jdbc.sql("select item_id from item_directory where body_id = ? order by item_id").param(bodyId)
                .query(String.class).list();
    }

    private List<Map<String, Object>> passedEvents() {
        return jdbc.sql("""
                select aggregate_identifier, convert_from(payload, 'UTF8') as payload,
                       convert_from(meta_data, 'UTF8') as meta
                from domain_event_entry where payload_type like '%PowerItemPassedToSuccessor'
                order by global_index""").query().listOfRows();
    }

    @Test
    void everyOpenItemOfAMergedBodyPassesToTheSuccessorByTheMergersDocumentAndInTheNameOfWhoDecidedIt() {
        List<String> items = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            items.add(publishedItem(COMMERCE_BUREAU, "营业执照核发(" + i + ")"));
        }
        ApiClient commerceClerk = ApiClient.anonymous(port, tokens).as("commerce-clerk", Role.BODY_CLERK, COMMERCE_BUREAU);
        var draft = commerceClerk.post("/api/items", Map.of("bodyId", COMMERCE_BUREAU, "name", "广告经营许可(草稿)",
                "type", "LICENCE", "legalLimitDays", 20, "promisedLimitDays", 10));
        assertThat(draft.status()).isEqualTo(201);
        items.add(draft.json().get("itemId").asString());
        items.sort(null);
        assertThat(itemsHeldBy(COMMERCE_BUREAU)).containsExactlyElementsOf(items);

        var merged = reform.post("/api/bodies/" + COMMERCE_BUREAU + "/merge", Map.of("successorBodyId", MARKET_BUREAU,
                "documentNumber", MERGER_DOCUMENT, "effectiveDate", "2018-12-28"));
        assertThat(merged.status()).as(merged.toString()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(itemsHeldBy(COMMERCE_BUREAU)).isEmpty());
        assertThat(itemsHeldBy(MARKET_BUREAU)).containsAll(items);
        List<Map<String, Object>> passed = passedEvents().stream()
                .filter(e -> items.contains((String) e.get("aggregate_identifier"))).toList();
        assertThat(passed).extracting(e -> (String) e.get("aggregate_identifier")).containsExactlyInAnyOrderElementsOf(items);
        for (Map<String, Object> event : passed) {
            JsonNode payload = json.readTree((String) event.get("payload"));
            assertThat(payload.get("fromBodyId").asString()).isEqualTo(COMMERCE_BUREAU);
            assertThat(payload.get("toBodyId").asString()).isEqualTo(MARKET_BUREAU);
            assertThat(payload.get("decision").get("documentNumber").asString()).isEqualTo(MERGER_DOCUMENT);
            assertThat(payload.get("decision").get("effectiveDate").asString()).isEqualTo("2018-12-28");
            JsonNode meta = json.readTree((String) event.get("meta"));
            assertThat(meta.get("actorUserId").asString()).isEqualTo("reform");
            assertThat(meta.get("actorRole").asString()).isEqualTo("REFORM_OFFICE");
            assertThat(meta.get("actorBody").asString()).isEqualTo(REFORM_OFFICE);
        }

        // After the merger is recorded, nothing new is drafted for the old body: nothing is left behind.
        var late = commerceClerk.post("/api/items", Map.of("bodyId", COMMERCE_BUREAU, "name", "迟到的草稿",
                "type", "LICENCE", "legalLimitDays", 20, "promisedLimitDays", 10));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.json().get("rule").asString()).isEqualTo("body-active");

        // Running the process again from the start of the store sends nothing new. Its token is removed rather than
        // reset: Axon 4.13 cannot read back a ReplayToken with the Jackson 3 serializer (AxonFramework#4218).
        int passedBefore = passedEvents().size();
        PooledStreamingEventProcessor process = processing
                .eventProcessor(ItemSuccession.PROCESSING_GROUP, PooledStreamingEventProcessor.class).orElseThrow();
        process.shutDown();
        jdbc.sql("delete from token_entry where processor_name = ?").param(ItemSuccession.PROCESSING_GROUP).update();
        process.start();
        awaitSuccessionPastMergerOf(COMMERCE_BUREAU);
        assertThat(passedEvents()).hasSize(passedBefore);
        assertThat(itemsHeldBy(MARKET_BUREAU)).containsAll(items);
    }

    /**
     * Processes carry decisions into items one command at a time, so an item can reach a body after that body's
     * merger: a recall recorded before the merger restores a devolved item later, a delegation decided before it
     * makes its receiver's item later, and an item passed on may arrive at a successor merged meanwhile. Each passes
     * on by the merger of the body it landed at, on that merger's date or the date it arrived, whichever is later.
     */
    @Test
    void anItemReachingABodyAfterItsMergerPassesOnByThatMerger() {
        String source = newBody("德阳市粮食局");
        String receiver = newBody("德阳市粮食局直属分局");
        String successor = newBody("德阳市发展和改革委员会");
        String last = newBody("德阳市发展和改革局");
        String item = publishedItem(source, "粮食收购资格认定");
        String delegation = UUID.randomUUID().toString();
        Actor reformer = new Actor("reform", "王强", Role.REFORM_OFFICE, REFORM_OFFICE);

        merge(receiver, successor, "德委发〔2016〕1号", "2016-01-01");
        awaitSuccessionPastMergerOf(receiver);
        // Decided while the receiver was active; the item is received after the receiver's merger.
        commands.send(new DelegatePowerItem(item, delegation, DelegationMode.DEVOLVE,
                List.of(new Receiver(receiver, DEYANG, JurisdictionLevel.CITY)), null,
                new Decision("德府发〔2015〕9号", LocalDate.of(2015, 7, 1))), reformer);
        String received = DelegationMessages.receivedItemId(delegation, item, receiver);
        merge(source, successor, "德委发〔2018〕1号", "2018-01-01");
        merge(successor, last, "德委发〔2019〕1号", "2019-01-01");
        awaitSuccessionPastMergerOf(successor);
        // A recall recorded before the source's merger, carried into the item after it.
        commands.send(new RestoreDevolvedItem(item, delegation, new Decision("德府发〔2018〕7号",
                LocalDate.of(2018, 6, 1))), reformer);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(itemsHeldBy(last)).containsExactlyInAnyOrder(item, received));
        assertThat(passes(item)).containsExactly(
                source + "→" + successor + " 德委发〔2018〕1号 2018-06-01 reform",
                successor + "→" + last + " 德委发〔2019〕1号 2019-01-01 reform");
        assertThat(passes(received)).containsExactly(
                receiver + "→" + successor + " 德委发〔2016〕1号 2016-01-01 reform",
                successor + "→" + last + " 德委发〔2019〕1号 2019-01-01 reform");

        // Only an arrival at a merged body is handed to the process; any other, the processor passes by.
        var process = new AnnotationEventHandlerAdapter(itemSuccession, axon.parameterResolverFactory());
        assertThat(process.canHandle(restoredTo(source, item, delegation))).isTrue();
        assertThat(process.canHandle(restoredTo(last, item, delegation))).isFalse();
    }

    private static GenericEventMessage<PowerItemRestored> restoredTo(String bodyId, String itemId, String delegation) {
        return new GenericEventMessage<>(new PowerItemRestored(itemId, bodyId, DEYANG, delegation,
                new Decision("德府发〔2018〕7号", LocalDate.of(2018, 6, 1))));
    }

    /**
     * A devolution and its recall recorded before a merger reach the merged body's item before the merger passes it
     * on, however far behind the delegation process is: the item is devolved, given back, and only then passed.
     */
    @Test
    void aMergerPassesAnItemOnOnlyAfterTheDelegationsRecordedBeforeItReachedIt() {
        String source = newBody("德阳市商务局");
        String successor = newBody("德阳市经济和信息化局");
        String county = newBody("广汉市商务局", GUANGHAN);
        String item = publishedItem(source, "成品油零售经营资格审批");
        withDelegationProcessStopped(() -> {
            String id = devolve(item, county, "德府发〔2015〕3号");
            recall(id, "德府发〔2017〕2号", "2017-01-01");
            merge(source, successor, "德委发〔2018〕2号", "2018-01-01");
            // The merger waits for the delegation process: the item stays as published, with the merged body.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> eventsOf(item).equals(List.of("PowerItemPublished")));
            return null;
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventsOf(item)).containsExactly(
                "PowerItemPublished", "PowerItemDelegated", "PowerItemRestored", "PowerItemPassedToSuccessor"));
        assertThat(itemsHeldBy(successor)).containsExactly(item);
        assertThat(passes(item)).containsExactly(source + "→" + successor + " 德委发〔2018〕2号 2018-01-01 reform");
    }

    /**
     * A body is not abolished while a delegation or a recall recorded before has still to reach it, however far behind
     * the delegation process is: as a receiver it would get its item after the abolition, as the devolving body its
     * item back.
     */
    @Test
    void aBodyIsNotAbolishedWhileADelegationRecordedBeforeHasStillToReachIt() {
        String source = newBody("德阳市体育局");
        String receiver = newBody("广汉市文化广电体育和旅游局", GUANGHAN);
        String item = publishedItem(source, "体育类民办非企业单位设立审查");
        Map<String, Object> abolition = Map.of("documentNumber", "德委发〔2019〕5号", "effectiveDate", "2019-01-01");
        String delegation = withDelegationProcessStopped(() -> {
            String id = devolve(item, receiver, "德府发〔2015〕5号");
            assertRefusedWhileUnderway(receiver, abolition, id);
            assertTheMigrationDerivesTheSameRowsFromTheEvents();
            return id;
        });
        String received = DelegationMessages.receivedItemId(delegation, item, receiver);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(itemsHeldBy(receiver)).containsExactly(received));
        // Carried out: the receiver holds its item, and the ordinary rule refuses.
        assertThat(reform.post("/api/bodies/" + receiver + "/abolish", abolition).json().get("rule").asString())
                .isEqualTo("abolish-needs-no-open-items");

        withDelegationProcessStopped(() -> {
            recall(delegation, "德府发〔2017〕5号", "2017-01-01");
            // The source's item is devolved, so it holds nothing open; the recall will give it back.
            assertRefusedWhileUnderway(source, abolition, delegation);
            assertTheMigrationDerivesTheSameRowsFromTheEvents();
            return null;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventsOf(item)).containsExactly(
                "PowerItemPublished", "PowerItemDelegated", "PowerItemRestored"));
        assertThat(reform.post("/api/bodies/" + source + "/abolish", abolition).json().get("rule").asString())
                .isEqualTo("abolish-needs-no-open-items");
        assertThat(status(source)).isEqualTo("ACTIVE");
    }

    /**
     * A devolution recalled before the process carried it out holds its receiver no more: the receiver's item, made
     * afterwards, is recalled as it is made. That is also how a decision that cannot be carried out stops holding
     * its receivers.
     */
    @Test
    void aDelegationRecalledBeforeItIsCarriedOutNoLongerHoldsItsReceiver() {
        String source = newBody("德阳市林业局");
        String receiver = newBody("广汉市林业局", GUANGHAN);
        String item = publishedItem(source, "林木采伐许可证核发");
        Map<String, Object> abolition = Map.of("documentNumber", "德委发〔2019〕6号", "effectiveDate", "2019-01-01");
        String delegation = withDelegationProcessStopped(() -> {
            String id = devolve(item, receiver, "德府发〔2015〕6号");
            recall(id, "德府发〔2016〕6号", "2016-01-01");
            assertTheMigrationDerivesTheSameRowsFromTheEvents();
            var abolished = reform.post("/api/bodies/" + receiver + "/abolish", abolition);
            assertThat(abolished.status()).as(abolished.toString()).isEqualTo(204);
            return id;
        });
        String received = DelegationMessages.receivedItemId(delegation, item, receiver);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(eventsOf(received)).containsExactly("PowerItemReceived", "PowerItemRecalled");
            assertThat(eventsOf(item)).containsExactly("PowerItemPublished", "PowerItemDelegated",
                    "PowerItemRestored");
        });
        assertThat(itemsHeldBy(source)).containsExactly(item);
        assertThat(jdbc.sql("select count(*) from delegation_underway where delegation_id = ?").param(delegation)
                .query(Long.class).single()).isZero();
    }

    /**
     * A devolution back-filled for an item cancelled since: the item records that it refused it. Recalled before the
     * process reached the item, the decision leaves the source body nothing to get back, and the body, holding
     * nothing open, is abolished (the recall used to wait for ever to give back an item never devolved).
     */
    @Test
    void aRecalledDevolutionItsItemRefusedDoesNotHoldUpTheSourceBodysAbolition() {
        String source = newBody("德阳市粮食局");
        String receiver = newBody("广汉市发展和改革局", GUANGHAN);
        String item = publishedItem(source, "粮食收购资格认定");
        cancel(item, "德府发〔2018〕41号");
        String delegation = withDelegationProcessStopped(() -> {
            String id = devolve(item, receiver, "德府发〔2015〕8号");
            recall(id, "德府发〔2016〕8号", "2016-01-01");
            assertRefusedWhileUnderway(source, Map.of("documentNumber", "德委发〔2019〕8号",
                    "effectiveDate", "2019-01-01"), id);
            return id;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventsOf(item)).containsExactly(
                "PowerItemPublished", "PowerItemAdjustmentProposed", "PowerItemApproved", "PowerItemCancelled",
                "PowerItemDelegationRefused"));
        assertThat(eventsOf(DelegationMessages.receivedItemId(delegation, item, receiver))).isEmpty();
        assertThat(underway(delegation)).isEmpty();
        var abolished = reform.post("/api/bodies/" + source + "/abolish", Map.of("documentNumber", "德委发〔2019〕8号",
                "effectiveDate", "2019-01-01"));
        assertThat(abolished.status()).as(abolished.toString()).isEqualTo(204);
    }

    /**
     * One item of a devolution refuses it: the decision's other item is still devolved and received, and a recall
     * recorded after the refusal has only that one to give back.
     */
    @Test
    void anItemThatRefusesADevolutionHoldsUpNeitherTheOtherItemsNorTheRecall() {
        String source = newBody("德阳市粮食和物资储备局");
        String receiver = newBody("广汉市粮食和物资储备局", GUANGHAN);
        String cancelled = publishedItem(source, "粮食收购资格认定");
        String kept = publishedItem(source, "对粮食经营者的监督检查");
        cancel(cancelled, "德府发〔2018〕42号");
        String delegation = devolve(List.of(cancelled, kept), receiver, "德府发〔2015〕9号");
        String received = DelegationMessages.receivedItemId(delegation, kept, receiver);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(eventsOf(cancelled)).endsWith("PowerItemCancelled", "PowerItemDelegationRefused");
            assertThat(eventsOf(kept)).containsExactly("PowerItemPublished", "PowerItemDelegated");
            assertThat(eventsOf(received)).containsExactly("PowerItemReceived");
        });
        assertThat(eventsOf(DelegationMessages.receivedItemId(delegation, cancelled, receiver))).isEmpty();
        assertThat(underway(delegation)).isEmpty();
        // Nothing parked: the refusal is a recorded outcome, not a failure of the process.
        assertThat(jdbc.sql("select count(*) from dead_letter_entry where processing_group = 'delegation-process' "
                + "and sequence_identifier = ?").param(delegation).query(Long.class).single()).isZero();

        withDelegationProcessStopped(() -> {
            recall(delegation, "德府发〔2016〕9号", "2016-01-01");
            assertThat(underway(delegation)).containsExactly(kept + " " + source + " RESTORE");
            assertTheMigrationDerivesTheSameRowsFromTheEvents();
            return null;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(eventsOf(kept)).containsExactly("PowerItemPublished", "PowerItemDelegated",
                    "PowerItemRestored");
            assertThat(eventsOf(received)).containsExactly("PowerItemReceived", "PowerItemRecalled");
        });
        assertThat(eventsOf(cancelled)).endsWith("PowerItemCancelled", "PowerItemDelegationRefused");
        assertThat(underway(delegation)).isEmpty();
    }

    /** What the delegation has still underway: "item body effect" rows, in order. */
    private List<String> underway(String delegationId) {
        return jdbc.sql("select item_id || ' ' || body_id || ' ' || effect from delegation_underway "
                + "where delegation_id = ? order by 1").param(delegationId).query(String.class).list();
    }

    /** The migrations that made the lookup fill it from the events recorded before them: the same rows. */
    private void assertTheMigrationDerivesTheSameRowsFromTheEvents() {
        String rows = """
                select delegation_id || ' ' || item_id || ' ' || body_id || ' ' || effect from delegation_underway
                union all select delegation_id || ' ' || item_id || ' REFUSED' from delegation_refused_item
                order by 1""";
        List<String> kept = jdbc.sql(rows).query(String.class).list();
        assertThat(kept).isNotEmpty();
        jdbc.sql("delete from delegation_underway").update();
        jdbc.sql("delete from delegation_refused_item").update();
        for (String migration : List.of("V220__delegation_underway.sql", "V230__delegation_refused_items.sql")) {
            String script = migrationScript(migration);
            jdbc.sql(script.substring(script.indexOf("do $$"))).update();
        }
        assertThat(jdbc.sql(rows).query(String.class).list()).isEqualTo(kept);
    }

    private String migrationScript(String name) {
        try (var in = getClass().getResourceAsStream("/db/command/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertRefusedWhileUnderway(String bodyId, Map<String, Object> abolition, String delegation) {
        var refused = reform.post("/api/bodies/" + bodyId + "/abolish", abolition);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("rule").asString()).isEqualTo("abolish-after-delegations-carried-out");
        assertThat(refused.json().get("detail").asString()).contains(delegation);
        assertThat(status(bodyId)).isEqualTo("ACTIVE");
    }

    /** Cancels the item over HTTP, effective 2018-12-31. */
    private void cancel(String itemId, String documentNumber) {
        cancelOverHttp(reform, reviewer, itemId, documentNumber, "2018-12-31");
    }

    private String devolve(String itemId, String receiverBodyId, String documentNumber) {
        return devolve(List.of(itemId), receiverBodyId, documentNumber);
    }

    /** Decides over HTTP a devolution of the items to the receiver, effective 2015-07-01; its id. */
    private String devolve(List<String> itemIds, String receiverBodyId, String documentNumber) {
        var decided = reform.post("/api/delegations", Map.of("mode", "DEVOLVE", "sourceItemIds", itemIds,
                "receiverBodyIds", List.of(receiverBodyId), "documentNumber", documentNumber,
                "effectiveDate", "2015-07-01"));
        assertThat(decided.status()).as(decided.toString()).isEqualTo(201);
        return decided.json().get("id").asString();
    }

    private void recall(String delegationId, String documentNumber, String effectiveDate) {
        var recalled = reform.post("/api/delegations/" + delegationId + "/recall",
                Map.of("documentNumber", documentNumber, "effectiveDate", effectiveDate));
        assertThat(recalled.status()).as(recalled.toString()).isEqualTo(204);
    }

    /** Runs the steps with the delegation process stopped on this node, then starts it again. */
    private <T> T withDelegationProcessStopped(Supplier<T> steps) {
        PooledStreamingEventProcessor delegations = processing
                .eventProcessor("delegation-process", PooledStreamingEventProcessor.class).orElseThrow();
        delegations.shutDown();
        try {
            return steps.get();
        } finally {
            delegations.start();
        }
    }

    /** The types of an item's events, in order. */
    private List<String> eventsOf(String itemId) {
        return jdbc.sql("""
                select substring(payload_type from '[^$.]+$') from domain_event_entry
                where aggregate_identifier = ? order by sequence_number""")
                .param(itemId).query(String.class).list();
    }

    private String newBody(String name) {
        return newBody(name, DEYANG);
    }

    private String newBody(String name, String jurisdiction) {
        String first17 = "11" + jurisdiction + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
        String bodyId = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
        registerBodyOverHttp(admin, bodyId, name, jurisdiction);
        return bodyId;
    }

    private void merge(String bodyId, String successorBodyId, String documentNumber, String effectiveDate) {
        var merged = reform.post("/api/bodies/" + bodyId + "/merge", Map.of("successorBodyId", successorBodyId,
                "documentNumber", documentNumber, "effectiveDate", effectiveDate));
        assertThat(merged.status()).as(merged.toString()).isEqualTo(204);
    }

    /** Waits until the succession process has handled the body's merger, so that what follows arrives after it. */
    private void awaitSuccessionPastMergerOf(String bodyId) {
        long mergerPosition = jdbc.sql("""
                select global_index from domain_event_entry
                where aggregate_identifier = ? and payload_type like '%ImplementingBodyMerged'""")
                .param(bodyId).query(Long.class).single();
        PooledStreamingEventProcessor process = processing
                .eventProcessor(ItemSuccession.PROCESSING_GROUP, PooledStreamingEventProcessor.class).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var status = process.processingStatus().values();
            assertThat(status).isNotEmpty();
            assertThat(status).allMatch(s -> s.getCurrentPosition().orElse(-1) >= mergerPosition);
        });
    }

    /** An item's passes to a successor, in order: from→to, document, effective date, who decided. */
    private List<String> passes(String itemId) {
        return passedEvents().stream().filter(e -> itemId.equals(e.get("aggregate_identifier"))).map(e -> {
            JsonNode payload = json.readTree((String) e.get("payload"));
            JsonNode decision = payload.get("decision");
            return payload.get("fromBodyId").asString() + "→" + payload.get("toBodyId").asString() + " "
                    + decision.get("documentNumber").asString() + " " + decision.get("effectiveDate").asString() + " "
                    + json.readTree((String) e.get("meta")).get("actorUserId").asString();
        }).toList();
    }

    @Test
    void aBodyStillHoldingItemsIsNotAbolishedUntilItHoldsNone() {
        List<String> items = List.of(publishedItem(FOOD_DRUG_BUREAU, "药品零售企业许可"),
                publishedItem(FOOD_DRUG_BUREAU, "对生产销售假药的处罚"));
        Map<String, Object> abolition = Map.of("documentNumber", "德委发〔2019〕2号", "effectiveDate", "2019-01-01");

        var refused = reform.post("/api/bodies/" + FOOD_DRUG_BUREAU + "/abolish", abolition);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("rule").asString()).isEqualTo("abolish-needs-no-open-items");
        assertThat(refused.json().get("detail").asString()).contains("仍持有2项");
        assertThat(status(FOOD_DRUG_BUREAU)).isEqualTo("ACTIVE");

        for (String itemId : items) {
            cancel(itemId, "德府发〔2018〕40号");
        }

        assertThat(reform.post("/api/bodies/" + FOOD_DRUG_BUREAU + "/abolish", abolition).status()).isEqualTo(204);
        assertThat(status(FOOD_DRUG_BUREAU)).isEqualTo("ABOLISHED");
        var again = reform.post("/api/bodies/" + FOOD_DRUG_BUREAU + "/rename",
                Map.of("newName", "新名称", "documentNumber", "德委发〔2019〕3号", "effectiveDate", "2019-02-01"));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("rule").asString()).isEqualTo("body-active");
    }

    @Test
    void aRenameIsRecordedWithItsDocumentAndKeptInTheDirectory() {
        var renamed = reform.post("/api/bodies/" + QUALITY_BUREAU + "/rename", Map.of("newName", "德阳市质量技术监督管理局",
                "documentNumber", "德编发〔2016〕5号", "effectiveDate", "2016-05-01"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(204);
        assertThat(jdbc.sql("select name from place_directory_body where body_id = ?").param(QUALITY_BUREAU)
                .query(String.class).single()).isEqualTo("德阳市质量技术监督管理局");
    }

    @Test
    void reformRequestsAreValidatedAndAuthorised() {
        var invalid = reform.post("/api/bodies/" + QUALITY_BUREAU + "/merge", Map.of("successorBodyId", "123",
                "effectiveDate", "2018-12-28"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("successorBodyId", "documentNumber");
        var badPath = reform.post("/api/bodies/not-a-code/abolish", Map.of("documentNumber", "x", "effectiveDate", "2019-01-01"));
        assertThat(badPath.status()).isEqualTo(404);
        var unknown = reform.post("/api/bodies/" + "11510600008654400U" + "/abolish",
                Map.of("documentNumber", "x", "effectiveDate", "2019-01-01"));
        assertThat(unknown.status()).isEqualTo(404);
        var clerk = ApiClient.anonymous(port, tokens).as("clerk", Role.BODY_CLERK, MARKET_BUREAU);
        assertThat(clerk.post("/api/bodies/" + QUALITY_BUREAU + "/abolish",
                Map.of("documentNumber", "x", "effectiveDate", "2019-01-01")).status()).isEqualTo(403);
    }

    private String status(String bodyId) {
        return jdbc.sql("select status from place_directory_body where body_id = ?").param(bodyId)
                .query(String.class).single();
    }
}
