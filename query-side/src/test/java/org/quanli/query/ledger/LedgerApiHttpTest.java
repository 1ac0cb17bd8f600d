package org.quanli.query.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.integrity.Checkpoint;
import org.quanli.platform.integrity.CheckpointJson;
import org.quanli.platform.integrity.LedgerKeys;
import org.quanli.platform.integrity.MerkleProofs;
import org.quanli.platform.integrity.StoredEventRow;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The public ledger API over HTTP, without a token: checkpoints verify with the published key, an inclusion proof
 * leads from the event's stored bytes to a signed root, a consistency proof joins two checkpoints, and bad
 * parameters get problem details naming what is wrong.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class LedgerApiHttpTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DemoTokens tokens;
    @LocalServerPort
    int port;

    ApiClient anonymous;
    String eventId;
    long head;

    @BeforeEach
    void eventsAreStoredAndSealed() {
        anonymous = ApiClient.anonymous(port, tokens);
        String aggregate = "ledger-api-" + java.util.UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var event = new GenericDomainEventMessage<>("LedgerApiTest", aggregate, i, "记录 " + i,
                    new Actor("auditor", "审计", Role.AUDITOR, null).toMetaData());
            ids.add(event.getIdentifier());
            transactions.executeWithoutResult(tx -> eventStore.publish(event));
        }
        eventId = ids.get(1);
        head = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode latest = anonymous.get("/api/public/ledger/checkpoints/latest").json();
            return latest.has("treeSize") && latest.get("treeSize").asLong() >= head;
        });
    }

    @Test
    void anInclusionProofLeadsFromTheStoredEventToASignedRootUnderThePublishedKey() {
        var key = LedgerKeys.readPublicKey(anonymous.get("/api/public/ledger/public-keys").json().get(0)
                .get("publicKey").asString());
        ApiClient.Response response = anonymous.get("/api/public/ledger/events/" + eventId + "/inclusion-proof");
        assertThat(response.status()).isEqualTo(200);
        JsonNode proof = response.json();
        Checkpoint checkpoint = CheckpointJson.fromJson(proof.get("checkpoint"));
        assertThat(checkpoint.verifiesWith(key)).isTrue();

        StoredEventRow stored = jdbc.queryForObject("select " + StoredEventRow.COLUMNS
                + " from domain_event_entry where event_identifier = ?", (rs, i) -> StoredEventRow.from(rs), eventId);
        assertThat(proof.get("position").asLong()).isEqualTo(stored.globalIndex());
        assertThat(proof.get("leafHash").asString()).isEqualTo(CheckpointJson.base64(stored.leafHash()));
        List<byte[]> path = proof.get("proof").valueStream().map(h -> CheckpointJson.bytes(h.asString())).toList();
        assertThat(MerkleProofs.verifyInclusion(proof.get("leafIndex").asLong(), checkpoint.treeSize(),
                stored.leafHash(), path, checkpoint.rootHash())).isTrue();
    }

    @Test
    void aConsistencyProofJoinsTheFirstCheckpointToTheLatest() {
        JsonNode page = anonymous.get("/api/public/ledger/checkpoints?size=200").json();
        List<JsonNode> all = page.get("checkpoints").valueStream().toList();
        long first = all.get(all.size() - 1).get("treeSize").asLong();
        JsonNode proof = anonymous.get("/api/public/ledger/consistency-proof?from=" + first).json();
        Checkpoint from = CheckpointJson.fromJson(proof.get("from"));
        Checkpoint to = CheckpointJson.fromJson(proof.get("to"));
        assertThat(to.treeSize()).isEqualTo(all.get(0).get("treeSize").asLong());
        List<byte[]> path = proof.get("proof").valueStream().map(h -> CheckpointJson.bytes(h.asString())).toList();
        assertThat(MerkleProofs.verifyConsistency(from.treeSize(), to.treeSize(), from.rootHash(), to.rootHash(), path))
                .isTrue();
    }

    @Test
    void badParametersAreProblemsThatNameWhatIsWrong() {
        assertThat(anonymous.get("/api/public/ledger/checkpoints/abc").status()).isEqualTo(400);
        assertThat(anonymous.get("/api/public/ledger/checkpoints/0").status()).isEqualTo(400);
        assertThat(anonymous.get("/api/public/ledger/checkpoints/" + (head + 1_000_000)).status()).isEqualTo(404);
        assertThat(anonymous.get("/api/public/ledger/consistency-proof").status()).isEqualTo(400);
        assertThat(anonymous.get("/api/public/ledger/events/no-such-event/inclusion-proof").status()).isEqualTo(404);

        // The first checkpoint of a store covers its first event only; the event here is a later leaf.
        long first = jdbc.queryForObject("select min(tree_size) from ledger_checkpoint", Long.class);
        assertThat(first).isOne();
        ApiClient.Response tooEarly = anonymous.get("/api/public/ledger/events/" + eventId
                + "/inclusion-proof?treeSize=" + first);
        assertThat(tooEarly.status()).isEqualTo(422);
        assertThat(tooEarly.json().get("rule").asString()).isEqualTo("event-in-checkpoint");

        long latest = anonymous.get("/api/public/ledger/checkpoints/latest").json().get("treeSize").asLong();
        ApiClient.Response backwards = anonymous.get("/api/public/ledger/consistency-proof?from=" + latest
                + "&to=" + first);
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.json().get("rule").asString()).isEqualTo("consistency-order");
    }

    @Test
    void theStatusSaysHowFarSealingHasCome() {
        JsonNode status = anonymous.get("/api/public/ledger/status").json();
        assertThat(status.get("sealedEvents").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(status.get("latestCheckpoint").get("treeSize").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(status.get("sealingRefusedHere").isNull()).isTrue();
    }
}
