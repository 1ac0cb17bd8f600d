package org.quanli.platform.integrity;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Everything the event store keeps for one event, as stored, and its canonical encoding: the bytes a leaf hashes.
 * The encoding (README, "Proof that the record is unaltered") is, in this order: the format version byte 0x01; the
 * global index and then, after the event id and aggregate id, the sequence number, each as 8-byte big-endian signed
 * integers; every other field as a 4-byte big-endian length and its bytes (text in UTF-8), a NULL as the length
 * 0xFFFFFFFF and no bytes.
 */
public record StoredEventRow(long globalIndex, String eventId, String aggregateId, long sequenceNumber, String type,
                             String timeStamp, String payloadType, String payloadRevision, byte[] payload,
                             byte[] metaData) {

    /** The columns {@link #from(ResultSet)} reads, for a {@code select} from {@code domain_event_entry}. */
    public static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type, "
            + "time_stamp, payload_type, payload_revision, payload, meta_data";

    static final byte FORMAT_VERSION = 0x01;

    public static StoredEventRow from(ResultSet rs) throws SQLException {
        return new StoredEventRow(rs.getLong("global_index"), rs.getString("event_identifier"),
                rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), rs.getString("type"),
                rs.getString("time_stamp"), rs.getString("payload_type"), rs.getString("payload_revision"),
                rs.getBytes("payload"), rs.getBytes("meta_data"));
    }

    public byte[] canonicalEncoding() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + length(payload) + length(metaData));
        out.write(FORMAT_VERSION);
        long64(out, globalIndex);
        field(out, text(eventId));
        field(out, text(aggregateId));
        long64(out, sequenceNumber);
        field(out, text(type));
        field(out, text(timeStamp));
        field(out, text(payloadType));
        field(out, text(payloadRevision));
        field(out, payload);
        field(out, metaData);
        return out.toByteArray();
    }

    public byte[] leafHash() {
        return MerkleHashes.leafHash(canonicalEncoding());
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static byte[] text(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static void long64(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            out.writeBytes(bytes);
        }
    }
}
