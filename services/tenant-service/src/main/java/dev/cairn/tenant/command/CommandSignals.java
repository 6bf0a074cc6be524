package dev.cairn.tenant.command;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes an agent's waiting poll in this process when a command for its cluster is committed. Other instances of the
 * service notice it on their next database check (every few seconds), so nothing depends on it but latency.
 */
@ApplicationScoped
public class CommandSignals {
    private final ConcurrentHashMap<UUID, Object> monitors = new ConcurrentHashMap<>();

    /** Waits up to {@code millis} for a signal for {@code clusterId}. */
    public void await(UUID clusterId, long millis) throws InterruptedException {
        Object monitor = monitors.computeIfAbsent(clusterId, k -> new Object());
        synchronized (monitor) {
            monitor.wait(Math.max(1, millis));
        }
    }

    /** Wakes every poll waiting for {@code clusterId}. */
    public void signal(UUID clusterId) {
        Object monitor = monitors.get(clusterId);
        if (monitor != null) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }
}
