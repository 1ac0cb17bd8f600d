package org.quanli.command.complaints;

import static org.quanli.command.Fixtures.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.command.cases.FixtureCaseDeadlines;
import org.quanli.command.cases.SupervisionDue;
import org.quanli.command.cases.SupervisionSchedule;
import org.quanli.command.places.Violates;
import org.quanli.command.powerlist.InMemoryItemDirectory;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.calendar.WorkingDayCalendar;
import org.quanli.kernel.cases.IdentityDocument;
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.complaints.Complainant;
import org.quanli.kernel.complaints.ComplaintCategory;
import org.quanli.kernel.complaints.ComplaintChannel;
import org.quanli.kernel.complaints.ComplaintMessages.*;
import org.quanli.kernel.complaints.ComplaintOutcome;
import org.quanli.kernel.complaints.ComplaintRating;
import org.quanli.kernel.complaints.ComplaintSupervisionTrigger;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.rules.Forbidden;

/**
 * The rules of a complaint, each by name. Guanghan (a county of Deyang) runs the reception at its service centre and
 * a supervision office; the complaint is about Guanghan's market bureau. Dates lie in June 2019: a complaint about
 * efficiency (5 working days) transferred on Monday 06-17 is due on 06-24.
 */
class ComplaintTest {

    /** The real time in Beijing: the rules refuse dates after today. */
    static final Clock CLOCK = Clock.system(ChinaTime.ZONE);

    static final String COMPLAINT = "complaint-1";
    static final String SUPERVISION_BODY = "11510681008712360U";
    static final String LICENCE = "guanghan-licence";
    static final String CITY_LICENCE = "city-licence";
    static final String CASE = "case-1";
    static final LocalDate JUNE_17 = LocalDate.of(2019, 6, 17);
    static final LocalDate DUE = LocalDate.of(2019, 6, 24);
    static final LocalDateTime RECEIVED_AT = LocalDateTime.of(2019, 6, 17, 9, 30);
    static final Complainant COMPLAINANT = new Complainant("王建国", "13912345678", IdentityDocument.RESIDENT_ID_CARD,
            "510681199001011234", null);
    static final String TEXT = "办理食品经营许可超过承诺时限仍未办结";
    static final List<String> REASONS = List.of("食品经营许可由广汉市市场监督管理局实施");

    private AggregateTestFixture<Complaint> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(ComplaintPolicy.defaults());
    }

    static AggregateTestFixture<Complaint> fixture(ComplaintPolicy policy) {
        AggregateTestFixture<Complaint> fixture = new AggregateTestFixture<>(Complaint.class);
        FixtureCaseDeadlines.registerOn(fixture);
        fixture.registerInjectableResource(deyang().body(SUPERVISION_BODY, GUANGHAN, true));
        fixture.registerInjectableResource(new InMemoryItemDirectory()
                .item(LICENCE, GUANGHAN_MARKET_BUREAU, GUANGHAN, ListStatus.IN_FORCE, ItemType.LICENCE,
                        PowerSource.STATUTORY)
                .item(CITY_LICENCE, MARKET_BUREAU, DEYANG, ListStatus.IN_FORCE, ItemType.LICENCE,
                        PowerSource.STATUTORY));
        fixture.registerInjectableResource((CaseLookup) caseId -> CASE.equals(caseId)
                ? Optional.of(GUANGHAN_MARKET_BUREAU) : Optional.empty());
        fixture.registerInjectableResource(WorkingDayCalendar.load(null));
        fixture.registerInjectableResource(policy);
        // No back-fill grace: the complaints here lie in 2019, and the rules are about the days deadlines fall on.
        fixture.registerInjectableResource(new SupervisionSchedule(new SupervisionSchedule.Settings(null, Duration.ZERO),
                CLOCK));
        fixture.registerInjectableResource(CLOCK);
        return fixture;
    }

    static Map<String, String> reception() {
        return as(Role.COMPLAINT_RECEPTION, GUANGHAN_SERVICE_CENTRE);
    }

    static Map<String, String> supervision() {
        return as(Role.SUPERVISION_OFFICE, SUPERVISION_BODY);
    }

    static Map<String, String> handler() {
        return as(Role.COMPLAINT_HANDLER, GUANGHAN_MARKET_BUREAU);
    }

    static CommandMessage<?> by(Map<String, String> actor, Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(actor);
    }

    static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.ofHours(8)).toInstant();
    }

    static RegisterComplaint register(Complainant complainant) {
        return new RegisterComplaint(COMPLAINT, ComplaintChannel.HOTLINE_12345, RECEIVED_AT, TEXT, complainant,
                GUANGHAN_MARKET_BUREAU, LICENCE, CASE, ComplaintCategory.EFFICIENCY);
    }

    static ComplaintRegistered registered() {
        return new ComplaintRegistered(COMPLAINT, ComplaintChannel.HOTLINE_12345, RECEIVED_AT, TEXT, COMPLAINANT,
                GUANGHAN_MARKET_BUREAU, GUANGHAN, LICENCE, CASE, ComplaintCategory.EFFICIENCY,
                GUANGHAN_SERVICE_CENTRE);
    }

    static ComplaintTransferred transferred() {
        return new ComplaintTransferred(COMPLAINT, GUANGHAN_SERVICE_CENTRE, GUANGHAN_MARKET_BUREAU, GUANGHAN, REASONS,
                JUNE_17, ComplaintCategory.EFFICIENCY, 5, DUE, 1);
    }

    static ComplaintAccepted accepted() {
        return new ComplaintAccepted(COMPLAINT, GUANGHAN_MARKET_BUREAU, JUNE_17, DUE, 1);
    }

    static ComplaintConcluded concluded(LocalDate on) {
        return new ComplaintConcluded(COMPLAINT, GUANGHAN_MARKET_BUREAU, ComplaintOutcome.SUBSTANTIATED, "确有超期",
                List.of("责令限期办结"), on, DUE, 3, true, 1);
    }

    static ComplaintReplied replied(LocalDate on) {
        return new ComplaintReplied(COMPLAINT, GUANGHAN_MARKET_BUREAU, "已责令限期办结", null, on, DUE, 4, true, 1);
    }

    static ComplaintRated rated(ComplaintRating rating) {
        return new ComplaintRated(COMPLAINT, GUANGHAN_MARKET_BUREAU, rating, null, LocalDate.of(2019, 6, 21), 1);
    }

    // --- reception ----------------------------------------------------------------------------------------------

    @Test
    void theReceptionRegistersAComplaintAboutABodyOfItsJurisdiction() {
        fixture.givenNoPriorActivity()
                .when(register(COMPLAINANT), reception())
                .expectEvents(registered());
    }

    @Test
    void anAnonymousComplaintCarriesNoComplainant() {
        fixture.givenNoPriorActivity()
                .when(register(null), reception())
                .expectEvents(new ComplaintRegistered(COMPLAINT, ComplaintChannel.HOTLINE_12345, RECEIVED_AT, TEXT,
                        null, GUANGHAN_MARKET_BUREAU, GUANGHAN, LICENCE, CASE, ComplaintCategory.EFFICIENCY,
                        GUANGHAN_SERVICE_CENTRE));
    }

    @Test
    void numbersTypedIntoTheTextAreMasked() {
        fixture.givenNoPriorActivity()
                .when(new RegisterComplaint(COMPLAINT, ComplaintChannel.SMS_WECHAT, RECEIVED_AT,
                        "我的电话13912345678,身份证510681199001011234", null, GUANGHAN_MARKET_BUREAU, null, null,
                        ComplaintCategory.CONDUCT), reception())
                .expectEvents(new ComplaintRegistered(COMPLAINT, ComplaintChannel.SMS_WECHAT, RECEIVED_AT,
                        "我的电话139****5678,身份证5106**********1234", null, GUANGHAN_MARKET_BUREAU, GUANGHAN, null,
                        null, ComplaintCategory.CONDUCT, GUANGHAN_SERVICE_CENTRE));
    }

    @Test
    void onlyTheReceptionOrTheSupervisionOfficeRegisters() {
        fixture.givenNoPriorActivity()
                .when(register(COMPLAINANT), handler())
                .expectException(Forbidden.class);
    }

    @Test
    void theReceptionRegistersOnlyComplaintsAboutBodiesOfItsJurisdictionOrBelow() {
        fixture.givenNoPriorActivity()
                .when(new RegisterComplaint(COMPLAINT, ComplaintChannel.HOTLINE_12345, RECEIVED_AT, TEXT, null,
                        MARKET_BUREAU, null, null, ComplaintCategory.EFFICIENCY), reception())
                .expectException(Forbidden.class);
    }

    @Test
    void theItemComplainedAboutIsOneOfTheBody() {
        fixture.givenNoPriorActivity()
                .when(new RegisterComplaint(COMPLAINT, ComplaintChannel.HOTLINE_12345, RECEIVED_AT, TEXT, null,
                        GUANGHAN_MARKET_BUREAU, CITY_LICENCE, null, ComplaintCategory.EFFICIENCY), reception())
                .expectException(Violates.rule("item-of-body"));
    }

    @Test
    void theCaseComplainedAboutIsOneTheBodyHandles() {
        fixture.givenNoPriorActivity()
                .when(new RegisterComplaint(COMPLAINT, ComplaintChannel.HOTLINE_12345, RECEIVED_AT, TEXT, null,
                        GUANGHAN_MARKET_BUREAU, null, "another-case", ComplaintCategory.EFFICIENCY), reception())
                .expectException(Violates.rule("case-of-body"));
    }

    @Test
    void aNamedComplaintNeedsTheComplainantsNameAndPhone() {
        fixture.givenNoPriorActivity()
                .when(register(new Complainant("王建国", " ", null, null, null)), reception())
                .expectException(Violates.rule("complainant-identified"));
    }

    @Test
    void aComplaintIsNotReceivedInTheFuture() {
        fixture.givenNoPriorActivity()
                .when(new RegisterComplaint(COMPLAINT, ComplaintChannel.LETTER, LocalDateTime.now().plusDays(2),
                        TEXT, null, GUANGHAN_MARKET_BUREAU, null, null, ComplaintCategory.OTHER), reception())
                .expectException(Violates.rule("received-not-in-future"));
    }

    // --- transfer -----------------------------------------------------------------------------------------------

    @Test
    void aTransferStartsTheCategorysLimitOnTheWorkingDayCalendar() {
        // Efficiency: 5 working days from 06-17; yellow at two days left (06-20), red the day after 06-24.
        fixture.givenCurrentTime(startOf(JUNE_17))
                .andGiven(registered())
                .when(new TransferComplaint(COMPLAINT, GUANGHAN_MARKET_BUREAU, REASONS, JUNE_17), reception())
                .expectEvents(transferred())
                .expectScheduledDeadline(startOf(LocalDate.of(2019, 6, 20)),
                        new SupervisionDue(SupervisionLevel.YELLOW, LocalDate.of(2019, 6, 20)))
                .expectScheduledDeadline(startOf(LocalDate.of(2019, 6, 25)),
                        new SupervisionDue(SupervisionLevel.RED, LocalDate.of(2019, 6, 25)));
    }

    @Test
    void theLimitOfEachCategoryIsConfigured() {
        fixture(new ComplaintPolicy(Map.of(ComplaintCategory.EFFICIENCY, 3))).givenCurrentTime(startOf(JUNE_17))
                .andGiven(registered())
                .when(new TransferComplaint(COMPLAINT, GUANGHAN_MARKET_BUREAU, REASONS, JUNE_17), reception())
                .expectEvents(new ComplaintTransferred(COMPLAINT, GUANGHAN_SERVICE_CENTRE, GUANGHAN_MARKET_BUREAU,
                        GUANGHAN, REASONS, JUNE_17, ComplaintCategory.EFFICIENCY, 3, LocalDate.of(2019, 6, 20), 1));
    }

    @Test
    void onlyTheReceptionOrTheSupervisionOfficeTransfers() {
        fixture.given(registered())
                .when(new TransferComplaint(COMPLAINT, GUANGHAN_MARKET_BUREAU, REASONS, JUNE_17), handler())
                .expectException(Forbidden.class);
    }

    @Test
    void aTransferStatesItsReasons() {
        fixture.given(registered())
                .when(new TransferComplaint(COMPLAINT, GUANGHAN_MARKET_BUREAU, List.of(" "), JUNE_17), reception())
                .expectException(Violates.rule("transfer-states-reasons"));
    }

    @Test
    void theReceptionTransfersOnlyWithinItsJurisdiction() {
        fixture.given(registered())
                .when(new TransferComplaint(COMPLAINT, MARKET_BUREAU, REASONS, JUNE_17), reception())
                .expectException(Violates.rule("transfer-within-jurisdiction"));
    }

    @Test
    void aComplaintIsTransferredOnceAndThenPassedOn() {
        fixture.given(registered(), transferred())
                .when(new TransferComplaint(COMPLAINT, TOWNSHIP_GOVERNMENT, REASONS, JUNE_17), reception())
                .expectException(Violates.rule("already-transferred"));
    }

    @Test
    void aBodyThatIsNotResponsibleTransfersItOnWithReasonsUnderTheSameDueDate() {
        LocalDate june18 = LocalDate.of(2019, 6, 18);
        fixture.given(registered(), transferred())
                .when(new TransferComplaintOn(COMPLAINT, TOWNSHIP_GOVERNMENT, List.of("该事项已下放乡镇实施"), june18),
                        handler())
                .expectEvents(new ComplaintTransferredOn(COMPLAINT, GUANGHAN_MARKET_BUREAU, TOWNSHIP_GOVERNMENT,
                        TOWNSHIP, List.of("该事项已下放乡镇实施"), june18, 5, DUE, 1));
    }

    @Test
    void aTransferOnStatesWhyTheBodyIsNotResponsible() {
        fixture.given(registered(), transferred())
                .when(new TransferComplaintOn(COMPLAINT, TOWNSHIP_GOVERNMENT, List.of(), JUNE_17), handler())
                .expectException(Violates.rule("transfer-on-states-reasons"));
    }

    @Test
    void anAcceptedComplaintIsNoLongerTransferredOn() {
        fixture.given(registered(), transferred(), accepted())
                .when(new TransferComplaintOn(COMPLAINT, TOWNSHIP_GOVERNMENT, REASONS, JUNE_17), handler())
                .expectException(Violates.rule("already-accepted"));
    }

    // --- handling -----------------------------------------------------------------------------------------------

    @Test
    void onlyTheResponsibleBodysComplaintHandlerAcceptsIt() {
        fixture.given(registered(), transferred())
                .when(new AcceptComplaint(COMPLAINT, JUNE_17), as(Role.COMPLAINT_HANDLER, MARKET_BUREAU))
                .expectException(Forbidden.class);
    }

    @Test
    void afterATransferOnTheNewBodysHandlerAcceptsIt() {
        LocalDate june18 = LocalDate.of(2019, 6, 18);
        fixture.given(registered(), transferred(), new ComplaintTransferredOn(COMPLAINT, GUANGHAN_MARKET_BUREAU,
                        TOWNSHIP_GOVERNMENT, TOWNSHIP, REASONS, june18, 5, DUE, 1))
                .when(new AcceptComplaint(COMPLAINT, june18), as(Role.COMPLAINT_HANDLER, TOWNSHIP_GOVERNMENT))
                .expectEvents(new ComplaintAccepted(COMPLAINT, TOWNSHIP_GOVERNMENT, june18, DUE, 1));
    }

    @Test
    void aComplaintIsAcceptedOnlyAfterItsTransfer() {
        fixture.given(registered())
                .when(new AcceptComplaint(COMPLAINT, JUNE_17), handler())
                .expectException(Forbidden.class);
    }

    @Test
    void theInvestigationIsRecordedAfterAcceptance() {
        LocalDate june18 = LocalDate.of(2019, 6, 18);
        fixture.given(registered(), transferred(), accepted())
                .when(new RecordComplaintInvestigation(COMPLAINT, "调取办件记录,承诺时限10日,已超2日", "刘洋", june18),
                        handler())
                .expectEvents(new ComplaintInvestigationRecorded(COMPLAINT, GUANGHAN_MARKET_BUREAU,
                        "调取办件记录,承诺时限10日,已超2日", "刘洋", june18, 1));
    }

    @Test
    void anInvestigationBeforeAcceptanceIsRefused() {
        fixture.given(registered(), transferred())
                .when(new RecordComplaintInvestigation(COMPLAINT, "调取记录", "刘洋", JUNE_17), handler())
                .expectException(Violates.rule("not-yet-accepted"));
    }

    @Test
    void aConclusionRecordsWhetherItCameWithinTheLimit() {
        fixture.given(registered(), transferred(), accepted())
                .when(new ConcludeComplaint(COMPLAINT, ComplaintOutcome.SUBSTANTIATED, "确有超期",
                        List.of("责令限期办结"), LocalDate.of(2019, 6, 20)), handler())
                .expectEvents(concluded(LocalDate.of(2019, 6, 20)));
    }

    @Test
    void aSubstantiatedComplaintStatesItsMeasures() {
        fixture.given(registered(), transferred(), accepted())
                .when(new ConcludeComplaint(COMPLAINT, ComplaintOutcome.PARTLY_SUBSTANTIATED, "部分属实", List.of(),
                        LocalDate.of(2019, 6, 20)), handler())
                .expectException(Violates.rule("substantiated-complaint-states-measures"));
    }

    @Test
    void aStepIsNotDatedBeforeTheOneItFollows() {
        fixture.given(registered(), transferred(), accepted())
                .when(new ConcludeComplaint(COMPLAINT, ComplaintOutcome.NOT_SUBSTANTIATED, "不属实", null,
                        LocalDate.of(2019, 6, 14)), handler())
                .expectException(Violates.rule("concluded-in-order"));
    }

    @Test
    void aReplyWithinTheLimitEndsTheSupervision() {
        LocalDate june21 = LocalDate.of(2019, 6, 21);
        fixture.givenCurrentTime(startOf(JUNE_17))
                .andGiven(registered())
                .andGivenCommands(List.of(by(reception(),
                        new TransferComplaint(COMPLAINT, GUANGHAN_MARKET_BUREAU, REASONS, JUNE_17))))
                .andGiven(accepted(), concluded(LocalDate.of(2019, 6, 20)))
                .when(new ReplyToComplaint(COMPLAINT, "已责令限期办结", null, june21), handler())
                .expectEvents(replied(june21))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aReplyOnlyAfterTheConclusion() {
        fixture.given(registered(), transferred(), accepted())
                .when(new ReplyToComplaint(COMPLAINT, "答复", null, JUNE_17), handler())
                .expectException(Violates.rule("not-yet-concluded"));
    }

    @Test
    void aPublicReplyHoldsNoPersonalData() {
        fixture.given(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)))
                .when(new ReplyToComplaint(COMPLAINT, "已答复", "经核查,王建国反映的问题属实", LocalDate.of(2019, 6, 21)),
                        handler())
                .expectException(Violates.rule("public-reply-without-personal-data"));
    }

    @Test
    void aPublicReplyHoldsNoPhoneOrIdentityNumber() {
        fixture.given(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)))
                .when(new ReplyToComplaint(COMPLAINT, "已答复", "请致电 138 0000 1111 咨询", LocalDate.of(2019, 6, 21)),
                        handler())
                .expectException(Violates.rule("public-reply-without-personal-data"));
    }

    @Test
    void aPublicReplyIsPublishedWithTheAnswer() {
        LocalDate june21 = LocalDate.of(2019, 6, 21);
        fixture.given(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)))
                .when(new ReplyToComplaint(COMPLAINT, "已责令限期办结", " 经核查,反映的超期问题属实,已责令整改。 ", june21),
                        handler())
                .expectEvents(new ComplaintReplied(COMPLAINT, GUANGHAN_MARKET_BUREAU, "已责令限期办结",
                        "经核查,反映的超期问题属实,已责令整改。", june21, DUE, 4, true, 1));
    }

    @Test
    void aComplaintNotAnsweredWithinTheLimitIsRedWhenTheReplyComesLate() {
        LocalDate june26 = LocalDate.of(2019, 6, 26);
        fixture.given(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)))
                .when(new ReplyToComplaint(COMPLAINT, "已责令限期办结", null, june26), handler())
                .expectEvents(new ComplaintReplied(COMPLAINT, GUANGHAN_MARKET_BUREAU, "已责令限期办结", null, june26,
                                DUE, 7, false, 1),
                        new ComplaintFlagged(COMPLAINT, GUANGHAN_MARKET_BUREAU, SupervisionLevel.RED,
                                ComplaintSupervisionTrigger.NOT_ANSWERED_IN_TIME, LocalDate.of(2019, 6, 25), DUE, -1,
                                1));
    }

    // --- supervision --------------------------------------------------------------------------------------------

    @Test
    void theYellowDeadlineWarnsAtTheThreshold() {
        LocalDate june20 = LocalDate.of(2019, 6, 20);
        fixture.givenCurrentTime(startOf(JUNE_17))
                .andGiven(registered())
                .andGivenCommands(List.of(by(reception(),
                        new TransferComplaint(COMPLAINT, GUANGHAN_MARKET_BUREAU, REASONS, JUNE_17))))
                .whenTimeAdvancesTo(startOf(june20))
                .expectEvents(new ComplaintFlagged(COMPLAINT, GUANGHAN_MARKET_BUREAU, SupervisionLevel.YELLOW,
                        ComplaintSupervisionTrigger.DEADLINE_NEAR, june20, DUE, 2, 1));
    }

    @Test
    void aComplaintNotAnsweredWithinTheLimitIsFlaggedRed() {
        LocalDate june25 = LocalDate.of(2019, 6, 25);
        fixture.givenCurrentTime(startOf(JUNE_17))
                .andGiven(registered())
                .andGivenCommands(List.of(by(reception(),
                        new TransferComplaint(COMPLAINT, GUANGHAN_MARKET_BUREAU, REASONS, JUNE_17))))
                .whenTimeAdvancesTo(startOf(june25))
                .expectEvents(new ComplaintFlagged(COMPLAINT, GUANGHAN_MARKET_BUREAU, SupervisionLevel.YELLOW,
                                ComplaintSupervisionTrigger.DEADLINE_NEAR, LocalDate.of(2019, 6, 20), DUE, 2, 1),
                        new ComplaintFlagged(COMPLAINT, GUANGHAN_MARKET_BUREAU, SupervisionLevel.RED,
                                ComplaintSupervisionTrigger.NOT_ANSWERED_IN_TIME, june25, DUE, -1, 1));
    }

    @Test
    void aDeadlineThatOutlivesTheReplyRaisesNoFlag() {
        // The reply comes in as a given event, so nothing cancelled the deadlines the transfer scheduled.
        fixture.givenCurrentTime(startOf(JUNE_17))
                .andGiven(registered())
                .andGivenCommands(List.of(by(reception(),
                        new TransferComplaint(COMPLAINT, GUANGHAN_MARKET_BUREAU, REASONS, JUNE_17))))
                .andGiven(accepted(), concluded(LocalDate.of(2019, 6, 18)), replied(LocalDate.of(2019, 6, 19)))
                .whenTimeAdvancesTo(startOf(LocalDate.of(2019, 6, 25)))
                .expectNoEvents();
    }

    // --- rating, reopening, escalation ---------------------------------------------------------------------------

    @Test
    void theReceptionRecordsTheRatingAfterTheReply() {
        LocalDate june21 = LocalDate.of(2019, 6, 21);
        fixture.given(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)), replied(june21))
                .when(new RateComplaint(COMPLAINT, ComplaintRating.BASICALLY_SATISFIED, null, june21), reception())
                .expectEvents(rated(ComplaintRating.BASICALLY_SATISFIED));
    }

    @Test
    void aComplaintIsRatedOnlyAfterItsReply() {
        fixture.given(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)))
                .when(new RateComplaint(COMPLAINT, ComplaintRating.SATISFIED, null, LocalDate.of(2019, 6, 21)),
                        reception())
                .expectException(Violates.rule("not-yet-replied"));
    }

    @Test
    void aReplyIsRatedOnce() {
        fixture.given(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)),
                        replied(LocalDate.of(2019, 6, 21)), rated(ComplaintRating.SATISFIED))
                .when(new RateComplaint(COMPLAINT, ComplaintRating.DISSATISFIED, null, LocalDate.of(2019, 6, 21)),
                        reception())
                .expectException(Violates.rule("already-rated"));
    }

    @Test
    void aComplaintIsReopenedOnlyWhenTheComplainantIsDissatisfied() {
        fixture.given(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)),
                        replied(LocalDate.of(2019, 6, 21)), rated(ComplaintRating.BASICALLY_SATISFIED))
                .when(new ReopenComplaint(COMPLAINT, List.of("投诉人要求重新核查"), LocalDate.of(2019, 6, 24)),
                        reception())
                .expectException(Violates.rule("reopen-only-when-dissatisfied"));
    }

    @Test
    void aComplaintIsReopenedOnlyAfterItsRating() {
        fixture.given(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)),
                        replied(LocalDate.of(2019, 6, 21)))
                .when(new ReopenComplaint(COMPLAINT, List.of("整改未落实"), LocalDate.of(2019, 6, 24)), reception())
                .expectException(Violates.rule("not-yet-rated"));
    }

    @Test
    void aReopenedComplaintStartsANewLimit() {
        LocalDate june24 = LocalDate.of(2019, 6, 24);
        // 5 working days from 06-24: due 07-01; yellow from 06-27, red on 07-02.
        fixture.givenCurrentTime(startOf(june24))
                .andGiven(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)),
                        replied(LocalDate.of(2019, 6, 21)), rated(ComplaintRating.DISSATISFIED))
                .when(new ReopenComplaint(COMPLAINT, List.of("整改未落实"), june24), reception())
                .expectEvents(new ComplaintReopened(COMPLAINT, GUANGHAN_MARKET_BUREAU, List.of("整改未落实"), june24,
                        5, LocalDate.of(2019, 7, 1), 2))
                .expectScheduledDeadline(startOf(LocalDate.of(2019, 6, 27)),
                        new SupervisionDue(SupervisionLevel.YELLOW, LocalDate.of(2019, 6, 27)))
                .expectScheduledDeadline(startOf(LocalDate.of(2019, 7, 2)),
                        new SupervisionDue(SupervisionLevel.RED, LocalDate.of(2019, 7, 2)));
    }

    @Test
    void aReopenedComplaintIsHandledAgainWithoutANewAcceptance() {
        LocalDate june25 = LocalDate.of(2019, 6, 25);
        fixture.given(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)),
                        replied(LocalDate.of(2019, 6, 21)), rated(ComplaintRating.DISSATISFIED),
                        new ComplaintReopened(COMPLAINT, GUANGHAN_MARKET_BUREAU, List.of("整改未落实"),
                                LocalDate.of(2019, 6, 24), 5, LocalDate.of(2019, 7, 1), 2))
                .when(new ConcludeComplaint(COMPLAINT, ComplaintOutcome.SUBSTANTIATED, "已办结许可",
                        List.of("已为申请人办结许可"), june25), handler())
                .expectEvents(new ComplaintConcluded(COMPLAINT, GUANGHAN_MARKET_BUREAU, ComplaintOutcome.SUBSTANTIATED,
                        "已办结许可", List.of("已为申请人办结许可"), june25, LocalDate.of(2019, 7, 1), 1, true, 2));
    }

    @Test
    void aComplaintIsReopenedOnceOnly() {
        LocalDate july1 = LocalDate.of(2019, 7, 1);
        fixture.given(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)),
                        replied(LocalDate.of(2019, 6, 21)), rated(ComplaintRating.DISSATISFIED),
                        new ComplaintReopened(COMPLAINT, GUANGHAN_MARKET_BUREAU, List.of("整改未落实"),
                                LocalDate.of(2019, 6, 24), 5, july1, 2),
                        new ComplaintConcluded(COMPLAINT, GUANGHAN_MARKET_BUREAU, ComplaintOutcome.SUBSTANTIATED,
                                "已办结", List.of("已办结许可"), LocalDate.of(2019, 6, 25), july1, 1, true, 2),
                        new ComplaintReplied(COMPLAINT, GUANGHAN_MARKET_BUREAU, "已办结", null,
                                LocalDate.of(2019, 6, 25), july1, 1, true, 2),
                        new ComplaintRated(COMPLAINT, GUANGHAN_MARKET_BUREAU, ComplaintRating.DISSATISFIED, null,
                                LocalDate.of(2019, 6, 26), 2))
                .when(new ReopenComplaint(COMPLAINT, List.of("仍不满意"), LocalDate.of(2019, 6, 27)), reception())
                .expectException(Violates.rule("reopen-once"));
    }

    @Test
    void theSupervisionOfficeEscalatesADissatisfiedComplaintToTheJurisdictionAbove() {
        LocalDate june24 = LocalDate.of(2019, 6, 24);
        fixture.givenCurrentTime(startOf(june24))
                .andGiven(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)),
                        replied(LocalDate.of(2019, 6, 21)), rated(ComplaintRating.DISSATISFIED))
                .when(new EscalateComplaint(COMPLAINT, MARKET_BUREAU, List.of("县级处理后仍不满意"), june24),
                        supervision())
                .expectEvents(new ComplaintEscalated(COMPLAINT, GUANGHAN_MARKET_BUREAU, GUANGHAN, MARKET_BUREAU,
                        DEYANG, List.of("县级处理后仍不满意"), june24, 5, LocalDate.of(2019, 7, 1), 2));
    }

    @Test
    void anEscalatedComplaintIsAcceptedByTheBodyAbove() {
        LocalDate june25 = LocalDate.of(2019, 6, 25);
        fixture.given(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)),
                        replied(LocalDate.of(2019, 6, 21)), rated(ComplaintRating.DISSATISFIED),
                        new ComplaintEscalated(COMPLAINT, GUANGHAN_MARKET_BUREAU, GUANGHAN, MARKET_BUREAU, DEYANG,
                                List.of("县级处理后仍不满意"), LocalDate.of(2019, 6, 24), 5, LocalDate.of(2019, 7, 1), 2))
                .when(new AcceptComplaint(COMPLAINT, june25), as(Role.COMPLAINT_HANDLER, MARKET_BUREAU))
                .expectEvents(new ComplaintAccepted(COMPLAINT, MARKET_BUREAU, june25, LocalDate.of(2019, 7, 1), 2));
    }

    @Test
    void aComplaintIsEscalatedOnlyToTheJurisdictionDirectlyAbove() {
        fixture.given(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)),
                        replied(LocalDate.of(2019, 6, 21)), rated(ComplaintRating.DISSATISFIED))
                .when(new EscalateComplaint(COMPLAINT, TOWNSHIP_GOVERNMENT, List.of("仍不满意"),
                        LocalDate.of(2019, 6, 24)), supervision())
                .expectException(Violates.rule("escalate-to-level-above"));
    }

    @Test
    void onlyTheSupervisionOfficeEscalates() {
        fixture.given(registered(), transferred(), accepted(), concluded(LocalDate.of(2019, 6, 20)),
                        replied(LocalDate.of(2019, 6, 21)), rated(ComplaintRating.DISSATISFIED))
                .when(new EscalateComplaint(COMPLAINT, MARKET_BUREAU, List.of("仍不满意"), LocalDate.of(2019, 6, 24)),
                        reception())
                .expectException(Forbidden.class);
    }

    @Test
    void aComplaintIsEscalatedOnlyWhenDissatisfiedOrOverdue() {
        fixture.given(registered(), transferred(), accepted())
                .when(new EscalateComplaint(COMPLAINT, MARKET_BUREAU, List.of("督办"), LocalDate.of(2019, 6, 24)),
                        supervision())
                .expectException(Violates.rule("escalate-when-dissatisfied-or-overdue"));
    }

    @Test
    void anOverdueComplaintIsEscalatedUnderANewLimit() {
        LocalDate june25 = LocalDate.of(2019, 6, 25);
        fixture.givenCurrentTime(startOf(june25))
                .andGiven(registered(), transferred(), accepted())
                .when(new EscalateComplaint(COMPLAINT, MARKET_BUREAU, List.of("超期未答复"), june25), supervision())
                .expectEvents(new ComplaintEscalated(COMPLAINT, GUANGHAN_MARKET_BUREAU, GUANGHAN, MARKET_BUREAU,
                        DEYANG, List.of("超期未答复"), june25, 5, LocalDate.of(2019, 7, 2), 2));
    }

    @Test
    void aSupervisionOfficeActsOnlyForItsJurisdictionAndTheOnesBelow() {
        fixture.given(registered(), transferred(), accepted())
                .when(new EscalateComplaint(COMPLAINT, MARKET_BUREAU, List.of("超期"), LocalDate.of(2019, 6, 25)),
                        as(Role.SUPERVISION_OFFICE, TOWNSHIP_GOVERNMENT))
                .expectException(Forbidden.class);
    }
}
