package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.powerlist.PowerListQueries.ItemRegister;
import org.quanli.kernel.powerlist.PowerListQueries.ItemRegisterQuery;
import org.quanli.kernel.powerlist.ReviewStatus;

/** The register of items in every state, filtered by list status, review status, type and name. */
class ItemRegisterTest extends ProjectionTestSupport {

    private ItemRegister register(String body, ListStatus list, ReviewStatus review, ItemType type, String text) {
        return queries.ask(new ItemRegisterQuery(null, body, list, review, type, text, 0, 50), ItemRegister.class);
    }

    @Test
    void theRegisterFindsItemsByTheirStateTypeAndName() {
        String city = events.jurisdiction("台账市");
        String body = events.body(city, "台账局");
        var inForce = events.published(body, city, content("台账许可甲", ItemType.LICENCE, 20, 10),
                decision("台府发〔2014〕1号", "2014-01-01"));
        var suspended = events.published(body, city, content("台账处罚乙", ItemType.PENALTY, 90, 60),
                decision("台府发〔2014〕1号", "2014-01-01")).suspended("暂停执行", decision("台府发〔2016〕2号", "2016-01-01"));
        var draft = events.drafted(body, city, content("台账确认丙", ItemType.CONFIRMATION, 5, 0));
        events.awaitProjected(inForce, suspended, draft);

        assertThat(register(body, null, null, null, null).total()).isEqualTo(3);
        assertThat(register(body, ListStatus.SUSPENDED, null, null, null).items())
                .extracting("itemId").containsExactly(suspended.id);
        assertThat(register(body, ListStatus.UNPUBLISHED, ReviewStatus.DRAFT, null, null).items())
                .extracting("itemId").containsExactly(draft.id);
        // A draft is found by the name and type of its pending content.
        assertThat(register(body, null, null, ItemType.CONFIRMATION, "确认").items())
                .extracting("itemId").containsExactly(draft.id);
        assertThat(register(body, ListStatus.IN_FORCE, null, ItemType.LICENCE, "许可甲").total()).isEqualTo(1);

        var http = anonymous.as("reviewer", Role.LEGAL_REVIEWER, null)
                .get("/api/items/register?body=" + body + "&listStatus=SUSPENDED");
        assertThat(http.status()).isEqualTo(200);
        assertThat(http.json().get("items").get(0).get("itemId").asString()).isEqualTo(suspended.id);
        assertThat(anonymous.get("/api/items/register?body=" + body).status()).isEqualTo(401);
        assertThat(anonymous.as("reviewer", Role.LEGAL_REVIEWER, null)
                .get("/api/items/register?listStatus=GONE").status()).isEqualTo(400);
    }
}
