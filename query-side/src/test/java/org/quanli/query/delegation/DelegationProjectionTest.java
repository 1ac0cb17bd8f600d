package org.quanli.query.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.CaseMessages;
import org.quanli.kernel.cases.CaseMessages.CaseAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseNotAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.cases.IdentityDocument;
import org.quanli.kernel.cases.CaseType;
import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.kernel.delegation.CapacityGapKind;
import org.quanli.kernel.delegation.DelegationMessages;
import org.quanli.kernel.delegation.DelegationMessages.CapacityGapClosed;
import org.quanli.kernel.delegation.DelegationMessages.CapacityGapReported;
import org.quanli.kernel.delegation.DelegationMessages.DelegatedItem;
import org.quanli.kernel.delegation.DelegationMessages.DelegationDecided;
import org.quanli.kernel.delegation.DelegationMessages.DelegationRecalled;
import org.quanli.kernel.delegation.DelegationMessages.GuidanceRecorded;
import org.quanli.kernel.delegation.DelegationMessages.HandoverRecorded;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegated;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegationRefused;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemReceived;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRecalled;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRestored;
import org.quanli.kernel.delegation.DelegationMessages.ReceiptConfirmed;
import org.quanli.kernel.delegation.DelegationMessages.Receiver;
import org.quanli.kernel.delegation.DelegationMessages.TransitionArranged;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.delegation.DelegationQueries.DelegationStatistics;
import org.quanli.kernel.delegation.DelegationQueries.DelegationStatisticsQuery;
import org.quanli.kernel.delegation.DelegationQueries.Evidence;
import org.quanli.kernel.delegation.DelegationQueries.Finding;
import org.quanli.kernel.delegation.DelegationQueries.FindingItem;
import org.quanli.kernel.delegation.DelegationQueries.FindingKind;
import org.quanli.kernel.delegation.DelegationQueries.Findings;
import org.quanli.kernel.delegation.DelegationQueries.FindingsQuery;
import org.quanli.kernel.delegation.DelegationQueries.HolderPeriod;
import org.quanli.kernel.delegation.DelegationQueries.Holding;
import org.quanli.kernel.delegation.DelegationQueries.HoldingQuery;
import org.quanli.kernel.delegation.DelegationQueries.Lineage;
import org.quanli.kernel.delegation.DelegationQueries.LineageDelegation;
import org.quanli.kernel.delegation.DelegationQueries.LineageNode;
import org.quanli.kernel.delegation.DelegationQueries.LineageQuery;
import org.quanli.kernel.delegation.DelegationQueries.LineageReceiver;
import org.quanli.kernel.delegation.DelegationQueries.ReceivedItems;
import org.quanli.kernel.delegation.DelegationQueries.ReceivedItemsQuery;
import org.quanli.kernel.delegation.DelegationQueries.Refusal;
import org.quanli.kernel.delegation.GuidanceForm;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyMerged;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRenamed;
import org.quanli.kernel.places.PlacesMessages.JurisdictionRegistered;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.LegalBasisKind;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPassedToSuccessor;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
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

/**
 * Events in, rows out: delegations as people and auditors read them. Panjin (盘锦市) in Liaoning, after the notice
 * 盘政办发〔2017〕69号. Every test registers bodies of its own, so the tests sharing this database stay apart.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class DelegationProjectionTest {

    static final String LIAONING = "210000";
    static final String PANJIN = "211100";
    static final String SHUANGTAIZI = "211102";
    static final String XINGLONGTAI = "211103";
    static final String TOWNSHIP = "211103001";
    static final String VILLAGE = "211103001201";
    static final String DAWA = "211104";
    static final String TIELING = "211200";
    static final String YINZHOU = "211202";
    static final String QINGHE = "211204";
    static final Actor ADMIN = new Actor("admin", "系统管理员", Role.ADMINISTRATOR, null);
    static final Actor REFORM = new Actor("reform", "王强", Role.REFORM_OFFICE, "11211100MB0000001X");
    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    ProjectionStatuses statuses;
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

    private final Map<String, Long> sequences = new HashMap<>();

    record Body(String id, String jurisdictionCode, JurisdictionLevel level) {
        Receiver receiver() {
            return new Receiver(id, jurisdictionCode, level);
        }
    }

    record Item(String id, Body body, ItemContent content) {
    }

    /** What a delegation wrote: its id, the decision event, and the receivers' items and their events. */
    record Delegated(String id, String decidedEvent, Map<String, String> receivedItems,
                     Map<String, String> receivedEvents) {
        String item(Item source, Body receiver) {
            return receivedItems.get(source.id() + "|" + receiver.id());
        }
    }

    @BeforeEach
    void panjinIsRegistered() {
        if (jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?").param(PANJIN)
                .query(Long.class).single() > 0) {
            return;
        }
        jurisdiction(LIAONING, "辽宁省", JurisdictionLevel.PROVINCE, null);
        jurisdiction(PANJIN, "盘锦市", JurisdictionLevel.CITY, LIAONING);
        jurisdiction(SHUANGTAIZI, "双台子区", JurisdictionLevel.COUNTY, PANJIN);
        jurisdiction(XINGLONGTAI, "兴隆台区", JurisdictionLevel.COUNTY, PANJIN);
        jurisdiction(TOWNSHIP, "兴隆街道", JurisdictionLevel.TOWNSHIP, XINGLONGTAI);
        jurisdiction(VILLAGE, "兴盛社区", JurisdictionLevel.VILLAGE, TOWNSHIP);
        jurisdiction(DAWA, "大洼区", JurisdictionLevel.COUNTY, PANJIN);
        jurisdiction(TIELING, "铁岭市", JurisdictionLevel.CITY, LIAONING);
        jurisdiction(YINZHOU, "银州区", JurisdictionLevel.COUNTY, TIELING);
        jurisdiction(QINGHE, "清河区", JurisdictionLevel.COUNTY, TIELING);
    }

    // --- appending events as the command side would -------------------------------------------------------------

    private void acceptCase(String itemId, Body body, String acceptedOn) {
        String caseId = UUID.randomUUID().toString();
        append(caseId, new CaseAccepted(caseId, itemId, body.id(), day(acceptedOn), AcceptanceCapacity.DEVOLVED, null,
                null, 1, CaseType.PROMISED, 20, false, null));
    }

    /** A case of the body under the item, accepted in the capacity given: returns the acceptance event's id. */
    private String acceptCase(String itemId, Body body, String acceptedOn, AcceptanceCapacity capacity) {
        String caseId = submitCase(itemId, body, acceptedOn);
        return append(caseId, new CaseAccepted(caseId, itemId, body.id(), day(acceptedOn), capacity, null, null, 1,
                CaseType.PROMISED, 20, false, null));
    }

    /** A case the ledger or the officer refused to accept: returns the refusal event's id. */
    private String refuseCase(String itemId, Body body, String on, boolean byRule) {
        String caseId = submitCase(itemId, body, on);
        return append(caseId, new CaseNotAccepted(caseId, day(on), List.of("不属于本单位受理范围"),
                CaseMessages.RIGHTS_OF_REVIEW, byRule));
    }

    private String submitCase(String itemId, Body body, String on) {
        String caseId = UUID.randomUUID().toString();
        append(caseId, new CaseSubmitted(caseId, itemId, body.id(), Channel.WINDOW, new Applicant("李四",
                IdentityDocument.RESIDENT_ID_CARD, "211102198001011234", null), day(on), List.of("申请书"), 1,
                CaseType.PROMISED, null, null));
        return caseId;
    }

    private String append(String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        var message = new GenericDomainEventMessage<>("Test", aggregateId, sequence, payload, REFORM.toMetaData());
        transactions.executeWithoutResult(tx -> eventStore.publish(message));
        return message.getIdentifier();
    }

    private void jurisdiction(String code, String name, JurisdictionLevel level, String parent) {
        var message = new GenericDomainEventMessage<>("Test", code, 0,
                new JurisdictionRegistered(code, name, level, parent, false), ADMIN.toMetaData());
        transactions.executeWithoutResult(tx -> eventStore.publish(message));
    }

    private static String creditCode() {
        String first17 = "1221" + String.format("%013d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    private Body body(String name, String jurisdiction, JurisdictionLevel level) {
        Body body = new Body(creditCode(), jurisdiction, level);
        append(body.id(), new ImplementingBodyRegistered(body.id(), name, jurisdiction, level,
                BodyNature.STATUTORY_ORGAN, level != JurisdictionLevel.VILLAGE));
        // Answers name bodies from the places projection, a processor of its own: wait until it knows this one.
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from body_view where body_id = ?")
                .param(body.id()).query(Long.class).single() == 1);
        return body;
    }

    private Item published(Body body, String name, ItemType type, LocalDate effective) {
        Item item = new Item(UUID.randomUUID().toString(), body, new ItemContent(name, type,
                List.of(new LegalBasis(LegalBasisKind.LOCAL_REGULATION, "《辽宁省行政执法条例》", "第十条")), 20, 10));
        append(item.id(), new PowerItemPublished(item.id(), body.id(), body.jurisdictionCode(), 1, item.content(),
                new Decision("盘政发〔2013〕1号", effective), null));
        return item;
    }

    /** A delegation decided, recorded on its items and received by every receiver, as the process does it. */
    private Delegated delegate(DelegationMode mode, String government, List<Item> items, List<Body> receivers,
                               LocalDate transitionEnd, Decision decision) {
        return delegate(mode, government, items, List.of(), receivers, transitionEnd, decision);
    }

    /** As above; the items in {@code refusing} record that they refused it (dated before their last decision). */
    private Delegated delegate(DelegationMode mode, String government, List<Item> items, List<Item> refusing,
                               List<Body> receivers, LocalDate transitionEnd, Decision decision) {
        String delegationId = UUID.randomUUID().toString();
        List<Receiver> to = receivers.stream().map(Body::receiver).toList();
        String decided = append(delegationId, new DelegationDecided(delegationId, mode, government,
                items.stream().map(i -> new DelegatedItem(i.id(), i.body().id(), i.body().jurisdictionCode(),
                        i.content().type())).toList(), to, transitionEnd,
                mode == DelegationMode.ENTRUST ? decision.effectiveDate().plusYears(3) : null, decision));
        Map<String, String> receivedItems = new HashMap<>();
        Map<String, String> receivedEvents = new HashMap<>();
        for (Item item : items) {
            if (refusing.contains(item)) {
                append(item.id(), new PowerItemDelegationRefused(item.id(), item.body().id(),
                        item.body().jurisdictionCode(), delegationId, mode, "effective-date-order",
                        REFUSED_FOR_DATE, decision));
                continue;
            }
            append(item.id(), new PowerItemDelegated(item.id(), item.body().id(), item.body().jurisdictionCode(),
                    delegationId, mode, to, 1, item.content(), transitionEnd, decision));
            for (Body receiver : receivers) {
                String received = DelegationMessages.receivedItemId(delegationId, item.id(), receiver.id());
                boolean sameLevel = receiver.level() == item.body().level();
                receivedEvents.put(received, append(received, new PowerItemReceived(received, receiver.id(),
                        receiver.jurisdictionCode(), 1, item.content(), mode.powerSource(sameLevel), item.id(),
                        item.body().id(), delegationId, mode, decision)));
                receivedItems.put(item.id() + "|" + receiver.id(), received);
            }
        }
        return new Delegated(delegationId, decided, receivedItems, receivedEvents);
    }

    static final String REFUSED_FOR_DATE = "下放的生效日期不得早于该事项上一次决定的生效日期(2018-01-01)";

    private long position(String eventId) {
        return jdbc.sql("select global_index from domain_event_entry where event_identifier = ?").param(eventId)
                .query(Long.class).single();
    }

    private Evidence evidence(String event, String eventId) {
        return new Evidence(event, eventId, position(eventId));
    }

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    private static Decision decision(String document, String effective) {
        return new Decision(document, day(effective));
    }

    private List<Finding> findings(FindingKind kind, Body body, String asOf) {
        return queries.ask(new FindingsQuery(kind, null, body.id(), day(asOf), 0, 200), Findings.class).findings();
    }

    private Holding holding(Body body, String itemId, String date) {
        return queries.ask(new HoldingQuery(body.id(), itemId, day(date)), Holding.class);
    }

    // --- lineage ------------------------------------------------------------------------------------------------

    @Test
    void theLineageRunsFromTheCityDownTwoLevelsAndThroughABodyMergerNamingBodiesAsOnTheirDates() {
        Body cityBureau = body("盘锦市住房和城乡建设委员会", PANJIN, JurisdictionLevel.CITY);
        Body district = body("兴隆台区城乡建设局", XINGLONGTAI, JurisdictionLevel.COUNTY);
        append(district.id(), new ImplementingBodyRenamed(district.id(), "兴隆台区城乡建设局", "兴隆台区住房和城乡建设局",
                decision("兴编发〔2015〕1号", "2015-01-01")));
        Body successor = body("兴隆台区住房和城乡建设事务服务中心", XINGLONGTAI, JurisdictionLevel.COUNTY);
        Body street = body("兴隆街道办事处", TOWNSHIP, JurisdictionLevel.TOWNSHIP);
        Item item = published(cityBureau, "建设工程质量安全监督", ItemType.INSPECTION, day("2013-07-01"));
        Delegated down = delegate(DelegationMode.DEVOLVE, PANJIN, List.of(item), List.of(district), null,
                decision("盘政发〔2015〕12号", "2015-06-01"));
        append(down.id(), new ReceiptConfirmed(down.id(), district.id(), day("2015-07-01")));
        String districtItem = down.item(item, district);
        Item received = new Item(districtItem, district, item.content());
        Delegated further = delegate(DelegationMode.GRANT, XINGLONGTAI, List.of(received), List.of(street), null,
                decision("兴政发〔2016〕3号", "2016-03-01"));
        String streetItem = further.item(received, street);
        Decision merger = decision("兴委发〔2019〕2号", "2019-03-01");
        append(district.id(), new ImplementingBodyMerged(district.id(), successor.id(), XINGLONGTAI, merger));
        append(districtItem, new PowerItemPassedToSuccessor(districtItem, district.id(), successor.id(), XINGLONGTAI,
                merger));
        append(cityBureau.id(), new ImplementingBodyRenamed(cityBureau.id(), "盘锦市住房和城乡建设委员会",
                "盘锦市住房和城乡建设局", decision("盘委发〔2019〕5号", "2019-01-10")));

        // Until every segment has caught up, the lists read below may still be empty: retry those reads too.
        await().atMost(WAIT).ignoreExceptionsMatching(e -> e instanceof NotFound
                || e instanceof IndexOutOfBoundsException).untilAsserted(() -> {
            CaughtUp.everyStreamingProjection(statuses);
            Lineage lineage = queries.ask(new LineageQuery(streetItem), Lineage.class);
            assertThat(lineage.root().delegations().get(0).receivers().get(0).item().holders()).hasSize(2);
            // The places projection has seen both renames: named as on the dates, not as today.
            assertThat(lineage.root().delegations().get(0).receivers().get(0).body().name())
                    .isEqualTo("兴隆台区住房和城乡建设局");
            assertThat(lineage.root().holders().get(0).body().name()).isEqualTo("盘锦市住房和城乡建设委员会");
            assertThat(lineage.root().delegations().get(0).receivers().get(0).confirmedOn()).isNotNull();
        });
        Lineage lineage = queries.ask(new LineageQuery(streetItem), Lineage.class);
        assertThat(lineage.path()).containsExactly(item.id(), districtItem, streetItem);
        assertThat(lineage.rootItemId()).isEqualTo(item.id());

        LineageNode city = lineage.root();
        assertThat(city.powerSourceLabel()).isEqualTo("本级法定");
        assertThat(city.holders()).extracting(HolderPeriod::from, HolderPeriod::to, HolderPeriod::endedBy)
                .containsExactly(tuple(day("2013-07-01"), day("2015-06-01"), "DEVOLVED"));
        // Renamed in 2019: the holder of 2013 is named as it was then.
        assertThat(city.holders().get(0).body().name()).isEqualTo("盘锦市住房和城乡建设委员会");
        LineageDelegation devolution = city.delegations().get(0);
        assertThat(devolution.mode()).isEqualTo(DelegationMode.DEVOLVE);
        assertThat(devolution.documentNumber()).isEqualTo("盘政发〔2015〕12号");
        LineageReceiver districtReceiver = devolution.receivers().get(0);
        assertThat(districtReceiver.body().name()).isEqualTo("兴隆台区住房和城乡建设局");
        assertThat(districtReceiver.confirmedOn()).isEqualTo(day("2015-07-01"));

        LineageNode districtNode = districtReceiver.item();
        assertThat(districtNode.itemId()).isEqualTo(districtItem);
        assertThat(districtNode.powerSourceLabel()).isEqualTo("上级下放");
        assertThat(districtNode.holders()).extracting(h -> h.body().bodyId(), HolderPeriod::from, HolderPeriod::to,
                        HolderPeriod::openedBy, HolderPeriod::endedBy)
                .containsExactly(
                        tuple(district.id(), day("2015-06-01"), day("2019-03-01"),
                                "RECEIVED", "PASSED_TO_SUCCESSOR"),
                        tuple(successor.id(), day("2019-03-01"), null,
                                "PASSED_TO_SUCCESSOR", null));
        assertThat(districtNode.holders().get(1).openDocument()).isEqualTo("兴委发〔2019〕2号");

        LineageDelegation grant = districtNode.delegations().get(0);
        assertThat(grant.mode()).isEqualTo(DelegationMode.GRANT);
        assertThat(grant.decidingJurisdictionCode()).isEqualTo(XINGLONGTAI);
        LineageNode streetNode = grant.receivers().get(0).item();
        assertThat(streetNode.itemId()).isEqualTo(streetItem);
        assertThat(streetNode.powerSourceCode()).isEqualTo(PowerSource.AUTHORISED_FROM_ABOVE.code());
        assertThat(streetNode.holders().get(0).body().name()).isEqualTo("兴隆街道办事处");
        assertThat(streetNode.delegations()).isEmpty();
        // Asked about the root, the same tree.
        assertThat(queries.ask(new LineageQuery(item.id()), Lineage.class).path()).containsExactly(item.id());
        // The successor holds the district's devolved item in the capacity it was received in.
        Holding now = holding(successor, districtItem, "2019-03-01");
        assertThat(now.capacity()).isEqualTo(AcceptanceCapacity.DEVOLVED);
        assertThat(now.decision().delegationId()).isEqualTo(down.id());
        assertThat(holding(district, districtItem, "2019-03-01").mayAccept()).isFalse();
    }

    // --- received items -----------------------------------------------------------------------------------------

    @Test
    void receivedItemsCountTheDistinctUpperDepartmentsAndShowTheOpenGaps() {
        Body construction = body("盘锦市住房和城乡建设委员会", PANJIN, JurisdictionLevel.CITY);
        Body airDefence = body("盘锦市人民防空办公室", PANJIN, JurisdictionLevel.CITY);
        Body weather = body("盘锦市气象局", PANJIN, JurisdictionLevel.CITY);
        Body receiver = body("双台子区住房和城乡建设局", SHUANGTAIZI, JurisdictionLevel.COUNTY);
        Body lead = body("双台子区人民政府", SHUANGTAIZI, JurisdictionLevel.COUNTY);
        Item quality = published(construction, "建设工程质量监督", ItemType.INSPECTION, day("2013-01-01"));
        Item heating = published(construction, "供热特许经营企业资格审核", ItemType.LICENCE, day("2013-01-01"));
        Item alarm = published(airDefence, "拆迁人民防空警报设施的许可", ItemType.LICENCE, day("2013-01-01"));
        Item lightning = published(weather, "防雷装置设计审核", ItemType.LICENCE, day("2013-01-01"));
        Delegated first = delegate(DelegationMode.DEVOLVE, PANJIN, List.of(quality, heating, alarm), List.of(receiver),
                null, decision("盘政发〔2016〕37号", "2016-07-01"));
        delegate(DelegationMode.GRANT, PANJIN, List.of(lightning), List.of(receiver), null,
                decision("盘政发〔2016〕40号", "2016-09-01"));
        append(first.id(), new ReceiptConfirmed(first.id(), receiver.id(), day("2016-08-01")));
        String open = UUID.randomUUID().toString();
        String closed = UUID.randomUUID().toString();
        append(first.id(), new CapacityGapReported(first.id(), open, receiver.id(), CapacityGapKind.STAFF,
                "缺乏专业技术人员", "公开招聘专业技术人员", lead.id(), day("2017-06-30")));
        append(first.id(), new CapacityGapReported(first.id(), closed, receiver.id(), CapacityGapKind.SYSTEM_ACCESS,
                "无省住建厅审批专网密码锁", "协调省住建厅配备", construction.id(), day("2017-06-30")));
        append(first.id(), new CapacityGapClosed(first.id(), closed, receiver.id(), day("2017-03-01"), "已配备"));

        await().atMost(WAIT).ignoreException(NotFound.class).untilAsserted(() -> {
            ReceivedItems items = queries.ask(new ReceivedItemsQuery(receiver.id(), day("2017-07-01"), 0, 50),
                    ReceivedItems.class);
            assertThat(items.total()).isEqualTo(4);
            assertThat(items.openGapCount()).isEqualTo(1);
        });
        ReceivedItems items = queries.ask(new ReceivedItemsQuery(receiver.id(), day("2017-07-01"), 0, 50),
                ReceivedItems.class);
        assertThat(items.body().name()).isEqualTo("双台子区住房和城乡建设局");
        assertThat(items.departmentCount()).isEqualTo(3);
        assertThat(items.departments()).extracting(d -> d.body().bodyId(), d -> d.items())
                .containsExactlyInAnyOrder(tuple(construction.id(), 2L),
                        tuple(airDefence.id(), 1L),
                        tuple(weather.id(), 1L));
        assertThat(items.departments().get(0).body().name()).isEqualTo("盘锦市住房和城乡建设委员会");
        var alarmItem = items.items().stream().filter(i -> i.sourceItemId().equals(alarm.id())).findFirst().orElseThrow();
        assertThat(alarmItem.itemId()).isEqualTo(first.item(alarm, receiver));
        assertThat(alarmItem.mode()).isEqualTo(DelegationMode.DEVOLVE);
        assertThat(alarmItem.powerSourceLabel()).isEqualTo("上级下放");
        assertThat(alarmItem.sourceBody().name()).isEqualTo("盘锦市人民防空办公室");
        assertThat(alarmItem.effectiveDate()).isEqualTo(day("2016-07-01"));
        assertThat(alarmItem.documentNumber()).isEqualTo("盘政发〔2016〕37号");
        assertThat(alarmItem.confirmedOn()).isEqualTo(day("2016-08-01"));
        var lightningItem = items.items().stream().filter(i -> i.sourceItemId().equals(lightning.id())).findFirst()
                .orElseThrow();
        assertThat(lightningItem.mode()).isEqualTo(DelegationMode.GRANT);
        assertThat(lightningItem.confirmedOn()).isNull();
        assertThat(items.openGaps()).singleElement().satisfies(gap -> {
            assertThat(gap.gapId()).isEqualTo(open);
            assertThat(gap.kindLabel()).isEqualTo("无专业人员");
            assertThat(gap.leadBody().name()).isEqualTo("双台子区人民政府");
            assertThat(gap.overdue()).isTrue();
        });
        assertThat(items.definitions()).containsKey("departmentCount");

        // Before the second decision: two departments; before the closure: both gaps open, neither overdue.
        ReceivedItems earlier = queries.ask(new ReceivedItemsQuery(receiver.id(), day("2016-08-15"), 0, 50),
                ReceivedItems.class);
        assertThat(earlier.total()).isEqualTo(3);
        assertThat(earlier.departmentCount()).isEqualTo(2);
        assertThat(earlier.openGaps()).hasSize(2).noneMatch(g -> g.overdue());
        assertThat(queries.ask(new ReceivedItemsQuery(receiver.id(), day("2016-06-30"), 0, 50), ReceivedItems.class)
                .total()).isZero();
        ReceivedItems secondPage = queries.ask(new ReceivedItemsQuery(receiver.id(), day("2017-07-01"), 1, 3),
                ReceivedItems.class);
        assertThat(secondPage.items()).hasSize(1);
        assertThat(secondPage.total()).isEqualTo(4);
    }

    // --- holdings -------------------------------------------------------------------------------------------------

    @Test
    void holdingsAnswerAsTheCommandSideCheckBeforeDuringTheTransitionAfterTheHandoverAndAfterARecall() {
        Body city = body("盘锦市人民防空办公室", PANJIN, JurisdictionLevel.CITY);
        Body district = body("兴隆台区住房和城乡建设局", XINGLONGTAI, JurisdictionLevel.COUNTY);
        Item item = published(city, "人防工程竣工验收备案", ItemType.CONFIRMATION, day("2013-07-01"));
        Decision devolution = decision("盘政发〔2015〕12号", "2015-06-01");
        Delegated down = delegate(DelegationMode.DEVOLVE, PANJIN, List.of(item), List.of(district), day("2015-12-31"),
                devolution);
        String received = down.item(item, district);
        append(down.id(), new HandoverRecorded(down.id(), district.id(), day("2015-10-01")));
        Decision recall = decision("盘政发〔2018〕3号", "2018-01-01");
        append(down.id(), new DelegationRecalled(down.id(), DelegationMode.DEVOLVE, List.of(new DelegatedItem(item.id(),
                city.id(), PANJIN, item.content().type())), List.of(district.receiver()), recall));
        append(received, new PowerItemRecalled(received, district.id(), XINGLONGTAI, down.id(), recall));
        append(item.id(), new PowerItemRestored(item.id(), city.id(), PANJIN, down.id(), recall));

        await().atMost(WAIT).ignoreException(NotFound.class).untilAsserted(() ->
{
            assertThat(holding(city, item.id(), "2018-01-01").capacity()).isEqualTo(AcceptanceCapacity.OWN);
            assertThat(holding(district, received, "2018-01-01").mayAccept()).isFalse();
            assertThat(holding(city, item.id(), "2015-10-01").mayAccept()).isFalse();
            assertThat(holding(city, item.id(), "2017-12-31").mayAccept()).isFalse();
            // The transition comes from the delegation processor, the holding from the lists': wait for both.
            assertThat(holding(city, item.id(), "2015-06-01").capacity()).isEqualTo(AcceptanceCapacity.ON_BEHALF);
        });
        Holding before = holding(city, item.id(), "2015-05-31");
        assertThat(before.capacity()).isEqualTo(AcceptanceCapacity.OWN);
        assertThat(before.decision().documentNumber()).isEqualTo("盘政发〔2013〕1号");
        Holding during = holding(city, item.id(), "2015-06-01");
        assertThat(during.capacity()).isEqualTo(AcceptanceCapacity.ON_BEHALF);
        assertThat(during.onBehalfOf().bodyId()).isEqualTo(district.id());
        assertThat(during.onBehalfOf().name()).isEqualTo("兴隆台区住房和城乡建设局");
        assertThat(during.actingUntil()).isEqualTo(day("2015-09-30"));
        assertThat(during.decision().delegationId()).isEqualTo(down.id());
        assertThat(during.holder()).isNull();
        assertThat(holding(city, item.id(), "2015-09-30").capacity()).isEqualTo(AcceptanceCapacity.ON_BEHALF);
        Holding afterHandover = holding(city, item.id(), "2015-10-01");
        assertThat(afterHandover.mayAccept()).isFalse();
        assertThat(afterHandover.capacity()).isNull();
        assertThat(holding(city, item.id(), "2017-12-31").mayAccept()).isFalse();

        Holding receiver = holding(district, received, "2015-06-01");
        assertThat(receiver.capacity()).isEqualTo(AcceptanceCapacity.DEVOLVED);
        assertThat(receiver.decision().documentNumber()).isEqualTo("盘政发〔2015〕12号");
        assertThat(holding(district, received, "2015-05-31").mayAccept()).isFalse();
        assertThat(holding(district, item.id(), "2015-06-01").mayAccept()).isFalse();
        assertThat(holding(district, received, "2017-12-31").capacity()).isEqualTo(AcceptanceCapacity.DEVOLVED);
        assertThat(holding(district, received, "2018-01-01").mayAccept()).isFalse();
        Holding restored = holding(city, item.id(), "2018-01-01");
        assertThat(restored.capacity()).isEqualTo(AcceptanceCapacity.OWN);
        assertThat(restored.decision().documentNumber()).isEqualTo("盘政发〔2018〕3号");
    }

    // --- statistics ---------------------------------------------------------------------------------------------

    @Test
    void statisticsCountAHandComputedSetOfDecisions() {
        Body a = body("铁岭市住房和城乡建设局", TIELING, JurisdictionLevel.CITY);
        Body b = body("铁岭市农业农村局", TIELING, JurisdictionLevel.CITY);
        Body r1 = body("银州区住房和城乡建设局", YINZHOU, JurisdictionLevel.COUNTY);
        Body r2 = body("清河区住房和城乡建设局", QINGHE, JurisdictionLevel.COUNTY);
        Item i1 = published(a, "建筑工程施工许可", ItemType.LICENCE, day("2013-01-01"));
        Item i2 = published(a, "商品房预售许可", ItemType.LICENCE, day("2013-01-01"));
        Item i3 = published(b, "农药经营许可", ItemType.LICENCE, day("2013-01-01"));
        Item i4 = published(b, "种子生产经营许可", ItemType.LICENCE, day("2013-01-01"));
        // 2016: a devolution of two items to two receivers, a grant of one item to one of them.
        Delegated devolve = delegate(DelegationMode.DEVOLVE, TIELING, List.of(i1, i2), List.of(r1, r2), null,
                decision("铁政发〔2016〕1号", "2016-01-01"));
        Delegated grant = delegate(DelegationMode.GRANT, TIELING, List.of(i3), List.of(r1), null,
                decision("铁政发〔2016〕9号", "2016-05-01"));
        // 2015 and 2017: outside the first period.
        delegate(DelegationMode.ENTRUST, TIELING, List.of(i4), List.of(r2), null, decision("铁政发〔2015〕30号", "2015-12-31"));
        append(devolve.id(), new ReceiptConfirmed(devolve.id(), r1.id(), day("2016-02-01")));
        append(devolve.id(), new ReceiptConfirmed(devolve.id(), r2.id(), day("2017-02-01")));
        String overdue = UUID.randomUUID().toString();
        String closedGap = UUID.randomUUID().toString();
        append(devolve.id(), new CapacityGapReported(devolve.id(), overdue, r2.id(), CapacityGapKind.FUNDING, "经费不足",
                "财随事转", a.id(), day("2016-06-30")));
        append(devolve.id(), new CapacityGapReported(devolve.id(), closedGap, r1.id(), CapacityGapKind.STAFF, "缺人",
                "招聘", a.id(), day("2016-06-30")));
        append(devolve.id(), new CapacityGapClosed(devolve.id(), closedGap, r1.id(), day("2016-05-01"), "已招聘"));
        append(grant.id(), new DelegationRecalled(grant.id(), DelegationMode.GRANT, List.of(), List.of(),
                decision("铁政发〔2017〕2号", "2017-01-01")));

        await().atMost(WAIT).ignoreException(NotFound.class).untilAsserted(() -> {
            CaughtUp.everyStreamingProjection(statuses);
            DelegationStatistics all = queries.ask(new DelegationStatisticsQuery(TIELING, day("2015-01-01"),
                    day("2017-12-31")), DelegationStatistics.class);
            assertThat(all.recalls()).isEqualTo(1);
            assertThat(all.receiptsConfirmed()).isEqualTo(2);
            assertThat(all.gapsClosed()).isEqualTo(1);
        });
        DelegationStatistics year = queries.ask(new DelegationStatisticsQuery(TIELING, day("2016-01-01"),
                day("2016-12-31")), DelegationStatistics.class);
        assertThat(year.referenceDate()).isEqualTo(day("2016-12-31"));
        assertThat(year.decisions()).isEqualTo(2);
        assertThat(year.itemsDevolved()).isEqualTo(2);
        assertThat(year.itemsGranted()).isEqualTo(1);
        assertThat(year.itemsEntrusted()).isZero();
        assertThat(year.receivers()).isEqualTo(2);
        assertThat(year.receipts()).isEqualTo(3);
        assertThat(year.receiptsConfirmed()).isEqualTo(1);          // r2 confirmed only in 2017
        assertThat(year.gapsReported()).isEqualTo(2);
        assertThat(year.gapsClosed()).isEqualTo(1);
        assertThat(year.gapsOpenPastDeadline()).isEqualTo(1);
        assertThat(year.recalls()).isZero();                        // recalled in 2017
        assertThat(year.definitions()).containsKeys("decisions", "itemsDevolved", "gapsOpenPastDeadline", "recalls");

        DelegationStatistics all = queries.ask(new DelegationStatisticsQuery(TIELING, day("2015-01-01"),
                day("2017-12-31")), DelegationStatistics.class);
        assertThat(all.decisions()).isEqualTo(3);
        assertThat(all.itemsEntrusted()).isEqualTo(1);
        assertThat(all.receivers()).isEqualTo(2);
        assertThat(all.receipts()).isEqualTo(4);
        assertThat(all.receiptsConfirmed()).isEqualTo(2);
        assertThat(all.recalls()).isEqualTo(1);
        DelegationStatistics early = queries.ask(new DelegationStatisticsQuery(TIELING, day("2016-01-01"),
                day("2016-06-30")), DelegationStatistics.class);
        assertThat(early.gapsOpenPastDeadline()).isZero();          // the deadline is not past on its own day
    }

    // --- findings -----------------------------------------------------------------------------------------------

    @Test
    void aPowerVacuumLastsUntilConfirmationAndStartsWhereATransitionEnds() {
        Body airDefence = body("盘锦市人民防空办公室", PANJIN, JurisdictionLevel.CITY);
        Body construction = body("盘锦市住房和城乡建设委员会", PANJIN, JurisdictionLevel.CITY);
        Body unconfirmed = body("兴隆台区住房和城乡建设局", XINGLONGTAI, JurisdictionLevel.COUNTY);
        Body lateConfirmed = body("双台子区住房和城乡建设局", SHUANGTAIZI, JurisdictionLevel.COUNTY);
        Body confirmedAtOnce = body("兴隆街道办事处", TOWNSHIP, JurisdictionLevel.TOWNSHIP);
        Item alarm = published(airDefence, "拆迁人民防空警报设施的许可", ItemType.LICENCE, day("2013-01-01"));
        Item quality = published(construction, "建设工程质量监督", ItemType.INSPECTION, day("2013-01-01"));
        Delegated d = delegate(DelegationMode.DEVOLVE, PANJIN, List.of(alarm, quality),
                List.of(unconfirmed, lateConfirmed, confirmedAtOnce), null, decision("盘政发〔2017〕1号", "2017-01-01"));
        // The air-defence office acts for Xinglongtai until the handover; nobody acts for it on the other item.
        String arranged = append(d.id(), new TransitionArranged(d.id(), airDefence.id(), unconfirmed.id(),
                day("2017-06-30")));
        String handover = append(d.id(), new HandoverRecorded(d.id(), unconfirmed.id(), day("2017-03-01")));
        String confirmed = append(d.id(), new ReceiptConfirmed(d.id(), lateConfirmed.id(), day("2017-02-01")));
        append(d.id(), new ReceiptConfirmed(d.id(), confirmedAtOnce.id(), day("2017-01-01")));

        await().atMost(WAIT).ignoreException(NotFound.class).untilAsserted(() ->
{
            assertThat(findings(FindingKind.POWER_VACUUM, unconfirmed, "2017-04-01")).hasSize(2);
            assertThat(findings(FindingKind.POWER_VACUUM, lateConfirmed, "2017-04-01").get(0).to()).isNotNull();
            assertThat(findings(FindingKind.POWER_VACUUM, confirmedAtOnce, "2017-04-01")).isEmpty();
            // Names come from the list and places projections, which may still be behind the findings.
            assertThat(findings(FindingKind.POWER_VACUUM, unconfirmed, "2017-04-01").get(0).items())
                    .extracting(FindingItem::name).doesNotContainNull();
        });
        List<Finding> xinglongtai = findings(FindingKind.POWER_VACUUM, unconfirmed, "2017-04-01");
        Finding uncovered = xinglongtai.get(0);
        assertThat(uncovered.from()).isEqualTo(day("2017-01-01"));
        assertThat(uncovered.to()).isNull();
        assertThat(uncovered.items()).extracting(FindingItem::itemId).containsExactly(quality.id());
        assertThat(uncovered.items().get(0).name()).isEqualTo("建设工程质量监督");
        assertThat(uncovered.delegationId()).isEqualTo(d.id());
        assertThat(uncovered.bodies()).anySatisfy(b -> {
            assertThat(b.role()).isEqualTo("RECEIVER");
            assertThat(b.bodyId()).isEqualTo(unconfirmed.id());
            assertThat(b.name()).isEqualTo("兴隆台区住房和城乡建设局");
            assertThat(b.jurisdictionCode()).isEqualTo(XINGLONGTAI);
        });
        assertThat(uncovered.evidence()).containsExactly(evidence("DelegationDecided", d.decidedEvent()));
        // The transition covered the other item until the handover: the vacuum starts on the handover day.
        Finding afterHandover = xinglongtai.get(1);
        assertThat(afterHandover.from()).isEqualTo(day("2017-03-01"));
        assertThat(afterHandover.items()).extracting(FindingItem::itemId).containsExactly(alarm.id());
        assertThat(afterHandover.evidence()).containsExactly(evidence("DelegationDecided", d.decidedEvent()),
                evidence("TransitionArranged", arranged), evidence("HandoverRecorded", handover));
        assertThat(findings(FindingKind.POWER_VACUUM, unconfirmed, "2017-02-28")).extracting(f -> f.items().size())
                .containsExactly(1);

        // Both items, from the effective date until the confirmation: one finding.
        Finding late = findings(FindingKind.POWER_VACUUM, lateConfirmed, "2017-04-01").get(0);
        assertThat(late.from()).isEqualTo(day("2017-01-01"));
        assertThat(late.to()).isEqualTo(day("2017-02-01"));
        assertThat(late.items()).extracting(FindingItem::itemId).containsExactlyInAnyOrder(alarm.id(), quality.id());
        assertThat(late.evidence()).containsExactly(evidence("DelegationDecided", d.decidedEvent()),
                evidence("ReceiptConfirmed", confirmed));
        // Seen before the confirmation date, it is still open.
        assertThat(findings(FindingKind.POWER_VACUUM, lateConfirmed, "2017-01-15").get(0).to()).isNull();
        assertThat(findings(FindingKind.POWER_VACUUM, confirmedAtOnce, "2017-04-01")).isEmpty();
        assertThat(findings(FindingKind.POWER_VACUUM, unconfirmed, "2016-12-31")).isEmpty();
    }

    @Test
    void noGuidanceIsFoundPerDevolvingBodyOnlyOnceItsDaysHavePassed() {
        Body guiding = body("盘锦市人民防空办公室", PANJIN, JurisdictionLevel.CITY);
        Body silent = body("盘锦市住房和城乡建设委员会", PANJIN, JurisdictionLevel.CITY);
        Body receiver = body("兴隆台区住房和城乡建设局", XINGLONGTAI, JurisdictionLevel.COUNTY);
        Item alarm = published(guiding, "拆迁人民防空警报设施的许可", ItemType.LICENCE, day("2013-01-01"));
        Item heating = published(silent, "供热特许经营企业资格审核", ItemType.LICENCE, day("2013-01-01"));
        Delegated d = delegate(DelegationMode.GRANT, PANJIN, List.of(alarm, heating), List.of(receiver), null,
                decision("盘政发〔2016〕37号", "2016-07-01"));
        append(d.id(), new GuidanceRecorded(d.id(), guiding.id(), day("2016-07-31"), GuidanceForm.TRAINING, "业务培训"));
        String late = append(d.id(), new GuidanceRecorded(d.id(), silent.id(), day("2016-09-15"),
                GuidanceForm.SECONDMENT, "选派人员挂职"));

        await().atMost(WAIT).ignoreException(NotFound.class).untilAsserted(() ->
                assertThat(findings(FindingKind.NO_GUIDANCE, receiver, "2016-10-01")).singleElement()
                        .satisfies(f -> assertThat(f.to()).isNotNull()));
        Finding finding = findings(FindingKind.NO_GUIDANCE, receiver, "2016-10-01").get(0);
        assertThat(finding.bodies()).extracting(b -> b.role() + ":" + b.bodyId())
                .containsExactly("DEVOLVING:" + silent.id(), "RECEIVER:" + receiver.id());
        assertThat(finding.items()).extracting(FindingItem::itemId).containsExactly(heating.id());
        // The first day it holds: the day after the last day guidance was due.
        assertThat(finding.from()).isEqualTo(day("2016-08-01"));
        assertThat(finding.to()).isEqualTo(day("2016-09-15"));
        assertThat(finding.details()).containsEntry("guidanceDue", "2016-07-31").containsEntry("guidanceDays", 30);
        assertThat(finding.evidence()).containsExactly(evidence("DelegationDecided", d.decidedEvent()),
                evidence("GuidanceRecorded", late));
        // Before the late guidance it is open; on the 30th day nothing is due yet.
        assertThat(findings(FindingKind.NO_GUIDANCE, receiver, "2016-09-01").get(0).to()).isNull();
        assertThat(findings(FindingKind.NO_GUIDANCE, receiver, "2016-07-31")).isEmpty();
        assertThat(findings(FindingKind.NO_GUIDANCE, guiding, "2016-10-01")).isEmpty();
    }

    @Test
    void aGapIsOverdueOnlyPastItsDeadlineAndWhileItIsOpen() {
        Body city = body("盘锦市住房和城乡建设委员会", PANJIN, JurisdictionLevel.CITY);
        Body receiver = body("兴隆台区住房和城乡建设局", XINGLONGTAI, JurisdictionLevel.COUNTY);
        Body lead = body("兴隆台区人民政府", XINGLONGTAI, JurisdictionLevel.COUNTY);
        Item item = published(city, "建设工程质量监督", ItemType.INSPECTION, day("2013-01-01"));
        Delegated d = delegate(DelegationMode.DEVOLVE, PANJIN, List.of(item), List.of(receiver), null,
                decision("盘政发〔2017〕1号", "2017-01-01"));
        String open = UUID.randomUUID().toString();
        String closedLate = UUID.randomUUID().toString();
        String closedInTime = UUID.randomUUID().toString();
        String reported = append(d.id(), new CapacityGapReported(d.id(), open, receiver.id(), CapacityGapKind.STAFF,
                "缺乏专业技术人员", "内部调剂编制或公开招聘", lead.id(), day("2017-06-30")));
        append(d.id(), new CapacityGapReported(d.id(), closedLate, receiver.id(), CapacityGapKind.QUALIFICATION,
                "未取得监督机构资质", "申报资质", city.id(), day("2017-03-31")));
        append(d.id(), new CapacityGapReported(d.id(), closedInTime, receiver.id(), CapacityGapKind.LEGAL_ENTITY,
                "无独立法人", "设立事业单位", lead.id(), day("2017-03-31")));
        append(d.id(), new CapacityGapClosed(d.id(), closedLate, receiver.id(), day("2017-05-01"), "已取得资质"));
        append(d.id(), new CapacityGapClosed(d.id(), closedInTime, receiver.id(), day("2017-03-20"), "已设立"));

        await().atMost(WAIT).ignoreException(NotFound.class).untilAsserted(() ->
{
            assertThat(findings(FindingKind.GAP_OVERDUE, receiver, "2017-07-01")).hasSize(1);
            assertThat(findings(FindingKind.GAP_OVERDUE, receiver, "2017-04-15")).hasSize(1);
            assertThat(findings(FindingKind.GAP_OVERDUE, receiver, "2017-05-01")).isEmpty();
        });
        Finding overdue = findings(FindingKind.GAP_OVERDUE, receiver, "2017-07-01").get(0);
        assertThat(overdue.from()).isEqualTo(day("2017-07-01"));
        assertThat(overdue.to()).isNull();
        assertThat(overdue.details()).containsEntry("gapId", open).containsEntry("gapKind", "STAFF")
                .containsEntry("gapKindLabel", "无专业人员").containsEntry("measure", "内部调剂编制或公开招聘")
                .containsEntry("deadline", "2017-06-30");
        assertThat(overdue.bodies()).extracting(b -> b.role() + ":" + b.name())
                .containsExactly("RECEIVER:兴隆台区住房和城乡建设局", "LEAD:兴隆台区人民政府");
        assertThat(overdue.evidence()).containsExactly(evidence("CapacityGapReported", reported));
        assertThat(findings(FindingKind.GAP_OVERDUE, receiver, "2017-06-30")).isEmpty();
        // Closed after its deadline: overdue until closed, not after.
        assertThat(findings(FindingKind.GAP_OVERDUE, receiver, "2017-04-15"))
                .extracting(f -> f.details().get("gapId")).containsExactly(closedLate);
        assertThat(findings(FindingKind.GAP_OVERDUE, receiver, "2017-05-01")).isEmpty();
    }

    @Test
    void concentrationNeedsKDistinctDepartmentsOnTheReferenceDate() {
        Body construction = body("盘锦市住房和城乡建设委员会", PANJIN, JurisdictionLevel.CITY);
        Body airDefence = body("盘锦市人民防空办公室", PANJIN, JurisdictionLevel.CITY);
        Body weather = body("盘锦市气象局", PANJIN, JurisdictionLevel.CITY);
        Body earthquake = body("盘锦市地震局", PANJIN, JurisdictionLevel.CITY);
        Body many = body("兴隆台区住房和城乡建设局", XINGLONGTAI, JurisdictionLevel.COUNTY);
        Body few = body("双台子区住房和城乡建设局", SHUANGTAIZI, JurisdictionLevel.COUNTY);
        Item i1 = published(construction, "建设工程质量监督", ItemType.INSPECTION, day("2013-01-01"));
        Item i2 = published(construction, "供热特许经营企业资格审核", ItemType.LICENCE, day("2013-01-01"));
        Item i3 = published(airDefence, "拆迁人民防空警报设施的许可", ItemType.LICENCE, day("2013-01-01"));
        Item i4 = published(weather, "防雷装置设计审核", ItemType.LICENCE, day("2013-01-01"));
        Item i5 = published(earthquake, "建设工程抗震设防要求确定", ItemType.CONFIRMATION, day("2013-01-01"));
        Delegated first = delegate(DelegationMode.GRANT, PANJIN, List.of(i1, i2, i3), List.of(many, few), null,
                decision("盘政发〔2016〕37号", "2016-07-01"));
        Delegated second = delegate(DelegationMode.GRANT, PANJIN, List.of(i4, i5), List.of(many), null,
                decision("盘政发〔2017〕8号", "2017-05-01"));

        await().atMost(WAIT).ignoreException(NotFound.class).untilAsserted(() ->
                assertThat(findings(FindingKind.CONCENTRATION, many, "2017-05-01")).singleElement()
                        .satisfies(f -> assertThat(f.items()).hasSize(5)));
        Finding finding = findings(FindingKind.CONCENTRATION, many, "2017-05-01").get(0);
        // The third department's item arrived on 2017-05-01; four departments by then.
        assertThat(finding.from()).isEqualTo(day("2017-05-01"));
        assertThat(finding.details()).containsEntry("departments", 4).containsEntry("threshold", 3);
        assertThat(finding.bodies().get(0).bodyId()).isEqualTo(many.id());
        assertThat(finding.bodies()).extracting(b -> b.role() + ":" + b.bodyId()).containsExactlyInAnyOrder(
                "RECEIVER:" + many.id(), "DEPARTMENT:" + construction.id(), "DEPARTMENT:" + airDefence.id(),
                "DEPARTMENT:" + earthquake.id(), "DEPARTMENT:" + weather.id());
        assertThat(finding.items()).hasSize(5);
        List<Evidence> expected = new ArrayList<>();
        for (Item source : List.of(i1, i2, i3)) {
            String received = first.item(source, many);
            expected.add(evidence("PowerItemReceived", first.receivedEvents().get(received)));
        }
        for (Item source : List.of(i4, i5)) {
            String received = second.item(source, many);
            expected.add(evidence("PowerItemReceived", second.receivedEvents().get(received)));
        }
        assertThat(finding.evidence()).containsExactlyElementsOf(expected);
        assertThat(findings(FindingKind.CONCENTRATION, many, "2017-04-30")).isEmpty();
        assertThat(findings(FindingKind.CONCENTRATION, few, "2017-05-01")).isEmpty();
    }

    @Test
    void villageListsHoldingForbiddenCategoriesAreFoundWhileTheVersionIsForbidden() {
        Body committee = body("兴盛社区居民委员会", VILLAGE, JurisdictionLevel.VILLAGE);
        Body street = body("兴隆街道办事处", TOWNSHIP, JurisdictionLevel.TOWNSHIP);
        Item approval = published(committee, "临时占用道路审批", ItemType.LICENCE, day("2015-01-01"));
        published(committee, "低保申请受理", ItemType.PUBLIC_SERVICE, day("2015-01-01"));
        published(street, "临时占用道路审批", ItemType.LICENCE, day("2015-01-01"));
        // The remedy (Panjin 八): the approval is turned into a service item.
        String amended = append(approval.id(), new PowerItemAmended(approval.id(), committee.id(), VILLAGE, 2,
                new ItemContent("临时占用道路申请代办", ItemType.PUBLIC_SERVICE, List.of(), 5, 3), List.of("name", "type"),
                decision("兴政发〔2017〕9号", "2017-07-01")));

        await().atMost(WAIT).ignoreException(NotFound.class).untilAsserted(() ->
                assertThat(findings(FindingKind.VILLAGE_FORBIDDEN_CATEGORY, committee, "2017-12-31")).singleElement()
                        .satisfies(f -> assertThat(f.to()).isNotNull()));
        Finding finding = findings(FindingKind.VILLAGE_FORBIDDEN_CATEGORY, committee, "2017-12-31").get(0);
        assertThat(finding.from()).isEqualTo(day("2015-01-01"));
        assertThat(finding.to()).isEqualTo(day("2017-07-01"));
        assertThat(finding.items()).extracting(FindingItem::itemId).containsExactly(approval.id());
        assertThat(finding.details()).containsEntry("typeCode", "01").containsEntry("typeLabel", "行政许可");
        String published = jdbc.sql("""
                select event_identifier from domain_event_entry where aggregate_identifier = ? and sequence_number = 0""")
                .param(approval.id()).query(String.class).single();
        String registered = jdbc.sql("""
                select event_identifier from domain_event_entry where aggregate_identifier = ? and sequence_number = 0""")
                .param(committee.id()).query(String.class).single();
        assertThat(finding.evidence()).containsExactly(evidence("ImplementingBodyRegistered", registered),
                evidence("PowerItemPublished", published));
        assertThat(findings(FindingKind.VILLAGE_FORBIDDEN_CATEGORY, committee, "2016-01-01").get(0).to()).isNull();
        assertThat(findings(FindingKind.VILLAGE_FORBIDDEN_CATEGORY, committee, "2014-12-31")).isEmpty();
        assertThat(findings(FindingKind.VILLAGE_FORBIDDEN_CATEGORY, street, "2017-12-31")).isEmpty();
        assertThat(amended).isNotNull();
    }

    @Test
    void aReceivedItemIsDormantWithoutAnAcceptedCaseWithinItsDays() {
        Body agriculture = body("盘锦市农村经济委员会", PANJIN, JurisdictionLevel.CITY);
        Body dawa = body("大洼区农村经济局", DAWA, JurisdictionLevel.COUNTY);
        Item silkworm = published(agriculture, "蚕种生产经营许可", ItemType.LICENCE, day("2013-01-01"));
        Item seedling = published(agriculture, "新选育或引进蚕品种中试审批", ItemType.LICENCE, day("2013-01-01"));
        Delegated d = delegate(DelegationMode.DEVOLVE, PANJIN, List.of(silkworm, seedling), List.of(dawa), null,
                decision("盘政发〔2016〕37号", "2016-07-01"));
        String silkwormItem = d.item(silkworm, dawa);
        String seedlingItem = d.item(seedling, dawa);

        await().atMost(WAIT).ignoreException(NotFound.class).untilAsserted(() ->
                assertThat(findings(FindingKind.DORMANT_DELEGATION, dawa, "2017-01-01")).hasSize(2));
        // Both received items are in: their source items' events came before them.
        Finding dormant = findings(FindingKind.DORMANT_DELEGATION, dawa, "2017-01-01").stream()
                .filter(f -> f.items().get(0).itemId().equals(silkwormItem)).findFirst().orElseThrow();
        // The first day it holds: the day after the last day a first case was due.
        assertThat(dormant.from()).isEqualTo(day("2016-12-29"));
        assertThat(dormant.to()).isNull();
        assertThat(dormant.details()).containsEntry("firstCaseDue", "2016-12-28").containsEntry("dormantDays", 180);
        assertThat(dormant.bodies()).extracting(b -> b.role() + ":" + b.bodyId())
                .containsExactly("RECEIVER:" + dawa.id(), "DEVOLVING:" + agriculture.id());
        assertThat(dormant.evidence()).containsExactly(evidence("PowerItemReceived", d.receivedEvents().get(silkwormItem)));
        assertThat(findings(FindingKind.DORMANT_DELEGATION, dawa, "2016-12-28")).isEmpty();

        // Cases accepted by the receiver: a first case within the days means not dormant, a first case after them ends
        // the dormancy on its date; a later case under the same item changes nothing.
        acceptCase(seedlingItem, dawa, "2016-12-01");
        acceptCase(silkwormItem, dawa, "2017-03-01");
        acceptCase(silkwormItem, dawa, "2017-05-01");
        await().atMost(WAIT).untilAsserted(() -> {
            List<Finding> later = findings(FindingKind.DORMANT_DELEGATION, dawa, "2017-06-01");
            assertThat(later).singleElement().satisfies(f -> {
                assertThat(f.items().get(0).itemId()).isEqualTo(silkwormItem);
                assertThat(f.to()).isEqualTo(day("2017-03-01"));
            });
        });
    }

    /**
     * An item that refused a devolution keeps its body: the lineage says why the decision did not reach it, and no
     * figure or finding of the decision counts it, though the body goes on taking cases under it.
     */
    @Test
    void anItemThatRefusedADevolutionIsShownAsRefusedAndCountedInNoFigureOrFinding() {
        Body cityBureau = body("盘锦市交通运输局", PANJIN, JurisdictionLevel.CITY);
        Body county = body("大洼区交通运输局", DAWA, JurisdictionLevel.COUNTY);
        Item refusing = published(cityBureau, "公路超限运输许可", ItemType.LICENCE, day("2013-01-01"));
        Item devolved = published(cityBureau, "道路货物运输经营许可", ItemType.LICENCE, day("2013-01-01"));
        Delegated d = delegate(DelegationMode.DEVOLVE, PANJIN, List.of(refusing, devolved), List.of(refusing),
                List.of(county), null, decision("盘政发〔2021〕5号", "2021-03-01"));
        append(d.id(), new TransitionArranged(d.id(), cityBureau.id(), county.id(), day("2021-03-15")));
        acceptCase(refusing.id(), cityBureau, "2021-04-01", AcceptanceCapacity.OWN);
        acceptCase(devolved.id(), cityBureau, "2021-04-02", AcceptanceCapacity.OWN);

        await().atMost(WAIT).ignoreException(NotFound.class).untilAsserted(() -> {
            CaughtUp.everyStreamingProjection(statuses);
            assertThat(findings(FindingKind.RELEASED_ON_PAPER, cityBureau, "2021-06-01")).singleElement();
            assertThat(lineage(refusing).root().delegations()).singleElement()
                    .satisfies(l -> assertThat(l.refusal()).isNotNull());
        });
        // The city acts for the county on the devolved item only: the other never went down.
        assertThat(jdbc.sql("select item_id from delegation_transition_term_view where delegation_id = ?").param(d.id())
                .query(String.class).list()).containsExactly(devolved.id());
        LineageDelegation refused = lineage(refusing).root().delegations().get(0);
        assertThat(refused.delegationId()).isEqualTo(d.id());
        assertThat(refused.refusal()).isEqualTo(new Refusal("effective-date-order", REFUSED_FOR_DATE));
        assertThat(refused.receivers()).singleElement().satisfies(r -> assertThat(r.item()).isNull());
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        var overHttp = anonymous.get("/api/public/items/" + refusing.id() + "/lineage");
        assertThat(overHttp.status()).isEqualTo(200);
        assertThat(overHttp.json().get("root").get("delegations").get(0).get("refusal").get("rule").asString())
                .isEqualTo("effective-date-order");
        var page = anonymous.get("/portal/items/" + refusing.id() + "/lineage");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("未能执行到本事项:" + REFUSED_FOR_DATE).contains("未生成承接事项")
                .doesNotContain("尚未生成承接事项");
        LineageDelegation carried = lineage(devolved).root().delegations().get(0);
        assertThat(carried.refusal()).isNull();
        assertThat(carried.receivers()).singleElement().satisfies(r -> assertThat(r.item()).isNotNull());

        DelegationStatistics figures = queries.ask(new DelegationStatisticsQuery(PANJIN, day("2021-01-01"),
                day("2021-12-31")), DelegationStatistics.class);
        assertThat(figures.decisions()).isEqualTo(1);
        assertThat(figures.itemsDevolved()).isEqualTo(1);
        assertThat(figures.itemsRefused()).isEqualTo(1);
        assertThat(figures.definitions()).containsKey("itemsRefused");
        // The city taking cases under the item it kept is no sign of a devolution on paper; under the other, it is.
        assertThat(findings(FindingKind.RELEASED_ON_PAPER, cityBureau, "2021-06-01").get(0).items())
                .extracting(FindingItem::itemId).containsExactly(devolved.id());
        assertThat(findings(FindingKind.POWER_VACUUM, county, "2021-06-01")).singleElement()
                .satisfies(f -> assertThat(f.items()).extracting(FindingItem::itemId).containsExactly(devolved.id()));
    }

    private Lineage lineage(Item item) {
        return queries.ask(new LineageQuery(item.id()), Lineage.class);
    }

    @Test
    void theDevolvingBodyStillTakingCasesOutsideTheTransitionIsReleasedOnPaper() {
        Body cityBureau = body("盘锦市文化广电和旅游局", PANJIN, JurisdictionLevel.CITY);
        Body county = body("双台子区文化旅游局", SHUANGTAIZI, JurisdictionLevel.COUNTY);
        Item performance = published(cityBureau, "营业性演出审批", ItemType.LICENCE, day("2013-01-01"));
        Item kept = published(cityBureau, "娱乐场所从事娱乐场所经营活动审批", ItemType.LICENCE, day("2013-01-01"));
        Delegated d = delegate(DelegationMode.DEVOLVE, PANJIN, List.of(performance), List.of(county),
                day("2016-09-30"), decision("盘政发〔2016〕40号", "2016-07-01"));
        // Before the effective date, and on the receiver's behalf within the transition: as the law allows.
        acceptCase(performance.id(), cityBureau, "2016-06-15", AcceptanceCapacity.OWN);
        acceptCase(performance.id(), cityBureau, "2016-08-01", AcceptanceCapacity.ON_BEHALF);
        // After the transition: one acceptance back-filled under the city's own item, one attempt the ledger refused.
        String accepted = acceptCase(performance.id(), cityBureau, "2016-10-10", AcceptanceCapacity.OWN);
        String refused = refuseCase(performance.id(), cityBureau, "2016-11-01", true);
        // Neither an officer's own refusal nor a case under an item the city kept says anything about the devolution.
        refuseCase(performance.id(), cityBureau, "2016-11-02", false);
        acceptCase(kept.id(), cityBureau, "2016-11-03", AcceptanceCapacity.OWN);

        await().atMost(WAIT).untilAsserted(() -> assertThat(findings(FindingKind.RELEASED_ON_PAPER, cityBureau,
                "2017-01-01")).singleElement().satisfies(f -> assertThat(f.details()).containsEntry("cases", 2)));
        Finding finding = findings(FindingKind.RELEASED_ON_PAPER, cityBureau, "2017-01-01").get(0);
        assertThat(finding.delegationId()).isEqualTo(d.id());
        assertThat(finding.from()).isEqualTo(day("2016-10-10"));
        assertThat(finding.to()).isEqualTo(day("2016-11-01"));
        assertThat(finding.items()).extracting(FindingItem::itemId).containsExactly(performance.id());
        assertThat(finding.bodies()).extracting(b -> b.role() + ":" + b.bodyId())
                .containsExactly("DEVOLVING:" + cityBureau.id(), "RECEIVER:" + county.id());
        assertThat(finding.details()).containsEntry("accepted", 1).containsEntry("refusedByRule", 1)
                .containsEntry("transitionEnd", "2016-09-30").containsEntry("documentNumber", "盘政发〔2016〕40号");
        assertThat(finding.evidence()).containsExactly(evidence("DelegationDecided", d.decidedEvent()),
                evidence("CaseAccepted", accepted), evidence("CaseNotAccepted", refused));
        // As known on an earlier reference date, only the cases up to it show.
        assertThat(findings(FindingKind.RELEASED_ON_PAPER, cityBureau, "2016-10-31")).singleElement()
                .satisfies(f -> assertThat(f.details()).containsEntry("cases", 1));
        assertThat(findings(FindingKind.RELEASED_ON_PAPER, cityBureau, "2016-09-30")).isEmpty();
        assertThat(findings(FindingKind.RELEASED_ON_PAPER, county, "2017-01-01")).singleElement();
    }

    @Test
    void findingsNeedAnAuditorAndTheReadApiAnswersProblemsForBadOrUnknownInput() {
        Body body = body("盘锦市气象局", PANJIN, JurisdictionLevel.CITY);
        Item item = published(body, "防雷装置设计审核", ItemType.LICENCE, day("2013-01-01"));
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        ApiClient clerk = anonymous.as("clerk", Role.BODY_CLERK, body.id());
        ApiClient auditor = anonymous.as("auditor", Role.AUDITOR, null);
        await().atMost(WAIT).ignoreException(NotFound.class).untilAsserted(() -> assertThat(clerk.get("/api/holdings?bodyId=" + body.id() + "&itemId="
                + item.id() + "&date=2014-01-01").status()).isEqualTo(200));
        var holding = clerk.get("/api/holdings?bodyId=" + body.id() + "&itemId=" + item.id() + "&date=2014-01-01").json();
        assertThat(holding.get("capacity").asString()).isEqualTo("OWN");
        assertThat(holding.get("mayAccept").asBoolean()).isTrue();
        assertThat(anonymous.get("/api/holdings?bodyId=" + body.id() + "&itemId=" + item.id()).status()).isEqualTo(401);
        assertThat(clerk.get("/api/holdings?bodyId=" + body.id() + "&itemId=" + UUID.randomUUID()).status())
                .isEqualTo(404);
        var malformed = clerk.get("/api/holdings?bodyId=x&itemId=" + item.id());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").get(0).get("field").asString()).isEqualTo("bodyId");

        assertThat(clerk.get("/api/findings").status()).isEqualTo(403);
        var findings = auditor.get("/api/findings?bodyId=" + body.id() + "&asOf=2020-01-01");
        assertThat(findings.status()).isEqualTo(200);
        assertThat(findings.json().get("settings").get("guidanceDays").asInt()).isEqualTo(30);
        assertThat(findings.json().get("definitions").get("POWER_VACUUM").asString()).contains("确认承接");
        assertThat(auditor.get("/api/findings?kind=NOTHING").status()).isEqualTo(400);
        assertThat(auditor.get("/api/findings?size=500").status()).isEqualTo(400);
        assertThat(auditor.get("/api/findings?jurisdiction=219999").status()).isEqualTo(404);
        var pastTheEnd = auditor.get("/api/findings?bodyId=" + body.id() + "&asOf=2020-01-01&page=50");
        assertThat(pastTheEnd.status()).isEqualTo(200);
        assertThat(pastTheEnd.json().get("total").asLong()).isEqualTo(findings.json().get("total").asLong());
        assertThat(auditor.get("/api/findings?jurisdiction=" + PANJIN + "&asOf=2020-01-01").status()).isEqualTo(200);

        assertThat(anonymous.get("/api/public/bodies/" + body.id() + "/received-items").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/public/bodies/" + creditCode() + "/received-items").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/public/items/" + item.id() + "/lineage").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/public/items/" + UUID.randomUUID() + "/lineage").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/public/items/not-a-uuid/lineage").status()).isEqualTo(400);
        var statistics = anonymous.get("/api/public/jurisdictions/" + PANJIN + "/delegation-statistics?from=2016-01-01&to=2016-12-31");
        assertThat(statistics.status()).isEqualTo(200);
        assertThat(statistics.json().get("definitions").get("decisions").asString()).isNotBlank();
        var reversed = anonymous.get("/api/public/jurisdictions/" + PANJIN + "/delegation-statistics?from=2017-01-01&to=2016-12-31");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.json().get("errors").get(0).get("field").asString()).isEqualTo("from");
        assertThat(anonymous.get("/api/public/jurisdictions/219999/delegation-statistics").status()).isEqualTo(404);
    }
}
