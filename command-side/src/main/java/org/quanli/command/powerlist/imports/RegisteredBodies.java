package org.quanli.command.powerlist.imports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.quanli.kernel.places.JurisdictionLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The registered bodies a file names, by credit code or by name, read in a few queries for the whole file. It reads
 * the command side's place directory table directly and only reads it: the directory's interface offers no lookup
 * by name.
 */
@Component
class RegisteredBodies {

    private static final int CHUNK = 1000;

    private final JdbcClient jdbc;

    RegisteredBodies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Body(String bodyId, String name, String jurisdictionCode, JurisdictionLevel level) {
    }

    /** The bodies found, keyed by credit code; and every body bearing each of the names, keyed by name. */
    record Found(Map<String, Body> byCode, Map<String, List<Body>> byName) {
    }

    Found find(Collection<String> codes, Collection<String> names) {
        Map<String, Body> byCode = new HashMap<>();
        Map<String, List<Body>> byName = new HashMap<>();
        for (List<String> chunk : chunks(codes)) {
            query("body_id", chunk).forEach(b -> byCode.put(b.bodyId(), b));
        }
        for (List<String> chunk : chunks(names)) {
            query("name", chunk).forEach(b -> byName.computeIfAbsent(b.name(), n -> new ArrayList<>()).add(b));
        }
        return new Found(byCode, byName);
    }

    private List<Body> query(String column, List<String> values) {
        return jdbc.sql("select b.body_id, b.name, b.jurisdiction_code, j.level from place_directory_body b"
                        + " join place_directory_jurisdiction j on j.code = b.jurisdiction_code where b." + column
                        + " in (:values) order by b.body_id")
                .param("values", values)
                .query((rs, n) -> new Body(rs.getString(1), rs.getString(2), rs.getString(3),
                        JurisdictionLevel.valueOf(rs.getString(4))))
                .list();
    }

    private static List<List<String>> chunks(Collection<String> values) {
        List<String> all = values.stream().distinct().toList();
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }
}
