package org.quanli.query.powerlist.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.powerlist.ListCursor;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItem;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.platform.messaging.QueryAsker;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a published list page by page through the list query, each page after the last item of the one before, and
 * hands each item to a writer. Reading after a position in list order keeps each item to one row even when a
 * decision is recorded while the export runs; a {@code knownAt} asked for fixes the list at that time.
 */
@Component
class ListExport {

    static final int PAGE_SIZE = 200;

    private final QueryAsker queries;
    private final JsonMapper json;
    private final Clock clock;

    ListExport(QueryAsker queries, JsonMapper json, Clock clock) {
        this.queries = queries;
        this.json = json;
        this.clock = clock;
    }

    /** Which rows: a jurisdiction's and/or a body's list, on a date as known at a time, filtered, public or all. */
    record Scope(String jurisdictionCode, String bodyId, ItemType type, String level, String nameContains,
                 LocalDate asOf, Instant knownAt, boolean publicOnly) {

        /** @param today the day a list without {@code asOf} is read on */
        static Scope of(String jurisdictionCode, String bodyId, ExportFilters filters, boolean publicOnly,
                        LocalDate today) {
            return new Scope(jurisdictionCode, bodyId, filters.type(), filters.level(), filters.q(),
                    filters.asOf() != null ? filters.asOf() : today,
                    filters.knownAt(), publicOnly);
        }
    }

    /** What an export with these filters covers; without {@code asOf}, the list as it stands today. */
    Scope scope(String jurisdictionCode, String bodyId, ExportFilters filters, boolean publicOnly) {
        return Scope.of(jurisdictionCode, bodyId, filters, publicOnly, ChinaTime.today(clock));
    }

    /** A page read, and the scope it was read in. */
    record Reading(Scope scope, PublishedList page) {
    }

    /** The first page, read before the response starts so that a refused query still becomes a problem response. */
    Reading firstPage(Scope scope) {
        return new Reading(scope, page(scope, null));
    }

    void write(Reading first, ExportFormat format, OutputStream out) throws IOException {
        try (ListWriter writer = ListWriter.of(format, out, json)) {
            PublishedList page = first.page();
            while (true) {
                for (PublishedItem item : page.items()) {
                    writer.write(item);
                }
                if (page.next() == null) {
                    break;
                }
                page = page(first.scope(), ListCursor.decode(page.next()));
            }
            writer.finish();
        }
    }

    private PublishedList page(Scope scope, ListCursor after) {
        return queries.ask(new PublishedListQuery(scope.jurisdictionCode(), scope.bodyId(), scope.type(),
                scope.level(), scope.nameContains(), scope.asOf(), scope.knownAt(), 0, PAGE_SIZE,
                scope.publicOnly(), after, null), PublishedList.class);
    }
}
