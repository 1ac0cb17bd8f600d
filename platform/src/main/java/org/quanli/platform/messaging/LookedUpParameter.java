package org.quanli.platform.messaging;

import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

/**
 * A handler parameter, marked with an annotation of its own, that a look-up resolves and that decides whether the
 * handler takes the message at all: the handler matches only a message the look-up finds something for. Axon asks a
 * handler's parameters before it schedules an event, and a streaming processor with no matching handler moves past
 * the event without a batch: no transaction, no dead-letter check, no token write. A process that acts on a few of
 * a frequent event's occurrences (a case's end that belongs to a joint approval, an item arriving at a merged body)
 * then pays one look-up per occurrence instead of a batch of its own.
 * <p>
 * A subclass registered as a Spring bean is one of Axon's parameter resolvers. It must answer from a look-up that is
 * current for every event the processor can read, since Axon asks before it schedules the event and again when its
 * handler runs, perhaps on another thread; the answer of the first asking is remembered for the second.
 */
public abstract class LookedUpParameter<T> implements ParameterResolverFactory, ParameterResolver<T> {

    /** Enough for an event to be asked about again when its handler runs, however many segments ask first. */
    private static final int REMEMBERED = 256;

    private final Class<? extends Annotation> marker;
    private final Class<T> type;
    private final Map<String, Optional<T>> recent = new LinkedHashMap<>(REMEMBERED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<T>> eldest) {
            return size() > REMEMBERED;
        }
    };

    protected LookedUpParameter(Class<? extends Annotation> marker, Class<T> type) {
        this.marker = marker;
        this.type = type;
    }

    /** What the message's handler is given, or empty if the handler is not to take the message. */
    protected abstract Optional<T> lookUp(Message<?> message);

    @Override
    public ParameterResolver<?> createInstance(Executable executable, Parameter[] parameters, int index) {
        Parameter parameter = parameters[index];
        return parameter.isAnnotationPresent(marker) && parameter.getType() == type ? this : null;
    }

    @Override
    public boolean matches(Message<?> message) {
        return lookedUp(message).isPresent();
    }

    @Override
    public T resolveParameterValue(Message<?> message) {
        return lookedUp(message).orElseThrow();
    }

    private Optional<T> lookedUp(Message<?> message) {
        synchronized (recent) {
            Optional<T> known = recent.get(message.getIdentifier());
            if (known != null) {
                return known;
            }
        }
        Optional<T> found = lookUp(message);
        synchronized (recent) {
            recent.put(message.getIdentifier(), found);
        }
        return found;
    }
}
