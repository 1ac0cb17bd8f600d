package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.cases.CaseType;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.cases.IdentityDocument;
import org.quanli.kernel.cases.JointApprovalMessages.JointApprovalStarted;
import org.quanli.kernel.cases.JointApprovalMessages.JointPart;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events stored before their class was revised are read as today's revision: rows written the way the first
 * revision was (no {@code payload_revision}, JSON without the new fields) come back through the event store, both by
 * aggregate (how the command side loads an aggregate) and from the event stream (how processors read), as revision-2
 * records whose new fields are null.
 */
@SpringBootTest(classes = PlatformTestApplication.class)
@ActiveProfiles({"test", "demo"})
class UpcastingTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    Configuration axon;
    @Autowired
    Serializer serializer;

    private void storeRevision1(String aggregateId, String aggregateType, Class<?> payloadType, String json) {
        jdbc.sql("""
                insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                    event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data)
                values (nextval('domain_event_entry_seq'), ?, 0, ?, ?, ?, ?, null, ?, ?)""")
                .params(aggregateId, aggregateType, UUID.randomUUID().toString(), Instant.now().toString(),
                        payloadType.getName(), json.getBytes(StandardCharsets.UTF_8),
                        "{\"userId\":\"u-window\"}".getBytes(StandardCharsets.UTF_8))
                .update();
    }

    private List<Object> fromTheStream(String aggregateId) {
        List<Object> payloads = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> next = stream.nextAvailable();
                if (next.getPayload() instanceof CaseSubmitted c && c.caseId().equals(aggregateId)
                        || next.getPayload() instanceof JointApprovalStarted j
                        && j.jointApprovalId().equals(aggregateId)) {
                    payloads.add(next.getPayload());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return payloads;
    }

    @Test
    void aCaseSubmittedOfRevision1IsReadAsRevision2WithoutWindowOrJointApproval() {
        String caseId = UUID.randomUUID().toString();
        storeRevision1(caseId, "Case", CaseSubmitted.class, """
                {"caseId":"%s","itemId":"item-1","bodyId":"11510600008654321B","channel":"WINDOW",
                 "applicant":{"name":"张三","documentType":"RESIDENT_ID_CARD","documentNumber":"510106199001011234",
                              "phone":"13812345678"},
                 "receivedOn":"2019-06-17","materials":["申请书"],"itemVersion":1,"caseType":"PROMISED"}"""
                .formatted(caseId));
        CaseSubmitted expected = new CaseSubmitted(caseId, "item-1", "11510600008654321B", Channel.WINDOW,
                new Applicant("张三", IdentityDocument.RESIDENT_ID_CARD, "510106199001011234", "13812345678"),
                LocalDate.of(2019, 6, 17), List.of("申请书"), 1, CaseType.PROMISED, null, null);

        var loaded = eventStore.readEvents(caseId).asStream().toList();
        assertThat(loaded).hasSize(1);
        assertThat(loaded.get(0).getPayload()).isEqualTo(expected);
        assertThat(loaded.get(0).getMetaData()).containsEntry("userId", "u-window");
        assertThat(fromTheStream(caseId)).containsExactly(expected);
    }

    @Test
    void aJointApprovalStartedOfRevision1IsReadAsRevision2WithoutApplicantMaterialsOrWindow() {
        String jointId = UUID.randomUUID().toString();
        storeRevision1(jointId, "JointApproval", JointApprovalStarted.class, """
                {"jointApprovalId":"%s","leadBodyId":"11510600008654354P","projectName":"某投资项目",
                 "parts":[{"caseId":"case-a","itemId":"licence","bodyId":"11510600008654321B"},
                          {"caseId":"case-b","itemId":"permit","bodyId":"11510681008654321X"}],
                 "receivedOn":"2019-06-17",
                 "time":{"asOf":"2019-06-17","promisedDays":45,"extensionDays":0,"suspendedDays":0,"workingDays":0,
                         "deadline":"2019-08-19","remainingDays":45,"overdue":false}}""".formatted(jointId));

        var loaded = eventStore.readEvents(jointId).asStream().toList();
        assertThat(loaded).hasSize(1);
        JointApprovalStarted started = (JointApprovalStarted) loaded.get(0).getPayload();
        assertThat(started.parts()).containsExactly(new JointPart("case-a", "licence", "11510600008654321B"),
                new JointPart("case-b", "permit", "11510681008654321X"));
        assertThat(started.time().deadline()).isEqualTo(LocalDate.of(2019, 8, 19));
        assertThat(started.applicant()).isNull();
        assertThat(started.materials()).isNull();
        assertThat(started.window()).isNull();
        assertThat(fromTheStream(jointId)).containsExactly(started);
    }

    @Test
    void theStorageEnginesUpcasterChainLiftsBothEventsToRevision2WithTheNewFieldsAsJsonNull() {
        // The chain Axon gives the JPA storage engine; record deserialization alone would also leave missing fields
        // null, so this checks the upcasters themselves: the revision and the fields they write.
        var caseSubmitted = new GenericDomainEventEntry<>("Case", "c-1", 0, UUID.randomUUID().toString(),
                Instant.now(), CaseSubmitted.class.getName(), null,
                "{\"caseId\":\"c-1\",\"window\":\"3号窗口\"}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        var jointStarted = new GenericDomainEventEntry<>("JointApproval", "j-1", 0, UUID.randomUUID().toString(),
                Instant.now(), JointApprovalStarted.class.getName(), null,
                "{\"jointApprovalId\":\"j-1\"}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        List<IntermediateEventRepresentation> upcast = axon.upcasterChain().upcast(Stream.of(
                new InitialEventRepresentation(caseSubmitted, serializer),
                new InitialEventRepresentation(jointStarted, serializer))).toList();

        assertThat(upcast).extracting(r -> r.getType().getRevision()).containsExactly("2", "2");
        ObjectNode first = upcast.get(0).getData(ObjectNode.class).getData();
        assertThat(first.get("window").asString()).isEqualTo("3号窗口");
        assertThat(first.get("jointApprovalId").isNull()).isTrue();
        ObjectNode second = upcast.get(1).getData(ObjectNode.class).getData();
        assertThat(List.of("applicant", "materials", "window")).allSatisfy(field ->
                assertThat(second.get(field).isNull()).as(field).isTrue());
    }
}
