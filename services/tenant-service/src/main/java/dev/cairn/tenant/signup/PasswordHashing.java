package dev.cairn.tenant.signup;

import dev.cairn.platform.problem.OverloadedException;
import dev.cairn.tenant.identity.PasswordHash;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Where signups' passwords are hashed: PBKDF2 at {@code cairn.signup.password-hash-iterations} (600,000) costs a core
 * for about half a second, so it runs on {@code cairn.signup.hashing-threads} threads of its own (one by default)
 * with a queue of {@code cairn.signup.hashing-queue}: a burst of signups waits its turn instead of taking every core
 * from the API's reads (the public API's load test: at half a signup a second, hashing was 46 % of the tenant
 * service's CPU samples, on every worker at once). A signup that finds the queue full is answered 503.
 */
@ApplicationScoped
public class PasswordHashing {
    private final Function<String, PasswordHash> hashing;
    private final ThreadPoolExecutor threads;

    @Inject
    PasswordHashing(SignupConfig config) {
        this(
                password -> PasswordHash.of(password, config.passwordHashIterations()),
                config.hashingThreads(),
                config.hashingQueue());
    }

    /** Hashes with {@code hashing} on {@code threads} threads, at most {@code queue} waiting. */
    PasswordHashing(Function<String, PasswordHash> hashing, int threads, int queue) {
        this.hashing = hashing;
        this.threads = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue),
                Thread.ofPlatform().name("cairn-password-hashing-", 0).daemon().factory());
    }

    /** Hashes a password with a fresh salt, waiting for its turn; 503 when too many wait already. */
    public PasswordHash hash(String password) {
        Future<PasswordHash> hashed;
        try {
            hashed = threads.submit(() -> hashing.apply(password));
        } catch (RejectedExecutionException e) {
            throw new OverloadedException("too many signups are being processed");
        }
        try {
            return hashed.get();
        } catch (InterruptedException e) {
            hashed.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a password was hashed", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** How many signups wait for a hashing thread now. */
    int waiting() {
        return threads.getQueue().size();
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
