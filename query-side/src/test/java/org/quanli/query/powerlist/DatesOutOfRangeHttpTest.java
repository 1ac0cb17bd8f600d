package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.query.powerlist.LedgerEvents.Item;
import org.quanli.query.testing.CaughtUp;
import org.quanli.testing.ApiClient.Response;

/**
 * A date outside 1900-01-01..2999-12-31 in a query parameter is refused at the edge, naming the parameter and the
 * rule, on every kind of read (a parameter object, a plain parameter, a time); back-filled history inside it reads.
 */
class DatesOutOfRangeHttpTest extends ProjectionTestSupport {

    @Test
    void aDateOutsideTheRangeIs400NamingTheParameterAndTheRule() {
        String county = events.jurisdiction("中江县");
        Item item = published(county, "中江县市场监督管理局", "食品经营许可", "中府发〔2015〕1号", "2015-01-01");

        assertRefused(anonymous.get("/api/public/jurisdictions/" + county + "/items?asOf=%2B999999999-12-31"), "asOf");
        assertRefused(anonymous.get("/api/public/jurisdictions/" + county + "/items?asOf=1899-12-31"), "asOf");
        assertRefused(anonymous.get("/api/public/jurisdictions/" + county + "/items?knownAt=3000-01-01T00:00:00Z"),
                "knownAt");
        assertRefused(anonymous.get("/api/public/items/" + item.id + "?asOf=-0001-01-01"), "asOf");
        assertRefused(anonymous.get("/api/public/jurisdictions/" + county
                + "/delegation-statistics?to=%2B999999999-12-31"), "to");
        assertRefused(anonymous.get("/api/public/jurisdictions/" + county
                + "/delegation-statistics?from=0001-01-01&to=2016-12-31"), "from");

        // The bounds themselves are dates like any other.
        assertThat(anonymous.get("/api/public/jurisdictions/" + county + "/items?asOf=2999-12-31").json()
                .get("items").get(0).get("name").asString()).isEqualTo("食品经营许可");
        assertThat(anonymous.get("/api/public/jurisdictions/" + county + "/items?asOf=1900-01-01").json()
                .get("items")).isEmpty();
        assertThat(anonymous.get("/api/public/jurisdictions/" + county
                + "/delegation-statistics?from=1900-01-01&to=2999-12-31").status()).isEqualTo(200);
    }

    @Test
    void backFilledHistoryFromTheEightiesReads() {
        String county = events.jurisdiction("广汉市");
        published(county, "广汉市工商行政管理局", "个体工商户登记", "广府发〔1986〕12号", "1986-03-01");

        Response list = anonymous.get("/api/public/jurisdictions/" + county + "/items?asOf=1986-03-01");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("items").get(0).get("documentNumber").asString()).isEqualTo("广府发〔1986〕12号");
        assertThat(anonymous.get("/api/public/jurisdictions/" + county + "/items?asOf=1986-02-28").json()
                .get("items")).isEmpty();
    }

    private Item published(String county, String bodyName, String itemName, String document, String effective) {
        Item item = events.published(events.body(county, bodyName), county,
                content(itemName, ItemType.LICENCE, 20, 10), decision(document, effective));
        events.awaitProjected(item);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> CaughtUp.everyStreamingProjection(statuses));
        return item;
    }

    private static void assertRefused(Response response, String parameter) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        var error = response.json().get("errors").get(0);
        assertThat(error.get("field").asString()).as(response.body()).isEqualTo(parameter);
        assertThat(error.get("rule").asString()).isEqualTo("date-range");
        assertThat(error.get("message").asString()).contains("1900-01-01", "2999-12-31");
    }
}
