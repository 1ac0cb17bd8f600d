package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSubmitted;
import org.quanli.kernel.powerlist.PowerListQueries.HistoryEntry;
import org.quanli.kernel.powerlist.PowerListQueries.ItemHistory;
import org.quanli.kernel.powerlist.PowerListQueries.ItemHistoryQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemSummary;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.kernel.powerlist.ReviewStatus;
import org.quanli.kernel.rules.NotFound;
import org.quanli.query.powerlist.LedgerEvents.Item;
import org.quanli.testing.ApiClient;

/** Events in, rows out: the power-list projections read from the event store the command side writes. */
class PowerListProjectionTest extends ProjectionTestSupport {

    private PublishedList list(String county, LocalDate asOf, ItemType type, String text) {
        return queries.ask(new PublishedListQuery(county, null, type, null, text, asOf, null, 0, 50),
                PublishedList.class);
    }

    @Test
    void aPublishedItemIsOnTheListFromItsEffectiveDateOn() {
        String county = events.jurisdiction("旌阳区");
        String bureau = events.body(county, "旌阳区市场监督管理局");
        Item item = events.reviewedAndPublished(bureau, county, content("食品经营许可(摊贩)", ItemType.LICENCE, 20, 10),
                decision("德府发〔2013〕24号", "2013-07-01"));
        events.awaitProjected(item);

        assertThat(list(county, LocalDate.of(2013, 7, 1), null, "摊贩").items()).extracting("itemId")
                .containsExactly(item.id);
        var published = list(county, LocalDate.of(2020, 1, 1), null, "摊贩").items().get(0);
        assertThat(published.version()).isEqualTo(1);
        assertThat(published.typeCode()).isEqualTo("01");
        assertThat(published.typeLabel()).isEqualTo("行政许可");
        assertThat(published.bodyName()).isEqualTo("旌阳区市场监督管理局");
        assertThat(published.promisedLimitDays()).isEqualTo(10);
        assertThat(published.immediate()).isFalse();
        assertThat(published.documentNumber()).isEqualTo("德府发〔2013〕24号");
        assertThat(published.effectiveDate()).isEqualTo(LocalDate.of(2013, 7, 1));
        // The day before the decision took effect, the item was not yet a valid power.
        assertThat(list(county, LocalDate.of(2013, 6, 30), null, "摊贩").items()).isEmpty();
    }

    @Test
    void anItemNotYetPublishedIsNotOnThePublicList() {
        String county = events.jurisdiction("罗江区");
        String bureau = events.body(county, "罗江区市场监督管理局");
        ItemContent draft = content("未发布的审批(测试)", ItemType.LICENCE, 20, 10);
        Item item = events.drafted(bureau, county, draft);
        item.append(new PowerItemSubmitted(item.id), LedgerEvents.clerk(bureau));
        String itemId = item.id;

        await().atMost(Duration.ofSeconds(15)).ignoreException(NotFound.class).untilAsserted(() ->
                assertThat(queries.ask(new ItemQuery(itemId), ItemSummary.class).reviewStatus())
                        .isEqualTo(ReviewStatus.SUBMITTED));
        ItemSummary summary = queries.ask(new ItemQuery(itemId), ItemSummary.class);
        assertThat(summary.version()).isEqualTo(1);
        assertThat(summary.publishedVersion()).isNull();
        assertThat(summary.listStatus()).isEqualTo(ListStatus.UNPUBLISHED);
        assertThat(summary.pendingContent()).isEqualTo(draft);
        assertThat(list(county, null, null, null).total()).isZero();
    }

    @Test
    void theListFiltersByTypeLevelAndNameAndCountsEveryMatch() {
        String county = events.jurisdiction("广汉市");
        String bureau = events.body(county, "广汉市市场监督管理局");
        var decision = decision("德府发〔2014〕3号", "2014-03-01");
        Item first = events.published(bureau, county, content("对无证经营的处罚(筛选)", ItemType.PENALTY, 0, 0), decision);
        Item second = events.published(bureau, county, content("对虚假宣传的处罚(筛选)", ItemType.PENALTY, 0, 0), decision);
        Item third = events.published(bureau, county, content("广告发布登记(筛选)", ItemType.CONFIRMATION, 5, 5), decision);
        events.awaitProjected(first, second, third);

        assertThat(list(county, null, null, "筛选").total()).isEqualTo(3);
        PublishedList penalties = list(county, null, ItemType.PENALTY, "筛选");
        assertThat(penalties.total()).isEqualTo(2);
        assertThat(penalties.items()).extracting("name").containsExactly("对无证经营的处罚(筛选)", "对虚假宣传的处罚(筛选)");
        assertThat(penalties.items()).allMatch(i -> i.immediate());
        PublishedList secondPage = queries.ask(new PublishedListQuery(county, null, null, null, "筛选", null, null, 1, 2),
                PublishedList.class);
        assertThat(secondPage.items()).hasSize(1);
        assertThat(secondPage.total()).isEqualTo(3);
        // Wildcards typed by the user are searched for as text.
        assertThat(list(county, null, null, "%").total()).isZero();
        assertThat(queries.ask(new PublishedListQuery(county, null, null, "3", null, null, null, 0, 50),
                PublishedList.class).total()).isZero();
    }

    @Test
    void theHistoryShowsEveryEventWithActorDocumentEffectiveDateAndRecordedTime() {
        String county = events.jurisdiction("中江县");
        String bureau = events.body(county, "中江县市场监督管理局");
        Item item = events.reviewedAndPublished(bureau, county, content("食品经营许可(历史)", ItemType.LICENCE, 20, 10),
                decision("德府发〔2013〕24号", "2013-07-01"));
        events.awaitProjected(item);

        List<HistoryEntry> entries = queries.ask(new ItemHistoryQuery(item.id, 0, 100), ItemHistory.class).entries();
        assertThat(entries).extracting("event")
                .containsExactly("PowerItemDrafted", "PowerItemSubmitted", "PowerItemApproved", "PowerItemPublished");
        assertThat(entries).extracting("actorRole")
                .containsExactly("BODY_CLERK", "BODY_CLERK", "LEGAL_REVIEWER", "REFORM_OFFICE");
        HistoryEntry published = entries.get(3);
        assertThat(published.actorUserId()).isEqualTo("reform");
        assertThat(published.actorName()).isEqualTo("王强");
        assertThat(published.actorBody()).isEqualTo("11510600008654346W");
        assertThat(published.documentNumber()).isEqualTo("德府发〔2013〕24号");
        // Back-filled: effective in 2013, recorded now. The two are kept apart.
        assertThat(published.effectiveDate()).isEqualTo(LocalDate.of(2013, 7, 1));
        assertThat(published.recordedAt()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
        Long storePosition = jdbc.sql("select global_index from domain_event_entry where event_identifier = ?")
                .param(published.eventId()).query(Long.class).single();
        assertThat(published.position()).isEqualTo(storePosition);
        assertThat(published.details()).containsEntry("version", 1);
    }

    @Test
    void thePublicListIsReadAnonymouslyButHistoryNeedsATokenAndPagesAreBounded() {
        String county = events.jurisdiction("什邡市");
        var list = anonymous.get("/api/public/jurisdictions/" + county + "/items?asOf=2020-01-01");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("asOf").asString()).isEqualTo("2020-01-01");

        assertThat(anonymous.get("/api/items/" + UUID.randomUUID() + "/history").status()).isEqualTo(401);
        ApiClient auditor = anonymous.as("auditor", Role.AUDITOR, null);
        assertThat(auditor.get("/api/items/" + UUID.randomUUID() + "/history").status()).isEqualTo(404);
        assertThat(auditor.get("/api/items/" + UUID.randomUUID() + "/history?size=201").status()).isEqualTo(400);

        var tooBig = anonymous.get("/api/public/jurisdictions/" + county + "/items?size=1000");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().get("errors").get(0).get("field").asString()).isEqualTo("size");
        var badCode = anonymous.get("/api/public/jurisdictions/51x/items");
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(anonymous.get("/api/public/jurisdictions/" + county + "/items?asOf=yesterday").status())
                .isEqualTo(400);
    }

    @Test
    void theApiDocumentNamesEveryListParameter() {
        var parameters = anonymous.get("/v3/api-docs").json().get("paths").get("/api/public/jurisdictions/{code}/items")
                .get("get").get("parameters");
        List<String> names = new java.util.ArrayList<>();
        parameters.forEach(p -> names.add(p.get("name").asString() + ":" + p.get("in").asString()));
        assertThat(names).containsExactlyInAnyOrder("code:path", "body:query", "asOf:query", "knownAt:query",
                "type:query", "level:query", "q:query", "page:query", "size:query", "after:query", "before:query");
    }

    /** Every GET the API document lists with a page size, found there so that a new paged read is checked too. */
    @Test
    void everyPagedReadRefusesATooLargePageWithTheLimitInTheDetail() {
        ApiClient auditor = anonymous.as("auditor", Role.AUDITOR, null);
        List<String> checked = new java.util.ArrayList<>();
        anonymous.get("/v3/api-docs").json().get("paths").properties().forEach(path -> {
            var get = path.getValue().get("get");
            if (get == null || get.get("parameters") == null) {
                return;
            }
            String url = path.getKey();
            List<String> query = new java.util.ArrayList<>();
            String sizeName = null;
            java.util.Set<String> names = new java.util.HashSet<>();
            for (var parameter : get.get("parameters")) {
                names.add(parameter.get("name").asString());
            }
            for (var parameter : get.get("parameters")) {
                String name = parameter.get("name").asString();
                boolean inPath = parameter.get("in").asString().equals("path");
                if (inPath) {
                    url = url.replace("{" + name + "}", name.toLowerCase().contains("code") ? "510600"
                            : name.equals("bodyId") ? "11510600008654321B" : UUID.randomUUID().toString());
                } else if (name.equals("size") || name.endsWith("Size")) {
                    sizeName = name;
                } else if (parameter.has("required") && parameter.get("required").asBoolean()) {
                    query.add(name + "=" + (name.equals("to") ? "2020-12-31" : "2020-01-01"));
                }
            }
            // A paged read names its page next to its size; a size alone is something else (a ledger tree's size).
            if (sizeName == null || !names.contains(sizeName.replace("Size", "Page").replace("size", "page"))) {
                return;
            }
            query.add(sizeName + "=201");
            var response = auditor.get(url + "?" + String.join("&", query));
            assertThat(response.status()).as(url).isEqualTo(400);
            assertThat(response.json().get("detail").asString()).as(url)
                    .isEqualTo(sizeName + ": 每页条数应在1到200之间(每页最多200条)");
            assertThat(response.json().get("errors").get(0).get("field").asString()).as(url).isEqualTo(sizeName);
            checked.add(path.getKey());
        });
        assertThat(checked).contains("/api/public/jurisdictions/{code}/items", "/api/items/register",
                "/api/items/{itemId}/history", "/api/findings", "/api/cases",
                "/api/public/jurisdictions/{code}/diff", "/api/public/jurisdictions/{code}/bodies");
    }

    @Test
    void itemNamesAreSearchedThroughATrigramIndexOnTheEmbeddedPostgresql() {
        assertThat(jdbc.sql("select count(*) from pg_extension where extname = 'pg_trgm'").query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select indexdef from pg_indexes where indexname = 'item_holding_period_name_trgm'")
                .query(String.class).single()).contains("gin (name gin_trgm_ops)");
    }
}
