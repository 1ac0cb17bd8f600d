package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.powerlist.PowerListQueries.CleanupStatistics;
import org.quanli.kernel.powerlist.PowerListQueries.CleanupStatisticsQuery;
import org.quanli.query.powerlist.LedgerEvents.Item;

/**
 * Clean-up figures on a data set counted by hand: a body with 20 items sorted in 2017, 8 removed (2 cancelled,
 * 1 devolved, 2 transferred, 1 merged, 2 suspended) and 12 kept; 8 / 20 = 40%.
 */
class CleanupStatisticsTest extends ProjectionTestSupport {

    static final Decision LISTED = decision("德府发〔2016〕1号", "2016-01-01");

    @Test
    void eachItemCountsOnceByItsLastOutcomeAndTheRateIsRemovedOverSorted() {
        String county = events.jurisdiction("德保县");
        String bureau = events.body(county, "德保县发展和改革局");
        String office = events.body(county, "德保县商务局");
        List<Item> items = new ArrayList<>();
        Item target = item(bureau, county, "固定资产投资项目核准", items).kept(null, decision("德发〔2017〕3号", "2017-04-01"));
        // One item with two outcomes in the period: kept in March, cancelled in June. It counts once, cancelled.
        item(bureau, county, "企业投资项目备案", items)
                .kept(null, decision("德发〔2017〕1号", "2017-03-01"))
                .cancelled("无设定依据", decision("德发〔2017〕6号", "2017-06-01"));
        item(bureau, county, "价格认定", items).cancelled("无设定依据", decision("德发〔2017〕6号", "2017-06-01"));
        item(bureau, county, "招标代理机构认定", items).transferredOut("行业协会", "交由市场", decision("德发〔2017〕6号", "2017-06-01"));
        item(bureau, county, "工程咨询单位认定", items).transferredOut("行业协会", "交由市场", decision("德发〔2017〕6号", "2017-06-01"));
        item(bureau, county, "固定资产投资项目核准(技改)", items)
                .mergedInto(target.id, "合并", decision("德发〔2017〕6号", "2017-06-01"));
        item(bureau, county, "粮食收购资格认定", items).suspended("暂停", decision("德发〔2017〕6号", "2017-06-01"));
        item(bureau, county, "粮油仓储备案", items).suspended("暂停", decision("德发〔2017〕6号", "2017-06-01"));
        // Suspended and resumed within the period: it stays on the list, so it counts as kept.
        item(bureau, county, "节能审查", items)
                .suspended("暂停", decision("德发〔2017〕2号", "2017-02-01"))
                .resumed("恢复", decision("德发〔2017〕4号", "2017-05-01"));
        // Devolved to a township: removed from the county's list, counted as devolved.
        item(bureau, county, "粮食收购许可(乡镇)", items)
                .devolved("delegation-1", "township-body", "township", decision("德发〔2017〕6号", "2017-06-01"));
        // Devolved in March, recalled in August: back on the list, so it counts as kept.
        item(bureau, county, "节能评估", items)
                .devolved("delegation-2", "township-body", "township", decision("德发〔2017〕2号", "2017-03-01"))
                .restored("delegation-2", decision("德发〔2017〕9号", "2017-08-01"));
        for (int i = 1; i <= 9; i++) {
            item(bureau, county, "保留事项" + i, items).kept(null, decision("德发〔2017〕6号", "2017-06-01"));
        }
        // Outside the period: cancelled in 2018 after being kept in 2017, and an item nobody decided on.
        items.get(items.size() - 1).cancelled("职能调整", decision("德发〔2018〕1号", "2018-02-01"));
        item(bureau, county, "未清理事项", items);
        // Another body of the same county: one cancelled, one kept.
        item(office, county, "酒类商品批发许可", items).cancelled("上级取消", decision("德发〔2017〕6号", "2017-06-01"));
        item(office, county, "成品油零售经营资格审批", items).kept(null, decision("德发〔2017〕6号", "2017-06-01"));
        events.awaitProjected(items.toArray(Item[]::new));

        CleanupStatistics body = statistics(null, bureau, "2017-01-01", "2017-12-31");
        assertThat(body.sorted()).isEqualTo(20);
        assertThat(body.cancelled()).isEqualTo(2);
        assertThat(body.transferred()).isEqualTo(2);
        assertThat(body.merged()).isEqualTo(1);
        assertThat(body.suspended()).isEqualTo(2);
        assertThat(body.devolved()).isEqualTo(1);
        assertThat(body.removed()).isEqualTo(8);
        assertThat(body.kept()).isEqualTo(12);
        assertThat(body.reductionRate()).isEqualTo(0.4);
        assertThat(body.definition()).contains("精简率 = 减少事项数 ÷ 梳理事项数");

        // The county: its two bodies together, 9 of 22.
        CleanupStatistics county2017 = statistics(county, null, "2017-01-01", "2017-12-31");
        assertThat(county2017.sorted()).isEqualTo(22);
        assertThat(county2017.removed()).isEqualTo(9);
        assertThat(county2017.devolved()).isEqualTo(1);
        assertThat(county2017.reductionRate()).isEqualTo(0.4091);
        // Before the recall the devolution in March is the item's last outcome: two devolved.
        assertThat(statistics(null, bureau, "2017-01-01", "2017-07-31").devolved()).isEqualTo(2);
        // Only the decisions whose effective date lies in the period count.
        CleanupStatistics county2018 = statistics(county, null, "2018-01-01", "2018-12-31");
        assertThat(county2018.sorted()).isEqualTo(1);
        assertThat(county2018.cancelled()).isEqualTo(1);
        assertThat(county2018.reductionRate()).isEqualTo(1.0);
        CleanupStatistics nothing = statistics(county, null, "2015-01-01", "2015-12-31");
        assertThat(nothing.sorted()).isZero();
        assertThat(nothing.reductionRate()).isZero();

        var overHttp = anonymous.get("/api/public/bodies/" + bureau
                + "/cleanup-statistics?from=2017-01-01&to=2017-12-31");
        assertThat(overHttp.status()).isEqualTo(200);
        assertThat(overHttp.json().get("sorted").asInt()).isEqualTo(20);
        assertThat(overHttp.json().get("devolved").asInt()).isEqualTo(1);
        assertThat(overHttp.json().get("reductionRate").asDouble()).isEqualTo(0.4);
        assertThat(overHttp.json().get("definition").asString()).contains("每个事项只按其在区间内最后一次清理结果计一次");
        assertThat(anonymous.get("/api/public/jurisdictions/" + county
                        + "/cleanup-statistics?from=2017-01-01&to=2017-12-31")
                .json().get("removed").asInt()).isEqualTo(9);
        var reversed = anonymous.get("/api/public/jurisdictions/" + county
                + "/cleanup-statistics?from=2018-01-01&to=2017-12-31");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.json().get("errors").get(0).get("field").asString()).isEqualTo("from");
        assertThat(anonymous.get("/v3/api-docs").body()).contains("每个事项只按其在区间内最后一次清理结果计一次");
    }

    private Item item(String body, String county, String name, List<Item> items) {
        Item item = events.published(body, county, content(name, ItemType.OTHER_POWER, 20, 10), LISTED);
        items.add(item);
        return item;
    }

    private CleanupStatistics statistics(String county, String body, String from, String to) {
        return queries.ask(new CleanupStatisticsQuery(county, body, LocalDate.parse(from), LocalDate.parse(to)),
                CleanupStatistics.class);
    }
}
