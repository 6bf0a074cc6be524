package dev.cairn.it.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.DisruptsThePlatform;
import dev.cairn.it.support.Faults;
import dev.cairn.it.support.Kubelet;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Policies;
import dev.cairn.it.support.Regions;
import dev.cairn.it.support.RunningAgent;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.kubernetes.MockCluster;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A recovery restores a backup of one cluster into another, through the persisted state machine (Planned, Staging,
 * Restoring, Verifying, Completed), object for object; it survives a SIGKILL of the recovery service in each state;
 * it restores from the DR region while the home region is down; it can be cancelled.
 */
@DisruptsThePlatform
class RecoveryIT {
    private static final String HOME = "eu-west-1";
    private static final String DR = "us-east-1";
    private static final List<String> KINDS = List.of(
            "apps/v1 Deployment",
            "apps/v1 StatefulSet",
            "example.com/v1 Widget",
            "v1 Secret",
            "v1 ConfigMap",
            "v1 Service");

    private static Tenants.SignedUp tenant;
    private static MockCluster source;
    private static MockCluster target;
    private static Path targetPods;
    private static final List<AutoCloseable> RUNNING = new ArrayList<>();
    private static RunningAgent targetAgent;
    private static String sourceCluster;
    private static String targetCluster;
    private static String backup;
    private static byte[] volumePage;
    private static LocalAgent laptop;

    /**
     * A tenant's cluster "prod-eu" (agent and a node agent on edge-1) whose "shop" namespace is backed up with the
     * data of db-0's claim, the backup copied to the DR region; and an empty cluster "standby-us" with its agents and
     * a kubelet for restore pods.
     */
    @BeforeAll
    static void aBackupOfOneClusterWithItsVolumeAndAnotherClusterWithItsAgents() throws Exception {
        tenant = Tenants.free("Recovery Co");
        source = MockCluster.realistic();
        Path sourcePods = Files.createTempDirectory("prod-eu-pods");
        String uid = Kubelet.running(
                source,
                source.client().pods().inNamespace("shop").withName("db-0").get());
        Path data =
                Files.createDirectories(sourcePods.resolve(uid + "/volumes/kubernetes.io~csi/pvc-5d1f6a2e-0001/mount"));
        volumePage = new byte[400_000];
        new java.util.Random(11).nextBytes(volumePage);
        Files.createDirectories(data.resolve("base/16384"));
        Files.write(data.resolve("base/16384/2619"), volumePage);
        Files.writeString(data.resolve("PG_VERSION"), "17\n");
        sourceCluster = connect(source, "prod-eu", sourcePods);
        String command = Agents.command(
                tenant,
                sourceCluster,
                "{\"kind\":\"BACKUP\",\"backup\":{\"includeNamespaces\":[\"shop\"],\"volumes\":true}}");
        JsonNode taken = awaitEnd(
                "the backup",
                () -> Api.json(Api.as(tenant.token())
                        .when()
                        .get("/api/v1/clusters/" + sourceCluster + "/commands/" + command)));
        assertThat(taken.path("phase").asText()).as(taken.toString()).isEqualTo("Completed");
        assertThat(taken.path("report").path("volumes").get(0).path("state").asText())
                .isEqualTo("Completed");
        backup = taken.path("report").path("id").asText();

        target = MockCluster.empty().establishCustomResourceDefinitions();
        targetPods = Files.createTempDirectory("standby-us-pods");
        targetCluster = connect(target, "standby-us", targetPods);
        RUNNING.add(Kubelet.forRestorePods(target, "edge-1", targetPods));
        // a laptop of the tenant's, for a backup while the home region is down
        laptop = new LocalAgent(Agents.registered(tenant, "laptop"), Files.createTempDirectory("laptop"));

        // the backup is copied to the DR region before anything else (the region-down case needs it there)
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Api.json(Api.as(tenant.token()).when().get("/api/v1/backups/" + backup + "/replication"))
                        .path("protectedInDr")
                        .asBoolean());
    }

    /** Adds a cluster, starts its agent and a node agent on edge-1, waits until both are up; answers its id. */
    private static String connect(MockCluster cluster, String name, Path pods) throws Exception {
        JsonNode created = Agents.createCluster(tenant, name);
        String id = created.path("cluster").path("id").asText();
        RunningAgent agent = RunningAgent.start(
                cluster, created.path("registration").path("token").asText(), Files.createTempDirectory(name));
        RUNNING.add(agent);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Api.json(Api.as(tenant.token()).when().get("/api/v1/clusters/" + id))
                        .path("phase")
                        .asText()
                        .equals("Connected"));
        RunningAgent node = RunningAgent.node(cluster, "edge-1", pods, Files.createTempDirectory(name + "-node"));
        RUNNING.add(node);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> node.text().contains("node agent on edge-1 ready"));
        if (name.equals("standby-us")) {
            targetAgent = agent;
        }
        return id;
    }

    private static JsonNode awaitEnd(String what, java.util.function.Supplier<JsonNode> read) {
        JsonNode[] last = new JsonNode[1];
        await(what)
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Set.of("Completed", "PartiallyFailed", "Failed", "Cancelled")
                        .contains((last[0] = read.get()).path("phase").asText()));
        return last[0];
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable running : RUNNING) {
            running.close();
        }
        if (target != null) {
            target.close();
        }
        if (source != null) {
            source.close();
        }
    }

    @Test
    void aRecoveryRestoresABackupIntoAnotherClusterObjectForObjectAndRecordsEveryTransition() {
        // when the tenant asks for a recovery of its backup into the other cluster, with an Idempotency-Key
        String body = request("shop-a", Map.of("backupId", backup));
        Response first = post(body, "recover-a");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(202);
        String id = first.path("id");
        assertThat(first.header("Location")).endsWith("/api/v1/recoveries/" + id);
        // then a repeat answers the same recovery, and the key with another body is refused
        Response again = post(body, "recover-a");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.<String>path("id")).isEqualTo(id);
        Response other = post(request("shop-z", Map.of("backupId", backup)), "recover-a");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.contentType()).startsWith(Api.PROBLEM);

        // and it runs through every state to Completed, from the home region, with its RTO
        JsonNode done = awaitEnd(id);
        assertThat(done.path("phase").asText()).as(done.toPrettyString()).isEqualTo("Completed");
        assertThat(phases(done)).containsExactly("Planned", "Staging", "Restoring", "Verifying", "Completed");
        assertThat(done.path("region").asText()).isEqualTo(HOME);
        JsonNode home = done.path("regions").get(0);
        assertThat(home.path("answers").asBoolean()).isTrue();
        assertThat(home.path("present").asInt())
                .isEqualTo(home.path("objects").asInt())
                .isPositive();
        assertThat(done.path("rtoSeconds").asDouble()).isPositive();
        assertThat(done.path("verification").path("chunksSampled").asInt()).isPositive();
        assertThat(done.path("verification").path("chunksPassed").asInt())
                .isEqualTo(done.path("verification").path("chunksSampled").asInt());
        assertThat(done.path("verification").path("failed").asInt()).isZero();
        assertThat(done.path("verification").path("volumesRestored").asInt()).isEqualTo(1);
        for (JsonNode t : done.path("transitions")) {
            assertThat(t.path("reason").asText()).isNotBlank();
            assertThat(t.path("at").asText()).isNotBlank();
        }
        // object for object: what the backup holds of "shop" is now in "shop-a" of the other cluster
        assertSameObjects("shop-a");
        // one RESTORE command, on the target cluster
        assertThat(restoreCommands("shop-a")).isEqualTo(1);

        // and its report is signed by the platform: openssl verifies it with the published key, and not a changed copy
        assertSignedReport(id, "Completed");

        // and it is listed, newest first, a page at a time
        JsonNode page = Api.json(Api.as(tenant.token()).when().get("/api/v1/recoveries?limit=1"));
        assertThat(page.path("items")).hasSize(1);
        // ended recoveries cannot be cancelled
        Response cancel = Api.as(tenant.token()).when().post("/api/v1/recoveries/" + id + "/cancel");
        assertThat(cancel.statusCode()).isEqualTo(409);
    }

    @Test
    void aDrillRestoresIntoAScratchNamespaceVerifiesItAndRemovesIt() throws Exception {
        // when the tenant asks for a drill of the latest backup of prod-eu into the standby cluster
        Response r = post(
                "{\"latestOfCluster\":\"" + sourceCluster + "\",\"targetClusterId\":\"" + targetCluster
                        + "\",\"includeNamespaces\":[\"shop\"],\"drill\":true}",
                null);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        String id = r.path("id");
        JsonNode done = awaitEnd(id);

        // then it restored into a scratch namespace of its own, verified, and removed what it created
        assertThat(done.path("phase").asText()).as(done.toPrettyString()).isEqualTo("Completed");
        assertThat(done.path("drill").asBoolean()).isTrue();
        String prefix = done.path("restore").path("namespacePrefix").asText();
        assertThat(prefix).matches("drill-[0-9a-f]{6}-");
        String scratch = prefix + "shop";
        assertThat(done.path("report").path("created").asInt()).isGreaterThan(10);
        assertThat(done.path("report").path("removedNamespaces"))
                .extracting(JsonNode::asText)
                .containsExactly(scratch);
        assertThat(done.path("verification").path("summary").asText()).endsWith("; 1 scratch namespaces removed");
        assertThat(target.all("v1", "Namespace"))
                .extracting(n -> n.getMetadata().getName())
                .doesNotContain(scratch);
        // the volume's data was written into the scratch namespace's claim, byte for byte, before it went
        Path volume = Kubelet.restoredVolume(targetPods, scratch, "data-db-0");
        assertThat(volume).isNotNull();
        assertThat(Files.readAllBytes(volume.resolve("base/16384/2619"))).isEqualTo(volumePage);
        // and its report is signed and says it was a drill
        assertSignedReport(id, "Completed");
        assertThat(Api.json(Api.as(tenant.token()).when().get("/api/v1/recoveries/" + id + "/report"))
                        .path("drill")
                        .asBoolean())
                .isTrue();
        // the drill reports are the drills among the recoveries: drill=true lists it, drill=false does not
        assertThat(Api.json(Api.as(tenant.token()).when().get("/api/v1/recoveries?drill=true"))
                        .path("items")
                        .findValuesAsText("drill"))
                .contains("true")
                .doesNotContain("false");
        assertThat(Api.json(Api.as(tenant.token()).when().get("/api/v1/recoveries?drill=true"))
                        .path("items")
                        .findValuesAsText("id"))
                .contains(id);
        assertThat(Api.json(Api.as(tenant.token()).when().get("/api/v1/recoveries?drill=false&limit=500"))
                        .path("items")
                        .findValuesAsText("id"))
                .doesNotContain(id);

        // a drill names no namespace mapping (its scratch namespaces are its own)
        Response mapped = post(
                "{\"backupId\":\"" + backup + "\",\"targetClusterId\":\"" + targetCluster
                        + "\",\"namespaceMapping\":{\"shop\":\"prod\"},\"drill\":true}",
                null);
        assertThat(mapped.statusCode()).isEqualTo(400);
        assertThat(mapped.contentType()).startsWith(Api.PROBLEM);
    }

    @Test
    void aPolicyWithDrillsDrillsAfterARunAndAtMostOnceInItsInterval() {
        // given a policy of prod-eu's "shop" with a drill into the standby cluster at most every hour
        JsonNode policy = Api.json(Api.as(tenant.token())
                .contentType("application/json")
                .body("{\"name\":\"shop-drilled\",\"clusterId\":\"" + sourceCluster
                        + "\",\"backup\":{\"includeNamespaces\":[\"shop\"],\"volumes\":true},"
                        + "\"schedule\":{\"cron\":\"@daily\"},\"drill\":{\"targetClusterId\":\"" + targetCluster
                        + "\",\"every\":\"PT1H\"}}")
                .when()
                .post("/api/v1/policies"));
        String id = policy.path("id").asText();
        assertThat(policy.path("drill").path("every").asText()).isEqualTo("PT1H");

        // when it runs: its backup is drilled into the standby cluster, and the drill completes
        String firstRun = runToTheEnd(id);
        JsonNode drill = awaitEnd(awaitValue("the policy's drill", () -> drillsOf(id), d -> d.size() == 1)
                .get(0)
                .path("id")
                .asText());
        assertThat(drill.path("phase").asText()).as(drill.toPrettyString()).isEqualTo("Completed");
        assertThat(drill.path("drill").asBoolean()).isTrue();
        assertThat(drill.path("selector").asText()).isEqualTo("run " + firstRun + " of policy " + id);
        assertThat(drill.path("report").path("removedNamespaces")).hasSize(1);
        assertThat(Api.json(Api.as(tenant.token()).when().get("/api/v1/policies/" + id))
                        .path("lastDrillAt")
                        .isTextual())
                .isTrue();

        // and a second run within the hour is not drilled again (the drill is decided before the run shows ended)
        String secondRun = runToTheEnd(id);
        assertThat(drillsOf(id)).hasSize(1);

        // and a recovery of "the latest Completed run of the policy" takes the second run's backup
        String idle = Agents.createCluster(tenant, "policy-target")
                .path("cluster")
                .path("id")
                .asText();
        Response latest = post("{\"latestOfPolicy\":\"" + id + "\",\"targetClusterId\":\"" + idle + "\"}", null);
        assertThat(latest.statusCode()).as(latest.asString()).isEqualTo(202);
        String backupOfSecondRun = Policies.runs(tenant, id).stream()
                .filter(r -> r.path("id").asText().equals(secondRun))
                .findFirst()
                .orElseThrow()
                .path("backupId")
                .asText();
        assertThat(latest.<String>path("backupId")).isEqualTo(backupOfSecondRun);
        assertThat(latest.<String>path("selector")).isEqualTo("latest Completed run of policy " + id);
        Api.as(tenant.token())
                .when()
                .post("/api/v1/recoveries/" + latest.<String>path("id") + "/cancel")
                .then()
                .statusCode(200);
    }

    /** Runs a policy now and waits for the run's end; answers the run's id. */
    private static String runToTheEnd(String policy) {
        String run = Api.as(tenant.token())
                .when()
                .post("/api/v1/policies/" + policy + "/run")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        JsonNode ended = awaitEnd("run " + run, () -> {
            for (JsonNode r : Policies.runs(tenant, policy)) {
                if (r.path("id").asText().equals(run)) {
                    return r;
                }
            }
            return Api.JSON.createObjectNode();
        });
        assertThat(ended.path("phase").asText()).as(ended.toString()).isEqualTo("Completed");
        return run;
    }

    /** The drills of a policy among the tenant's recoveries. */
    private static List<JsonNode> drillsOf(String policy) {
        List<JsonNode> drills = new ArrayList<>();
        for (JsonNode r : Api.json(Api.as(tenant.token()).when().get("/api/v1/recoveries?limit=500"))
                .path("items")) {
            if (r.path("drill").asBoolean() && r.path("selector").asText().endsWith("of policy " + policy)) {
                drills.add(r);
            }
        }
        return drills;
    }

    private static <T> T awaitValue(
            String what, java.util.concurrent.Callable<T> read, java.util.function.Predicate<T> done) {
        Object[] last = new Object[1];
        await(what)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    @SuppressWarnings("unchecked")
                    T value = (T) (last[0] = read.call());
                    return done.test(value);
                });
        @SuppressWarnings("unchecked")
        T value = (T) last[0];
        return value;
    }

    @Test
    void badRecoveriesAreRefusedWithProblems() {
        for (String bad : List.of(
                "{\"targetClusterId\":\"" + targetCluster + "\"}",
                "{\"backupId\":\"" + backup + "\",\"latestOfCluster\":\"" + sourceCluster + "\",\"targetClusterId\":\""
                        + targetCluster + "\"}",
                "{\"backupId\":\"" + backup + "\",\"targetClusterId\":\"" + UUID.randomUUID() + "\"}",
                "{\"backupId\":\"" + UUID.randomUUID() + "\",\"targetClusterId\":\"" + targetCluster + "\"}",
                "{\"backupId\":\"" + backup + "\",\"targetClusterId\":\"" + targetCluster
                        + "\",\"existingResourcePolicy\":\"OVERWRITE\"}")) {
            Response r = post(bad, null);
            assertThat(r.statusCode()).as(bad + " → " + r.asString()).isBetween(400, 422);
            assertThat(r.contentType()).startsWith(Api.PROBLEM);
        }
        assertThat(post(
                                "{\"latestOfPolicy\":\"" + UUID.randomUUID() + "\",\"targetClusterId\":\""
                                        + targetCluster + "\"}",
                                null)
                        .<String>path("errors[0].field"))
                .isEqualTo("latestOfPolicy");
        assertThat(post(
                                "{\"latestOfPolicy\":\"" + UUID.randomUUID() + "\",\"backupId\":\"" + backup
                                        + "\",\"targetClusterId\":\"" + targetCluster + "\"}",
                                null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aDrillIsRefusedForAnAgentThatHasNotReportedItCanDrill() {
        // a cluster whose agent has not registered: it reported nothing it can do
        String silent = Agents.createCluster(tenant, "not-yet-drillable")
                .path("cluster")
                .path("id")
                .asText();
        Response drill =
                post("{\"backupId\":\"" + backup + "\",\"targetClusterId\":\"" + silent + "\",\"drill\":true}", null);
        assertThat(drill.statusCode()).as(drill.asString()).isEqualTo(409);
        assertThat(drill.<String>path("type")).endsWith("/agent-cannot-drill");
        assertThat(drill.<String>path("detail")).contains("restore-drill");
        // nor can a restore under a scratch prefix be sent to it as a command of the tenant's own
        Response command = Api.as(tenant.token())
                .contentType("application/json")
                .body("{\"kind\":\"RESTORE\",\"restore\":{\"backupId\":\"" + backup
                        + "\",\"namespacePrefix\":\"drill-aaaaaa-\",\"removeAfter\":true}}")
                .when()
                .post("/api/v1/clusters/" + silent + "/commands");
        assertThat(command.statusCode()).as(command.asString()).isEqualTo(409);
        assertThat(command.<String>path("type")).endsWith("/agent-cannot-drill");
        // while the connected standby cluster's agent reported it
        assertThat(Api.json(Api.as(tenant.token()).when().get("/api/v1/clusters/" + targetCluster))
                        .path("agentCapabilities"))
                .extracting(JsonNode::asText)
                .contains("restore-drill");
    }

    @Test
    void aRecoverySurvivesASigkillOfTheRecoveryServiceInEachState() {
        var service = TestPlatform.get().services().get("recovery");
        List<String> points =
                List.of("RECOVERY_PLANNED", "RECOVERY_STAGED", "RECOVERY_COMMAND_SENT", "RECOVERY_VERIFIED");
        List<String> ids = new ArrayList<>();
        for (String point : points) {
            String namespace = "shop-" + point.toLowerCase().replace('_', '-').replace("recovery-", "");
            // the latest Completed backup of the source cluster, by selector
            String body = request(namespace, Map.of("latestOfCluster", sourceCluster));
            String id = Faults.killAt(service, point, () -> {
                        Response r = post(body, "kill-" + point);
                        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
                        return r.<String>path("id");
                    })
                    .join();
            ids.add(id);
            JsonNode done = awaitEnd(id);
            assertThat(done.path("phase").asText())
                    .as(point + ": " + done.toPrettyString())
                    .isEqualTo("Completed");
            // each state entered once, in order, though the service died in one of them
            assertThat(phases(done))
                    .as(point)
                    .containsExactly("Planned", "Staging", "Restoring", "Verifying", "Completed");
            // the latest Completed backup of prod-eu when it was asked for (other tests may have made newer ones)
            assertThat(done.path("selector").asText()).isEqualTo("latest Completed of cluster " + sourceCluster);
            JsonNode chosen = Api.json(Api.as(tenant.token())
                    .when()
                    .get("/api/v1/backups/" + done.path("backupId").asText()));
            assertThat(chosen.path("clusterId").asText()).isEqualTo(sourceCluster);
            assertThat(chosen.path("phase").asText()).isEqualTo("Completed");
            assertThat(restoreCommands(namespace)).as(point).isEqualTo(1);
            assertSameObjects(namespace);
        }
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void aRecoveryCompletesFromTheDrRegionWhileTheHomeRegionIsDownAndABackupIsRefusedClearly() throws Exception {
        Regions.stop(HOME);
        try {
            // a backup while the home region is down is refused at once, saying why (ADR 0018)
            java.nio.file.Path dir = Files.createTempDirectory("home-down");
            Files.writeString(dir.resolve("a.txt"), "written while the home region is down");
            LocalAgent.Run refused = laptop.backup(dir);
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("home region " + HOME + " does not answer");

            Response r = post(request("shop-dr", Map.of("backupId", backup)), null);
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
            JsonNode done = awaitEnd(r.path("id"));
            assertThat(done.path("phase").asText()).as(done.toPrettyString()).isEqualTo("Completed");
            assertThat(done.path("region").asText()).isEqualTo(DR);
            assertThat(done.path("reason").asText()).isNotBlank();
            assertThat(done.path("transitions").get(2).path("reason").asText())
                    .contains("home region " + HOME + " does not answer")
                    .contains("dr region " + DR + " holds the whole backup");
            assertThat(done.path("verification").path("region").asText()).isEqualTo(DR);
            assertSameObjects("shop-dr");
        } finally {
            Regions.restore(HOME);
        }
    }

    @Test
    void aRecoveryWhoseAgentNeverStartsCanBeCancelled() {
        // a cluster whose agent never connects
        String idle = Agents.createCluster(tenant, "never-there")
                .path("cluster")
                .path("id")
                .asText();
        Response r = post("{\"backupId\":\"" + backup + "\",\"targetClusterId\":\"" + idle + "\"}", null);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        String id = r.path("id");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> recovery(id).path("commandId").isTextual());
        Response early = Api.as(tenant.token()).when().get("/api/v1/recoveries/" + id + "/report");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.<String>path("type")).endsWith("report-not-ready");
        Response cancel = Api.as(tenant.token()).when().post("/api/v1/recoveries/" + id + "/cancel");
        assertThat(cancel.statusCode()).as(cancel.asString()).isEqualTo(200);
        JsonNode done = awaitEnd(id);
        assertThat(done.path("phase").asText()).isEqualTo("Cancelled");
        JsonNode command = Api.json(Api.as(tenant.token())
                .when()
                .get("/api/v1/clusters/" + idle + "/commands/"
                        + done.path("commandId").asText()));
        assertThat(command.path("phase").asText()).isEqualTo("Cancelled");
        assertSignedReport(id, "Cancelled");
    }

    /** The recovery's report says how it ended, and its detached signature verifies with openssl and the key. */
    private static void assertSignedReport(String id, String outcome) {
        byte[][] files = new byte[2][];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    Response r = Api.as(tenant.token()).when().get("/api/v1/recoveries/" + id + "/report");
                    files[0] = r.asByteArray();
                    return r.statusCode() == 200;
                });
        files[1] = Api.as(tenant.token())
                .when()
                .get("/api/v1/recoveries/" + id + "/report/signature")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        String key = Api.anonymous()
                .when()
                .get("/api/v1/recoveries/signing-key")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            JsonNode report = Api.JSON.readTree(files[0]);
            assertThat(report.path("format").asText()).isEqualTo("cairn.recovery-report.v1");
            assertThat(report.path("recoveryId").asText()).isEqualTo(id);
            assertThat(report.path("outcome").asText()).isEqualTo(outcome);
            assertThat(report.path("transitions").size()).isGreaterThan(1);
            java.nio.file.Path dir = Files.createTempDirectory("report");
            java.nio.file.Path document = Files.write(dir.resolve("report.json"), files[0]);
            java.nio.file.Path signature = Files.write(dir.resolve("report.json.sig"), files[1]);
            java.nio.file.Path pem = Files.writeString(dir.resolve("signing-key.pem"), key);
            assertThat(openssl(pem, signature, document)).isEqualTo("Verified OK");
            byte[] changed = files[0].clone();
            changed[changed.length - 3] ^= 1;
            java.nio.file.Path forged = Files.write(dir.resolve("forged.json"), changed);
            assertThat(openssl(pem, signature, forged)).isEqualTo("Verification failure");
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String openssl(java.nio.file.Path key, java.nio.file.Path signature, java.nio.file.Path document)
            throws java.io.IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "openssl",
                        "dgst",
                        "-sha256",
                        "-verify",
                        key.toString(),
                        "-signature",
                        signature.toString(),
                        document.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().findFirst().orElse("").strip();
    }

    private static String request(String namespace, Map<String, String> backupChoice) {
        var body = Api.JSON.createObjectNode();
        backupChoice.forEach(body::put);
        body.put("targetClusterId", targetCluster);
        body.putArray("includeNamespaces").add("shop");
        body.putObject("namespaceMapping").put("shop", namespace);
        return body.toString();
    }

    private static Response post(String body, String key) {
        var spec = Api.as(tenant.token()).contentType("application/json").body(body);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.when().post("/api/v1/recoveries");
    }

    private static JsonNode recovery(String id) {
        return Api.json(Api.as(tenant.token()).when().get("/api/v1/recoveries/" + id));
    }

    private static JsonNode awaitEnd(String id) {
        JsonNode[] last = new JsonNode[1];
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> Set.of("Completed", "PartiallyFailed", "Failed", "Cancelled")
                            .contains((last[0] = recovery(id)).path("phase").asText()));
        } catch (RuntimeException e) {
            throw new AssertionError(
                    "recovery " + id + " did not end; last " + last[0] + "\nagent log:\n" + targetAgent.text(), e);
        }
        return last[0];
    }

    private static List<String> phases(JsonNode recovery) {
        List<String> phases = new ArrayList<>();
        recovery.path("transitions").forEach(t -> phases.add(t.path("to").asText()));
        return phases;
    }

    /** How many RESTORE commands the target cluster got into {@code namespace} (each recovery has its own). */
    private static long restoreCommands(String namespace) {
        JsonNode commands = Api.json(
                        Api.as(tenant.token()).when().get("/api/v1/clusters/" + targetCluster + "/commands?limit=500"))
                .path("items");
        long into = 0;
        for (JsonNode c : commands) {
            if (c.path("kind").asText().equals("RESTORE")
                    && c.path("spec")
                            .path("namespaceMapping")
                            .path("shop")
                            .asText()
                            .equals(namespace)) {
                into++;
            }
        }
        return into;
    }

    /**
     * Every object the source cluster has in "shop" of the kinds checked is in {@code namespace} of the target, and
     * db-0's claim holds its data byte for byte.
     */
    private static void assertSameObjects(String namespace) {
        try {
            Path volume = Kubelet.restoredVolume(targetPods, namespace, "data-db-0");
            assertThat(volume).as("the restored claim of " + namespace).isNotNull();
            assertThat(Files.readAllBytes(volume.resolve("base/16384/2619"))).isEqualTo(volumePage);
            assertThat(Files.readString(volume.resolve("PG_VERSION"))).isEqualTo("17\n");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        for (String kind : KINDS) {
            String[] k = kind.split(" ");
            Set<String> expected = names(source, k[0], k[1], "shop");
            expected.remove("kube-root-ca.crt"); // made by every cluster, not restored over its own
            Set<String> restored = names(target, k[0], k[1], namespace);
            restored.remove("kube-root-ca.crt");
            assertThat(restored).as(kind + " in " + namespace).isEqualTo(expected);
        }
    }

    private static Set<String> names(MockCluster cluster, String apiVersion, String kind, String namespace) {
        Set<String> names = new TreeSet<>();
        cluster.all(apiVersion, kind).stream()
                .filter(o -> namespace.equals(o.getMetadata().getNamespace()))
                // a service account's token is made by the target cluster, never restored
                .filter(o -> !"kubernetes.io/service-account-token"
                        .equals(o.getAdditionalProperties().get("type")))
                .forEach(o -> names.add(o.getMetadata().getName()));
        return names;
    }
}
