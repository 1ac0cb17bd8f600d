package org.quanli.command.cases;

import java.time.Instant;
import java.util.List;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * Case deadlines on db-scheduler's {@code scheduled_tasks}, with the schedule ids each case was given kept in
 * {@code case_deadline}. Axon's own {@code cancelAllWithinScope} reads every scheduled deadline of every case and
 * filters them in memory, and fails the command when one of them is executing at that moment; a cancel here is one
 * indexed statement on this case's rows that leaves an executing deadline alone, written and rolled back with the
 * command (the JdbcClient joins the transaction of the command's unit of work).
 */
@Component
class JdbcCaseDeadlines implements CaseDeadlines {

    /** db-scheduler's task name for Axon deadlines ("AxonDeadline"), taken from Axon rather than repeated. */
    private static final String TASK_NAME = new DbSchedulerDeadlineToken("").getTaskName();

    private final DeadlineManager deadlines;
    private final JdbcClient jdbc;

    JdbcCaseDeadlines(DeadlineManager deadlines, JdbcClient jdbc) {
        Assert.isInstanceOf(DbSchedulerDeadlineManager.class, deadlines,
                "case deadlines are cancelled in db-scheduler's table: the deadline manager must be db-scheduler's");
        this.deadlines = deadlines;
        this.jdbc = jdbc;
    }

    @Override
    public void schedule(String caseId, Instant at, String deadlineName, Object messageOrPayload) {
        // db-scheduler stores the task when the unit of work prepares to commit, under this id as its task_instance.
        String scheduleId = deadlines.schedule(at, deadlineName, messageOrPayload);
        inAxonsOrder(() -> jdbc.sql("insert into case_deadline (schedule_id, case_id, deadline_name) values (?, ?, ?)")
                .params(scheduleId, caseId, deadlineName)
                .update());
    }

    @Override
    public void cancel(String caseId, String... deadlineNames) {
        // A picked row is being executed by db-scheduler right now (a deadline that came due while the case is
        // being handled, as back-filled cases' deadlines do); touching it would fail the command. It is left to
        // finish: every deadline handler of the case checks the case's own state when it fires, so one that is no
        // longer wanted does nothing, and db-scheduler removes its row when it is done. Its id is forgotten all the
        // same.
        inAxonsOrder(() -> jdbc.sql("""
                with forgotten as (
                    delete from case_deadline where case_id = :caseId and deadline_name in (:names)
                    returning schedule_id)
                delete from scheduled_tasks
                where task_name = :taskName and picked = false
                  and task_instance in (select schedule_id from forgotten)""")
                .param("caseId", caseId)
                .param("names", List.of(deadlineNames))
                .param("taskName", TASK_NAME)
                .update());
    }

    /**
     * Writes where Axon's deadline manager stores and cancels its tasks: when the unit of work prepares to commit, in
     * the order the case asked (a cancel followed by a schedule of the same name keeps the new one), or at once
     * outside a unit of work. Always in a transaction: outside one the rows would be written whatever became of the
     * command.
     */
    private static void inAxonsOrder(Runnable write) {
        Runnable inTransaction = () -> {
            Assert.state(TransactionSynchronizationManager.isActualTransactionActive(),
                    "case deadlines are kept in the transaction of the command or deadline that changes them");
            write.run();
        };
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> inTransaction.run());
        } else {
            inTransaction.run();
        }
    }
}
