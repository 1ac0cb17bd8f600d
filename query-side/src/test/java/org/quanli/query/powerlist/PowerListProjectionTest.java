package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.kernel.places.PlacesMessages.JurisdictionRegistered;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.powerlist.ReviewStatus;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.LegalBasisKind;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemApproved;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSubmitted;
import org.quanli.kernel.powerlist.PowerListQueries.HistoryEntry;
import org.quanli.kernel.powerlist.PowerListQueries.ItemHistory;
import org.quanli.kernel.powerlist.PowerListQueries.ItemHistoryQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemSummary;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.kernel.rules.NotFound;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** Events in, rows out: the power-list projections read from the event store the command side writes. */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class PowerListProjectionTest {

    static final String DEYANG = "510600";
    static final String BUREAU = "11510600008654321B";
    static final Actor CLERK = new Actor("clerk", "张敏", Role.BODY_CLERK, BUREAU);
    static final Actor REVIEWER = new Actor("reviewer", "李静", Role.LEGAL_REVIEWER, "115106000086543382");
    static final Actor REFORM = new Actor("reform", "王强", Role.REFORM_OFFICE, "11510600008654346W");
    static final Actor ADMIN = new Actor("admin", "系统管理员", Role.ADMINISTRATOR, null);

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    QueryAsker queries;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoTokens tokens;
    @LocalServerPort
    int port;

    @BeforeEach
    void deyangIsRegistered() {
        if (jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?").param(DEYANG)
                .query(Long.class).single() == 0) {
            append(DEYANG, 0, new JurisdictionRegistered(DEYANG, "德阳市", JurisdictionLevel.CITY, "510000", false), ADMIN);
            append(BUREAU, 0, new ImplementingBodyRegistered(BUREAU, "德阳市市场监督管理局", DEYANG, JurisdictionLevel.CITY,
                    BodyNature.STATUTORY_ORGAN, true), ADMIN);
        }
    }

    private void append(String aggregateId, long sequence, Object payload, Actor actor) {
        transactions.executeWithoutResult(tx -> eventStore.publish(new GenericDomainEventMessage<>(
                "Test", aggregateId, sequence, payload, actor.toMetaData())));
    }

    /** Drafts, submits, approves and publishes an item in the store, as the command side would. */
    private String publishedItem(String name, ItemType type, int promised, Decision decision) {
        String itemId = UUID.randomUUID().toString();
        ItemContent content = new ItemContent(name, type,
                List.of(new LegalBasis(LegalBasisKind.LAW, "《中华人民共和国食品安全法》", "第三十五条")), 20, promised);
        append(itemId, 0, new PowerItemDrafted(itemId, BUREAU, DEYANG, content), CLERK);
        append(itemId, 1, new PowerItemSubmitted(itemId), CLERK);
        append(itemId, 2, new PowerItemApproved(itemId, "同意"), REVIEWER);
        append(itemId, 3, new PowerItemPublished(itemId, BUREAU, DEYANG, 1, content, decision, null), REFORM);
        return itemId;
    }

    private PublishedList list(LocalDate asOf, ItemType type, String text) {
        return queries.ask(new PublishedListQuery(DEYANG, null, type, null, text, asOf, null, 0, 50), PublishedList.class);
    }

    @Test
    void aPublishedItemIsOnTheListFromItsEffectiveDateOn() {
        String itemId = publishedItem("食品经营许可(摊贩)", ItemType.LICENCE, 10, new Decision("德府发〔2013〕24号", LocalDate.of(2013, 7, 1)));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(list(LocalDate.of(2013, 7, 1), null, "摊贩").items()).extracting("itemId").containsExactly(itemId));
        var item = list(LocalDate.of(2020, 1, 1), null, "摊贩").items().get(0);
        assertThat(item.version()).isEqualTo(1);
        assertThat(item.typeCode()).isEqualTo("01");
        assertThat(item.typeLabel()).isEqualTo("行政许可");
        assertThat(item.bodyName()).isEqualTo("德阳市市场监督管理局");
        assertThat(item.promisedLimitDays()).isEqualTo(10);
        assertThat(item.immediate()).isFalse();
        assertThat(item.documentNumber()).isEqualTo("德府发〔2013〕24号");
        assertThat(item.effectiveDate()).isEqualTo(LocalDate.of(2013, 7, 1));
        // The day before the decision took effect, the item was not yet a valid power.
        assertThat(list(LocalDate.of(2013, 6, 30), null, "摊贩").items()).isEmpty();
    }

    @Test
    void anItemNotYetPublishedIsNotOnThePublicList() {
        String itemId = UUID.randomUUID().toString();
        ItemContent content = new ItemContent("未发布的审批(测试)", ItemType.LICENCE, List.of(), 20, 10);
        append(itemId, 0, new PowerItemDrafted(itemId, BUREAU, DEYANG, content), CLERK);
        append(itemId, 1, new PowerItemSubmitted(itemId), CLERK);

        await().atMost(Duration.ofSeconds(15)).ignoreException(NotFound.class).untilAsserted(() ->
                assertThat(queries.ask(new ItemQuery(itemId), ItemSummary.class).reviewStatus()).isEqualTo(ReviewStatus.SUBMITTED));
        ItemSummary summary = queries.ask(new ItemQuery(itemId), ItemSummary.class);
        assertThat(summary.version()).isEqualTo(1);
        assertThat(summary.publishedVersion()).isNull();
        assertThat(summary.listStatus()).isEqualTo(ListStatus.UNPUBLISHED);
        assertThat(list(null, null, "未发布").total()).isZero();
    }

    @Test
    void theListFiltersByTypeAndNameAndCountsEveryMatch() {
        publishedItem("对无证经营的处罚(筛选)", ItemType.PENALTY, 0, new Decision("德府发〔2014〕3号", LocalDate.of(2014, 3, 1)));
        publishedItem("对虚假宣传的处罚(筛选)", ItemType.PENALTY, 0, new Decision("德府发〔2014〕3号", LocalDate.of(2014, 3, 1)));
        publishedItem("广告发布登记(筛选)", ItemType.CONFIRMATION, 5, new Decision("德府发〔2014〕3号", LocalDate.of(2014, 3, 1)));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(list(null, null, "筛选").total()).isEqualTo(3));
        PublishedList penalties = list(null, ItemType.PENALTY, "筛选");
        assertThat(penalties.total()).isEqualTo(2);
        assertThat(penalties.items()).extracting("name").containsExactly("对无证经营的处罚(筛选)", "对虚假宣传的处罚(筛选)");
        assertThat(penalties.items()).allMatch(i -> i.immediate());
        PublishedList secondPage = queries.ask(new PublishedListQuery(DEYANG, null, null, null, "筛选", null, null, 1, 2), PublishedList.class);
        assertThat(secondPage.items()).hasSize(1);
        assertThat(secondPage.total()).isEqualTo(3);
    }

    @Test
    void theHistoryShowsEveryEventWithActorDocumentEffectiveDateAndRecordedTime() {
        Decision decision = new Decision("德府发〔2013〕24号", LocalDate.of(2013, 7, 1));
        String itemId = publishedItem("食品经营许可(历史)", ItemType.LICENCE, 10, decision);

        await().atMost(Duration.ofSeconds(15)).ignoreException(NotFound.class).untilAsserted(() ->
                assertThat(queries.ask(new ItemHistoryQuery(itemId, 0, 100), ItemHistory.class).total()).isEqualTo(4));
        List<HistoryEntry> entries = queries.ask(new ItemHistoryQuery(itemId, 0, 100), ItemHistory.class).entries();
        assertThat(entries).extracting("event")
                .containsExactly("PowerItemDrafted", "PowerItemSubmitted", "PowerItemApproved", "PowerItemPublished");
        assertThat(entries).extracting("actorRole")
                .containsExactly("BODY_CLERK", "BODY_CLERK", "LEGAL_REVIEWER", "REFORM_OFFICE");
        HistoryEntry published = entries.get(3);
        assertThat(published.actorUserId()).isEqualTo("reform");
        assertThat(published.actorName()).isEqualTo("王强");
        assertThat(published.actorBody()).isEqualTo("11510600008654346W");
        assertThat(published.documentNumber()).isEqualTo("德府发〔2013〕24号");
        // Back-filled: effective in 2013, recorded now. The two are kept apart.
        assertThat(published.effectiveDate()).isEqualTo(LocalDate.of(2013, 7, 1));
        assertThat(published.recordedAt()).isAfter(java.time.Instant.parse("2020-01-01T00:00:00Z"));
        Long storePosition = jdbc.sql("select global_index from domain_event_entry where event_identifier = ?")
                .param(published.eventId()).query(Long.class).single();
        assertThat(published.position()).isEqualTo(storePosition);
        assertThat(published.details()).containsEntry("version", 1);
    }

    @Test
    void thePublicListIsReadAnonymouslyButHistoryNeedsATokenAndPagesAreBounded() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        var list = anonymous.get("/api/public/jurisdictions/" + DEYANG + "/items?asOf=2020-01-01");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("asOf").asString()).isEqualTo("2020-01-01");

        assertThat(anonymous.get("/api/items/" + UUID.randomUUID() + "/history").status()).isEqualTo(401);
        ApiClient auditor = anonymous.as("auditor", Role.AUDITOR, null);
        assertThat(auditor.get("/api/items/" + UUID.randomUUID() + "/history").status()).isEqualTo(404);

        var tooBig = anonymous.get("/api/public/jurisdictions/" + DEYANG + "/items?size=1000");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().get("errors").get(0).get("field").asString()).isEqualTo("size");
        var badCode = anonymous.get("/api/public/jurisdictions/51x/items");
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(anonymous.get("/api/public/jurisdictions/" + DEYANG + "/items?asOf=yesterday").status()).isEqualTo(400);
    }
}
