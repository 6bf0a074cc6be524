package dev.cairn.platform.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Deterministic crash and interleaving points for the tests (docs/adr/0008), shared by the services that have them.
 * Only when a service's fault folder is configured (never in production): if the file {@code halt-at} in that folder
 * names the point being passed, the service writes {@code halted} (the point's name) and {@code halted-pid} (its
 * process id) and stops right there, forever, so that the test can kill it with SIGKILL at exactly that place. If
 * a line of the file {@code hold-at} names it, the request or job passing it writes {@code held} (the point's name)
 * and an empty {@code held-<point>}, and waits there until the test removes that line or the file, so that a test can run something else in between (two
 * lines hold two threads, released one at a time). Costs a file check per point and nothing when unset.
 */
public final class FaultDir {
    private static final Logger LOG = Logger.getLogger(FaultDir.class);

    private final Path dir;

    public FaultDir(Optional<String> dir) {
        this.dir = dir.map(Path::of).orElse(null);
    }

    /** Passes {@code point}, holds there, or parks there forever, as the test asked. */
    public void pass(String point) {
        if (dir == null) {
            return;
        }
        try {
            if (names(dir.resolve("hold-at"), point)) {
                LOG.warnf("fault point %s reached: held until hold-at no longer names it", point);
                Files.writeString(dir.resolve("held"), point, StandardCharsets.UTF_8);
                Files.writeString(dir.resolve("held-" + point), "", StandardCharsets.UTF_8);
                while (names(dir.resolve("hold-at"), point)) {
                    Thread.sleep(20);
                }
            }
            if (names(dir.resolve("halt-at"), point)) {
                LOG.warnf("fault point %s reached: halting here until killed", point);
                Files.writeString(
                        dir.resolve("halted-pid"),
                        Long.toString(ProcessHandle.current().pid()),
                        StandardCharsets.UTF_8);
                Files.writeString(dir.resolve("halted"), point, StandardCharsets.UTF_8);
                while (true) {
                    Thread.sleep(60_000);
                }
            }
        } catch (IOException e) {
            LOG.warnf("fault point %s: %s", point, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at fault point " + point);
        }
    }

    /** Whether a line of {@code file} is {@code point} (a file being rewritten by the test reads as naming nothing). */
    private static boolean names(Path file, String point) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8)
                    .lines()
                    .map(String::trim)
                    .anyMatch(point::equals);
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }
}
