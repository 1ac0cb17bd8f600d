package org.quanli.query.powerlist;

import org.springframework.beans.factory.ListableBeanFactory;
import org.quanli.query.testing.Replays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.powerlist.ListCursor;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItem;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedTypeCounts;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedTypeCountsQuery;
import org.quanli.query.powerlist.LedgerEvents.Item;
import org.quanli.query.testing.CaughtUp;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A list read a page at a time after (or before) a position holds every item once, in list order, the same items as
 * pages counted from the start; the counts the projection keeps give the same totals as counting the rows, on every
 * date, and a rebuild of the projection from the events gives the same counts.
 */
class ListCountsAndPagingTest extends ProjectionTestSupport {

    @Autowired
    ListableBeanFactory beans;

    /** A county whose list changes over the years: amended, suspended and resumed, cancelled, passed on. */
    private String countyWithAHistory() {
        String county = events.jurisdiction("罗江区");
        String bureau = events.body(county, "罗江区市场监督管理局");
        String successor = events.body(county, "罗江区行政审批局");
        var published = decision("罗府发〔2015〕2号", "2015-03-01");
        List<Item> items = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            ItemType type = i % 3 == 0 ? ItemType.PENALTY : i % 3 == 1 ? ItemType.LICENCE : ItemType.CONFIRMATION;
            items.add(events.published(bureau, county, content("罗江事项" + String.format("%02d", i), type, 20, 10),
                    published));
        }
        items.get(0).amended(content("罗江事项01(修订)", ItemType.LICENCE, 20, 5), decision("罗府发〔2017〕1号",
                "2017-01-01"));
        items.get(1).suspended("暂停实施", decision("罗府发〔2017〕2号", "2017-06-01"))
                .resumed("恢复实施", decision("罗府发〔2018〕2号", "2018-06-01"));
        items.get(2).cancelled("依据废止", decision("罗府发〔2019〕3号", "2019-07-01"));
        // Ended on the day it took effect: on the list on no day.
        items.add(events.published(bureau, county, content("罗江事项当日取消", ItemType.LICENCE, 20, 10),
                decision("罗府发〔2019〕4号", "2019-09-01")).cancelled("当日取消", decision("罗府发〔2019〕4号", "2019-09-01")));
        items.get(3).passedTo(successor, county, decision("罗府发〔2020〕1号", "2020-01-01"));
        events.awaitProjected(items.toArray(Item[]::new));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from published_item_version where jurisdiction_code = ?").param(county)
                .query(Long.class).single() == 27);
        return county;
    }

    /** The list as known at a time long after now: counted from the rows, not from the kept counts. */
    private PublishedListQuery counted(PublishedListQuery query) {
        return new PublishedListQuery(query.jurisdictionCode(), query.bodyId(), query.type(), query.exerciseLevelCode(),
                query.nameContains(), query.asOf(), Instant.parse("2999-01-01T00:00:00Z"), query.page(), query.size(),
                query.publicOnly(), query.after(), query.before());
    }

    @Test
    void theKeptCountsGiveTheTotalsOfTheRowsOnEveryDateAndARebuildGivesTheSameCounts() {
        String county = countyWithAHistory();
        List<LocalDate> dates = List.of("2015-02-28", "2015-03-01", "2016-12-31", "2017-01-01", "2017-06-01",
                "2018-06-01", "2019-07-01", "2019-09-01", "2020-01-01", "2030-01-01").stream().map(LocalDate::parse)
                .toList();
        for (LocalDate date : dates) {
            for (ItemType type : new ItemType[] {null, ItemType.LICENCE, ItemType.PENALTY}) {
                PublishedListQuery query = new PublishedListQuery(county, null, type, null, null, date, null, 0, 5,
                        false);
                long rows = queries.ask(counted(query), PublishedList.class).total();
                assertThat(queries.ask(query, PublishedList.class).total()).as(date + " " + type).isEqualTo(rows);
                assertThat(queries.ask(new PublishedTypeCountsQuery(query), PublishedTypeCounts.class))
                        .as(date + " by type").isEqualTo(queries.ask(new PublishedTypeCountsQuery(counted(query)),
                                PublishedTypeCounts.class));
            }
        }
        assertThat(queries.ask(new PublishedListQuery(county, null, null, null, null, LocalDate.parse("2019-07-01"),
                null, 0, 5, false), PublishedList.class).total()).isEqualTo(22);
        assertThat(queries.ask(new PublishedListQuery(county, null, null, null, null, LocalDate.parse("2019-09-01"),
                null, 0, 5, false), PublishedList.class).total()).isEqualTo(22);

        // The snapshot is of every list's counts: no other item of the shared store may still be on its way.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> CaughtUp.everyStreamingProjection(statuses));
        String countsSql = "select * from published_list_count order by 1, 2, 3, 4, 5, 6";
        List<Map<String, Object>> counts = jdbc.sql(countsSql).query().listOfRows();
        assertThat(counts).isNotEmpty().noneMatch(row -> ((Number) row.get("change")).longValue() == 0);
        assertThat(jdbc.sql("select count(*) from published_list_count_pending").query(Long.class).single()).isZero();

        // The reset empties the periods, and the counts with them: what follows is rebuilt from the events alone.
        Replays.replay(beans, List.of(PowerListProjection.GROUP),
                () -> assertThat(jdbc.sql(countsSql).query().listOfRows()).isEmpty());
        await().atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> assertThat(jdbc.sql(countsSql).query().listOfRows()).isEqualTo(counts));
    }

    @Test
    void theCountsTakeInEveryChangeOfATransactionThoughTheyAreAddedOnlyOnceForEachTimeChangesArePending() {
        String county = events.jurisdiction("绵竹市");
        String bureau = events.body(county, "绵竹市市场监督管理局");
        var published = decision("竹府发〔2015〕1号", "2015-03-01");
        Item first = events.published(bureau, county, content("绵竹事项一", ItemType.LICENCE, 20, 10), published);
        Item second = events.published(bureau, county, content("绵竹事项二", ItemType.LICENCE, 20, 10), published);
        String counts = "select effective_date::text || ' ' || change from published_list_count "
                + "where jurisdiction_code = ? order by effective_date";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(counts).param(county)
                .query(String.class).list()).containsExactly("2015-03-01 2"));

        // Within one transaction, rolled back at the end: the deferred flush made to run twice, each time after
        // periods changed. A flush that ran only once per transaction would miss the second change.
        transactions.executeWithoutResult(status -> {
            jdbc.sql("update item_holding_period set effective_to = '2020-01-01', ended_by = 'CANCEL' where item_id = ?").param(first.id)
                    .update();
            jdbc.sql("set constraints all immediate").update();
            assertThat(jdbc.sql(counts).param(county).query(String.class).list())
                    .containsExactly("2015-03-01 2", "2020-01-01 -1");
            jdbc.sql("set constraints all deferred").update();
            jdbc.sql("update item_holding_period set effective_to = '2021-01-01', ended_by = 'CANCEL' where item_id = ?").param(second.id)
                    .update();
            jdbc.sql("set constraints all immediate").update();
            assertThat(jdbc.sql(counts).param(county).query(String.class).list())
                    .containsExactly("2015-03-01 2", "2020-01-01 -1", "2021-01-01 -1");
            assertThat(jdbc.sql("select count(*) from published_list_count_pending").query(Long.class).single())
                    .isZero();
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql(counts).param(county).query(String.class).list()).containsExactly("2015-03-01 2");
    }

    @Test
    void pagesReadAfterAndBeforeAPositionHoldEveryItemOnceInListOrder() {
        String county = countyWithAHistory();
        LocalDate date = LocalDate.parse("2019-07-01");
        List<String> byNumber = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            queries.ask(new PublishedListQuery(county, null, null, null, null, date, null, page, 5, false),
                    PublishedList.class).items().forEach(i -> byNumber.add(i.itemId()));
        }
        assertThat(byNumber).hasSize(22).doesNotHaveDuplicates();

        List<String> forward = new ArrayList<>();
        List<PublishedList> pages = new ArrayList<>();
        PublishedList page = queries.ask(new PublishedListQuery(county, null, null, null, null, date, null, 0, 5,
                false), PublishedList.class);
        assertThat(page.previous()).isNull();
        while (true) {
            pages.add(page);
            page.items().forEach(i -> forward.add(i.itemId()));
            assertThat(page.total()).isEqualTo(22);
            if (page.next() == null) {
                break;
            }
            page = queries.ask(new PublishedListQuery(county, null, null, null, null, date, null, page.page() + 1, 5,
                    false, ListCursor.decode(page.next()), null), PublishedList.class);
        }
        assertThat(forward).isEqualTo(byNumber);
        assertThat(pages).extracting(p -> p.items().size()).containsExactly(5, 5, 5, 5, 2);
        assertThat(pages.get(4).page()).isEqualTo(4);

        // Back from the last page by the position before each: the same pages, in the same order.
        PublishedList back = pages.get(4);
        for (int i = 3; i >= 0; i--) {
            back = queries.ask(new PublishedListQuery(county, null, null, null, null, date, null, i, 5, false, null,
                    ListCursor.decode(back.previous())), PublishedList.class);
            assertThat(back.items()).extracting(PublishedItem::itemId)
                    .isEqualTo(pages.get(i).items().stream().map(PublishedItem::itemId).toList());
        }
        assertThat(back.previous()).isNull();
        assertThat(back.next()).isNotNull();

        // Filtered by type, the positions follow the filtered list.
        List<String> penalties = new ArrayList<>();
        PublishedList penaltyPage = queries.ask(new PublishedListQuery(county, null, ItemType.PENALTY, null, null,
                date, null, 0, 3, false), PublishedList.class);
        while (true) {
            penaltyPage.items().forEach(i -> penalties.add(i.typeCode()));
            if (penaltyPage.next() == null) {
                break;
            }
            penaltyPage = queries.ask(new PublishedListQuery(county, null, ItemType.PENALTY, null, null, date, null,
                    1, 3, false, ListCursor.decode(penaltyPage.next()), null), PublishedList.class);
        }
        assertThat(penalties).hasSize(6).containsOnly("02");
    }

    @Test
    void theListApiPagesByPositionAndRefusesAPositionItDidNotHandOut() {
        String county = countyWithAHistory();
        var first = anonymous.get("/api/public/jurisdictions/" + county + "/items?asOf=2019-07-01&size=20").json();
        assertThat(first.get("total").asLong()).isEqualTo(22);
        String next = first.get("next").asString();
        var second = anonymous.get("/api/public/jurisdictions/" + county + "/items?asOf=2019-07-01&size=20&page=1"
                + "&after=" + next).json();
        assertThat(second.get("items")).hasSize(2);
        assertThat(second.get("next").isNull()).isTrue();
        var back = anonymous.get("/api/public/jurisdictions/" + county + "/items?asOf=2019-07-01&size=20&before="
                + second.get("previous").asString()).json();
        assertThat(back.get("items").get(0).get("itemId")).isEqualTo(first.get("items").get(0).get("itemId"));

        var refused = anonymous.get("/api/public/jurisdictions/" + county + "/items?after=not-a-position");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("after");
    }
}
