package org.quanli.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Nodes of one side started as separate applications against one external PostgreSQL, as a deployment runs them:
 * each with its own configuration name, the demo provider's key shared through one file so that a token one node
 * issues is valid on every other.
 */
final class LedgerNodes {

    private LedgerNodes() {
    }

    /** @param settings more settings, {@code name=value} */
    static ConfigurableApplicationContext start(Class<?> application, String configName, String jdbcUrl,
                                                Path sharedKeyFile, String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--quanli.demo.key-file=" + sharedKeyFile,
                "--logging.level.org.axonframework=WARN"));
        for (String setting : settings) {
            arguments.add("--" + setting);
        }
        return new SpringApplicationBuilder(application)
                .properties("spring.config.name=" + configName)
                .profiles("demo")
                .run(arguments.toArray(String[]::new));
    }

    static ApiClient client(ConfigurableApplicationContext node, DemoTokens tokens) {
        return ApiClient.anonymous(((WebServerApplicationContext) node).getWebServer().getPort(), tokens);
    }
}
