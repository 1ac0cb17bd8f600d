package org.quanli.ops.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.quanli.kernel.calendar.WorkingDayCalendar;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.CaseMessages.AcceptCase;
import org.quanli.kernel.cases.CaseMessages.ConcludeCase;
import org.quanli.kernel.cases.CaseMessages.DecideCase;
import org.quanli.kernel.cases.CaseMessages.EvaluateCase;
import org.quanli.kernel.cases.CaseMessages.RecordReviewStep;
import org.quanli.kernel.cases.CaseMessages.SubmitCase;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseStatistics;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseStatisticsQuery;
import org.quanli.kernel.cases.CaseStatisticsQueries.Dimension;
import org.quanli.kernel.cases.CaseStatisticsQueries.DimensionKind;
import org.quanli.kernel.cases.CaseStatisticsQueries.Granularity;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.cases.IdentityDocument;
import org.quanli.kernel.cases.Satisfaction;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.RegisterImplementingBody;
import org.quanli.kernel.places.PlacesMessages.RegisterJurisdiction;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.LegalBasisKind;
import org.quanli.kernel.powerlist.PowerListMessages.ApprovePowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.DraftPowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.PublishPowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.RecordPublishedItem;
import org.quanli.kernel.powerlist.PowerListMessages.SubmitPowerItem;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.ops.QuanliLedgerApplication;
import org.quanli.platform.db.EmbeddedPostgresConfiguration.EmbeddedCluster;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.projections.BulkRuns;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measures the ledger on this machine: command throughput and latency, projection catch-up and full replay, list
 * queries over a large list, and heap in use. It starts the all-in-one on a fresh embedded PostgreSQL with fsync on
 * (as a user's ledger runs), drives it in-process, prints a table and exits. Nothing here is asserted: figures go
 * into ops/BENCHMARKS.md with the command that produced them.
 *
 * <p>Every command path runs at each client count of bench.clients, next to raw PostgreSQL's insert rate at that
 * count ({@link Meter}), with statements, round trips and CPU per command.
 *
 * <p>Knobs (system properties), each per client count: bench.items (default 5000), bench.workflowItems (1000),
 * bench.cases (2000), bench.httpDrafts (1000); bench.importRows (10000, 0 for none), bench.importRounds (1: how
 * many such imports, one after the other); bench.clients (1,4), bench.rawMillis (5000, raw inserts per client
 * count before each path), bench.queries (500). bench.suite=lists, projections, integrity or failover runs
 * {@link ListPageBenchmark}, {@link ProjectionBenchmark}, {@link IntegrityBenchmark} or {@link FailoverBenchmark}
 * instead.
 */
public final class LedgerBenchmark {

    /** How often the import's job is polled: the time to the job's end is known to this much. */
    private static final long IMPORT_POLL_MILLIS = 100;
    private static final String PROVINCE = "510000";
    private static final String CITY = "510600";
    private static final String BODY = "11510600008654321B";
    private static final String JUSTICE = "115106000086543382";
    private static final String REFORM = "11510600008654346W";
    private static final Actor ADMIN = new Actor("bench-admin", "基准测试", Role.ADMINISTRATOR, null);
    private static final Actor CLERK = new Actor("bench-clerk", "基准测试", Role.BODY_CLERK, BODY);
    private static final Actor REVIEWER = new Actor("bench-reviewer", "基准测试", Role.LEGAL_REVIEWER, JUSTICE);
    private static final Actor REFORM_OFFICE = new Actor("bench-reform", "基准测试", Role.REFORM_OFFICE, REFORM);
    private static final Actor WINDOW = new Actor("bench-window", "基准测试", Role.WINDOW_OFFICER, BODY);
    private static final int CASE_COMMANDS = 6;
    private static final Decision DECISION = new Decision("德府发〔2013〕24号", LocalDate.of(2013, 7, 1));

    private LedgerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String suite = System.getProperty("bench.suite", "commands");
        switch (suite) {
            case "commands" -> { }
            case "lists" -> {
                ListPageBenchmark.main(args);
                return;
            }
            case "projections" -> {
                ProjectionBenchmark.main(args);
                return;
            }
            case "integrity" -> {
                IntegrityBenchmark.main(args);
                return;
            }
            case "failover" -> {
                FailoverBenchmark.main(args);
                return;
            }
            default -> throw new IllegalArgumentException(
                    "bench.suite: commands (default), lists, projections, integrity or failover, not " + suite);
        }
        int items = Integer.getInteger("bench.items", 5000);
        int workflowItems = Integer.getInteger("bench.workflowItems", 1000);
        int queries = Integer.getInteger("bench.queries", 500);
        int cases = Integer.getInteger("bench.cases", 2000);
        int httpDrafts = Integer.getInteger("bench.httpDrafts", 1000);
        int importRows = Integer.getInteger("bench.importRows", 10000);
        int importRounds = Integer.getInteger("bench.importRounds", 1);
        long rawMillis = Long.getLong("bench.rawMillis", 5000);
        int[] clientCounts = Arrays.stream(System.getProperty("bench.clients", "1,4").split(","))
                .mapToInt(c -> Integer.parseInt(c.trim())).toArray();
        Path dataDir = ScratchDirectory.create("quanli-bench");
        List<String> report = new ArrayList<>();
        List<String> breakdowns = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "machine: %d cores, max heap %d MiB, java %s",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version")));

        CountingDataSource[] counting = new CountingDataSource[1];
        long startUp = System.nanoTime();
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(QuanliLedgerApplication.class)
                .profiles("demo")
                .initializers(CountingDataSource.around(counting))
                .run("--server.port=0", "--quanli.data-dir=" + dataDir, "--quanli.embedded-db.durable=true",
                        "--logging.level.root=WARN", "--logging.level.org.quanli=WARN")) {
            report.add(row("start-up (embedded PostgreSQL, migrations, Spring)", millis(System.nanoTime() - startUp)
                    + " ms"));
            CommandSender commands = ledger.getBean(CommandSender.class);
            QueryAsker queryAsker = ledger.getBean(QueryAsker.class);
            JdbcClient jdbc = ledger.getBean(JdbcClient.class);
            registerPlaces(commands);
            Meter meter = new Meter(counting[0], new RawInsertAnchor(counting[0].target(), rawMillis),
                    new PostgresCpu(ledger.getBean(EmbeddedCluster.class).dataDirectory()));
            WorkingDayCalendar calendar = ledger.getBean(WorkingDayCalendar.class);
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://localhost:" + ledger.getEnvironment().getProperty("local.server.port");
            String clerkToken = demoToken(http, base, "BODY_CLERK", BODY);

            // 1-4. The command paths at each client count, each next to raw PostgreSQL's insert rate at that count.
            List<String> commandRows = new ArrayList<>();
            int recorded = 0;
            int drafted = 0;
            for (int clients : clientCounts) {
                String[] ids = new String[items];
                Arrays.setAll(ids, i -> UUID.randomUUID().toString());
                // One command per new aggregate: the back-filling path (RecordPublishedItem).
                commandRows.add(meter.measure("record published item (in process)", clients, items, 1,
                        i -> timed(() -> commands.send(new RecordPublishedItem(ids[i], BODY, content("事项" + i, i),
                                DECISION, "bench"), REFORM_OFFICE)), clients == 1 ? breakdowns : null));
                recorded += items;
                // The full review workflow, four commands on one aggregate in a row.
                commandRows.add(meter.measure("workflow draft/submit/approve/publish", clients, workflowItems, 4,
                        i -> workflow(commands, i), clients == 1 ? breakdowns : null));
                // The lifecycle of one application after another.
                commandRows.add(meter.measure("case lifecycle (6 commands)", clients, cases, CASE_COMMANDS,
                        i -> handleCase(commands, calendar, ids[i % items], i), clients == 1 ? breakdowns : null));
                // A clerk's draft over HTTP on loopback: JSON, the security filters, validation, the command.
                commandRows.add(meter.measure("draft over HTTP", clients, httpDrafts, 1,
                        i -> timed(() -> draftOverHttp(http, base, clerkToken, i)), clients == 1 ? breakdowns : null));
                drafted += httpDrafts;
            }
            // A list import as a reform office uploads it: one CSV over HTTP, run as a job until it is done; the
            // figure per command is per row.
            for (int round = 1; importRows > 0 && round <= importRounds; round++) {
                String reformToken = demoToken(http, base, "REFORM_OFFICE", REFORM);
                String what = "import of " + importRows + " rows" + (importRounds > 1 ? ", round " + round : "");
                long[] wall = new long[1];
                long heapBefore = heapAfterGc();
                long[] peak = new long[1];
                String heap = null;
                if (round == 1) {
                    commandRows.add(meter.measure(what + " (one CSV over HTTP, until done)", 1, 1, importRows,
                            i -> wall[0] = importOverHttp(http, base, reformToken, importRows, peak), breakdowns));
                } else {
                    // Later rounds sample what the import keeps alive; their forced collections slow them, so
                    // their times are not the import's speed.
                    try (HeapWatch watch = new HeapWatch(1000)) {
                        wall[0] = importOverHttp(http, base, reformToken, importRows, peak);
                        heap = watch.summary();
                    }
                }
                long heapDone = heapAfterGc();
                recorded += importRows;
                long history = recorded + 4L * workflowItems * clientCounts.length + drafted;
                waitUntil(() -> jdbc.sql("select count(*) from item_history").query(Long.class).single() >= history);
                report.add(row(what + ", upload to job done", millis(wall[0]) + " ms"));
                report.add(row(what + ", heap in use: before it (after GC) / highest seen while it ran / when it was"
                        + " done (after GC) / once the projections had caught up (after GC)", (heapBefore >> 20) + " / "
                        + (peak[0] >> 20) + " / " + (heapDone >> 20) + " / " + (heapAfterGc() >> 20) + " MiB"));
                if (heap != null) {
                    report.add(row(what + ", while it ran", heap));
                }
                report.add(row(what + ", positions skipped in the store so far", jdbc.sql("select max(global_index)"
                        + " - min(global_index) + 1 - count(*) from domain_event_entry").query(Long.class).single()
                        + " of " + jdbc.sql("select max(global_index) - min(global_index) + 1 from domain_event_entry")
                        .query(Long.class).single()));
            }
            report.add("");
            report.add(Meter.HEADER);
            report.add(Meter.RULE);
            report.addAll(commandRows);
            report.add("");
            long expectedCases = (long) cases * clientCounts.length;
            long expectedListed = recorded + (long) workflowItems * clientCounts.length;
            long expectedHistory = recorded + 4L * workflowItems * clientCounts.length + drafted;

            // 3. Projections catching up with everything written above.
            long events = jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
            long catchUp = System.nanoTime();
            waitUntil(() -> jdbc.sql("select count(*) from item_history").query(Long.class).single()
                    >= expectedHistory);
            waitUntil(() -> listed(queryAsker) >= expectedListed);
            report.add(row("projections caught up after the writes", millis(System.nanoTime() - catchUp) + " ms"));

            // 4. A full rebuild of every streaming projection from the first event.
            EventProcessingConfiguration processing = ledger.getBean(EventProcessingConfiguration.class);
            long replayStart = System.nanoTime();
            List<StreamingEventProcessor> streaming = processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                    .filter(StreamingEventProcessor::supportsReset).toList();
            // Event by event: taken from the bulk follower until replayed.
            try (BulkRuns.Without replaying = ledger.getBean(BulkRuns.class)
                    .without(streaming.stream().map(StreamingEventProcessor::getName).toList())) {
                for (StreamingEventProcessor processor : streaming) {
                    processor.shutDown();
                    processor.resetTokens();
                    processor.start();
                }
                waitUntil(() -> streaming.stream().noneMatch(StreamingEventProcessor::isReplaying)
                        && listed(queryAsker) >= expectedListed);
            }
            long replayNanos = System.nanoTime() - replayStart;
            report.add(row("replay of " + streaming.size() + " projections over " + events + " events",
                    millis(replayNanos) + " ms (" + Math.round(events * streaming.size() / (replayNanos / 1e9))
                            + " event deliveries/s)"));

            // 5. Reading the list: first pages, deep pages, text search, as-of dates.
            report.add(latency("public list, page of 50", run(1, queries, i -> timed(() -> queryAsker.ask(
                    new PublishedListQuery(CITY, null, null, null, null, null, null, 0, 50), PublishedList.class)))));
            report.add(latency("public list, deep page (offset 5000)", run(1, queries, i -> timed(() -> queryAsker.ask(
                    new PublishedListQuery(CITY, null, null, null, null, null, null, 100, 50), PublishedList.class)))));
            report.add(latency("public list, name contains text", run(1, queries, i -> timed(() -> queryAsker.ask(
                    new PublishedListQuery(CITY, null, null, null, "事项" + (i * 7 % items), null, null, 0, 50),
                    PublishedList.class)))));
            report.add(latency("public list as of 2013-06-30 (empty)", run(1, queries, i -> timed(() -> queryAsker.ask(
                    new PublishedListQuery(CITY, null, null, null, null, LocalDate.of(2013, 6, 30), null, 0, 50),
                    PublishedList.class)))));
            // The portal's list page over HTTP on loopback: the list's page of 20 and its counts by type, rendered.
            URI listPage = URI.create(base + "/portal/jurisdictions/" + CITY);
            report.add(latency("portal list page (HTML, first page of 20)", run(1, queries, i -> timed(() -> {
                try {
                    var response = http.send(HttpRequest.newBuilder(listPage).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("portal list page answered " + response.statusCode());
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }))));

            // 7. Service statistics over those cases, once the timeliness facts have caught up.
            waitUntil(() -> jdbc.sql("select count(*) from case_timeliness where concluded_on is not null")
                    .query(Long.class).single() >= expectedCases);
            report.add(latency("case statistics, a body by month over 2025 (12 buckets)", run(1, queries,
                    i -> timed(() -> statistics(queryAsker, Granularity.MONTH, new Dimension(DimensionKind.BODY,
                            BODY))))));
            report.add(latency("case statistics, a jurisdiction and below by day over 2025 (365 buckets)",
                    run(1, queries, i -> timed(() -> statistics(queryAsker, Granularity.DAY,
                            new Dimension(DimensionKind.JURISDICTION, PROVINCE))))));

            System.gc();
            Runtime runtime = Runtime.getRuntime();
            report.add(row("heap in use after the run (after GC)",
                    ((runtime.totalMemory() - runtime.freeMemory()) >> 20) + " MiB"));
        }
        System.out.println();
        System.out.println("Quanli Ledger benchmark: items=" + items + " workflowItems=" + workflowItems
                + " cases=" + cases + " httpDrafts=" + httpDrafts + " clients=" + Arrays.toString(clientCounts)
                + " rawMillis=" + rawMillis + " queries=" + queries);
        report.forEach(System.out::println);
        System.out.println();
        breakdowns.forEach(System.out::println);
        System.exit(0);
    }

    private static void registerPlaces(CommandSender commands) {
        commands.send(new RegisterJurisdiction(PROVINCE, "四川省", JurisdictionLevel.PROVINCE, null, false), ADMIN);
        commands.send(new RegisterJurisdiction(CITY, "德阳市", JurisdictionLevel.CITY, PROVINCE, false), ADMIN);
        for (String body : List.of(BODY, JUSTICE, REFORM)) {
            commands.send(new RegisterImplementingBody(body, "基准测试单位" + body, CITY, BodyNature.STATUTORY_ORGAN,
                    true), ADMIN);
        }
    }

    /**
     * One case from receipt to rating, received on a working day of 2025 and concluded 0 to 12 working days after
     * acceptance (so that some run past the promised 10 days); returns the mean latency of its commands.
     */
    private static long handleCase(CommandSender commands, WorkingDayCalendar calendar, String itemId, int i) {
        String caseId = UUID.randomUUID().toString();
        LocalDate received = calendar.addWorkingDays(LocalDate.of(2025, 1, 2), i % 240);
        LocalDate concluded = calendar.addWorkingDays(received, i % 13);
        Applicant applicant = new Applicant("申请人" + i, IdentityDocument.RESIDENT_ID_CARD,
                String.format(Locale.ROOT, "510603198001%06d", i % 1_000_000), "13800000000");
        long t = 0;
        t += timed(() -> commands.send(new SubmitCase(caseId, itemId, BODY, Channel.WINDOW, applicant, received,
                List.of("申请书"), "综合窗口" + (i % 4 + 1), null), WINDOW));
        t += timed(() -> commands.send(new AcceptCase(caseId, received), WINDOW));
        t += timed(() -> commands.send(new RecordReviewStep(caseId, "审查", "审批科", "基准测试", "同意", received,
                concluded, null), WINDOW));
        t += timed(() -> commands.send(new DecideCase(caseId, true, List.of(), concluded), WINDOW));
        t += timed(() -> commands.send(new ConcludeCase(caseId, concluded), WINDOW));
        t += timed(() -> commands.send(new EvaluateCase(caseId, Satisfaction.values()[i % 3], Channel.WINDOW, null,
                concluded), WINDOW));
        return t / CASE_COMMANDS;
    }

    private static long workflow(CommandSender commands, int i) {
        String itemId = UUID.randomUUID().toString();
        long t = 0;
        t += timed(() -> commands.send(new DraftPowerItem(itemId, BODY, content("审批" + i, i)), CLERK));
        t += timed(() -> commands.send(new SubmitPowerItem(itemId, null), CLERK));
        t += timed(() -> commands.send(new ApprovePowerItem(itemId, null, null), REVIEWER));
        t += timed(() -> commands.send(new PublishPowerItem(itemId, DECISION, null), REFORM_OFFICE));
        return t / 4;
    }

    /** A token of the demo identity provider for a role in a body. */
    private static String demoToken(HttpClient http, String base, String role, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/demo/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"" + role + "\",\"body\":\"" + body + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        var token = java.util.regex.Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("demo token refused: " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    private static void draftOverHttp(HttpClient http, String base, String token, int i) {
        String json = "{\"bodyId\":\"" + BODY + "\",\"name\":\"网上起草" + i + "\",\"type\":\"LICENCE\","
                + "\"legalBases\":[{\"kind\":\"LAW\",\"title\":\"《中华人民共和国食品安全法》\",\"article\":\"第三十五条\"}],"
                + "\"legalLimitDays\":20,\"promisedLimitDays\":10}";
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/items"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("draft over HTTP answered " + response.statusCode());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Uploads a list of {@code rows} new items of the benchmark's body as a reform office and waits until the job is
     * no longer running; returns the time from upload to done, and the highest heap in use seen while polling in
     * {@code peakHeap}. Fails unless every row was created.
     */
    private static long importOverHttp(HttpClient http, String base, String token, int rows, long[] peakHeap) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("德阳市权责清单(基准测试)\n"
                + "序号,事项名称,事项类型,实施编码,设定依据,行使层级,实施主体统一社会信用代码,实施主体,法定时限,承诺时限,联系人\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",导入事项").append(run).append('-').append(i).append(",行政许可,").append(run)
                    .append('-').append(i).append(",《中华人民共和国行政许可法》第十二条,3,").append(BODY)
                    .append(",,20,10,基准测试\n");
        }
        String boundary = "----quanli-bench-" + run;
        StringBuilder form = new StringBuilder();
        Map.of("documentNumber", "德府发〔2013〕25号", "effectiveDate", "2013-07-01", "dryRun", "false").forEach(
                (name, value) -> form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                        .append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"list.csv\"\r\nContent-Type: text/csv\r\n\r\n").append(csv).append("\r\n--")
                .append(boundary).append("--\r\n");
        try {
            long started = System.nanoTime();
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/imports"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            String location = accepted.headers().firstValue("Location").orElse(null);
            if (accepted.statusCode() != 202 || location == null) {
                throw new IllegalStateException("import refused: " + accepted.statusCode() + " " + accepted.body());
            }
            URI job = URI.create(location.startsWith("http") ? location : base + location);
            while (true) {
                String body = http.send(HttpRequest.newBuilder(job).header("Authorization", "Bearer " + token).GET()
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                peakHeap[0] = Math.max(peakHeap[0], ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                if (!body.contains("\"status\":\"RUNNING\"")) {
                    long elapsed = System.nanoTime() - started;
                    var created = java.util.regex.Pattern.compile("\"created\"\\s*:\\s*(\\d+)").matcher(body);
                    if (!body.contains("\"status\":\"COMPLETED\"") || !created.find()
                            || Integer.parseInt(created.group(1)) != rows) {
                        throw new IllegalStateException("import did not create every row: " + body);
                    }
                    return elapsed;
                }
                // A page showing a job polls about this often; polled every 20 ms, the requests took a quarter of the
                // JVM's samples during the import (JFR), counted in its CPU per row.
                Thread.sleep(IMPORT_POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void statistics(QueryAsker queries, Granularity granularity, Dimension dimension) {
        queries.ask(new CaseStatisticsQuery(null, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), granularity,
                dimension), CaseStatistics.class);
    }

    private static ItemContent content(String name, int i) {
        ItemType type = ItemType.values()[i % ItemType.values().length];
        return new ItemContent(name, type, List.of(new LegalBasis(LegalBasisKind.LAW, "《中华人民共和国行政许可法》",
                "第" + (i % 80 + 1) + "条")), 20, i % 3 == 0 ? 0 : 10);
    }

    private static long listed(QueryAsker queries) {
        return queries.ask(new PublishedListQuery(CITY, null, null, null, null, null, null, 0, 1),
                PublishedList.class).total();
    }

    private interface Work {
        long run(int i) throws Exception;
    }

    /** Runs {@code count} units of work on {@code threads} threads; returns each unit's latency in nanoseconds. */
    private static long[] run(int threads, int count, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<Future<Long>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> work.run(n)));
        }
        long[] latencies = new long[count + 1];
        for (int i = 0; i < count; i++) {
            latencies[i] = futures.get(i).get();
        }
        latencies[count] = System.nanoTime() - started; // the last slot carries the wall time
        pool.shutdown();
        return latencies;
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("projections did not catch up within 30 minutes");
            }
            Thread.sleep(50);
        }
    }

    private static String throughput(String what, long[] latencies) {
        return throughput(what, latencies, 1);
    }

    private static String throughput(String what, long[] latencies, int commandsPerUnit) {
        int count = latencies.length - 1;
        double seconds = latencies[count] / 1e9;
        return row(what, String.format(Locale.ROOT, "%.0f commands/s; %s", count * commandsPerUnit / seconds,
                percentiles(Arrays.copyOf(latencies, count))));
    }

    private static String latency(String what, long[] latencies) {
        return row(what, percentiles(Arrays.copyOf(latencies, latencies.length - 1)));
    }

    private static String percentiles(long[] latencies) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        LongSupplier p50 = () -> sorted[(int) (sorted.length * 0.50)];
        LongSupplier p99 = () -> sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))];
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms", p50.getAsLong() / 1e6,
                p99.getAsLong() / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static String row(String what, String figure) {
        return String.format(Locale.ROOT, "| %-62s | %s |", what, figure);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
