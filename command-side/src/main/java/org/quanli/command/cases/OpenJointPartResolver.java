package org.quanli.command.cases;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.quanli.command.cases.JointApprovalParts.Part;
import org.quanli.kernel.cases.CaseEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Resolves an {@link OpenJointPart} parameter from {@link JointApprovalParts}: a part's row is written with the joint
 * approval's start, before any case of it exists, and marked closed in the transaction that records the part's end,
 * so the look-up is current for every event a processor can read.
 */
@Component
class OpenJointPartResolver implements ParameterResolverFactory, ParameterResolver<Part> {

    /** Axon asks once to schedule an event and again to handle it, perhaps on another thread. */
    private static final int REMEMBERED = 256;

    private final ObjectProvider<JointApprovalParts> parts;
    private final Map<String, Optional<Part>> recent = new LinkedHashMap<>(REMEMBERED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Part>> eldest) {
            return size() > REMEMBERED;
        }
    };

    // Looked up on first use: collecting this resolver, early in Axon's own configuration, must not create the
    // look-up (itself an event handler bean) ahead of it.
    OpenJointPartResolver(ObjectProvider<JointApprovalParts> parts) {
        this.parts = parts;
    }

    @Override
    public ParameterResolver<?> createInstance(Executable executable, Parameter[] parameters, int index) {
        Parameter parameter = parameters[index];
        return parameter.isAnnotationPresent(OpenJointPart.class) && parameter.getType() == Part.class
                ? this : null;
    }

    @Override
    public boolean matches(Message<?> message) {
        return openPart(message).isPresent();
    }

    @Override
    public Part resolveParameterValue(Message<?> message) {
        return openPart(message).orElseThrow();
    }

    private Optional<Part> openPart(Message<?> message) {
        if (!(message.getPayload() instanceof CaseEvent event)) {
            return Optional.empty();
        }
        synchronized (recent) {
            Optional<Part> known = recent.get(message.getIdentifier());
            if (known != null) {
                return known;
            }
        }
        Optional<Part> part = parts.getObject().part(event.caseId()).filter(p -> !p.closed());
        synchronized (recent) {
            recent.put(message.getIdentifier(), part);
        }
        return part;
    }
}
