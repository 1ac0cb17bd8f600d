package org.quanli.platformtest;

import javax.sql.DataSource;

import org.quanli.platform.integrity.LedgerKeys;
import org.quanli.platform.integrity.LedgerSealer;
import org.quanli.platform.integrity.TreeStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The ledger's tests share one application: scheduled sealing and verification off (the tests drive the rounds), a
 * checkpoint every four events.
 */
@SpringBootTest(classes = PlatformTestApplication.class, properties = {
        "quanli.ledger.sealer=false", "quanli.ledger.checkpoint-events=4", "quanli.ledger.verification-interval=0"})
@ActiveProfiles({"test", "demo"})
abstract class LedgerTestBase {

    @Autowired
    LedgerSealer sealer;
    @Autowired
    TreeStore tree;
    @Autowired
    LedgerKeys keys;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
}
