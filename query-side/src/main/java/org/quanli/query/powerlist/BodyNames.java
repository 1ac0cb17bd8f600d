package org.quanli.query.powerlist;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bodies named in stored descriptions by a placeholder, filled in when the description is read: with the body's
 * current name and its code, or the code alone for a body the places projection does not know (yet). The placeholder
 * is delimited by control characters, which no text a client sends may contain (ControlCharacterCheck), so a reason
 * or an opinion can never pass for one.
 */
final class BodyNames {

    private static final Pattern PLACEHOLDER = Pattern.compile("\u0001body:([^\u0002]+)\u0002");

    private BodyNames() {
    }

    static String placeholder(String bodyId) {
        return "\u0001body:" + bodyId + "\u0002";
    }

    /** The descriptions with every placeholder filled, the names read in one query. */
    static List<String> fill(JdbcClient jdbc, List<String> descriptions) {
        Set<String> ids = new LinkedHashSet<>();
        for (String description : descriptions) {
            Matcher matcher = PLACEHOLDER.matcher(description);
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        if (ids.isEmpty()) {
            return descriptions;
        }
        Map<String, String> names = jdbc.sql("select body_id, name from body_view where body_id = any(?)")
                .param(ids.toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return descriptions.stream().map(description -> PLACEHOLDER.matcher(description).replaceAll(match -> {
            String id = match.group(1);
            String name = names.get(id);
            return Matcher.quoteReplacement(name == null ? id : name + "(" + id + ")");
        })).toList();
    }
}
