package dev.cairn.tenant.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cairn.platform.problem.OverloadedException;
import dev.cairn.tenant.identity.PasswordHash;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger atOnce = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final PasswordHashing hashing = new PasswordHashing(
            password -> {
                mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                atOnce.decrementAndGet();
                return PasswordHash.of(password, 1);
            },
            1,
            1);
    /** The signups' own threads (the common pool has one thread on two cores). */
    private final ExecutorService signups = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        release.countDown();
        hashing.stop();
        signups.shutdownNow();
    }

    @Test
    void passwordsAreHashedOneAtATimeAndASignupThatCannotWaitIsRefused() throws Exception {
        CompletableFuture<PasswordHash> first =
                CompletableFuture.supplyAsync(() -> hashing.hash("first password"), signups);
        await().until(() -> atOnce.get() == 1);
        CompletableFuture<PasswordHash> second =
                CompletableFuture.supplyAsync(() -> hashing.hash("second password"), signups);
        await().until(() -> hashing.waiting() == 1);

        // one hashing, one waiting: a third finds the queue full, at once
        assertThatThrownBy(() -> hashing.hash("third password"))
                .isInstanceOf(OverloadedException.class)
                .hasMessageContaining("too many signups");

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).matches("first password")).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS).matches("second password")).isTrue();
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }
}
