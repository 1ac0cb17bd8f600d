package org.quanli.platform.replica;

import java.time.Duration;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryMessage;
import org.quanli.platform.projections.ProjectionStatuses;
import org.quanli.platform.web.Unavailable;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Every query runs in a read-only transaction, which the routing data source sends to the replica. A client that
 * must see what it has just written sends {@value #AFTER_POSITION}: a position of the event store, or {@code head}
 * for everything recorded when the query arrives. The query then waits (up to {@code quanli.read-replica.max-wait}
 * in all) until every projection of this node has passed that position, and then until the replica has replayed the
 * primary's log as far as it stands at that moment, and reads the replica. A replica that does not get there in
 * time leaves the query to the primary; projections that do not get there in time give a 503 with
 * {@code Retry-After}, rather than rows that do not yet hold the client's change.
 */
final class ReplicaQueries implements MessageHandlerInterceptor<QueryMessage<?, ?>> {

    static final String AFTER_POSITION = "X-Quanli-After-Position";
    private static final Duration POLL = Duration.ofMillis(50);

    private final ReadReplica replica;
    private final ProjectionStatuses statuses;
    private final TransactionTemplate readOnly;
    private final Duration maxWait;

    ReplicaQueries(ReadReplica replica, ProjectionStatuses statuses, TransactionTemplate readOnly, Duration maxWait) {
        this.replica = replica;
        this.statuses = statuses;
        this.readOnly = readOnly;
        this.maxWait = maxWait;
    }

    @Override
    public Object handle(UnitOfWork<? extends QueryMessage<?, ?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        String after = requested();
        if (after == null) {
            return onReplica(chain);
        }
        long position = position(after);
        Set<String> processors = statuses.streamingProcessorsHere();
        long deadline = System.nanoTime() + maxWait.toNanos();
        // First the projections, which write on the primary, must have passed the position …
        while (replica.projectionsAt(processors) < position) {
            if (System.nanoTime() > deadline) {
                throw new Unavailable("projections-behind", "投影尚未处理到位置 " + position + ",请稍后重试",
                        Duration.ofSeconds(1));
            }
            Thread.sleep(POLL.toMillis());
        }
        // … then the replica must have replayed the primary's log up to where it stands now, which holds their rows.
        String walPosition = replica.primaryWalPosition();
        while (!replica.replayedUpTo(walPosition)) {
            if (System.nanoTime() > deadline) {
                return chain.proceed();
            }
            Thread.sleep(POLL.toMillis());
        }
        return onReplica(chain);
    }

    private Object onReplica(InterceptorChain chain) throws Exception {
        Exception[] failure = new Exception[1];
        Object result = readOnly.execute(status -> {
            try {
                return chain.proceed();
            } catch (Exception e) {
                failure[0] = e;
                status.setRollbackOnly();
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result;
    }

    private long position(String after) {
        if ("head".equalsIgnoreCase(after.strip())) {
            return replica.primaryHead();
        }
        try {
            long position = Long.parseLong(after.strip());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(AFTER_POSITION + ": 应为事件位置(非负整数)或 head");
    }

    private static String requested() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getHeader(AFTER_POSITION);
        }
        return null;
    }
}
