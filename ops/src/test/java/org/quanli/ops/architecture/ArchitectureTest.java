package org.quanli.ops.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;

import com.tngtech.archunit.core.domain.AccessTarget.MethodCallTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.quanli.platform.architecture.FeatureInterface;
import org.quanli.platform.config.LedgerClock;

/**
 * The walls that hold the ledger together, checked on its compiled classes. The kernel is the published language
 * and knows no framework but Axon's message annotations; the platform serves both sides and knows neither; neither
 * side knows the other or the all-in-one; inside a side, features form no cycle and use each other only through
 * the types each marks as its {@link FeatureInterface}; the current time comes from the one injected clock, so that a
 * test can set it. The last test shows that each rule refuses a violation
 * (classes under {@code org.quanli.*.archviolation} in this module's tests, built to break them).
 */
class ArchitectureTest {

    private static final JavaClasses LEDGER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.quanli");

    static final ArchRule KERNEL_IS_PLAIN_JAVA = classes().that().resideInAPackage("org.quanli.kernel..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "org.quanli.kernel..")
                    .or(belongToAnyOf(TargetAggregateIdentifier.class, TargetAggregateVersion.class,
                            Revision.class)))
            .as("the kernel depends on Java and itself only (and Axon's message annotations)");

    static final ArchRule PLATFORM_SERVES_BOTH_SIDES = noClasses().that().resideInAPackage("org.quanli.platform..")
            .should().dependOnClassesThat().resideInAnyPackage("org.quanli.command..", "org.quanli.query..",
                    "org.quanli.ops..")
            .as("the platform knows neither side nor the all-in-one");

    static final ArchRule COMMAND_SIDE_KNOWS_NO_QUERY_SIDE = noClasses().that()
            .resideInAPackage("org.quanli.command..")
            .should().dependOnClassesThat().resideInAnyPackage("org.quanli.query..", "org.quanli.ops..")
            .as("the command side never asks the query side");

    static final ArchRule QUERY_SIDE_KNOWS_NO_COMMAND_SIDE = noClasses().that()
            .resideInAPackage("org.quanli.query..")
            .should().dependOnClassesThat().resideInAnyPackage("org.quanli.command..", "org.quanli.ops..")
            .as("the query side knows the command side only by the events in the kernel");

    static final ArchRule COMMAND_FEATURES_FORM_NO_CYCLE = slices().matching("org.quanli.command.(*)..")
            .should().beFreeOfCycles();

    static final ArchRule QUERY_FEATURES_FORM_NO_CYCLE = slices().matching("org.quanli.query.(*)..")
            .should().beFreeOfCycles();

    static final ArchRule COMMAND_FEATURES_MEET_AT_INTERFACES = featuresMeetAtTheirInterfaces("command");

    static final ArchRule QUERY_FEATURES_MEET_AT_INTERFACES = featuresMeetAtTheirInterfaces("query");

    /** The java.time types whose static {@code now(…)} reads the system clock unless given a {@link Clock}. */
    private static final List<Class<?>> TIME_TYPES = List.of(Instant.class, LocalDate.class, LocalDateTime.class,
            LocalTime.class, OffsetDateTime.class, OffsetTime.class, ZonedDateTime.class, Year.class,
            YearMonth.class, MonthDay.class);

    static final ArchRule TIME_COMES_FROM_THE_CLOCK = noClasses().that().resideInAPackage("org.quanli..")
            .and().doNotBelongToAnyOf(LedgerClock.class)
            .should().callMethodWhere(describe("reads the system clock", (JavaMethodCall call) -> {
                MethodCallTarget target = call.getTarget();
                String name = target.getName();
                JavaClass owner = target.getOwner();
                boolean clockless = target.getRawParameterTypes().stream()
                        .noneMatch(type -> type.isEquivalentTo(Clock.class));
                return TIME_TYPES.stream().anyMatch(owner::isEquivalentTo) && name.equals("now") && clockless
                        || owner.isEquivalentTo(Clock.class) && name.startsWith("system")
                        || owner.isEquivalentTo(System.class) && name.equals("currentTimeMillis");
            }))
            .as("the current time comes from the application's Clock bean, never from the system directly");

    static final List<ArchRule> RULES = List.of(KERNEL_IS_PLAIN_JAVA, PLATFORM_SERVES_BOTH_SIDES,
            COMMAND_SIDE_KNOWS_NO_QUERY_SIDE, QUERY_SIDE_KNOWS_NO_COMMAND_SIDE, COMMAND_FEATURES_FORM_NO_CYCLE,
            QUERY_FEATURES_FORM_NO_CYCLE, COMMAND_FEATURES_MEET_AT_INTERFACES, QUERY_FEATURES_MEET_AT_INTERFACES,
            TIME_COMES_FROM_THE_CLOCK);

    @Test
    void theKernelIsPlainJava() {
        KERNEL_IS_PLAIN_JAVA.check(LEDGER);
    }

    @Test
    void thePlatformServesBothSidesAndKnowsNeither() {
        PLATFORM_SERVES_BOTH_SIDES.check(LEDGER);
    }

    @Test
    void neitherSideImportsTheOther() {
        COMMAND_SIDE_KNOWS_NO_QUERY_SIDE.check(LEDGER);
        QUERY_SIDE_KNOWS_NO_COMMAND_SIDE.check(LEDGER);
    }

    @Test
    void featuresOfASideFormNoCycle() {
        COMMAND_FEATURES_FORM_NO_CYCLE.check(LEDGER);
        QUERY_FEATURES_FORM_NO_CYCLE.check(LEDGER);
    }

    @Test
    void featuresUseEachOtherOnlyThroughTheirInterfaces() {
        COMMAND_FEATURES_MEET_AT_INTERFACES.check(LEDGER);
        QUERY_FEATURES_MEET_AT_INTERFACES.check(LEDGER);
    }

    @Test
    void theTimeComesFromTheInjectedClock() {
        TIME_COMES_FROM_THE_CLOCK.check(LEDGER);
    }

    @Test
    void everyRuleRefusesADeliberateViolation() {
        JavaClasses violations = new ClassFileImporter().importPackages("org.quanli.kernel.archviolation",
                "org.quanli.platform.archviolation", "org.quanli.command.archviolation",
                "org.quanli.command.archviolationpeer", "org.quanli.query.archviolation",
                "org.quanli.query.archviolationpeer");
        for (ArchRule rule : RULES) {
            assertThatThrownBy(() -> rule.check(violations)).as(rule.getDescription())
                    .isInstanceOf(AssertionError.class).hasMessageContaining("archviolation");
        }
    }

    /**
     * A class of feature {@code org.quanli.<side>.<f>} may depend on a class of another feature of the same side only
     * if that class, or the top-level class it is nested in, is a {@link FeatureInterface}. Classes directly in
     * {@code org.quanli.<side>} (the application and its configuration) wire the features and belong to none.
     */
    static ArchRule featuresMeetAtTheirInterfaces(String side) {
        String root = "org.quanli." + side + ".";
        ArchCondition<JavaClass> condition = new ArchCondition<>(
                "use other features only through their @FeatureInterface types") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = feature(origin, root);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String to = feature(target, root);
                    if (to != null && !to.equals(from) && !topLevel(target).isAnnotatedWith(FeatureInterface.class)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + " reaches into feature " + to + " past its interfaces"));
                    }
                }
            }
        };
        return classes().that(describe("belong to a feature of the " + side + " side",
                        (JavaClass c) -> feature(c, root) != null))
                .should(condition).as("features of the " + side + " side meet only at their interfaces");
    }

    private static String feature(JavaClass type, String root) {
        String name = type.getPackageName() + ".";
        if (!name.startsWith(root) || name.length() == root.length()) {
            return null;
        }
        return name.substring(root.length(), name.indexOf('.', root.length()));
    }

    private static JavaClass topLevel(JavaClass type) {
        JavaClass top = type;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }
}
