package org.quanli.command.powerlist.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;
import static org.quanli.command.Fixtures.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.command.CommandSideApplication;
import org.quanli.kernel.delegation.DelegationMessages;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.platform.db.SqlValues;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Importing a list over HTTP: the dry run's report, the job of a real run, idempotence and the office's reach. A
 * context (and database) of its own, since it registers places the other HTTP tests register; progress is written
 * every two rows so that jobs write it in several batches.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "quanli.imports.progress-batch=2")
@ActiveProfiles({"test", "demo"})
class ImportApiHttpTest {

    static final String MIANYANG = "510700";
    static final String GUANGHAN_REFORM_OFFICE = "11510681008712346C";
    static final String MIANYANG_MARKET_BUREAU = "11510700008654321G";
    static final String HEADER = "序号,事项名称,事项类型,实施编码,设定依据,行使层级,实施主体统一社会信用代码,实施主体,法定时限,承诺时限,联系人";
    static final String DOCUMENT = "德府发〔2013〕24号";

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    ImportJobRunner runner;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;

    ApiClient reform;
    ApiClient guanghanReform;
    ApiClient admin;

    @BeforeEach
    void registerPlaces() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        admin = anonymous.as("admin", Role.ADMINISTRATOR, null);
        reform = anonymous.as("reform", Role.REFORM_OFFICE, REFORM_OFFICE);
        guanghanReform = anonymous.as("guanghan-reform", Role.REFORM_OFFICE, GUANGHAN_REFORM_OFFICE);
        // Registered by the first test; the others find them (409).
        jurisdiction(SICHUAN, "四川省", "PROVINCE", null);
        jurisdiction(DEYANG, "德阳市", "CITY", SICHUAN);
        jurisdiction(GUANGHAN, "广汉市", "COUNTY", DEYANG);
        jurisdiction(MIANYANG, "绵阳市", "CITY", SICHUAN);
        body(MARKET_BUREAU, "德阳市市场监督管理局", DEYANG);
        body(REFORM_OFFICE, "中共德阳市委机构编制委员会办公室", DEYANG);
        body(GUANGHAN_MARKET_BUREAU, "广汉市市场监督管理局", GUANGHAN);
        body(GUANGHAN_REFORM_OFFICE, "中共广汉市委机构编制委员会办公室", GUANGHAN);
        body(MIANYANG_MARKET_BUREAU, "绵阳市市场监督管理局", MIANYANG);
        jurisdiction(TOWNSHIP, "向阳镇", "TOWNSHIP", GUANGHAN);
        jurisdiction(VILLAGE, "金鱼村", "VILLAGE", TOWNSHIP);
        assertThat(admin.post("/api/bodies", Map.of("creditCode", VILLAGE_COMMITTEE, "name", "金鱼村民委员会",
                "jurisdictionCode", VILLAGE, "nature", "OTHER", "administrativeSubject", false)).status()).isIn(201, 409);
    }

    private void jurisdiction(String code, String name, String level, String parent) {
        var request = parent == null ? Map.of("code", code, "name", name, "level", level)
                : Map.of("code", code, "name", name, "level", level, "parentCode", parent);
        assertThat(admin.post("/api/jurisdictions", request).status()).isIn(201, 409);
    }

    private void body(String code, String name, String jurisdiction) {
        assertThat(admin.post("/api/bodies", Map.of("creditCode", code, "name", name, "jurisdictionCode", jurisdiction,
                "nature", "STATUTORY_ORGAN", "administrativeSubject", true)).status()).isIn(201, 409);
    }

    /** A list as an office keeps it: a title row, then the header, then the rows. */
    private static byte[] list(List<String> rows) {
        return ("德阳市权责清单(测试)\n" + HEADER + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Items of one body with implementation codes unique to this test run. */
    private static List<String> rows(int count, String body, String prefix) {
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(i + ",食品经营许可" + prefix + i + ",行政许可," + prefix + "-" + i
                    + ",《中华人民共和国食品安全法》第三十五条,3," + body + ",,20个工作日," + (i % 2 == 0 ? "即办" : "10") + ",张三");
        }
        return rows;
    }

    private ApiClient.Response upload(ApiClient client, byte[] file, boolean dryRun) {
        return client.postFile("/api/imports", Map.of("documentNumber", DOCUMENT, "effectiveDate", "2013-07-01",
                "dryRun", String.valueOf(dryRun)), "德阳市权责清单.csv", file);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private JsonNode finished(ApiClient client, String location) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !client.get(location).json().get("status").asString()
                .equals("RUNNING"));
        return client.get(location).json();
    }

    /** The id an import derives for a body's item from its implementation code (ImportedItemIds). */
    private static String importedItemId(String bodyId, String implementationCode) {
        return UUID.nameUUIDFromBytes(("power-item|" + bodyId + "|implementation|" + implementationCode)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String prefix() {
        return "T" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aDryRunReportsEveryRowItCannotTakeWithRowColumnAndReasonAndWritesNothing() {
        String p = prefix();
        List<String> rows = new ArrayList<>(rows(2, MARKET_BUREAU, p));
        rows.add("3,食品生产许可" + p + ",审批," + p + "-3,《中华人民共和国食品安全法》第三十五条,3," + MARKET_BUREAU + ",,30天,10,");
        rows.add("4,药品零售许可" + p + ",01," + p + "-4,《中华人民共和国药品管理法》第五十一条,3," + MARKET_BUREAU + ",,10,15,");
        rows.add("5,重复的一行,01," + p + "-1,《中华人民共和国食品安全法》第三十五条,3," + MARKET_BUREAU + ",,20,10,");
        rows.add("6,绵阳的事项" + p + ",01," + p + "-6,《中华人民共和国食品安全法》第三十五条,3," + MIANYANG_MARKET_BUREAU + ",,20,10,");
        rows.add("7,未登记主体的事项" + p + ",01," + p + "-7,《中华人民共和国食品安全法》第三十五条,3,,德阳市不存在局,20,10,");
        long events = count("domain_event_entry");
        long jobs = count("import_job");

        var response = upload(reform, list(rows), true);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("format").asString()).isEqualTo("CSV");
        assertThat(report.get("headerRow").asInt()).isEqualTo(2);
        assertThat(report.get("total").asInt()).isEqualTo(7);
        assertThat(report.get("readable").asInt()).isEqualTo(2);
        assertThat(report.get("toCreate").asInt()).isEqualTo(2);
        assertThat(report.get("alreadyPresent").asInt()).isZero();
        assertThat(report.get("failed").asInt()).isEqualTo(5);
        List<JsonNode> errors = new ArrayList<>();
        report.get("errors").forEach(errors::add);
        assertThat(errors).extracting(e -> e.get("row").asInt(), e -> e.get("column").asString()).containsExactly(
                tuple(5, "事项类型"), tuple(5, "法定时限"), tuple(6, "承诺时限"), tuple(7, "实施编码"),
                tuple(8, "实施主体统一社会信用代码"), tuple(9, "实施主体"));
        assertThat(errors.get(1).get("reason").asString()).contains("自然日");
        assertThat(errors.get(2).get("reason").asString()).contains("承诺时限(15个工作日)不得超过法定时限(10个工作日)");
        assertThat(errors.get(3).get("reason").asString()).contains("与第3行是同一事项");
        assertThat(errors.get(4).get("reason").asString()).contains("绵阳市市场监督管理局", "无权导入");
        assertThat(errors.get(5).get("reason").asString()).contains("尚未登记");
        assertThat(report.get("warnings").get(0).get("header").asString()).isEqualTo("联系人");
        assertThat(report.get("warnings").get(0).get("column").asString()).isEqualTo("K");

        assertThat(count("domain_event_entry")).isEqualTo(events);
        assertThat(count("import_job")).isEqualTo(jobs);
    }

    @Test
    void aRealRunRecordsEveryRowAsPublishedByTheBatchDecisionAndTheSameFileTwiceAddsNothing() {
        String p = prefix();
        byte[] file = list(rows(5, MARKET_BUREAU, p));

        var accepted = upload(reform, file, false);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String jobId = accepted.json().get("jobId").asString();
        assertThat(accepted.location()).isEqualTo("/api/imports/" + jobId);
        JsonNode job = finished(reform, accepted.location());
        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("total").asInt()).isEqualTo(5);
        assertThat(job.get("processed").asInt()).isEqualTo(5);
        assertThat(job.get("created").asInt()).isEqualTo(5);
        assertThat(job.get("alreadyPresent").asInt()).isZero();
        assertThat(job.get("failed").asInt()).isZero();
        assertThat(job.get("documentNumber").asString()).isEqualTo(DOCUMENT);
        assertThat(job.get("startedBy").asString()).isEqualTo("reform");
        assertThat(job.get("finishedAt").isNull()).isFalse();
        assertThat(job.get("warnings").get(0).get("header").asString()).isEqualTo("联系人");

        List<Map<String, Object>> published = jdbc.sql("""
                select aggregate_identifier, convert_from(payload, 'UTF8') as payload,
                       convert_from(meta_data, 'UTF8') as meta
                from domain_event_entry
                where payload_type like '%PowerItemPublished' and convert_from(payload, 'UTF8')::jsonb ->> 'importBatch' = ?""")
                .param(jobId).query().listOfRows();
        assertThat(published).hasSize(5);
        for (Map<String, Object> event : published) {
            JsonNode payload = json.readTree((String) event.get("payload"));
            assertThat(payload.get("version").asInt()).isEqualTo(1);
            assertThat(payload.get("bodyId").asString()).isEqualTo(MARKET_BUREAU);
            assertThat(payload.get("decision").get("documentNumber").asString()).isEqualTo(DOCUMENT);
            assertThat(payload.get("decision").get("effectiveDate").asString()).isEqualTo("2013-07-01");
            assertThat(json.readTree((String) event.get("meta")).get("actorUserId").asString()).isEqualTo("reform");
            String implementationCode = payload.get("content").get("implementationCode").asString();
            assertThat(event.get("aggregate_identifier")).isEqualTo(importedItemId(MARKET_BUREAU, implementationCode));
        }

        long events = count("domain_event_entry");
        var again = upload(reform, file, false);
        assertThat(again.status()).isEqualTo(202);
        JsonNode second = finished(reform, again.location());
        assertThat(second.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(second.get("created").asInt()).isZero();
        assertThat(second.get("alreadyPresent").asInt()).isEqualTo(5);
        assertThat(count("domain_event_entry")).isEqualTo(events);

        var dryRun = upload(reform, file, true).json();
        assertThat(dryRun.get("alreadyPresent").asInt()).isEqualTo(5);
        assertThat(dryRun.get("toCreate").asInt()).isZero();
    }

    @Test
    void aBatchWhoseCommitFailsIsRecordedAgainRowByRowSoTheOtherRowsStillLand() {
        // The second row's item id is already taken in the store (put there directly, so that the item directory
        // does not know it): the first batch, rows 1 and 2, fails when it commits. Row by row, the first row is
        // created and the second is found present, as if each row had had its own transaction from the start.
        String p = prefix();
        String takenId = importedItemId(MARKET_BUREAU, p + "-2");
        transactions.executeWithoutResult(tx -> eventStore.publish(new GenericDomainEventMessage<>("PowerItem",
                takenId, 0, new DelegationMessages.Receiver(MARKET_BUREAU, DEYANG, JurisdictionLevel.CITY))));

        var accepted = upload(reform, list(rows(3, MARKET_BUREAU, p)), false);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode job = finished(reform, accepted.location());
        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("processed").asInt()).isEqualTo(3);
        assertThat(job.get("created").asInt()).isEqualTo(2);
        assertThat(job.get("alreadyPresent").asInt()).isEqualTo(1);
        assertThat(job.get("failed").asInt()).isZero();
        assertThat(jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?").param(takenId)
                .query(Long.class).single()).isEqualTo(1L);
        for (String row : List.of(p + "-1", p + "-3")) {
            String itemId = importedItemId(MARKET_BUREAU, row);
            assertThat(jdbc.sql("select list_status from item_directory where item_id = ?").param(itemId)
                    .query(String.class).optional()).contains("IN_FORCE");
        }
    }

    @Test
    void aRowOfABodyAboveTheOfficesJurisdictionIsRefusedAndTheOthersAreRecorded() {
        String p = prefix();
        List<String> rows = new ArrayList<>(rows(1, GUANGHAN_MARKET_BUREAU, p));
        rows.add("2,市级事项" + p + ",01," + p + "-2,《中华人民共和国食品安全法》第三十五条,3," + MARKET_BUREAU + ",,20,10,");

        var accepted = upload(guanghanReform, list(rows), false);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode job = finished(guanghanReform, accepted.location());
        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("created").asInt()).isEqualTo(1);
        assertThat(job.get("failed").asInt()).isEqualTo(1);
        assertThat(job.get("processed").asInt()).isEqualTo(2);
        assertThat(job.get("errorCount").asInt()).isEqualTo(1);
        JsonNode error = job.get("errors").get(0);
        assertThat(error.get("row").asInt()).isEqualTo(4);
        assertThat(error.get("column").asString()).isEqualTo("实施主体统一社会信用代码");
        assertThat(error.get("reason").asString()).contains("德阳市市场监督管理局", "无权导入");
        String refusedId = importedItemId(MARKET_BUREAU, p + "-2");
        assertThat(jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?").param(refusedId)
                .query(Long.class).single()).isZero();

        // The city's office sees its own jobs, not the county's; the administrator sees every job.
        assertThat(reform.get(accepted.location()).status()).isEqualTo(403);
        assertThat(admin.get(accepted.location()).status()).isEqualTo(200);
        JsonNode own = guanghanReform.get("/api/imports?page=0&size=200").json();
        assertThat(own.get("jobs").findValuesAsString("startedByBody")).containsOnly(GUANGHAN_REFORM_OFFICE);
        assertThat(own.get("jobs").findValuesAsString("jobId")).contains(job.get("jobId").asString());
        assertThat(admin.get("/api/imports").json().get("total").asLong()).isGreaterThanOrEqualTo(own.get("total").asLong());
        var tooLarge = admin.get("/api/imports?size=201");
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.json().get("detail").asString()).isEqualTo("size: 每页条数应在1到200之间(每页最多200条)");
    }

    @Test
    void aLicenceOfAVillageBodyIsRefusedByTheDraftingRuleInTheDryRunAndTheRealRun() {
        String p = prefix();
        List<String> rows = List.of(
                "1,宅基地审批" + p + ",行政许可," + p + "-1,《中华人民共和国土地管理法》第六十二条,6," + VILLAGE_COMMITTEE + ",,20,10,",
                "2,代办便民服务" + p + ",公共服务," + p + "-2,,6," + VILLAGE_COMMITTEE + ",,5,即办,");
        long events = count("domain_event_entry");

        JsonNode report = upload(reform, list(rows), true).json();

        assertThat(report.get("toCreate").asInt()).isEqualTo(1);
        assertThat(report.get("failed").asInt()).isEqualTo(1);
        JsonNode error = report.get("errors").get(0);
        assertThat(error.get("row").asInt()).isEqualTo(3);
        assertThat(error.get("column").asString()).isEqualTo("事项类型");
        assertThat(error.get("reason").asString()).isEqualTo("实施主体“金鱼村民委员会”为村(社区)级,村(社区)不得承接行政许可事项");
        assertThat(count("domain_event_entry")).isEqualTo(events);

        var accepted = upload(reform, list(rows), false);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode job = finished(reform, accepted.location());
        assertThat(job.get("created").asInt()).isEqualTo(1);
        assertThat(job.get("failed").asInt()).isEqualTo(1);
        assertThat(job.get("errors").get(0).get("row").asInt()).isEqualTo(3);
        String refusedId = importedItemId(VILLAGE_COMMITTEE, p + "-1");
        assertThat(jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?").param(refusedId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void onlyTheReformOfficeImportsAndAFileWithoutAHeaderIsRefusedAsAProblem() {
        ApiClient clerk = ApiClient.anonymous(port, tokens).as("clerk", Role.BODY_CLERK, MARKET_BUREAU);
        byte[] file = list(rows(1, MARKET_BUREAU, prefix()));
        assertThat(upload(clerk, file, true).status()).isEqualTo(403);

        var noHeader = upload(reform, "标题\n甲,乙,丙\n1,2,3\n".getBytes(StandardCharsets.UTF_8), true);
        assertThat(noHeader.status()).isEqualTo(422);
        assertThat(noHeader.json().get("rule").asString()).isEqualTo("import-header-not-found");

        var missingLimit = upload(reform, "事项名称,事项类型,实施主体,设定依据\n甲,01,德阳市市场监督管理局,\n"
                .getBytes(StandardCharsets.UTF_8), true);
        assertThat(missingLimit.status()).isEqualTo(422);
        assertThat(missingLimit.json().get("detail").asString()).contains("法定时限");

        var noDate = reform.postFile("/api/imports", Map.of("documentNumber", DOCUMENT), "a.csv", file);
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(reform.get("/api/imports/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void aCellWithAControlCharacterIsARowErrorInTheDryRunAndWritesNothingInTheRealRun() {
        String p = prefix();
        List<String> rows = new ArrayList<>(rows(1, MARKET_BUREAU, p));
        rows.add("2,食品生产许可\u0000" + p + ",01," + p + "-2,《中华人民共和国食品安全法》第三十五条,3," + MARKET_BUREAU + ",,20,10,");
        rows.add("3,药品零售许可" + p + ",01," + p + "-3,《中华人民共和国药品管理法》\u0007第五十一条,3," + MARKET_BUREAU + ",,20,10,");
        byte[] file = list(rows);
        long events = count("domain_event_entry");

        JsonNode dryRun = upload(reform, file, true).json();
        assertThat(dryRun.get("toCreate").asInt()).isEqualTo(1);
        assertThat(dryRun.get("failed").asInt()).isEqualTo(2);
        List<JsonNode> errors = new ArrayList<>();
        dryRun.get("errors").forEach(errors::add);
        assertThat(errors).extracting(e -> e.get("row").asInt(), e -> e.get("column").asString())
                .containsExactly(tuple(4, "事项名称"), tuple(5, "设定依据"));
        assertThat(errors.get(0).get("reason").asString()).contains("控制字符", "U+0000");
        assertThat(errors.get(1).get("reason").asString()).contains("控制字符", "U+0007");
        assertThat(count("domain_event_entry")).isEqualTo(events);

        var accepted = upload(reform, file, false);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode job = finished(reform, accepted.location());
        assertThat(job.get("created").asInt()).isEqualTo(1);
        assertThat(job.get("failed").asInt()).isEqualTo(2);
        for (String refused : List.of(p + "-2", p + "-3")) {
            String refusedId = importedItemId(MARKET_BUREAU, refused);
            assertThat(jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?")
                    .param(refusedId).query(Long.class).single()).isZero();
        }
        assertThat(count("domain_event_entry")).isEqualTo(events + 1);

        // A header cell is a cell too: the column is ignored with a warning, its control character left out.
        var header = upload(reform, ("德阳市权责清单(测试)\n" + HEADER + ",备\u0000注\n" + rows(1, MARKET_BUREAU, prefix()).get(0)
                + ",\n").getBytes(StandardCharsets.UTF_8), true);
        assertThat(header.status()).as(header.body()).isEqualTo(200);
        JsonNode warning = header.json().get("warnings").get(1);
        assertThat(warning.get("header").asString()).isEqualTo("备注");
        assertThat(warning.get("message").asString()).contains("控制字符", "U+0000");
    }

    @Test
    void jobsLeftRunningByAStoppedProcessAreMarkedInterruptedAndALiveOnesAreNot() {
        String abandoned = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        insertRunningJob(abandoned, Instant.now().minus(Duration.ofHours(1)));
        insertRunningJob(live, Instant.now());

        assertThat(runner.interruptAbandonedJobs()).isEqualTo(1);

        JsonNode job = reform.get("/api/imports/" + abandoned).json();
        assertThat(job.get("status").asString()).isEqualTo("INTERRUPTED");
        assertThat(job.get("finishedAt").isNull()).isFalse();
        assertThat(job.get("failure").asString()).contains("重新导入同一文件");
        assertThat(reform.get("/api/imports/" + live).json().get("status").asString()).isEqualTo("RUNNING");
        jdbc.sql("delete from import_job where job_id = ?").param(live).update();
    }

    private void insertRunningJob(String jobId, Instant heartbeat) {
        jdbc.sql("""
                insert into import_job (job_id, status, file_name, format, document_number, effective_date, started_by,
                    started_by_body, total, processed, created, already_present, failed, warnings, runner, started_at,
                    heartbeat_at)
                values (?, 'RUNNING', 'x.csv', 'CSV', ?, date '2013-07-01', 'reform', ?, 10, 3, 3, 0, 0, '[]',
                    'another-process', ?, ?)""")
                .params(jobId, DOCUMENT, REFORM_OFFICE, SqlValues.timestamp(heartbeat), SqlValues.timestamp(heartbeat))
                .update();
    }
}
