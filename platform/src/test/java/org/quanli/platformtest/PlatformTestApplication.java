package org.quanli.platformtest;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The platform alone (Axon storage, security, problem details), for the platform's own tests. It lives outside
 * {@code org.quanli.platform} so that applications scanning the platform never pick it up from the test jar.
 */
@SpringBootApplication(scanBasePackages = "org.quanli.platform")
public class PlatformTestApplication {
}
