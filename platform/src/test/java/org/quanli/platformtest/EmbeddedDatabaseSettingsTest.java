package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded PostgreSQL takes further server settings, but none that would make a durable ledger lose commits. */
class EmbeddedDatabaseSettingsTest {

    @TempDir
    Path dataDir;

    @Test
    void furtherSettingsApplyAndDurabilityStaysOn() {
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(PlatformTestApplication.class)
                .profiles("test", "demo")
                .run("--server.port=0", "--quanli.embedded-db.data-dir=" + dataDir.resolve("postgres"),
                        "--quanli.demo.key-file=" + dataDir.resolve("demo-signing-key.pem"),
                        "--quanli.personal-data.key-file=" + dataDir.resolve("personal-data-kek.json"),
                        "--quanli.embedded-db.durable=true",
                        "--quanli.embedded-db.settings.work_mem=7MB",
                        "--quanli.embedded-db.settings.max_connections=60",
                        "--quanli.embedded-db.settings.fsync=off",
                        "--quanli.embedded-db.settings.synchronous_commit=off")) {
            JdbcClient jdbc = ledger.getBean(JdbcClient.class);
            assertThat(setting(jdbc, "work_mem")).isEqualTo("7MB");
            assertThat(setting(jdbc, "max_connections")).isEqualTo("60");
            assertThat(setting(jdbc, "fsync")).isEqualTo("on");
            assertThat(setting(jdbc, "synchronous_commit")).isEqualTo("on");
        }
    }

    private static String setting(JdbcClient jdbc, String name) {
        return jdbc.sql("select current_setting(?)").param(name).query(String.class).single();
    }
}
