package dev.cairn.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.testing.platform.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Test fixture: crashes at named fault points (docs/adr/0008), through the test platform's fault folder. */
public final class Faults {
    private Faults() {}

    /**
     * Runs {@code work} in the background while {@code service} is told to halt at {@code point}; once it has, kills
     * it there with SIGKILL and starts it again (same jar, port and settings). Answers {@code work}'s future.
     */
    public static <T> CompletableFuture<T> killAt(ServiceProcess service, String point, Supplier<T> work) {
        return killAt(service, point, work, () -> {});
    }

    /**
     * Like {@link #killAt(ServiceProcess, String, Supplier)}, and before the kill, with the service halted at the
     * point, runs {@code beforeKill} (waits for what its other threads should finish first).
     */
    public static <T> CompletableFuture<T> killAt(
            ServiceProcess service, String point, Supplier<T> work, Runnable beforeKill) {
        try {
            Path faults = Files.createDirectories(TestPlatform.faultDir());
            Files.deleteIfExists(faults.resolve("halted"));
            Files.writeString(faults.resolve("halt-at"), point);
            CompletableFuture<T> running = CompletableFuture.supplyAsync(work);
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(faults.resolve("halted")));
            assertThat(Files.readString(faults.resolve("halted"))).isEqualTo(point);
            beforeKill.run();
            service.kill();
            Files.delete(faults.resolve("halt-at"));
            Files.delete(faults.resolve("halted"));
            service.restart(Duration.ofSeconds(120));
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
