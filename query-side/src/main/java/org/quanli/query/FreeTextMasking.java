package org.quanli.query;

import java.util.Map;
import java.util.regex.Pattern;

import org.quanli.kernel.cases.PersonalNumbers;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.CurrentActor;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Identity-card and mobile numbers someone typed into free text (a material's name, an opinion, a reason) are masked
 * in every JSON answer of the query side, in one place, as {@link PersonalNumbers} says. Only a window officer, who
 * handles the applicant's identity anyway and sees nothing but the own body's cases, and likewise the complaint
 * reception and handler for the complaints of their own body, read them as written; a user
 * who is also an auditor or reform office reads as a supervisor, masked, as the case endpoints do. Identifiers and
 * codes the ledger issues or validates (fields named …Id, …Code) are never free text and are left alone.
 */
@RestControllerAdvice(basePackages = "org.quanli.query")
class FreeTextMasking implements ResponseBodyAdvice<Object> {

    private static final Pattern IDENTIFIER = Pattern.compile("(?:.*(?:Id|Ids|Code|Codes)|id)");

    private final CurrentActor currentActor;
    private final JsonMapper json;

    FreeTextMasking(CurrentActor currentActor, JsonMapper json) {
        this.currentActor = currentActor;
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJacksonHttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        // A problem answers the caller's own request; its shape comes from Spring's problem mix-in, kept as it is.
        if (body == null || body instanceof ProblemDetail || readsAsWritten()) {
            return body;
        }
        JsonNode tree = json.valueToTree(body);
        return mask(tree);
    }

    private boolean readsAsWritten() {
        return currentActor.holdsAny(Role.WINDOW_OFFICER, Role.COMPLAINT_RECEPTION, Role.COMPLAINT_HANDLER)
                && !currentActor.holdsAny(Role.AUDITOR, Role.REFORM_OFFICE, Role.SUPERVISION_OFFICE);
    }

    private static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (!IDENTIFIER.matcher(field.getKey()).matches()) {
                    field.setValue(mask(field.getValue()));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, mask(array.get(i)));
            }
        } else if (node.isString()) {
            String text = node.asString();
            String masked = PersonalNumbers.mask(text);
            if (!masked.equals(text)) {
                return tools.jackson.databind.node.StringNode.valueOf(masked);
            }
        }
        return node;
    }
}
