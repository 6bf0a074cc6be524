package dev.cairn.load.simulation;

import dev.cairn.load.fixture.Api;
import dev.cairn.load.fixture.Fixture;
import dev.cairn.load.fixture.LocalPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What every simulation starts from: the running platform, the fixture ({@code ./cairn load fixture}), its settings
 * from system properties ({@code -Drate=500}: {@code ./cairn load NAME -Drate=500}) and tokens fetched before the
 * load begins (so that the measured requests are the platform's, not the identity provider's).
 */
final class LoadSettings {
    static final LocalPlatform PLATFORM = LocalPlatform.fromEnvironment();
    static final Fixture FIXTURE = Fixture.load(PLATFORM.home());
    static final Api API = new Api(FIXTURE.entryPoint());

    private LoadSettings() {}

    /** The setting {@code name} (a system property), or {@code fallback}. */
    static double number(String name, double fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value);
    }

    /** The setting {@code name} in seconds, or {@code fallback}. */
    static Duration seconds(String name, long fallback) {
        return Duration.ofSeconds((long) number(name, fallback));
    }

    /** Gatling feeder records made from {@code items} on a few threads (token requests, mostly). */
    static <T> List<Map<String, Object>> records(List<T> items, Function<T, Map<String, Object>> record) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Map<String, Object>>> futures = items.stream()
                    .map(item -> pool.submit(() -> record.apply(item)))
                    .toList();
            return futures.stream()
                    .map(f -> {
                        try {
                            return f.get();
                        } catch (Exception e) {
                            throw new IllegalStateException("fixture record: " + e.getMessage(), e);
                        }
                    })
                    .toList();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each fixture tenant's administrator token, cluster and tenant id, as feeder records. */
    static List<Map<String, Object>> tenantRecords() {
        return records(
                FIXTURE.tenants(),
                t -> Map.of(
                        "token", API.userToken(FIXTURE.tokenUrl(), t.email(), t.password()),
                        "clusterId", t.clusterId(),
                        "tenantId", t.tenantId()));
    }
}
