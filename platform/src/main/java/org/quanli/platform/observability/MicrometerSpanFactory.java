package org.quanli.platform.observability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.messaging.Message;
import org.axonframework.tracing.Span;
import org.axonframework.tracing.SpanAttributesProvider;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.SpanScope;

/**
 * Axon's spans on Micrometer Tracing, so that they join the HTTP request's trace and go wherever Spring Boot sends
 * spans (OpenTelemetry here). The trace context travels in each message's metadata (W3C {@code traceparent}), so an
 * event handled later by a streaming processor, on another thread or node, continues the trace of the command that
 * caused it. Axon 4.13 has no OpenTelemetry module of its own release; this is that module's job, done through
 * the tracer Boot configures.
 */
public class MicrometerSpanFactory implements SpanFactory {

    private final Tracer tracer;
    private final Propagator propagator;
    private final List<SpanAttributesProvider> attributeProviders = new CopyOnWriteArrayList<>();

    public MicrometerSpanFactory(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Span createRootTrace(Supplier<String> operationName) {
        return new AxonSpan(tracer.spanBuilder().setNoParent().name(operationName.get()));
    }

    @Override
    public Span createHandlerSpan(Supplier<String> operationName, Message<?> parentMessage, boolean isChildTrace,
                                  Message<?>... linkedParents) {
        io.micrometer.tracing.Span.Builder builder = carried(parentMessage);
        if (builder == null) {
            // Handled where it was sent (the same thread, no context in the metadata): a child of the current span.
            builder = childOfCurrent();
        } else if (!isChildTrace) {
            io.micrometer.tracing.TraceContext remote = remoteContext(builder);
            builder = tracer.spanBuilder().setNoParent().addLink(new io.micrometer.tracing.Link(remote));
        }
        for (Message<?> linked : linkedParents) {
            io.micrometer.tracing.Span.Builder other = carried(linked);
            if (other != null) {
                builder.addLink(new io.micrometer.tracing.Link(remoteContext(other)));
            }
        }
        builder.kind(io.micrometer.tracing.Span.Kind.CONSUMER).name(operationName.get());
        return new AxonSpan(attributes(builder, parentMessage));
    }

    @Override
    public Span createDispatchSpan(Supplier<String> operationName, Message<?> parentMessage,
                                   Message<?>... linkedSiblings) {
        io.micrometer.tracing.Span.Builder builder = childOfCurrent()
                .kind(io.micrometer.tracing.Span.Kind.PRODUCER).name(operationName.get());
        return new AxonSpan(parentMessage == null ? builder : attributes(builder, parentMessage));
    }

    @Override
    public Span createInternalSpan(Supplier<String> operationName) {
        return new AxonSpan(childOfCurrent().name(operationName.get()));
    }

    @Override
    public Span createInternalSpan(Supplier<String> operationName, Message<?> message) {
        return new AxonSpan(attributes(childOfCurrent().name(operationName.get()), message));
    }

    @Override
    public void registerSpanAttributeProvider(SpanAttributesProvider provider) {
        attributeProviders.add(provider);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <M extends Message<?>> M propagateContext(M message) {
        io.micrometer.tracing.Span current = tracer.currentSpan();
        if (current == null) {
            return message;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(current.context(), carrier, Map::put);
        return carrier.isEmpty() ? message : (M) message.andMetaData(carrier);
    }

    private io.micrometer.tracing.Span.Builder childOfCurrent() {
        io.micrometer.tracing.Span.Builder builder = tracer.spanBuilder();
        io.micrometer.tracing.Span current = tracer.currentSpan();
        return current == null ? builder : builder.setParent(current.context());
    }

    /** A span builder whose parent is the context the message carries in its metadata; null if it carries none. */
    private io.micrometer.tracing.Span.Builder carried(Message<?> message) {
        if (message == null || propagator.fields().stream().noneMatch(message.getMetaData()::containsKey)) {
            return null;
        }
        return propagator.extract(message.getMetaData(),
                (metaData, key) -> metaData.get(key) instanceof String value ? value : null);
    }

    /** The remote parent of a builder made by {@link #carried}, as a context to link to. */
    private io.micrometer.tracing.TraceContext remoteContext(io.micrometer.tracing.Span.Builder carried) {
        io.micrometer.tracing.Span probe = carried.start();
        io.micrometer.tracing.TraceContext child = probe.context();
        probe.abandon();
        return tracer.traceContextBuilder().traceId(child.traceId()).spanId(child.parentId())
                .sampled(child.sampled()).build();
    }

    private io.micrometer.tracing.Span.Builder attributes(io.micrometer.tracing.Span.Builder builder,
                                                          Message<?> message) {
        if (message != null) {
            for (SpanAttributesProvider provider : attributeProviders) {
                provider.provideForMessage(message).forEach(builder::tag);
            }
        }
        return builder;
    }

    /** Axon's span over a Micrometer span: started lazily, made current through the tracer (and so in the MDC). */
    private final class AxonSpan implements Span {

        private final io.micrometer.tracing.Span.Builder builder;
        private io.micrometer.tracing.Span span;

        private AxonSpan(io.micrometer.tracing.Span.Builder builder) {
            this.builder = builder;
        }

        @Override
        public Span start() {
            span = builder.start();
            return this;
        }

        @Override
        public SpanScope makeCurrent() {
            Tracer.SpanInScope scope = tracer.withSpan(span);
            return scope::close;
        }

        @Override
        public void end() {
            if (span != null) {
                span.end();
            }
        }

        @Override
        public Span recordException(Throwable t) {
            if (span != null) {
                span.error(t);
            }
            return this;
        }

        @Override
        public Span addAttribute(String key, String value) {
            if (span != null) {
                span.tag(key, value);
            } else {
                builder.tag(key, value);
            }
            return this;
        }
    }
}
