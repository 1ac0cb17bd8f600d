package org.quanli.ops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.RegisterImplementingBody;
import org.quanli.kernel.places.PlacesMessages.RegisterJurisdiction;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.LegalBasisKind;
import org.quanli.kernel.powerlist.ListCursor;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedTypeCounts;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedTypeCountsQuery;
import org.quanli.ops.QuanliLedgerApplication;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.projections.BulkRuns;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The public list at growing sizes: one county per size (bench.listSizes, default 1000,10000,100000 items), each
 * list put in by the bulk path — real {@link PowerItemPublished} events appended to the event store in transactions
 * of 1,000 (what an import records, without the command round trips), projected by the running projections. Each
 * item takes effect on one of ten dates from 2011 to 2020, so an as-of list in 2015 holds about half of it. With
 * bench.listVersions above 1 (default 1), every item is then amended into that many versions, 90 days apart: the
 * store grows to size × versions events for the list, and the as-of list picks each item's version of its date.
 *
 * <p>Per size it times (bench.listQueries each, default 300, one client): the list query's first page, once with the
 * planner's statistics as the load left them and again after {@code analyze} (with the first page's plan both
 * times), then, all with fresh statistics, a deep page read after a position 90% down the list (keyset) and the same page by offset, an as-of list of 2015, the counts by
 * type, and the portal's list page over HTTP, first and deep; and prints the plan (EXPLAIN ANALYZE, BUFFERS) of the
 * page and count statements at the largest size, figures that hold on a loaded machine. The portal's page is timed
 * after bench.pageWarmUp requests of it (default 1000), and what one page cost is printed beside it: JVM CPU by thread
 * pool (the request threads' is the page's own) and round trips by statement. Nothing is asserted.
 */
public final class ListPageBenchmark {

    private static final String PROVINCE = "520000";
    private static final Actor ADMIN = new Actor("bench-admin", "基准测试", Role.ADMINISTRATOR, null);
    private static final Actor REFORM = new Actor("bench-reform", "基准测试", Role.REFORM_OFFICE, null);
    private static final int BATCH = 1000;
    private static final int BODIES = 20;

    private ListPageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.listSizes", "1000,10000,100000").split(","))
                .map(String::strip).mapToInt(Integer::parseInt).toArray();
        int queries = Integer.getInteger("bench.listQueries", 300);
        int versions = Integer.getInteger("bench.listVersions", 1);
        Path dataDir = ScratchDirectory.create("quanli-list-bench");
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "machine: %d cores, max heap %d MiB, java %s",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version")));
        List<String> plans = new ArrayList<>();
        List<String> pageCosts = new ArrayList<>();
        int pageWarmUp = Integer.getInteger("bench.pageWarmUp", 1000);
        CountingDataSource[] counting = new CountingDataSource[1];
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(QuanliLedgerApplication.class)
                .profiles("demo")
                .initializers(CountingDataSource.around(counting))
                .run("--server.port=0", "--quanli.data-dir=" + dataDir, "--quanli.embedded-db.durable=true",
                        "--logging.level.root=WARN", "--logging.level.org.quanli=WARN")) {
            CommandSender commands = ledger.getBean(CommandSender.class);
            QueryAsker asker = ledger.getBean(QueryAsker.class);
            JdbcClient jdbc = ledger.getBean(JdbcClient.class);
            EventStore eventStore = ledger.getBean(EventStore.class);
            TransactionTemplate transactions = ledger.getBean(TransactionTemplate.class);
            EventProcessingConfiguration processing = ledger.getBean(EventProcessingConfiguration.class);
            BulkRuns runs = ledger.getBean(BulkRuns.class);
            String port = ledger.getEnvironment().getProperty("local.server.port");
            commands.send(new RegisterJurisdiction(PROVINCE, "贵州省", JurisdictionLevel.PROVINCE, null, false), ADMIN);

            for (int s = 0; s < sizes.length; s++) {
                int size = sizes[s];
                String county = String.valueOf(520100 + s * 100);
                commands.send(new RegisterJurisdiction(county, "基准县" + size, JurisdictionLevel.COUNTY, PROVINCE,
                        false), ADMIN);
                List<String> bodies = new ArrayList<>();
                for (int b = 0; b < BODIES; b++) {
                    String body = creditCode(s, b);
                    bodies.add(body);
                    commands.send(new RegisterImplementingBody(body, "基准县" + size + "单位" + b, county,
                            BodyNature.STATUTORY_ORGAN, true), ADMIN);
                }
                long appendStart = System.nanoTime();
                String[] itemIds = new String[size];
                for (int from = 0; from < size; from += BATCH) {
                    List<EventMessage<?>> batch = new ArrayList<>();
                    for (int i = from; i < Math.min(size, from + BATCH); i++) {
                        String itemId = UUID.randomUUID().toString();
                        itemIds[i] = itemId;
                        batch.add(new GenericDomainEventMessage<>("PowerItem", itemId, 0, new PowerItemPublished(
                                itemId, bodies.get(i % BODIES), county, 1, content(i), decision(i), "bench-" + size),
                                REFORM.toMetaData()));
                    }
                    transactions.executeWithoutResult(tx -> eventStore.publish(batch));
                }
                // Every item amended versions - 1 times, 90 days apart: a list with a long history behind it.
                List<EventMessage<?>> amendments = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    for (int version = 2; version <= versions; version++) {
                        amendments.add(new GenericDomainEventMessage<>("PowerItem", itemIds[i], version - 1,
                                new PowerItemAmended(itemIds[i], bodies.get(i % BODIES), county, version,
                                        amended(content(i), version), List.of("promisedLimitDays"),
                                        amendment(i, version)), REFORM.toMetaData()));
                        if (amendments.size() == BATCH) {
                            List<EventMessage<?>> batch = List.copyOf(amendments);
                            transactions.executeWithoutResult(tx -> eventStore.publish(batch));
                            amendments.clear();
                        }
                    }
                }
                if (!amendments.isEmpty()) {
                    transactions.executeWithoutResult(tx -> eventStore.publish(amendments));
                }
                long appended = System.nanoTime() - appendStart;
                long projectStart = System.nanoTime();
                long head = jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single();
                waitUntil(() -> caughtUp(processing, runs, head)
                        && asker.ask(query(county, null, 0, 1, null), PublishedList.class).total() >= size);
                report.add(row(size + " items, " + (long) size * versions + " events of them, store of " + head
                        + ": appended / projected", millis(appended) + " ms / "
                        + millis(System.nanoTime() - projectStart) + " ms"));

                // A position 90% down the list, as the pager's "next" would have handed it out.
                int deepOffset = size * 9 / 10;
                ListCursor deep = jdbc.sql("""
                        select type_code, name, item_id from published_item_version
                        where jurisdiction_code = ? and ended_by is null
                        order by type_code, name, item_id offset ? limit 1""")
                        .params(county, deepOffset)
                        .query((rs, n) -> new ListCursor(rs.getString(1), rs.getString(2), rs.getString(3)))
                        .single();
                int deepPage = deepOffset / 20;
                // Right after a bulk load the planner still has the table's old statistics (autovacuum analyses it
                // within about a minute): measured, and its plan kept, before and after the statistics are fresh.
                report.add(latency(size + " items: list query, first page of 20, statistics before the load", queries,
                        () -> asker.ask(query(county, null, 0, 20, null), PublishedList.class)));
                String firstPage = """
                        select p.item_id, p.name from published_item_version p
                        where (p.recorded_at <= now() and p.effective_from <= current_date
                               and (p.effective_to is null or p.effective_to > current_date
                                    or p.end_recorded_at > now()))
                          and p.jurisdiction_code = '%s' and p.is_public
                        order by p.type_code, p.name, p.item_id limit 21 offset 0""".formatted(county);
                plans.add("first page, " + size + " items, statistics before the load:");
                plans.addAll(explain(jdbc, firstPage).stream().limit(6).toList());
                jdbc.sql("analyze").update();
                plans.add("first page, " + size + " items, after analyze:");
                plans.addAll(explain(jdbc, firstPage).stream().limit(6).toList());
                report.add(latency(size + " items: list query, first page of 20", queries,
                        () -> asker.ask(query(county, null, 0, 20, null), PublishedList.class)));
                report.add(latency(size + " items: list query, page " + deepPage + " after a position", queries,
                        () -> asker.ask(query(county, null, deepPage, 20, deep), PublishedList.class)));
                report.add(latency(size + " items: list query, page " + deepPage + " by offset", queries,
                        () -> asker.ask(query(county, null, deepPage, 20, null), PublishedList.class)));
                report.add(latency(size + " items: list query as of 2015-06-30, first page", queries,
                        () -> asker.ask(query(county, LocalDate.of(2015, 6, 30), 0, 20, null), PublishedList.class)));
                report.add(latency(size + " items: counts by type", queries,
                        () -> asker.ask(new PublishedTypeCountsQuery(query(county, null, 0, 20, null)),
                                PublishedTypeCounts.class)));
                HttpClient http = HttpClient.newHttpClient();
                String page = "http://localhost:" + port + "/portal/jurisdictions/" + county;
                // A server's page has been rendered many times before anyone times it: the JIT compilers have
                // done their work, which twenty requests do not give them.
                for (int i = 0; i < pageWarmUp; i++) {
                    get(http, URI.create(page + (i % 2 == 0 ? "" : "?asOf=2015-06-30")));
                }
                report.add(pageLatency(size + " items: portal list page (HTML), first page", queries,
                        () -> get(http, URI.create(page)), counting[0], pageCosts));
                report.add(pageLatency(size + " items: portal list page (HTML), page " + deepPage
                        + " after a position", queries,
                        () -> get(http, URI.create(page + "?page=" + deepPage + "&after=" + deep.encode())),
                        counting[0], pageCosts));
                report.add(pageLatency(size + " items: portal list page (HTML) as of 2015-06-30", queries,
                        () -> get(http, URI.create(page + "?asOf=2015-06-30")), counting[0], pageCosts));

                if (s == sizes.length - 1) {
                    plans.add("page after a position, " + size + " items:");
                    plans.addAll(explain(jdbc, """
                            select p.item_id, p.name from published_item_version p
                            where (p.recorded_at <= now() and p.effective_from <= current_date
                                   and (p.effective_to is null or p.effective_to > current_date
                                        or p.end_recorded_at > now()))
                              and p.jurisdiction_code = '%s' and p.is_public
                              and (p.type_code, p.name, p.item_id) > ('%s', '%s', '%s')
                            order by p.type_code, p.name, p.item_id limit 21""".formatted(county, deep.typeCode(),
                            deep.name().replace("'", "''"), deep.itemId())));
                    plans.add("as of 2015-06-30, first page, " + size + " items:");
                    plans.addAll(explain(jdbc, """
                            select p.item_id, p.name from published_item_version p
                            where (p.recorded_at <= now() and p.effective_from <= date '2015-06-30'
                                   and (p.effective_to is null or p.effective_to > date '2015-06-30'
                                        or p.end_recorded_at > now()))
                              and p.jurisdiction_code = '%s' and p.is_public
                            order by p.type_code, p.name, p.item_id limit 21""".formatted(county)));
                    plans.add("total and counts by type from the kept counts, " + size + " items:");
                    plans.addAll(explain(jdbc, """
                            select c.type_code, sum(c.change) from published_list_count c
                            where c.effective_date <= current_date and c.jurisdiction_code = '%s' and c.is_public
                            group by c.type_code having sum(c.change) > 0 order by c.type_code""".formatted(county)));
                }
            }
        }
        System.out.println();
        System.out.println("Quanli Ledger list-page benchmark: sizes=" + Arrays.toString(sizes) + " queries="
                + queries + " versions=" + versions);
        report.forEach(System.out::println);
        System.out.println();
        System.out.println("What one HTML page cost, by pool and by statement (the counting proxy's own cost included):");
        pageCosts.forEach(System.out::println);
        System.out.println();
        plans.forEach(System.out::println);
        System.exit(0);
    }

    private static PublishedListQuery query(String county, LocalDate asOf, int page, int size, ListCursor after) {
        return new PublishedListQuery(county, null, null, null, null, asOf, null, page, size, true, after, null);
    }

    /** A unified social credit code per county and body. */
    private static String creditCode(int county, int body) {
        String first17 = String.format(Locale.ROOT, "11520100MB%02d%05d", county, body);
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    private static ItemContent content(int i) {
        ItemType type = ItemType.values()[i % ItemType.values().length];
        return new ItemContent("基准事项" + String.format(Locale.ROOT, "%06d", (i * 7919) % 1_000_000), type,
                List.of(new LegalBasis(LegalBasisKind.LAW, "《中华人民共和国行政许可法》", "第" + (i % 80 + 1) + "条")),
                20, i % 3 == 0 ? 0 : 10);
    }

    /** The same item's content with a promised time limit of its own per version. */
    private static ItemContent amended(ItemContent content, int version) {
        return new ItemContent(content.name(), content.type(), content.legalBases(), content.legalLimitDays(),
                1 + version % 15);
    }

    /** A version's decision: 90 days per version after the item's own publication date. */
    private static Decision amendment(int i, int version) {
        LocalDate effective = decision(i).effectiveDate().plusDays(90L * (version - 1));
        return new Decision("黔府发〔" + effective.getYear() + "〕" + (100 + version) + "号", effective);
    }

    /** Whether every streaming processor's every segment has passed {@code head}. */
    private static boolean caughtUp(EventProcessingConfiguration processing, BulkRuns runs, long head) {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .allMatch(processor -> AtHead.passed(runs, processor, -1, head));
    }

    /** Ten decisions, 2011 to 2020, one a year. */
    private static Decision decision(int i) {
        int year = 2011 + i % 10;
        return new Decision("黔府发〔" + year + "〕" + (i % 10 + 1) + "号", LocalDate.of(year, 1, 1));
    }

    private static int get(HttpClient http, URI uri) {
        try {
            var response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
            return response.statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> explain(JdbcClient jdbc, String sql) {
        return jdbc.sql("explain (analyze, buffers) " + sql).query((rs, n) -> "    " + rs.getString(1)).list();
    }

    /**
     * {@link #latency} of a page, and into {@code costs} what one request of it cost: JVM CPU by thread pool (the
     * request threads' is the page's own), round trips by statement.
     */
    private static String pageLatency(String what, int count, Supplier<?> work, CountingDataSource counting,
                                      List<String> costs) {
        Breakdown start = Breakdown.now(counting);
        String latency = latency(what, count, work);
        costs.add("| " + what + " |  |");
        costs.addAll(Breakdown.perEvent(start, Breakdown.now(counting), count + Math.min(20, count), 12).stream()
                .map(row -> row.replace("/event", "/page")).toList());
        return latency;
    }

    /** The latency of {@code work} over {@code count} runs after a warm-up of up to 20: p50, p95, p99. */
    static String latency(String what, int count, Supplier<?> work) {
        for (int i = 0; i < Math.min(20, count); i++) {
            work.get(); // warm-up
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            work.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return row(what, String.format(Locale.ROOT, "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms",
                nanos[count / 2] / 1e6, nanos[(int) (count * 0.95)] / 1e6,
                nanos[Math.min(count - 1, (int) (count * 0.99))] / 1e6));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("projections did not catch up within 30 minutes");
            }
            Thread.sleep(200);
        }
    }

    private static String row(String what, String figure) {
        return String.format(Locale.ROOT, "| %-66s | %s |", what, figure);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
