package org.quanli.platformtest;

import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.quanli.platform.db.EmbeddedPostgresConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Only the embedded database, as the ledger starts it, in a JVM of its own that a test can kill: it records one
 * start in a table, prints {@code READY <starts recorded> <port>} and waits to be stopped or killed.
 */
public final class EmbeddedDatabaseMain {

    private EmbeddedDatabaseMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(EmbeddedPostgresConfiguration.class)
                .web(WebApplicationType.NONE).run(args);
        JdbcClient jdbc = JdbcClient.create(context.getBean(javax.sql.DataSource.class));
        jdbc.sql("create table if not exists start_recorded (at timestamptz not null default now())").update();
        jdbc.sql("insert into start_recorded default values").update();
        long starts = jdbc.sql("select count(*) from start_recorded").query(Long.class).single();
        System.out.println("READY " + starts + " " + context.getBean(EmbeddedPostgres.class).getPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
