package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quanli.query.powerlist.LedgerEvents.REFORM;
import static org.quanli.query.powerlist.LedgerEvents.REVIEWER;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegationRefused;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.powerlist.ChangeKind;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmendmentDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemApproved;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemChangeWithdrawn;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDraftRevised;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemReturned;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSubmitted;
import org.quanli.kernel.powerlist.PowerListQueries.HistoryEntry;
import org.quanli.kernel.powerlist.PowerListQueries.ItemHistory;
import org.quanli.kernel.powerlist.PowerListQueries.ItemHistoryQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemSummary;
import org.quanli.kernel.powerlist.ReviewStatus;
import org.quanli.query.powerlist.LedgerEvents.Item;

/** Every event of an item's life has a history row that says in Chinese what happened, by which document. */
class ItemHistoryTest extends ProjectionTestSupport {

    @Test
    void draftingReviewAndAmendmentAreDescribedAndOnlyDecisionsCarryADocument() {
        String county = events.jurisdiction("旌阳区");
        String bureau = events.body(county, "旌阳区市场监督管理局");
        Actor clerk = LedgerEvents.clerk(bureau);
        ItemContent first = content("食品经营许可", ItemType.LICENCE, 20, 10);
        ItemContent second = content("食品经营许可(含网络经营)", ItemType.LICENCE, 20, 5);
        Item item = events.reviewedAndPublished(bureau, county, first, decision("旌府发〔2013〕24号", "2013-07-01"));
        item.append(new PowerItemAmendmentDrafted(item.id, content("食品经营许可(草)", ItemType.LICENCE, 20, 8)), clerk)
                .append(new PowerItemDraftRevised(item.id, second), clerk)
                .append(new PowerItemSubmitted(item.id), clerk)
                .append(new PowerItemReturned(item.id, List.of("承诺时限依据不足", "名称不规范")), REVIEWER)
                .append(new PowerItemSubmitted(item.id), clerk)
                .append(new PowerItemApproved(item.id, "同意变更"), REVIEWER)
                .amended(second, decision("旌府发〔2018〕9号", "2018-06-01"))
                .proposed(ChangeKind.SUSPEND, "上级暂停", null, null)
                .append(new PowerItemChangeWithdrawn(item.id, ChangeKind.SUSPEND, "不再暂停"), REFORM);
        events.awaitProjected(item);

        List<HistoryEntry> entries = history(item);
        assertThat(entries).extracting(HistoryEntry::description).containsExactly(
                "起草事项「食品经营许可」",
                "报送法制审核",
                "审核通过:同意",
                "发布第1版,自2013-07-01起",
                "起草变更「食品经营许可(草)」",
                "修改草稿「食品经营许可(含网络经营)」",
                "报送法制审核",
                "退回修改:承诺时限依据不足;名称不规范",
                "报送法制审核",
                "审核通过:同意变更",
                "发布第2版(变更:名称、承诺时限),自2018-06-01起",
                "提出暂停执行:上级暂停",
                "撤回待审的暂停执行:不再暂停");
        assertThat(entries).extracting(HistoryEntry::documentNumber).containsExactly(null, null, null,
                "旌府发〔2013〕24号", null, null, null, null, null, null, "旌府发〔2018〕9号", null, null);
        assertThat(entries.get(10).effectiveDate()).isEqualTo(LocalDate.of(2018, 6, 1));
        assertThat(entries.get(10).event()).isEqualTo("PowerItemAmended");
        assertThat(entries.get(10).details()).containsEntry("version", 2);
        assertThat(entries).extracting(HistoryEntry::actorRole).containsExactly("BODY_CLERK", "BODY_CLERK",
                "LEGAL_REVIEWER", "REFORM_OFFICE", "BODY_CLERK", "BODY_CLERK", "BODY_CLERK", "LEGAL_REVIEWER",
                "BODY_CLERK", "LEGAL_REVIEWER", "REFORM_OFFICE", "REFORM_OFFICE", "REFORM_OFFICE");
        assertThat(entries).extracting(HistoryEntry::position).isSorted().doesNotHaveDuplicates();

        ItemSummary summary = queries.ask(new ItemQuery(item.id), ItemSummary.class);
        assertThat(summary.reviewStatus()).isEqualTo(ReviewStatus.NONE);
        assertThat(summary.pendingChange()).isNull();
        assertThat(summary.version()).isEqualTo(12);
    }

    @Test
    void everyCleanupDecisionIsDescribedWithItsDocumentAndEffectiveDate() {
        String county = events.jurisdiction("什邡市");
        String old = events.body(county, "什邡市工商行政管理局");
        String successor = events.body(county, "什邡市市场监督管理局");
        events.awaitBodies(old, successor);
        var listed = decision("什府发〔2014〕1号", "2014-01-01");
        Item target = events.published(successor, county, content("广告发布登记", ItemType.CONFIRMATION, 20, 5), listed);
        Item merged = events.published(old, county, content("广告发布变更登记", ItemType.CONFIRMATION, 20, 5), listed)
                .proposed(ChangeKind.MERGE, "合并办理", target.id, null)
                .mergedInto(target.id, "合并办理", decision("什府发〔2019〕5号", "2019-05-01"));
        Item transferred = events.published(old, county, content("商标代理备案", ItemType.OTHER_POWER, 20, 5), listed)
                .proposed(ChangeKind.TRANSFER_OUT, "交由市场", null, "什邡市商标协会")
                .transferredOut("什邡市商标协会", "交由市场", decision("什府发〔2019〕5号", "2019-05-01"));
        Item reformed = events.published(old, county, content("个体工商户登记", ItemType.CONFIRMATION, 20, 5), listed)
                .proposed(ChangeKind.KEEP, null, null, null)
                .kept(null, decision("什府发〔2017〕2号", "2017-03-01"))
                .suspended("系统升级", decision("什府发〔2018〕1号", "2018-01-01"))
                .resumed("升级完成", decision("什府发〔2018〕4号", "2018-04-01"))
                .passedTo(successor, county, decision("什委发〔2019〕2号", "2019-03-01"))
                .proposed(ChangeKind.CANCEL, "无设定依据", null, null)
                .cancelled("无设定依据", decision("什府发〔2020〕1号", "2020-01-01"));
        events.awaitProjected(target, merged, transferred, reformed);

        assertThat(history(merged)).extracting(HistoryEntry::description).containsExactly(
                "发布第1版,自2014-01-01起",
                "提出整合,并入事项 " + target.id + ":合并办理",
                "整合并入事项 " + target.id + ",自2019-05-01起:合并办理");
        assertThat(history(transferred)).extracting(HistoryEntry::description).containsExactly(
                "发布第1版,自2014-01-01起",
                "提出转移,交由什邡市商标协会承接:交由市场",
                "转移,交由什邡市商标协会承接,自2019-05-01起:交由市场");
        List<HistoryEntry> reform = history(reformed);
        assertThat(reform).extracting(HistoryEntry::description).containsExactly(
                "发布第1版,自2014-01-01起",
                "提出保留",
                "清理后保留",
                "暂停执行,自2018-01-01起:系统升级",
                "恢复执行,自2018-04-01起:升级完成",
                "因机构改革由什邡市工商行政管理局(" + old + ")划转至什邡市市场监督管理局(" + successor + "),自2019-03-01起",
                "提出取消:无设定依据",
                "取消,自2020-01-01起不再列入清单:无设定依据");
        assertThat(reform).extracting(HistoryEntry::documentNumber).containsExactly("什府发〔2014〕1号", null,
                "什府发〔2017〕2号", "什府发〔2018〕1号", "什府发〔2018〕4号", "什委发〔2019〕2号", null, "什府发〔2020〕1号");
        assertThat(reform).extracting(HistoryEntry::effectiveDate).containsExactly(LocalDate.of(2014, 1, 1), null,
                LocalDate.of(2017, 3, 1), LocalDate.of(2018, 1, 1), LocalDate.of(2018, 4, 1), LocalDate.of(2019, 3, 1),
                null, LocalDate.of(2020, 1, 1));
        assertThat(reform.get(5).details()).containsEntry("fromBodyId", old).containsEntry("toBodyId", successor);
        assertThat(reform.get(7).actorUserId()).isEqualTo("reform");
        assertThat(reform.get(7).actorBody()).isEqualTo(REFORM.bodyId());

        var overHttp = anonymous.as("auditor", org.quanli.kernel.identity.Role.AUDITOR, null)
                .get("/api/items/" + reformed.id + "/history?size=3&page=2").json();
        assertThat(overHttp.get("total").asInt()).isEqualTo(8);
        assertThat(overHttp.get("entries").get(0).get("description").asString()).isEqualTo("提出取消:无设定依据");
    }

    /** A decision the item could not take is in its history with the decision's document and why; nothing else. */
    @Test
    void aDelegationTheItemRefusedIsInItsHistoryWithTheDecisionAndWhy() {
        String county = events.jurisdiction("罗江区");
        String bureau = events.body(county, "罗江区粮食局");
        Decision devolution = decision("罗府发〔2015〕7号", "2015-07-01");
        Item item = events.published(bureau, county, content("粮食收购资格认定", ItemType.LICENCE, 20, 10),
                        decision("罗府发〔2013〕1号", "2013-07-01"))
                .cancelled("职能调整", decision("罗府发〔2018〕2号", "2018-12-31"));
        item.append(new PowerItemDelegationRefused(item.id, bureau, county, "d-refused", DelegationMode.DEVOLVE,
                "delegate-only-in-force", "事项当前状态为“已取消”,不能下放、赋权或委托", devolution), REFORM);
        events.awaitProjected(item);

        List<HistoryEntry> entries = history(item);
        assertThat(entries).extracting(HistoryEntry::description).containsExactly(
                "发布第1版,自2013-07-01起",
                "取消,自2018-12-31起不再列入清单:职能调整",
                "下放决定未能执行到本事项:事项当前状态为“已取消”,不能下放、赋权或委托");
        HistoryEntry refused = entries.get(2);
        assertThat(refused.event()).isEqualTo("PowerItemDelegationRefused");
        assertThat(refused.documentNumber()).isEqualTo("罗府发〔2015〕7号");
        assertThat(refused.effectiveDate()).isEqualTo(LocalDate.of(2015, 7, 1));
        assertThat(refused.details()).containsEntry("delegationId", "d-refused")
                .containsEntry("rule", "delegate-only-in-force");
        // The item stays as it was: cancelled, at its body.
        ItemSummary summary = queries.ask(new ItemQuery(item.id), ItemSummary.class);
        assertThat(summary.listStatus()).isEqualTo(ListStatus.CANCELLED);
        assertThat(summary.bodyId()).isEqualTo(bureau);
    }

    private List<HistoryEntry> history(Item item) {
        return queries.ask(new ItemHistoryQuery(item.id, 0, 200), ItemHistory.class).entries();
    }
}
