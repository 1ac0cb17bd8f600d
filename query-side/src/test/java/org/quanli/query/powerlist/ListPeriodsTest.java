package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.powerlist.PowerListQueries.ItemQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemSummary;
import org.quanli.kernel.powerlist.PowerListQueries.ItemVersions;
import org.quanli.kernel.powerlist.PowerListQueries.ItemVersionsQuery;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItem;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.kernel.powerlist.PowerListQueries.VersionPeriod;
import org.quanli.kernel.powerlist.ReviewStatus;
import org.quanli.query.powerlist.LedgerEvents.Item;
import org.quanli.testing.ApiClient;

/** The published list over time: which version of which item stood on which body's list on a date. */
class ListPeriodsTest extends ProjectionTestSupport {

    @Test
    void anAmendmentStandsFromItsEffectiveDateAndTheFormerVersionUntilTheDayBefore() {
        String county = events.jurisdiction("旌阳区");
        String bureau = events.body(county, "旌阳区市场监督管理局");
        ItemContent v1 = content("食品经营许可", ItemType.LICENCE, 20, 10);
        ItemContent v2 = content("食品经营许可(含网络经营)", ItemType.LICENCE, 20, 5);
        Item item = events.published(bureau, county, v1, decision("旌府发〔2015〕1号", "2015-01-01"))
                .amended(v2, decision("旌府发〔2018〕9号", "2018-06-01"));
        events.awaitProjected(item);

        assertThat(jurisdictionList(county, "2014-12-31").items()).isEmpty();
        PublishedItem before = only(jurisdictionList(county, "2018-05-31"));
        assertThat(before.version()).isEqualTo(1);
        assertThat(before.name()).isEqualTo("食品经营许可");
        assertThat(before.promisedLimitDays()).isEqualTo(10);
        assertThat(before.documentNumber()).isEqualTo("旌府发〔2015〕1号");
        PublishedItem after = only(jurisdictionList(county, "2018-06-01"));
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.name()).isEqualTo("食品经营许可(含网络经营)");
        assertThat(after.promisedLimitDays()).isEqualTo(5);
        assertThat(after.documentNumber()).isEqualTo("旌府发〔2018〕9号");
        assertThat(after.effectiveDate()).isEqualTo(LocalDate.of(2018, 6, 1));
        assertThat(after.bodyName()).isEqualTo("旌阳区市场监督管理局");
        assertThat(after.legalBases()).containsExactly(LedgerEvents.FOOD_SAFETY_LAW);

        List<VersionPeriod> periods = versions(item).periods();
        assertThat(periods).extracting(VersionPeriod::version).containsExactly(1, 2);
        assertThat(periods.get(0).effectiveFrom()).isEqualTo(LocalDate.of(2015, 1, 1));
        assertThat(periods.get(0).effectiveTo()).isEqualTo(LocalDate.of(2018, 6, 1));
        assertThat(periods.get(0).endedBy()).isEqualTo("AMEND");
        assertThat(periods.get(0).endDocumentNumber()).isEqualTo("旌府发〔2018〕9号");
        assertThat(periods.get(0).content().promisedLimitDays()).isEqualTo(10);
        assertThat(periods.get(1).effectiveTo()).isNull();
        assertThat(periods.get(1).openedBy()).isEqualTo("AMEND");
        assertThat(periods.get(1).documentNumber()).isEqualTo("旌府发〔2018〕9号");
        assertThat(periods.get(1).content()).isEqualTo(v2);

        ItemSummary summary = queries.ask(new ItemQuery(item.id), ItemSummary.class);
        assertThat(summary.listStatus()).isEqualTo(ListStatus.IN_FORCE);
        assertThat(summary.publishedVersion()).isEqualTo(2);
        assertThat(summary.version()).isEqualTo(1);
        assertThat(summary.content()).isEqualTo(v2);
    }

    @Test
    void aSuspendedItemIsOffTheListUntilResumedAndThenStandsInTheSameVersion() {
        String county = events.jurisdiction("罗江区");
        String bureau = events.body(county, "罗江区交通运输局");
        Item item = events.published(bureau, county, content("道路运输经营许可", ItemType.LICENCE, 20, 15),
                        decision("罗府发〔2016〕2号", "2016-01-01"))
                .suspended("上级暂停实施", decision("罗府发〔2017〕5号", "2017-03-01"));
        events.awaitProjected(item);
        ItemSummary suspended = queries.ask(new ItemQuery(item.id), ItemSummary.class);
        assertThat(suspended.listStatus()).isEqualTo(ListStatus.SUSPENDED);
        assertThat(suspended.reviewStatus()).isEqualTo(ReviewStatus.NONE);

        item.resumed("恢复实施", decision("罗府发〔2017〕11号", "2017-09-01"));
        events.awaitProjected(item);

        assertThat(jurisdictionList(county, "2017-02-28").items()).hasSize(1);
        assertThat(jurisdictionList(county, "2017-03-01").items()).isEmpty();
        assertThat(jurisdictionList(county, "2017-08-31").items()).isEmpty();
        PublishedItem resumed = only(jurisdictionList(county, "2017-09-01"));
        assertThat(resumed.version()).isEqualTo(1);
        assertThat(resumed.documentNumber()).isEqualTo("罗府发〔2017〕11号");
        assertThat(resumed.effectiveDate()).isEqualTo(LocalDate.of(2017, 9, 1));

        List<VersionPeriod> periods = versions(item).periods();
        assertThat(periods).extracting(VersionPeriod::endedBy).containsExactly("SUSPEND", null);
        assertThat(periods).extracting(VersionPeriod::openedBy).containsExactly("PUBLISH", "RESUME");
        assertThat(periods.get(0).effectiveTo()).isEqualTo(LocalDate.of(2017, 3, 1));
        assertThat(queries.ask(new ItemQuery(item.id), ItemSummary.class).listStatus()).isEqualTo(ListStatus.IN_FORCE);
    }

    @Test
    void cancellingTransferringAndMergingTakeTheItemOffTheListFromTheEffectiveDate() {
        String county = events.jurisdiction("广汉市");
        String bureau = events.body(county, "广汉市农业农村局");
        var published = decision("广府发〔2014〕3号", "2014-05-01");
        Item target = events.published(bureau, county, content("农药经营许可", ItemType.LICENCE, 20, 10), published);
        Item cancelled = events.published(bureau, county, content("种畜禽生产经营许可", ItemType.LICENCE, 20, 10), published)
                .cancelled("设定依据已废止", decision("广府发〔2019〕7号", "2019-07-01"));
        Item transferred = events.published(bureau, county, content("农机驾驶培训认定", ItemType.CONFIRMATION, 20, 10),
                published).transferredOut("广汉市农机协会", "交由行业协会承接", decision("广府发〔2019〕7号", "2019-07-01"));
        Item merged = events.published(bureau, county, content("农药经营许可(限制使用)", ItemType.LICENCE, 20, 10),
                published).mergedInto(target.id, "与农药经营许可合并办理", decision("广府发〔2019〕7号", "2019-07-01"));
        events.awaitProjected(target, cancelled, transferred, merged);

        assertThat(jurisdictionList(county, "2019-06-30").items()).hasSize(4);
        assertThat(jurisdictionList(county, "2019-07-01").items()).extracting(PublishedItem::itemId)
                .containsExactly(target.id);
        assertThat(List.of(cancelled, transferred, merged)).map(i -> versions(i).periods().get(0).endedBy())
                .containsExactly("CANCEL", "TRANSFER_OUT", "MERGE");
        assertThat(List.of(cancelled, transferred, merged))
                .map(i -> queries.ask(new ItemQuery(i.id), ItemSummary.class).listStatus())
                .containsExactly(ListStatus.CANCELLED, ListStatus.TRANSFERRED, ListStatus.MERGED);
        assertThat(versions(merged).periods().get(0).effectiveTo()).isEqualTo(LocalDate.of(2019, 7, 1));
    }

    @Test
    void anItemPassedToASuccessorBodyLeavesTheOldBodysListForTheSuccessorsOnTheDecisionsDate() {
        String county = events.jurisdiction("什邡市");
        String old = events.body(county, "什邡市工商行政管理局");
        String successor = events.body(county, "什邡市市场监督管理局");
        Item item = events.published(old, county, content("广告经营许可", ItemType.LICENCE, 20, 10),
                        decision("什府发〔2014〕1号", "2014-01-01"))
                .passedTo(successor, county, decision("什委发〔2019〕2号", "2019-03-01"));
        events.awaitProjected(item);

        assertThat(bodyList(old, "2019-02-28").items()).extracting(PublishedItem::itemId).containsExactly(item.id);
        assertThat(bodyList(successor, "2019-02-28").items()).isEmpty();
        assertThat(bodyList(old, "2019-03-01").items()).isEmpty();
        PublishedItem underSuccessor = only(bodyList(successor, "2019-03-01"));
        assertThat(underSuccessor.version()).isEqualTo(1);
        assertThat(underSuccessor.bodyName()).isEqualTo("什邡市市场监督管理局");
        assertThat(underSuccessor.documentNumber()).isEqualTo("什委发〔2019〕2号");
        // The jurisdiction's list keeps the item throughout, under whichever body held it.
        assertThat(only(jurisdictionList(county, "2019-02-28")).bodyId()).isEqualTo(old);
        assertThat(only(jurisdictionList(county, "2019-03-01")).bodyId()).isEqualTo(successor);

        List<VersionPeriod> periods = versions(item).periods();
        assertThat(periods).extracting(VersionPeriod::bodyId).containsExactly(old, successor);
        assertThat(periods).extracting(VersionPeriod::version).containsExactly(1, 1);
        assertThat(periods.get(0).endedBy()).isEqualTo("PASSED");
        assertThat(periods.get(1).openedBy()).isEqualTo("PASSED");
        assertThat(queries.ask(new ItemQuery(item.id), ItemSummary.class).bodyId()).isEqualTo(successor);
    }

    @Test
    void aBackDatedDecisionChangesThePastOnlyForReadersWhoKnowItWasRecorded() {
        String county = events.jurisdiction("中江县");
        String bureau = events.body(county, "中江县卫生健康局");
        events.recordingAt(Instant.parse("2024-01-10T02:00:00Z"));
        Item cancelled = events.published(bureau, county, content("医疗机构执业登记", ItemType.LICENCE, 45, 20),
                decision("中府发〔2023〕1号", "2023-01-01"));
        Item amended = events.published(bureau, county, content("母婴保健技术服务许可", ItemType.LICENCE, 30, 20),
                decision("中府发〔2023〕1号", "2023-01-01"));
        // Recorded in February and March 2024, effective in 2023: back-filled from paper decisions.
        events.recordingAt(Instant.parse("2024-02-15T02:00:00Z"));
        amended.amended(content("母婴保健技术服务许可", ItemType.LICENCE, 30, 10), decision("中府发〔2023〕4号", "2023-03-01"));
        events.recordingAt(Instant.parse("2024-03-01T02:00:00Z"));
        cancelled.cancelled("职能划转", decision("中府发〔2023〕9号", "2023-06-01"));
        events.recordingAt(null);
        events.awaitProjected(cancelled, amended);

        // As known on 2024-02-01 neither later decision was recorded: on 2023-09-01 both items stood, in version 1.
        PublishedList knownInFebruary = list(county, "2023-09-01", "2024-02-01T00:00:00Z");
        assertThat(knownInFebruary.items()).extracting(PublishedItem::itemId)
                .containsExactlyInAnyOrder(cancelled.id, amended.id);
        assertThat(knownInFebruary.items()).extracting(PublishedItem::version).containsOnly(1);
        // As known now: the cancellation took the first off from 2023-06-01; the second stood in version 2.
        PublishedList knownNow = list(county, "2023-09-01", null);
        assertThat(knownNow.items()).extracting(PublishedItem::itemId).containsExactly(amended.id);
        assertThat(knownNow.items().get(0).version()).isEqualTo(2);
        assertThat(knownNow.items().get(0).promisedLimitDays()).isEqualTo(10);
        // Between the two recordings: the amendment is known, the cancellation not yet.
        PublishedList knownMidFebruary = list(county, "2023-09-01", "2024-02-20T00:00:00Z");
        assertThat(knownMidFebruary.items()).hasSize(2);
        assertThat(knownMidFebruary.items()).filteredOn(i -> i.itemId().equals(amended.id))
                .extracting(PublishedItem::version).containsExactly(2);
        // Before the cancellation's effective date, it stood whatever is known; before anything was recorded, nothing.
        assertThat(list(county, "2023-05-31", null).items()).hasSize(2);
        assertThat(list(county, "2023-09-01", "2024-01-01T00:00:00Z").items()).isEmpty();

        var overHttp = anonymous.get("/api/public/jurisdictions/" + county
                + "/items?asOf=2023-09-01&knownAt=2024-02-01T00:00:00Z").json();
        assertThat(overHttp.get("total").asInt()).isEqualTo(2);
        assertThat(overHttp.get("knownAt").asString()).isEqualTo("2024-02-01T00:00:00Z");
        assertThat(anonymous.get("/api/public/jurisdictions/" + county + "/items?asOf=2023-09-01").json()
                .get("total").asInt()).isEqualTo(1);
    }

    @Test
    void theVersionsListEveryPeriodWithItsDocumentsAndTheDetailIsTheContentOnTheDate() {
        String county = events.jurisdiction("绵竹市");
        String bureau = events.body(county, "绵竹市自然资源局");
        ItemContent v1 = content("建设用地规划许可", ItemType.LICENCE, 20, 15);
        ItemContent v2 = content("建设用地规划许可", ItemType.LICENCE, 20, 12);
        Item item = events.published(bureau, county, v1, decision("绵府发〔2015〕1号", "2015-01-01"))
                .suspended("整改", decision("绵府发〔2016〕2号", "2016-01-01"))
                .resumed("整改完成", decision("绵府发〔2016〕8号", "2016-06-01"))
                .amended(v2, decision("绵府发〔2017〕3号", "2017-01-01"))
                .cancelled("职能取消", decision("绵府发〔2020〕1号", "2020-01-01"));
        events.awaitProjected(item);

        ApiClient auditor = anonymous.as("auditor", Role.AUDITOR, null);
        var periods = auditor.get("/api/items/" + item.id + "/versions").json().get("periods");
        assertThat(periods.size()).isEqualTo(3);
        assertThat(periods.get(0).get("documentNumber").asString()).isEqualTo("绵府发〔2015〕1号");
        assertThat(periods.get(0).get("endDocumentNumber").asString()).isEqualTo("绵府发〔2016〕2号");
        assertThat(periods.get(0).get("endedBy").asString()).isEqualTo("SUSPEND");
        assertThat(periods.get(1).get("documentNumber").asString()).isEqualTo("绵府发〔2016〕8号");
        assertThat(periods.get(1).get("effectiveFrom").asString()).isEqualTo("2016-06-01");
        assertThat(periods.get(1).get("effectiveTo").asString()).isEqualTo("2017-01-01");
        assertThat(periods.get(1).get("endedBy").asString()).isEqualTo("AMEND");
        assertThat(periods.get(2).get("version").asInt()).isEqualTo(2);
        assertThat(periods.get(2).get("endedBy").asString()).isEqualTo("CANCEL");
        assertThat(periods.get(2).get("endDocumentNumber").asString()).isEqualTo("绵府发〔2020〕1号");
        assertThat(periods.get(2).get("content").get("promisedLimitDays").asInt()).isEqualTo(12);
        assertThat(anonymous.get("/api/items/" + item.id + "/versions").status()).isEqualTo(401);
        assertThat(auditor.get("/api/items/" + java.util.UUID.randomUUID() + "/versions").status()).isEqualTo(404);

        var detail = anonymous.get("/api/public/items/" + item.id + "?asOf=2016-07-01").json();
        assertThat(detail.get("item").get("version").asInt()).isEqualTo(1);
        assertThat(detail.get("content").get("promisedLimitDays").asInt()).isEqualTo(15);
        assertThat(anonymous.get("/api/public/items/" + item.id + "?asOf=2017-01-01").json()
                .get("content").get("promisedLimitDays").asInt()).isEqualTo(12);
        assertThat(anonymous.get("/api/public/items/" + item.id + "?asOf=2016-03-01").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/public/items/" + item.id + "?asOf=2020-01-01").status()).isEqualTo(404);
    }

    private PublishedList list(String county, String asOf, String knownAt) {
        return queries.ask(new PublishedListQuery(county, null, null, null, null, LocalDate.parse(asOf),
                knownAt == null ? null : Instant.parse(knownAt), 0, 50, false), PublishedList.class);
    }

    private ItemVersions versions(Item item) {
        return queries.ask(new ItemVersionsQuery(item.id), ItemVersions.class);
    }

    private static PublishedItem only(PublishedList list) {
        assertThat(list.items()).hasSize(1);
        return list.items().get(0);
    }
}
