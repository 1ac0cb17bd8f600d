package org.quanli.platform.projections;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Which projections a bulk run on this node projects instead of their processors ({@link BulkRebuild}), and which
 * something waits to have to itself. A rebuild, a catch-up, an operator's replay or anything else that needs a
 * projection's processor takes it from a run following the tail ({@link BulkFollower}), which ends at its next
 * chunk and does not take it back while it is wanted; two rebuilds or catch-ups of one projection refuse each other.
 */
@Component
public class BulkRuns {

    private static final Duration HAND_OVER = Duration.ofMinutes(2);

    /** @param reached the position every segment has passed: where the run started, then each chunk's end */
    private record Run(boolean following, Set<Integer> segments, long reached) {
    }

    private final Map<String, Run> runs = new HashMap<>();
    private final Map<String, Integer> wanted = new HashMap<>();
    private final List<Runnable> freed = new CopyOnWriteArrayList<>();

    /** Has the action run whenever a processor may have become {@link #free}. */
    public void whenFreed(Runnable action) {
        freed.add(action);
    }

    /** Whether a bulk run on this node projects the named processor. */
    public synchronized boolean inBulkRun(String name) {
        return runs.containsKey(name);
    }

    /** The segments of the named processor that a bulk run on this node holds. */
    public synchronized Set<Integer> segmentsHeld(String name) {
        Run run = runs.get(name);
        return run == null ? Set.of() : run.segments();
    }

    /**
     * The position every segment of the named processor has passed in the bulk run on this node that projects it:
     * the end of the last chunk it wrote, or where it started; empty when no run projects it, or before its start.
     */
    public synchronized OptionalLong position(String name) {
        Run run = runs.get(name);
        return run == null || run.reached() < 0 ? OptionalLong.empty() : OptionalLong.of(run.reached());
    }

    /** Whether a run following the tail may take the named processor: in no other run, and wanted by nobody. */
    public synchronized boolean free(String name) {
        return !runs.containsKey(name) && !wanted.containsKey(name);
    }

    /** Whether something waits for one of the named processors: a run following them ends at its next chunk. */
    synchronized boolean wanted(Collection<String> names) {
        return names.stream().anyMatch(wanted::containsKey);
    }

    /**
     * Runs the action with the named processors out of every run that follows the tail, which ends first; none
     * takes them back before the action returns.
     *
     * @throws IllegalStateException when a run following them did not end in time
     */
    public <T> T without(Collection<String> names, Supplier<T> action) {
        try (Without ignored = without(names)) {
            return action.get();
        }
    }

    /**
     * Takes the named processors out of every run that follows the tail, which ends first, until the returned
     * {@link Without} is closed.
     *
     * @throws IllegalStateException when a run following them did not end in time
     */
    public Without without(Collection<String> names) {
        List<String> taken = List.copyOf(names);
        want(taken);
        try {
            awaitOutOfFollowing(taken);
        } catch (RuntimeException e) {
            unwant(taken);
            throw e;
        }
        return new Without(taken);
    }

    /** Processors kept out of the runs that follow the tail until closed. */
    public final class Without implements AutoCloseable {

        private final List<String> names;
        private boolean closed;

        private Without(List<String> names) {
            this.names = names;
        }

        @Override
        public void close() {
            synchronized (BulkRuns.this) {
                if (closed) {
                    return;
                }
                closed = true;
                unwant(names);
            }
            freed.forEach(Runnable::run);
        }
    }

    /**
     * Marks the named processors as in a bulk run, once a run following one of them has let it go.
     *
     * @param following whether the run follows the tail: then it takes only those that are {@link #free}
     * @return the processors marked
     * @throws IllegalStateException when one of them is in a rebuild or catch-up (not for a run following)
     */
    synchronized List<String> hold(List<String> names, boolean following) {
        List<String> taken = following ? names.stream().filter(this::free).toList() : names;
        if (!following) {
            want(names);
            try {
                awaitOutOfFollowing(names);
            } finally {
                unwant(names);
            }
            List<String> busy = names.stream().filter(runs::containsKey).toList();
            if (!busy.isEmpty()) {
                throw new IllegalStateException("projections " + busy + " are being rebuilt or caught up in bulk");
            }
        }
        taken.forEach(name -> runs.put(name, new Run(following, Set.of(), -1)));
        return taken;
    }

    /** Records the segments the run holds of a processor it holds. */
    synchronized void holding(String name, Set<Integer> segments) {
        runs.computeIfPresent(name, (key, run) -> new Run(run.following(), Set.copyOf(segments), run.reached()));
    }

    /** Records the position the run has brought every segment of the named processors to. */
    synchronized void reached(Collection<String> names, long position) {
        names.forEach(name -> runs.computeIfPresent(name,
                (key, run) -> new Run(run.following(), run.segments(), position)));
    }

    void release(String name) {
        synchronized (this) {
            runs.remove(name);
            notifyAll();
        }
        freed.forEach(Runnable::run);
    }

    private synchronized void want(Collection<String> names) {
        names.forEach(name -> wanted.merge(name, 1, Integer::sum));
    }

    private synchronized void unwant(Collection<String> names) {
        names.forEach(name -> wanted.computeIfPresent(name, (key, count) -> count == 1 ? null : count - 1));
    }

    private synchronized void awaitOutOfFollowing(Collection<String> names) {
        long deadline = System.nanoTime() + HAND_OVER.toNanos();
        try {
            while (names.stream().map(runs::get).anyMatch(run -> run != null && run.following())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the run following " + names + " did not let them go");
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + names, e);
        }
    }
}
