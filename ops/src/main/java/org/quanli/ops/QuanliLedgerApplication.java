package org.quanli.ops;

import org.quanli.command.CommandSideApplication;
import org.quanli.ops.ledger.LedgerCommand;
import org.quanli.query.QuerySideApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Quanli Ledger in one JVM: command side and query side together, on an embedded PostgreSQL whose data survives
 * restarts unless {@code spring.datasource.url} points at a database. The two sides' own application classes are
 * left out of the scan: this class is the one application here. {@code ledger …} runs the ledger verifier instead.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = {"org.quanli.platform", "org.quanli.command", "org.quanli.query", "org.quanli.ops"},
        excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                classes = {CommandSideApplication.class, QuerySideApplication.class}))
public class QuanliLedgerApplication {

    public static void main(String[] args) {
        // The auditor's verifier runs without the application: java -jar quanli-ledger.jar ledger verify …
        if (args.length > 0 && args[0].equals("ledger")) {
            System.exit(LedgerCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        SpringApplication.run(QuanliLedgerApplication.class, args);
    }
}
