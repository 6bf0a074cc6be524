package dev.cairn.testing.platform;

import dev.cairn.testing.servers.ServerStartException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./cairn up}: starts the whole platform with its data under {@code .cairn/}, prints where it is, and runs
 * until Ctrl-C or SIGTERM, which stop everything it started.
 *
 * <p>Arguments: {@code --set KEY=VALUE} (repeatable) gives every service that setting, as a system property (the
 * load tests' fixture lifts the per-address signup and registration rate: load-tests/README.md); {@code --jvm
 * "OPTIONS"} gives every service those JVM options after the platform's small defaults (a load test's heap).
 *
 * <p>Environment: {@code CAIRN_HOME} (default {@code <repository>/.cairn}), {@code CAIRN_PORT} (the entry
 * point, default 8080), {@code CAIRN_KEYCLOAK_PORT} (default 8180), {@code CAIRN_KAFKA_PORT} (default 9092).
 */
public final class CairnUp {
    /** The file in the platform's home that lists where each server listens, while the platform runs. */
    public static final String LISTENERS = "listeners.properties";

    private CairnUp() {}

    public static void main(String[] args) throws InterruptedException {
        Path repository = Path.of(System.getProperty("cairn.repository", "."))
                .toAbsolutePath()
                .normalize();
        Path home = Path.of(env("CAIRN_HOME", repository.resolve(".cairn").toString()));
        int port = Integer.parseInt(env("CAIRN_PORT", "8080"));
        int keycloakPort = Integer.parseInt(env("CAIRN_KEYCLOAK_PORT", "8180"));
        int kafkaPort = Integer.parseInt(env("CAIRN_KAFKA_PORT", "9092"));
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        java.util.List<String> jvm = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--jvm") && i + 1 < args.length) {
                jvm.addAll(java.util.List.of(args[++i].trim().split("\\s+")));
            } else if (args[i].equals("--set") && i + 1 < args.length && args[i + 1].contains("=")) {
                String setting = args[++i];
                settings.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            } else {
                System.err.println("cairn up: unknown argument " + args[i]
                        + " (usage: ./cairn up [--set KEY=VALUE]... [--jvm \"OPTIONS\"])");
                System.exit(2);
            }
        }
        if (!Files.isDirectory(repository.resolve("services"))) {
            System.err.println("cairn: " + repository + " is not the Cairn repository");
            System.exit(2);
        }
        // A shell that starts us in the background sets SIGINT to "ignored", which the JVM would keep: take it back,
        // so that Ctrl-C and kill -INT stop the platform however it was started, also while it starts (the
        // servers started so far stop with this JVM: their guards see its pipe close).
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> System.exit(130));
        Instant begin = Instant.now();
        System.out.println("Starting Cairn (data in " + home + ", logs in " + home.resolve("logs") + ") ...");
        Platform platform;
        try {
            platform = Platform.start(
                    new Platform.Options(home, repository, port, keycloakPort, kafkaPort, settings, jvm));
        } catch (ServerStartException e) {
            System.err.println("cairn: " + e.getMessage());
            System.err.println("cairn: stopped everything it had started.");
            System.exit(1);
            return;
        }
        Path listeners = home.resolve(LISTENERS);
        writeListeners(platform, listeners);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping Cairn ...");
                            Instant stopBegin = Instant.now();
                            deleteQuietly(listeners);
                            platform.close();
                            System.out.println("Cairn stopped in "
                                    + Duration.between(stopBegin, Instant.now()).toMillis() + " ms.");
                            stopped.countDown();
                        },
                        "cairn-stop"));
        long seconds = Duration.between(begin, Instant.now()).toSeconds();
        System.out.println("Cairn is up: open the portal at " + platform.entryPoint() + "/ (ready in " + seconds
                + " s; API under /api/v1, platform status at /status). Demo tenant admin: "
                + Platform.DEMO_USER + " / " + platform.demoPassword()
                + platform.demoClusterUrl()
                        .map(url -> "; its cluster \"demo\" is a mock Kubernetes API at " + url
                                + ", its agent running beside it")
                        .orElse("")
                + "; operator: " + Platform.OPERATOR_USER + " / " + platform.operatorPassword()
                + "; Keycloak: "
                + platform.keycloak().url()
                + " (admin / " + platform.keycloak().adminPassword() + "); the mail it sends (signup links) is in "
                + platform.mail().folder() + ". Ctrl-C stops it.");
        stopped.await();
    }

    /**
     * Writes where every server and service listens, and its process id, as {@code <name>.port} and
     * {@code <name>.pid} ({@code tenant-service-management.port}, {@code kafka.pid}): for tools beside the platform
     * (the load tests read the services' metrics and memory) and for a person who wants to look. Removed at stop.
     */
    private static void writeListeners(Platform platform, Path file) {
        StringBuilder text = new StringBuilder("# Cairn local platform: where each server listens (while it runs)\n");
        platform.listeners().forEach((name, listener) -> {
            String key = name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
            text.append(key).append(".port=").append(listener.port()).append('\n');
            text.append(key).append(".pid=").append(listener.pid()).append('\n');
        });
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            System.err.println("cairn: could not write " + file + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            // the next start writes it again
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
