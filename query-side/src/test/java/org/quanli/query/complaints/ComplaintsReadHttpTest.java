package org.quanli.query.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import java.util.List;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.cases.CaseType;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.complaints.ComplaintCategory;
import org.quanli.kernel.complaints.ComplaintChannel;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.quanli.query.cases.CaseEvents;
import org.quanli.query.complaints.ComplaintEvents.Complaint;
import org.quanli.testing.ApiClient;
import org.quanli.testing.ApiClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Who reads which complaints over HTTP, whose identity they see and that it is logged; the links from a case's trail
 * and an item; the public replies, statistics and channels, none of which carries the complainant.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplaintsReadHttpTest {

    private static final String[] PERSONAL = {"王小明", "13900001111", "龙泉路"};

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoTokens tokens;
    @LocalServerPort
    int port;

    ComplaintDataset dataset;
    ApiClient anonymous;
    String caseId;
    Complaint aboutCase;
    String otherCounty;
    String otherBody;

    @BeforeAll
    void load() {
        dataset = ComplaintDataset.load(eventStore, transactions, jdbc);
        anonymous = ApiClient.anonymous(port, tokens);
        CaseEvents cases = new CaseEvents(eventStore, transactions, jdbc);
        CaseEvents.Stream caseStream = cases.caseOf(dataset.bodyA);
        caseStream.then(new CaseSubmitted(caseStream.id, dataset.itemIA.id, dataset.bodyA, Channel.WINDOW,
                CaseEvents.APPLICANT, CaseEvents.date("2017-06-01"), List.of("申请书"), 1, CaseType.PROMISED, "1号窗口",
                null));
        caseId = caseStream.id;
        ComplaintEvents events = new ComplaintEvents(eventStore, transactions, jdbc);
        aboutCase = events.complaint(dataset.bodyR)
                .registered(ComplaintChannel.WINDOW, "2017-06-05T09:00:00", ComplaintEvents.COMPLAINANT,
                        dataset.bodyA, dataset.county, dataset.itemIA.id, caseId, ComplaintCategory.EFFICIENCY)
                .transferred(dataset.bodyA, dataset.county, "2017-06-05", "2017-06-19");
        otherCounty = cases.cityAndCounty()[1];
        otherBody = cases.body(otherCounty, "另一县公安局");
        events.awaitProjected(List.of(aboutCase));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from case_view where case_id = ?").param(caseId).query(Long.class).single() == 1
                // The other county's auditor is refused as unregistered (403) until the body is projected.
                && jdbc.sql("select count(*) from body_view where body_id = ?").param(otherBody)
                .query(Long.class).single() == 1);
    }

    private ApiClient as(Role role, String body) {
        return anonymous.as("user-" + role.name().toLowerCase() + "-" + body, role, body);
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private long logged(String complaintId) {
        return jdbc.sql("select count(*) from personal_data_access where case_id = ? and record_kind = 'COMPLAINT'")
                .param(complaintId).query(Long.class).single();
    }

    @Test
    void theHandlerOfTheResponsibleBodySeesTheComplainantInFullAndTheViewIsLogged() {
        String id = dataset.overdue.id;
        long before = logged(id);
        JsonNode complaint = ok(as(Role.COMPLAINT_HANDLER, dataset.bodyA).get("/api/complaints/" + id));
        assertThat(complaint.get("complainant").get("name").asString()).isEqualTo("王小明");
        assertThat(complaint.get("complainant").get("phone").asString()).isEqualTo("13900001111");
        assertThat(complaint.get("complainantMasked").asBoolean()).isFalse();
        assertThat(complaint.get("overdue").asBoolean()).isTrue();
        assertThat(complaint.get("flagLevel").asString()).isEqualTo("RED");
        assertThat(logged(id)).isEqualTo(before + 1);

        // Another body's handler: as if it did not exist.
        assertThat(as(Role.COMPLAINT_HANDLER, dataset.bodyB).get("/api/complaints/" + id).status()).isEqualTo(404);
        // The reception that registered it reads it too, in full.
        JsonNode registered = ok(as(Role.COMPLAINT_RECEPTION, dataset.bodyR).get("/api/complaints/" + id));
        assertThat(registered.get("complainant").get("name").asString()).isEqualTo("王小明");
    }

    @Test
    void auditorsReadTheirJurisdictionMaskedAndNothingIsLogged() {
        String id = dataset.overdue.id;
        long before = logged(id);
        Response response = as(Role.AUDITOR, dataset.bodyR).get("/api/complaints/" + id);
        JsonNode complaint = ok(response);
        assertThat(complaint.get("complainant").get("name").asString()).isEqualTo("王**");
        assertThat(complaint.get("complainantMasked").asBoolean()).isTrue();
        assertThat(response.body()).doesNotContain(PERSONAL);
        assertThat(logged(id)).isEqualTo(before);

        JsonNode list = ok(as(Role.SUPERVISION_OFFICE, dataset.bodyR).get("/api/complaints?jurisdiction="
                + dataset.county + "&receivedFrom=2017-01-01&receivedTo=2017-12-31&size=200"));
        assertThat(list.get("total").asLong()).isEqualTo(5);
        JsonNode anonymousComplaint = null;
        for (JsonNode c : list.get("complaints")) {
            if (c.get("complaintId").asString().equals(dataset.anonymous.id)) {
                anonymousComplaint = c;
            }
        }
        assertThat(anonymousComplaint).isNotNull();
        assertThat(anonymousComplaint.get("anonymous").asBoolean()).isTrue();
        assertThat(anonymousComplaint.get("complainant").isNull()).isTrue();

        // An auditor of another county sees none of it.
        assertThat(as(Role.AUDITOR, otherBody).get("/api/complaints/" + id).status()).isEqualTo(404);
        assertThat(ok(as(Role.AUDITOR, otherBody).get("/api/complaints?jurisdiction=" + dataset.county))
                .get("total").asLong()).isZero();
        // Other roles read no complaints.
        assertThat(as(Role.WINDOW_OFFICER, dataset.bodyA).get("/api/complaints").status()).isEqualTo(403);
        assertThat(as(Role.BODY_CLERK, dataset.bodyA).get("/api/complaints/" + id).status()).isEqualTo(403);
        assertThat(anonymous.get("/api/complaints").status()).isEqualTo(401);
    }

    @Test
    void theTrailKeepsTheDateAboutApartFromTheTimeRecordedAndNamesEveryActor() {
        JsonNode trail = ok(as(Role.AUDITOR, dataset.bodyR).get("/api/complaints/" + dataset.transferOn.id
                + "/trail"));
        assertThat(trail.get("total").asLong()).isEqualTo(8);
        JsonNode receipt = trail.get("entries").get(0);
        assertThat(receipt.get("aboutDate").asString()).isEqualTo("2017-02-06");
        assertThat(receipt.get("receivedAt").asString()).startsWith("2017-02-06T10:30");
        assertThat(receipt.get("recordedAt").asString()).isNotBlank();
        assertThat(receipt.get("actor").get("role").asString()).isEqualTo("COMPLAINT_RECEPTION");
        assertThat(receipt.get("evidence").get("eventId").asString()).isNotBlank();
        assertThat(trail.get("entries").get(2).get("facts").get("toBodyId").asString()).isEqualTo(dataset.bodyB);
        assertThat(trail.get("definitions").has("dueOn")).isTrue();
        assertThat(trail.toString()).doesNotContain(PERSONAL);
    }

    @Test
    void aComplaintAboutACaseIsOnTheCasesTrailAndOneAboutAnItemOnTheItemsComplaints() {
        JsonNode caseTrail = ok(as(Role.AUDITOR, null).get("/api/cases/" + caseId + "/trail"));
        assertThat(caseTrail.get("complaints")).hasSize(1);
        JsonNode linked = caseTrail.get("complaints").get(0);
        assertThat(linked.get("complaintId").asString()).isEqualTo(aboutCase.id);
        assertThat(linked.get("channelLabel").asString()).isEqualTo("窗口");
        assertThat(linked.get("status").asString()).isEqualTo("TRANSFERRED");
        assertThat(caseTrail.toString()).doesNotContain(PERSONAL);

        JsonNode itemComplaints = ok(as(Role.BODY_CLERK, dataset.bodyA).get("/api/items/" + dataset.itemIA.id
                + "/complaints?size=200"));
        // 20 of 2016, the overdue one of 2017 and the one about the case.
        assertThat(itemComplaints.get("total").asLong()).isEqualTo(22);
        assertThat(itemComplaints.toString()).doesNotContain(PERSONAL).doesNotContain("营业执照");
        // Not a public page.
        assertThat(anonymous.get("/api/items/" + dataset.itemIA.id + "/complaints").status()).isEqualTo(401);
    }

    @Test
    void publicRepliesStatisticsAndChannelsCarryNoPersonalData() {
        Response replies = anonymous.get("/api/public/complaints/replies?jurisdiction=" + dataset.county);
        JsonNode answer = ok(replies);
        assertThat(answer.get("total").asLong()).isEqualTo(1);
        JsonNode reply = answer.get("replies").get(0);
        assertThat(reply.get("reply").asString()).contains("王**", "139****1111");
        assertThat(reply.get("bodyId").asString()).isEqualTo(dataset.bodyA);
        assertThat(replies.body()).doesNotContain(PERSONAL).doesNotContain("complainant");

        Response statistics = anonymous.get("/api/public/statistics/complaints?from=2016-01-01&to=2016-12-31"
                + "&granularity=year&jurisdictionCode=" + dataset.county);
        JsonNode figures = ok(statistics);
        for (JsonNode figure : figures.get("figures")) {
            if (figure.get("code").asString().equals("satisfactionRate")) {
                assertThat(figure.get("total").get("value").decimalValue()).isEqualByComparingTo("0.8983");
                assertThat(figure.get("formula").asString()).contains("满意");
            }
        }
        assertThat(statistics.body()).doesNotContain(PERSONAL);
        assertThat(ok(anonymous.get("/api/public/statistics/complaints/definitions")).get("version").asString())
                .isEqualTo("complaints-v1");

        JsonNode channels = ok(anonymous.get("/api/public/bodies/" + dataset.bodyA + "/complaint-channels"));
        assertThat(channels.get("channels").get(0).get("channel").asString()).isEqualTo("HOTLINE_12345");
        assertThat(channels.get("channels").get(0).get("contact").asString()).isEqualTo("12345");
        // The body's portal page lists the same channels with its latest published replies.
        Response page = anonymous.get("/portal/bodies/" + dataset.bodyA);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("投诉举报渠道", "12345", "投诉公开回复", reply.get("reply").asString())
                .doesNotContain(PERSONAL);
        assertThat(anonymous.get("/portal/bodies/" + otherBody).body()).contains("暂无公开回复");
        JsonNode county = ok(anonymous.get("/api/public/jurisdictions/" + dataset.county + "/complaint-channels"));
        assertThat(county).hasSize(3);
        assertThat(anonymous.get("/api/public/bodies/11510000000000000X/complaint-channels").status())
                .isEqualTo(404);
    }

    @Test
    void statisticsSignedInAreHeldToTheReadersJurisdictionAndBadParametersAreNamed() {
        JsonNode own = ok(as(Role.REFORM_OFFICE, dataset.bodyR).get("/api/statistics/complaints?from=2016-01-01"
                + "&to=2016-12-31&granularity=year"));
        assertThat(received(own)).isEqualTo(59);
        JsonNode other = ok(as(Role.AUDITOR, otherBody).get("/api/statistics/complaints?from=2016-01-01"
                + "&to=2016-12-31&granularity=year&jurisdictionCode=" + dataset.county));
        assertThat(received(other)).isZero();
        assertThat(as(Role.COMPLAINT_HANDLER, dataset.bodyA).get("/api/statistics/complaints?from=2016-01-01"
                + "&to=2016-12-31").status()).isEqualTo(403);

        Response twoDimensions = anonymous.get("/api/public/statistics/complaints?from=2016-01-01&to=2016-12-31"
                + "&bodyId=" + dataset.bodyA + "&channel=HOTLINE");
        assertThat(twoDimensions.status()).isEqualTo(400);
        assertThat(twoDimensions.body()).contains("one-dimension");
        Response reversed = anonymous.get("/api/public/statistics/complaints?from=2016-12-31&to=2016-01-01");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.body()).contains("from");
        assertThat(anonymous.get("/api/public/statistics/complaints?from=2016-01-01&to=2016-12-31&channel=PIGEON")
                .status()).isEqualTo(400);
        assertThat(anonymous.get("/api/public/statistics/complaints?from=2016-01-01&to=2016-12-31&bodyId="
                + "11510000000000000X").status()).isEqualTo(404);
    }

    private static long received(JsonNode statistics) {
        for (JsonNode figure : statistics.get("figures")) {
            if (figure.get("code").asString().equals("received")) {
                return figure.get("total").get("value").asLong();
            }
        }
        throw new AssertionError("no received figure");
    }
}
