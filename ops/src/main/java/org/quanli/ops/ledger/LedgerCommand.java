package org.quanli.ops.ledger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.quanli.platform.integrity.Checkpoint;
import org.quanli.platform.integrity.CheckpointJson;
import org.quanli.platform.integrity.Discrepancy;
import org.quanli.platform.integrity.LedgerKeys;
import org.quanli.platform.integrity.LedgerSealer;
import org.quanli.platform.integrity.LedgerVerification;
import org.quanli.platform.integrity.LedgerVerifier;
import org.quanli.platform.integrity.MerkleProofs;
import org.quanli.platform.integrity.StoredEventRow;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auditor's verifier, run from the ops jar without starting the application
 * ({@code java -jar quanli-ledger.jar ledger <command> …}; README, "Proof that the record is unaltered"). It trusts
 * only the public keys it is given and the files or database it is pointed at. Exit status: 0 verified, 1 a
 * discrepancy or a failed proof, 2 a usage error.
 */
public final class LedgerCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String USAGE = """
            usage: java -jar quanli-ledger.jar ledger <command> [options]
              verify        --jdbc-url URL [--user U] [--password P] --public-key PEM… [--checkpoints FILE]
                            recompute the tree from the database and check it against the signed checkpoints
                            (and against the exported copy of them); the password may come from QUANLI_VERIFY_PASSWORD
              export-events --jdbc-url URL [--user U] [--password P] --out FILE
                            write every stored event, in store order, as JSON lines (the input of verify-export)
              verify-export --events FILE --checkpoints FILE --public-key PEM…
                            recompute the tree from exported events and check it against the signed checkpoints
              check-proof   --proof FILE --public-key PEM… [--event FILE]
                            check an inclusion or consistency proof saved from /api/public/ledger/…; with --event
                            (one exported event line) also that the proof is about that event's stored bytes
            """;

    private final PrintStream out;

    private LedgerCommand(PrintStream out) {
        this.out = out;
    }

    public static int run(String[] args, PrintStream out) {
        LedgerCommand command = new LedgerCommand(out);
        if (args.length == 0) {
            out.print(USAGE);
            return 2;
        }
        try {
            Map<String, List<String>> options = options(args);
            return switch (args[0]) {
                case "verify" -> command.verify(options);
                case "export-events" -> command.exportEvents(options);
                case "verify-export" -> command.verifyExport(options);
                case "check-proof" -> command.checkProof(options);
                default -> {
                    out.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            out.print(USAGE);
            return 2;
        } catch (IOException | SQLException | RuntimeException e) {
            out.println("error: " + e);
            return 2;
        }
    }

    private int verify(Map<String, List<String>> options) throws IOException, SQLException {
        List<PublicKey> keys = keys(options);
        List<Checkpoint> exported = options.containsKey("checkpoints")
                ? LedgerVerification.exportedCheckpoints(Path.of(one(options, "checkpoints"))) : List.of();
        try (Connection connection = connect(options)) {
            return report(new LedgerVerifier(keys).verify(connection, exported));
        }
    }

    private int exportEvents(Map<String, List<String>> options) throws IOException, SQLException {
        long written = 0;
        try (Connection connection = connect(options);
             BufferedWriter writer = Files.newBufferedWriter(Path.of(one(options, "out")), StandardCharsets.UTF_8)) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(
                    "select " + StoredEventRow.COLUMNS + " from domain_event_entry order by global_index")) {
                statement.setFetchSize(2000);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        writer.write(JSON.writeValueAsString(toJson(StoredEventRow.from(rs))));
                        writer.write('\n');
                        written++;
                    }
                }
            } finally {
                connection.rollback();
            }
        }
        out.println("exported " + written + " events");
        return 0;
    }

    private int verifyExport(Map<String, List<String>> options) throws IOException {
        List<Checkpoint> checkpoints = LedgerVerification.exportedCheckpoints(Path.of(one(options, "checkpoints")));
        try (Stream<String> lines = Files.lines(Path.of(one(options, "events")), StandardCharsets.UTF_8)) {
            Iterator<StoredEventRow> events = lines.filter(line -> !line.isBlank())
                    .map(line -> fromJson(JSON.readTree(line))).iterator();
            return report(new LedgerVerifier(keys(options)).verifyExport(events, checkpoints));
        }
    }

    private int checkProof(Map<String, List<String>> options) throws IOException {
        List<PublicKey> keys = keys(options);
        JsonNode proof = JSON.readTree(Files.readString(Path.of(one(options, "proof")), StandardCharsets.UTF_8));
        List<byte[]> path = new ArrayList<>();
        proof.get("proof").forEach(hash -> path.add(CheckpointJson.bytes(hash.asString())));
        String kind = proof.path("kind").asString("");
        if (kind.equals("inclusion")) {
            Checkpoint checkpoint = CheckpointJson.fromJson(proof.get("checkpoint"));
            if (!signed(checkpoint, keys)) {
                return failed("the checkpoint's signature does not verify with the given public keys");
            }
            byte[] leafHash = CheckpointJson.bytes(proof.get("leafHash").asString());
            long leafIndex = proof.get("leafIndex").asLong();
            if (proof.get("treeSize").asLong() != checkpoint.treeSize()
                    || !MerkleProofs.verifyInclusion(leafIndex, checkpoint.treeSize(), leafHash, path,
                    checkpoint.rootHash())) {
                return failed("the proof does not lead from the leaf to the checkpoint's root");
            }
            if (options.containsKey("event")) {
                StoredEventRow event = fromJson(JSON.readTree(Files.readString(Path.of(one(options, "event")),
                        StandardCharsets.UTF_8)));
                if (!event.eventId().equals(proof.get("eventId").asString())
                        || event.globalIndex() != proof.get("position").asLong()
                        || !java.util.Arrays.equals(event.leafHash(), leafHash)) {
                    return failed("the event's stored bytes are not the proven leaf");
                }
            }
            out.println("OK inclusion: event " + proof.get("eventId").asString() + " at position "
                    + proof.get("position").asLong() + " is leaf " + leafIndex + " of the " + checkpoint.treeSize()
                    + " events signed at " + checkpoint.issuedAt() + " by key " + checkpoint.keyId());
            return 0;
        }
        if (kind.equals("consistency")) {
            Checkpoint first = CheckpointJson.fromJson(proof.get("from"));
            Checkpoint second = CheckpointJson.fromJson(proof.get("to"));
            if (!signed(first, keys) || !signed(second, keys)) {
                return failed("a checkpoint's signature does not verify with the given public keys");
            }
            if (!MerkleProofs.verifyConsistency(first.treeSize(), second.treeSize(), first.rootHash(),
                    second.rootHash(), path)) {
                return failed("the tree of " + second.treeSize() + " events does not extend the tree of "
                        + first.treeSize() + " unchanged");
            }
            out.println("OK consistency: the " + second.treeSize() + " events signed at " + second.issuedAt()
                    + " begin with the " + first.treeSize() + " events signed at " + first.issuedAt() + ", unchanged");
            return 0;
        }
        throw new IllegalArgumentException("the proof file's kind is neither inclusion nor consistency");
    }

    private int report(LedgerVerifier.Report report) {
        report.discrepancies().forEach(d -> out.println(d.toString()));
        if (report.clean()) {
            out.println("CLEAN: " + report.sealedLeaves() + " sealed events and " + report.checkpointsVerified()
                    + " signed checkpoints verified; " + report.unsealedEvents() + " events not yet sealed");
            return 0;
        }
        out.println(report.discrepancies().size() + " discrepancies (" + report.discrepancies().stream()
                .map(Discrepancy::kind).distinct().map(Enum::name).reduce((a, b) -> a + ", " + b).orElse("") + ")");
        return 1;
    }

    private int failed(String reason) {
        out.println("FAILED: " + reason);
        return 1;
    }

    private static boolean signed(Checkpoint checkpoint, List<PublicKey> keys) {
        return keys.stream().anyMatch(key -> LedgerKeys.keyId(key).equals(checkpoint.keyId())
                && checkpoint.verifiesWith(key));
    }

    private static Connection connect(Map<String, List<String>> options) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", options.getOrDefault("user", List.of("quanli")).get(0));
        String password = options.containsKey("password") ? one(options, "password")
                : System.getenv("QUANLI_VERIFY_PASSWORD");
        if (password != null) {
            properties.setProperty("password", password);
        }
        // Named so that the sealer does not wait for this long read-only session at a gap.
        properties.setProperty("ApplicationName", LedgerSealer.VERIFIER_APPLICATION_NAME);
        return DriverManager.getConnection(one(options, "jdbc-url"), properties);
    }

    private static List<PublicKey> keys(Map<String, List<String>> options) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        for (String file : options.getOrDefault("public-key", List.of())) {
            keys.add(LedgerKeys.readPublicKey(Files.readString(Path.of(file), StandardCharsets.US_ASCII)));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("--public-key is required: the key you trust, not one the database says");
        }
        return keys;
    }

    static Map<String, Object> toJson(StoredEventRow row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("globalIndex", row.globalIndex());
        json.put("eventId", row.eventId());
        json.put("aggregateId", row.aggregateId());
        json.put("sequenceNumber", row.sequenceNumber());
        json.put("type", row.type());
        json.put("timeStamp", row.timeStamp());
        json.put("payloadType", row.payloadType());
        json.put("payloadRevision", row.payloadRevision());
        json.put("payload", row.payload() == null ? null : CheckpointJson.base64(row.payload()));
        json.put("metaData", row.metaData() == null ? null : CheckpointJson.base64(row.metaData()));
        return json;
    }

    static StoredEventRow fromJson(JsonNode json) {
        return new StoredEventRow(json.get("globalIndex").asLong(), text(json, "eventId"), text(json, "aggregateId"),
                json.get("sequenceNumber").asLong(), text(json, "type"), text(json, "timeStamp"),
                text(json, "payloadType"), text(json, "payloadRevision"), bytes(json, "payload"),
                bytes(json, "metaData"));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static byte[] bytes(JsonNode json, String field) {
        String value = text(json, field);
        return value == null ? null : CheckpointJson.bytes(value);
    }

    private static Map<String, List<String>> options(String[] args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
        }
        return options;
    }

    private static String one(Map<String, List<String>> options, String name) {
        List<String> values = options.get(name);
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return values.get(0);
    }
}
