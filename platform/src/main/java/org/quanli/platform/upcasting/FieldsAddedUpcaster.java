package org.quanli.platform.upcasting;

import java.util.List;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lifts one event type from one revision to the next when the only change was fields added at the end of the
 * record: each added field is written as JSON null unless the stored payload already has it. Works on the Jackson 3
 * serializer's intermediate form ({@link ObjectNode}), converted to and from the stored bytes by Axon.
 */
public class FieldsAddedUpcaster extends SingleEventUpcaster {

    private final SerializedType from;
    private final SerializedType to;
    private final List<String> addedFields;

    /**
     * @param type         the event class, as the serializer names it
     * @param fromRevision the stored revision (null: written before the class had a {@code @Revision})
     * @param toRevision   the revision of the class today
     */
    public FieldsAddedUpcaster(Class<?> type, String fromRevision, String toRevision, String... addedFields) {
        this.from = new SimpleSerializedType(type.getName(), fromRevision);
        this.to = new SimpleSerializedType(type.getName(), toRevision);
        this.addedFields = List.of(addedFields);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return from.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, ObjectNode.class, payload -> {
            for (String field : addedFields) {
                if (!payload.has(field)) {
                    payload.putNull(field);
                }
            }
            return payload;
        });
    }
}
