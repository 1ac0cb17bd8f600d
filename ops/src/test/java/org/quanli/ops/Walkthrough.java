package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.quanli.kernel.identity.Role;
import org.quanli.testing.ApiClient;

/** The README walkthrough as code: Deyang registers itself, and one item goes from draft to the public list. */
final class Walkthrough {

    static final String SICHUAN = "510000";
    static final String DEYANG = "510600";
    static final String MARKET_BUREAU = "11510600008654321B";
    static final String JUSTICE_BUREAU = "115106000086543382";
    static final String REFORM_OFFICE = "11510600008654346W";

    final ApiClient admin;
    final ApiClient clerk;
    final ApiClient reviewer;
    final ApiClient reform;

    Walkthrough(ApiClient anonymous) {
        admin = anonymous.as("admin", Role.ADMINISTRATOR, null);
        clerk = anonymous.as("clerk", Role.BODY_CLERK, MARKET_BUREAU);
        reviewer = anonymous.as("reviewer", Role.LEGAL_REVIEWER, JUSTICE_BUREAU);
        reform = anonymous.as("reform", Role.REFORM_OFFICE, REFORM_OFFICE);
    }

    /** Registers Deyang; test classes sharing one application may have done so already, which is fine. */
    void registerPlaces() {
        registerOnce("/api/jurisdictions", Map.of("code", SICHUAN, "name", "四川省", "level", "PROVINCE"));
        registerOnce("/api/jurisdictions", Map.of("code", DEYANG, "name", "德阳市", "level", "CITY",
                "parentCode", SICHUAN));
        for (var body : Map.of(MARKET_BUREAU, "德阳市市场监督管理局", JUSTICE_BUREAU, "德阳市司法局",
                REFORM_OFFICE, "中共德阳市委机构编制委员会办公室").entrySet()) {
            registerOnce("/api/bodies", Map.of("creditCode", body.getKey(), "name", body.getValue(),
                    "jurisdictionCode", DEYANG, "nature", "STATUTORY_ORGAN", "administrativeSubject", true));
        }
    }

    private void registerOnce(String path, Map<String, Object> body) {
        var response = admin.post(path, body);
        assertThat(response.status()).as(response.body()).isIn(201, 409);
    }

    /** The market bureau's licence under the food safety law, by name. */
    static Map<String, Object> itemContent(String name) {
        return Map.of("bodyId", MARKET_BUREAU, "name", name, "type", "LICENCE",
                "legalBases", List.of(Map.of("kind", "LAW", "title", "《中华人民共和国食品安全法》", "article", "第三十五条")),
                "legalLimitDays", 20, "promisedLimitDays", 10);
    }

    /** Drafts an item of the market bureau; returns its id. */
    String draftItem(String name) {
        var drafted = clerk.post("/api/items", itemContent(name));
        expect(201, drafted);
        return drafted.json().get("itemId").asString();
    }

    /** Drafts, submits, approves and publishes an item; returns its id. */
    String publishItem(String name, String documentNumber, String effectiveDate) {
        String itemId = draftItem(name);
        expect(204, clerk.post("/api/items/" + itemId + "/submit", Map.of()));
        expect(204, reviewer.post("/api/items/" + itemId + "/approve", Map.of("opinion", "设定依据准确,同意")));
        expect(204, reform.post("/api/items/" + itemId + "/publish", Map.of("documentNumber", documentNumber,
                "effectiveDate", effectiveDate)));
        return itemId;
    }

    static void expect(int status, ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
    }
}
