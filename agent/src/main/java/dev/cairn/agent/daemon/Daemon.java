package dev.cairn.agent.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.agent.backup.BackupRun;
import dev.cairn.agent.credentials.AgentCredentials;
import dev.cairn.agent.kafka.KafkaChunkSink;
import dev.cairn.agent.kube.PodVolumes;
import dev.cairn.agent.kube.ResourceRestore;
import dev.cairn.agent.kube.ResourceSource;
import dev.cairn.agent.kube.RestoreOptions;
import dev.cairn.agent.kube.Selection;
import dev.cairn.agent.kube.VolumeTasks;
import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.agent.platform.PlatformException;
import dev.cairn.agent.progress.Progress;
import dev.cairn.agent.restore.BackupFiles;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The in-cluster agent: registers once (or restores its credentials from its Secret), sends a heartbeat every
 * minute, and takes commands over the outbound long-poll, one at a time. A platform it cannot reach is retried with
 * exponential backoff and jitter (1 s doubling to 60 s); a revoked agent keeps trying slowly, so that it resumes if
 * the cluster is registered anew and its Secret replaced.
 */
public final class Daemon {
    /** The agent's version, as heartbeats report it. */
    public static final String VERSION = "0.1.0";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REPORT_ITEMS = 2000;
    /** The file at the top of a resource backup that lists its pod volume backups. */
    public static final String VOLUMES = "volumes.json";

    private Duration volumeStartTimeout = Duration.ofMinutes(10);
    private Duration restorePodTimeout = Duration.ofMinutes(10);

    /**
     * Where it runs and how it registers.
     *
     * @param platformUrl the platform's public URL
     * @param registrationToken the one-time token, needed only until the credentials are in the Secret
     * @param namespace the agent's own namespace
     * @param secretName the Secret that keeps its credentials
     * @param home a writable folder for credentials, the file cache and work files
     * @param image the agent's image, which restore pods run (they only hold a new claim while the node agent
     *     writes into it)
     */
    public record Settings(
            String platformUrl,
            String registrationToken,
            String namespace,
            String secretName,
            Path home,
            String image) {}

    private final KubernetesClient kube;
    private final Settings settings;
    private final PrintStream log;

    public Daemon(KubernetesClient kube, Settings settings, PrintStream log) {
        this.kube = kube;
        this.settings = settings;
        this.log = log;
    }

    /** How long a pod volume task may wait for a node agent to take it (10 minutes by default). */
    public Daemon volumeStartTimeout(Duration timeout) {
        this.volumeStartTimeout = timeout;
        return this;
    }

    /** Runs until the thread is interrupted. */
    public void run() throws IOException, InterruptedException {
        AgentCredentials credentials = credentials();
        PlatformClient platform = new PlatformClient(credentials, settings.platformUrl(), Duration.ofMinutes(5));
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeats.scheduleWithFixedDelay(
                () -> {
                    try {
                        platform.heartbeat(facts());
                    } catch (RuntimeException e) {
                        log.println("heartbeat failed: " + e.getMessage());
                    }
                },
                0,
                60,
                TimeUnit.SECONDS);
        long backoff = 1000;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    JsonNode delivery = platform.commands(25);
                    for (JsonNode command : delivery.path("commands")) {
                        execute(credentials, platform, command);
                    }
                    backoff = 1000;
                } catch (PlatformException e) {
                    boolean revoked = e.status() == 401 || e.status() == 403;
                    log.println((revoked ? "refused by the platform (revoked?): " : "platform unreachable: ")
                            + e.getMessage());
                    Thread.sleep(
                            revoked
                                    ? 300_000
                                    : backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
                    backoff = Math.min(backoff * 2, 60_000);
                }
            }
        } finally {
            heartbeats.shutdownNow();
        }
    }

    private AgentCredentials credentials() throws IOException, InterruptedException {
        Path home = settings.home();
        CredentialSecret secret = new CredentialSecret(kube, settings.namespace(), settings.secretName());
        if (!secret.restoreInto(home)) {
            if (settings.registrationToken() == null
                    || settings.registrationToken().isBlank()) {
                throw new IOException("no credentials in Secret " + settings.namespace() + "/" + settings.secretName()
                        + " and no registration token: install with --set registration.token=...");
            }
            log.println("registering with " + settings.platformUrl());
            ObjectNode facts = facts();
            Registration.register(settings.platformUrl(), settings.registrationToken(), facts, home);
            secret.save(home);
            log.println("registered; credentials kept in Secret " + settings.namespace() + "/" + settings.secretName());
        }
        return AgentCredentials.load(home);
    }

    /** What heartbeats (and the registration) report. */
    ObjectNode facts() {
        ObjectNode facts = JSON.createObjectNode().put("agentVersion", VERSION);
        try {
            facts.put("kubernetesVersion", kube.getKubernetesVersion().getGitVersion());
            facts.put("nodeCount", kube.nodes().list().getItems().size());
            facts.put("namespaceCount", kube.namespaces().list().getItems().size());
        } catch (KubernetesClientException e) {
            log.println("cannot read the cluster's facts: " + e.getMessage());
        }
        return facts;
    }

    /** Runs one command, reporting RUNNING with progress every 5 s and the final phase and report at the end. */
    void execute(AgentCredentials credentials, PlatformClient platform, JsonNode command) {
        UUID id = UUID.fromString(command.path("id").asText());
        JsonNode spec = command.path("spec");
        log.println("command " + id + ": " + command.path("kind").asText());
        ObjectNode status = JSON.createObjectNode().put("phase", "RUNNING");
        if (platform.report(id, status).path("cancelRequested").asBoolean(false)) {
            // cancelled after it was handed out but before it started: nothing was done
            platform.report(
                    id,
                    JSON.createObjectNode().put("phase", "CANCELLED").put("message", "cancelled before it started"));
            log.println("command " + id + " cancelled before it started");
            return;
        }
        java.util.concurrent.atomic.AtomicBoolean cancelSeen = new java.util.concurrent.atomic.AtomicBoolean();
        Progress progress = new Progress(command.path("kind").asText().toLowerCase());
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
        reporter.scheduleWithFixedDelay(
                () -> {
                    try {
                        JsonNode answer = platform.report(
                                id,
                                JSON.createObjectNode().put("phase", "RUNNING").set("progress", progress(progress)));
                        if (answer.path("cancelRequested").asBoolean(false)) {
                            cancelSeen.set(true);
                        }
                    } catch (RuntimeException e) {
                        log.println("progress report failed: " + e.getMessage());
                    }
                },
                5,
                5,
                TimeUnit.SECONDS);
        ObjectNode result = JSON.createObjectNode();
        try {
            switch (command.path("kind").asText()) {
                case "BACKUP" -> backup(credentials, platform, spec, progress, result);
                case "RESTORE" -> restore(credentials, platform, spec, progress, result);
                default -> result.put("phase", "FAILED").put("message", "unknown command kind");
            }
        } catch (IOException | RuntimeException e) {
            result.put("phase", "FAILED").put("message", String.valueOf(e.getMessage()));
        } finally {
            reporter.shutdownNow();
            progress.close();
        }
        result.set("progress", progress(progress));
        if (cancelSeen.get()) {
            result.put(
                    "message",
                    result.path("message").asText("") + " (a cancel arrived while it ran; a running command finishes)");
        }
        log.println("command " + id + " ended " + result.path("phase").asText());
        platform.report(id, result);
    }

    private void backup(
            AgentCredentials credentials, PlatformClient platform, JsonNode spec, Progress progress, ObjectNode result)
            throws IOException {
        Selection selection = new Selection(
                strings(spec.path("includeNamespaces")),
                strings(spec.path("excludeNamespaces")),
                spec.path("labelSelector").asText(null),
                strings(spec.path("includeResources")),
                strings(spec.path("excludeResources")),
                spec.path("includeClusterResources").isBoolean()
                        ? spec.path("includeClusterResources").asBoolean()
                        : null);
        ResourceSource source =
                new ResourceSource(kube, selection, credentials.clusterId().toString());
        ArrayNode volumes = null;
        if (spec.path("volumes").asBoolean(false)) {
            volumes = volumes(selection, progress);
            source.withFile(VOLUMES, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(volumes));
        }
        try (KafkaChunkSink sink = new KafkaChunkSink(credentials, 16L << 20)) {
            BackupRun.Result r = new BackupRun(
                            credentials,
                            platform,
                            sink,
                            settings.home().resolve("state"),
                            BackupRun.Options.defaults(),
                            progress)
                    .run(source);
            boolean volumeFailed = volumes != null
                    && volumes.findValuesAsText("state").stream().anyMatch(st -> !st.equals("Completed"));
            result.put(
                    "phase",
                    r.phase().equals("Completed") && volumeFailed ? "PARTIALLY_FAILED" : commandPhase(r.phase()));
            result.put(
                    "message",
                    "backup " + r.id() + " " + r.phase() + (r.failure() == null ? "" : ": " + r.failure())
                            + (volumes == null
                                    ? ""
                                    : "; " + volumes.size() + " volume(s)"
                                            + (volumeFailed ? ", not all backed up" : "")));
            ObjectNode report = JSON.valueToTree(r);
            if (volumes != null) {
                report.set("volumes", volumes);
            }
            result.set("report", report);
        }
    }

    /**
     * Hands the selected pods' volumes to the node agents ({@link VolumeTasks}) and waits for them, adding their
     * progress to this command's; a task no node agent takes within {@link #volumeStartTimeout} fails (no node agent
     * on that node). Answers one entry per volume: where it was, its state, its backup id and statistics.
     */
    private ArrayNode volumes(Selection selection, Progress progress) {
        List<PodVolumes.Wanted> wanted = PodVolumes.wanted(kube, selection);
        ArrayNode out = JSON.createArrayNode();
        if (wanted.isEmpty()) {
            return out;
        }
        VolumeTasks tasks = new VolumeTasks(kube, settings.namespace());
        progress.stage("backing up " + wanted.size() + " pod volume(s) on the nodes");
        String run = tasks.create(wanted);
        try {
            for (VolumeTasks.Task t : awaitTasks(tasks, run, progress)) {
                ObjectNode v = out.addObject()
                        .put("namespace", t.volume().namespace())
                        .put("pod", t.volume().pod())
                        .put("volume", t.volume().volume())
                        .put("claim", t.volume().claim())
                        .put("node", t.volume().node())
                        .put("state", t.state().name())
                        .put("backupId", t.get("backupId"))
                        .put("message", t.get("message"));
                if (t.get("statistics") != null) {
                    v.set("statistics", JSON.readTree(t.get("statistics")));
                }
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            tasks.delete(run);
        }
    }

    /**
     * Restores the data of the claims this restore created: for each, a restore pod holds the new claim (so that it
     * is provisioned, bound and mounted on some node), and the node agent of that node writes the volume's backup
     * into the pod's volume folder; then the pod is deleted. Claims that existed before, or were left out, are left
     * alone.
     */
    private ArrayNode restoreVolumes(
            ArrayNode index, ResourceRestore.Report report, RestoreOptions options, Progress progress)
            throws IOException {
        ArrayNode out = JSON.createArrayNode();
        List<Pod> holders = new ArrayList<>();
        List<ObjectNode> entries = new ArrayList<>();
        for (JsonNode v : index) {
            String claim = v.path("claim").asText(null);
            String state = v.path("state").asText();
            if (claim == null || !(state.equals("Completed") || state.equals("PartiallyFailed"))) {
                continue;
            }
            String ns = options.namespaceMapping()
                    .getOrDefault(
                            v.path("namespace").asText(), v.path("namespace").asText());
            ObjectNode entry = out.addObject()
                    .put("namespace", ns)
                    .put("claim", claim)
                    .put("backupId", v.path("backupId").asText());
            boolean created = report.items().stream()
                    .anyMatch(i -> i.action() == ResourceRestore.Action.CREATE
                            && i.type().equals("persistentvolumeclaims")
                            && ns.equals(i.namespace())
                            && claim.equals(i.name()));
            if (!created) {
                entry.put("state", "Skipped")
                        .put(
                                "message",
                                "the claim was not created by this restore (it existed"
                                        + " or was left out): its data is left alone");
                continue;
            }
            holders.add(kube.resource(holder(ns, claim)).create());
            entries.add(entry);
        }
        if (holders.isEmpty()) {
            return out;
        }
        progress.stage("restoring " + holders.size() + " volume(s) through restore pods");
        List<PodVolumes.Wanted> wanted = new ArrayList<>();
        List<Map<String, String>> extra = new ArrayList<>();
        try {
            for (int i = 0; i < holders.size(); i++) {
                Pod running = awaitRunning(holders.get(i));
                ObjectNode entry = entries.get(i);
                if (running == null) {
                    entry.put("state", "Failed")
                            .put(
                                    "message",
                                    "the restore pod did not start within " + restorePodTimeout.toSeconds()
                                            + " s (is the claim provisioned?)");
                    continue;
                }
                var pvc = kube.persistentVolumeClaims()
                        .inNamespace(entry.path("namespace").asText())
                        .withName(entry.path("claim").asText())
                        .get();
                wanted.add(new PodVolumes.Wanted(
                        entry.path("namespace").asText(),
                        running.getMetadata().getName(),
                        running.getMetadata().getUid(),
                        running.getSpec().getNodeName(),
                        "data",
                        entry.path("claim").asText(),
                        pvc == null || pvc.getSpec() == null
                                ? null
                                : pvc.getSpec().getVolumeName()));
                extra.add(Map.of("backupId", entry.path("backupId").asText()));
            }
            if (!wanted.isEmpty()) {
                VolumeTasks tasks = new VolumeTasks(kube, settings.namespace());
                String run = tasks.create(VolumeTasks.RESTORE, wanted, extra);
                try {
                    for (VolumeTasks.Task t : awaitTasks(tasks, run, progress)) {
                        for (ObjectNode entry : entries) {
                            if (entry.path("claim").asText().equals(t.volume().claim())
                                    && entry.path("namespace")
                                            .asText()
                                            .equals(t.volume().namespace())) {
                                entry.put("state", t.state().name())
                                        .put("node", t.volume().node())
                                        .put("files", parse(t.get("files")))
                                        .put("bytes", parse(t.get("bytes")))
                                        .put("message", t.get("message"));
                            }
                        }
                    }
                } finally {
                    tasks.delete(run);
                }
            }
        } finally {
            for (Pod p : holders) {
                kube.resource(p).delete();
            }
        }
        return out;
    }

    /** A pod that only holds a claim mounted (non-root, read-only root, nothing else). */
    private Pod holder(String namespace, String claim) {
        String suffix = UUID.randomUUID().toString().substring(0, 5);
        String base = "cairn-restore-" + claim;
        String name = (base.length() > 56 ? base.substring(0, 56) : base) + "-" + suffix;
        return new PodBuilder()
                .withNewMetadata()
                .withName(name.replaceAll("[^a-z0-9-]", "-"))
                .withNamespace(namespace)
                .addToLabels("app.kubernetes.io/name", "cairn-agent")
                .addToLabels("app.kubernetes.io/component", "restore-pod")
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .addNewContainer()
                .withName("hold")
                .withImage(settings.image())
                .withArgs("hold")
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(65532L)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .withNewResources()
                .addToRequests("memory", new Quantity("64Mi"))
                .addToLimits("memory", new Quantity("128Mi"))
                .endResources()
                .addNewVolumeMount()
                .withName("data")
                .withMountPath("/restore")
                .endVolumeMount()
                .addToEnv(new EnvVar("JDK_JAVA_OPTIONS", "-Xmx32m -XX:+UseSerialGC", null))
                .endContainer()
                .addNewVolume()
                .withName("data")
                .withNewPersistentVolumeClaim()
                .withClaimName(claim)
                .endPersistentVolumeClaim()
                .endVolume()
                .endSpec()
                .build();
    }

    private Pod awaitRunning(Pod pod) {
        long deadline = System.nanoTime() + restorePodTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            Pod now = kube.pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .get();
            if (now != null
                    && now.getSpec() != null
                    && now.getSpec().getNodeName() != null
                    && now.getStatus() != null
                    && "Running".equals(now.getStatus().getPhase())) {
                return now;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Waits until every task of a run is final, failing those no node agent takes in time. */
    private List<VolumeTasks.Task> awaitTasks(VolumeTasks tasks, String run, Progress progress) {
        long started = System.nanoTime();
        while (true) {
            List<VolumeTasks.Task> now = tasks.ofRun(run);
            long bytes = 0;
            long files = 0;
            boolean done = true;
            for (VolumeTasks.Task t : now) {
                bytes += parse(t.get("bytes"));
                files += parse(t.get("files"));
                if (t.state() == VolumeTasks.State.Pending
                        && System.nanoTime() - started > volumeStartTimeout.toNanos()) {
                    tasks.update(
                            t,
                            Map.of(
                                    "state",
                                    VolumeTasks.State.Failed.name(),
                                    "message",
                                    "no node agent took it within " + volumeStartTimeout.toSeconds()
                                            + " s: is the node agent (DaemonSet) running on node "
                                            + t.volume().node() + "?"));
                    done = false;
                } else if (!t.state().isFinalState()) {
                    done = false;
                }
            }
            progress.bytes.set(bytes);
            progress.files.set(files);
            if (done) {
                return now;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the node agents worked on volumes");
            }
        }
    }

    /** The command phase of a run that ended in {@code phase} (Completed, PartiallyFailed, Failed). */
    private static String commandPhase(String phase) {
        return switch (phase) {
            case "Completed" -> "SUCCEEDED";
            case "PartiallyFailed" -> "PARTIALLY_FAILED";
            default -> "FAILED";
        };
    }

    private static long parse(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void restore(
            AgentCredentials credentials, PlatformClient platform, JsonNode spec, Progress progress, ObjectNode result)
            throws IOException {
        UUID backup = UUID.fromString(spec.path("backupId").asText());
        Map<String, byte[]> files = BackupFiles.read(
                credentials,
                platform,
                settings.home().resolve("state"),
                backup,
                p -> p.equals(ResourceSource.INDEX)
                        || p.equals(VOLUMES)
                        || p.startsWith(ResourceSource.RESOURCES + "/"),
                64L << 20);
        byte[] volumeIndex = files.remove(VOLUMES);
        progress.totalFiles.set(files.size() - 1L);
        RestoreOptions options = new RestoreOptions(
                strings(spec.path("includeNamespaces")),
                JSON.convertValue(spec.path("namespaceMapping"), Map.class),
                JSON.convertValue(spec.path("storageClassMapping"), Map.class),
                spec.path("existingResourcePolicy").isTextual()
                        ? RestoreOptions.ExistingPolicy.valueOf(
                                spec.path("existingResourcePolicy").asText())
                        : null,
                spec.path("preview").asBoolean(false),
                null);
        ResourceRestore.Report report = new ResourceRestore(kube, options, progress.files).run(files);
        result.put("phase", commandPhase(report.phase()));
        result.put(
                "message",
                (report.preview() ? "preview: would create " : "created ") + report.created() + ", "
                        + (report.preview() ? "update " : "updated ") + report.updated() + ", skip " + report.skipped()
                        + ", failed " + report.failed());
        ObjectNode r = JSON.valueToTree(report);
        if (!report.preview() && volumeIndex != null && spec.path("volumes").asBoolean(true)) {
            ArrayNode volumes = restoreVolumes((ArrayNode) JSON.readTree(volumeIndex), report, options, progress);
            r.set("volumes", volumes);
            if (volumes.findValuesAsText("state").stream().anyMatch(st -> st.equals("Failed"))
                    && result.path("phase").asText().equals("SUCCEEDED")) {
                result.put("phase", "PARTIALLY_FAILED");
            }
            result.put("message", result.path("message").asText() + "; " + volumes.size() + " volume(s)");
        }
        if (report.items().size() > MAX_REPORT_ITEMS) {
            r.set("items", JSON.valueToTree(report.items().subList(0, MAX_REPORT_ITEMS)));
            r.put("itemsTruncated", report.items().size() - MAX_REPORT_ITEMS);
        }
        result.set("report", r);
    }

    private static ObjectNode progress(Progress p) {
        double seconds = Math.max(0.001, p.seconds());
        long bytes = p.bytes.get();
        long total = p.totalBytes.get();
        double rate = bytes / seconds;
        ObjectNode n = JSON.createObjectNode()
                .put("files", p.files.get())
                .put("bytes", bytes)
                .put("totalFiles", p.totalFiles.get())
                .put("totalBytes", total)
                .put("bytesPerSecond", Math.round(rate))
                .put("seconds", Math.round(seconds));
        if (total > 0 && rate > 0) {
            n.put("etaSeconds", Math.max(0, Math.round((total - bytes) / rate)));
        }
        return n;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
