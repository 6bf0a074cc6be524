package dev.cairn.tenant.command;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes an agent's waiting poll in this process when a command for its cluster is committed, and keeps one poll per
 * cluster: a new poll supersedes the one waiting (which answers at once, empty), so that one agent token cannot hold
 * hundreds of waits. Other instances of the service notice a command on their next database check (every few
 * seconds), so nothing depends on it but latency.
 */
@ApplicationScoped
public class CommandSignals {
    private final ConcurrentHashMap<UUID, Waits> clusters = new ConcurrentHashMap<>();

    /** A cluster's monitor and the ticket of its latest poll. */
    private static final class Waits {
        long latest;
    }

    /** Starts a poll of {@code clusterId}: the poll waiting before it (if any) is woken and superseded. */
    public long begin(UUID clusterId) {
        Waits waits = clusters.computeIfAbsent(clusterId, k -> new Waits());
        synchronized (waits) {
            waits.latest++;
            waits.notifyAll();
            return waits.latest;
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
     * Waits up to {@code millis} for a signal for {@code clusterId} (a command, or a newer poll). On a virtual thread
     * the wait holds no platform thread.
     */
    public void await(UUID clusterId, long millis) throws InterruptedException {
        Waits waits = clusters.computeIfAbsent(clusterId, k -> new Waits());
        synchronized (waits) {
            waits.wait(Math.max(1, millis));
        }
    }

    /** Wakes every poll waiting for {@code clusterId}. */
    public void signal(UUID clusterId) {
        Waits waits = clusters.get(clusterId);
        if (waits != null) {
            synchronized (waits) {
                waits.notifyAll();
            }
        }
    }
}
