package org.quanli.command.cases;

import static org.quanli.command.Fixtures.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.command.delegation.AcceptanceAuthority;
import org.quanli.command.places.Violates;
import org.quanli.command.delegation.AcceptanceAuthority.Acceptance;
import org.quanli.command.powerlist.InMemoryItemDirectory;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.calendar.WorkingDayCalendar;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.CaseClock;
import org.quanli.kernel.cases.CaseMessages;
import org.quanli.kernel.cases.CaseMessages.*;
import org.quanli.kernel.cases.CaseTime;
import org.quanli.kernel.cases.CaseType;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.cases.IdentityDocument;
import org.quanli.kernel.cases.Satisfaction;
import org.quanli.kernel.cases.SpecialProcedureKind;
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.cases.SupervisionTrigger;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.RuleViolation;

class CaseTest {

    /** The real time in Beijing: the rules refuse dates after today. */
    static final Clock CLOCK = Clock.system(ChinaTime.ZONE);

    static final String CASE = "case-1";
    static final String LICENCE = "licence";
    static final String UNHELD = "unheld";
    static final Applicant APPLICANT = new Applicant("张三", IdentityDocument.RESIDENT_ID_CARD, "510106199001011234",
            "13812345678");
    static final List<String> MATERIALS = List.of("申请书", "营业执照");
    static final LocalDate EVE_OF_NATIONAL_DAY = LocalDate.of(2019, 9, 30);
    static final LocalDate JUNE_17 = LocalDate.of(2019, 6, 17);
    static final String JOINT = "joint-1";

    private AggregateTestFixture<Case> fixture;

    static AcceptanceAuthority authority() {
        return (body, item, date) -> {
            if (!LICENCE.equals(item) || date.isBefore(LocalDate.of(2013, 7, 1))) {
                return Optional.empty();
            }
            if (MARKET_BUREAU.equals(body)) {
                return Optional.of(new Acceptance(AcceptanceCapacity.OWN, null, null));
            }
            if (TOWNSHIP_GOVERNMENT.equals(body)) {
                return Optional.of(new Acceptance(AcceptanceCapacity.ON_BEHALF, GUANGHAN_MARKET_BUREAU, "d-1"));
            }
            return Optional.empty();
        };
    }

    static InMemoryItemDirectory items() {
        return new InMemoryItemDirectory()
                .item(LICENCE, MARKET_BUREAU, DEYANG, ListStatus.IN_FORCE, ItemType.LICENCE, PowerSource.STATUTORY)
                .held(LICENCE, MARKET_BUREAU, DEYANG, LocalDate.of(2013, 7, 1), null)
                .version(LICENCE, 1, LocalDate.of(2013, 7, 1), ItemType.LICENCE, 20, 5)
                .version(LICENCE, 2, LocalDate.of(2019, 9, 1), ItemType.LICENCE, 20, 5)
                .item(UNHELD, MARKET_BUREAU, DEYANG, ListStatus.SUSPENDED, ItemType.LICENCE, PowerSource.STATUTORY);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Case.class);
        FixtureCaseDeadlines.registerOn(fixture);
        fixture.registerInjectableResource(items());
        fixture.registerInjectableResource(authority());
        fixture.registerInjectableResource(new CaseClock(WorkingDayCalendar.load(null)));
        fixture.registerInjectableResource(CasePolicy.defaults());
        // No back-fill grace: the cases here lie in 2019, and the rules are about the days their deadlines fall on.
        fixture.registerInjectableResource(new SupervisionSchedule(new SupervisionSchedule.Settings(null, Duration.ZERO),
                CLOCK));
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource(EvaluationPolicy.defaults());
        fixture.registerInjectableResource((JointApprovalParts) caseId -> caseId.equals(CASE)
                ? Optional.of(new JointApprovalParts.Part(CASE, JOINT, GUANGHAN_SERVICE_CENTRE, LICENCE, MARKET_BUREAU,
                false, false, null, null)) : Optional.empty());
        fixture.registerInjectableResource(deyang());
    }

    static Map<String, String> officer() {
        return as(Role.WINDOW_OFFICER, MARKET_BUREAU);
    }

    static CaseSubmitted submitted(LocalDate on) {
        return new CaseSubmitted(CASE, LICENCE, MARKET_BUREAU, Channel.WINDOW, APPLICANT, on, MATERIALS,
                on.isBefore(LocalDate.of(2019, 9, 1)) ? 1 : 2, CaseType.PROMISED, null, null);
    }

    static CaseAccepted accepted(LocalDate on, LocalDate deadline) {
        return new CaseAccepted(CASE, LICENCE, MARKET_BUREAU, on, AcceptanceCapacity.OWN, null, null,
                on.isBefore(LocalDate.of(2019, 9, 1)) ? 1 : 2, CaseType.PROMISED, 20, false,
                new CaseTime(on, 5, 0, 0, 0, deadline, 5, false));
    }

    // --- receipt ------------------------------------------------------------------------------------------------

    @Test
    void aWindowOfficerRegistersAnApplicationForItsOwnBody() {
        fixture.givenNoPriorActivity()
                .when(new SubmitCase(CASE, LICENCE, MARKET_BUREAU, Channel.WINDOW, APPLICANT, EVE_OF_NATIONAL_DAY,
                        MATERIALS, null, null), officer())
                .expectEvents(submitted(EVE_OF_NATIONAL_DAY));
    }

    @Test
    void theWindowThatTookTheApplicationIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(new SubmitCase(CASE, LICENCE, MARKET_BUREAU, Channel.WINDOW, APPLICANT, JUNE_17, MATERIALS,
                        " 3号综合窗口 ", null), officer())
                .expectEvents(new CaseSubmitted(CASE, LICENCE, MARKET_BUREAU, Channel.WINDOW, APPLICANT, JUNE_17,
                        MATERIALS, 1, CaseType.PROMISED, "3号综合窗口", null));
    }

    @Test
    void theLeadWindowSubmitsAPartAsItsJointApprovalListsIt() {
        fixture.givenNoPriorActivity()
                .when(new SubmitCase(CASE, LICENCE, MARKET_BUREAU, Channel.WINDOW, APPLICANT, JUNE_17, MATERIALS,
                        "综合受理窗口", JOINT), as(Role.WINDOW_OFFICER, GUANGHAN_SERVICE_CENTRE))
                .expectEvents(new CaseSubmitted(CASE, LICENCE, MARKET_BUREAU, Channel.WINDOW, APPLICANT, JUNE_17,
                        MATERIALS, 1, CaseType.PROMISED, "综合受理窗口", JOINT));
    }

    @Test
    void theLeadWindowSubmitsNothingItsJointApprovalDoesNotList() {
        // Another joint approval, another body or item than listed, or a case no joint approval lists.
        for (SubmitCase command : List.of(
                new SubmitCase(CASE, LICENCE, MARKET_BUREAU, Channel.WINDOW, APPLICANT, JUNE_17, MATERIALS, null,
                        "joint-2"),
                new SubmitCase(CASE, LICENCE, JUSTICE_BUREAU, Channel.WINDOW, APPLICANT, JUNE_17, MATERIALS, null,
                        JOINT),
                new SubmitCase(CASE, UNHELD, MARKET_BUREAU, Channel.WINDOW, APPLICANT, JUNE_17, MATERIALS, null,
                        JOINT),
                new SubmitCase("case-2", LICENCE, MARKET_BUREAU, Channel.WINDOW, APPLICANT, JUNE_17, MATERIALS, null,
                        JOINT))) {
            fixture.givenNoPriorActivity()
                    .when(command, as(Role.WINDOW_OFFICER, GUANGHAN_SERVICE_CENTRE))
                    .expectException(Forbidden.class);
        }
        fixture.givenNoPriorActivity()
                .when(new SubmitCase(CASE, LICENCE, MARKET_BUREAU, Channel.WINDOW, APPLICANT, JUNE_17, MATERIALS,
                        null, JOINT), as(Role.WINDOW_OFFICER, JUSTICE_BUREAU))
                .expectException(Forbidden.class);
    }

    @Test
    void onlyTheHandlingBodysWindowOfficerRegistersCases() {
        fixture.givenNoPriorActivity()
                .when(new SubmitCase(CASE, LICENCE, MARKET_BUREAU, Channel.WINDOW, APPLICANT, EVE_OF_NATIONAL_DAY,
                        MATERIALS, null, null), as(Role.WINDOW_OFFICER, JUSTICE_BUREAU))
                .expectException(Forbidden.class);
    }

    @Test
    void everyStepAfterReceiptIsTakenOnlyByTheHandlingBodysWindowOfficer() {
        // Another body's window officer and an auditor are refused alike, for a step of the case itself and for
        // one its evaluation handles.
        for (Map<String, String> stranger : List.of(as(Role.WINDOW_OFFICER, JUSTICE_BUREAU),
                as(Role.AUDITOR, MARKET_BUREAU))) {
            fixture.given(submitted(EVE_OF_NATIONAL_DAY))
                    .when(new AcceptCase(CASE, EVE_OF_NATIONAL_DAY), stranger)
                    .expectException(Forbidden.class);
            fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview())
                    .when(new AppealRating(CASE, "评价内容与办件无关", LocalDate.of(2019, 6, 19)), stranger)
                    .expectException(Forbidden.class);
        }
    }

    @Test
    void anApplicationNeedsAnItemOnTheList() {
        fixture.givenNoPriorActivity()
                .when(new SubmitCase(CASE, "no-such-item", MARKET_BUREAU, Channel.ONLINE, APPLICANT,
                        EVE_OF_NATIONAL_DAY, MATERIALS, null, null), officer())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("事项 no-such-item 不在权责清单上");
    }

    // --- correction ---------------------------------------------------------------------------------------------

    @Test
    void aCorrectionNoticeWithinFiveWorkingDaysOfReceiptLeavesTheCaseUnaccepted() {
        // Received Friday 09-27; 09-29 (make-up Sunday), 09-30, 10-08, 10-09: the fourth working day.
        fixture.given(submitted(LocalDate.of(2019, 9, 27)))
                .when(new RequestCorrection(CASE, List.of("法定代表人身份证明"), LocalDate.of(2019, 10, 9)), officer())
                .expectEvents(new CorrectionRequested(CASE, List.of("法定代表人身份证明"), LocalDate.of(2019, 10, 9),
                        4, false));
    }

    @Test
    void aLateCorrectionNoticeMakesTheCaseCountAsAcceptedOnTheDayOfReceipt() {
        LocalDate received = LocalDate.of(2019, 9, 27);
        // 10-11 is the sixth working day after receipt. The deemed acceptance runs from 09-27: deadline 10-10.
        fixture.given(submitted(received))
                .when(new RequestCorrection(CASE, List.of("法定代表人身份证明"), LocalDate.of(2019, 10, 11)), officer())
                .expectEvents(new CorrectionRequested(CASE, List.of("法定代表人身份证明"), LocalDate.of(2019, 10, 11),
                                6, true),
                        new CaseAccepted(CASE, LICENCE, MARKET_BUREAU, received, AcceptanceCapacity.OWN, null, null, 2,
                                CaseType.PROMISED, 20, true,
                                new CaseTime(received, 5, 0, 0, 0, LocalDate.of(2019, 10, 10), 5, false)));
    }

    @Test
    void correctionIsNoticedOnceListingEverythingMissing() {
        fixture.given(submitted(EVE_OF_NATIONAL_DAY),
                        new CorrectionRequested(CASE, List.of("申请书"), EVE_OF_NATIONAL_DAY, 0, false))
                .when(new RequestCorrection(CASE, List.of("营业执照"), LocalDate.of(2019, 10, 8)), officer())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("补正材料应一次性告知,本件已发出过补正通知");
    }

    @Test
    void aCaseAwaitingCorrectionIsNotAccepted() {
        fixture.given(submitted(EVE_OF_NATIONAL_DAY),
                        new CorrectionRequested(CASE, List.of("申请书"), EVE_OF_NATIONAL_DAY, 0, false))
                .when(new AcceptCase(CASE, EVE_OF_NATIONAL_DAY), officer())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("补正材料尚未补齐,不能受理");
    }

    @Test
    void aCorrectedCaseIsAcceptedFromTheDayOfCompletion() {
        LocalDate completed = LocalDate.of(2019, 10, 8);
        fixture.given(submitted(EVE_OF_NATIONAL_DAY),
                        new CorrectionRequested(CASE, List.of("申请书"), EVE_OF_NATIONAL_DAY, 0, false),
                        new CorrectionCompleted(CASE, completed))
                .when(new AcceptCase(CASE, completed), officer())
                .expectEvents(accepted(completed, LocalDate.of(2019, 10, 14)));
    }

    // --- acceptance ---------------------------------------------------------------------------------------------

    @Test
    void acceptanceRecordsTheCapacityTheVersionAndTheDeadline() {
        fixture.given(submitted(EVE_OF_NATIONAL_DAY))
                .when(new AcceptCase(CASE, EVE_OF_NATIONAL_DAY), officer())
                .expectEvents(accepted(EVE_OF_NATIONAL_DAY, LocalDate.of(2019, 10, 12)))
                .expectResultMessagePayload(AcceptanceOutcome.ACCEPTED);
    }

    @Test
    void aBodyActingOnBehalfRecordsTheReceiver() {
        CaseSubmitted submitted = new CaseSubmitted(CASE, LICENCE, TOWNSHIP_GOVERNMENT, Channel.WINDOW, APPLICANT,
                EVE_OF_NATIONAL_DAY, MATERIALS, 2, CaseType.PROMISED, null, null);
        fixture.given(submitted)
                .when(new AcceptCase(CASE, EVE_OF_NATIONAL_DAY), as(Role.WINDOW_OFFICER, TOWNSHIP_GOVERNMENT))
                .expectEvents(new CaseAccepted(CASE, LICENCE, TOWNSHIP_GOVERNMENT, EVE_OF_NATIONAL_DAY,
                        AcceptanceCapacity.ON_BEHALF, GUANGHAN_MARKET_BUREAU, "d-1", 2, CaseType.PROMISED, 20, false,
                        new CaseTime(EVE_OF_NATIONAL_DAY, 5, 0, 0, 0, LocalDate.of(2019, 10, 12), 5, false)));
    }

    @Test
    void aBodyThatMayNotAcceptTheItemOnTheDateRecordsANonAcceptanceWithRightsOfReview() {
        List<String> reasons = List.of("本单位在 2019-09-30 不能受理事项 " + UNHELD
                + " 的办件:该事项当日不在本单位有效的权责清单上,也未依下放、赋权、委托由本单位承接或代办");
        CaseSubmitted submitted = new CaseSubmitted(CASE, UNHELD, MARKET_BUREAU, Channel.ONLINE, APPLICANT,
                EVE_OF_NATIONAL_DAY, MATERIALS, null, null, null, null);
        fixture.given(submitted)
                .when(new AcceptCase(CASE, EVE_OF_NATIONAL_DAY), officer())
                .expectEvents(new CaseNotAccepted(CASE, EVE_OF_NATIONAL_DAY, reasons, CaseMessages.RIGHTS_OF_REVIEW,
                        true))
                // The answer says the outcome: a refusal by rule is no success.
                .expectResultMessagePayload(new AcceptanceOutcome(AcceptanceOutcome.Outcome.NOT_ACCEPTED, reasons,
                        CaseMessages.RIGHTS_OF_REVIEW));
    }

    @Test
    void aNonAcceptanceStatesItsReasonsAndTheRightsOfReview() {
        fixture.given(submitted(EVE_OF_NATIONAL_DAY))
                .when(new RejectCase(CASE, EVE_OF_NATIONAL_DAY, List.of("申请事项不属于本机关职权范围")), officer())
                .expectEvents(new CaseNotAccepted(CASE, EVE_OF_NATIONAL_DAY, List.of("申请事项不属于本机关职权范围"),
                        CaseMessages.RIGHTS_OF_REVIEW, false));
    }

    @Test
    void aNonAcceptanceWithoutReasonsIsRecordedAndFlaggedRed() {
        // The refusal binds the applicant, so it is on the record; supervision flags the missing reasons.
        fixture.given(submitted(EVE_OF_NATIONAL_DAY))
                .when(new RejectCase(CASE, EVE_OF_NATIONAL_DAY, List.of(" ")), officer())
                .expectEvents(new CaseNotAccepted(CASE, EVE_OF_NATIONAL_DAY, List.of(), CaseMessages.RIGHTS_OF_REVIEW,
                                false),
                        new CaseFlagged(CASE, SupervisionLevel.RED, SupervisionTrigger.REFUSAL_WITHOUT_REASONS,
                                EVE_OF_NATIONAL_DAY, "不予受理未说明理由", 2, null));
    }

    @Test
    void deficiencyMaterialIsPromisedBeforeThePromisedCompletionDate() {
        // Promised completion 10-12: supplying on that day is too late, 10-11 is in time.
        fixture.given(submitted(EVE_OF_NATIONAL_DAY))
                .when(new AcceptCaseWithDeficiency(CASE, EVE_OF_NATIONAL_DAY, List.of("验资报告"),
                        LocalDate.of(2019, 10, 12)), officer())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("容缺材料的补齐日期必须早于承诺办结日期(2019-10-12)");
        fixture.given(submitted(EVE_OF_NATIONAL_DAY))
                .when(new AcceptCaseWithDeficiency(CASE, EVE_OF_NATIONAL_DAY, List.of("验资报告"),
                        LocalDate.of(2019, 10, 11)), officer())
                .expectEvents(accepted(EVE_OF_NATIONAL_DAY, LocalDate.of(2019, 10, 12)),
                        new DeficiencyPromised(CASE, List.of("验资报告"), LocalDate.of(2019, 10, 11)));
    }

    @Test
    void aCaseWithMissingDeficiencyMaterialIsNotGranted() {
        fixture.given(submitted(EVE_OF_NATIONAL_DAY), accepted(EVE_OF_NATIONAL_DAY, LocalDate.of(2019, 10, 12)),
                        new DeficiencyPromised(CASE, List.of("验资报告"), LocalDate.of(2019, 10, 11)))
                .when(new DecideCase(CASE, true, List.of(), LocalDate.of(2019, 10, 11)), officer())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("容缺材料尚未补齐,不能准予");
    }

    @Test
    void aYearWithoutCalendarDataIsRefusedNotGuessed() {
        LocalDate received = LocalDate.of(2026, 12, 28);
        fixture.given(new CaseSubmitted(CASE, LICENCE, MARKET_BUREAU, Channel.WINDOW, APPLICANT, received, MATERIALS,
                        2, CaseType.PROMISED, null, null))
                .when(new RequestCorrection(CASE, List.of("营业执照"), LocalDate.of(2027, 1, 5)), officer())
                .expectException(Violates.rule("working-day-calendar-available", "缺少2027年的工作日历"));
        // A date beyond every year of data is refused the same way, not failed on.
        fixture.given(new CaseSubmitted(CASE, LICENCE, MARKET_BUREAU, Channel.WINDOW, APPLICANT, received, MATERIALS,
                        2, CaseType.PROMISED, null, null))
                .when(new RequestCorrection(CASE, List.of("营业执照"), LocalDate.MAX), officer())
                .expectException(Violates.rule("working-day-calendar-available"));
    }

    @Test
    void aReceiptOrAnAcceptanceLaterThanTodayInBeijingIsRefused() {
        LocalDate tomorrow = ChinaTime.today(CLOCK).plusDays(1);
        fixture.givenNoPriorActivity()
                .when(new SubmitCase(CASE, LICENCE, MARKET_BUREAU, Channel.WINDOW, APPLICANT, tomorrow, MATERIALS,
                        null, null), officer())
                .expectException(Violates.rule("received-not-in-future", "不得晚于今天"));
        fixture.givenNoPriorActivity()
                .when(new SubmitCase(CASE, LICENCE, MARKET_BUREAU, Channel.WINDOW, APPLICANT,
                        LocalDate.of(999_999_999, 12, 31), MATERIALS, null, null), officer())
                .expectException(Violates.rule("received-not-in-future"));
        fixture.given(submitted(JUNE_17))
                .when(new AcceptCase(CASE, tomorrow), officer())
                .expectException(Violates.rule("accepted-not-in-future"));
        fixture.given(submitted(JUNE_17))
                .when(new AcceptCaseWithDeficiency(CASE, LocalDate.MAX, List.of("营业执照"), LocalDate.MAX), officer())
                .expectException(Violates.rule("accepted-not-in-future"));
    }

    @Test
    void aSecondAcceptanceIsRefusedAsAlreadyAccepted() {
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new AcceptCase(CASE, JUNE_17), officer())
                .expectException(Violates.rule("already-accepted", "办件已受理,不能受理"));
        fixture.given(submitted(JUNE_17), new CaseNotAccepted(CASE, JUNE_17, List.of("材料不齐"),
                        CaseMessages.RIGHTS_OF_REVIEW, false))
                .when(new AcceptCase(CASE, JUNE_17), officer())
                .expectException(Violates.rule("already-not-accepted"));
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new RejectCase(CASE, JUNE_17, List.of("材料不齐")), officer())
                .expectException(Violates.rule("already-accepted"));
    }

    // --- handling -----------------------------------------------------------------------------------------------

    @Test
    void aSpecialProcedureStopsTheClockForItsWorkingDays() {
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)),
                        new SpecialProcedureStarted(CASE, SpecialProcedureKind.TESTING, "产品抽样检验",
                                LocalDate.of(2019, 6, 20), 1,
                                new CaseTime(LocalDate.of(2019, 6, 20), 5, 0, 1, 2, LocalDate.of(2019, 6, 25), 3,
                                        false)))
                .when(new EndSpecialProcedure(CASE, LocalDate.of(2019, 6, 25)), officer())
                .expectEvents(new SpecialProcedureEnded(CASE, SpecialProcedureKind.TESTING, LocalDate.of(2019, 6, 20),
                        LocalDate.of(2019, 6, 25), 4, 1,
                        new CaseTime(LocalDate.of(2019, 6, 25), 5, 0, 4, 2, LocalDate.of(2019, 6, 28), 3, false)));
    }

    @Test
    void anExtensionIsApprovedNotStartedAsASpecialProcedure() {
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new StartSpecialProcedure(CASE, SpecialProcedureKind.EXTENSION, "情况复杂",
                        LocalDate.of(2019, 6, 20)), officer())
                .expectException(RuleViolation.class);
    }

    @Test
    void aCaseIsExtendedOnceWithApproval() {
        CaseExtended extended = new CaseExtended(CASE, 10, "需现场核查", "王局长", LocalDate.of(2019, 6, 20), false, 1,
                new CaseTime(LocalDate.of(2019, 6, 20), 5, 10, 0, 3, LocalDate.of(2019, 7, 8), 12, false));
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new ExtendCase(CASE, 10, "需现场核查", "王局长", LocalDate.of(2019, 6, 20)), officer())
                .expectEvents(extended);
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)), extended)
                .when(new ExtendCase(CASE, 2, "再次延期", "王局长", LocalDate.of(2019, 6, 21)), officer())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("办件只能延期一次");
    }

    @Test
    void anExtensionStaysWithinTheLegalCap() {
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new ExtendCase(CASE, 11, "需现场核查", "王局长", LocalDate.of(2019, 6, 20)), officer())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("延长期限不得超过 10 个工作日(行政许可法第四十二条)");
    }

    @Test
    void anExtensionApprovedAfterTheDeadlineIsRecordedButTheCaseStaysOverdue() {
        // Deadline 06-24; the extension comes on 06-25 and the case concludes on 06-26, two days late.
        LocalDate late = LocalDate.of(2019, 6, 25);
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new ExtendCase(CASE, 5, "需专家论证", "王局长", late), officer())
                .expectEvents(new CaseExtended(CASE, 5, "需专家论证", "王局长", late, true, 1,
                        new CaseTime(late, 5, 0, 0, 6, LocalDate.of(2019, 6, 24), -1, true)));
        LocalDate concluded = LocalDate.of(2019, 6, 26);
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)),
                        new CaseExtended(CASE, 5, "需专家论证", "王局长", late, true, 1,
                                new CaseTime(late, 5, 0, 0, 6, LocalDate.of(2019, 6, 24), -1, true)),
                        new CaseDecided(CASE, true, List.of(), concluded, 1,
                                new CaseTime(concluded, 5, 0, 0, 7, LocalDate.of(2019, 6, 24), -2, true)))
                .when(new ConcludeCase(CASE, concluded), officer())
                .expectEvents(new CaseConcluded(CASE, LICENCE, MARKET_BUREAU, JUNE_17, concluded, false, 1,
                        new CaseTime(concluded, 5, 0, 0, 7, LocalDate.of(2019, 6, 24), -2, true)));
    }

    // --- outcome ------------------------------------------------------------------------------------------------

    @Test
    void aDenialWithoutReasonsIsRecordedAndFlaggedRed() {
        LocalDate june20 = LocalDate.of(2019, 6, 20);
        CaseTime time = new CaseTime(june20, 5, 0, 0, 3, LocalDate.of(2019, 6, 24), 2, false);
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new DecideCase(CASE, false, List.of(), june20), officer())
                .expectEvents(new CaseDecided(CASE, false, List.of(), june20, 1, time),
                        new CaseFlagged(CASE, SupervisionLevel.RED, SupervisionTrigger.REFUSAL_WITHOUT_REASONS, june20,
                                "不予许可未说明理由", 1, time));
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new DecideCase(CASE, false, List.of("不符合法定条件"), june20), officer())
                .expectEvents(new CaseDecided(CASE, false, List.of("不符合法定条件"), june20, 1, time));
    }

    @Test
    void aSpecialProcedureCountsItsStartDayAsSuspendedFromTheStart() {
        // Accepted Monday 06-17; started Thursday 06-20: 3 working days elapsed, 1 of them suspended.
        LocalDate june20 = LocalDate.of(2019, 6, 20);
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new StartSpecialProcedure(CASE, SpecialProcedureKind.TESTING, "产品抽样检验", june20), officer())
                .expectEvents(new SpecialProcedureStarted(CASE, SpecialProcedureKind.TESTING, "产品抽样检验", june20, 1,
                        new CaseTime(june20, 5, 0, 1, 2, LocalDate.of(2019, 6, 25), 3, false)));
    }

    @Test
    void noDecisionWhileASpecialProcedureGoesOn() {
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)),
                        new SpecialProcedureStarted(CASE, SpecialProcedureKind.HEARING, "申请人要求听证",
                                LocalDate.of(2019, 6, 18), 1,
                                new CaseTime(LocalDate.of(2019, 6, 18), 5, 0, 1, 0, LocalDate.of(2019, 6, 25), 5,
                                        false)))
                .when(new DecideCase(CASE, true, List.of(), LocalDate.of(2019, 6, 20)), officer())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("特别程序尚未结束,不能作出决定");
    }

    @Test
    void aCaseConcludedOnItsAcceptanceDayTookZeroWorkingDaysAndIsOnTime() {
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)),
                        new CaseDecided(CASE, true, List.of(), JUNE_17, 1,
                                new CaseTime(JUNE_17, 5, 0, 0, 0, LocalDate.of(2019, 6, 24), 5, false)))
                .when(new ConcludeCase(CASE, JUNE_17), officer())
                .expectEvents(new CaseConcluded(CASE, LICENCE, MARKET_BUREAU, JUNE_17, JUNE_17, true, 1,
                        new CaseTime(JUNE_17, 5, 0, 0, 0, LocalDate.of(2019, 6, 24), 5, false)));
    }

    @Test
    void aCaseIsConcludedOnlyAfterADecisionAndItsResultDeliveredOnlyAfterConclusion() {
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new ConcludeCase(CASE, JUNE_17), officer())
                .expectException(Violates.rule("not-yet-decided", "办件已受理,须先作出决定才能办结"));
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new DeliverResult(CASE, JUNE_17, "邮寄"), officer())
                .expectException(Violates.rule("not-yet-concluded"));
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)),
                        new CaseDecided(CASE, true, List.of(), JUNE_17, 1,
                                new CaseTime(JUNE_17, 5, 0, 0, 0, LocalDate.of(2019, 6, 24), 5, false)),
                        new CaseConcluded(CASE, LICENCE, MARKET_BUREAU, JUNE_17, JUNE_17, true, 1,
                                new CaseTime(JUNE_17, 5, 0, 0, 0, LocalDate.of(2019, 6, 24), 5, false)))
                .when(new DeliverResult(CASE, LocalDate.of(2019, 6, 18), "邮寄"), officer())
                .expectEvents(new ResultDelivered(CASE, LocalDate.of(2019, 6, 18), "邮寄"));
    }

    @Test
    void aSecondConclusionIsRefusedAsAlreadyConcludedAndASecondDeliveryAsAlreadyDelivered() {
        fixture.given(CONCLUDED_ON_JUNE_17)
                .when(new ConcludeCase(CASE, JUNE_17), officer())
                .expectException(Violates.rule("already-concluded", "办件已办结,不能办结"));
        fixture.given(CONCLUDED_ON_JUNE_17)
                .when(new DecideCase(CASE, true, List.of(), JUNE_17), officer())
                .expectException(Violates.rule("already-concluded"));
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(new ResultDelivered(CASE, JUNE_17, "邮寄"))
                .when(new DeliverResult(CASE, JUNE_17, "邮寄"), officer())
                .expectException(Violates.rule("already-delivered"));
        fixture.given(submitted(JUNE_17), new CaseWithdrawn(CASE, JUNE_17, null))
                .when(new TerminateCase(CASE, JUNE_17, "申请人死亡"), officer())
                .expectException(Violates.rule("already-withdrawn"));
    }

    @Test
    void theApplicantWithdrawsAnOpenCaseButNotADecidedOne() {
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new WithdrawCase(CASE, LocalDate.of(2019, 6, 18), "不再需要"), officer())
                .expectEvents(new CaseWithdrawn(CASE, LocalDate.of(2019, 6, 18), "不再需要"));
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)),
                        new CaseDecided(CASE, true, List.of(), JUNE_17, 1,
                                new CaseTime(JUNE_17, 5, 0, 0, 0, LocalDate.of(2019, 6, 24), 5, false)))
                .when(new WithdrawCase(CASE, LocalDate.of(2019, 6, 18), "不再需要"), officer())
                .expectException(Violates.rule("already-decided"));
    }

    @Test
    void aTerminationStatesItsReason() {
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new TerminateCase(CASE, LocalDate.of(2019, 6, 21), ""), officer())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("终止办理必须说明理由");
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new TerminateCase(CASE, LocalDate.of(2019, 6, 21), "容缺材料逾期未补齐"), officer())
                .expectEvents(new CaseTerminated(CASE, LocalDate.of(2019, 6, 21), "容缺材料逾期未补齐"));
    }

    // --- supervision --------------------------------------------------------------------------------------------

    static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.ofHours(8)).toInstant();
    }

    static CommandMessage<?> byOfficer(Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(officer());
    }

    @Test
    void acceptanceSchedulesAYellowWarningAtTwoDaysLeftAndARedFlagTheDayAfterTheDeadline() {
        // Accepted 06-17 with 5 days: deadline 06-24; two days are left from 06-20 on.
        fixture.givenCurrentTime(startOf(JUNE_17))
                .andGiven(submitted(JUNE_17))
                .when(new AcceptCase(CASE, JUNE_17), officer())
                .expectScheduledDeadline(startOf(LocalDate.of(2019, 6, 20)),
                        new SupervisionDue(SupervisionLevel.YELLOW, LocalDate.of(2019, 6, 20)))
                .expectScheduledDeadline(startOf(LocalDate.of(2019, 6, 25)),
                        new SupervisionDue(SupervisionLevel.RED, LocalDate.of(2019, 6, 25)));
    }

    @Test
    void theYellowDeadlineRecordsAWarningOnTheCase() {
        LocalDate day = LocalDate.of(2019, 6, 20);
        fixture.givenCurrentTime(startOf(JUNE_17))
                .andGiven(submitted(JUNE_17))
                .andGivenCommands(List.of(byOfficer(new AcceptCase(CASE, JUNE_17))))
                .whenTimeAdvancesTo(startOf(day))
                .expectEvents(new CaseFlagged(CASE, SupervisionLevel.YELLOW, SupervisionTrigger.DEADLINE_NEAR, day,
                        "剩余 2 个工作日,办理时限至 2019-06-24", 1,
                        new CaseTime(day, 5, 0, 0, 3, LocalDate.of(2019, 6, 24), 2, false)));
    }

    @Test
    void anOpenCasePastItsDeadlineIsFlaggedRed() {
        LocalDate day = LocalDate.of(2019, 6, 25);
        fixture.givenCurrentTime(startOf(JUNE_17))
                .andGiven(submitted(JUNE_17))
                .andGivenCommands(List.of(byOfficer(new AcceptCase(CASE, JUNE_17))))
                .whenTimeAdvancesTo(startOf(day))
                .expectEvents(new CaseFlagged(CASE, SupervisionLevel.YELLOW, SupervisionTrigger.DEADLINE_NEAR,
                                LocalDate.of(2019, 6, 20), "剩余 2 个工作日,办理时限至 2019-06-24", 1,
                                new CaseTime(LocalDate.of(2019, 6, 20), 5, 0, 0, 3, LocalDate.of(2019, 6, 24), 2,
                                        false)),
                        new CaseFlagged(CASE, SupervisionLevel.RED, SupervisionTrigger.OVERDUE, day,
                                "办理时限 2019-06-24 已过,尚未办结", 1,
                                new CaseTime(day, 5, 0, 0, 6, LocalDate.of(2019, 6, 24), -1, true)));
    }

    @Test
    void aSpecialProcedureCancelsTheDeadlines() {
        fixture.givenCurrentTime(startOf(JUNE_17))
                .andGiven(submitted(JUNE_17))
                .andGivenCommands(List.of(byOfficer(new AcceptCase(CASE, JUNE_17))))
                .when(new StartSpecialProcedure(CASE, SpecialProcedureKind.EXPERT_REVIEW, "组织专家评审",
                        LocalDate.of(2019, 6, 18)), officer())
                .expectNoScheduledDeadlines();
    }

    @Test
    void theEndOfASpecialProcedureReschedulesTheDeadlinesPastTheSuspendedDays() {
        // Suspended 06-18 to 06-21 (4 working days): deadline 06-28, two left from 06-26.
        fixture.givenCurrentTime(startOf(JUNE_17))
                .andGiven(submitted(JUNE_17))
                .andGivenCommands(List.of(byOfficer(new AcceptCase(CASE, JUNE_17)),
                        byOfficer(new StartSpecialProcedure(CASE, SpecialProcedureKind.EXPERT_REVIEW, "组织专家评审",
                                LocalDate.of(2019, 6, 18)))))
                .when(new EndSpecialProcedure(CASE, LocalDate.of(2019, 6, 21)), officer())
                .expectScheduledDeadline(startOf(LocalDate.of(2019, 6, 26)),
                        new SupervisionDue(SupervisionLevel.YELLOW, LocalDate.of(2019, 6, 26)))
                .expectScheduledDeadline(startOf(LocalDate.of(2019, 6, 29)),
                        new SupervisionDue(SupervisionLevel.RED, LocalDate.of(2019, 6, 29)));
    }

    @Test
    void anExtensionReschedulesTheDeadlines() {
        // Extended by 10 on 06-18: deadline 07-08, two left from 07-04.
        fixture.givenCurrentTime(startOf(JUNE_17))
                .andGiven(submitted(JUNE_17))
                .andGivenCommands(List.of(byOfficer(new AcceptCase(CASE, JUNE_17))))
                .when(new ExtendCase(CASE, 10, "需现场核查", "王局长", LocalDate.of(2019, 6, 18)), officer())
                .expectScheduledDeadline(startOf(LocalDate.of(2019, 7, 4)),
                        new SupervisionDue(SupervisionLevel.YELLOW, LocalDate.of(2019, 7, 4)))
                .expectScheduledDeadline(startOf(LocalDate.of(2019, 7, 9)),
                        new SupervisionDue(SupervisionLevel.RED, LocalDate.of(2019, 7, 9)));
    }

    @Test
    void conclusionCancelsTheDeadlines() {
        fixture.givenCurrentTime(startOf(JUNE_17))
                .andGiven(submitted(JUNE_17))
                .andGivenCommands(List.of(byOfficer(new AcceptCase(CASE, JUNE_17)),
                        byOfficer(new DecideCase(CASE, true, List.of(), JUNE_17))))
                .when(new ConcludeCase(CASE, JUNE_17), officer())
                .expectNoScheduledDeadlines();
    }

    @Test
    void aReviewStepOverItsOwnLimitIsFlaggedRed() {
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new RecordReviewStep(CASE, "现场勘验", "行政审批科", "李四", null, JUNE_17,
                        LocalDate.of(2019, 6, 20), 2), officer())
                .expectEvents(new ReviewStepRecorded(CASE, "现场勘验", "行政审批科", "李四", null, JUNE_17,
                                LocalDate.of(2019, 6, 20), 2, 3, true, 1,
                                new CaseTime(LocalDate.of(2019, 6, 20), 5, 0, 0, 3, LocalDate.of(2019, 6, 24), 2,
                                        false)),
                        new CaseFlagged(CASE, SupervisionLevel.RED, SupervisionTrigger.REVIEW_STEP_OVER_LIMIT,
                                LocalDate.of(2019, 6, 20), "现场勘验用时 3 个工作日,超过环节时限 2 个工作日", 1,
                                new CaseTime(LocalDate.of(2019, 6, 20), 5, 0, 0, 3, LocalDate.of(2019, 6, 24), 2,
                                        false)));
    }

    // --- evaluation ---------------------------------------------------------------------------------------------

    static final Object[] CONCLUDED_ON_JUNE_17 = {submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)),
            new CaseDecided(CASE, true, List.of(), JUNE_17, 1,
                    new CaseTime(JUNE_17, 5, 0, 0, 0, LocalDate.of(2019, 6, 24), 5, false)),
            new CaseConcluded(CASE, LICENCE, MARKET_BUREAU, JUNE_17, JUNE_17, true, 1,
                    new CaseTime(JUNE_17, 5, 0, 0, 0, LocalDate.of(2019, 6, 24), 5, false))};

    static CaseEvaluated badReview() {
        return new CaseEvaluated(CASE, Satisfaction.DISSATISFIED, Channel.ONLINE, "等待时间太长",
                LocalDate.of(2019, 6, 18), true, LocalDate.of(2019, 6, 25));
    }

    @Test
    void aBadReviewMustBeFollowedUpWithinTheConfiguredWorkingDaysOrTheCaseIsFlaggedRed() {
        // Rated 06-18; five working days: 19, 20, 21, 24, 25; flagged on 06-26 if nothing was done.
        fixture.givenCurrentTime(startOf(JUNE_17))
                .andGiven(CONCLUDED_ON_JUNE_17)
                .andGivenCommands(List.of(byOfficer(new EvaluateCase(CASE, Satisfaction.DISSATISFIED, Channel.ONLINE,
                        "等待时间太长", LocalDate.of(2019, 6, 18)))))
                .whenTimeAdvancesTo(startOf(LocalDate.of(2019, 6, 26)))
                .expectEvents(new CaseFlagged(CASE, SupervisionLevel.RED, SupervisionTrigger.BAD_REVIEW_NOT_FOLLOWED_UP,
                        LocalDate.of(2019, 6, 26), "差评应于 2019-06-25 前整改完毕", 1, null));
    }

    @Test
    void aRatingIsRecordedOnceAfterHandlingWithItsFollowUpDate() {
        fixture.given(CONCLUDED_ON_JUNE_17)
                .when(new EvaluateCase(CASE, Satisfaction.DISSATISFIED, Channel.ONLINE, "等待时间太长",
                        LocalDate.of(2019, 6, 18)), officer())
                .expectEvents(badReview());
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview())
                .when(new EvaluateCase(CASE, Satisfaction.SATISFIED, Channel.WINDOW, null, LocalDate.of(2019, 6, 19)),
                        officer())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("每件办件只能评价一次");
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new EvaluateCase(CASE, Satisfaction.SATISFIED, Channel.WINDOW, null, JUNE_17), officer())
                .expectException(RuleViolation.class)
                .expectException(Violates.rule("not-yet-concluded", "办件已受理,须先办结才能评价"));
    }

    @Test
    void aFollowUpWithinTheLimitIsInTime() {
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview())
                .when(new FollowUpBadReview(CASE, "已电话回访并优化叫号流程", LocalDate.of(2019, 6, 21)), officer())
                .expectEvents(new BadReviewFollowedUp(CASE, "已电话回访并优化叫号流程", LocalDate.of(2019, 6, 21), 3,
                        true));
    }

    @Test
    void aMaliciousRatingIsExcludedOnlyAfterTheSupervisorsReview() {
        RatingAppealed appealed = new RatingAppealed(CASE, "评价内容与办件无关,系恶意差评", LocalDate.of(2019, 6, 19));
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview())
                .when(new AppealRating(CASE, "评价内容与办件无关,系恶意差评", LocalDate.of(2019, 6, 19)), officer())
                .expectEvents(appealed);
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview(), appealed)
                .when(new ReviewRatingAppeal(CASE, true, "经核实为恶意评价,予以剔除", LocalDate.of(2019, 6, 20)),
                        officer())
                .expectException(Forbidden.class);
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview(), appealed)
                .when(new ReviewRatingAppeal(CASE, true, "经核实为恶意评价,予以剔除", LocalDate.of(2019, 6, 20)),
                        as(Role.AUDITOR, JUSTICE_BUREAU))
                .expectEvents(new RatingAppealReviewed(CASE, true, "经核实为恶意评价,予以剔除", LocalDate.of(2019, 6, 20)));
    }

    @Test
    void aStepAboutSomethingNotPendingIsRefusedNamingWhatIsNot() {
        RatingAppealed appealed = new RatingAppealed(CASE, "评价内容与办件无关,系恶意差评", LocalDate.of(2019, 6, 19));
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview(), appealed)
                .when(new AppealRating(CASE, "再次申诉", LocalDate.of(2019, 6, 20)), officer())
                .expectException(Violates.rule("appeal-already-open"));
        fixture.given(CONCLUDED_ON_JUNE_17)
                .when(new AppealRating(CASE, "申诉", LocalDate.of(2019, 6, 20)), officer())
                .expectException(Violates.rule("not-yet-rated"));
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview(), appealed,
                        new RatingAppealReviewed(CASE, true, "恶意评价,予以剔除", LocalDate.of(2019, 6, 20)))
                .when(new AppealRating(CASE, "再次申诉", LocalDate.of(2019, 6, 21)), officer())
                .expectException(Violates.rule("rating-already-excluded"));
        fixture.given(CONCLUDED_ON_JUNE_17)
                .when(new ReviewRatingAppeal(CASE, true, "恶意评价", LocalDate.of(2019, 6, 20)),
                        as(Role.AUDITOR, JUSTICE_BUREAU))
                .expectException(Violates.rule("no-appeal-pending"));
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new EndSpecialProcedure(CASE, JUNE_17), officer())
                .expectException(Violates.rule("no-special-procedure-in-progress"));
        fixture.given(submitted(JUNE_17), accepted(JUNE_17, LocalDate.of(2019, 6, 24)))
                .when(new SupplyDeficiency(CASE, JUNE_17), officer())
                .expectException(Violates.rule("no-deficiency-pending"));
        fixture.given(submitted(JUNE_17))
                .when(new CompleteCorrection(CASE, JUNE_17), officer())
                .expectException(Violates.rule("no-correction-pending"));
    }

    @Test
    void anAuditorReviewsAppealsOfCasesInTheAuditorsJurisdictionAndBelowOnly() {
        RatingAppealed appealed = new RatingAppealed(CASE, "评价内容与办件无关,系恶意差评", LocalDate.of(2019, 6, 19));
        // The case's body is of Deyang city: an auditor of Guanghan, a county below it, may not review it.
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview(), appealed)
                .when(new ReviewRatingAppeal(CASE, true, "经核实为恶意评价,予以剔除", LocalDate.of(2019, 6, 20)),
                        as(Role.AUDITOR, GUANGHAN_REFORM_OFFICE))
                .expectException(Forbidden.class)
                .expectNoEvents();
        // An auditor of a body the ledger does not know has no jurisdiction at all.
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview(), appealed)
                .when(new ReviewRatingAppeal(CASE, true, "经核实为恶意评价,予以剔除", LocalDate.of(2019, 6, 20)),
                        as(Role.AUDITOR, "11510700008654015T"))
                .expectException(Forbidden.class);
    }

    // --- deficiency (容缺) lapse ---------------------------------------------------------------------------------

    static CommandMessage<?> deficiencyUntil(LocalDate supplyBy) {
        return byOfficer(new AcceptCaseWithDeficiency(CASE, EVE_OF_NATIONAL_DAY, List.of("验资报告"), supplyBy));
    }

    @Test
    void aDeficiencyAcceptanceSchedulesItsLapseOnTheFirstDayAfterTheSupplyDate() {
        fixture.givenCurrentTime(startOf(EVE_OF_NATIONAL_DAY))
                .andGiven(submitted(EVE_OF_NATIONAL_DAY))
                .when(new AcceptCaseWithDeficiency(CASE, EVE_OF_NATIONAL_DAY, List.of("验资报告"),
                        LocalDate.of(2019, 10, 9)), officer())
                .expectScheduledDeadline(startOf(LocalDate.of(2019, 10, 10)),
                        new DeficiencyLapse(LocalDate.of(2019, 10, 10)));
    }

    @Test
    void aDeficiencyNotSuppliedByThePromisedDayTerminatesTheCaseAndItsSupervision() {
        // Promised for the day of acceptance itself: it lapses on 10-01, before any supervision deadline.
        LocalDate lapse = LocalDate.of(2019, 10, 1);
        fixture.givenCurrentTime(startOf(EVE_OF_NATIONAL_DAY))
                .andGiven(submitted(EVE_OF_NATIONAL_DAY))
                .andGivenCommands(List.of(deficiencyUntil(EVE_OF_NATIONAL_DAY)))
                .whenTimeAdvancesTo(startOf(lapse))
                .expectEvents(new CaseTerminated(CASE, lapse, "容缺材料逾期未补齐,终止办理"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aSuppliedDeficiencyDoesNotLapse() {
        fixture.givenCurrentTime(startOf(EVE_OF_NATIONAL_DAY))
                .andGiven(submitted(EVE_OF_NATIONAL_DAY))
                .andGivenCommands(List.of(deficiencyUntil(EVE_OF_NATIONAL_DAY),
                        byOfficer(new SupplyDeficiency(CASE, EVE_OF_NATIONAL_DAY))))
                .whenTimeAdvancesTo(startOf(LocalDate.of(2019, 10, 1)))
                .expectNoEvents();
    }

    @Test
    void aDeficiencyDoesNotLapseOnACaseNoLongerInHand() {
        fixture.givenCurrentTime(startOf(EVE_OF_NATIONAL_DAY))
                .andGiven(submitted(EVE_OF_NATIONAL_DAY))
                .andGivenCommands(List.of(deficiencyUntil(EVE_OF_NATIONAL_DAY),
                        byOfficer(new WithdrawCase(CASE, EVE_OF_NATIONAL_DAY, "不再需要"))))
                .whenTimeAdvancesTo(startOf(LocalDate.of(2019, 10, 1)))
                .expectNoEvents();
    }

    // --- rating of a follow-up ------------------------------------------------------------------------------------

    static final BadReviewFollowedUp FOLLOWED_UP = new BadReviewFollowedUp(CASE, "已电话回访并优化叫号流程",
            LocalDate.of(2019, 6, 21), 3, true);

    @Test
    void theApplicantRatesTheFixOfABadReviewOnceAfterItWasFollowedUp() {
        LocalDate june24 = LocalDate.of(2019, 6, 24);
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview(), FOLLOWED_UP)
                .when(new RateFollowUp(CASE, Satisfaction.SATISFIED, Channel.ONLINE, june24), officer())
                .expectEvents(new FollowUpRated(CASE, Satisfaction.SATISFIED, Channel.ONLINE, june24));
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview(), FOLLOWED_UP,
                        new FollowUpRated(CASE, Satisfaction.SATISFIED, Channel.ONLINE, june24))
                .when(new RateFollowUp(CASE, Satisfaction.VERY_SATISFIED, Channel.ONLINE, june24), officer())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("整改情况只能评价一次");
    }

    @Test
    void aFixIsRatedOnlyAfterTheFollowUpAndNotBeforeItsDay() {
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview())
                .when(new RateFollowUp(CASE, Satisfaction.SATISFIED, Channel.ONLINE, LocalDate.of(2019, 6, 24)),
                        officer())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("本件没有已整改的差评,无从评价整改");
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview(), FOLLOWED_UP)
                .when(new RateFollowUp(CASE, Satisfaction.SATISFIED, Channel.ONLINE, LocalDate.of(2019, 6, 20)),
                        officer())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("整改评价日期不得早于整改日期(2019-06-21)");
        fixture.given(CONCLUDED_ON_JUNE_17).andGiven(badReview(), FOLLOWED_UP)
                .when(new RateFollowUp(CASE, Satisfaction.SATISFIED, null, LocalDate.of(2019, 6, 24)), officer())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("评价须注明满意度等级和评价渠道");
    }
}
