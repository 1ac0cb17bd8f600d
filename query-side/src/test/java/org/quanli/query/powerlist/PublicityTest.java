package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quanli.query.powerlist.LedgerEvents.FOOD_SAFETY_LAW;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.ItemContent.Publicity;
import org.quanli.query.powerlist.LedgerEvents.Item;
import org.quanli.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/** The portal never shows an item whose content is not public; signed-in users see it on the same lists. */
class PublicityTest extends ProjectionTestSupport {

    @Test
    void anItemThatIsNotPublicIsLeftOutOfEveryPublicAnswerButListedForSignedInUsers() {
        String county = events.jurisdiction("旌阳区");
        String bureau = events.body(county, "旌阳区公安分局");
        ItemContent secret = new ItemContent("涉密技术侦察审批", ItemType.LICENCE, List.of(FOOD_SAFETY_LAW), 20, 10, null,
                null, null, null, null, null, null, null, null, null, null, null, null,
                new Publicity(false, "涉及国家秘密", "旌保密备〔2016〕3号"));
        var listed = decision("旌府发〔2016〕1号", "2016-01-01");
        Item hidden = events.published(bureau, county, secret, listed);
        Item open = events.published(bureau, county, content("户口迁移审批", ItemType.LICENCE, 20, 10), listed);
        // Public until an amendment made it not public in 2019.
        Item withdrawn = events.published(bureau, county, content("爆破作业审批", ItemType.LICENCE, 20, 10), listed)
                .amended(new ItemContent("爆破作业审批", ItemType.LICENCE, List.of(FOOD_SAFETY_LAW), 20, 10, null, null,
                        null, null, null, null, null, null, null, null, null, null, null,
                        new Publicity(false, "涉及安全", "旌保密备〔2019〕1号")), decision("旌府发〔2019〕2号", "2019-01-01"));
        events.awaitProjected(hidden, open, withdrawn);

        assertThat(ids(anonymous.get("/api/public/jurisdictions/" + county + "/items?asOf=2020-01-01").json()))
                .containsExactly(open.id);
        assertThat(ids(anonymous.get("/api/public/bodies/" + bureau + "/items?asOf=2020-01-01").json()))
                .containsExactly(open.id);
        assertThat(ids(anonymous.get("/api/public/jurisdictions/" + county + "/items?asOf=2018-01-01").json()))
                .containsExactlyInAnyOrder(open.id, withdrawn.id);
        assertThat(anonymous.get("/api/public/items/" + hidden.id + "?asOf=2020-01-01").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/public/items/" + open.id + "?asOf=2020-01-01").status()).isEqualTo(200);
        JsonNode publicDiff = anonymous.get("/api/public/jurisdictions/" + county
                        + "/diff?from=2015-12-31&to=2020-01-01")
                .json();
        assertThat(ids(publicDiff.get("added"))).containsExactly(open.id);
        JsonNode sinceWithdrawn = anonymous.get("/api/public/jurisdictions/" + county
                + "/diff?from=2018-12-31&to=2019-01-01").json();
        assertThat(sinceWithdrawn.get("removed").get(0).get("item").get("itemId").asString()).isEqualTo(withdrawn.id);
        assertThat(sinceWithdrawn.get("removed").get(0).get("outcome").asString()).isEqualTo("NOT_PUBLIC");
        assertThat(sinceWithdrawn.get("removed").get(0).get("documentNumber").asString()).isEqualTo("旌府发〔2019〕2号");
        assertThat(sinceWithdrawn.get("changedTotal").asInt()).isZero();

        ApiClient window = anonymous.as("window", Role.WINDOW_OFFICER, null);
        JsonNode full = window.get("/api/items?jurisdiction=" + county + "&asOf=2020-01-01").json();
        assertThat(ids(full)).containsExactlyInAnyOrder(hidden.id, open.id, withdrawn.id);
        assertThat(full.get("total").asInt()).isEqualTo(3);
        assertThat(ids(window.get("/api/items?body=" + bureau + "&asOf=2020-01-01&q=涉密").json()))
                .containsExactly(hidden.id);
        assertThat(anonymous.get("/api/items?jurisdiction=" + county).status()).isEqualTo(401);
    }

    @Test
    void badListParametersAreNamedInA400() {
        String county = events.jurisdiction("罗江区");
        ApiClient clerk = anonymous.as("clerk", Role.BODY_CLERK, null);
        assertThat(field(anonymous.get("/api/public/jurisdictions/" + county + "/items?size=201"))).isEqualTo("size");
        assertThat(field(anonymous.get("/api/public/jurisdictions/" + county + "/items?page=-1"))).isEqualTo("page");
        assertThat(field(anonymous.get("/api/public/jurisdictions/" + county + "/items?level=x"))).isEqualTo("level");
        assertThat(field(anonymous.get("/api/public/jurisdictions/" + county + "/items?knownAt=yesterday")))
                .isEqualTo("knownAt");
        assertThat(field(anonymous.get("/api/public/jurisdictions/" + county + "/items?type=PERMIT")))
                .isEqualTo("type");
        assertThat(field(anonymous.get("/api/public/jurisdictions/" + county + "/items?body=abc"))).isEqualTo("body");
        assertThat(field(anonymous.get("/api/public/jurisdictions/51x/items"))).isEqualTo("code");
        assertThat(field(anonymous.get("/api/public/bodies/abc/items"))).isEqualTo("bodyId");
        assertThat(field(clerk.get("/api/items?jurisdiction=5106"))).isEqualTo("jurisdiction");
        assertThat(clerk.get("/api/items?jurisdiction=" + county + "&type=LICENCE&level=3").status()).isEqualTo(200);
    }

    private static String field(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        return response.json().get("errors").get(0).get("field").asString();
    }

    private static List<String> ids(JsonNode listOrItems) {
        JsonNode items = listOrItems.has("items") ? listOrItems.get("items") : listOrItems;
        List<String> ids = new ArrayList<>();
        for (JsonNode item : items) {
            ids.add(item.get("itemId").asString());
        }
        return ids;
    }
}
