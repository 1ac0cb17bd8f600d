package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quanli.platform.db.EmbeddedPostgresConfiguration.EmbeddedCluster;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded PostgreSQL lets in only who knows its generated password, kept with the demo signing key where only
 * the owner can read them.
 */
class EmbeddedDatabaseSecurityTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PlatformTestApplication.class)
                .profiles("test", "demo")
                .run("--server.port=0", "--quanli.embedded-db.data-dir=" + dataDir.resolve("postgres"),
                        "--quanli.demo.key-file=" + dataDir.resolve("demo-signing-key.pem"),
                        "--quanli.personal-data.key-file=" + dataDir.resolve("personal-data-kek.json"));
    }

    private static Connection connect(int port, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", password);
    }

    @Test
    void aWrongPasswordIsRefusedAndTheSecretsAreReadableByTheOwnerOnly() throws Exception {
        try (ConfigurableApplicationContext ledger = start()) {
            int port = ledger.getBean(EmbeddedPostgres.class).getPort();
            EmbeddedCluster cluster = ledger.getBean(EmbeddedCluster.class);
            Path passwordFile = dataDir.resolve("postgres").resolve("quanli-db-password");
            assertThat(cluster.dataDirectory()).isEqualTo(dataDir.resolve("postgres"));
            assertThat(Files.readString(passwordFile).strip()).isEqualTo(cluster.password()).hasSizeGreaterThan(30);

            assertThatThrownBy(() -> connect(port, "postgres").close())
                    .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("28P01");   // invalid_password
            assertThatThrownBy(() -> connect(port, cluster.password() + "x").close())
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
            assertThatThrownBy(() -> connect(port, null).close()).isInstanceOf(SQLException.class);
            try (Connection right = connect(port, cluster.password())) {
                assertThat(right.isValid(2)).isTrue();
            }

            JdbcClient jdbc = ledger.getBean(JdbcClient.class);
            List<String> methods = jdbc.sql("select distinct auth_method from pg_hba_file_rules").query(String.class)
                    .list();
            assertThat(methods).containsExactly("scram-sha-256");
            String stored = jdbc.sql("select rolpassword from pg_authid where rolname = 'postgres'")
                    .query(String.class).single();
            assertThat(stored).startsWith("SCRAM-SHA-256$").doesNotContain(cluster.password());

            assertThat(permissions(passwordFile)).isEqualTo("rw-------");
            assertThat(permissions(dataDir.resolve("demo-signing-key.pem"))).isEqualTo("rw-------");
        }
    }

    @Test
    void aRestartKeepsThePasswordAndTightensAKeyFileAnOlderRunLeftReadable() throws Exception {
        String password;
        try (ConfigurableApplicationContext first = start()) {
            password = first.getBean(EmbeddedCluster.class).password();
        }
        Path key = dataDir.resolve("demo-signing-key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        try (ConfigurableApplicationContext second = start()) {
            assertThat(second.getBean(EmbeddedCluster.class).password()).isEqualTo(password);
            try (Connection connection = connect(second.getBean(EmbeddedPostgres.class).getPort(), password)) {
                assertThat(connection.isValid(2)).isTrue();
            }
            assertThat(permissions(key)).isEqualTo("rw-------");
        }
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
