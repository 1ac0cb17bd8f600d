package org.quanli.query.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.integrity.Checkpoint;
import org.quanli.platform.integrity.CheckpointJson;
import org.quanli.platform.integrity.LedgerSealer;
import org.quanli.platform.integrity.TreeStore;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The home page shows the ledger's latest signed checkpoint, with links to its JSON and to how it is verified, or
 * says plainly that there is none yet. Sealing is driven by the test (no scheduled rounds), so "none" is certain.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"quanli.ledger.sealer=false", "quanli.ledger.verification-interval=0"})
@ActiveProfiles({"test", "demo"})
class PortalCheckpointHttpTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    LedgerSealer sealer;
    @Autowired
    TreeStore tree;
    @Autowired
    DemoTokens tokens;
    @LocalServerPort
    int port;

    @Test
    void theHomePageShowsTheLatestCheckpointOrSaysThereIsNone() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        assertThat(tree.latestCheckpoint()).isEmpty();
        ApiClient.Response none = anonymous.get("/");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body()).contains("尚无检查点").doesNotContain("id=\"checkpoint-size\"");
        assertThat(anonymous.get("/portal/ledger").body()).contains("尚无检查点");

        var event = new GenericDomainEventMessage<>("PortalCheckpointTest", "portal-checkpoint", 0, "记录",
                new Actor("auditor", "审计", Role.AUDITOR, null).toMetaData());
        transactions.executeWithoutResult(tx -> eventStore.publish(event));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            sealer.sealAvailable();
            return tree.latestCheckpoint().isPresent();
        });
        Checkpoint latest = tree.latestCheckpoint().orElseThrow();

        String home = anonymous.get("/").body();
        assertThat(home).doesNotContain("尚无检查点")
                .contains("<dd id=\"checkpoint-size\">" + latest.treeSize() + "</dd>")
                .contains(CheckpointJson.base64(latest.rootHash()))
                .contains("<dd id=\"checkpoint-time\">" + PortalController.CheckpointView.SIGNED_TIME
                        .format(latest.issuedAt()) + "</dd>")
                .contains("href=\"/api/public/ledger/checkpoints/latest\"").contains("href=\"/portal/ledger\"");
        // The JSON the link leads to is the same checkpoint.
        assertThat(anonymous.get("/api/public/ledger/checkpoints/latest").json().get("treeSize").asLong())
                .isEqualTo(latest.treeSize());
        ApiClient.Response howTo = anonymous.get("/portal/ledger");
        assertThat(howTo.status()).isEqualTo(200);
        assertThat(howTo.body()).contains("如何验证账本").contains("/api/public/ledger/public-keys")
                .contains("ledger check-proof").contains(CheckpointJson.base64(latest.rootHash()));
    }
}
