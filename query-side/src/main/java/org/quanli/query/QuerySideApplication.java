package org.quanli.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The query side on its own: projections, query handlers, the read API and the public portal, against the
 * PostgreSQL it shares with the command side. Its settings are in {@code query-side.yml}.
 */
@SpringBootApplication(scanBasePackages = {"org.quanli.platform", "org.quanli.query"})
public class QuerySideApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.config.name=query-side")
                .run(args);
    }
}
