package org.quanli.ops.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.quanli.kernel.calendar.WorkingDayCalendar;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.CaseMessages.AcceptCase;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
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
import org.quanli.kernel.delegation.DelegationMessages.DecideDelegation;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemReceived;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.delegation.DelegationQueries.DelegationStatistics;
import org.quanli.kernel.delegation.DelegationQueries.DelegationStatisticsQuery;
import org.quanli.kernel.delegation.DelegationQueries.FindingKind;
import org.quanli.kernel.delegation.DelegationQueries.Findings;
import org.quanli.kernel.delegation.DelegationQueries.FindingsQuery;
import org.quanli.kernel.delegation.DelegationQueries.Lineage;
import org.quanli.kernel.delegation.DelegationQueries.LineageQuery;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.RegisterImplementingBody;
import org.quanli.kernel.places.PlacesMessages.RegisterJurisdiction;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
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
import org.quanli.platform.integrity.StoredEventRow;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.personal.PersonalDataVault;
import org.quanli.platform.projections.BulkRuns;
import org.quanli.platform.projections.BulkRebuild;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What projecting costs, in figures a busy machine cannot change: statements and round trips per projected event (all
 * streaming projections together), and CPU milliseconds per event in the JVM and in PostgreSQL (the embedded
 * cluster's processes, from /proc). Three phases over one store written through the command path: projections
 * idle (transactions per second with nothing to do), catching up with events written while they were stopped (as a
 * node starting does: in bulk, or event by event in batches of up to the batch size), and a full rebuild of every
 * projection, then of single ones.
 *
 * <p>Knobs (system properties): bench.items (default 2000), bench.workflowItems (500), bench.cases (1000),
 * bench.threads (4), bench.idleSeconds (10), bench.singleRebuilds (true: each projection also rebuilt alone),
 * bench.followInBulk (true: the projections follow the store in bulk, {@code quanli.projections.follow-in-bulk},
 * live and in the catch-up; false: each processor event by event),
 * bench.fullRebuild (true: every projection rebuilt event by event), bench.bulkRounds (1: how often the bulk
 * rebuilds run; the later rounds run on code the JIT has compiled), bench.caseCopies (0: how many copies of the
 * cases written through the command path are added to the store before the rebuilds, for a store of province size;
 * see {@link #copyCases}), bench.queries (50: the case statistics asked after the rebuilds, per question),
 * bench.delegations (0: devolutions decided by the city, each of one item to a body in every county, carried out by
 * the delegation process with every projection following; see {@link #delegate}), bench.counties (10),
 * bench.pgStatements (false: true lists the catch-up's most expensive statements, {@link PgStatements}),
 * bench.catchUpRounds (1: how often the writes are made with the projections stopped and caught up with; the later
 * rounds on compiled code).
 */
public final class ProjectionBenchmark {

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
    private static final Decision DECISION = new Decision("德府发〔2013〕24号", LocalDate.of(2013, 7, 1));

    private ProjectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int items = Integer.getInteger("bench.items", 2000);
        int workflowItems = Integer.getInteger("bench.workflowItems", 500);
        int cases = Integer.getInteger("bench.cases", 1000);
        int threads = Integer.getInteger("bench.threads", 4);
        int idleSeconds = Integer.getInteger("bench.idleSeconds", 10);
        boolean singleRebuilds = Boolean.parseBoolean(System.getProperty("bench.singleRebuilds", "true"));
        boolean fullRebuild = Boolean.parseBoolean(System.getProperty("bench.fullRebuild", "true"));
        int bulkRounds = Integer.getInteger("bench.bulkRounds", 1);
        boolean followInBulk = Boolean.parseBoolean(System.getProperty("bench.followInBulk", "true"));
        int catchUpRounds = Integer.getInteger("bench.catchUpRounds", 1);
        // Which bulk rebuilds run, in order: comma-separated, projections rebuilt together joined by '+'.
        List<List<String>> bulkRebuilds = Arrays.stream(System.getProperty("bench.bulkRebuilds",
                        "item-history,case-timeliness,case-trail,case-view,delegation,power-lists,"
                                + "item-history+case-timeliness+case-trail").split(","))
                .map(group -> List.of(group.trim().split("\\+"))).toList();
        int caseCopies = Integer.getInteger("bench.caseCopies", 0);
        int queries = Integer.getInteger("bench.queries", 50);
        int delegations = Integer.getInteger("bench.delegations", 0);
        int counties = Integer.getInteger("bench.counties", 10);
        Path dataDir = ScratchDirectory.create("quanli-projection-bench");
        List<String> report = new ArrayList<>() {
            @Override
            public boolean add(String row) {
                System.out.println(row); // as it comes: a long run under load still leaves its first rows
                return super.add(row);
            }
        };
        report.add(String.format(Locale.ROOT, "machine: %d cores, max heap %d MiB, java %s",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version")));
        CountingDataSource[] counting = new CountingDataSource[1];
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(QuanliLedgerApplication.class)
                .profiles("demo")
                .initializers(CountingDataSource.around(counting))
                .run(arguments(dataDir, followInBulk, caseCopies))) {
            CommandSender commands = ledger.getBean(CommandSender.class);
            JdbcClient jdbc = ledger.getBean(JdbcClient.class);
            Cluster cluster = new Cluster(counting[0], new PostgresCpu(ledger.getBean(EmbeddedCluster.class).dataDirectory()));
            EventProcessingConfiguration processing = ledger.getBean(EventProcessingConfiguration.class);
            List<StreamingEventProcessor> streaming = processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                    .filter(StreamingEventProcessor::supportsReset)
                    .sorted(Comparator.comparing(StreamingEventProcessor::getName)).toList();
            WorkingDayCalendar calendar = ledger.getBean(WorkingDayCalendar.class);
            runs = ledger.getBean(BulkRuns.class);
            BulkRebuild bulk = ledger.getBean(BulkRebuild.class);
            List<String> projections = streaming.stream().map(StreamingEventProcessor::getName).toList();

            commands.send(new RegisterJurisdiction(PROVINCE, "四川省", JurisdictionLevel.PROVINCE, null, false), ADMIN);
            commands.send(new RegisterJurisdiction(CITY, "德阳市", JurisdictionLevel.CITY, PROVINCE, false), ADMIN);
            for (String body : List.of(BODY, JUSTICE, REFORM)) {
                commands.send(new RegisterImplementingBody(body, "基准测试单位" + body, CITY,
                        BodyNature.STATUTORY_ORGAN, true), ADMIN);
            }
            // A tenth written first warms the code up (JIT), so that it does not count against the live half.
            write(commands, calendar, threads, items / 10, workflowItems / 10, cases / 10, null);
            awaitCaughtUp(jdbc, streaming);
            // The first half of the store is written with projections following it live.
            long liveFrom = head(jdbc);
            Counters liveStart = Counters.now(cluster);
            Breakdown liveBreakdownStart = Breakdown.now(counting[0]);
            String[] itemIds = write(commands, calendar, threads, items / 2, workflowItems / 2, cases / 2, null);
            awaitCaughtUp(jdbc, streaming);
            Counters live = Counters.now(cluster).minus(liveStart);
            Breakdown liveBreakdownEnd = Breakdown.now(counting[0]);
            long liveEvents = head(jdbc) - liveFrom;

            // 1. Idle: nothing to project.
            Counters idle = Counters.now(cluster);
            Thread.sleep(idleSeconds * 1000L);
            Counters idleDelta = Counters.now(cluster).minus(idle);
            report.add(row("idle projections, per second", String.format(Locale.ROOT,
                    "%.1f round trips (commits included), %.1f statements, %.1f ms JVM CPU, %.1f ms PostgreSQL CPU",
                    idleDelta.roundTrips / (double) idleSeconds, idleDelta.statements / (double) idleSeconds,
                    idleDelta.jvmCpuNanos / 1e6 / idleSeconds, idleDelta.pgCpuNanos / 1e6 / idleSeconds)));

            // 2. Catch-up: the second half written while the projections are stopped, then projected.
            BulkRuns.Without stopped = runs.without(projections);
            streaming.forEach(StreamingEventProcessor::shutDown);
            long before = head(jdbc);
            Counters unprojectedStart = Counters.now(cluster);
            Breakdown unprojectedBreakdownStart = Breakdown.now(counting[0]);
            write(commands, calendar, threads, items - items / 2, workflowItems - workflowItems / 2,
                    cases - cases / 2, itemIds);
            Counters unprojected = Counters.now(cluster).minus(unprojectedStart);
            Breakdown unprojectedBreakdownEnd = Breakdown.now(counting[0]);
            long written = head(jdbc) - before;
            // Following live, the processors read the event store's shared cache of the newest events (each event
            // fetched and decoded once for all) rather than each its own stream: their cost is what the same
            // writes cost more with them running.
            report.add(perEventDifference("live: " + streaming.size() + " projections following the writes (writes"
                    + " with them running, less the same writes with them stopped)", live, liveEvents,
                    unprojected, written));
            Breakdown.perEventDifference(liveBreakdownStart, liveBreakdownEnd, liveEvents,
                    unprojectedBreakdownStart, unprojectedBreakdownEnd, written, 12).forEach(report::add);
            // The writes alone, with every projection stopped: what the command path itself costs per event.
            report.add(perEvent("the same writes with the projections stopped (" + written + " events)", unprojected,
                    written));
            Breakdown.perEvent(unprojectedBreakdownStart, unprojectedBreakdownEnd, written, 8).forEach(report::add);
            catchUp("catch-up", stopped, written, streaming, followInBulk, bulk, jdbc, cluster, counting[0], report);
            // Again on compiled code, as often as asked: the same writes with the projections stopped, then the
            // catch-up (the first one's figures carry the JIT compiling the projections' code).
            for (int round = 2; round <= catchUpRounds; round++) {
                BulkRuns.Without stoppedAgain = runs.without(projections);
                streaming.forEach(StreamingEventProcessor::shutDown);
                long from = head(jdbc);
                write(commands, calendar, threads, items - items / 2, workflowItems - workflowItems / 2,
                        cases - cases / 2, itemIds);
                catchUp("catch-up, round " + round, stoppedAgain, head(jdbc) - from, streaming, followInBulk, bulk,
                        jdbc, cluster, counting[0], report);
            }

            // Live again, on compiled code: the first live half pays for compiling the command path too, and
            // writes the first cases of each applicant (the stopped half, like this one, finds every applicant's
            // key already made). Half as many writes as the stopped half, compared with it per event.
            long againFrom = head(jdbc);
            Counters againStart = Counters.now(cluster);
            Breakdown againBreakdownStart = Breakdown.now(counting[0]);
            write(commands, calendar, threads, items / 4, workflowItems / 4, cases / 4, itemIds);
            awaitCaughtUp(jdbc, streaming);
            long againEvents = head(jdbc) - againFrom;
            report.add(perEventDifference("live again, compiled: " + streaming.size() + " projections following "
                    + againEvents + " events (less the stopped half per event)", Counters.now(cluster)
                    .minus(againStart), againEvents, unprojected, written));
            Breakdown.perEventDifference(againBreakdownStart, Breakdown.now(counting[0]), againEvents,
                    unprojectedBreakdownStart, unprojectedBreakdownEnd, written, 12).forEach(report::add);

            // 2a. Delegations at scale: the city devolves items to every county, the process carries them out.
            String delegatedItem = null;
            if (delegations > 0) {
                delegatedItem = delegate(commands, jdbc, cluster, streaming, threads, delegations, counties, report);
            }

            // 2b. Province scale: copies of the cases added to the store, every streaming processor stopped (the
            // rebuilds below project them; sagas and the rest stay stopped so that nothing else competes).
            if (caseCopies > 0) {
                // Kept from the follower for the rest of the run.
                runs.without(processing.eventProcessors().keySet());
                processing.eventProcessors().values().stream().filter(StreamingEventProcessor.class::isInstance)
                        .forEach(processor -> processor.shutDown());
                Counters copying = Counters.now(cluster);
                long copied = copyCases(jdbc, caseCopies);
                Counters delta = Counters.now(cluster).minus(copying);
                report.add(perEvent("cases copied in SQL: " + caseCopies + " copies, " + copied + " events"
                        + " (statements and rates per event copied)", delta, copied));
            }

            // 3. Rebuilds: every projection at once, then the largest ones alone.
            long events = jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
            report.add(row("the store: events / cases / items", events + " / " + jdbc.sql(
                    "select count(*) from domain_event_entry where payload_type = ?")
                    .param(CaseSubmitted.class.getName()).query(Long.class).single() + " / " + jdbc.sql(
                    "select count(distinct aggregate_identifier) from domain_event_entry where type = 'PowerItem'")
                    .query(Long.class).single()));
            if (fullRebuild) {
                report.add(perEvent("rebuild of all " + streaming.size() + " projections over " + events
                        + " events", rebuild(jdbc, cluster, streaming), events));
            }
            for (StreamingEventProcessor processor : singleRebuilds ? streaming : List.<StreamingEventProcessor>of()) {
                report.add(perEvent("rebuild of " + processor.getName() + " alone over " + events + " events",
                        rebuild(jdbc, cluster, List.of(processor)), events));
            }
            // 4. Bulk rebuilds (BulkRebuild): one read of the store, set-based writes, token per chunk.
            for (int round = 1; round <= bulkRounds; round++) {
                for (List<String> names : bulkRebuilds) {
                    String what = (bulkRounds > 1 ? "round " + round + ": " : "") + "bulk rebuild of "
                            + String.join(" + ", names);
                    Map<String, Long> pgStart = cluster.cpu().millisByKind();
                    Counters start = Counters.now(cluster);
                    BulkRebuild.Outcome outcome = bulk.rebuild(names);
                    Counters delta = Counters.now(cluster).minus(start);
                    Map<String, Long> pgEnd = cluster.cpu().millisByKind();
                    report.add(perEvent(what + " (reads " + outcome.events() + " events)"
                            + (outcome.stoppedBy() == null ? "" : " (stopped: " + outcome.stoppedBy() + ")"),
                            delta, events));
                    report.add(row(what + ": the events it reads (its own types), per second",
                            Math.round(outcome.events() / (delta.wallNanos / 1e9)) + " events/s"));
                    report.add(row(what + ": PostgreSQL CPU by process, ms per store event",
                            byKind(pgStart, pgEnd, events)));
                }
            }
            // The heap a bulk rebuild keeps alive, sampled in a rebuild of its own (the samples' full collections
            // would slow a timed one).
            try (HeapWatch watch = new HeapWatch(250)) {
                BulkRebuild.Outcome outcome = bulk.rebuild(List.of("item-history", "case-timeliness", "case-trail"));
                report.add(row("heap during a bulk rebuild of item-history + case-timeliness + case-trail over "
                        + outcome.events() + " events", watch.summary()));
            }
            // 5. Case statistics at this size (the case timeliness is complete: its bulk rebuild ran last).
            QueryAsker asker = ledger.getBean(QueryAsker.class);
            report.add(row("case timeliness rows", String.valueOf(jdbc.sql("select count(*) from case_timeliness")
                    .query(Long.class).single())));
            report.add(ListPageBenchmark.latency("case statistics, a body by month over 2025 (12 buckets)", queries,
                    () -> statistics(asker, Granularity.MONTH, new Dimension(DimensionKind.BODY, BODY))));
            report.add(ListPageBenchmark.latency("case statistics, the city and below by month over 2025", queries,
                    () -> statistics(asker, Granularity.MONTH, new Dimension(DimensionKind.JURISDICTION, CITY))));
            report.add(ListPageBenchmark.latency("case statistics, the province and below by day over 2025 (365"
                    + " buckets)", queries, () -> statistics(asker, Granularity.DAY,
                    new Dimension(DimensionKind.JURISDICTION, PROVINCE))));
            // An item's question reads the case facts, not the sums kept per body and day: the item with most cases.
            Map<String, Object> busiest = jdbc.sql("select item_id, count(*) as cases from case_timeliness"
                    + " group by item_id order by count(*) desc, item_id limit 1").query().singleRow();
            report.add(ListPageBenchmark.latency("case statistics, an item of " + busiest.get("cases")
                    + " cases by month over 2025", queries, () -> statistics(asker, Granularity.MONTH,
                    new Dimension(DimensionKind.ITEM, (String) busiest.get("item_id")))));
            if (delegatedItem != null) {
                delegationQueries(asker, delegatedItem, queries).forEach(report::add);
            }
            report.add(keyMisses(ledger.getBean(PersonalDataVault.class), jdbc, cluster));
            // 6. What reading the store alone costs, chunk by chunk in order of position as a rebuild reads it
            // (every column, the payloads fetched as bytes but not decoded), and what PostgreSQL alone takes to write
            // the rebuilt rows again, set-based, into an empty table of the
            // same shape (its indexes included): the ceiling of a rebuild whose JVM side cost nothing.
            Counters readStart = Counters.now(cluster);
            long readEvents = 0;
            for (long after = -1; ; ) {
                List<StoredEventRow> rows = jdbc.sql("select " + StoredEventRow.COLUMNS + " from domain_event_entry"
                                + " where global_index > ? order by global_index limit 5000")
                        .param(after).query((rs, row) -> StoredEventRow.from(rs)).list();
                if (rows.isEmpty()) {
                    break;
                }
                readEvents += rows.size();
                after = rows.get(rows.size() - 1).globalIndex();
            }
            report.add(perEvent("reading the store alone: " + readEvents + " events in chunks of 5000, not decoded",
                    Counters.now(cluster).minus(readStart), readEvents));
            for (String table : List.of("item_history", "case_timeliness", "case_trail")) {
                jdbc.sql("drop table if exists bench_ceiling").update();
                jdbc.sql("create table bench_ceiling (like " + table + " including all)").update();
                Counters start = Counters.now(cluster);
                long rows = jdbc.sql("insert into bench_ceiling select * from " + table).update();
                Counters delta = Counters.now(cluster).minus(start);
                jdbc.sql("drop table bench_ceiling").update();
                report.add(row("PostgreSQL alone: " + table + "'s " + rows + " rows written again set-based into an"
                        + " empty table of its shape", String.format(Locale.ROOT,
                        "%d rows/s, %.4f ms PostgreSQL CPU per row", Math.round(rows / (delta.wallNanos / 1e9)),
                        delta.pgCpuNanos / 1e6 / Math.max(rows, 1))));
            }
            report.add(row("event store on disk, per event (table, its indexes and TOAST)", jdbc.sql(
                    "select pg_total_relation_size('domain_event_entry') / greatest(count(*), 1) "
                            + "from domain_event_entry").query(Long.class).single() + " bytes"));
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            report.add(row("heap in use after the run (after GC)",
                    ((runtime.totalMemory() - runtime.freeMemory()) >> 20) + " MiB"));
        }
        System.out.println();
        System.out.println("Quanli Ledger projection benchmark: items=" + items + " workflowItems=" + workflowItems
                + " cases=" + cases + " threads=" + threads);
        System.out.println("| what | statements/event | round trips/event | JVM CPU ms/event "
                + "| PostgreSQL CPU ms/event | events/s |");
        report.forEach(System.out::println);
        System.exit(0);
    }

    /** Replays the processors event by event, taken from the bulk follower meanwhile. */
    private static Counters rebuild(JdbcClient jdbc, Cluster cluster, List<StreamingEventProcessor> processors)
            throws InterruptedException {
        try (BulkRuns.Without replaying = runs.without(
                processors.stream().map(StreamingEventProcessor::getName).toList())) {
            processors.forEach(StreamingEventProcessor::shutDown);
            Counters start = Counters.now(cluster);
            for (StreamingEventProcessor processor : processors) {
                processor.resetTokens();
                processor.start();
            }
            awaitCaughtUp(jdbc, processors);
            return Counters.now(cluster).minus(start);
        }
    }

    private static CaseStatistics statistics(QueryAsker asker, Granularity granularity, Dimension dimension) {
        return asker.ask(new CaseStatisticsQuery(null, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31),
                granularity, dimension), CaseStatistics.class);
    }

    /**
     * The bulk path to a province-sized store: every event of every case in the store, copied {@code copies} times
     * in SQL, each copy of a case under an id of its own (in the aggregate identifier and wherever the payload names
     * it) with new event ids, appended after the head in the order of the originals. The copies are the events the
     * command path wrote for their originals, byte for byte otherwise: the same recorded time and metadata, and the
     * same applicants, whose personal data stays sealed under the originals' keys. One statement per copy. The
     * command side's own tables (look-ups, deadlines) know nothing of the copies: they are concluded cases, there
     * only for the projections to rebuild and the statistics to count.
     *
     * @return the events added
     */
    private static long copyCases(JdbcClient jdbc, int copies) {
        jdbc.sql("drop table if exists bench_case_original").update();
        jdbc.sql("""
                create table bench_case_original as
                select e.* from domain_event_entry e
                where e.aggregate_identifier in
                    (select aggregate_identifier from domain_event_entry where payload_type = ?)""")
                .param(CaseSubmitted.class.getName()).update();
        long added = 0;
        for (int copy = 0; copy < copies; copy++) {
            added += jdbc.sql("""
                    insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    select c.id, e.sequence_number, e.type, gen_random_uuid()::text, e.time_stamp, e.payload_type,
                        e.payload_revision,
                        convert_to(replace(convert_from(e.payload, 'UTF8'), e.aggregate_identifier, c.id), 'UTF8'),
                        e.meta_data
                    from bench_case_original e
                    join (select original, gen_random_uuid()::text as id
                          from (select distinct aggregate_identifier as original from bench_case_original) o) c
                      on c.original = e.aggregate_identifier
                    order by e.global_index""").update();
        }
        jdbc.sql("drop table bench_case_original").update();
        jdbc.sql("analyze domain_event_entry").update();
        return added;
    }

    /**
     * Delegations at scale, through the command path: {@code counties} counties under the city, each with a body;
     * {@code delegations} items recorded at the city's bureau; then one devolution per item, decided by the city's
     * reform office, to the body of every county. The delegation process sends each source item its
     * {@code DelegatePowerItem} and each receiver its {@code ReceiveDelegatedItem}; every projection follows. Measured
     * from the first decision until every received item is recorded and every projection has caught up.
     *
     * @return a delegated source item, for the lineage question
     */
    private static String delegate(CommandSender commands, JdbcClient jdbc, Cluster cluster,
                                   List<StreamingEventProcessor> streaming, int threads, int delegations,
                                   int counties, List<String> report) throws Exception {
        if (counties < 1 || counties > 79) {
            throw new IllegalArgumentException("bench.counties must be 1 to 79 (codes 510621 to 510699)");
        }
        List<String> receivers = new ArrayList<>();
        for (int n = 0; n < counties; n++) {
            String county = county(n);
            commands.send(new RegisterJurisdiction(county, "基准县" + n, JurisdictionLevel.COUNTY, CITY, false), ADMIN);
            String first17 = "11" + county + "MB0000101";
            String body = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
            commands.send(new RegisterImplementingBody(body, "基准县" + n + "市场监督管理局", county,
                    BodyNature.STATUTORY_ORGAN, true), ADMIN);
            receivers.add(body);
        }
        String[] items = new String[delegations];
        for (int i = 0; i < delegations; i++) {
            items[i] = UUID.randomUUID().toString();
        }
        run(threads, delegations, i -> commands.send(new RecordPublishedItem(items[i], BODY,
                content("下放事项" + items[i], i), DECISION, "bench"), REFORM_OFFICE));
        awaitCaughtUp(jdbc, streaming);
        long before = head(jdbc);
        Counters start = Counters.now(cluster);
        Breakdown breakdownStart = Breakdown.now(cluster.counting());
        run(threads, delegations, i -> commands.send(new DecideDelegation(UUID.randomUUID().toString(),
                DelegationMode.DEVOLVE, List.of(items[i]), receivers, null, null,
                new Decision("德府发〔2016〕" + (i + 1) + "号", LocalDate.of(2016, 7, 1))), REFORM_OFFICE));
        long expected = (long) delegations * counties;
        waitUntil(() -> jdbc.sql("select count(*) from domain_event_entry where payload_type = ?")
                .param(PowerItemReceived.class.getName()).query(Long.class).single() >= expected);
        awaitCaughtUp(jdbc, streaming);
        Counters delta = Counters.now(cluster).minus(start);
        long events = head(jdbc) - before;
        report.add(perEvent("delegations: " + delegations + " devolutions to " + counties + " counties each, decided,"
                + " carried out by the process and projected (" + events + " events, " + expected
                + " received items)", delta, events));
        Breakdown.perEvent(breakdownStart, Breakdown.now(cluster.counting()), events, 16).forEach(report::add);
        report.add(row("delegations: devolutions carried out and projected, per second",
                String.format(Locale.ROOT, "%.1f devolutions/s, %.1f received items/s",
                        delegations / (delta.wallNanos / 1e9), expected / (delta.wallNanos / 1e9))));
        return items[0];
    }

    /** The n-th county {@link #delegate} registers under the city. */
    private static String county(int n) {
        return String.format(Locale.ROOT, "5106%02d", 21 + n);
    }

    /** The delegation reads over the delegations {@link #delegate} wrote. */
    private static List<String> delegationQueries(QueryAsker asker, String sourceItem, int queries) {
        LocalDate reference = LocalDate.of(2017, 1, 1);
        String county = county(0);
        Findings findings = asker.ask(new FindingsQuery(null, CITY, null, reference, 0, 20), Findings.class);
        Map<String, Long> byKind = new TreeMap<>();
        for (FindingKind kind : FindingKind.values()) {
            byKind.put(kind.name(), asker.ask(new FindingsQuery(kind, CITY, null, reference, 0, 1), Findings.class)
                    .total());
        }
        return List.of(
                row("delegation findings in the city and below on " + reference, findings.total() + " " + byKind),
                ListPageBenchmark.latency("delegation statistics, the city's decisions in 2016", queries,
                        () -> asker.ask(new DelegationStatisticsQuery(CITY, LocalDate.of(2016, 1, 1),
                                LocalDate.of(2016, 12, 31)), DelegationStatistics.class)),
                ListPageBenchmark.latency("delegation findings in the city and below, every kind, first page of 20",
                        queries, () -> asker.ask(new FindingsQuery(null, CITY, null, reference, 0, 20),
                                Findings.class)),
                ListPageBenchmark.latency("lineage of a devolved item (its receivers in every county)", queries,
                        () -> asker.ask(new LineageQuery(sourceItem), Lineage.class)),
                ListPageBenchmark.latency("a county's list of received items, first page of 20", queries,
                        () -> asker.ask(new PublishedListQuery(county, null, null, null, null, reference, null, 0,
                                20, true), PublishedList.class)));
    }

    /**
     * What a personal-data key costs when the vault's cache does not hold it: every subject's key dropped from the
     * cache, then read (a query of {@code personal_data_key} and the key unwrapped). A province's rebuild meets most
     * applicants once, so it pays this about once per case.
     */
    private static String keyMisses(PersonalDataVault vault, JdbcClient jdbc, Cluster cluster) {
        List<String> subjects = jdbc.sql("select subject_id from personal_data_key where data_key is not null")
                .query(String.class).list();
        subjects.forEach(vault::forget);
        Counters start = Counters.now(cluster);
        subjects.forEach(vault::keyOf);
        Counters delta = Counters.now(cluster).minus(start);
        return perEvent("personal-data keys read past the vault's cache: " + subjects.size() + " subjects (per key)",
                delta, Math.max(subjects.size(), 1));
    }

    /** Writes items (recorded as published, and through the review workflow) and cases; returns the items' ids. */
    private static String[] write(CommandSender commands, WorkingDayCalendar calendar, int threads, int items,
                                  int workflowItems, int cases, String[] existing) throws Exception {
        String[] itemIds = existing != null ? existing : new String[items];
        if (existing == null) {
            for (int i = 0; i < items; i++) {
                itemIds[i] = UUID.randomUUID().toString();
            }
        }
        String[] ids = new String[items];
        for (int i = 0; i < items; i++) {
            ids[i] = UUID.randomUUID().toString();
        }
        String[] recorded = existing == null ? itemIds : ids;
        run(threads, items, i -> commands.send(new RecordPublishedItem(recorded[i], BODY,
                content("事项" + recorded[i], i), DECISION, "bench"), REFORM_OFFICE));
        run(threads, workflowItems, i -> {
            String itemId = UUID.randomUUID().toString();
            commands.send(new DraftPowerItem(itemId, BODY, content("审批" + itemId, i)), CLERK);
            commands.send(new SubmitPowerItem(itemId, null), CLERK);
            commands.send(new ApprovePowerItem(itemId, null, null), REVIEWER);
            commands.send(new PublishPowerItem(itemId, DECISION, null), REFORM_OFFICE);
        });
        run(threads, cases, i -> {
            String caseId = UUID.randomUUID().toString();
            LocalDate received = calendar.addWorkingDays(LocalDate.of(2025, 1, 2), i % 240);
            LocalDate concluded = calendar.addWorkingDays(received, i % 13);
            Applicant applicant = new Applicant("申请人" + i, IdentityDocument.RESIDENT_ID_CARD,
                    String.format(Locale.ROOT, "510603198001%06d", i % 1_000_000), "13800000000");
            commands.send(new SubmitCase(caseId, itemIds[i % itemIds.length], BODY, Channel.WINDOW, applicant,
                    received, List.of("申请书"), "综合窗口" + (i % 4 + 1), null), WINDOW);
            commands.send(new AcceptCase(caseId, received), WINDOW);
            commands.send(new RecordReviewStep(caseId, "审查", "审批科", "基准测试", "同意", received, concluded,
                    null), WINDOW);
            commands.send(new DecideCase(caseId, true, List.of(), concluded), WINDOW);
            commands.send(new ConcludeCase(caseId, concluded), WINDOW);
            commands.send(new EvaluateCase(caseId, Satisfaction.values()[i % 3], Channel.WINDOW, null, concluded),
                    WINDOW);
        });
        return itemIds;
    }

    private static ItemContent content(String name, int i) {
        ItemType type = ItemType.values()[i % ItemType.values().length];
        return new ItemContent(name, type, List.of(new LegalBasis(LegalBasisKind.LAW, "《中华人民共和国行政许可法》",
                "第" + (i % 80 + 1) + "条")), 20, i % 3 == 0 ? 0 : 10);
    }

    private static long head(JdbcClient jdbc) {
        return jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry").query(Long.class).single();
    }

    /**
     * Every segment of every given processor claimed and at the head of the store. Not "not replaying": a reset
     * segment keeps its replay token until an event past the reset arrives, and none comes in a quiet store.
     */
    private static void awaitCaughtUp(JdbcClient jdbc, List<StreamingEventProcessor> processors)
            throws InterruptedException {
        long head = head(jdbc);
        // Counted once: asked at every poll, the counts were a twentieth of a round trip per event of a catch-up.
        Map<String, Long> segments = new HashMap<>();
        for (StreamingEventProcessor processor : processors) {
            segments.put(processor.getName(), jdbc.sql("select count(*) from token_entry where processor_name = ?")
                    .param(processor.getName()).query(Long.class).single());
        }
        waitUntil(() -> processors.stream().allMatch(processor ->
                AtHead.passed(runs, processor, segments.get(processor.getName()), head)));
    }

    private interface Work {
        void run(int i) throws Exception;
    }

    /** What projects in bulk on the ledger's node, for the waits on the projections. */
    private static BulkRuns runs;

    /** The clients, kept from phase to phase so that their CPU time stays countable by thread. */
    private static ExecutorService clients;

    private static void run(int threads, int count, Work work) throws Exception {
        if (clients == null) {
            AtomicInteger number = new AtomicInteger();
            clients = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "bench-client-" + number.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        ExecutorService pool = clients;
        List<Future<?>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                work.run(n);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }

    /** PostgreSQL's CPU between two readings, by kind of process, per event. */
    private static String byKind(Map<String, Long> start, Map<String, Long> end, long events) {
        return end.entrySet().stream().map(kind -> String.format(Locale.ROOT, "%s %.4f", kind.getKey(),
                (kind.getValue() - start.getOrDefault(kind.getKey(), 0L)) / (double) events))
                .collect(Collectors.joining(", "));
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("projections did not catch up within 30 minutes");
            }
            Thread.sleep(20);
        }
    }

    private static String perEvent(String what, Counters delta, long events) {
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.3f | %.3f | %d |", what,
                delta.statements / (double) events, delta.roundTrips / (double) events,
                delta.jvmCpuNanos / 1e6 / events, delta.pgCpuNanos / 1e6 / events,
                Math.round(events / (delta.wallNanos / 1e9)));
    }

    /** The per-event figures of {@code more} less those of {@code less}; no rate. */
    private static String perEventDifference(String what, Counters more, long moreEvents, Counters less,
                                             long lessEvents) {
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.3f | %.3f | — |", what,
                more.statements / (double) moreEvents - less.statements / (double) lessEvents,
                more.roundTrips / (double) moreEvents - less.roundTrips / (double) lessEvents,
                (more.jvmCpuNanos / (double) moreEvents - less.jvmCpuNanos / (double) lessEvents) / 1e6,
                (more.pgCpuNanos / (double) moreEvents - less.pgCpuNanos / (double) lessEvents) / 1e6);
    }

    /**
     * Projects what was written while the projections were stopped, as a node starting does: the follower takes the
     * projections (their processors stay stopped) and the processes start; without it, every processor starts.
     */
    private static void catchUp(String what, BulkRuns.Without stopped, long written,
                                List<StreamingEventProcessor> streaming, boolean followInBulk, BulkRebuild bulk,
                                JdbcClient jdbc, Cluster cluster, CountingDataSource counting, List<String> report)
            throws InterruptedException {
        Counters start = Counters.now(cluster);
        Map<String, Long> pgStart = cluster.cpu().millisByKind();
        Breakdown breakdownStart = Breakdown.now(counting);
        PgStatements statements = PgStatements.start(jdbc);
        stopped.close();
        streaming.stream().filter(processor -> !followInBulk || !bulk.supports(processor.getName()))
                .forEach(StreamingEventProcessor::start);
        awaitCaughtUp(jdbc, streaming);
        report.add(perEvent(what + " of " + streaming.size() + " projections over " + written + " new events"
                        + (followInBulk ? ", the projections followed in bulk" : ", event by event"),
                Counters.now(cluster).minus(start), written));
        report.add(row(what + ": PostgreSQL CPU by process, ms per event",
                byKind(pgStart, cluster.cpu().millisByKind(), written)));
        Breakdown.perEvent(breakdownStart, Breakdown.now(counting), written, 16).forEach(report::add);
        if (statements != null) {
            statements.perEvent(written, 30).forEach(report::add);
        }
    }

    private static String[] arguments(Path dataDir, boolean followInBulk, int caseCopies) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--quanli.data-dir=" + dataDir,
                "--quanli.embedded-db.durable=true", "--logging.level.root=WARN", "--logging.level.org.quanli=WARN",
                "--quanli.projections.follow-in-bulk=" + followInBulk,
                // With copies, the ledger would seal a million events while the rebuilds are measured; sealing
                // has its own benchmark (IntegrityBenchmark).
                "--quanli.ledger.sealer=" + (caseCopies == 0)));
        arguments.addAll(PgStatements.settings());
        return arguments.toArray(String[]::new);
    }

    private static String row(String what, String figure) {
        return "| " + what + " | " + figure + " |";
    }

    /** What is counted about the application's database: its statements and round trips, and the cluster's CPU. */
    private record Cluster(CountingDataSource counting, PostgresCpu cpu) {
    }

    /** Statements (a batch's rows each) and round trips (executes, batches, commits) of every thread. */
    private record Counters(long statements, long roundTrips, long jvmCpuNanos, long pgCpuNanos, long wallNanos) {

        static Counters now(Cluster cluster) {
            long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new Counters(cluster.counting().allStatements.sum(), cluster.counting().allRoundTrips.sum(), jvm,
                    cluster.cpu().millis() * 1_000_000L, System.nanoTime());
        }

        Counters minus(Counters earlier) {
            return new Counters(statements - earlier.statements, roundTrips - earlier.roundTrips,
                    jvmCpuNanos - earlier.jvmCpuNanos, pgCpuNanos - earlier.pgCpuNanos, wallNanos - earlier.wallNanos);
        }
    }
}
