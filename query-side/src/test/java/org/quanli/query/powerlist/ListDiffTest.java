package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.time.LocalDate;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.powerlist.PowerListQueries.ChangedItem;
import org.quanli.kernel.powerlist.PowerListQueries.FieldChange;
import org.quanli.kernel.powerlist.PowerListQueries.ListDiff;
import org.quanli.kernel.powerlist.PowerListQueries.ListDiffQuery;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItem;
import org.quanli.kernel.powerlist.PowerListQueries.RemovedItem;
import org.quanli.query.powerlist.LedgerEvents.Item;

/** What changed in a list between two dates: added, removed with what removed it, changed field by field. */
class ListDiffTest extends ProjectionTestSupport {

    @Test
    void theDiffNamesAddedItemsRemovedItemsWithTheirOutcomeAndChangedFieldsWithOldAndNewValues() {
        String county = events.jurisdiction("旌阳区");
        String other = events.jurisdiction("德阳经开区");
        String bureau = events.body(county, "旌阳区住房和城乡建设局");
        String elsewhere = events.body(other, "德阳经开区建设局");
        var listed = decision("旌府发〔2015〕1号", "2015-01-01");
        var reform = decision("旌府发〔2019〕6号", "2019-05-01");
        Item unchanged = events.published(bureau, county, content("建筑工程施工许可", ItemType.LICENCE, 15, 7), listed);
        Item added = events.published(bureau, county, content("城市建筑垃圾处置核准", ItemType.LICENCE, 20, 10),
                decision("旌府发〔2019〕2号", "2019-03-01"));
        Item cancelled = events.published(bureau, county, content("建筑业企业资质核准", ItemType.LICENCE, 20, 20), listed)
                .cancelled("下放后取消", reform);
        Item transferred = events.published(bureau, county, content("物业服务企业资质认定", ItemType.CONFIRMATION, 20,
                20), listed).transferredOut("旌阳区物业管理协会", "交由协会", reform);
        Item merged = events.published(bureau, county, content("建筑工程施工许可(小型)", ItemType.LICENCE, 15, 7),
                listed).mergedInto(unchanged.id, "合并", reform);
        Item suspended = events.published(bureau, county, content("商品房预售许可", ItemType.LICENCE, 20, 10), listed)
                .suspended("暂停", decision("旌府发〔2020〕1号", "2020-01-01"));
        Item amended = events.published(bureau, county, content("燃气经营许可", ItemType.LICENCE, 20, 15), listed)
                .amended(content("燃气经营许可证核发", ItemType.LICENCE, 20, 10), decision("旌府发〔2019〕8号", "2019-08-01"));
        Item passedAway = events.published(bureau, county, content("城市道路占用许可", ItemType.LICENCE, 20, 5), listed)
                .passedTo(elsewhere, other, decision("德委发〔2019〕3号", "2019-04-01"));
        Item resumed = events.published(bureau, county, content("房地产开发企业资质核定", ItemType.LICENCE, 20, 20), listed)
                .suspended("暂停", decision("旌府发〔2018〕1号", "2018-01-01"))
                .resumed("恢复", decision("旌府发〔2019〕9号", "2019-02-01"));
        Item suspendedThenCancelled = events.published(bureau, county, content("白蚁防治单位备案", ItemType.OTHER_POWER, 20,
                10), listed).suspended("暂停", decision("旌府发〔2019〕3号", "2019-02-01")).cancelled("取消", reform);
        String neighbour = events.body(county, "旌阳区综合行政执法局");
        Item passedWithin = events.published(bureau, county, content("城市绿化工程审批", ItemType.LICENCE, 20, 10), listed)
                .passedTo(neighbour, county, decision("旌委发〔2019〕4号", "2019-10-01"));
        Item notYet = events.published(bureau, county, content("燃气设施改动审批", ItemType.LICENCE, 20, 10),
                decision("旌府发〔2021〕1号", "2021-01-01"));
        events.awaitProjected(unchanged, added, cancelled, transferred, merged, suspended, amended, passedAway, resumed,
                passedWithin, suspendedThenCancelled, notYet);

        ListDiff diff = diff(county, null, "2018-12-31", "2020-12-31", 0, 50);
        assertThat(diff.added()).extracting(PublishedItem::itemId).containsExactlyInAnyOrder(added.id, resumed.id);
        assertThat(diff.addedTotal()).isEqualTo(2);
        assertThat(diff.removed()).extracting(r -> r.item().itemId() + " " + r.outcome() + " " + r.documentNumber()
                        + " " + r.effectiveDate())
                .containsExactlyInAnyOrder(
                        cancelled.id + " CANCELLED 旌府发〔2019〕6号 2019-05-01",
                        transferred.id + " TRANSFERRED 旌府发〔2019〕6号 2019-05-01",
                        merged.id + " MERGED 旌府发〔2019〕6号 2019-05-01",
                        suspended.id + " SUSPENDED 旌府发〔2020〕1号 2020-01-01",
                        passedAway.id + " PASSED 德委发〔2019〕3号 2019-04-01",
                        // Off the list since its suspension, and cancelled since: the cancellation keeps it off.
                        suspendedThenCancelled.id + " CANCELLED 旌府发〔2019〕6号 2019-05-01");
        assertThat(diff.removedTotal()).isEqualTo(6);
        assertThat(diff.changed()).extracting(c -> c.after().itemId())
                .containsExactlyInAnyOrder(amended.id, passedWithin.id);
        ChangedItem change = changeOf(diff, amended);
        assertThat(change.before().itemId()).isEqualTo(amended.id);
        assertThat(change.before().version()).isEqualTo(1);
        assertThat(change.after().version()).isEqualTo(2);
        assertThat(change.changes()).extracting(FieldChange::field, FieldChange::before, FieldChange::after)
                .containsExactly(
                        Tuple.tuple("name", "燃气经营许可", "燃气经营许可证核发"),
                        Tuple.tuple("promisedLimitDays", 15, 10));
        // Passed to another body of the same county: still on the county's list, under the other body.
        assertThat(changeOf(diff, passedWithin).changes()).extracting(FieldChange::field, FieldChange::before,
                FieldChange::after).containsExactly(Tuple.tuple("bodyId", bureau, neighbour));
        assertThat(changeOf(diff, passedWithin).after().bodyName()).isEqualTo("旌阳区综合行政执法局");

        // The body's own list: an item passed to a successor in another place has left it.
        ListDiff bodyDiff = diff(null, bureau, "2019-03-31", "2019-04-01", 0, 50);
        assertThat(bodyDiff.removed()).extracting(RemovedItem::outcome).containsExactly("PASSED");
        assertThat(bodyDiff.added()).isEmpty();
        ListDiff successorDiff = diff(null, elsewhere, "2019-03-31", "2019-04-01", 0, 50);
        assertThat(successorDiff.added()).extracting(PublishedItem::itemId).containsExactly(passedAway.id);

        // Each part pages alike and is counted in full.
        ListDiff firstPage = diff(county, null, "2018-12-31", "2020-12-31", 0, 2);
        ListDiff lastPage = diff(county, null, "2018-12-31", "2020-12-31", 2, 2);
        assertThat(firstPage.removed()).hasSize(2);
        assertThat(lastPage.removed()).hasSize(2);
        assertThat(lastPage.added()).isEmpty();
        assertThat(lastPage.removedTotal()).isEqualTo(6);
        assertThat(diff(county, null, "2018-12-31", "2020-12-31", 3, 2).removed()).isEmpty();
        // The same date twice: nothing changed.
        ListDiff none = diff(county, null, "2019-06-01", "2019-06-01", 0, 50);
        assertThat(none.addedTotal() + none.removedTotal() + none.changedTotal()).isZero();
    }

    @Test
    void theDiffOverHttpNamesAFromAfterToAndAMissingDate() {
        String county = events.jurisdiction("罗江区");
        String bureau = events.body(county, "罗江区水利局");
        Item item = events.published(bureau, county, content("取水许可", ItemType.LICENCE, 45, 20),
                decision("罗府发〔2016〕1号", "2016-01-01"));
        events.awaitProjected(item);

        var diff = anonymous.get("/api/public/jurisdictions/" + county + "/diff?from=2015-12-31&to=2016-01-01").json();
        assertThat(diff.get("added").get(0).get("itemId").asString()).isEqualTo(item.id);
        assertThat(diff.get("added").get(0).get("bodyName").asString()).isEqualTo("罗江区水利局");
        assertThat(diff.get("addedTotal").asInt()).isEqualTo(1);
        var byBody = anonymous.get("/api/public/bodies/" + bureau + "/diff?from=2015-12-31&to=2016-01-01").json();
        assertThat(byBody.get("addedTotal").asInt()).isEqualTo(1);

        var reversed = anonymous.get("/api/public/jurisdictions/" + county + "/diff?from=2017-01-01&to=2016-01-01");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.json().get("errors").get(0).get("field").asString()).isEqualTo("from");
        assertThat(anonymous.get("/api/public/jurisdictions/" + county + "/diff?from=2016-01-01").status())
                .isEqualTo(400);
        var tooBig = anonymous.get("/api/public/bodies/" + bureau + "/diff?from=2015-01-01&to=2016-01-01&size=201");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().get("errors").get(0).get("field").asString()).isEqualTo("size");
        assertThat(anonymous.get("/api/public/bodies/notacode/diff?from=2015-01-01&to=2016-01-01").status())
                .isEqualTo(400);
    }

    private static ChangedItem changeOf(ListDiff diff, Item item) {
        return diff.changed().stream().filter(c -> c.after().itemId().equals(item.id)).findFirst().orElseThrow();
    }

    private ListDiff diff(String county, String body, String from, String to, int page, int size) {
        return queries.ask(new ListDiffQuery(county, body, LocalDate.parse(from), LocalDate.parse(to), true, page,
                size), ListDiff.class);
    }
}
