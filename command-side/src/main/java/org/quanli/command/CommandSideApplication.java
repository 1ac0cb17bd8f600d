package org.quanli.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The command side on its own: aggregates, command handlers and the command API, against an external PostgreSQL
 * shared with the query side. Its settings are in {@code command-side.yml}.
 */
@SpringBootApplication(scanBasePackages = {"org.quanli.platform", "org.quanli.command"})
public class CommandSideApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("spring.config.name=command-side")
                .run(args);
    }
}
