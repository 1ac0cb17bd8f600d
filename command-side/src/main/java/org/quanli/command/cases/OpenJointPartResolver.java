package org.quanli.command.cases;

import java.util.Optional;

import org.axonframework.messaging.Message;
import org.quanli.command.cases.JointApprovalParts.Part;
import org.quanli.kernel.cases.CaseEvent;
import org.quanli.platform.messaging.LookedUpParameter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Resolves an {@link OpenJointPart} parameter from {@link JointApprovalParts}: a part's row is written with the joint
 * approval's start, before any case of it exists, and marked closed in the transaction that records the part's end,
 * so the look-up is current for every event a processor can read.
 */
@Component
class OpenJointPartResolver extends LookedUpParameter<Part> {

    private final ObjectProvider<JointApprovalParts> parts;

    // Looked up on first use: collecting this resolver, early in Axon's own configuration, must not create the
    // look-up (itself an event handler bean) ahead of it.
    OpenJointPartResolver(ObjectProvider<JointApprovalParts> parts) {
        super(OpenJointPart.class, Part.class);
        this.parts = parts;
    }

    @Override
    protected Optional<Part> lookUp(Message<?> message) {
        return message.getPayload() instanceof CaseEvent event
                ? parts.getObject().part(event.caseId()).filter(part -> !part.closed())
                : Optional.empty();
    }
}
