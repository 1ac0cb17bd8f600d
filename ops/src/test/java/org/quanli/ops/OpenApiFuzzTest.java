package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks the OpenAPI document and sends every operation malformed values, one at a time, as a user of a role that may
 * call it: wrong types, control characters, extreme numbers and dates, huge strings, missing fields and broken JSON.
 * Nothing may answer 5xx, a refused request may write no event, and afterwards every projection has caught up with
 * nothing newly parked. Bounded: a fixed seed and at most {@value #PER_OPERATION} requests per operation.
 */
@SpringBootTest(classes = QuanliLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class OpenApiFuzzTest {

    private static final long SEED = 20_261_204L;
    private static final int PER_OPERATION = 16;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");
    /** The demo users' bodies (quanli.demo.users), so that a role's token names the body it works in. */
    private static final Map<Role, String> BODIES = Map.of(Role.BODY_CLERK, Walkthrough.MARKET_BUREAU,
            Role.LEGAL_REVIEWER, Walkthrough.JUSTICE_BUREAU, Role.REFORM_OFFICE, Walkthrough.REFORM_OFFICE,
            Role.WINDOW_OFFICER, "11510600008654354P", Role.AUDITOR, "11510600008654362J",
            Role.COMPLAINT_RECEPTION, "11510600008654354P", Role.COMPLAINT_HANDLER, Walkthrough.MARKET_BUREAU,
            Role.SUPERVISION_OFFICE, "11510600008654370D");

    /** Malformed JSON values, as raw JSON text. */
    private static final List<String> VALUES = List.of(
            "\"a\\u0000b\"", "\"\\u001b[31m红\\u0007\"", "\"\\u0085\\u009f\"", "\"" + "权".repeat(70_000) + "\"",
            "\"\"", "\"   \"", "123", "-1", "0", "2147483648", "-9223372036854775809", "99999999999999999999999",
            "1e308", "-1.5", "true", "{}", "[]", "[null]", "null", "\"x\"",
            "\"+999999999-12-31\"", "\"-999999999-01-01\"", "\"2024-02-30\"", "\"0000-01-01\"", "\"9999-12-31\"",
            "\"2024-13-01T25:61:00Z\"", "\"../../etc/passwd\"", "\"' or 1=1 --\"", "\"<script>\"");
    /** Malformed parameter values, URL-encoded as a client would send them (or not). */
    private static final List<String> PARAMETERS = List.of("%00", "a%07b", "%C2%85", "x", "-1", "0",
            "2147483648", "99999999999999999999", "1e308", "%2B999999999-12-31", "-999999999-01-01", "2024-02-30",
            "9999-12-31", "true", "%5B%5D", "%27%20or%201%3D1", "a".repeat(5_000), "");
    private static final List<String> PATHS = List.of("x", "%00", "a%07b", "%C2%85", "..", "-1",
            "99999999999999999999", "%2B999999999-12-31", "a".repeat(3_000));
    private static final List<String> BODIES_WHOLE = List.of("", "{", "[]", "null", "{}", "\"x\"", "[{}]",
            "{\"\\u0000\": 1}", "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}");

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcClient jdbc;

    private JsonNode document;
    private String itemId;
    private int sent;
    private final List<String> failures = new ArrayList<>();
    private final Set<String> refusedWriters = new HashSet<>();

    private record Call(String method, String path, String query, String body, String what) {
    }

    @Test
    void malformedValuesOnEveryEndpointGetNo5xxAndARefusedRequestWritesNothing() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        Walkthrough walkthrough = new Walkthrough(anonymous);
        walkthrough.registerPlaces();
        itemId = walkthrough.publishItem("食品经营许可", "德府发〔2013〕24号", "2013-07-01");
        ApiClient admin = anonymous.as("admin", Role.ADMINISTRATOR, null);
        long parkedBefore = parked();
        document = admin.get("/v3/api-docs").json();
        Random random = new Random(SEED);

        int operations = 0;
        for (String path : new TreeSet<>(names(document.get("paths")))) {
            JsonNode item = document.get("paths").get(path);
            for (String method : new TreeSet<>(names(item))) {
                if (!Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    continue;
                }
                operations++;
                JsonNode operation = item.get(method);
                List<Role> roles = roles(operation, path);
                List<Call> calls = calls(method, path, operation, random);
                Collections.shuffle(calls, random);
                for (Call call : calls.subList(0, Math.min(PER_OPERATION, calls.size()))) {
                    send(call, roles.isEmpty() ? null : roles.get(random.nextInt(roles.size())));
                }
            }
        }

        assertThat(operations).as("operations in the OpenAPI document").isGreaterThan(50);
        assertThat(sent).isBetween(1_000, 4_000);
        assertThat(failures).as("5xx answers").isEmpty();
        List<String> writers = jdbc.sql("select distinct convert_from(meta_data, 'UTF8')::jsonb ->> 'actorUserId' "
                + "from domain_event_entry where convert_from(meta_data, 'UTF8')::jsonb ->> 'actorUserId' like 'fuzz-%'")
                .query(String.class).list();
        assertThat(writers).as("refused requests that wrote events").doesNotContainAnyElementsOf(refusedWriters);

        // Whatever was accepted, every projection takes it in: caught up, nothing failing, nothing newly parked.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            CaughtUp.everyStreamingProjection(admin);
            for (JsonNode projection : admin.get("/api/admin/projections").json()) {
                if (projection.get("kind").asString().equals("streaming")) {
                    projection.get("segments").forEach(segment ->
                            assertThat(segment.get("erroring").asBoolean()).as(projection.toString()).isFalse());
                }
            }
        });
        assertThat(parked()).as("events parked by the fuzzed requests").isEqualTo(parkedBefore);
    }

    private long parked() {
        return jdbc.sql("select count(*) from dead_letter_entry").query(Long.class).single();
    }

    // --- one request -----------------------------------------------------------------------------------------------

    private void send(Call call, Role role) {
        String user = "fuzz-" + (++sent);
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .uri(URI.create("http://localhost:" + port + call.path() + (call.query().isEmpty() ? "" : "?" + call.query())))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, */*");
        if (role != null) {
            request.header("Authorization", "Bearer " + tokens.issue(user, "模糊测试", List.of(role.name()),
                    BODIES.get(role)));
        }
        HttpRequest.BodyPublisher body = call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8);
        if (call.body() != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(call.method().toUpperCase(Locale.ROOT), body);
        int status;
        String answer;
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            answer = response.body();
        } catch (IllegalArgumentException e) {
            return; // a URI the client itself refuses to send
        } catch (Exception e) {
            failures.add(call.method() + " " + call.path() + " (" + call.what() + "): no answer: " + e);
            return;
        }
        if (status >= 500) {
            failures.add(status + " " + call.method().toUpperCase(Locale.ROOT) + " " + call.path() + "?"
                    + abbreviate(call.query()) + " (" + call.what() + ") body " + abbreviate(call.body()) + " -> "
                    + abbreviate(answer));
        } else if (status >= 400 && WRITES.contains(call.method())) {
            refusedWriters.add(user);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    // --- what to send --------------------------------------------------------------------------------------------

    private List<Call> calls(String method, String path, JsonNode operation, Random random) {
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> queryValues = new LinkedHashMap<>();
        Map<String, JsonNode> querySchemas = new LinkedHashMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.get("name").asString();
            JsonNode schema = resolve(parameter.path("schema"));
            if (parameter.get("in").asString().equals("path")) {
                pathValues.put(name, encode(plausible(name, schema).asString()));
            } else if (parameter.get("in").asString().equals("query")) {
                querySchemas.put(name, schema);
                if (parameter.path("required").asBoolean(false)) {
                    queryValues.put(name, encode(text(plausible(name, schema))));
                }
            }
        }
        JsonNode bodySchema = resolve(operation.path("requestBody").path("content").path("application/json")
                .path("schema"));
        String body = bodySchema.isMissingNode() ? null : JSON.writeValueAsString(plausible("body", bodySchema));

        List<Call> calls = new ArrayList<>();
        String plainPath = fill(path, pathValues);
        String plainQuery = query(queryValues);
        for (String variable : pathValues.keySet()) {
            for (String value : PATHS) {
                Map<String, String> changed = new LinkedHashMap<>(pathValues);
                changed.put(variable, value);
                calls.add(new Call(method, fill(path, changed), plainQuery, body, "path " + variable + "=" + abbreviate(value)));
            }
        }
        for (String parameter : querySchemas.keySet()) {
            for (String value : PARAMETERS) {
                Map<String, String> changed = new LinkedHashMap<>(queryValues);
                changed.put(parameter, value);
                calls.add(new Call(method, plainPath, query(changed), body, "query " + parameter + "=" + abbreviate(value)));
            }
            Map<String, String> missing = new LinkedHashMap<>(queryValues);
            missing.remove(parameter);
            calls.add(new Call(method, plainPath, query(missing), body, "query " + parameter + " missing"));
        }
        calls.add(new Call(method, plainPath, plainQuery + (plainQuery.isEmpty() ? "" : "&") + "extra%00=%00", body,
                "unknown parameter with control characters"));
        if (body != null) {
            for (String whole : BODIES_WHOLE) {
                calls.add(new Call(method, plainPath, plainQuery, whole, "body " + abbreviate(whole)));
            }
            List<String> fields = new ArrayList<>();
            collectFields(JSON.readTree(body), "", fields);
            for (String field : fields) {
                for (String value : VALUES) {
                    calls.add(new Call(method, plainPath, plainQuery, replaced(body, field, value),
                            "field " + field + "=" + abbreviate(value)));
                }
                calls.add(new Call(method, plainPath, plainQuery, replaced(body, field, null), "field " + field + " missing"));
            }
        }
        return calls;
    }

    /** The JSON paths (a.b[0].c) of every value in a body, objects and arrays included. */
    private static void collectFields(JsonNode node, String path, List<String> fields) {
        if (node.isObject()) {
            for (String name : names(node)) {
                String child = path.isEmpty() ? name : path + "." + name;
                fields.add(child);
                collectFields(node.get(name), child, fields);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            fields.add(path + "[0]");
            collectFields(node.get(0), path + "[0]", fields);
        }
    }

    /** The body with the value at a path replaced by raw JSON text, or removed (null). */
    private static String replaced(String body, String field, String rawValue) {
        JsonNode root = JSON.readTree(body);
        JsonNode parent = root;
        String[] steps = field.replace("[0]", ".[0]").split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = steps[i].equals("[0]") ? parent.get(0) : parent.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        String marker = "\"__fuzz_value__\"";
        if (last.equals("[0]")) {
            if (rawValue == null) {
                ((ArrayNode) parent).remove(0);
            } else {
                ((ArrayNode) parent).set(0, NODES.stringNode("__fuzz_value__"));
            }
        } else if (rawValue == null) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).put(last, "__fuzz_value__");
        }
        String text = JSON.writeValueAsString(root);
        return rawValue == null ? text : text.replace(marker, rawValue);
    }

    /** A value the schema would take, with the ids of the ledger's own places and item where a name says so. */
    private JsonNode plausible(String name, JsonNode schema) {
        schema = resolve(schema);
        String lower = name.toLowerCase(Locale.ROOT);
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String type = type(schema);
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                for (String property : names(schema.path("properties"))) {
                    object.set(property, plausible(property, schema.get("properties").get(property)));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(plausible(name.endsWith("s") ? name.substring(0, name.length() - 1) : name,
                        schema.path("items")));
                return array;
            }
            case "integer", "number" -> {
                return NODES.numberNode(lower.contains("page") && !lower.contains("size") ? 0 : 1);
            }
            case "boolean" -> {
                return NODES.booleanNode(false);
            }
            default -> {
                String format = schema.path("format").asString("");
                if (format.equals("date")) {
                    return NODES.stringNode("2024-03-01");
                }
                if (format.equals("date-time")) {
                    return NODES.stringNode("2024-03-01T08:00:00Z");
                }
                if (lower.contains("item")) {
                    return NODES.stringNode(itemId);
                }
                if (lower.contains("body") || lower.contains("creditcode")) {
                    return NODES.stringNode(Walkthrough.MARKET_BUREAU);
                }
                if (lower.contains("jurisdiction") || lower.equals("code") || lower.contains("parentcode")) {
                    return NODES.stringNode(Walkthrough.DEYANG);
                }
                return NODES.stringNode("测试");
            }
        }
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }

    private JsonNode resolve(JsonNode schema) {
        for (int depth = 0; depth < 10; depth++) {
            if (schema.has("$ref")) {
                String ref = schema.get("$ref").asString();
                schema = document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
            } else if (schema.has("allOf") && schema.get("allOf").size() == 1) {
                schema = schema.get("allOf").get(0);
            } else if (schema.has("oneOf")) {
                schema = schema.get("oneOf").get(0);
            } else {
                return schema;
            }
        }
        return schema;
    }

    /** The roles the operation's summary names; a case's steps are the window officer's. */
    private static List<Role> roles(JsonNode operation, String path) {
        String summary = operation.path("summary").asString("").toLowerCase(Locale.ROOT);
        if (summary.contains("(anonymous")) {
            return List.of();
        }
        List<Role> roles = new ArrayList<>();
        if (summary.contains("administrator")) {
            roles.add(Role.ADMINISTRATOR);
        }
        if (summary.contains("reform office")) {
            roles.add(Role.REFORM_OFFICE);
        }
        if (summary.contains("clerk")) {
            roles.add(Role.BODY_CLERK);
        }
        if (summary.contains("legal reviewer")) {
            roles.add(Role.LEGAL_REVIEWER);
        }
        if (summary.contains("auditor")) {
            roles.add(Role.AUDITOR);
        }
        if (summary.contains("window") || summary.contains("handling body")) {
            roles.add(Role.WINDOW_OFFICER);
        }
        if (summary.contains("reception")) {
            roles.add(Role.COMPLAINT_RECEPTION);
        }
        if (summary.contains("supervision office")) {
            roles.add(Role.SUPERVISION_OFFICE);
        }
        if (summary.contains("complaint handler")) {
            roles.add(Role.COMPLAINT_HANDLER);
        }
        if (roles.isEmpty()) {
            roles.add(path.startsWith("/api/cases") || path.startsWith("/api/joint-approvals") ? Role.WINDOW_OFFICER
                    : summary.contains("signed-in") ? Role.BODY_CLERK : Role.ADMINISTRATOR);
        }
        return roles;
    }

    private static String fill(String path, Map<String, String> values) {
        String filled = path;
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace("{" + value.getKey() + "}", value.getValue());
        }
        return filled;
    }

    private static String query(Map<String, String> values) {
        StringBuilder query = new StringBuilder();
        values.forEach((name, value) -> query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(value));
        return query.toString();
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
