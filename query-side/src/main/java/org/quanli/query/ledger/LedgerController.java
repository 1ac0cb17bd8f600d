package org.quanli.query.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import org.quanli.platform.web.PageSize;
import org.quanli.kernel.rules.NotFound;
import org.quanli.kernel.rules.RuleViolation;
import org.quanli.platform.integrity.Checkpoint;
import org.quanli.platform.integrity.CheckpointJson;
import org.quanli.platform.integrity.LedgerSealer;
import org.quanli.platform.integrity.LedgerVerification;
import org.quanli.platform.integrity.MerkleProofs;
import org.quanli.platform.integrity.TreeStore;
import org.quanli.platform.web.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger's proofs, open to anyone (README, "Proof that the record is unaltered"): signed checkpoints, the
 * inclusion proof of an event against a checkpoint, the consistency proof between two checkpoints, the public keys,
 * and where sealing and verification stand. Every answer is what an auditor saves and checks offline with the
 * verifier of the ops jar; nothing in it is personal (hashes, ids, positions).
 */
@RestController
@Tag(name = "ledger proofs (public)", description = "账本证明:签名检查点、包含证明、一致性证明、公钥")
class LedgerController {

    private static final String HASHING = "RFC 6962 SHA-256: leaf = SHA-256(0x00 || canonical encoding), "
            + "node = SHA-256(0x01 || left || right)";

    private final TreeStore tree;
    private final LedgerSealer sealer;
    private final LedgerVerification verification;
    private final JdbcClient jdbc;
    private final ProblemResponses problems;

    LedgerController(TreeStore tree, LedgerSealer sealer, LedgerVerification verification, JdbcClient jdbc,
                     ProblemResponses problems) {
        this.tree = tree;
        this.sealer = sealer;
        this.verification = verification;
        this.jdbc = jdbc;
        this.problems = problems;
    }

    @Operation(summary = "最新检查点: the latest signed tree head")
    @GetMapping("/api/public/ledger/checkpoints/latest")
    Map<String, Object> latest() {
        return CheckpointJson.toMap(tree.latestCheckpoint().orElseThrow(() -> new NotFound("checkpoint", "latest")));
    }

    @Operation(summary = "某一检查点: the signed tree head of that size")
    @GetMapping("/api/public/ledger/checkpoints/{treeSize}")
    Map<String, Object> checkpoint(@PathVariable @Min(1) long treeSize) {
        return CheckpointJson.toMap(checkpointOf(treeSize));
    }

    @Operation(summary = "检查点列表: every signed tree head, newest first, paged")
    @GetMapping("/api/public/ledger/checkpoints")
    Map<String, Object> checkpoints(@RequestParam(defaultValue = "0") @Min(0) int page,
                                    @RequestParam(defaultValue = "50") @PageSize int size) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("checkpoints", tree.checkpointsNewestFirst(page, size).stream().map(CheckpointJson::toMap).toList());
        answer.put("page", page);
        answer.put("size", size);
        answer.put("total", tree.checkpointCount());
        return answer;
    }

    @Operation(summary = "包含证明: proves the event is leaf N of the tree a checkpoint signs",
            description = "Against the checkpoint of `treeSize`, or the latest. 404 `not-yet-sealed` while the event "
                    + "is stored but not yet covered by a checkpoint (moments, or up to the checkpoint interval).")
    @GetMapping("/api/public/ledger/events/{eventId}/inclusion-proof")
    ResponseEntity<?> inclusion(@PathVariable String eventId, @RequestParam(required = false) @Min(1) Long treeSize) {
        Optional<TreeStore.SealedLeaf> leaf = tree.leafOf(eventId);
        if (leaf.isEmpty()) {
            boolean stored = jdbc.sql("select count(*) from domain_event_entry where event_identifier = ?")
                    .param(eventId).query(Long.class).single() > 0;
            if (!stored) {
                throw new NotFound("event", eventId);
            }
            return notYetSealed(eventId);
        }
        Checkpoint checkpoint;
        if (treeSize != null) {
            checkpoint = checkpointOf(treeSize);
            if (leaf.get().leafIndex() >= checkpoint.treeSize()) {
                throw new RuleViolation("event-in-checkpoint", "事件 " + eventId + " 是第 "
                        + (leaf.get().leafIndex() + 1) + " 个叶子,不在规模为 " + treeSize + " 的检查点中");
            }
        } else {
            checkpoint = tree.latestCheckpoint().filter(c -> leaf.get().leafIndex() < c.treeSize()).orElse(null);
            if (checkpoint == null) {
                return notYetSealed(eventId);
            }
        }
        long size = checkpoint.treeSize();
        List<byte[]> proof = MerkleProofs.batched(nodes -> MerkleProofs.inclusion(nodes, leaf.get().leafIndex(), size),
                tree::nodes);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("kind", "inclusion");
        answer.put("eventId", eventId);
        answer.put("position", leaf.get().globalIndex());
        answer.put("leafIndex", leaf.get().leafIndex());
        answer.put("leafHash", CheckpointJson.base64(leaf.get().leafHash()));
        answer.put("treeSize", size);
        answer.put("proof", proof.stream().map(CheckpointJson::base64).toList());
        answer.put("checkpoint", CheckpointJson.toMap(checkpoint));
        answer.put("hashing", HASHING);
        return ResponseEntity.ok(answer);
    }

    @Operation(summary = "一致性证明: proves the later checkpoint's tree extends the earlier one's unchanged",
            description = "`from` and `to` are sizes of stored checkpoints; `to` defaults to the latest.")
    @GetMapping("/api/public/ledger/consistency-proof")
    Map<String, Object> consistency(@RequestParam @Min(1) long from, @RequestParam(required = false) @Min(1) Long to) {
        Checkpoint second = to == null ? tree.latestCheckpoint().orElseThrow(() -> new NotFound("checkpoint", "latest"))
                : checkpointOf(to);
        if (from > second.treeSize()) {
            throw new RuleViolation("consistency-order", "from (" + from + ") 不得大于 to (" + second.treeSize() + ")");
        }
        Checkpoint first = checkpointOf(from);
        List<byte[]> proof = MerkleProofs.batched(
                nodes -> MerkleProofs.consistency(nodes, first.treeSize(), second.treeSize()), tree::nodes);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("kind", "consistency");
        answer.put("from", CheckpointJson.toMap(first));
        answer.put("to", CheckpointJson.toMap(second));
        answer.put("proof", proof.stream().map(CheckpointJson::base64).toList());
        answer.put("hashing", HASHING);
        return answer;
    }

    @Operation(summary = "签名公钥: the Ed25519 public keys checkpoints are signed with (PEM), the one in use first")
    @GetMapping("/api/public/ledger/public-keys")
    List<Map<String, Object>> publicKeys() {
        return jdbc.sql("""
                select key_id, public_key, first_used, retired_at from ledger_signing_key
                order by retired_at desc nulls first, first_used desc""")
                .query((rs, i) -> {
                    Map<String, Object> key = new LinkedHashMap<>();
                    key.put("keyId", rs.getString("key_id"));
                    key.put("algorithm", "Ed25519");
                    key.put("publicKey", rs.getString("public_key"));
                    key.put("firstUsed", rs.getTimestamp("first_used").toInstant().toString());
                    key.put("retiredAt", rs.getTimestamp("retired_at") == null ? null
                            : rs.getTimestamp("retired_at").toInstant().toString());
                    return key;
                }).list();
    }

    @Operation(summary = "账本状态: how far sealing has come and the outcome of the latest verification")
    @GetMapping("/api/public/ledger/status")
    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("sealedEvents", tree.size());
        status.put("sealedUpToPosition", tree.horizon());
        status.put("headPosition", tree.headPosition());
        status.put("latestCheckpoint", tree.latestCheckpoint().map(CheckpointJson::toMap).orElse(null));
        LedgerSealer.Gap gap = sealer.waitingAt();
        status.put("waitingAtGap", gap == null ? null : Map.of("fromPosition", gap.fromIndex(),
                "toPosition", gap.toIndex(), "since", gap.firstSeen().toString()));
        status.put("sealingRefusedHere", sealer.refusal());
        status.put("verification", verification.latest().map(outcome -> {
            Map<String, Object> latest = new LinkedHashMap<>();
            latest.put("outcome", outcome.discrepancies() == 0 ? "CLEAN" : "DISCREPANCIES");
            latest.put("finishedAt", outcome.finishedAt().toString());
            latest.put("sealedLeaves", outcome.sealedLeaves());
            latest.put("checkpoints", outcome.checkpoints());
            latest.put("discrepancies", outcome.discrepancies());
            latest.put("report", outcome.report());
            return latest;
        }).orElse(null));
        return status;
    }

    private Checkpoint checkpointOf(long treeSize) {
        return tree.checkpoint(treeSize).orElseThrow(() -> new NotFound("checkpoint", String.valueOf(treeSize)));
    }

    private ResponseEntity<?> notYetSealed(String eventId) {
        return problems.entity(HttpStatus.NOT_FOUND, "not-yet-sealed",
                "事件 " + eventId + " 已存储,尚未被签名检查点覆盖;稍后再试");
    }
}
