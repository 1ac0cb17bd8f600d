package org.quanli.command.cases;

import static org.quanli.command.Fixtures.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.command.places.Violates;
import org.quanli.command.powerlist.InMemoryItemDirectory;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.calendar.WorkingDayCalendar;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.CaseClock;
import org.quanli.kernel.cases.CaseTime;
import org.quanli.kernel.cases.IdentityDocument;
import org.quanli.kernel.cases.JointApprovalMessages.*;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.RuleViolation;

class JointApprovalTest {

    static final String JOINT = "joint-1";
    static final LocalDate RECEIVED = LocalDate.of(2019, 6, 17);
    // 45 working days after Monday 2019-06-17 (no holiday in between).
    static final LocalDate DEADLINE = LocalDate.of(2019, 8, 19);
    // Guanghan's comprehensive window leads; the parts are bodies of Guanghan and of a township below it.
    static final List<JointPart> PARTS = List.of(new JointPart("case-a", "licence", TOWNSHIP_GOVERNMENT),
            new JointPart("case-b", "permit", GUANGHAN_MARKET_BUREAU));
    static final Applicant APPLICANT = new Applicant("某某置业有限公司", IdentityDocument.UNIFIED_SOCIAL_CREDIT_CODE,
            "91510681MA6XXXXX0X", null);
    static final List<String> MATERIALS = List.of("项目申请书", "营业执照");
    static final JointApprovalStarted STARTED = new JointApprovalStarted(JOINT, GUANGHAN_SERVICE_CENTRE, "某投资项目",
            PARTS, RECEIVED, new CaseTime(RECEIVED, 45, 0, 0, 0, DEADLINE, 45, false), APPLICANT, MATERIALS,
            "综合受理窗口");

    static StartJointApproval start(List<JointPart> parts, Applicant applicant) {
        return new StartJointApproval(JOINT, "某投资项目", parts, RECEIVED, applicant, List.of(" 项目申请书", "营业执照", " "),
                " 综合受理窗口 ");
    }

    private AggregateTestFixture<JointApproval> fixture;
    /** How the lookup knows case-a: unless a test says otherwise, as a part handled outside the ledger. */
    private Optional<JointApprovalParts.Part> partA = Optional.empty();

    private static Optional<JointApprovalParts.Part> submittedPartA(String outcome, LocalDate doneOn) {
        return Optional.of(new JointApprovalParts.Part("case-a", JOINT, GUANGHAN_SERVICE_CENTRE, "licence",
                TOWNSHIP_GOVERNMENT, true, false, outcome, doneOn));
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(JointApproval.class);
        fixture.registerInjectableResource(new InMemoryItemDirectory()
                .item("licence", TOWNSHIP_GOVERNMENT, TOWNSHIP, ListStatus.IN_FORCE, ItemType.LICENCE,
                        PowerSource.STATUTORY)
                .item("deyang-licence", MARKET_BUREAU, DEYANG, ListStatus.IN_FORCE, ItemType.LICENCE,
                        PowerSource.STATUTORY)
                .item("permit", GUANGHAN_MARKET_BUREAU, GUANGHAN, ListStatus.IN_FORCE, ItemType.LICENCE,
                        PowerSource.STATUTORY));
        fixture.registerInjectableResource(new CaseClock(WorkingDayCalendar.load(null)));
        fixture.registerInjectableResource(CaseTest.CLOCK);
        fixture.registerInjectableResource((JointApprovalParts) caseId -> switch (caseId) {
            case "taken" -> Optional.of(new JointApprovalParts.Part("taken", "joint-0", GUANGHAN_SERVICE_CENTRE,
                    "licence", TOWNSHIP_GOVERNMENT, true, false, null, null));
            case "case-a" -> partA;
            default -> Optional.empty();
        });
        fixture.registerInjectableResource(deyang());
    }

    static java.util.Map<String, String> leadWindow() {
        return as(Role.WINDOW_OFFICER, GUANGHAN_SERVICE_CENTRE);
    }

    @Test
    void theLeadWindowTakesOneApplicationForSeveralBodiesWithItsOwn45DayLimit() {
        fixture.givenNoPriorActivity()
                .when(start(PARTS, APPLICANT), leadWindow())
                .expectEvents(STARTED);
    }

    @Test
    void theApplicantIsRegisteredSinceEachPartIsSubmittedWithIt() {
        fixture.givenNoPriorActivity()
                .when(start(PARTS, null), leadWindow())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("必须登记申请人及其证件");
    }

    @Test
    void aCaseIsAPartOfOneJointApprovalOnly() {
        fixture.givenNoPriorActivity()
                .when(start(List.of(PARTS.get(0), new JointPart("taken", "licence", TOWNSHIP_GOVERNMENT)), APPLICANT),
                        leadWindow())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("办件 taken 已是另一并联审批的部分");
    }

    @Test
    void aJointApprovalInvolvesAtLeastTwoParts() {
        fixture.givenNoPriorActivity()
                .when(start(PARTS.subList(0, 1), APPLICANT), leadWindow())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("并联审批至少涉及两个部门的办件");
    }

    @Test
    void itIsConcludedWhenAllItsPartsAre() {
        fixture.given(STARTED)
                .when(new RecordPartConcluded(JOINT, "case-a", LocalDate.of(2019, 7, 1)), leadWindow())
                .expectEvents(new JointPartConcluded(JOINT, "case-a", LocalDate.of(2019, 7, 1), 1));
        LocalDate last = LocalDate.of(2019, 7, 31);
        fixture.given(STARTED, new JointPartConcluded(JOINT, "case-a", LocalDate.of(2019, 7, 1), 1))
                .when(new RecordPartConcluded(JOINT, "case-b", last), leadWindow())
                .expectEvents(new JointPartConcluded(JOINT, "case-b", last, 0),
                        new JointApprovalConcluded(JOINT, last, true,
                                new CaseTime(last, 45, 0, 0, 32, DEADLINE, 13, false)));
    }

    @Test
    void itIsConcludedOnTheDayItsLastPartWasDoneWhicheverPartIsReportedLast() {
        // The parts' bodies report independently: a part concluded earlier may be reported after a later one.
        LocalDate later = LocalDate.of(2019, 7, 31);
        fixture.given(STARTED, new JointPartConcluded(JOINT, "case-b", later, 1))
                .when(new RecordPartConcluded(JOINT, "case-a", LocalDate.of(2019, 7, 1)), leadWindow())
                .expectEvents(new JointPartConcluded(JOINT, "case-a", LocalDate.of(2019, 7, 1), 0),
                        new JointApprovalConcluded(JOINT, later, true,
                                new CaseTime(later, 45, 0, 0, 32, DEADLINE, 13, false)));
    }

    @Test
    void anExtensionIsAtMostFifteenWorkingDaysAndOnlyOnce() {
        fixture.given(STARTED)
                .when(new ExtendJointApproval(JOINT, 16, "需补充论证", "县长", LocalDate.of(2019, 7, 1)), leadWindow())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("并联审批延长期限不得超过 15 个工作日");
        JointApprovalExtended extended = new JointApprovalExtended(JOINT, 15, "需补充论证", "县长",
                LocalDate.of(2019, 7, 1), false,
                new CaseTime(LocalDate.of(2019, 7, 1), 45, 15, 0, 10, LocalDate.of(2019, 9, 9), 50, false));
        fixture.given(STARTED)
                .when(new ExtendJointApproval(JOINT, 15, "需补充论证", "县长", LocalDate.of(2019, 7, 1)), leadWindow())
                .expectEvents(extended);
        fixture.given(STARTED, extended)
                .when(new ExtendJointApproval(JOINT, 5, "再次延期", "县长", LocalDate.of(2019, 7, 2)), leadWindow())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("并联审批只能延期一次");
    }

    @Test
    void aPartIsRecordedByItsOwnBodysWindowOrTheLeadWindowOnly() {
        LocalDate july1 = LocalDate.of(2019, 7, 1);
        fixture.given(STARTED)
                .when(new RecordPartConcluded(JOINT, "case-a", july1), as(Role.WINDOW_OFFICER, TOWNSHIP_GOVERNMENT))
                .expectEvents(new JointPartConcluded(JOINT, "case-a", july1, 1));
        fixture.given(STARTED)
                .when(new RecordPartConcluded(JOINT, "case-b", july1), as(Role.WINDOW_OFFICER, TOWNSHIP_GOVERNMENT))
                .expectException(Forbidden.class);
        fixture.given(STARTED)
                .when(new RecordPartEnded(JOINT, "case-a", july1, "WITHDRAWN"), as(Role.WINDOW_OFFICER, JUSTICE_BUREAU))
                .expectException(Forbidden.class);
        fixture.given(STARTED)
                .when(new RecordPartConcluded(JOINT, "case-a", july1), as(Role.BODY_CLERK, TOWNSHIP_GOVERNMENT))
                .expectException(Forbidden.class);
    }

    @Test
    void aPartEndedWithoutConclusionIsNoLongerOpen() {
        LocalDate july1 = LocalDate.of(2019, 7, 1);
        fixture.given(STARTED)
                .when(new RecordPartEnded(JOINT, "case-b", july1, "NOT_ACCEPTED"),
                        as(Role.WINDOW_OFFICER, GUANGHAN_MARKET_BUREAU))
                .expectEvents(new JointPartEnded(JOINT, "case-b", july1, "NOT_ACCEPTED", 1));
        fixture.given(STARTED)
                .when(new RecordPartEnded(JOINT, "case-a", july1, "GRANTED"), as(Role.WINDOW_OFFICER, TOWNSHIP_GOVERNMENT))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("部分办件的结束方式须为 NOT_ACCEPTED、WITHDRAWN 或 TERMINATED");
        fixture.given(STARTED, new JointPartEnded(JOINT, "case-b", july1, "NOT_ACCEPTED", 1))
                .when(new RecordPartConcluded(JOINT, "case-b", july1), as(Role.WINDOW_OFFICER, GUANGHAN_MARKET_BUREAU))
                .expectException(Violates.rule("joint-part-already-done", "办件 case-b 不是本并联审批尚未办结的部分"));
    }

    @Test
    void onlyBodiesOfTheLeadWindowsJurisdictionOrBelowArePartsOfItsJointApproval() {
        // Guanghan's window may not take an application for a Deyang city bureau, which lies above it.
        fixture.givenNoPriorActivity()
                .when(start(List.of(PARTS.get(0), new JointPart("case-c", "deyang-licence", MARKET_BUREAU)), APPLICANT),
                        leadWindow())
                .expectException(Violates.rule("joint-parts-within-lead-jurisdiction", MARKET_BUREAU + " 属于 " + DEYANG))
                .expectNoEvents();
        // A window of a body the ledger does not know leads nothing.
        fixture.givenNoPriorActivity()
                .when(start(PARTS, APPLICANT), as(Role.WINDOW_OFFICER, "11510700008654015T"))
                .expectException(Violates.rule("lead-body-active"));
    }

    @Test
    void aJointApprovalReceivedLaterThanTodayOrBeyondTheCalendarIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new StartJointApproval(JOINT, "某投资项目", PARTS, ChinaTime.today(CaseTest.CLOCK).plusDays(1), APPLICANT,
                        MATERIALS, null), leadWindow())
                .expectException(Violates.rule("received-not-in-future"));
        fixture.givenNoPriorActivity()
                .when(new StartJointApproval(JOINT, "某投资项目", PARTS, LocalDate.MAX, APPLICANT, MATERIALS, null),
                        leadWindow())
                .expectException(Violates.rule("received-not-in-future"));
        // Received in a year the working-day calendar has no data for: its 45 days cannot be counted.
        fixture.givenNoPriorActivity()
                .when(new StartJointApproval(JOINT, "某投资项目", PARTS, LocalDate.of(2012, 6, 1), APPLICANT, MATERIALS,
                        null), leadWindow())
                .expectException(Violates.rule("working-day-calendar-available"));
    }

    @Test
    void aPartConclusionConcernsAPartOfThisJointApproval() {
        fixture.given(STARTED)
                .when(new RecordPartConcluded(JOINT, "taken", LocalDate.of(2019, 7, 1)), leadWindow())
                .expectException(Violates.rule("joint-part-of-approval", "办件 taken 不是本并联审批的部分"))
                .expectNoEvents();
    }

    @Test
    void aPartWhoseCaseIsInTheLedgerIsDoneOnlyAsItsCaseWas() {
        LocalDate july1 = LocalDate.of(2019, 7, 1);
        partA = submittedPartA(null, null);
        fixture.given(STARTED)
                .when(new RecordPartConcluded(JOINT, "case-a", july1), leadWindow())
                .expectException(Violates.rule("joint-part-done-as-its-case", "办件 case-a 在账本中尚在办理"))
                .expectNoEvents();
        partA = submittedPartA("CONCLUDED", july1);
        fixture.given(STARTED)
                .when(new RecordPartEnded(JOINT, "case-a", july1, "WITHDRAWN"), leadWindow())
                .expectException(Violates.rule("joint-part-done-as-its-case", "已于 2019-07-01 办结"));
        fixture.given(STARTED)
                .when(new RecordPartConcluded(JOINT, "case-a", july1.plusDays(1)), leadWindow())
                .expectException(Violates.rule("joint-part-done-as-its-case"));
        fixture.given(STARTED)
                .when(new RecordPartConcluded(JOINT, "case-a", july1), leadWindow())
                .expectEvents(new JointPartConcluded(JOINT, "case-a", july1, 1));
        // A part handled outside the ledger is back-filled as the lead window says.
        fixture.given(STARTED)
                .when(new RecordPartConcluded(JOINT, "case-b", july1.plusDays(3)), leadWindow())
                .expectEvents(new JointPartConcluded(JOINT, "case-b", july1.plusDays(3), 1));
    }

    @Test
    void itIsConcludedWhenNoPartIsOpenEvenIfSomeEndedWithoutConclusion() {
        // Its handling is over: the parts' own events say which were granted and which ended otherwise.
        LocalDate last = LocalDate.of(2019, 8, 20);
        fixture.given(STARTED, new JointPartConcluded(JOINT, "case-a", LocalDate.of(2019, 7, 1), 1))
                .when(new RecordPartEnded(JOINT, "case-b", last, "TERMINATED"),
                        as(Role.WINDOW_OFFICER, GUANGHAN_MARKET_BUREAU))
                .expectEvents(new JointPartEnded(JOINT, "case-b", last, "TERMINATED", 0),
                        new JointApprovalConcluded(JOINT, last, false,
                                new CaseTime(last, 45, 0, 0, 46, DEADLINE, -1, true)));
    }
}
