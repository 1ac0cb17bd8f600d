package org.quanli.command.cases;

import static org.quanli.command.Fixtures.*;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.command.powerlist.InMemoryItemDirectory;
import org.quanli.kernel.calendar.WorkingDayCalendar;
import org.quanli.kernel.cases.CaseClock;
import org.quanli.kernel.cases.CaseTime;
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
    static final List<JointPart> PARTS = List.of(new JointPart("case-a", "licence", MARKET_BUREAU),
            new JointPart("case-b", "permit", GUANGHAN_MARKET_BUREAU));
    static final JointApprovalStarted STARTED = new JointApprovalStarted(JOINT, GUANGHAN_SERVICE_CENTRE, "某投资项目",
            PARTS, RECEIVED, new CaseTime(RECEIVED, 45, 0, 0, 0, DEADLINE, 45, false), null, null, null);

    private AggregateTestFixture<JointApproval> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(JointApproval.class);
        fixture.registerInjectableResource(new InMemoryItemDirectory()
                .item("licence", MARKET_BUREAU, DEYANG, ListStatus.IN_FORCE, ItemType.LICENCE, PowerSource.STATUTORY)
                .item("permit", GUANGHAN_MARKET_BUREAU, GUANGHAN, ListStatus.IN_FORCE, ItemType.LICENCE,
                        PowerSource.STATUTORY));
        fixture.registerInjectableResource(new CaseClock(WorkingDayCalendar.load(null)));
    }

    static java.util.Map<String, String> leadWindow() {
        return as(Role.WINDOW_OFFICER, GUANGHAN_SERVICE_CENTRE);
    }

    @Test
    void theLeadWindowTakesOneApplicationForSeveralBodiesWithItsOwn45DayLimit() {
        fixture.givenNoPriorActivity()
                .when(new StartJointApproval(JOINT, "某投资项目", PARTS, RECEIVED, null, null, null), leadWindow())
                .expectEvents(STARTED);
    }

    @Test
    void aJointApprovalInvolvesAtLeastTwoParts() {
        fixture.givenNoPriorActivity()
                .when(new StartJointApproval(JOINT, "某投资项目", PARTS.subList(0, 1), RECEIVED, null, null, null), leadWindow())
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
    void onlyTheLeadBodysWindowMovesIt() {
        fixture.given(STARTED)
                .when(new RecordPartConcluded(JOINT, "case-a", LocalDate.of(2019, 7, 1)),
                        as(Role.WINDOW_OFFICER, MARKET_BUREAU))
                .expectException(Forbidden.class);
    }
}
