package org.quanli.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.cases.CaseMessages;
import org.quanli.kernel.cases.JointApprovalMessages;
import org.quanli.kernel.delegation.DelegationMessages;
import org.quanli.kernel.places.PlacesMessages;

/**
 * Every record nested in a kernel {@code *Messages} class is in exactly one sealed family: a command (it names its
 * target aggregate) in one command family, an event in one event family. The families are then the complete list of
 * what each aggregate can be told and can record, and the ops module's test checks every reader against the event
 * families; a new record left out of its family fails here.
 */
class MessageFamiliesTest {

    /** Parts of messages, neither commands nor events. */
    static final Set<Class<?>> VALUE_RECORDS = Set.of(DelegationMessages.DelegatedItem.class,
            DelegationMessages.Receiver.class, JointApprovalMessages.JointPart.class);

    /** Every class of the kernel's main output, found on disk next to a known one. */
    private static List<Class<?>> kernelClasses() {
        try {
            Path root = Path.of(PlacesMessages.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<Path> files = Files.walk(root)) {
                return files.map(root::relativize).map(Path::toString)
                        .filter(name -> name.endsWith(".class") && !name.contains("-"))
                        .map(name -> name.substring(0, name.length() - ".class".length())
                                .replace(root.getFileSystem().getSeparator(), ".").replace('$', '.'))
                        .map(MessageFamiliesTest::load)
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String dottedName) {
        // Nested classes: try the longest top-level prefix that loads.
        String binary = dottedName;
        while (true) {
            try {
                return Class.forName(binary, false, MessageFamiliesTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                int dot = binary.lastIndexOf('.');
                binary = binary.substring(0, dot) + '$' + binary.substring(dot + 1);
            }
        }
    }

    private static List<Class<?>> messageFiles() {
        return kernelClasses().stream().filter(type -> type.getSimpleName().endsWith("Messages")).toList();
    }

    private static List<Class<?>> families(String suffix) {
        return kernelClasses().stream()
                .filter(type -> type.isInterface() && type.isSealed() && type.getSimpleName().endsWith(suffix))
                .toList();
    }

    /**
     * A command names its target aggregate (the annotation targets fields and methods, so a record component passes
     * it on to its accessor), or is one of a command family handled outside an aggregate (the erasure of a person).
     */
    private static boolean isCommand(Class<?> message) {
        return Arrays.stream(message.getRecordComponents())
                .anyMatch(component -> component.getAccessor().isAnnotationPresent(TargetAggregateIdentifier.class))
                || families("Command").stream().anyMatch(family -> family.isAssignableFrom(message));
    }

    @Test
    void theMessageFilesAndFamiliesAreFound() {
        assertThat(messageFiles()).contains(PlacesMessages.class, CaseMessages.class, DelegationMessages.class);
        assertThat(families("Event")).extracting(Class::getSimpleName)
                .contains("CaseEvent", "PowerItemEvent", "PowerItemDelegationEvent", "JurisdictionEvent");
        assertThat(families("Command")).extracting(Class::getSimpleName)
                .contains("CaseCommand", "PowerItemCommand", "PowerItemDelegationCommand", "JurisdictionCommand");
    }

    @Test
    void everyCommandIsInExactlyOneCommandFamilyAndEveryEventInExactlyOneEventFamily() {
        List<Class<?>> eventFamilies = families("Event");
        List<Class<?>> commandFamilies = families("Command");
        List<String> wrong = messageFiles().stream()
                .flatMap(file -> Arrays.stream(file.getDeclaredClasses()))
                .filter(Class::isRecord)
                .filter(message -> !VALUE_RECORDS.contains(message))
                .filter(message -> {
                    List<Class<?>> own = isCommand(message) ? commandFamilies : eventFamilies;
                    List<Class<?>> other = isCommand(message) ? eventFamilies : commandFamilies;
                    return own.stream().filter(family -> family.isAssignableFrom(message)).count() != 1
                            || other.stream().anyMatch(family -> family.isAssignableFrom(message));
                })
                .map(message -> message.getName() + (isCommand(message) ? " (command)" : " (event)"))
                .toList();

        assertThat(wrong).as("messages in no family of their kind, in two, or in one of the other kind").isEmpty();
    }

    @Test
    void everyFamilyPermitsOnlyRecordsOfTheMessageFiles() {
        Set<Class<?>> messages = messageFiles().stream()
                .flatMap(file -> Arrays.stream(file.getDeclaredClasses()))
                .collect(Collectors.toSet());

        Stream.concat(families("Event").stream(), families("Command").stream()).forEach(family ->
                assertThat(family.getPermittedSubclasses()).as(family.getSimpleName()).isNotEmpty()
                        .allSatisfy(member -> assertThat(messages).contains(member)));
    }

    @Test
    void theValueRecordsAreNoMessages() {
        assertThat(VALUE_RECORDS).noneMatch(MessageFamiliesTest::isCommand)
                .allSatisfy(value -> assertThat(value.getInterfaces()).isEmpty());
        assertThat(isCommand(CaseMessages.SubmitCase.class)).isTrue();
        assertThat(isCommand(CaseMessages.CaseSubmitted.class)).isFalse();
    }
}
