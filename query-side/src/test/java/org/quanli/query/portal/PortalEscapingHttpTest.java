package org.quanli.query.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.query.powerlist.LedgerEvents;
import org.quanli.query.powerlist.ProjectionTestSupport;

/**
 * Names come from events, and the events from whoever recorded them: every page writes them as text, never as
 * markup, in element content and in attribute values alike.
 */
class PortalEscapingHttpTest extends ProjectionTestSupport {

    private static final String COUNTY = "<i>旌阳区</i>";
    private static final String BODY = "\"><script>alert('主体')</script>";
    private static final String ITEM = "<img src=x onerror=alert(1)>食品经营许可";

    @Test
    void namesFromEventsAreWrittenAsTextOnEveryPage() {
        String county = events.jurisdiction(COUNTY);
        String body = events.body(county, BODY);
        LedgerEvents.Item item = events.published(body, county, content(ITEM, ItemType.LICENCE, 20, 10),
                decision("旌府发〔2016〕1号", "2016-01-01"));
        events.awaitProjected(item);

        String jurisdictionPage = await().atMost(Duration.ofSeconds(30)).until(
                () -> anonymous.download("/portal/jurisdictions/" + county + "?asOf=2020-01-01"),
                page -> page.status() == 200 && page.text().contains("list-total\">1<")).text();
        assertThat(jurisdictionPage)
                .contains("<title>&lt;i&gt;旌阳区&lt;/i&gt; - 权力账本公开门户</title>")
                .contains("&lt;img src=x onerror=alert(1)&gt;食品经营许可</a>")
                // In the body filter: the option's text, in the sidebar: the link's text.
                .contains(">\"&gt;&lt;script&gt;alert('主体')&lt;/script&gt;</option>")
                .contains(">\"&gt;&lt;script&gt;alert('主体')&lt;/script&gt;</a>")
                .doesNotContain(COUNTY).doesNotContain(BODY).doesNotContain(ITEM);

        String bodyPage = anonymous.download("/portal/bodies/" + body + "?asOf=2020-01-01").text();
        assertThat(bodyPage)
                .contains("<title>\"&gt;&lt;script&gt;alert('主体')&lt;/script&gt; - 权力账本公开门户")
                .doesNotContain(BODY).doesNotContain(ITEM).doesNotContain(COUNTY);

        // Typed into the page's own search: back in the search box's value, never out of it.
        String search = anonymous.download("/?q=" + URLEncoder.encode("\"><b>食品", StandardCharsets.UTF_8)).text();
        assertThat(search).contains("value=\"&#34;>&lt;b>食品\"").doesNotContain("\"><b>食品");

        String itemPage = anonymous.download("/portal/items/" + item.id + "?asOf=2020-01-01").text();
        assertThat(itemPage).contains("<span>&lt;img src=x onerror=alert(1)&gt;食品经营许可</span>")
                .doesNotContain(ITEM).doesNotContain(BODY);
    }
}
