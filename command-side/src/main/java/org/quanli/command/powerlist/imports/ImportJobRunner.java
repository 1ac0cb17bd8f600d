package org.quanli.command.powerlist.imports;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.quanli.command.powerlist.ItemDirectory;
import org.quanli.command.powerlist.imports.ImportJobStore.Progress;
import org.quanli.command.powerlist.imports.ImportPlanner.ImportPlan;
import org.quanli.command.powerlist.imports.ImportPlanner.PlannedRow;
import org.quanli.command.powerlist.imports.ImportReport.RowError;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.powerlist.PowerListMessages.RecordPublishedItem;
import org.quanli.kernel.rules.AlreadyExists;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.NotFound;
import org.quanli.kernel.rules.RuleViolation;
import org.quanli.platform.messaging.CommandSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs real imports on a small bounded pool of its own: each planned row becomes one {@code RecordPublishedItem}
 * sent as the importing office, unless the ledger already holds the item. The rows of a batch of
 * {@code progressBatch} are recorded in one transaction and one unit of work (one commit and one append of their
 * events instead of one per row); a batch that fails is recorded again row by row, each row in its own transaction,
 * so that a refused row stops nothing but itself. Progress is written after every batch, which is also this
 * process's heartbeat. Jobs of a process that stopped are marked INTERRUPTED at start-up and by a periodic sweep,
 * once their heartbeat is stale: several command-side nodes may share the table, so a recent heartbeat may belong
 * to a live node.
 */
@Component
class ImportJobRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportJobRunner.class);

    private final String runner = UUID.randomUUID().toString();
    private final ImportJobStore store;
    private final CommandSender commands;
    private final ItemDirectory items;
    private final ImportProperties properties;
    private final ThreadPoolExecutor executor;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TransactionTemplate transactions;

    ImportJobRunner(ImportJobStore store, CommandSender commands, ItemDirectory items, ImportProperties properties,
                    MeterRegistry meters, Clock clock, TransactionTemplate transactions) {
        this.store = store;
        this.commands = commands;
        this.items = items;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        this.transactions = transactions;
        AtomicInteger threads = new AtomicInteger();
        // Not a Spring TaskExecutor bean: one would displace Boot's application executor that MVC relies on.
        this.executor = new ThreadPoolExecutor(properties.threads(), properties.threads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.queue()),
                task -> new Thread(task, "list-import-" + threads.incrementAndGet()));
    }

    /** Thrown when as many imports as allowed are already running or waiting. */
    static class QueueFull extends RuntimeException {
        QueueFull() {
            super("导入任务已满,请稍后再试", null, false, false);
        }
    }

    /** Records the job and queues it; returns its id. */
    String start(ImportPlan plan, String fileName, Decision decision, Actor office) {
        String jobId = UUID.randomUUID().toString();
        Progress progress = new Progress();
        progress.processed = plan.failed();
        progress.failed = plan.failed();
        store.create(new ImportJobStore.NewJob(jobId, fileName, plan.format(), decision.documentNumber(),
                decision.effectiveDate(), office, plan.total(), plan.warnings(), runner), progress, plan.errors());
        try {
            executor.execute(() -> run(jobId, plan.rows(), decision, office, progress));
        } catch (RejectedExecutionException e) {
            store.delete(jobId);
            throw new QueueFull();
        }
        return jobId;
    }

    private void run(String jobId, List<PlannedRow> rows, Decision decision, Actor office, Progress progress) {
        List<RowError> newErrors = new ArrayList<>();
        try {
            for (int from = 0; from < rows.size(); from += properties.progressBatch()) {
                if (Thread.interrupted()) {
                    finish(jobId, progress, newErrors, ImportJobStatus.INTERRUPTED, "服务停止,导入未完成;重新导入同一文件即可补齐");
                    return;
                }
                List<PlannedRow> batch = rows.subList(from, Math.min(rows.size(), from + properties.progressBatch()));
                recordBatch(jobId, batch, decision, office, progress, newErrors);
                store.progress(jobId, progress, newErrors);
                newErrors.clear();
            }
            finish(jobId, progress, newErrors, ImportJobStatus.COMPLETED, null);
        } catch (RuntimeException e) {
            boolean stopping = executor.isShutdown();
            Thread.interrupted();  // the end must still be written
            if (!stopping) {
                log.error("import job {} stopped by an unexpected failure", jobId, e);
            }
            finish(jobId, progress, newErrors, stopping ? ImportJobStatus.INTERRUPTED : ImportJobStatus.FAILED,
                    stopping ? "服务停止,导入未完成;重新导入同一文件即可补齐"
                            : "导入因服务器内部错误中止(已记录日志);已导入的事项保留,重新导入同一文件即可补齐");
        }
    }

    private void recordBatch(String jobId, List<PlannedRow> batch, Decision decision, Actor office,
            Progress progress, List<RowError> errors) {
        Set<String> present = items.existing(batch.stream().map(PlannedRow::itemId).toList());
        List<PlannedRow> missing = batch.stream().filter(row -> !present.contains(row.itemId())).toList();
        try {
            // Each command's unit of work joins this transaction and is nested in the batch's: the batch commits all
            // its items or none, and their events are appended together when the batch's unit commits.
            transactions.executeWithoutResult(tx -> {
                UnitOfWork<?> batchUnit = DefaultUnitOfWork.startAndGet(null);
                try {
                    missing.forEach(row -> commands.send(new RecordPublishedItem(row.itemId(), row.bodyId(),
                            row.content(), decision, jobId), office));
                } catch (RuntimeException e) {
                    batchUnit.rollback(e);
                    throw e;
                }
                batchUnit.commit();
            });
        } catch (RuntimeException e) {
            if (executor.isShutdown()) {
                throw e;
            }
            for (PlannedRow row : batch) {
                record(jobId, row, decision, office, progress, errors);
            }
            return;
        }
        progress.processed += batch.size();
        progress.alreadyPresent += batch.size() - missing.size();
        progress.created += missing.size();
    }

    private void record(String jobId, PlannedRow row, Decision decision, Actor office, Progress progress,
            List<RowError> errors) {
        progress.processed++;
        if (items.item(row.itemId()).isPresent()) {
            progress.alreadyPresent++;
            return;
        }
        try {
            commands.send(new RecordPublishedItem(row.itemId(), row.bodyId(), row.content(), decision, jobId), office);
            progress.created++;
        } catch (AggregateStreamCreationException | ConcurrencyException | DuplicateKeyException e) {
            // Another import recorded the same item since the directory was asked.
            progress.alreadyPresent++;
        } catch (RuleViolation | Forbidden | NotFound | AlreadyExists e) {
            progress.failed++;
            errors.add(new RowError(row.row(), null, e.getMessage()));
        }
    }

    private void finish(String jobId, Progress progress, List<RowError> errors, ImportJobStatus outcome,
            String failure) {
        log.info("import job {} finished {}: {} rows, {} created, {} already present, {} failed", jobId, outcome,
                progress.processed, progress.created, progress.alreadyPresent, progress.failed);
        Counter.builder("quanli.imports.jobs").tag("outcome", outcome.name()).description("Import jobs ended")
                .register(meters).increment();
        rows("created", progress.created);
        rows("already_present", progress.alreadyPresent);
        rows("failed", progress.failed);
        try {
            store.finish(jobId, progress, errors, outcome, failure);
        } catch (RuntimeException e) {
            // The database may be going away with the process; the sweep of the next start-up will close the job.
            log.warn("could not record the end of import job {}: {}", jobId, e.getMessage());
        }
    }

    private void rows(String result, long count) {
        Counter.builder("quanli.imports.rows").tag("result", result).description("Rows of ended import jobs")
                .register(meters).increment(count);
    }

    @EventListener(ApplicationReadyEvent.class)
    void interruptAbandonedJobsAtStartUp() {
        interruptAbandonedJobs();
    }

    @Scheduled(initialDelayString = "${quanli.imports.stale-after:PT1M}", fixedDelayString = "${quanli.imports.stale-after:PT1M}")
    void sweep() {
        interruptAbandonedJobs();
    }

    /** Marks INTERRUPTED the running jobs of other processes whose heartbeat is stale; returns how many. */
    int interruptAbandonedJobs() {
        int interrupted = store.interruptAbandoned(runner, clock.instant().minus(properties.staleAfter()));
        if (interrupted > 0) {
            log.info("{} import job(s) left running by a stopped process marked INTERRUPTED", interrupted);
        }
        return interrupted;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdownNow();
        // Lets a running job record that it was interrupted while the database is still there.
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
