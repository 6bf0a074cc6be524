package dev.cairn.it;

import dev.cairn.testing.platform.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * The platform shared by every integration test of a run: started on first use, on free ports, in a fresh folder,
 * and stopped when the test JVM exits.
 */
public final class TestPlatform {
    private static Platform platform;

    private TestPlatform() {}

    public static synchronized Platform get() {
        if (platform == null) {
            Path home = Path.of(System.getProperty("cairn.it.home", "target/it-platform"));
            Path repository = Path.of(System.getProperty("cairn.repository", "../.."));
            deleteTree(home);
            platform = Platform.start(
                    new Platform.Options(home, repository.toAbsolutePath().normalize(), 0, 0));
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "cairn-it-platform-stop"));
        }
        return platform;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
