package org.quanli.query.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.BodyStatus;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyAbolished;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyMerged;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRenamed;
import org.quanli.kernel.places.PlacesMessages.JurisdictionRegistered;
import org.quanli.kernel.places.PlacesQueries.BodyDetail;
import org.quanli.kernel.places.PlacesQueries.BodyList;
import org.quanli.kernel.places.PlacesQueries.BodyQuery;
import org.quanli.kernel.places.PlacesQueries.BodyReference;
import org.quanli.kernel.places.PlacesQueries.BodySummary;
import org.quanli.kernel.places.PlacesQueries.JurisdictionBodiesQuery;
import org.quanli.kernel.places.PlacesQueries.JurisdictionDetail;
import org.quanli.kernel.places.PlacesQueries.JurisdictionQuery;
import org.quanli.kernel.places.PlacesQueries.NamePeriod;
import org.quanli.kernel.rules.NotFound;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.projections.ProjectionStatuses;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.quanli.query.testing.CaughtUp;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Events in, rows out: institutional reforms as the public reads them. Mianyang (绵阳市), not Deyang, so that the
 * power-list tests sharing this database keep their own places.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class PlacesProjectionTest {

    static final String SICHUAN = "510000";
    static final String MIANYANG = "510700";
    static final String FUCHENG = "510703";
    static final String YOUXIAN = "510704";
    static final String COMMERCE_BUREAU = "11510700008654010B";
    static final String MARKET_BUREAU = "11510700008654011E";
    static final String QUALITY_BUREAU = "11510700008654012H";
    static final String FOOD_DRUG_BUREAU = "11510700008654013L";
    static final String PRICE_BUREAU = "11510700008654014P";
    static final Actor ADMIN = new Actor("admin", "系统管理员", Role.ADMINISTRATOR, null);
    static final Actor REFORM = new Actor("reform", "王强", Role.REFORM_OFFICE, "11510700008654015T");

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    QueryAsker queries;
    @Autowired
    ProjectionStatuses statuses;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoTokens tokens;
    @LocalServerPort
    int port;

    @BeforeEach
    void mianyangIsRegistered() {
        if (jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?").param(MIANYANG)
                .query(Long.class).single() > 0) {
            return;
        }
        append(SICHUAN, 0, new JurisdictionRegistered(SICHUAN, "四川省", JurisdictionLevel.PROVINCE, null, false), ADMIN);
        append(MIANYANG, 0, new JurisdictionRegistered(MIANYANG, "绵阳市", JurisdictionLevel.CITY, SICHUAN, false), ADMIN);
        append(YOUXIAN, 0, new JurisdictionRegistered(YOUXIAN, "游仙区", JurisdictionLevel.COUNTY, MIANYANG, false), ADMIN);
        append(FUCHENG, 0, new JurisdictionRegistered(FUCHENG, "涪城区", JurisdictionLevel.COUNTY, MIANYANG, false), ADMIN);
        register(COMMERCE_BUREAU, "绵阳市工商行政管理局");
        register(MARKET_BUREAU, "绵阳市市场监督管理局");
        register(QUALITY_BUREAU, "绵阳市质量技术监督局");
        register(FOOD_DRUG_BUREAU, "绵阳市食品药品监督管理局");
        register(PRICE_BUREAU, "绵阳市物价局");
    }

    private void register(String bodyId, String name) {
        append(bodyId, 0, new ImplementingBodyRegistered(bodyId, name, MIANYANG, JurisdictionLevel.CITY,
                BodyNature.STATUTORY_ORGAN, true), ADMIN);
    }

    private void append(String aggregateId, long sequence, Object payload, Actor actor) {
        transactions.executeWithoutResult(tx -> eventStore.publish(new GenericDomainEventMessage<>(
                "Test", aggregateId, sequence, payload, actor.toMetaData())));
    }

    private BodyDetail body(String bodyId) {
        return queries.ask(new BodyQuery(bodyId), BodyDetail.class);
    }

    private List<BodySummary> bodies(BodyStatus status, LocalDate asOf) {
        return queries.ask(new JurisdictionBodiesQuery(MIANYANG, status, asOf, 0, 200), BodyList.class).bodies();
    }

    private static String nameOf(List<BodySummary> bodies, String bodyId) {
        return bodies.stream().filter(b -> b.bodyId().equals(bodyId)).findFirst().orElseThrow().name();
    }

    @Test
    void aRenamedBodyBearsItsOldNameBeforeTheEffectiveDateAndItsNewNameFromIt() {
        Decision rename = new Decision("绵编发〔2016〕7号", LocalDate.of(2016, 5, 1));
        append(PRICE_BUREAU, 1, new ImplementingBodyRenamed(PRICE_BUREAU, "绵阳市物价局", "绵阳市价格监督局", rename), REFORM);

        await().atMost(Duration.ofSeconds(15)).ignoreException(NotFound.class).untilAsserted(() ->
                assertThat(body(PRICE_BUREAU).nameHistory()).hasSize(2));
        BodyDetail detail = body(PRICE_BUREAU);
        assertThat(detail.name()).isEqualTo("绵阳市价格监督局");
        assertThat(detail.status()).isEqualTo(BodyStatus.ACTIVE);
        assertThat(detail.jurisdictionName()).isEqualTo("绵阳市");
        assertThat(detail.natureLabel()).isEqualTo("法定机关");
        NamePeriod registered = detail.nameHistory().get(0);
        NamePeriod renamed = detail.nameHistory().get(1);
        assertThat(registered.name()).isEqualTo("绵阳市物价局");
        assertThat(registered.effectiveFrom()).isNull();
        assertThat(registered.effectiveTo()).isEqualTo(LocalDate.of(2016, 5, 1));
        assertThat(registered.documentNumber()).isNull();
        assertThat(renamed.name()).isEqualTo("绵阳市价格监督局");
        assertThat(renamed.effectiveFrom()).isEqualTo(LocalDate.of(2016, 5, 1));
        assertThat(renamed.effectiveTo()).isNull();
        assertThat(renamed.documentNumber()).isEqualTo("绵编发〔2016〕7号");

        // Lists read at a date name the body as it was called then.
        assertThat(nameOf(bodies(null, LocalDate.of(2016, 4, 30)), PRICE_BUREAU)).isEqualTo("绵阳市物价局");
        assertThat(nameOf(bodies(null, LocalDate.of(2016, 5, 1)), PRICE_BUREAU)).isEqualTo("绵阳市价格监督局");
        assertThat(nameOf(bodies(null, null), PRICE_BUREAU)).isEqualTo("绵阳市价格监督局");
    }

    @Test
    void aMergedBodyShowsItsSuccessorAndTheSuccessorShowsItsPredecessors() {
        Decision reform2018 = new Decision("绵委发〔2018〕20号", LocalDate.of(2018, 12, 28));
        append(COMMERCE_BUREAU, 1, new ImplementingBodyMerged(COMMERCE_BUREAU, MARKET_BUREAU, MIANYANG, reform2018), REFORM);
        append(QUALITY_BUREAU, 1, new ImplementingBodyMerged(QUALITY_BUREAU, MARKET_BUREAU, MIANYANG, reform2018), REFORM);

        await().atMost(Duration.ofSeconds(15)).ignoreException(NotFound.class).untilAsserted(() ->
                assertThat(body(MARKET_BUREAU).predecessors()).hasSize(2));
        BodyDetail merged = body(COMMERCE_BUREAU);
        assertThat(merged.status()).isEqualTo(BodyStatus.MERGED);
        assertThat(merged.statusLabel()).isEqualTo("已合并");
        assertThat(merged.successor()).isEqualTo(new BodyReference(MARKET_BUREAU, "绵阳市市场监督管理局", BodyStatus.ACTIVE));
        assertThat(merged.endDecision().documentNumber()).isEqualTo("绵委发〔2018〕20号");
        assertThat(merged.endDecision().effectiveDate()).isEqualTo(LocalDate.of(2018, 12, 28));
        // History still shows the old body, under its own name.
        assertThat(merged.name()).isEqualTo("绵阳市工商行政管理局");

        BodyDetail successor = body(MARKET_BUREAU);
        assertThat(successor.status()).isEqualTo(BodyStatus.ACTIVE);
        assertThat(successor.successor()).isNull();
        assertThat(successor.endDecision()).isNull();
        assertThat(successor.predecessors()).containsExactly(
                new BodyReference(COMMERCE_BUREAU, "绵阳市工商行政管理局", BodyStatus.MERGED),
                new BodyReference(QUALITY_BUREAU, "绵阳市质量技术监督局", BodyStatus.MERGED));
    }

    @Test
    void theBodiesOfAJurisdictionAreFilteredByStatusAndPaged() {
        append(FOOD_DRUG_BUREAU, 1, new ImplementingBodyAbolished(FOOD_DRUG_BUREAU, MIANYANG,
                new Decision("绵委发〔2019〕1号", LocalDate.of(2019, 1, 1))), REFORM);

        await().atMost(Duration.ofSeconds(15)).ignoreException(NotFound.class).untilAsserted(() -> {
            assertThat(bodies(BodyStatus.ABOLISHED, null)).extracting(BodySummary::bodyId).containsExactly(FOOD_DRUG_BUREAU);
            assertThat(bodies(null, null)).hasSize(5);
        });
        assertThat(bodies(BodyStatus.ABOLISHED, null).get(0).statusLabel()).isEqualTo("已撤销");
        assertThat(bodies(BodyStatus.ACTIVE, null)).extracting(BodySummary::bodyId).doesNotContain(FOOD_DRUG_BUREAU)
                .contains(MARKET_BUREAU);
        BodyList all = queries.ask(new JurisdictionBodiesQuery(MIANYANG, null, null, 0, 200), BodyList.class);
        assertThat(all.total()).isEqualTo(5);
        BodyList secondPage = queries.ask(new JurisdictionBodiesQuery(MIANYANG, null, null, 1, 2), BodyList.class);
        assertThat(secondPage.bodies()).hasSize(2);
        assertThat(secondPage.total()).isEqualTo(5);
        assertThat(secondPage.bodies()).extracting(BodySummary::bodyId)
                .containsExactlyElementsOf(all.bodies().subList(2, 4).stream().map(BodySummary::bodyId).toList());
    }

    @Test
    void aJurisdictionShowsItsParentAndItsChildren() {
        // The parent and the children are other aggregates, projected by other segments than the city's.
        await().atMost(Duration.ofSeconds(60)).ignoreException(NotFound.class).untilAsserted(() -> {
            CaughtUp.everyStreamingProjection(statuses);
            assertThat(queries.ask(new JurisdictionQuery(MIANYANG, 0, 200), JurisdictionDetail.class).childrenTotal())
                    .isEqualTo(2);
        });
        JurisdictionDetail mianyang = queries.ask(new JurisdictionQuery(MIANYANG, 0, 200), JurisdictionDetail.class);
        assertThat(mianyang.name()).isEqualTo("绵阳市");
        assertThat(mianyang.levelLabel()).isEqualTo("市级");
        assertThat(mianyang.parent().code()).isEqualTo(SICHUAN);
        assertThat(mianyang.parent().name()).isEqualTo("四川省");
        assertThat(mianyang.children()).extracting("code").containsExactly(FUCHENG, YOUXIAN);
        assertThat(mianyang.children()).extracting("name").containsExactly("涪城区", "游仙区");
        JurisdictionDetail sichuan = queries.ask(new JurisdictionQuery(SICHUAN, 0, 200), JurisdictionDetail.class);
        assertThat(sichuan.parent()).isNull();
        assertThat(sichuan.ancestors()).isEmpty();
        // Every jurisdiction above one, the top first, as the portal's breadcrumb shows them.
        JurisdictionDetail fucheng = queries.ask(new JurisdictionQuery(FUCHENG, 0, 200), JurisdictionDetail.class);
        assertThat(fucheng.ancestors()).extracting("code").containsExactly(SICHUAN, MIANYANG);
        assertThat(fucheng.ancestors()).extracting("name").containsExactly("四川省", "绵阳市");
        assertThat(fucheng.parent().code()).isEqualTo(MIANYANG);
        assertThat(fucheng.childrenTotal()).isZero();
        assertThat(fucheng.children()).isEmpty();
    }

    @Test
    void thePortalAnswersAnonymouslyWith404ForUnknownCodesAnd400ForMalformedOnes() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(anonymous.get("/api/public/bodies/" + MARKET_BUREAU).status()).isEqualTo(200);
            assertThat(anonymous.get("/api/public/jurisdictions/" + MIANYANG + "/bodies").json().get("total").asInt())
                    .isEqualTo(5);
        });
        JsonNode detail = anonymous.get("/api/public/bodies/" + MARKET_BUREAU).json();
        assertThat(detail.get("jurisdictionCode").asString()).isEqualTo(MIANYANG);
        assertThat(anonymous.get("/api/public/jurisdictions/" + MIANYANG).json().get("name").asString()).isEqualTo("绵阳市");
        var list = anonymous.get("/api/public/jurisdictions/" + MIANYANG + "/bodies?status=ACTIVE&asOf=2015-01-01&size=2");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("asOf").asString()).isEqualTo("2015-01-01");
        assertThat(list.json().get("bodies").size()).isEqualTo(2);

        var unknownBody = anonymous.get("/api/public/bodies/11510700008654016X");
        assertThat(unknownBody.status()).isEqualTo(404);
        assertThat(unknownBody.json().get("type").asString()).isEqualTo("urn:quanli:problem:not-found");
        assertThat(anonymous.get("/api/public/jurisdictions/510799").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/public/jurisdictions/510799/bodies").status()).isEqualTo(404);

        var malformedBody = anonymous.get("/api/public/bodies/1151070000865401OI");
        assertThat(malformedBody.status()).isEqualTo(400);
        assertThat(malformedBody.json().get("errors").get(0).get("field").asString()).isEqualTo("bodyId");
        var malformedCode = anonymous.get("/api/public/jurisdictions/5107");
        assertThat(malformedCode.status()).isEqualTo(400);
        assertThat(malformedCode.json().get("errors").get(0).get("field").asString()).isEqualTo("code");
        assertThat(anonymous.get("/api/public/jurisdictions/51070x/bodies").status()).isEqualTo(400);
        var badStatus = anonymous.get("/api/public/jurisdictions/" + MIANYANG + "/bodies?status=DISSOLVED");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
        assertThat(anonymous.get("/api/public/jurisdictions/" + MIANYANG + "/bodies?size=500").status()).isEqualTo(400);
    }
}
