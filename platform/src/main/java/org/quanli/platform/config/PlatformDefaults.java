package org.quanli.platform.config;

import java.io.IOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code quanli-platform-defaults.yml} as the lowest-precedence property source of every application built on
 * the platform, so that the settings all of them need (Axon's serializer and storage mapping, Hibernate validation,
 * problem details, no update check) are stated once and can still be overridden.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    private static final String AXON_UPDATE_CHECK = "axoniq.update-checker.disabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Axon's update checker calls home at start-up and reads only a JVM property or an environment variable;
        // these machines have no internet and a ledger has no business phoning out.
        if (System.getProperty(AXON_UPDATE_CHECK) == null) {
            System.setProperty(AXON_UPDATE_CHECK, "true");
        }
        try {
            new YamlPropertySourceLoader()
                    .load("quanli-platform-defaults", new ClassPathResource("quanli-platform-defaults.yml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read quanli-platform-defaults.yml", e);
        }
    }
}
