package org.quanli.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/** Says where the ledger is once it is ready to serve. */
@Component
class ReadyBanner {

    private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String url = "http://localhost:" + web.getWebServer().getPort();
        Environment environment = event.getApplicationContext().getEnvironment();
        log.info("Quanli Ledger is running at {} (OpenAPI: {}/v3/api-docs)", url, url);
        if (environment.acceptsProfiles(Profiles.of("demo"))) {
            log.info("Demo identity provider on: POST {}/demo/token {\"username\":\"clerk\"} (users: GET {}/demo/users), "
                    + "or {\"role\":\"BODY_CLERK\",\"body\":\"<a registered body's credit code>\"}", url, url);
        }
    }
}
