import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.platform.Platform;
import dev.cairn.testing.platform.ServiceProcess;
import dev.cairn.testing.servers.KafkaServer;
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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Metering at scale, on a platform of its own (bench/metering-scale.sh runs it; method and results in
 * docs/benchmarks.md):
 *
 * <ol>
 *   <li>TENANTS - 1 tenants besides the demo tenant, as rows of the tenant service (accounts on the Free plan);
 *   <li>throughput: EVENTS usage events (STORED, INGESTED and PROTECTED, of TENANTS tenants, times over the last 30
 *       days) written to the usage topic as fast as a producer can; events a second from the first write until
 *       metering counted the last one. Baseline, in the same run: the same rows batch-inserted straight into a
 *       scratch table of the same database (what PostgreSQL alone takes on these cores);
 *   <li>queries: TENANTS tenants with one hour of usage a day for a year (TENANTS x 365 rows of the hourly table, the
 *       demo tenant one of them); p50/p99 of 200 calls each of the demo tenant's history by month (a year), by day (a
 *       month) and by hour (a day), through the gateway;
 *   <li>one statements run over every tenant (drafts of this month, last month finalized): its time.
 * </ol>
 */
public class MeteringScale {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path repository = Path.of(args[1]);
        int events = Integer.parseInt(args.length > 2 ? args[2] : "200000");
        int tenants = Integer.parseInt(args.length > 3 ? args[3] : "10000");
        try (Platform platform = Platform.start(new Platform.Options(
                home, repository, 0, 0, 0, Map.of("cairn.metering.statements-every", "off")))) {
            String api = platform.entryPoint();
            // tokens are taken when a phase starts: the throughput phase outlives an access token
            java.util.function.Supplier<String> demoToken = () -> platform.keycloak()
                    .token("cairn", "cairn-cli", null, Platform.DEMO_USER, platform.demoPassword());
            java.util.function.Supplier<String> operatorToken = () -> platform.keycloak()
                    .token("cairn", "cairn-cli", null, Platform.OPERATOR_USER, platform.operatorPassword());
            UUID demo = UUID.fromString(platform.demoTenantId());
            List<UUID> ids = new ArrayList<>();
            ids.add(demo);
            for (int i = 1; i < tenants; i++) {
                ids.add(UUID.randomUUID());
            }
            ServiceProcess metering = platform.services().get("metering");
            // the other tenants are accounts of the tenant service (rows only: statements and quota checks need their
            // plans, not users), so that every lookup and every statement does its whole work
            try (Connection c = platform.postgres().connect(Platform.DATABASE);
                    PreparedStatement p = c.prepareStatement("INSERT INTO tenant.tenant (id, name, plan, quota_bytes,"
                            + " home_region, phase, admin_email, signup_fingerprint, created_at, updated_at)"
                            + " VALUES (?, ?, 'FREE', 1000000000000, 'eu-west-1', 'Active', ?, md5(?), now(), now())")) {
                for (UUID id : ids.subList(1, ids.size())) {
                    p.setObject(1, id);
                    p.setString(2, "Bench tenant " + id);
                    p.setString(3, "bench-" + id + "@bench.test");
                    p.setString(4, id.toString());
                    p.addBatch();
                }
                p.executeBatch();
            }

            // 1. throughput through the topic, then the database's own insert rate of the same rows
            Random random = new Random(1);
            Instant now = Instant.now();
            List<String[]> rows = new ArrayList<>(events); // id, tenant, kind, bytes, time
            String[] kinds = {"STORED", "INGESTED", "PROTECTED"};
            for (int i = 0; i < events; i++) {
                UUID tenant = ids.get(random.nextInt(ids.size()));
                String kind = kinds[i % 3];
                long bytes = 1 + random.nextInt(32 << 20);
                Instant at = now.minusSeconds(random.nextInt(30 * 24 * 3600));
                rows.add(new String[] {UUID.randomUUID().toString(), tenant.toString(), kind, Long.toString(bytes),
                    at.toString()});
            }
            long before = count(platform, "SELECT count(*) FROM metering.usage_event");
            var props = platform.kafka().clientProperties(KafkaServer.ADMIN_USER, platform.kafka().adminPassword());
            props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
            long start = System.nanoTime();
            try (KafkaProducer<String, String> p = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                for (String[] r : rows) {
                    p.send(new ProducerRecord<>(Platform.USAGE_TOPIC, r[1], event(r)));
                }
                p.flush();
            }
            double produced = (System.nanoTime() - start) / 1e9;
            long target = before + events;
            while (count(platform, "SELECT count(*) FROM metering.usage_event") < target) {
                Thread.sleep(200);
            }
            double counted = (System.nanoTime() - start) / 1e9;
            System.out.printf("throughput: %,d events of %,d tenants written in %.1f s, counted into the aggregates in"
                            + " %.1f s: %,.0f events/s; metering RSS %s%n",
                    events, tenants, produced, counted, events / counted, rss(metering));
            double baseline;
            try (Connection c = platform.postgres().connect(Platform.DATABASE)) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE public.bench_usage_event (LIKE metering.usage_event INCLUDING ALL)");
                }
                long b = System.nanoTime();
                try (PreparedStatement s = c.prepareStatement("INSERT INTO public.bench_usage_event (id, tenant_id,"
                        + " kind, bytes, occurred_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                    int n = 0;
                    for (String[] r : rows) {
                        s.setObject(1, UUID.fromString(r[0]));
                        s.setObject(2, UUID.fromString(r[1]));
                        s.setString(3, r[2]);
                        s.setLong(4, Long.parseLong(r[3]));
                        s.setTimestamp(5, Timestamp.from(Instant.parse(r[4])));
                        s.addBatch();
                        if (++n % 2000 == 0) {
                            s.executeBatch();
                            c.commit();
                        }
                    }
                    s.executeBatch();
                    c.commit();
                }
                baseline = (System.nanoTime() - b) / 1e9;
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE public.bench_usage_event");
                }
                c.commit();
            }
            System.out.printf("baseline: the same rows batch-inserted (2,000 a transaction) into a table of the same"
                    + " shape: %.1f s, %,.0f rows/s; metering reaches %.0f %% of it%n",
                    baseline, events / baseline, 100 * (events / counted) / (events / baseline));

            // 2. a year of hours for every tenant: one hour with usage a day
            long seed = System.nanoTime();
            try (Connection c = platform.postgres().connect(Platform.DATABASE);
                    Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE bench_tenant (id uuid)");
                try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_tenant VALUES (?)")) {
                    for (UUID id : ids) {
                        p.setObject(1, id);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                s.execute("INSERT INTO metering.usage_hour (tenant_id, hour, stored_delta, stored_weighted, ingested_bytes,"
                        + " backups) SELECT t.id, d + interval '2 hours', 1000000, 1000000 * 1800000000::numeric, 1000000, 1"
                        + " FROM bench_tenant t, generate_series(date_trunc('day', now() - interval '366 days'),"
                        + " date_trunc('day', now() - interval '31 days'), interval '1 day') d"
                        + " ON CONFLICT DO NOTHING");
                s.execute("ANALYZE metering.usage_hour");
            }
            System.out.printf("seeded %,d hourly rows in %.0f s%n",
                    count(platform, "SELECT count(*) FROM metering.usage_hour"), (System.nanoTime() - seed) / 1e9);
            Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
            for (String[] q : new String[][] {
                {"month", to.minus(Duration.ofDays(365)).toString(), "12 months"},
                {"day", to.minus(Duration.ofDays(31)).toString(), "31 days"},
                {"hour", to.minus(Duration.ofHours(24)).toString(), "24 hours"}
            }) {
                String url = api + "/api/v1/usage/history?granularity=" + q[0] + "&from=" + q[1] + "&to=" + to
                        + "&limit=744";
                String token = demoToken.get();
                for (int i = 0; i < 20; i++) {
                    get(url, token);
                }
                double[] ms = new double[200];
                for (int i = 0; i < ms.length; i++) {
                    long t = System.nanoTime();
                    get(url, token);
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf("history by %s (%s) among %,d tenants x a year: p50 %.1f ms, p99 %.1f ms%n",
                        q[0], q[2], tenants, percentile(ms, 50), percentile(ms, 99));
            }

            // 3. statements of every tenant: from the service itself (the run outlasts the gateway's timeout)
            long s = System.nanoTime();
            JsonNode run = post(metering.url() + "/api/v1/admin/billing/statements/run", operatorToken.get());
            System.out.printf("statements run over %,d tenants: %.1f s (%s drafts, %s finalized); metering RSS %s%n",
                    tenants, (System.nanoTime() - s) / 1e9, run.path("drafts"), run.path("finalized"), rss(metering));
        }
    }

    private static String event(String[] r) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + r[0] + "\",\"source\":\"/cairn/bench\",\"type\":\"dev.cairn.usage."
                + r[2].toLowerCase() + ".v1\",\"time\":\"" + r[4] + "\",\"data\":{\"tenantId\":\"" + r[1]
                + "\",\"bytes\":" + r[3] + "}}";
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
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String rss(ServiceProcess service) throws Exception {
        for (ProcessHandle h : ProcessHandle.of(service.pid()).orElseThrow().descendants().toList()) {
            if (h.info().command().orElse("").endsWith("java")) {
                for (String line : Files.readAllLines(Path.of("/proc/" + h.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 + " MiB";
                    }
                }
            }
        }
        return "?";
    }

    private static JsonNode get(String url, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), token);
    }

    private static JsonNode post(String url, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()), token);
    }

    private static JsonNode send(HttpRequest.Builder request, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(
                request.header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(r.request().uri() + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
