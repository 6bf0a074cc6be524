import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.agent.daemon.Daemon;
import dev.cairn.agent.volume.NodeAgent;
import dev.cairn.it.support.Kubelet;
import dev.cairn.testing.kubernetes.MockCluster;
import dev.cairn.testing.platform.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Recovery's RTO on the benchmark dataset, on a platform of its own (bench/recovery-rto.sh runs it; method and results
 * in docs/benchmarks.md, "Recovery"):
 *
 * <ol>
 *   <li>a cluster "prod-eu" (mock API server, the in-cluster agent and a node agent in this JVM) whose pod db-0 holds
 *       the dataset in its claim; a backup of namespace "shop" with its volume; the backup protected in the DR region;
 *   <li>an empty cluster "standby-us" with its agents and a kubelet for restore pods;
 *   <li>a recovery into "standby-us" from the home region, then one with the home region's object store stopped
 *       (from the DR region): the RTO of each (request to Completed) and the time of each state, the restored data
 *       compared file for file (SHA-256) with the dataset;
 *   <li>baseline, in the same run: the same volume backup restored by the local agent into a directory (the data path
 *       alone: no orchestration, no Kubernetes, no restore pod).
 * </ol>
 */
public class RecoveryRto {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path repository = Path.of(args[1]);
        Path dataset = Path.of(args[2]);
        Path work = Files.createDirectories(home.resolve("work"));
        PrintStream log = new PrintStream(Files.newOutputStream(work.resolve("agents.log")), true);
        try (Platform platform = Platform.start(new Platform.Options(home, repository, 0, 0, 0, Map.of()));
                MockCluster source = MockCluster.realistic();
                MockCluster target = MockCluster.empty().establishCustomResourceDefinitions()) {
            String api = platform.entryPoint();
            Supplier<String> token = () -> platform.keycloak()
                    .token("cairn", "cairn-cli", null, Platform.DEMO_USER, platform.demoPassword());

            // prod-eu: db-0 on edge-1 with the dataset as its claim's data (moved into the kubelet's folder)
            Path sourcePods = Files.createDirectories(work.resolve("prod-eu-pods"));
            String uid = Kubelet.running(
                    source, source.client().pods().inNamespace("shop").withName("db-0").get());
            Path volume = sourcePods.resolve(uid + "/volumes/kubernetes.io~csi/pvc-5d1f6a2e-0001/mount");
            Files.createDirectories(volume.getParent());
            Files.move(dataset, volume);
            Map<String, String> expected = digests(volume);
            long bytes = expected.keySet().stream().mapToLong(k -> Long.parseLong(k.split("\t")[1])).sum();
            Path sourceHome = connect(api, token, source, "prod-eu", sourcePods, work, log);

            long t0 = System.nanoTime();
            String command = post(api + "/api/v1/clusters/" + clusterId(api, token, "prod-eu") + "/commands",
                            "{\"kind\":\"BACKUP\",\"backup\":{\"includeNamespaces\":[\"shop\"],\"volumes\":true}}",
                            token.get())
                    .path("id")
                    .asText();
            JsonNode taken = until(
                    () -> get(api + "/api/v1/clusters/" + clusterId(api, token, "prod-eu") + "/commands/" + command,
                            token.get()),
                    c -> c.path("phase").asText().matches("Completed|PartiallyFailed|Failed|Cancelled"),
                    Duration.ofMinutes(30));
            double backupSeconds = (System.nanoTime() - t0) / 1e9;
            if (!taken.path("phase").asText().equals("Completed")) {
                throw new IllegalStateException("the backup ended " + taken);
            }
            String backup = taken.path("report").path("id").asText();
            String volumeBackup = taken.path("report").path("volumes").get(0).path("backupId").asText();
            until(() -> get(api + "/api/v1/backups/" + backup + "/replication", token.get()),
                    r -> r.path("protectedInDr").asBoolean(),
                    Duration.ofMinutes(10));
            System.out.printf("backup of %.2f GB (%d files) with its volume: %.1f s; protected in the DR region%n",
                    bytes / 1e9, expected.size(), backupSeconds);

            // standby-us: empty, its agents, a kubelet for restore pods
            Path targetPods = Files.createDirectories(work.resolve("standby-us-pods"));
            connect(api, token, target, "standby-us", targetPods, work, log);
            String standby = clusterId(api, token, "standby-us").toString();
            List<String> rows = new ArrayList<>();
            try (Kubelet kubelet = Kubelet.forRestorePods(target, "edge-1", targetPods)) {
                rows.add(recover(api, token, backup, standby, "shop-home", targetPods, expected, "home region"));
                platform.stopRegion("eu-west-1");
                until(() -> metrics(platform), m -> m.path("down").asBoolean(), Duration.ofSeconds(60));
                rows.add(recover(api, token, backup, standby, "shop-dr", targetPods, expected,
                        "home region down: DR region"));
                platform.restoreRegion("eu-west-1");
                until(() -> metrics(platform), m -> !m.path("down").asBoolean(), Duration.ofSeconds(60));
            }

            // baseline: the volume's backup restored by the local agent into a directory, from the home region
            Path restored = work.resolve("baseline");
            long b0 = System.nanoTime();
            int exit = dev.cairn.cli.Cli.run(
                    new String[] {"restore", "local", volumeBackup, restored.toString(), "--agent",
                        sourceHome.toString(), "--platform", api, "-o", "json"},
                    log, log);
            double baseline = (System.nanoTime() - b0) / 1e9;
            boolean same = exit == 0 && digests(restored).equals(expected);
            deleteTree(restored);

            System.out.println();
            System.out.println("| recovery of the 2 GB volume and the namespace's objects | RTO | Planned | Staging |"
                    + " Restoring | Verifying | byte for byte |");
            System.out.println("|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
            System.out.printf("| baseline: `cairn restore local` of the volume's backup into a directory | %.1f s |"
                    + " | | | | %s |%n", baseline, same ? "yes" : "NO");
        }
    }

    /** A recovery into {@code namespace} of the standby cluster, followed to its end; its table row. */
    private static String recover(
            String api,
            Supplier<String> token,
            String backup,
            String cluster,
            String namespace,
            Path targetPods,
            Map<String, String> expected,
            String label)
            throws Exception {
        String id = post(api + "/api/v1/recoveries",
                        "{\"backupId\":\"" + backup + "\",\"targetClusterId\":\"" + cluster
                                + "\",\"includeNamespaces\":[\"shop\"],\"namespaceMapping\":{\"shop\":\"" + namespace
                                + "\"}}",
                        token.get())
                .path("id")
                .asText();
        JsonNode done = until(
                () -> get(api + "/api/v1/recoveries/" + id, token.get()),
                r -> r.path("phase").asText().matches("Completed|PartiallyFailed|Failed|Cancelled"),
                Duration.ofMinutes(30));
        if (!done.path("phase").asText().equals("Completed")) {
            throw new IllegalStateException("the recovery ended " + done.toPrettyString());
        }
        Map<String, Double> seconds = new TreeMap<>();
        JsonNode transitions = done.path("transitions");
        for (int i = 0; i + 1 < transitions.size(); i++) {
            seconds.put(
                    transitions.get(i).path("to").asText(),
                    Duration.between(
                                            Instant.parse(transitions.get(i).path("at").asText()),
                                            Instant.parse(transitions.get(i + 1).path("at").asText()))
                                    .toMillis()
                            / 1000.0);
        }
        Path volume = Kubelet.restoredVolume(targetPods, namespace, "data-db-0");
        Map<String, String> got = digests(volume);
        got.remove("lost+found\t0\t-");
        boolean same = got.equals(expected);
        deleteTree(volume);
        return String.format(
                "| %s (%s) | %.1f s | %.1f s | %.1f s | %.1f s | %.1f s | %s |",
                label,
                done.path("region").asText(),
                done.path("rtoSeconds").asDouble(),
                seconds.getOrDefault("Planned", 0.0),
                seconds.getOrDefault("Staging", 0.0),
                seconds.getOrDefault("Restoring", 0.0),
                seconds.getOrDefault("Verifying", 0.0),
                same ? "yes" : "NO (" + got.size() + " of " + expected.size() + " entries)");
    }

    /** Adds a cluster, runs its agent and a node agent on edge-1 in this JVM; answers the agent's home. */
    private static Path connect(
            String api,
            Supplier<String> token,
            MockCluster cluster,
            String name,
            Path pods,
            Path work,
            PrintStream log)
            throws Exception {
        JsonNode created = post(api + "/api/v1/clusters", "{\"name\":\"" + name + "\"}", token.get());
        Path home = Files.createDirectories(work.resolve(name + "-agent"));
        Daemon daemon = new Daemon(
                cluster.client(),
                new Daemon.Settings(
                        api,
                        created.path("registration").path("token").asText(),
                        "cairn-system",
                        "cairn-agent-credentials",
                        home,
                        "cairn-agent:bench"),
                log);
        background(name + "-agent", daemon::run);
        String id = created.path("cluster").path("id").asText();
        until(() -> get(api + "/api/v1/clusters/" + id, token.get()),
                c -> c.path("phase").asText().equals("Connected"),
                Duration.ofMinutes(2));
        NodeAgent node = new NodeAgent(
                cluster.client(),
                new NodeAgent.Settings(
                        "edge-1",
                        pods,
                        "cairn-system",
                        "cairn-agent-credentials",
                        Files.createDirectories(work.resolve(name + "-node")),
                        api),
                log);
        background(name + "-node", node::run);
        Thread.sleep(3000); // the node agent reads its credentials and starts listening for tasks
        return home;
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void background(String name, Body body) {
        Thread t = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
    }

    private static java.util.UUID clusterId(String api, Supplier<String> token, String name) throws Exception {
        for (JsonNode c : get(api + "/api/v1/clusters?limit=500", token.get()).path("items")) {
            if (c.path("name").asText().equals(name)) {
                return java.util.UUID.fromString(c.path("id").asText());
            }
        }
        throw new IllegalStateException("no cluster " + name);
    }

    /** Whether ingest sees the home region down. */
    private static JsonNode metrics(Platform platform) {
        try {
            String text = HTTP.send(
                            HttpRequest.newBuilder(URI.create(platform.services().get("ingest").managementUrl() + "/q/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return JSON.createObjectNode().put("down", text.contains("cairn_region_up{region=\"eu-west-1\"} 0.0"));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every entry under {@code root}: "path TAB size TAB sha256" (directories with size 0 and "-"). */
    private static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(p -> !p.equals(root))::iterator) {
                String rel = root.relativize(p).toString();
                if (Files.isRegularFile(p)) {
                    all.put(rel + "\t" + Files.size(p), sha256(p));
                } else if (Files.isDirectory(p)) {
                    all.put(rel + "\t0\t-", "-");
                }
            }
        }
        return all;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                d.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static JsonNode until(
            java.util.concurrent.Callable<JsonNode> read, java.util.function.Predicate<JsonNode> done, Duration limit)
            throws Exception {
        Instant deadline = Instant.now().plus(limit);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read.call();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("timed out; last " + last);
    }

    private static JsonNode get(String url, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
    }

    private static JsonNode post(String url, String body, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
