package org.quanli.testsupport;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Keeps every finished span in memory, for tests that follow a trace. Outside {@code org.quanli.ops}, so that the
 * all-in-one's component scan does not add it to every other test's application.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SpanCapture {

    @Bean
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
