package org.quanli.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.junit.jupiter.api.Test;

/** Through Axon's own handler adapter: the look-up decides whether the handler takes an event, once per event. */
class LookedUpParameterTest {

    record Renamed(String id) {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @interface Watched {
    }

    /** Finds a watch for the ids it knows, and counts how often it is asked. */
    static class Watches extends LookedUpParameter<String> {

        final List<String> asked = new ArrayList<>();
        final Map<String, String> known = Map.of("a", "watch on a");

        Watches() {
            super(Watched.class, String.class);
        }

        @Override
        protected Optional<String> lookUp(Message<?> message) {
            String id = ((Renamed) message.getPayload()).id();
            asked.add(id);
            return Optional.ofNullable(known.get(id));
        }
    }

    static class Watcher {

        final List<String> handled = new ArrayList<>();

        @EventHandler
        void on(Renamed event, @Watched String watch) {
            handled.add(watch);
        }
    }

    @Test
    void aHandlerTakesOnlyTheEventsItsLookUpFindsSomethingForAndEachEventIsLookedUpOnce() throws Exception {
        Watches watches = new Watches();
        Watcher watcher = new Watcher();
        var adapter = new AnnotationEventHandlerAdapter(watcher, MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(Watcher.class), watches));
        EventMessage<Renamed> watched = new GenericEventMessage<>(new Renamed("a"));
        EventMessage<Renamed> other = new GenericEventMessage<>(new Renamed("b"));

        assertThat(adapter.canHandle(watched)).isTrue();
        assertThat(adapter.canHandle(other)).isFalse();
        adapter.handle(watched);
        adapter.handle(other);

        assertThat(watcher.handled).containsExactly("watch on a");
        assertThat(watches.asked).containsExactly("a", "b");
    }
}
