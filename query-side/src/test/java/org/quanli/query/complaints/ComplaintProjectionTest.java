package org.quanli.query.complaints;

import org.springframework.beans.factory.ListableBeanFactory;
import org.quanli.query.testing.Replays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.complaints.ComplaintCategory;
import org.quanli.kernel.complaints.ComplaintChannel;
import org.quanli.kernel.complaints.ComplaintRating;
import org.quanli.query.QuerySideApplication;
import org.quanli.query.cases.CaseEvents;
import org.quanli.query.complaints.ComplaintEvents.Complaint;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** Complaint events in, rows out: the trail, the state, the reply limits, the sealed complainant; and a replay. */
@SpringBootTest(classes = QuerySideApplication.class)
@ActiveProfiles({"test", "demo"})
class ComplaintProjectionTest {

    @Autowired
    ListableBeanFactory beans;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aTransferredOnReopenedComplaintLeavesItsTrailItsStateAndItsLimitsWithTheComplainantSealed() {
        ComplaintEvents events = new ComplaintEvents(eventStore, transactions, jdbc);
        String county = new CaseEvents(eventStore, transactions, jdbc).cityAndCounty()[1];
        String reception = events.ledger().body(county, "测试县政务服务中心");
        String first = events.ledger().body(county, "测试县公安局");
        String second = events.ledger().body(county, "测试县市场监督管理局");
        // Back-filled a year later: the dates the steps are about and the time they were recorded differ.
        events.ledger().recordingAt(Instant.parse("2018-03-01T02:00:00Z"));
        Complaint complaint = events.complaint(reception)
                .registered(ComplaintChannel.HOTLINE_12345, "2017-02-06T10:30:00", ComplaintEvents.COMPLAINANT,
                        first, county, null, null, ComplaintCategory.INACTION)
                .transferred(first, county, "2017-02-06", "2017-02-20")
                .transferredOn(second, county, "2017-02-07")
                .accepted("2017-02-08")
                .concluded("2017-02-10", true)
                .replied("2017-02-10", true, ComplaintDataset.REPLY)
                .rated(ComplaintRating.DISSATISFIED, "2017-02-13")
                .reopened("2017-02-14", "2017-02-28")
                .flagged(SupervisionLevel.YELLOW, "2017-02-24")
                .flagged(SupervisionLevel.RED, "2017-03-01");
        events.awaitProjected(List.of(complaint));

        Map<String, Object> row = jdbc.sql("select * from complaint_view where complaint_id = ?").param(complaint.id)
                .query().singleRow();
        assertThat(row).containsEntry("channel", "HOTLINE_12345").containsEntry("category", "INACTION")
                .containsEntry("body_id", first).containsEntry("responsible_body_id", second)
                .containsEntry("registered_by_body_id", reception).containsEntry("transfers_on", 1)
                .containsEntry("status", "REOPENED").containsEntry("round", 2)
                .containsEntry("due_on", java.sql.Date.valueOf("2017-02-28"))
                .containsEntry("concluded_on", java.sql.Date.valueOf("2017-02-10"))
                .containsEntry("concluded_within_limit", true)
                .containsEntry("first_replied_on", java.sql.Date.valueOf("2017-02-10"))
                .containsEntry("rating", "DISSATISFIED")
                .containsEntry("reopened_on", java.sql.Date.valueOf("2017-02-14"))
                .containsEntry("flag_level", "RED").containsEntry("flagged_on", java.sql.Date.valueOf("2017-03-01"))
                .containsEntry("anonymous", false)
                .containsEntry("complainant_name", "王**").containsEntry("complainant_phone", "139****1111")
                .containsEntry("sequence_number", 9L);
        assertThat((String) row.get("public_reply")).contains("王**", "139****1111")
                .doesNotContain("王小明", "13900001111");

        // Sealed: ciphertext, no name or phone in clear.
        String sealed = jdbc.sql("select sealed from complaint_complainant where complaint_id = ?")
                .param(complaint.id).query(String.class).single();
        assertThat(sealed).doesNotContain("王小明", "13900001111", "龙泉路");

        assertThat(jdbc.sql("select round, body_id, started_on, due_on, ended_on from complaint_round "
                + "where complaint_id = ? order by round").param(complaint.id).query().listOfRows())
                .extracting(r -> List.of(r.get("round"), r.get("body_id"), r.get("started_on").toString(),
                        r.get("due_on").toString(), String.valueOf(r.get("ended_on"))))
                .containsExactly(List.of(1, second, "2017-02-06", "2017-02-20", "2017-02-10"),
                        List.of(2, second, "2017-02-14", "2017-02-28", "null"));

        List<Map<String, Object>> trail = jdbc.sql("select * from complaint_trail where complaint_id = ? "
                + "order by sequence_number").param(complaint.id).query().listOfRows();
        assertThat(trail).extracting(r -> r.get("event_type")).containsExactly("ComplaintRegistered",
                "ComplaintTransferred", "ComplaintTransferredOn", "ComplaintAccepted", "ComplaintConcluded",
                "ComplaintReplied", "ComplaintRated", "ComplaintReopened", "ComplaintFlagged", "ComplaintFlagged");
        Map<String, Object> receipt = trail.get(0);
        assertThat(receipt.get("about_date").toString()).isEqualTo("2017-02-06");
        assertThat(receipt.get("about_time").toString()).startsWith("2017-02-06 10:30");
        assertThat(((java.sql.Timestamp) receipt.get("recorded_at")).toInstant())
                .isEqualTo(Instant.parse("2018-03-01T02:00:00Z"));
        assertThat(receipt).containsEntry("actor_role", "COMPLAINT_RECEPTION").containsEntry("actor_body", reception);
        assertThat(trail.get(2)).containsEntry("label", "非本单位职责,转交责任单位(时限不变)")
                .containsEntry("actor_role", "COMPLAINT_HANDLER").containsEntry("actor_body", first)
                .containsEntry("body_id", second).containsEntry("round", 1);
        assertThat(trail.get(7).get("label")).isEqualTo("不满意,重新办理(重新计时)");
        assertThat(trail.get(9).get("label")).isEqualTo("红牌警告:超期未答复");
        // The complainant, the complaint's text and the answer never enter the trail.
        assertThat(trail).allSatisfy(r -> assertThat(r.get("facts").toString())
                .doesNotContain("王小明", "王**", "13900001111", "营业执照", "已电话告知"));
    }

    @Test
    void anEscalationEndsTheLimitThenRunningAndStartsANewOneWithTheBodyAbove() {
        ComplaintEvents events = new ComplaintEvents(eventStore, transactions, jdbc);
        String[] places = new CaseEvents(eventStore, transactions, jdbc).cityAndCounty();
        String reception = events.ledger().body(places[1], "测试县政务服务中心");
        String county = events.ledger().body(places[1], "测试县住房和城乡建设局");
        String city = events.ledger().body(places[0], "测试市住房和城乡建设局");
        Complaint complaint = events.complaint(reception)
                .registered(ComplaintChannel.VISIT, "2017-05-02T09:00:00", ComplaintEvents.COMPLAINANT, county,
                        places[1], null, null, ComplaintCategory.UNLAWFUL_EXERCISE)
                .transferred(county, places[1], "2017-05-02", "2017-05-16")
                .accepted("2017-05-03")
                .flagged(SupervisionLevel.RED, "2017-05-17");
        complaint.then(new org.quanli.kernel.complaints.ComplaintMessages.ComplaintEscalated(complaint.id, county,
                places[1], city, places[0], List.of("超期未答复,提级办理"), LocalDate.parse("2017-05-18"), 15,
                LocalDate.parse("2017-06-08"), 2), ComplaintEvents.reception(reception));
        events.awaitProjected(List.of(complaint));

        Map<String, Object> row = jdbc.sql("select * from complaint_view where complaint_id = ?").param(complaint.id)
                .query().singleRow();
        assertThat(row).containsEntry("responsible_body_id", city).containsEntry("status", "TRANSFERRED")
                .containsEntry("round", 2).containsEntry("escalated_on", java.sql.Date.valueOf("2017-05-18"))
                .containsEntry("due_on", java.sql.Date.valueOf("2017-06-08")).containsEntry("accepted_on", null)
                .containsEntry("flag_level", null);
        assertThat(jdbc.sql("select round, body_id, ended_on from complaint_round where complaint_id = ? "
                + "order by round").param(complaint.id).query().listOfRows())
                .extracting(r -> List.of(r.get("round"), r.get("body_id"), String.valueOf(r.get("ended_on"))))
                .containsExactly(List.of(1, county, "2017-05-18"), List.of(2, city, "null"));
    }

    @Test
    void anErasedComplainantReadsAsErasedAndTheComplaintStays() {
        ComplaintEvents events = new ComplaintEvents(eventStore, transactions, jdbc);
        String county = new CaseEvents(eventStore, transactions, jdbc).cityAndCounty()[1];
        String reception = events.ledger().body(county, "测试县政务服务中心");
        String body = events.ledger().body(county, "测试县交通运输局");
        // A person of this test only: erasing the shared test complainant would change the other tests.
        String phone = "137" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current()
                .nextInt(100_000_000));
        Complaint complaint = events.complaint(reception)
                .registered(ComplaintChannel.HOTLINE_12345, "2017-07-03T11:00:00",
                        new org.quanli.kernel.complaints.Complainant("孙二娘", phone, null, null, null), body, county,
                        null, null, ComplaintCategory.CONDUCT);
        events.awaitProjected(List.of(complaint));
        String subject = jdbc.sql("select subject_id from complaint_complainant where complaint_id = ?")
                .param(complaint.id).query(String.class).single();
        assertThat(subject).isNotBlank();

        events.ledger().append(subject, 0, new org.quanli.kernel.personal.PersonalDataMessages.SubjectErased(
                subject, org.quanli.kernel.personal.PersonalDataMessages.ErasureGround.CONSENT_WITHDRAWN,
                "个保〔2018〕1号", LocalDate.parse("2018-01-10")),
                new org.quanli.kernel.identity.Actor("privacy", "个人信息保护负责人",
                        org.quanli.kernel.identity.Role.PERSONAL_INFORMATION_OFFICER, null));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.sql(
                "select complainant_name, complainant_phone, status from complaint_view where complaint_id = ?")
                .param(complaint.id).query().singleRow())
                .containsEntry("complainant_name", "[已删除]").containsEntry("complainant_phone", "[已删除]")
                .containsEntry("status", "REGISTERED"));
    }

    @Test
    void aReplayOfTheProjectionsGivesIdenticalRows() {
        ComplaintDataset dataset = ComplaintDataset.load(eventStore, transactions, jdbc);
        List<String> ids = dataset.all().stream().map(c -> c.id).toList();
        List<List<Map<String, Object>>> before = rows(ids);
        assertThat(before.get(0)).hasSize(63);

        // The reset handlers empty the tables: what follows is rebuilt from the events alone.
        Replays.replay(beans, List.of(ComplaintViewProjection.GROUP), () -> assertThat(rows(ids).get(0)).isEmpty());
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(rows(ids)).isEqualTo(before));
    }

    private List<List<Map<String, Object>>> rows(List<String> ids) {
        return List.of(
                jdbc.sql("select * from complaint_view where complaint_id in (:ids) order by complaint_id")
                        .param("ids", ids).query().listOfRows(),
                jdbc.sql("select * from complaint_trail where complaint_id in (:ids) order by event_id")
                        .param("ids", ids).query().listOfRows(),
                jdbc.sql("select * from complaint_round where complaint_id in (:ids) order by complaint_id, round")
                        .param("ids", ids).query().listOfRows(),
                jdbc.sql("select complaint_id, subject_id from complaint_complainant where complaint_id in (:ids) "
                        + "order by complaint_id").param("ids", ids).query().listOfRows());
    }
}
