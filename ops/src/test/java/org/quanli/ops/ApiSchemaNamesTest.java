package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.media.Schema;
import org.junit.jupiter.api.Test;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document names every request and response class of both sides by a schema name of its own: two classes
 * under one name are merged into one schema, and a client is then told to send the wrong body.
 */
@SpringBootTest(classes = QuanliLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class ApiSchemaNamesTest {

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    Map<String, RequestMappingHandlerMapping> mappings;

    @Test
    void noTwoRequestOrResponseClassesShareASchemaName() {
        Map<String, Set<String>> classesByName = new TreeMap<>();
        for (Class<?> type : apiClasses()) {
            classesByName.computeIfAbsent(schemaName(type), n -> new TreeSet<>()).add(type.getName());
        }
        assertThat(classesByName).isNotEmpty();
        assertThat(classesByName.entrySet()).filteredOn(e -> e.getValue().size() > 1).as("schema names shared")
                .isEmpty();
    }

    @Test
    void aCaseDecisionIsDocumentedWithTheCaseDecisionsBodyNotTheDelegations() {
        JsonNode docs = ApiClient.anonymous(port, tokens).get("/v3/api-docs").json();
        String caseRef = requestSchema(docs, "/api/cases/{caseId}/decision");
        String delegationRef = requestSchema(docs, "/api/delegations");
        assertThat(caseRef).isNotEqualTo(delegationRef);
        JsonNode caseDecision = docs.get("components").get("schemas").get(caseRef.substring(caseRef.lastIndexOf('/') + 1));
        assertThat(caseDecision.get("properties").propertyNames()).containsExactlyInAnyOrder("granted", "reasons",
                "decidedOn");
    }

    @Test
    void swaggerUiIsServedBesideTheApiDocs() {
        // Boot's resource chain is off (quanli-platform-defaults.yml); springdoc serves its UI with its own resolvers.
        ApiClient.Response ui = ApiClient.anonymous(port, tokens).get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    private static String requestSchema(JsonNode docs, String path) {
        return docs.get("paths").get(path).get("post").get("requestBody").get("content").get("application/json")
                .get("schema").get("$ref").asString();
    }

    private static String schemaName(Class<?> type) {
        Schema schema = type.getAnnotation(Schema.class);
        return schema != null && !schema.name().isEmpty() ? schema.name() : type.getSimpleName();
    }

    /** The ledger's own classes that request bodies and answers are made of, reached through their properties. */
    private Set<Class<?>> apiClasses() {
        Deque<ResolvableType> pending = new ArrayDeque<>();
        for (RequestMappingHandlerMapping mapping : mappings.values()) {
            for (HandlerMethod method : mapping.getHandlerMethods().values()) {
                if (!method.getBeanType().getName().startsWith("org.quanli.")) {
                    continue;
                }
                for (MethodParameter parameter : method.getMethodParameters()) {
                    if (parameter.hasParameterAnnotation(RequestBody.class)) {
                        pending.add(ResolvableType.forMethodParameter(parameter));
                    }
                }
                pending.add(ResolvableType.forMethodReturnType(method.getMethod()));
            }
        }
        Set<Class<?>> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            ResolvableType type = pending.pop();
            for (ResolvableType generic : type.getGenerics()) {
                pending.add(generic);
            }
            if (type.isArray()) {
                pending.add(type.getComponentType());
            }
            Class<?> raw = type.resolve();
            if (raw == null || !raw.getName().startsWith("org.quanli.") || !seen.add(raw)) {
                continue;
            }
            if (raw.isRecord()) {
                for (RecordComponent component : raw.getRecordComponents()) {
                    pending.add(ResolvableType.forType(component.getGenericType()));
                }
            } else if (!raw.isEnum()) {
                for (Field field : raw.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        pending.add(ResolvableType.forField(field));
                    }
                }
            }
        }
        return seen;
    }
}
