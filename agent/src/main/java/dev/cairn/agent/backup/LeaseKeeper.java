package dev.cairn.agent.backup;

import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.agent.platform.PlatformException;
import dev.cairn.api.agent.backup.BackupView;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a backup in progress alive on the platform: renews its lease every third of it, on a thread of its own, until
 * closed. A renewal the platform refuses (the lease lapsed: the backup ended Failed) stops the run through its
 * failure; one it cannot reach is retried at the next third.
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private final ScheduledExecutorService timer;
    private final PlatformClient platform;
    private final UUID backup;
    private final AtomicReference<Throwable> failure;
    private volatile Instant until;

    LeaseKeeper(PlatformClient platform, UUID backup, Instant leaseUntil, AtomicReference<Throwable> failure) {
        this.platform = platform;
        this.backup = backup;
        this.failure = failure;
        this.until = leaseUntil;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-lease");
            t.setDaemon(true);
            return t;
        });
        schedule(leaseUntil);
    }

    /** When to renew a lease that holds until {@code until}: a third of what is left, at least a second from now. */
    static Duration renewIn(Instant until, Instant now) {
        if (until == null) {
            return Duration.ofSeconds(30);
        }
        Duration third = Duration.between(now, until).dividedBy(3);
        return third.compareTo(SHORTEST) < 0 ? SHORTEST : third;
    }

    private void schedule(Instant until) {
        if (!timer.isShutdown()) {
            timer.schedule(this::renew, renewIn(until, Instant.now()).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void renew() {
        try {
            BackupView view = platform.renewBackup(backup);
            until = view.leaseUntil();
            schedule(until);
        } catch (PlatformException e) {
            if (e.status() == 409 || e.status() == 404) {
                failure.compareAndSet(null, e); // the platform gave the backup up
            } else {
                schedule(until); // not reached: again at a third of what is left, at least a second from now
            }
        } catch (RuntimeException e) {
            schedule(until);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
