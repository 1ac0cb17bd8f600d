package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quanli.ops.Walkthrough.expect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.testing.ApiClient;

/**
 * A city's offices as the delegation tests drive them over HTTP: the administrator registers places, departments
 * draft items that the legal office approves and the reform office publishes, and anyone reads lists.
 */
final class CityOffices {

    final ApiClient anonymous;
    final ApiClient admin;
    final ApiClient reform;
    final ApiClient reviewer;

    CityOffices(ApiClient anonymous, String reformOffice, String legalOffice) {
        this.anonymous = anonymous;
        admin = anonymous.as("admin", Role.ADMINISTRATOR, null);
        reform = anonymous.as("reform-" + reformOffice, Role.REFORM_OFFICE, reformOffice);
        reviewer = anonymous.as("legal-" + legalOffice, Role.LEGAL_REVIEWER, legalOffice);
    }

    /** A unified social credit code from its first 17 characters. */
    static String creditCode(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    /** Registers a jurisdiction; test classes sharing one application may have done so already, which is fine. */
    void jurisdiction(String code, String name, String level, String parentCode) {
        registerOnce("/api/jurisdictions", parentCode == null ? Map.of("code", code, "name", name, "level", level)
                : Map.of("code", code, "name", name, "level", level, "parentCode", parentCode));
    }

    void body(String bodyId, String name, String jurisdiction) {
        registerOnce("/api/bodies", Map.of("creditCode", bodyId, "name", name, "jurisdictionCode", jurisdiction,
                "nature", "STATUTORY_ORGAN", "administrativeSubject", true));
    }

    private void registerOnce(String path, Map<String, Object> body) {
        var response = admin.post(path, body);
        assertThat(response.status()).as(response.body()).isIn(201, 409);
    }

    /** Drafted by the body's clerk, approved by the legal office, published by the reform office; returns its id. */
    String publish(String bodyId, String name, String type, String documentNumber, String effectiveDate) {
        ApiClient clerk = anonymous.as("clerk-" + bodyId, Role.BODY_CLERK, bodyId);
        var drafted = clerk.post("/api/items", Map.of("bodyId", bodyId, "name", name, "type", type,
                "legalBases", List.of(Map.of("kind", "LAW", "title", "《中华人民共和国行政许可法》", "article", "第十二条")),
                "legalLimitDays", 20, "promisedLimitDays", 10));
        expect(201, drafted);
        String itemId = drafted.json().get("itemId").asString();
        expect(204, clerk.post("/api/items/" + itemId + "/submit", Map.of()));
        expect(204, reviewer.post("/api/items/" + itemId + "/approve", Map.of("opinion", "同意")));
        expect(204, reform.post("/api/items/" + itemId + "/publish", Map.of("documentNumber", documentNumber,
                "effectiveDate", effectiveDate)));
        return itemId;
    }

    /** The ids of the items a paged list answers, read as anyone. */
    List<String> itemIds(String path) {
        var response = anonymous.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("items").forEach(i -> ids.add(i.get("itemId").asString()));
        return ids;
    }
}
