package org.quanli.query.cases;

import org.springframework.beans.factory.ListableBeanFactory;
import org.quanli.query.testing.Replays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.cases.CaseEvents.APPLICANT;
import static org.quanli.query.cases.CaseEvents.date;
import static org.quanli.query.cases.CaseEvents.time;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.cases.CaseMessages.*;
import org.quanli.kernel.cases.CaseMessages;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.CaseQueries.*;
import org.quanli.kernel.cases.CaseStatus;
import org.quanli.kernel.cases.CaseTime;
import org.quanli.kernel.cases.CaseType;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.cases.JointApprovalMessages.JointApprovalConcluded;
import org.quanli.kernel.cases.JointApprovalMessages.JointApprovalExtended;
import org.quanli.kernel.cases.JointApprovalMessages.JointApprovalStarted;
import org.quanli.kernel.cases.JointApprovalMessages.JointPart;
import org.quanli.kernel.cases.JointApprovalMessages.JointPartConcluded;
import org.quanli.kernel.cases.JointApprovalMessages.JointPartEnded;
import org.quanli.kernel.cases.Satisfaction;
import org.quanli.kernel.cases.SpecialProcedureKind;
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.cases.SupervisionTrigger;
import org.quanli.kernel.cases.Suspension;
import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.kernel.rules.NotFound;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.personal.PersonalDataCodec;
import org.quanli.platform.projections.ProjectionStatuses;
import org.quanli.query.QuerySideApplication;
import org.quanli.query.cases.CaseEvents.Stream;
import org.quanli.query.testing.CaughtUp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** Events in, rows out: every case event lands in the case view, the trail and the flags; a replay gives the same. */
@SpringBootTest(classes = QuerySideApplication.class)
@ActiveProfiles({"test", "demo"})
class CaseProjectionTest {

    @Autowired
    ListableBeanFactory beans;
    @Autowired
    ProjectionStatuses statuses;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    QueryAsker queries;
    @Autowired
    PersonalDataCodec personalData;

    CaseEvents events;
    String city;
    String county;
    String bureau;

    @BeforeEach
    void places() {
        events = new CaseEvents(eventStore, transactions, jdbc);
        String[] places = events.cityAndCounty();
        city = places[0];
        county = places[1];
        bureau = events.body(county, "测试县市场监督管理局");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from body_view where body_id = ?")
                .param(bureau).query(Long.class).single() == 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> CaughtUp.everyStreamingProjection(statuses));
    }

    private static final String ITEM = "6b1a3f0e-0000-4000-8000-000000000001";

    /**
     * Accepted on 30 September 2019, the last working day before the National Day holiday (1–7 October; Saturday
     * 12 October is a make-up working day): ten promised working days end on 18 October. A hearing from 14 to 16
     * October (three working days) moves the deadline to 23 October; ten more approved on 18 October to 6 November.
     */
    private Stream fullCase(Instant recordedAt) {
        events.recordingAt(recordedAt);
        List<Suspension> hearing = List.of(new Suspension(date("2019-10-14"), date("2019-10-16")));
        Stream c = events.caseOf(bureau);
        c.then(new CaseSubmitted(c.id, ITEM, bureau, Channel.WINDOW, APPLICANT, date("2019-09-26"),
                        List.of("申请书", "身份证明"), 1, CaseType.PROMISED, "3号综合窗口", null))
                .then(new CorrectionRequested(c.id, List.of("营业执照复印件"), date("2019-09-26"), 0, false))
                .then(new CorrectionCompleted(c.id, date("2019-09-27")))
                .then(new CaseAccepted(c.id, ITEM, bureau, date("2019-09-30"), AcceptanceCapacity.OWN, null, null, 1,
                        CaseType.PROMISED, 20, false, time("2019-09-30", 10, 0, List.of(), "2019-09-30")))
                .then(new ReviewStepRecorded(c.id, "初审", "行政审批科", "李审查", "材料齐全", date("2019-10-08"),
                        date("2019-10-12"), 3, 4, true, 1, time("2019-09-30", 10, 0, List.of(), "2019-10-12")))
                .then(new CaseFlagged(c.id, SupervisionLevel.RED, SupervisionTrigger.REVIEW_STEP_OVER_LIMIT,
                        date("2019-10-12"), "初审用时 4 个工作日,超过环节时限 3 个工作日", 1,
                        time("2019-09-30", 10, 0, List.of(), "2019-10-12")))
                .then(new SpecialProcedureStarted(c.id, SpecialProcedureKind.HEARING, "申请人要求听证",
                        date("2019-10-14"), 1, time("2019-09-30", 10, 0,
                        List.of(new Suspension(date("2019-10-14"), null)), "2019-10-14")))
                .then(new SpecialProcedureEnded(c.id, SpecialProcedureKind.HEARING, date("2019-10-14"),
                        date("2019-10-16"), 3, 1, time("2019-09-30", 10, 0, hearing, "2019-10-16")))
                .then(new CaseExtended(c.id, 10, "需现场核查", "赵局长", date("2019-10-18"), false, 1,
                        time("2019-09-30", 10, 10, hearing, "2019-10-18")))
                .then(new CaseDecided(c.id, true, List.of(), date("2019-10-25"), 1,
                        time("2019-09-30", 10, 10, hearing, "2019-10-25")))
                .then(new CaseConcluded(c.id, ITEM, bureau, date("2019-09-30"), date("2019-10-25"), true, 1,
                        time("2019-09-30", 10, 10, hearing, "2019-10-25")))
                .then(new ResultDelivered(c.id, date("2019-10-28"), "邮寄送达"))
                .then(new CaseEvaluated(c.id, Satisfaction.VERY_DISSATISFIED, Channel.ONLINE, "张三丰 13812345678 不满意",
                        date("2019-10-29"), true, date("2019-11-05")))
                .then(new BadReviewFollowedUp(c.id, "已电话回访并改进", date("2019-10-31"), 2, true))
                .then(new FollowUpRated(c.id, Satisfaction.SATISFIED, Channel.ONLINE, date("2019-11-01")))
                .then(new RatingAppealed(c.id, "评价与办理无关", date("2019-11-01")))
                .then(new RatingAppealReviewed(c.id, false, "评价属实,维持", date("2019-11-04")));
        events.recordingAt(null);
        return c;
    }

    @Test
    void everyStepOfACaseIsInItsTrailWithTheTimeArithmeticTheActorAndTheEvidence() {
        Instant recorded = Instant.parse("2019-11-04T08:00:00Z");
        Stream c = fullCase(recorded);
        events.awaitCases(c);

        List<Map<String, Object>> trail = jdbc.sql("select * from case_trail where case_id = ? order by sequence_number")
                .param(c.id).query().listOfRows();
        assertThat(trail).extracting(r -> r.get("event_type")).containsExactly("CaseSubmitted", "CorrectionRequested",
                "CorrectionCompleted", "CaseAccepted", "ReviewStepRecorded", "CaseFlagged", "SpecialProcedureStarted",
                "SpecialProcedureEnded", "CaseExtended", "CaseDecided", "CaseConcluded", "ResultDelivered",
                "CaseEvaluated", "BadReviewFollowedUp", "FollowUpRated", "RatingAppealed", "RatingAppealReviewed");
        assertThat(trail).extracting(r -> r.get("label")).startsWith("收件(窗口)", "一次性告知补正", "补正完成", "受理",
                "审查环节:初审(超过环节时限)", "红牌警告:审查环节超时", "特别程序开始:听证(中止计时)");
        // The date each step is about, apart from the time it was recorded.
        assertThat(trail).extracting(r -> r.get("about_date").toString()).startsWith("2019-09-26", "2019-09-26",
                "2019-09-27", "2019-09-30", "2019-10-12");
        assertThat(trail).allSatisfy(r -> assertThat(((java.sql.Timestamp) r.get("recorded_at")).toInstant())
                .isEqualTo(recorded));
        assertThat(trail).allSatisfy(r -> {
            assertThat(r.get("actor_role")).isEqualTo("WINDOW_OFFICER");
            assertThat(r.get("actor_body")).isEqualTo(bureau);
        });
        // Evidence: each row's event id and its own position in the store.
        for (Map<String, Object> row : trail) {
            assertThat(jdbc.sql("select global_index from domain_event_entry where event_identifier = ?")
                    .param(row.get("event_id")).query(Long.class).single()).isEqualTo(row.get("position"));
        }

        Map<String, Object> accepted = trail.get(3);
        assertThat(accepted.get("deadline").toString()).isEqualTo("2019-10-18");
        assertThat(accepted).containsEntry("promised_days", 10).containsEntry("working_days", 0)
                .containsEntry("remaining_days", 10).containsEntry("overdue", false).containsEntry("item_version", 1);
        Map<String, Object> review = trail.get(4);
        // 8–12 October: 8, 9, 10, 11 and the make-up Saturday 12 are the first five working days after acceptance.
        assertThat(review).containsEntry("working_days", 5).containsEntry("remaining_days", 5);
        Map<String, Object> hearingEnded = trail.get(7);
        assertThat(hearingEnded.get("deadline").toString()).isEqualTo("2019-10-23");
        assertThat(hearingEnded).containsEntry("suspended_days", 3).containsEntry("working_days", 5);
        Map<String, Object> extended = trail.get(8);
        assertThat(extended.get("deadline").toString()).isEqualTo("2019-11-06");
        assertThat(extended).containsEntry("extension_days", 10).containsEntry("working_days", 7)
                .containsEntry("remaining_days", 13);
        Map<String, Object> concluded = trail.get(10);
        assertThat(concluded).containsEntry("working_days", 12).containsEntry("remaining_days", 8)
                .containsEntry("overdue", false);
        // Steps that carry no version were handled under the one the case was accepted under.
        assertThat(trail.get(11)).containsEntry("item_version", 1);
        assertThat(trail.get(11).get("time_as_of")).isNull();

        assertThat(trail.get(4).get("facts").toString()).contains("\"unit\": \"行政审批科\"")
                .contains("\"officer\": \"李审查\"").contains("\"limitDays\": 3").contains("\"overItsLimit\": true");
        assertThat(trail.get(8).get("facts").toString()).contains("\"approvedBy\": \"赵局长\"");
        assertThat(trail.get(0).get("facts").toString()).contains("3号综合窗口").contains("申请书");
        // Never personal data: not on receipt, not in the applicant's comment.
        assertThat(trail.toString()).doesNotContain("张三丰").doesNotContain("510106199001011234")
                .doesNotContain("13812345678");
    }

    @Test
    void aConclusionClosesTheFlagsAboutHandlingAndTheLevelIsThatOfTheFlagsStillOpen() {
        Stream c = events.caseOf(bureau);
        c.then(new CaseSubmitted(c.id, ITEM, bureau, Channel.WINDOW, APPLICANT, date("2019-09-26"),
                        List.of("申请书"), 1, CaseType.PROMISED, "1号窗口", null))
                .then(new CaseAccepted(c.id, ITEM, bureau, date("2019-09-30"), AcceptanceCapacity.OWN, null, null, 1,
                        CaseType.PROMISED, 20, false, time("2019-09-30", 10, 0, List.of(), "2019-09-30")))
                .then(new CaseFlagged(c.id, SupervisionLevel.YELLOW, SupervisionTrigger.BAD_REVIEW_NOT_FOLLOWED_UP,
                        date("2019-10-08"), "差评未回访", 1, time("2019-09-30", 10, 0, List.of(), "2019-10-08")))
                .then(new CaseFlagged(c.id, SupervisionLevel.RED, SupervisionTrigger.OVERDUE,
                        date("2019-10-15"), "已超期", 1, time("2019-09-30", 10, 0, List.of(), "2019-10-15")));
        events.awaitCases(c);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(level(c)).isEqualTo("RED"));

        c.then(new CaseConcluded(c.id, ITEM, bureau, date("2019-09-30"), date("2019-10-16"), false, 1,
                time("2019-09-30", 10, 0, List.of(), "2019-10-16")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.sql("select status from case_view where case_id = ?").param(c.id).query(String.class)
                    .single()).isEqualTo("CONCLUDED");
            assertThat(level(c)).isEqualTo("YELLOW");
        });
        assertThat(jdbc.sql("select trigger, closed from case_flag where case_id = ? order by trigger").param(c.id)
                .query((rs, n) -> rs.getString(1) + "=" + rs.getBoolean(2)).list())
                .containsExactly("BAD_REVIEW_NOT_FOLLOWED_UP=false", "OVERDUE=true");
    }

    private String level(Stream c) {
        return jdbc.sql("select supervision_level from case_view where case_id = ?").param(c.id)
                .query(String.class).single();
    }

    @Test
    void theCaseRowHoldsTheApplicantMaskedAndTheIdentityApart() {
        Stream c = fullCase(Instant.parse("2019-11-04T08:00:00Z"));
        events.awaitCases(c);

        Map<String, Object> row = jdbc.sql("select * from case_view where case_id = ?").param(c.id).query()
                .singleRow();
        assertThat(row).containsEntry("applicant_name", "张**").containsEntry("applicant_document_number",
                "5101**********1234").containsEntry("applicant_phone", "138****5678");
        assertThat(row.toString()).doesNotContain("张三丰").doesNotContain("510106199001011234");
        // The identity apart is sealed: unreadable in the table, the applicant again through the codec.
        String sealed = jdbc.sql("select sealed from case_applicant where case_id = ?").param(c.id)
                .query(String.class).single();
        assertThat(sealed).doesNotContain("张三丰").doesNotContain("510106199001011234").doesNotContain("13812345678");
        assertThat(personalData.open(sealed, Applicant.class)).isEqualTo(APPLICANT);
        assertThat(row).containsEntry("status", "DELIVERED").containsEntry("jurisdiction_code", county)
                .containsEntry("window_name", "3号综合窗口").containsEntry("on_time", true)
                .containsEntry("extension_days", 10).containsEntry("suspended_days", 3)
                .containsEntry("working_days", 12).containsEntry("capacity", "OWN")
                .containsEntry("satisfaction", "VERY_DISSATISFIED").containsEntry("follow_up_satisfaction", "SATISFIED")
                .containsEntry("rating_excluded", false).containsEntry("rating_appeal_open", false);
        assertThat(row.get("deadline").toString()).isEqualTo("2019-11-06");
        assertThat(row.get("accepted_on").toString()).isEqualTo("2019-09-30");
        // The review-step flag closed with the conclusion: nothing open is left on the case.
        assertThat(row.get("supervision_level")).isNull();
        assertThat(jdbc.sql("select closed from case_flag where case_id = ?").param(c.id).query(Boolean.class)
                .single()).isTrue();
    }

    @Test
    void aRefusalWithoutReasonsIsFlaggedRedAndStaysOpen() {
        Stream c = events.caseOf(bureau);
        c.then(new CaseSubmitted(c.id, ITEM, bureau, Channel.ONLINE, APPLICANT, date("2019-06-17"), null, null, null,
                        null, null))
                .then(new CaseNotAccepted(c.id, date("2019-06-18"), List.of(), CaseMessages.RIGHTS_OF_REVIEW, false))
                .then(new CaseFlagged(c.id, SupervisionLevel.RED, SupervisionTrigger.REFUSAL_WITHOUT_REASONS,
                        date("2019-06-18"), "不予受理未说明理由", 0, null));
        events.awaitCases(c);

        CaseDetail detail = queries.ask(new CaseQuery(Viewer.SUPERVISION, c.id), CaseDetail.class);
        assertThat(detail.summary().status()).isEqualTo("NOT_ACCEPTED");
        assertThat(detail.summary().statusLabel()).isEqualTo("不予受理");
        assertThat(detail.summary().endedOn()).isEqualTo(date("2019-06-18"));
        assertThat(detail.summary().supervisionLevel()).isEqualTo("RED");
        assertThat(detail.summary().time()).isNull();
        assertThat(detail.flags()).singleElement().satisfies(flag -> {
            assertThat(flag.trigger()).isEqualTo("REFUSAL_WITHOUT_REASONS");
            assertThat(flag.triggerLabel()).isEqualTo("不予受理或不予许可未说明理由");
            assertThat(flag.open()).isTrue();
            assertThat(flag.jurisdictionCode()).isEqualTo(county);
        });
        CaseTrail trail = queries.ask(new CaseTrailQuery(Viewer.SUPERVISION, c.id, 0, 100), CaseTrail.class);
        assertThat(trail.entries()).extracting(TrailEntry::label).containsExactly("收件(网上)", "不予受理(未说明理由)",
                "红牌警告:不予受理或不予许可未说明理由");
        assertThat(trail.entries().get(2).time()).isNull();
    }

    @Test
    void aDeficiencyAcceptanceAndAYellowWarningEndWithTheCase() {
        Stream c = events.caseOf(bureau);
        c.then(new CaseSubmitted(c.id, ITEM, bureau, Channel.WINDOW, APPLICANT, date("2019-06-17"), List.of("申请书"),
                        1, CaseType.PROMISED, null, null))
                .then(new CaseAccepted(c.id, ITEM, bureau, date("2019-06-17"), AcceptanceCapacity.OWN, null, null, 1,
                        CaseType.PROMISED, 20, false, time("2019-06-17", 5, 0, List.of(), "2019-06-17")))
                .then(new DeficiencyPromised(c.id, List.of("场地证明"), date("2019-06-19")))
                .then(new DeficiencySupplied(c.id, date("2019-06-19"),
                        time("2019-06-17", 5, 0, List.of(), "2019-06-19")))
                .then(new CaseFlagged(c.id, SupervisionLevel.YELLOW, SupervisionTrigger.DEADLINE_NEAR,
                        date("2019-06-21"), "剩余 2 个工作日", 1, time("2019-06-17", 5, 0, List.of(), "2019-06-21")));
        events.awaitCases(c);
        CaseView open = queries.ask(new CaseQuery(Viewer.SUPERVISION, c.id), CaseDetail.class).summary();
        assertThat(open.supervisionLevel()).isEqualTo("YELLOW");
        assertThat(open.deficiency()).isEqualTo(new Deficiency(date("2019-06-19"), false));
        // Still in hand in 2019 and past its deadline (24 June 2019): overdue as of today.
        assertThat(open.deadline()).isEqualTo(date("2019-06-24"));
        assertThat(open.overdue()).isTrue();

        c.then(new CaseWithdrawn(c.id, date("2019-06-21"), "申请人主动撤回"));
        events.awaitCases(c);
        CaseView withdrawn = queries.ask(new CaseQuery(Viewer.SUPERVISION, c.id), CaseDetail.class).summary();
        assertThat(withdrawn.status()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.supervisionLevel()).isNull();
        assertThat(withdrawn.overdue()).isFalse();
        assertThat(queries.ask(new CaseTrailQuery(Viewer.SUPERVISION, c.id, 0, 10), CaseTrail.class).entries())
                .extracting(TrailEntry::event).containsExactly("CaseSubmitted", "CaseAccepted", "DeficiencyPromised",
                        "DeficiencySupplied", "CaseFlagged", "CaseWithdrawn");
    }

    @Test
    void anOverdueCaseIsRedUntilTerminatedAndADeemedAcceptanceIsMarked() {
        Stream c = events.caseOf(bureau);
        c.then(new CaseSubmitted(c.id, ITEM, bureau, Channel.WINDOW, APPLICANT, date("2019-06-03"), List.of(), 1,
                        CaseType.PROMISED, null, null))
                .then(new CorrectionRequested(c.id, List.of("委托书"), date("2019-06-12"), 6, true))
                .then(new CaseAccepted(c.id, ITEM, bureau, date("2019-06-03"), AcceptanceCapacity.OWN, null, null, 1,
                        CaseType.PROMISED, 10, true, time("2019-06-03", 5, 0, List.of(), "2019-06-03")))
                .then(new CaseFlagged(c.id, SupervisionLevel.RED, SupervisionTrigger.OVERDUE, date("2019-06-11"),
                        "办理时限已过", 1, time("2019-06-03", 5, 0, List.of(), "2019-06-11")))
                .then(new CaseTerminated(c.id, date("2019-06-20"), "申请人未补齐材料"));
        events.awaitCases(c);

        CaseView view = queries.ask(new CaseQuery(Viewer.SUPERVISION, c.id), CaseDetail.class).summary();
        assertThat(view.deemedAccepted()).isTrue();
        assertThat(view.correction()).isEqualTo(new Correction(date("2019-06-12"), true, null));
        assertThat(view.status()).isEqualTo("TERMINATED");
        assertThat(view.overdue()).isTrue();
        assertThat(view.supervisionLevel()).isNull();
        assertThat(queries.ask(new FlagsQuery(Viewer.SUPERVISION, SupervisionLevel.RED, SupervisionTrigger.OVERDUE,
                bureau, null, null, null, false, 0, 10), Flags.class).flags()).extracting(Flag::caseId)
                .containsExactly(c.id);
        CaseTrail trail = queries.ask(new CaseTrailQuery(Viewer.SUPERVISION, c.id, 0, 10), CaseTrail.class);
        assertThat(trail.entries().get(2).label()).isEqualTo("视为受理(行政许可法第三十二条)");
        assertThat(trail.entries().get(2).aboutDate()).isEqualTo(date("2019-06-03"));
    }

    @Test
    void aJointApprovalShowsItsPartsTheirCasesAndItsOwnTime() {
        String otherBureau = events.body(county, "测试县住房和城乡建设局");
        Stream approval = events.jointApproval(bureau);
        Stream first = events.caseOf(bureau);
        Stream second = events.caseOf(otherBureau);
        CaseTime start = CaseEvents.CLOCK.on(date("2019-06-17"), 45, 0, List.of(), date("2019-06-17"));
        approval.then(new JointApprovalStarted(approval.id, bureau, "某食品厂新建项目",
                List.of(new JointPart(first.id, ITEM, bureau), new JointPart(second.id, ITEM, otherBureau)),
                date("2019-06-17"), start, APPLICANT, List.of("项目申请书"), "并联审批窗口"));
        first.then(new CaseSubmitted(first.id, ITEM, bureau, Channel.WINDOW, APPLICANT, date("2019-06-17"),
                List.of("项目申请书"), 1, CaseType.PROMISED, "并联审批窗口", approval.id));
        second.then(new CaseSubmitted(second.id, ITEM, otherBureau, Channel.WINDOW, APPLICANT, date("2019-06-17"),
                List.of("项目申请书"), 1, CaseType.PROMISED, "并联审批窗口", approval.id), CaseEvents.window(otherBureau))
                .then(new CaseWithdrawn(second.id, date("2019-06-20"), "项目调整"), CaseEvents.window(otherBureau));
        approval.then(new JointPartEnded(approval.id, second.id, date("2019-06-20"), "WITHDRAWN", 1))
                .then(new JointApprovalExtended(approval.id, 15, "需补充环评", "副县长", date("2019-07-01"), false,
                        CaseEvents.CLOCK.on(date("2019-06-17"), 45, 15, List.of(), date("2019-07-01"))))
                .then(new JointPartConcluded(approval.id, first.id, date("2019-08-01"), 0))
                .then(new JointApprovalConcluded(approval.id, date("2019-08-01"), true,
                        CaseEvents.CLOCK.on(date("2019-06-17"), 45, 15, List.of(), date("2019-08-01"))));
        events.awaitJointApproval(approval);
        events.awaitCases(first, second);

        JointApprovalView view = queries.ask(new JointApprovalQuery(Viewer.SUPERVISION, approval.id),
                JointApprovalView.class);
        assertThat(view.projectName()).isEqualTo("某食品厂新建项目");
        assertThat(view.applicant().name()).isEqualTo("张**");
        assertThat(view.concludedOn()).isEqualTo(date("2019-08-01"));
        assertThat(view.onTime()).isTrue();
        assertThat(view.extension()).isEqualTo(new Extension(15, false));
        assertThat(view.time().promisedDays()).isEqualTo(45);
        assertThat(view.time().extensionDays()).isEqualTo(15);
        // 45 + 15 working days after 17 June 2019, twelve full weeks and a day: Monday 9 September.
        assertThat(view.deadline()).isEqualTo(date("2019-09-09"));
        assertThat(view.openParts()).isZero();
        assertThat(view.parts()).extracting(JointPartView::caseId, JointPartView::state, JointPartView::outcome,
                JointPartView::caseStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple(first.id, "CONCLUDED", null, "SUBMITTED"),
                org.assertj.core.groups.Tuple.tuple(second.id, "ENDED", "WITHDRAWN", "WITHDRAWN"));
        assertThat(queries.ask(new CaseQuery(Viewer.SUPERVISION, first.id), CaseDetail.class).summary()
                .jointApprovalId()).isEqualTo(approval.id);
        // A window officer of a part's body sees it; of a body with no part, it does not exist.
        assertThat(queries.ask(new JointApprovalQuery(Viewer.windowOf(otherBureau), approval.id),
                JointApprovalView.class).jointApprovalId()).isEqualTo(approval.id);
        String stranger = events.body(county, "测试县教育局");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> queries.ask(
                new JointApprovalQuery(Viewer.windowOf(stranger), approval.id), JointApprovalView.class))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void theCaseListFiltersByJurisdictionBelowStatusAndOverdueAndPagesStably() {
        Stream a = events.caseOf(bureau);
        a.then(new CaseSubmitted(a.id, ITEM, bureau, Channel.WINDOW, APPLICANT, date("2019-06-17"), List.of(), 1,
                CaseType.PROMISED, null, null));
        Stream b = events.caseOf(bureau);
        b.then(new CaseSubmitted(b.id, ITEM, bureau, Channel.WINDOW, APPLICANT, date("2019-06-18"), List.of(), 1,
                        CaseType.PROMISED, null, null))
                .then(new CaseAccepted(b.id, ITEM, bureau, date("2019-06-18"), AcceptanceCapacity.OWN, null, null, 1,
                        CaseType.PROMISED, 20, false, time("2019-06-18", 5, 0, List.of(), "2019-06-18")));
        events.awaitCases(a, b);

        // The city covers the county below it.
        CaseList all = list(new CaseListQuery(Viewer.SUPERVISION, null, city, null, null, null, null, null, null,
                null, null, 0, 200));
        assertThat(all.cases()).extracting(CaseView::caseId).containsExactly(b.id, a.id);
        assertThat(list(new CaseListQuery(Viewer.SUPERVISION, null, city, null, null, null, null, null, null, null,
                null, 1, 1)).cases()).extracting(CaseView::caseId).containsExactly(a.id);
        assertThat(list(new CaseListQuery(Viewer.SUPERVISION, bureau, null, null, CaseStatus.ACCEPTED, true, null,
                null, null, date("2019-06-18"), date("2019-06-18"), 0, 10)).cases()).extracting(CaseView::caseId)
                .containsExactly(b.id);
        assertThat(list(new CaseListQuery(Viewer.SUPERVISION, bureau, null, null, null, false, null,
                date("2019-06-17"), date("2019-06-17"), null, null, 0, 10)).cases()).extracting(CaseView::caseId)
                .containsExactly(a.id);
        assertThat(all.total()).isEqualTo(2);
        // Masked for supervision, in full for the handling body's window.
        assertThat(all.cases().get(0).applicant().name()).isEqualTo("张**");
        assertThat(all.cases().get(0).applicantMasked()).isTrue();
        CaseView own = list(new CaseListQuery(Viewer.windowOf(bureau), null, null, null, null, null, null, null, null,
                null, null, 0, 10)).cases().get(0);
        assertThat(own.applicant()).isEqualTo(APPLICANT);
        assertThat(own.applicantMasked()).isFalse();
    }

    private CaseList list(CaseListQuery query) {
        return queries.ask(query, CaseList.class);
    }

    @Test
    void aReplayRebuildsTheSameCaseRowsTrailsFlagsAndJointApprovals() {
        Stream c = fullCase(Instant.parse("2019-11-04T08:00:00Z"));
        events.awaitCases(c);
        String trailSql = "select * from case_trail where case_id = '" + c.id + "' order by sequence_number";
        String viewSql = "select * from case_view where case_id = '" + c.id + "'";
        String flagSql = "select * from case_flag where case_id = '" + c.id + "'";
        // The sealed applicant is encrypted afresh (a new nonce) on replay: everything else must be equal.
        String applicantSql = "select case_id, document_type, subject_id, blind_index from case_applicant "
                + "where case_id = '" + c.id + "'";
        List<List<Map<String, Object>>> before = List.of(rows(trailSql), rows(viewSql), rows(flagSql),
                rows(applicantSql));

        Replays.replay(beans, List.of(CaseViewProjection.GROUP, CaseTrailProjection.GROUP));

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(List.of(
                rows(trailSql), rows(viewSql), rows(flagSql), rows(applicantSql))).isEqualTo(before));
    }

    private List<Map<String, Object>> rows(String sql) {
        return jdbc.sql(sql).query().listOfRows();
    }
}
