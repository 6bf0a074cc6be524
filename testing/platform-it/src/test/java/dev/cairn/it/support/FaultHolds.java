package dev.cairn.it.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Holds requests or jobs of the platform's services at several fault points at once ({@code hold-at} with a line per
 * point, docs/adr/0008) and lets them go one at a time; closing lets every one go.
 */
public final class FaultHolds implements AutoCloseable {
    private final Path dir;
    private final List<String> points;

    private FaultHolds(Path dir, List<String> points) {
        this.dir = dir;
        this.points = points;
    }

    /** Holds whatever passes one of {@code points} from now on. */
    public static FaultHolds at(String... points) {
        try {
            Path dir = Files.createDirectories(TestPlatform.faultDir());
            try (var old = Files.list(dir)) {
                for (Path f : old.toList()) {
                    if (f.getFileName().toString().startsWith("held")) {
                        Files.delete(f);
                    }
                }
            }
            FaultHolds holds = new FaultHolds(dir, new ArrayList<>(Arrays.asList(points)));
            holds.write();
            return holds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until something is held at {@code point}. */
    public void awaitHeld(String point, Duration atMost) {
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .alias("held at " + point)
                .until(() -> Files.exists(dir.resolve("held-" + point)));
    }

    /** Lets what is held at {@code released} go on, and no longer holds there; the other points stay held. */
    public void release(String... released) {
        points.removeAll(Arrays.asList(released));
        write();
    }

    /** Rewrites {@code hold-at} in one step: a service never reads it half written (which would release all). */
    private void write() {
        try {
            Path next = dir.resolve("hold-at.next");
            Files.writeString(next, String.join("\n", points) + "\n", StandardCharsets.UTF_8);
            Files.move(
                    next, dir.resolve("hold-at"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(dir.resolve("hold-at"));
    }
}
