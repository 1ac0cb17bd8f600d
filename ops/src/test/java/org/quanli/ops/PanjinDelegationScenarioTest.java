package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.ops.Walkthrough.expect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.delegation.DelegationMessages;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The Panjin notice (盘政办发〔2017〕69号) replayed through the REST API of the all-in-one: Panjin devolves the powers of
 * four city departments to Xinglongtai's construction bureau (多口归一), where the air-defence office acts during a
 * transition and hands over to a bureau that never confirms and lacks staff; two departments' powers go to
 * Shuangtaizi, which confirms and is guided; a silkworm licence goes to Dawa, which has no silkworms. The audit
 * findings must name exactly what the notice found, and nothing that the records cover.
 */
@SpringBootTest(classes = QuanliLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class PanjinDelegationScenarioTest {

    static final String LIAONING = "210000";
    static final String PANJIN = "211100";
    static final String SHUANGTAIZI = "211102";
    static final String XINGLONGTAI = "211103";
    static final String DAWA = "211104";
    static final String REFORM_OFFICE = code("11211100MB0000001");
    static final String LEGAL_OFFICE = code("11211100MB0000002");
    static final String CONSTRUCTION = code("11211100MB0000003");
    static final String AIR_DEFENCE = code("11211100MB0000004");
    static final String WEATHER = code("12211100MB0000005");
    static final String EARTHQUAKE = code("11211100MB0000006");
    static final String AGRICULTURE = code("11211100MB0000007");
    static final String XLT_BUREAU = code("11211103MB0000001");
    static final String XLT_GOVERNMENT = code("11211103MB0000002");
    static final String STZ_BUREAU = code("11211102MB0000001");
    static final String DAWA_BUREAU = code("11211104MB0000001");

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcClient jdbc;

    ApiClient anonymous;
    ApiClient admin;
    ApiClient reform;
    ApiClient reviewer;
    ApiClient auditor;

    private static String code(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    @Test
    void thePanjinReviewFindsWhatTheNoticeFoundAndNothingTheRecordsCover() {
        anonymous = ApiClient.anonymous(port, tokens);
        admin = anonymous.as("admin", Role.ADMINISTRATOR, null);
        reform = anonymous.as("pj-reform", Role.REFORM_OFFICE, REFORM_OFFICE);
        reviewer = anonymous.as("pj-legal", Role.LEGAL_REVIEWER, LEGAL_OFFICE);
        auditor = anonymous.as("pj-auditor", Role.AUDITOR, null);
        registerPanjin();

        String quality = publish(CONSTRUCTION, "建设工程质量安全监督", "INSPECTION");
        String heating = publish(CONSTRUCTION, "供热特许经营企业资格审核", "LICENCE");
        String alarm = publish(AIR_DEFENCE, "拆迁人民防空警报设施的许可", "LICENCE");
        String shelter = publish(AIR_DEFENCE, "人民防空工程竣工验收备案", "CONFIRMATION");
        String lightning = publish(WEATHER, "防雷装置设计审核和竣工验收", "LICENCE");
        String seismic = publish(EARTHQUAKE, "建设工程抗震设防要求确定", "CONFIRMATION");
        String silkworm = publish(AGRICULTURE, "蚕种生产经营许可", "LICENCE");

        // Four departments' powers land on one Xinglongtai bureau; two departments' on Shuangtaizi's; silkworms on Dawa.
        String toXinglongtai = devolve(List.of(quality, alarm, lightning, seismic), XLT_BUREAU, "盘政发〔2016〕37号");
        String toShuangtaizi = devolve(List.of(heating, shelter), STZ_BUREAU, "盘政发〔2016〕38号");
        String toDawa = devolve(List.of(silkworm), DAWA_BUREAU, "盘政发〔2016〕39号");
        String xltAlarm = DelegationMessages.receivedItemId(toXinglongtai, alarm, XLT_BUREAU);
        String dawaSilkworm = DelegationMessages.receivedItemId(toDawa, silkworm, DAWA_BUREAU);

        // The air-defence office acts for Xinglongtai (帮办代办) until it withdraws its staff in February 2017.
        expect(204, reform.post("/api/delegations/" + toXinglongtai + "/transitions", Map.of("actingBodyId",
                AIR_DEFENCE, "onBehalfOfBodyId", XLT_BUREAU, "until", "2017-06-30")));
        ApiClient xltClerk = anonymous.as("xlt-clerk", Role.BODY_CLERK, XLT_BUREAU);
        expect(204, xltClerk.post("/api/delegations/" + toXinglongtai + "/handovers", Map.of("receiverBodyId",
                XLT_BUREAU, "handedOverOn", "2017-02-01")));
        var staffGap = xltClerk.post("/api/delegations/" + toXinglongtai + "/capacity-gaps", Map.of(
                "receiverBodyId", XLT_BUREAU, "kind", "STAFF", "description", "缺乏专业技术人员,工作无法正常开展",
                "measure", "内部调剂人员编制或公开对外招聘,配齐专业技术人员", "leadBodyId", XLT_GOVERNMENT,
                "deadline", "2017-06-30"));
        expect(201, staffGap);
        String staffGapId = staffGap.json().get("id").asString();

        // Shuangtaizi confirms at once, is guided by both departments, and closes its gap late.
        ApiClient stzClerk = anonymous.as("stz-clerk", Role.BODY_CLERK, STZ_BUREAU);
        expect(204, stzClerk.post("/api/delegations/" + toShuangtaizi + "/confirmations", Map.of("receiverBodyId",
                STZ_BUREAU, "confirmedOn", "2016-07-01")));
        for (String department : List.of(CONSTRUCTION, AIR_DEFENCE)) {
            expect(204, anonymous.as("clerk-" + department, Role.BODY_CLERK, department).post("/api/delegations/"
                    + toShuangtaizi + "/guidance", Map.of("givingBodyId", department, "givenOn", "2016-07-20",
                    "form", "TRAINING", "description", "围绕下放事项开展业务培训")));
        }
        var accessGap = stzClerk.post("/api/delegations/" + toShuangtaizi + "/capacity-gaps", Map.of(
                "receiverBodyId", STZ_BUREAU, "kind", "SYSTEM_ACCESS", "description", "未配备省住建厅审批专网密码锁",
                "measure", "市住建委协调省住建厅配备密码锁", "leadBodyId", CONSTRUCTION, "deadline", "2016-12-31"));
        expect(201, accessGap);
        String accessGapId = accessGap.json().get("id").asString();
        expect(204, stzClerk.post("/api/delegations/" + toShuangtaizi + "/capacity-gaps/" + accessGapId + "/close",
                Map.of("closedOn", "2017-03-01", "remedy", "已配备密码锁")));

        // Dawa confirms and is guided; it has no silkworms, so it never accepts a case.
        expect(204, reform.post("/api/delegations/" + toDawa + "/confirmations", Map.of("receiverBodyId",
                DAWA_BUREAU, "confirmedOn", "2016-07-01")));
        expect(204, anonymous.as("agri-clerk", Role.BODY_CLERK, AGRICULTURE).post("/api/delegations/" + toDawa
                + "/guidance", Map.of("givingBodyId", AGRICULTURE, "givenOn", "2016-07-15", "form", "WRITTEN_GUIDANCE")));

        // The read side catches up with every event.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            CaughtUp.everyStreamingProjection(admin);
            assertThat(findings("GAP_OVERDUE", STZ_BUREAU, "2017-02-01")).hasSize(1);
            assertThat(findings("GAP_OVERDUE", STZ_BUREAU, "2017-03-01")).isEmpty();
            assertThat(findings("POWER_VACUUM", XLT_BUREAU, "2017-07-01")).hasSize(2);
            assertThat(findings("NO_GUIDANCE", STZ_BUREAU, "2016-12-01")).isEmpty();
            assertThat(findings("DORMANT_DELEGATION", DAWA_BUREAU, "2017-01-01")).hasSize(1);
            assertThat(findings("CONCENTRATION", XLT_BUREAU, "2016-12-01")).singleElement()
                    .satisfies(f -> assertThat(f.get("details").get("departments").asInt()).isEqualTo(4));
            assertThat(findings("NO_GUIDANCE", XLT_BUREAU, "2016-12-01")).hasSize(4);
            assertThat(findings("GAP_OVERDUE", XLT_BUREAU, "2017-07-01")).hasSize(1);
        });

        // 权力悬空: the three items nobody acts on, from the effective date; the air-defence item from the handover.
        List<JsonNode> vacuumInAutumn = findings("POWER_VACUUM", XLT_BUREAU, "2016-12-01");
        assertThat(vacuumInAutumn).hasSize(1);
        assertThat(itemIds(vacuumInAutumn.get(0))).containsExactlyInAnyOrder(quality, lightning, seismic);
        assertThat(vacuumInAutumn.get(0).get("from").asString()).isEqualTo("2016-07-01");
        assertThat(vacuumInAutumn.get(0).get("to").isNull()).isTrue();
        List<JsonNode> vacuumInSummer = findings("POWER_VACUUM", XLT_BUREAU, "2017-07-01");
        JsonNode afterHandover = vacuumInSummer.get(1);
        assertThat(itemIds(afterHandover)).containsExactly(alarm);
        assertThat(afterHandover.get("from").asString()).isEqualTo("2017-02-01");
        assertThat(events(afterHandover)).containsExactly("DelegationDecided", "TransitionArranged", "HandoverRecorded");
        // Not where a confirmation covers.
        assertThat(findings("POWER_VACUUM", STZ_BUREAU, "2017-07-01")).isEmpty();
        assertThat(findings("POWER_VACUUM", DAWA_BUREAU, "2017-07-01")).isEmpty();

        // 业务指导不到位: each of the four departments, for Xinglongtai only.
        List<JsonNode> noGuidance = findings("NO_GUIDANCE", XLT_BUREAU, "2016-12-01");
        assertThat(noGuidance).hasSize(4);
        assertThat(noGuidance).extracting(f -> f.get("bodies").get(0).get("bodyId").asString())
                .containsExactlyInAnyOrder(CONSTRUCTION, AIR_DEFENCE, WEATHER, EARTHQUAKE);
        assertThat(noGuidance).allSatisfy(f -> assertThat(f.get("delegationId").asString()).isEqualTo(toXinglongtai));
        assertThat(findings("NO_GUIDANCE", XLT_BUREAU, "2016-07-31")).isEmpty();
        assertThat(findings("NO_GUIDANCE", DAWA_BUREAU, "2016-12-01")).isEmpty();

        // The staff gap: not before its deadline, overdue after it, with the event that reported it.
        assertThat(findings("GAP_OVERDUE", XLT_BUREAU, "2017-06-30")).isEmpty();
        List<JsonNode> overdue = findings("GAP_OVERDUE", XLT_BUREAU, "2017-07-01");
        assertThat(overdue).hasSize(1);
        assertThat(overdue.get(0).get("details").get("gapId").asString()).isEqualTo(staffGapId);
        assertThat(overdue.get(0).get("details").get("gapKindLabel").asString()).isEqualTo("无专业人员");
        Map<String, Object> reported = jdbc.sql("""
                select event_identifier, global_index from domain_event_entry
                where aggregate_identifier = ? and payload_type like '%CapacityGapReported'""")
                .param(toXinglongtai).query().singleRow();
        JsonNode evidence = overdue.get(0).get("evidence").get(0);
        assertThat(evidence.get("eventId").asString()).isEqualTo(reported.get("event_identifier"));
        assertThat(evidence.get("position").asLong()).isEqualTo(((Number) reported.get("global_index")).longValue());
        // Shuangtaizi's gap: overdue until it was closed, not on its deadline, not after closing.
        assertThat(findings("GAP_OVERDUE", STZ_BUREAU, "2016-12-31")).isEmpty();

        // 多口归一: four departments on Xinglongtai; two on Shuangtaizi is below K = 3.
        JsonNode concentration = findings("CONCENTRATION", XLT_BUREAU, "2016-12-01").get(0);
        assertThat(concentration.get("details").get("departments").asInt()).isEqualTo(4);
        assertThat(findings("CONCENTRATION", STZ_BUREAU, "2016-12-01")).isEmpty();

        // Never exercised: the silkworm licence, 180 days on; not before.
        JsonNode dormant = findings("DORMANT_DELEGATION", DAWA_BUREAU, "2017-01-01").get(0);
        assertThat(itemIds(dormant)).containsExactly(dawaSilkworm);
        assertThat(dormant.get("items").get(0).get("name").asString()).isEqualTo("蚕种生产经营许可");
        assertThat(findings("DORMANT_DELEGATION", DAWA_BUREAU, "2016-12-28")).isEmpty();

        // The same records answer people: who may accept, what Xinglongtai received, where the power went, figures.
        JsonNode acting = reform.get("/api/holdings?bodyId=" + AIR_DEFENCE + "&itemId=" + alarm + "&date=2016-08-01").json();
        assertThat(acting.get("capacity").asString()).isEqualTo("ON_BEHALF");
        assertThat(acting.get("onBehalfOf").get("name").asString()).isEqualTo("兴隆台区住房和城乡建设局");
        assertThat(reform.get("/api/holdings?bodyId=" + AIR_DEFENCE + "&itemId=" + alarm + "&date=2017-02-01").json()
                .get("mayAccept").asBoolean()).isFalse();
        assertThat(reform.get("/api/holdings?bodyId=" + XLT_BUREAU + "&itemId=" + xltAlarm + "&date=2017-02-01").json()
                .get("capacity").asString()).isEqualTo("DEVOLVED");
        JsonNode received = anonymous.get("/api/public/bodies/" + XLT_BUREAU + "/received-items?asOf=2017-07-01").json();
        assertThat(received.get("total").asInt()).isEqualTo(4);
        assertThat(received.get("departmentCount").asInt()).isEqualTo(4);
        assertThat(received.get("openGapCount").asInt()).isEqualTo(1);
        assertThat(received.get("openGaps").get(0).get("overdue").asBoolean()).isTrue();
        JsonNode lineage = anonymous.get("/api/public/items/" + xltAlarm + "/lineage").json();
        assertThat(lineage.get("rootItemId").asString()).isEqualTo(alarm);
        JsonNode receiver = lineage.get("root").get("delegations").get(0).get("receivers").get(0);
        assertThat(receiver.get("body").get("name").asString()).isEqualTo("兴隆台区住房和城乡建设局");
        assertThat(receiver.get("handedOverOn").asString()).isEqualTo("2017-02-01");
        assertThat(receiver.get("transitions").get(0).get("endsOn").asString()).isEqualTo("2017-01-31");
        JsonNode figures = anonymous.get("/api/public/jurisdictions/" + PANJIN
                + "/delegation-statistics?from=2016-01-01&to=2016-12-31").json();
        assertThat(figures.get("decisions").asInt()).isEqualTo(3);
        assertThat(figures.get("itemsDevolved").asInt()).isEqualTo(7);
        assertThat(figures.get("receivers").asInt()).isEqualTo(3);
        assertThat(figures.get("receiptsConfirmed").asInt()).isEqualTo(2);
        assertThat(figures.get("gapsReported").asInt()).isEqualTo(2);
        assertThat(figures.get("gapsClosed").asInt()).isZero();
        assertThat(figures.get("gapsOpenPastDeadline").asInt()).isZero();

        // The whole review of the city at one date, for an auditor.
        JsonNode city = auditor.get("/api/findings?jurisdiction=" + PANJIN + "&asOf=2017-07-01&size=200").json();
        Map<String, Integer> byKind = new LinkedHashMap<>();
        city.get("findings").forEach(f -> byKind.merge(f.get("kind").asString(), 1, Integer::sum));
        assertThat(byKind).containsEntry("POWER_VACUUM", 2).containsEntry("NO_GUIDANCE", 4)
                .containsEntry("GAP_OVERDUE", 1).containsEntry("CONCENTRATION", 1)
                .containsEntry("DORMANT_DELEGATION", 7).doesNotContainKey("VILLAGE_FORBIDDEN_CATEGORY")
                .doesNotContainKey("RELEASED_ON_PAPER");

        // Findings are derived from facts the projection rebuilds from the events: a replay gives the same answer.
        String factsSql = """
                select 'holding' as fact, item_id || '|' || effective_from || '|' || body_id || '|'
                    || coalesce(effective_to::text, '') || '|' || open_event_id || '|' || open_position as row
                    from item_holder_period
                union all
                select 'receiver', delegation_id || '|' || receiver_body_id || '|' || coalesce(confirmed_on::text, '')
                    || '|' || coalesce(handed_over_on::text, '') from delegation_receiver_view
                union all
                select 'transition', delegation_id || '|' || item_id || '|' || until || '|' || event_id || '|' || position
                    from delegation_transition_view
                order by 1, 2""";
        List<Map<String, Object>> factsBefore = jdbc.sql(factsSql).query().listOfRows();
        String findingsBefore = auditor.get("/api/findings?jurisdiction=" + PANJIN + "&asOf=2017-07-01&size=200").body();
        // The holdings are the list projection's, the rest the delegation projection's: both are replayed.
        expect(202, admin.post("/api/admin/projections/delegation/replay", Map.of()));
        expect(202, admin.post("/api/admin/projections/power-lists/replay", Map.of()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            CaughtUp.everyStreamingProjection(admin);
            assertThat(jdbc.sql(factsSql).query().listOfRows()).isEqualTo(factsBefore);
        });
        assertThat(auditor.get("/api/findings?jurisdiction=" + PANJIN + "&asOf=2017-07-01&size=200").body())
                .isEqualTo(findingsBefore);

        assertThat(anonymous.get("/v3/api-docs").json().get("paths").propertyNames()).contains("/api/holdings",
                "/api/findings", "/api/public/bodies/{bodyId}/received-items", "/api/public/items/{itemId}/lineage",
                "/api/public/jurisdictions/{code}/delegation-statistics");
    }

    private void registerPanjin() {
        expect(201, admin.post("/api/jurisdictions", Map.of("code", LIAONING, "name", "辽宁省", "level", "PROVINCE")));
        expect(201, admin.post("/api/jurisdictions", Map.of("code", PANJIN, "name", "盘锦市", "level", "CITY",
                "parentCode", LIAONING)));
        for (var district : Map.of(SHUANGTAIZI, "双台子区", XINGLONGTAI, "兴隆台区", DAWA, "大洼区").entrySet()) {
            expect(201, admin.post("/api/jurisdictions", Map.of("code", district.getKey(), "name", district.getValue(),
                    "level", "COUNTY", "parentCode", PANJIN)));
        }
        body(REFORM_OFFICE, "中共盘锦市委机构编制委员会办公室", PANJIN);
        body(LEGAL_OFFICE, "盘锦市人民政府法制办公室", PANJIN);
        body(CONSTRUCTION, "盘锦市住房和城乡建设委员会", PANJIN);
        body(AIR_DEFENCE, "盘锦市人民防空办公室", PANJIN);
        body(WEATHER, "盘锦市气象局", PANJIN);
        body(EARTHQUAKE, "盘锦市地震局", PANJIN);
        body(AGRICULTURE, "盘锦市农村经济委员会", PANJIN);
        body(XLT_BUREAU, "兴隆台区住房和城乡建设局", XINGLONGTAI);
        body(XLT_GOVERNMENT, "兴隆台区人民政府", XINGLONGTAI);
        body(STZ_BUREAU, "双台子区住房和城乡建设局", SHUANGTAIZI);
        body(DAWA_BUREAU, "大洼区农村经济局", DAWA);
    }

    private void body(String bodyId, String name, String jurisdiction) {
        expect(201, admin.post("/api/bodies", Map.of("creditCode", bodyId, "name", name, "jurisdictionCode",
                jurisdiction, "nature", "STATUTORY_ORGAN", "administrativeSubject", true)));
    }

    /** Drafted by the department, approved by the legal office, published by the reform office in 2013. */
    private String publish(String bodyId, String name, String type) {
        ApiClient clerk = anonymous.as("clerk-" + bodyId, Role.BODY_CLERK, bodyId);
        var drafted = clerk.post("/api/items", Map.of("bodyId", bodyId, "name", name, "type", type,
                "legalBases", List.of(Map.of("kind", "ADMINISTRATIVE_REGULATION", "title", "《辽宁省行政职权依据》",
                        "article", "第一条")),
                "legalLimitDays", 20, "promisedLimitDays", 10));
        expect(201, drafted);
        String itemId = drafted.json().get("itemId").asString();
        expect(204, clerk.post("/api/items/" + itemId + "/submit", Map.of()));
        expect(204, reviewer.post("/api/items/" + itemId + "/approve", Map.of("opinion", "同意")));
        expect(204, reform.post("/api/items/" + itemId + "/publish", Map.of("documentNumber", "盘政发〔2013〕8号",
                "effectiveDate", "2013-07-01")));
        return itemId;
    }

    private String devolve(List<String> items, String receiver, String document) {
        var decided = reform.post("/api/delegations", Map.of("mode", "DEVOLVE", "sourceItemIds", items,
                "receiverBodyIds", List.of(receiver), "documentNumber", document, "effectiveDate", "2016-07-01"));
        expect(201, decided);
        return decided.json().get("id").asString();
    }

    private List<JsonNode> findings(String kind, String bodyId, String asOf) {
        var response = auditor.get("/api/findings?kind=" + kind + "&bodyId=" + bodyId + "&asOf=" + asOf);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        response.json().get("findings").forEach(list::add);
        return list;
    }

    private static List<String> itemIds(JsonNode finding) {
        List<String> ids = new ArrayList<>();
        finding.get("items").forEach(item -> ids.add(item.get("itemId").asString()));
        return ids;
    }

    private static List<String> events(JsonNode finding) {
        List<String> events = new ArrayList<>();
        finding.get("evidence").forEach(e -> events.add(e.get("event").asString()));
        return events;
    }
}
