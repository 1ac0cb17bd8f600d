package org.quanli.query.powerlist.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;

import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItem;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.platform.messaging.QueryAsker;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a published list page by page through the list query and hands each item to a writer. The list is read as
 * the ledger knew it when the export began, so that decisions recorded meanwhile do not shift the pages.
 */
@Component
class ListExport {

    static final int PAGE_SIZE = 200;

    private final QueryAsker queries;
    private final JsonMapper json;

    ListExport(QueryAsker queries, JsonMapper json) {
        this.queries = queries;
        this.json = json;
    }

    /** Which list: a jurisdiction's and/or a body's, on a date, public items only or all. */
    record Scope(String jurisdictionCode, String bodyId, LocalDate asOf, Instant knownAt, boolean publicOnly) {

        static Scope of(String jurisdictionCode, String bodyId, LocalDate asOf, boolean publicOnly) {
            return new Scope(jurisdictionCode, bodyId, asOf != null ? asOf : ChinaTime.today(), Instant.now(),
                    publicOnly);
        }
    }

    /** The first page, read before the response starts so that a refused query still becomes a problem response. */
    PublishedList firstPage(Scope scope) {
        return page(scope, 0);
    }

    void write(Scope scope, PublishedList first, ExportFormat format, OutputStream out) throws IOException {
        try (ListWriter writer = ListWriter.of(format, out, json)) {
            PublishedList page = first;
            int number = 0;
            while (true) {
                for (PublishedItem item : page.items()) {
                    writer.write(item);
                }
                if (page.items().size() < PAGE_SIZE || (long) (number + 1) * PAGE_SIZE >= page.total()) {
                    break;
                }
                page = page(scope, ++number);
            }
            writer.finish();
        }
    }

    private PublishedList page(Scope scope, int number) {
        return queries.ask(new PublishedListQuery(scope.jurisdictionCode(), scope.bodyId(), null, null, null,
                scope.asOf(), scope.knownAt(), number, PAGE_SIZE, scope.publicOnly()), PublishedList.class);
    }
}
