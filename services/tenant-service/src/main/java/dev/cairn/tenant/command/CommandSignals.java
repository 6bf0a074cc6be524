package dev.cairn.tenant.command;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wakes an agent's waiting poll in this process when a command for its cluster is committed, and keeps one poll per
 * cluster: a new poll supersedes the one waiting (which answers at once, empty), so that one agent token cannot hold
 * hundreds of waits. What happens on other instances comes through {@link CommandNotifications}.
 *
 * <p>It also remembers which clusters were found with nothing to do, and since which change: while no change to a
 * cluster's commands has been signalled since (and for a bounded time), its next polls need not look at the database
 * at all (an idle agent's poll costs no transaction: ADR 0027).
 */
@ApplicationScoped
public class CommandSignals {
    private final ConcurrentHashMap<UUID, Waits> clusters = new ConcurrentHashMap<>();
    /** Every change signalled for any cluster, counted (whether a poll of it was ever seen here or not). */
    private final AtomicLong everyChange = new AtomicLong();

    /**
     * A cluster's monitor, the ticket of its latest poll, how many signals it has had (changes and polls), how many of
     * them were changes to its commands, and since which change (and until when) it is known to have nothing to do.
     */
    private static final class Waits {
        long latest;
        long signals;
        long changes;
        long quietAt = -1;
        long quietUntilNanos;
    }

    /** Starts a poll of {@code clusterId}: the poll waiting before it (if any) is woken and superseded. */
    public long begin(UUID clusterId) {
        Waits waits = clusters.computeIfAbsent(clusterId, k -> new Waits());
        synchronized (waits) {
            waits.latest++;
            waits.signals++;
            waits.notifyAll();
            return waits.latest;
        }
    }

    /**
     * How many signals the cluster has had: read before looking at the database, and given to {@link #await}, so
     * that a signal sent in between is never slept through.
     */
    public long seen(UUID clusterId) {
        Waits waits = clusters.computeIfAbsent(clusterId, k -> new Waits());
        synchronized (waits) {
            return waits.signals;
        }
    }

    /** False once a newer poll of the cluster began. */
    public boolean current(UUID clusterId, long ticket) {
        Waits waits = clusters.get(clusterId);
        if (waits == null) {
            return true;
        }
        synchronized (waits) {
            return waits.latest == ticket;
        }
    }

    /**
     * Waits up to {@code millis} for a signal for {@code clusterId} (a command, or a newer poll) after the
     * {@code seen}-th: at once when one came since. On a virtual thread the wait holds no platform thread.
     */
    public void await(UUID clusterId, long seen, long millis) throws InterruptedException {
        Waits waits = clusters.computeIfAbsent(clusterId, k -> new Waits());
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(Math.max(1, millis));
        synchronized (waits) {
            long left;
            while (waits.signals == seen && (left = until - System.nanoTime()) > 0) {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(waits, left);
            }
        }
    }

    /** Ends the poll of {@code clusterId} waiting here, superseded (a newer one began on another instance). */
    public void supersede(UUID clusterId) {
        Waits waits = clusters.get(clusterId);
        if (waits != null) {
            synchronized (waits) {
                waits.latest++;
                waits.signals++;
                waits.notifyAll();
            }
        }
    }

    /**
     * Wakes every waiting poll of every cluster, and forgets which had nothing to do (to look again, after
     * notifications may have been missed).
     */
    public void signalAll() {
        clusters.keySet().forEach(this::signal);
    }

    /** Wakes every poll waiting for {@code clusterId}: its commands changed (or may have). */
    public void signal(UUID clusterId) {
        everyChange.incrementAndGet(); // before the cluster's own count: see prime
        Waits waits = clusters.get(clusterId);
        if (waits != null) {
            synchronized (waits) {
                waits.signals++;
                waits.changes++;
                waits.notifyAll();
            }
        }
    }

    /**
     * How many changes to the cluster's commands were signalled: read before looking at the database, and given to
     * {@link #markQuiet} when that look found nothing to do.
     */
    public long changes(UUID clusterId) {
        Waits waits = clusters.computeIfAbsent(clusterId, k -> new Waits());
        synchronized (waits) {
            return waits.changes;
        }
    }

    /**
     * Remembers that the cluster had nothing to do (nothing to deliver or cancel, no lease running) as of its
     * {@code changes}-th change, for {@code nanos} at most (between half of it and all of it: clusters found quiet
     * together are looked at again apart).
     */
    public void markQuiet(UUID clusterId, long changes, long nanos) {
        Waits waits = clusters.computeIfAbsent(clusterId, k -> new Waits());
        synchronized (waits) {
            waits.quietAt = changes;
            waits.quietUntilNanos = System.nanoTime() + spread(nanos);
        }
    }

    private static long spread(long nanos) {
        return nanos <= 1 ? nanos : nanos / 2 + ThreadLocalRandom.current().nextLong(nanos - nanos / 2);
    }

    /** Every change signalled so far, for any cluster: read before the look given to {@link #prime}. */
    public long everyChange() {
        return everyChange.get();
    }

    /**
     * Remembers that each of {@code quietClusters} had nothing to do, as one look at the database found them, provided
     * no change at all was signalled since {@code everyChangeBefore} (read before that look); false, and nothing
     * remembered past that point, when one was.
     */
    public boolean prime(Collection<UUID> quietClusters, long everyChangeBefore, long nanos) {
        for (UUID clusterId : quietClusters) {
            Waits waits = clusters.computeIfAbsent(clusterId, k -> new Waits());
            synchronized (waits) {
                // the cluster's count first, then the global one: a signal that counted neither yet counts in the
                // cluster's after this (so the mark is stale at once); one that counted the global one is seen here
                long changes = waits.changes;
                if (everyChange.get() != everyChangeBefore) {
                    return false;
                }
                waits.quietAt = changes;
                waits.quietUntilNanos = System.nanoTime() + spread(nanos);
            }
        }
        return true;
    }

    /** Whether the cluster is known to have nothing to do: no change since it was found so, and not too long ago. */
    public boolean quiet(UUID clusterId) {
        Waits waits = clusters.get(clusterId);
        if (waits == null) {
            return false;
        }
        synchronized (waits) {
            return waits.quietAt == waits.changes && System.nanoTime() - waits.quietUntilNanos < 0;
        }
    }
}
