package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateRoot;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.cases.CaseEvent;
import org.quanli.kernel.cases.CaseMessages.BadReviewFollowedUp;
import org.quanli.kernel.cases.CaseMessages.CaseAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseConcluded;
import org.quanli.kernel.cases.CaseMessages.CaseDecided;
import org.quanli.kernel.cases.CaseMessages.CaseEvaluated;
import org.quanli.kernel.cases.CaseMessages.CaseExtended;
import org.quanli.kernel.cases.CaseMessages.CaseFlagged;
import org.quanli.kernel.cases.CaseMessages.CaseNotAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.cases.CaseMessages.CaseTerminated;
import org.quanli.kernel.cases.CaseMessages.CaseWithdrawn;
import org.quanli.kernel.cases.CaseMessages.CorrectionCompleted;
import org.quanli.kernel.cases.CaseMessages.CorrectionRequested;
import org.quanli.kernel.cases.CaseMessages.DeficiencyPromised;
import org.quanli.kernel.cases.CaseMessages.DeficiencySupplied;
import org.quanli.kernel.cases.CaseMessages.FollowUpRated;
import org.quanli.kernel.cases.CaseMessages.RatingAppealReviewed;
import org.quanli.kernel.cases.CaseMessages.RatingAppealed;
import org.quanli.kernel.cases.CaseMessages.ResultDelivered;
import org.quanli.kernel.cases.CaseMessages.ReviewStepRecorded;
import org.quanli.kernel.cases.CaseMessages.SpecialProcedureEnded;
import org.quanli.kernel.cases.CaseMessages.SpecialProcedureStarted;
import org.quanli.kernel.cases.JointApprovalEvent;
import org.quanli.kernel.complaints.ComplaintEvent;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintAccepted;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintConcluded;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintFlagged;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintInvestigationRecorded;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintTransferred;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintTransferredOn;
import org.quanli.kernel.cases.JointApprovalMessages.JointApprovalConcluded;
import org.quanli.kernel.cases.JointApprovalMessages.JointApprovalExtended;
import org.quanli.kernel.cases.JointApprovalMessages.JointPartConcluded;
import org.quanli.kernel.cases.JointApprovalMessages.JointPartEnded;
import org.quanli.kernel.delegation.DelegationEvent;
import org.quanli.kernel.delegation.DelegationMessages.CapacityGapClosed;
import org.quanli.kernel.personal.PersonalDataEvent;
import org.quanli.kernel.delegation.DelegationMessages.CapacityGapReported;
import org.quanli.kernel.delegation.DelegationMessages.GuidanceRecorded;
import org.quanli.kernel.delegation.DelegationMessages.HandoverRecorded;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegated;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegationRefused;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRecalled;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemReceived;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRestored;
import org.quanli.kernel.delegation.DelegationMessages.ReceiptConfirmed;
import org.quanli.kernel.delegation.DelegationMessages.TransitionArranged;
import org.quanli.kernel.delegation.PowerItemDelegationEvent;
import org.quanli.kernel.places.ImplementingBodyEvent;
import org.quanli.kernel.places.JurisdictionEvent;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyAbolished;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyMerged;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRenamed;
import org.quanli.kernel.powerlist.PowerItemEvent;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAdjustmentProposed;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmendmentDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemApproved;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemCancelled;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemChangeWithdrawn;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDraftRevised;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemKept;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemMergedInto;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPassedToSuccessor;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemResumed;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemReturned;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSubmitted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSuspended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemTransferredOut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * No event a reader can miss without this test failing. A reader is every class outside the aggregates with event
 * handlers, on either side: query-side projections, command-side lookup tables, processes. A reader that handles any
 * event of an aggregate reads that aggregate, and must then decide on every event of it: handle it, or be named in
 * {@link #IGNORED} with the reason. A new event in a family therefore fails this test until each of its readers has
 * decided, and so does a new reader, or an ignore that has become a handler. No Spring context: the readers are
 * found on the class path and their handlers by reflection.
 */
class EveryEventIsDecidedTest {

    /**
     * Each aggregate's events. The power item's are two sealed families because its delegation events live in the
     * delegation package (a sealed family can only permit classes of its own package).
     */
    static final Map<String, List<Class<?>>> AGGREGATES = Map.of(
            "Jurisdiction", List.of(JurisdictionEvent.class),
            "ImplementingBody", List.of(ImplementingBodyEvent.class),
            "PowerItem", List.of(PowerItemEvent.class, PowerItemDelegationEvent.class),
            "Delegation", List.of(DelegationEvent.class),
            "Case", List.of(CaseEvent.class),
            "JointApproval", List.of(JointApprovalEvent.class),
            "PersonalData", List.of(PersonalDataEvent.class),
            "Complaint", List.of(ComplaintEvent.class));

    /** A case's events after its submission that neither end it nor are its submission. */
    private static final Class<?>[] CASE_STEPS_BETWEEN_SUBMISSION_AND_END = {
            CorrectionRequested.class, CorrectionCompleted.class, CaseAccepted.class, DeficiencyPromised.class,
            DeficiencySupplied.class, ReviewStepRecorded.class, SpecialProcedureStarted.class,
            SpecialProcedureEnded.class, CaseExtended.class, CaseDecided.class, ResultDelivered.class,
            CaseFlagged.class, CaseEvaluated.class, BadReviewFollowedUp.class, FollowUpRated.class,
            RatingAppealed.class, RatingAppealReviewed.class};

    private static final String REFUSAL_CHANGES_NO_ITEM = "an item that refused a delegation stays as it was: "
            + "holder, list status, version and terms";

    /** Every event of a power item that is not about a delegation. */
    private static final Class<?>[] ITEM_OWN_LIFE = {
            PowerItemDrafted.class, PowerItemDraftRevised.class, PowerItemAmendmentDrafted.class,
            PowerItemAdjustmentProposed.class, PowerItemSubmitted.class, PowerItemReturned.class,
            PowerItemApproved.class, PowerItemChangeWithdrawn.class, PowerItemPublished.class,
            PowerItemAmended.class, PowerItemCancelled.class, PowerItemTransferredOut.class,
            PowerItemMergedInto.class, PowerItemSuspended.class, PowerItemResumed.class,
            PowerItemKept.class, PowerItemPassedToSuccessor.class};

    /** What each reader deliberately does not handle, and why. Readers are named by simple class name. */
    static final List<Ignored> IGNORED = List.of(
            // --- command side: lookups written with the events, and processes
            ignores("JdbcItemDirectory", "review steps and keeping an item as it stands change neither its holder, "
                            + "its list status nor a version's terms",
                    PowerItemDraftRevised.class, PowerItemAmendmentDrafted.class, PowerItemAdjustmentProposed.class,
                    PowerItemSubmitted.class, PowerItemReturned.class, PowerItemApproved.class, PowerItemKept.class),
            ignores("JdbcItemDirectory", REFUSAL_CHANGES_NO_ITEM, PowerItemDelegationRefused.class),
            ignores("JdbcAcceptanceAuthority", "who may accept depends on the decision, the transition and the "
                            + "handover; confirmation, capacity gaps and guidance are records for the findings",
                    ReceiptConfirmed.class, CapacityGapReported.class, CapacityGapClosed.class,
                    GuidanceRecorded.class),
            ignores("JdbcAcceptanceAuthority", "the holdings are the item directory's; of the items' events only a "
                            + "refusal changes what a decision arranged",
                    PowerItemDelegated.class, PowerItemReceived.class, PowerItemRecalled.class,
                    PowerItemRestored.class),
            ignores("JdbcAcceptanceAuthority", "an item's own life is the item directory's", ITEM_OWN_LIFE),
            ignores("JdbcDelegationsUnderway", "only a decision and a recall give the delegation process items to "
                            + "make or give back; the rest are records of what follows",
                    ReceiptConfirmed.class, CapacityGapReported.class, CapacityGapClosed.class,
                    GuidanceRecorded.class, TransitionArranged.class, HandoverRecorded.class),
            ignores("JdbcDelegationsUnderway", "what is underway ends when a receiver's item is made or a devolved "
                            + "item given back; the source item's own record of a delegation, a receiver's item's "
                            + "recall and every other step of an item leave it as it is",
                    PowerItemDelegated.class, PowerItemRecalled.class, PowerItemDrafted.class,
                    PowerItemDraftRevised.class, PowerItemAmendmentDrafted.class, PowerItemAdjustmentProposed.class,
                    PowerItemSubmitted.class, PowerItemReturned.class, PowerItemApproved.class,
                    PowerItemChangeWithdrawn.class, PowerItemPublished.class, PowerItemAmended.class,
                    PowerItemCancelled.class, PowerItemTransferredOut.class, PowerItemMergedInto.class,
                    PowerItemSuspended.class, PowerItemResumed.class, PowerItemKept.class,
                    PowerItemPassedToSuccessor.class),
            ignores("DelegationProcess", "only a decision and a recall are carried into the items",
                    ReceiptConfirmed.class, CapacityGapReported.class, CapacityGapClosed.class,
                    GuidanceRecorded.class, TransitionArranged.class, HandoverRecorded.class),
            ignores("DelegationProcess", "only the source item's record of a delegation makes the receivers' items; "
                            + "receiving, recall and restoration are this process's own results",
                    PowerItemReceived.class, PowerItemRecalled.class, PowerItemRestored.class),
            ignores("DelegationProcess", "an item that refused a delegation has nothing of it to carry to the "
                            + "receivers or to give back",
                    PowerItemDelegationRefused.class),
            ignores("DelegationProcess", "an item's own life is no business of the delegation process",
                    ITEM_OWN_LIFE),
            ignores("ItemSuccession", "only a merger passes items on; an abolished body holds none by then",
                    ImplementingBodyRegistered.class, ImplementingBodyRenamed.class,
                    ImplementingBodyAbolished.class),
            ignores("ItemSuccession", "an item lands at a body only by being received, restored or passed on; its "
                            + "other steps happen where it already is, and nothing is drafted or published for a "
                            + "merged body",
                    PowerItemDrafted.class, PowerItemDraftRevised.class, PowerItemAmendmentDrafted.class,
                    PowerItemAdjustmentProposed.class, PowerItemSubmitted.class, PowerItemReturned.class,
                    PowerItemApproved.class, PowerItemChangeWithdrawn.class, PowerItemPublished.class,
                    PowerItemAmended.class, PowerItemCancelled.class, PowerItemTransferredOut.class,
                    PowerItemMergedInto.class, PowerItemSuspended.class, PowerItemResumed.class,
                    PowerItemKept.class, PowerItemDelegated.class, PowerItemRecalled.class,
                    PowerItemDelegationRefused.class),
            ignores("JdbcJointApprovalParts", "a part's submission and how and when its case ended (concluded, not "
                            + "accepted, withdrawn, terminated) are noted; the steps in between change no part",
                    CASE_STEPS_BETWEEN_SUBMISSION_AND_END),
            ignores("JdbcJointApprovalParts", "concluding or extending the whole changes no part",
                    JointApprovalConcluded.class, JointApprovalExtended.class),
            ignores("JointApprovalProcess", "a part case is reported to its joint approval only when it concludes "
                            + "or ends without a conclusion; its submission is what this process sends",
                    CaseSubmitted.class, CorrectionRequested.class, CorrectionCompleted.class, CaseAccepted.class,
                    DeficiencyPromised.class, DeficiencySupplied.class, ReviewStepRecorded.class,
                    SpecialProcedureStarted.class, SpecialProcedureEnded.class, CaseExtended.class,
                    CaseDecided.class, ResultDelivered.class, CaseFlagged.class, CaseEvaluated.class,
                    BadReviewFollowedUp.class, FollowUpRated.class, RatingAppealed.class,
                    RatingAppealReviewed.class),
            ignores("JointApprovalProcess", "only the start fans out; the rest is the joint approval's own record of "
                            + "what this process reported",
                    JointPartConcluded.class, JointPartEnded.class, JointApprovalConcluded.class,
                    JointApprovalExtended.class),
            ignores("PersonalDataCases", "a person's cases are noted when submitted and when they end (for the "
                            + "retention check); the steps in between change neither",
                    CASE_STEPS_BETWEEN_SUBMISSION_AND_END),
            ignores("PersonalDataComplaints", "a person's complaints are noted when registered, answered (reply, "
                            + "rating) and put back in hand (reopening, escalation), for the open-complaint and "
                            + "retention checks; transfer, acceptance, investigation, conclusion and flags change "
                            + "neither",
                    ComplaintTransferred.class, ComplaintTransferredOn.class, ComplaintAccepted.class,
                    ComplaintInvestigationRecorded.class, ComplaintConcluded.class, ComplaintFlagged.class),
            // --- query side: projections
            ignores("PublishedListProjection", "the published list changes only by a decision; review steps are not "
                            + "decisions",
                    PowerItemDrafted.class, PowerItemDraftRevised.class, PowerItemAmendmentDrafted.class,
                    PowerItemAdjustmentProposed.class, PowerItemSubmitted.class, PowerItemReturned.class,
                    PowerItemApproved.class, PowerItemChangeWithdrawn.class),
            ignores("PublishedListProjection", REFUSAL_CHANGES_NO_ITEM, PowerItemDelegationRefused.class),
            ignores("PublishedListProjection", "a list changes by the item's own delegation events and by an "
                            + "entrustment's decision and recall; confirmations, gaps, guidance, transitions and "
                            + "handovers change no holder",
                    ReceiptConfirmed.class, CapacityGapReported.class, CapacityGapClosed.class,
                    GuidanceRecorded.class, TransitionArranged.class, HandoverRecorded.class),
            ignores("DelegationProjection", "of its items' events only a refusal is a fact of the delegation: what "
                            + "the items held, received and gave back is read from the list projections",
                    PowerItemDelegated.class, PowerItemReceived.class, PowerItemRecalled.class,
                    PowerItemRestored.class),
            ignores("DelegationProjection", "an item's own life is no fact of a delegation", ITEM_OWN_LIFE),
            ignores("FindingFactsProjection", "a body's level never changes; a merged body's items pass to the "
                            + "successor by their own events (PowerItemPassedToSuccessor); an abolished body holds none",
                    ImplementingBodyRenamed.class, ImplementingBodyMerged.class, ImplementingBodyAbolished.class),
            ignores("FindingFactsProjection", "only which body took, accepted or was refused a case under which item "
                            + "bears on holdings and their findings",
                    CorrectionRequested.class, CorrectionCompleted.class, DeficiencyPromised.class,
                    DeficiencySupplied.class, ReviewStepRecorded.class, SpecialProcedureStarted.class,
                    SpecialProcedureEnded.class, CaseExtended.class, CaseDecided.class, CaseConcluded.class,
                    ResultDelivered.class, CaseWithdrawn.class, CaseTerminated.class, CaseFlagged.class,
                    CaseEvaluated.class, BadReviewFollowedUp.class, FollowUpRated.class, RatingAppealed.class,
                    RatingAppealReviewed.class),
            ignores("CaseTimelinessProjection", "no figure counts correction notices, and the time figures of a "
                            + "deficiency acceptance arrive with the supply (DeficiencySupplied)",
                    CorrectionRequested.class, CorrectionCompleted.class, DeficiencyPromised.class),
            ignores("CaseTimelinessProjection", "delivery is no figure of the statistics",
                    ResultDelivered.class),
            ignores("CaseTimelinessProjection", "a rating counts as given until an appeal's review excludes it; "
                            + "the follow-up of a bad review and its rating are kept on the case view",
                    BadReviewFollowedUp.class, FollowUpRated.class, RatingAppealed.class)
    );

    static final List<String> READER_PACKAGES = List.of("org.quanli.command", "org.quanli.query");

    @Test
    void everyReaderHandlesOrNamesAsIgnoredEveryEventOfEachAggregateItReads() {
        List<Reader> readers = readers();

        assertThat(undecided(readers, IGNORED)).as("events a reader neither handles nor names as ignored").isEmpty();
    }

    @Test
    void anIgnoredEventIsNotHandledAndBelongsToAnAggregateTheReaderReads() {
        assertThat(staleIgnores(readers(), IGNORED)).as("ignores that are handled or name what is not read")
                .isEmpty();
    }

    @Test
    void theReadersOfBothSidesAreFoundEachByAnUnambiguousName() {
        List<String> all = readers().stream().map(Reader::name).toList();
        Set<String> names = Set.copyOf(all);

        assertThat(all).hasSameSizeAs(names);
        assertThat(names).contains("JdbcItemDirectory", "DelegationProcess", "JointApprovalProcess",
                "PowerListProjection", "FindingFactsProjection", "CaseViewProjection", "PlacesProjection",
                "ComplaintViewProjection", "ComplaintTrailProjection");
        assertThat(names).doesNotContain("PowerItem", "Case", "Delegation");
    }

    @Test
    void theAggregatesCoverEveryEventFamilyOfTheKernel() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = scanner(true);
        Set<Class<?>> sealedEventFamilies = new LinkedHashSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("org.quanli.kernel")) {
            Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader());
            if (type.isInterface() && type.isSealed() && type.getSimpleName().endsWith("Event")) {
                sealedEventFamilies.add(type);
            }
        }

        assertThat(AGGREGATES.values().stream().flatMap(List::stream).toList())
                .containsExactlyInAnyOrderElementsOf(sealedEventFamilies);
    }

    // --- the rule, proven on a family of its own -------------------------------------------------------------------

    sealed interface ToyEvent permits ToyOpened, ToyRenamed, ToyClosed {
    }

    record ToyOpened() implements ToyEvent {
    }

    record ToyRenamed() implements ToyEvent {
    }

    record ToyClosed() implements ToyEvent {
    }

    static class ToyReader {
        @EventHandler
        void on(ToyOpened event) {
        }

        @EventHandler
        void on(ToyClosed event) {
        }
    }

    static class OtherReader {
        @EventHandler
        void on(String unrelated) {
        }
    }

    @Test
    void aReaderMissingOneEventOfAFamilyItReadsFailsUntilItHandlesOrIgnoresIt() {
        Map<String, List<Class<?>>> toys = Map.of("Toy", List.of(ToyEvent.class));
        List<Reader> readers = List.of(Reader.of(ToyReader.class), Reader.of(OtherReader.class));

        assertThat(undecided(readers, toys, List.of()))
                .containsExactly("ToyReader reads Toy but neither handles nor ignores ToyRenamed");
        assertThat(undecided(readers, toys, List.of(new Ignored("ToyReader", "a rename changes nothing here",
                Set.of(ToyRenamed.class))))).isEmpty();
        assertThat(staleIgnores(readers, toys, List.of(new Ignored("ToyReader", "wrong", Set.of(ToyOpened.class)),
                new Ignored("OtherReader", "reads no toy", Set.of(ToyClosed.class)),
                new Ignored("Gone", "was removed", Set.of(ToyClosed.class)))))
                .containsExactly("ToyReader handles ToyOpened, which it also names as ignored",
                        "OtherReader names ToyClosed as ignored but reads nothing of Toy",
                        "Gone names events as ignored but is no reader");
    }

    // --- the machinery ---------------------------------------------------------------------------------------------

    /** Events a reader does not handle on purpose; {@code why} says so to the next person who adds an event. */
    record Ignored(String reader, String why, Set<Class<?>> events) {
    }

    static Ignored ignores(String reader, String why, Class<?>... events) {
        return new Ignored(reader, why, Set.of(events));
    }

    /** A class with event handlers and the payload types they take. */
    record Reader(Class<?> type, Set<Class<?>> handled) {

        static Reader of(Class<?> type) {
            Set<Class<?>> handled = new LinkedHashSet<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method method : c.getDeclaredMethods()) {
                    EventHandler handler = AnnotatedElementUtils.findMergedAnnotation(method, EventHandler.class);
                    if (handler == null || AnnotatedElementUtils.hasAnnotation(method, EventSourcingHandler.class)) {
                        continue;
                    }
                    handled.add(handler.payloadType() != Object.class ? handler.payloadType()
                            : method.getParameterTypes()[0]);
                }
            }
            return new Reader(type, handled);
        }

        /** Readers are named by simple name: most are package-private, out of this test's reach by type. */
        String name() {
            return type.getSimpleName();
        }

        boolean handles(Class<?> event) {
            return handled.stream().anyMatch(type -> type.isAssignableFrom(event));
        }
    }

    private static List<Reader> readers() {
        ClassPathScanningCandidateComponentProvider scanner = scanner(false);
        List<Reader> readers = new ArrayList<>();
        for (String pkg : READER_PACKAGES) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
                Class<?> type;
                try {
                    type = ClassUtils.forName(candidate.getBeanClassName(),
                            EveryEventIsDecidedTest.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
                if (AnnotatedElementUtils.hasAnnotation(type, AggregateRoot.class)) {
                    continue; // an aggregate sources its own state; it is not a reader
                }
                Reader reader = Reader.of(type);
                if (!reader.handled().isEmpty()) {
                    readers.add(reader);
                }
            }
        }
        readers.sort(Comparator.comparing(reader -> reader.type().getName()));
        return readers;
    }

    /** Every class, abstract and interface ones too, so that nothing with handlers escapes. */
    private static ClassPathScanningCandidateComponentProvider scanner(boolean interfaces) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return interfaces || !definition.getMetadata().isInterface();
            }
        };
        scanner.addIncludeFilter((metadataReader, factory) -> true);
        return scanner;
    }

    private static List<Class<?>> events(List<Class<?>> families) {
        return families.stream().flatMap(family -> Arrays.stream(family.getPermittedSubclasses())).toList();
    }

    private static Set<Class<?>> ignoredBy(Reader reader, List<Ignored> ignored) {
        return ignored.stream().filter(ignore -> ignore.reader().equals(reader.name()))
                .flatMap(ignore -> ignore.events().stream()).collect(Collectors.toSet());
    }

    static List<String> undecided(List<Reader> readers, List<Ignored> ignored) {
        return undecided(readers, AGGREGATES, ignored);
    }

    static List<String> undecided(List<Reader> readers, Map<String, List<Class<?>>> aggregates,
                                  List<Ignored> ignored) {
        Set<String> problems = new TreeSet<>();
        for (Reader reader : readers) {
            Set<Class<?>> ignores = ignoredBy(reader, ignored);
            aggregates.forEach((aggregate, families) -> {
                List<Class<?>> events = events(families);
                if (events.stream().noneMatch(reader::handles)) {
                    return;
                }
                events.stream().filter(event -> !reader.handles(event) && !ignores.contains(event))
                        .forEach(event -> problems.add(reader.type().getSimpleName() + " reads " + aggregate
                                + " but neither handles nor ignores " + event.getSimpleName()));
            });
        }
        return List.copyOf(problems);
    }

    static List<String> staleIgnores(List<Reader> readers, List<Ignored> ignored) {
        return staleIgnores(readers, AGGREGATES, ignored);
    }

    static List<String> staleIgnores(List<Reader> readers, Map<String, List<Class<?>>> aggregates,
                                     List<Ignored> ignored) {
        Map<String, Reader> byName = new LinkedHashMap<>();
        readers.forEach(reader -> byName.put(reader.name(), reader));
        List<String> problems = new ArrayList<>();
        for (Ignored ignore : ignored) {
            Reader reader = byName.get(ignore.reader());
            if (reader == null) {
                problems.add(ignore.reader() + " names events as ignored but is no reader");
                continue;
            }
            ignore.events().stream().sorted(Comparator.comparing(Class::getSimpleName)).forEach(event -> {
                if (reader.handles(event)) {
                    problems.add(reader.type().getSimpleName() + " handles " + event.getSimpleName()
                            + ", which it also names as ignored");
                    return;
                }
                aggregates.forEach((aggregate, families) -> {
                    List<Class<?>> events = events(families);
                    if (events.contains(event) && events.stream().noneMatch(reader::handles)) {
                        problems.add(reader.type().getSimpleName() + " names " + event.getSimpleName()
                                + " as ignored but reads nothing of " + aggregate);
                    }
                });
            });
        }
        return problems;
    }
}
