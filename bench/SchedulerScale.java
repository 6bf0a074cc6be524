import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.platform.Platform;
import dev.cairn.testing.platform.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The scheduler and garbage collection at scale, on a platform of its own (bench/scheduler-scale.sh runs it; method
 * and results in docs/benchmarks.md):
 *
 * <ol>
 *   <li>100,000 policies of 10,000 tenants written into the scheduler's schema: 43,200 hourly ({@code 0 * * * *}) with
 *       a jitter window of an hour (12 fires a second, about a million a day), the rest daily at an hour outside the
 *       run; one scheduler instance (the platform's own is killed, a fresh one arms every policy at its start);
 *   <li>fire lag (fired minus due, where due is the planned time plus the policy's jitter) p50/p99/max over a window,
 *       fires a second, and the scheduler's RSS;
 *   <li>the policy list of a tenant (20 policies among the 100,000): p50/p99 of 300 calls to the scheduler;
 *   <li>garbage collection of a tenant with 1,000,000 chunks (31,250 packs, half of them referenced by no backup) and of
 *       one with 100,000: time, and ingest's RSS high-water mark before and after each.
 * </ol>
 */
public class SchedulerScale {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path repository = Path.of(args[1]);
        Duration window = Duration.ofSeconds(Long.parseLong(args.length > 2 ? args[2] : "300"));
        int policies = Integer.parseInt(args.length > 3 ? args[3] : "100000");
        int tenants = policies / 10;
        int hourly = (int) Math.min(policies, 43_200L);
        try (Platform platform = Platform.start(new Platform.Options(
                home,
                repository,
                0,
                0,
                0,
                Map.of("cairn.ingest.gc.every", "off", "cairn.ingest.gc.safety-window", "PT1S")))) {
            String demoToken = platform.keycloak()
                    .token("cairn", "cairn-cli", null, Platform.DEMO_USER, platform.demoPassword());
            String api = platform.entryPoint();
            String cluster = demoCluster(api, demoToken);
            List<String> own = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                own.add(post(api + "/api/v1/policies", demoToken, Map.of(
                                "name", "bench-" + i,
                                "clusterId", cluster,
                                "schedule", Map.of("cron", "0 3 1 1 *"),
                                "retention", Map.of("keepLast", 3)))
                        .path("id")
                        .asText());
            }

            // 1. seed the policies straight into the scheduler's schema
            int dailyHour = (Instant.now().atZone(ZoneOffset.UTC).getHour() + 12) % 24;
            long seedStart = System.nanoTime();
            try (Connection c = platform.postgres().connect(Platform.DATABASE)) {
                c.setAutoCommit(false);
                String spec;
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(
                                "SELECT backup_spec FROM scheduler.policy WHERE id = '" + own.get(0) + "'")) {
                    rs.next();
                    spec = rs.getString(1);
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO scheduler.policy (id, tenant_id,"
                        + " cluster_id, name, backup_spec, cron, time_zone, jitter_seconds, keep_last, phase,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'UTC', 3600, 7, 'Active', now(), now())")) {
                    UUID[] tenantIds = new UUID[tenants];
                    UUID[] clusterIds = new UUID[tenants];
                    for (int t = 0; t < tenants; t++) {
                        tenantIds[t] = UUID.randomUUID();
                        clusterIds[t] = UUID.randomUUID();
                    }
                    for (int i = 0; i < policies; i++) {
                        s.setObject(1, UUID.randomUUID());
                        s.setObject(2, tenantIds[i % tenants]);
                        s.setObject(3, clusterIds[i % tenants]);
                        s.setString(4, "p" + i);
                        s.setString(5, spec);
                        s.setString(6, i < hourly ? "0 * * * *" : "0 " + dailyHour + " * * *");
                        s.addBatch();
                        if (i % 5000 == 4999) {
                            s.executeBatch();
                        }
                    }
                    s.executeBatch();
                }
                c.commit();
            }
            System.out.printf(
                    "seeded %,d policies of %,d tenants (%,d hourly with an hour of jitter) in %.1f s%n",
                    policies, tenants, hourly, (System.nanoTime() - seedStart) / 1e9);

            // 2. one scheduler: a fresh instance arms every policy at its start
            ServiceProcess old = platform.services().get("scheduler");
            old.kill();
            long armStart = System.nanoTime();
            ServiceProcess scheduler = platform.startAnother("scheduler");
            long total = policies + own.size();
            while (count(platform, "SELECT count(*) FROM scheduler.qrtz_triggers WHERE trigger_group = 'policies'")
                    < total) {
                Thread.sleep(1000);
            }
            Instant armed = Instant.now();
            System.out.printf(
                    "one scheduler armed %,d policies in %.0f s after its start was asked; RSS %s%n",
                    total, (System.nanoTime() - armStart) / 1e9, rss(scheduler));
            long peak = 0;
            Instant end = armed.plus(window);
            while (Instant.now().isBefore(end)) {
                Thread.sleep(5000);
                peak = Math.max(peak, kib(scheduler, "VmRSS"));
            }
            double[] lags = lags(platform, armed, end);
            long missed = count(
                    platform,
                    "SELECT count(*) FROM scheduler.policy_run WHERE phase = 'Missed' AND fired_at >= '" + armed + "'");
            System.out.printf(
                    "fires in %d s: %,d (%.1f a second), missed %d; fire lag p50 %.0f ms, p99 %.0f ms, max %.0f ms;"
                            + " scheduler peak RSS %,d MiB%n",
                    window.toSeconds(),
                    lags.length,
                    lags.length / (double) window.toSeconds(),
                    missed,
                    percentile(lags, 50),
                    percentile(lags, 99),
                    lags.length == 0 ? 0 : lags[lags.length - 1],
                    peak / 1024);

            Instant half = armed.plus(window.dividedBy(2));
            for (Instant[] part : new Instant[][] {{armed, half}, {half, end}}) {
                double[] l = lags(platform, part[0], part[1]);
                System.out.printf(
                        "  due in %s..%s: %,d fires, lag p50 %.0f ms, p99 %.0f ms%n",
                        part[0], part[1], l.length, percentile(l, 50), percentile(l, 99));
            }

            // 3. a tenant's policy list among them
            demoToken = platform.keycloak()
                    .token("cairn", "cairn-cli", null, Platform.DEMO_USER, platform.demoPassword());
            double[] lists = new double[300];
            for (int i = 0; i < lists.length; i++) {
                long t0 = System.nanoTime();
                get(scheduler.url() + "/api/v1/policies?limit=50", demoToken);
                lists[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(lists);
            System.out.printf(
                    "policy list (20 of %,d policies; straight to the scheduler, whom the entry point does not know):"
                            + " p50 %.1f ms, p99 %.1f ms%n",
                    total, percentile(lists, 50), percentile(lists, 99));
            platform.keycloak().ensureUser(
                    "cairn", "bench-operator@cairn.test", "operator-password-1", List.of("platform-admin"), Map.of());
            String operator = platform.keycloak()
                    .token("cairn", "cairn-cli", null, "bench-operator@cairn.test", "operator-password-1");

            // 4. garbage collection of large tenants
            ServiceProcess ingest = platform.services().get("ingest");
            for (int chunks : new int[] {100_000, 1_000_000}) {
                UUID tenant = UUID.randomUUID();
                long seed0 = System.nanoTime();
                seedChunks(platform, tenant, chunks);
                long before = kib(ingest, "VmHWM");
                long t0 = System.nanoTime();
                JsonNode report = post(api + "/api/v1/admin/gc?dryRun=false&tenant=" + tenant, operator, Map.of());
                double seconds = (System.nanoTime() - t0) / 1e9;
                JsonNode t = report.path("tenants").path(0);
                System.out.printf(
                        "gc of a tenant with %,d chunks (seeded in %.0f s): %.1f s, %,d swept, %,d packs emptied,"
                                + " %,d MiB given back; ingest RSS high-water mark %,d -> %,d MiB%n",
                        chunks,
                        (System.nanoTime() - seed0) / 1e9 - seconds,
                        seconds,
                        t.path("chunksSwept").asLong(),
                        t.path("packsEmptied").asLong(),
                        t.path("reclaimedBytes").asLong() >> 20,
                        before / 1024,
                        kib(ingest, "VmHWM") / 1024);
            }
        }
    }

    /** Fire lags (ms) of the runs due in [from, to), sorted. */
    private static double[] lags(Platform platform, Instant from, Instant to) throws Exception {
        try (Connection c = platform.postgres().connect(Platform.DATABASE);
                PreparedStatement s = c.prepareStatement(
                        "SELECT EXTRACT(EPOCH FROM (fired_at - due_at)) * 1000 FROM scheduler.policy_run"
                                + " WHERE due_at >= ? AND due_at < ? AND NOT manual")) {
            s.setObject(1, java.sql.Timestamp.from(from));
            s.setObject(2, java.sql.Timestamp.from(to));
            List<Double> all = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.add(rs.getDouble(1));
                }
            }
            return all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
    }

    /** A tenant with {@code chunks} chunks in packs of 32 (1 MiB each); the second half referenced by one backup. */
    private static void seedChunks(Platform platform, UUID tenant, int chunks) throws Exception {
        try (Connection c = platform.postgres().connect(Platform.DATABASE);
                Statement s = c.createStatement()) {
            String t = "'" + tenant + "'::uuid";
            String packs = "(SELECT g AS n, md5(" + t + "::text || g)::uuid AS id FROM generate_series(0, "
                    + (chunks / 32 - 1) + ") g)";
            s.execute("INSERT INTO ingest.pack (id, tenant_id, region, object_key, size_bytes, chunk_count,"
                    + " data_bytes, created_at) SELECT id, " + t + ", 'eu-west-1', 'tenants/' || " + t
                    + " || '/packs/' || id, 33554432, 32, 33554432, now() - interval '1 day' FROM " + packs + " p");
            s.execute("INSERT INTO ingest.chunk (tenant_id, chunk_id, pack_id, pack_offset, stored_length) SELECT "
                    + t + ", sha256(convert_to(" + t + "::text || g, 'UTF8')), md5(" + t
                    + "::text || (g / 32))::uuid, (g % 32) * 1048576, 1048576 FROM generate_series(0, "
                    + (chunks - 1) + ") g");
            s.execute("INSERT INTO ingest.tenant_storage (tenant_id, stored_bytes) VALUES (" + t + ", "
                    + (long) chunks / 32 * 33554432L + ")");
            UUID backup = UUID.randomUUID();
            s.execute("INSERT INTO ingest.backup (id, tenant_id, cluster_id, source, phase) VALUES ('" + backup
                    + "', " + t + ", gen_random_uuid(), 'bench', 'Completed')");
            s.execute("INSERT INTO ingest.backup_chunk (backup_id, chunk_id) SELECT '" + backup + "', sha256(convert_to("
                    + t + "::text || g, 'UTF8')) FROM generate_series(" + chunks / 2 + ", " + (chunks - 1) + ") g");
            s.execute("ANALYZE ingest.chunk");
            s.execute("ANALYZE ingest.backup_chunk");
        }
    }

    private static String demoCluster(String api, String token) throws Exception {
        for (JsonNode c : get(api + "/api/v1/clusters?limit=500", token).path("items")) {
            if (c.path("name").asText().equals("demo")) {
                return c.path("id").asText();
            }
        }
        throw new IllegalStateException("no demo cluster");
    }

    private static long count(Platform platform, String sql) throws Exception {
        try (Connection c = platform.postgres().connect(Platform.DATABASE);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** A field of the service's JVM's /proc status, in KiB (the JVM is the service's guard's child). */
    private static long kib(ServiceProcess service, String field) throws Exception {
        for (ProcessHandle h : ProcessHandle.of(service.pid()).orElseThrow().descendants().toList()) {
            if (h.info().command().orElse("").endsWith("java")) {
                for (String line : Files.readAllLines(Path.of("/proc/" + h.pid() + "/status"))) {
                    if (line.startsWith(field + ":")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            }
        }
        return -1;
    }

    private static String rss(ServiceProcess service) throws Exception {
        return kib(service, "VmRSS") / 1024 + " MiB";
    }

    private static JsonNode get(String url, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), token);
    }

    private static JsonNode post(String url, String token, Object body) throws Exception {
        return send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
                token);
    }

    private static JsonNode send(HttpRequest.Builder request, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(
                request.header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofMinutes(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(r.request().uri() + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
