package dev.cairn.it.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.CairnCli;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.RunningAgent;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.WaitsMostly;
import dev.cairn.testing.kubernetes.MockCluster;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A backup's files for a person (ADR 0021): the tenant's agent lists its folders a page at a time and sends one
 * file, decrypted, for the tenant's administrator to download for a while; nobody else reaches either.
 */
@WaitsMostly
class FileBrowseIT {
    private static final String DEPLOYMENTS = "resources/deployments.apps/namespaces/shop";

    @Test
    void anAgentListsABackupsFoldersAndSendsOneFileOnlyItsTenantDownloads() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("File Browser");
        Tenants.SignedUp other = Tenants.free("File Snooper");
        try (MockCluster cluster = MockCluster.realistic().establishCustomResourceDefinitions();
                MockCluster otherCluster = MockCluster.realistic().establishCustomResourceDefinitions()) {
            String clusterId = connect(tenant, cluster, "files-edge");
            String otherClusterId = connect(other, otherCluster, "snoop-edge");
            try {
                // given a backup of "shop"
                JsonNode backup = awaitEnd(
                        tenant,
                        clusterId,
                        Agents.command(
                                tenant,
                                clusterId,
                                "{\"kind\":\"BACKUP\",\"backup\":{\"includeNamespaces\":[\"shop\"]}}"));
                assertThat(backup.path("phase").asText()).as(backup.toString()).isEqualTo("Completed");
                String backupId = backup.path("report").path("id").asText();

                // the root: the index file and the folder of objects (a folder only its entries imply is listed too)
                JsonNode root = list(tenant, clusterId, backupId, "", null, 0);
                assertThat(root.path("phase").asText()).as(root.toString()).isEqualTo("Completed");
                assertThat(root.path("report").path("entries").findValuesAsText("name"))
                        .contains("kubernetes.json", "resources");
                assertThat(typeOf(root, "resources")).isEqualTo("DIRECTORY");
                assertThat(typeOf(root, "kubernetes.json")).isEqualTo("FILE");

                // a folder deep down, and a page at a time in name order
                JsonNode shop = list(tenant, clusterId, backupId, DEPLOYMENTS, null, 0);
                assertThat(shop.path("report").path("entries").findValuesAsText("name"))
                        .contains("web.json");
                JsonNode first = list(tenant, clusterId, backupId, "resources", null, 1);
                assertThat(first.path("report").path("entries")).hasSize(1);
                String next = first.path("report").path("next").asText();
                JsonNode second = list(tenant, clusterId, backupId, "resources", next, 1);
                assertThat(second.path("report")
                                .path("entries")
                                .get(0)
                                .path("name")
                                .asText())
                        .isGreaterThan(next);

                // one file, decrypted by the agent, byte for byte with the SHA-256 it reported
                JsonNode download = awaitEnd(
                        tenant,
                        clusterId,
                        browse(tenant, clusterId, backupId, DEPLOYMENTS + "/web.json", true, null, 0));
                assertThat(download.path("phase").asText())
                        .as(download.toString())
                        .isEqualTo("Completed");
                JsonNode sent = download.path("report").path("file");
                String fileUrl = "/api/v1/clusters/" + clusterId + "/commands/"
                        + download.path("id").asText() + "/file";
                Response file = Api.as(tenant.token()).when().get(fileUrl);
                assertThat(file.statusCode()).isEqualTo(200);
                byte[] bytes = file.asByteArray();
                assertThat((long) bytes.length).isEqualTo(sent.path("size").asLong());
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
                assertThat(HexFormat.of().formatHex(sha))
                        .isEqualTo(sent.path("sha256").asText());
                assertThat(file.header("Repr-Digest"))
                        .isEqualTo("sha-256=:" + Base64.getEncoder().encodeToString(sha) + ":");
                assertThat(file.header("Content-Disposition"))
                        .contains("attachment")
                        .contains("web.json");
                JsonNode object = Api.JSON.readTree(bytes);
                assertThat(object.path("kind").asText()).isEqualTo("Deployment");
                assertThat(object.path("metadata").path("name").asText()).isEqualTo("web");

                // a file larger than a JSON body may be (12 MB) of a backup another agent of the tenant made (a
                // laptop's
                // directory): any agent of the tenant reads it, and it crosses the gateway whole
                Path laptop = Files.createTempDirectory("files-laptop");
                byte[] big = new byte[12_000_000];
                new java.util.Random(21).nextBytes(big);
                Files.write(Files.createDirectories(laptop.resolve("src/data")).resolve("big.bin"), big);
                LocalAgent.Run local = new LocalAgent(
                                Agents.registered(tenant, "files-laptop"), laptop.resolve("agent"))
                        .backup(laptop.resolve("src"));
                assertThat(local.exit()).as(local.toString()).isZero();
                JsonNode bigDownload = awaitEnd(
                        tenant,
                        clusterId,
                        browse(tenant, clusterId, local.json().path("id").asText(), "data/big.bin", true, null, 0));
                assertThat(bigDownload.path("phase").asText())
                        .as(bigDownload.toString())
                        .isEqualTo("Completed");
                byte[] bigBack = Api.as(tenant.token())
                        .when()
                        .get("/api/v1/clusters/" + clusterId + "/commands/"
                                + bigDownload.path("id").asText() + "/file")
                        .asByteArray();
                assertThat(bigBack).isEqualTo(big);

                // what cannot be: a folder that is not there, a folder downloaded, a path that climbs out
                JsonNode missing = list(tenant, clusterId, backupId, "resources/nope", null, 0);
                assertThat(missing.path("phase").asText()).isEqualTo("Failed");
                assertThat(missing.path("message").asText()).contains("no directory resources/nope");
                JsonNode folder =
                        awaitEnd(tenant, clusterId, browse(tenant, clusterId, backupId, "resources", true, null, 0));
                assertThat(folder.path("phase").asText()).isEqualTo("Failed");
                assertThat(folder.path("message").asText()).contains("is a directory, not a file");
                for (String bad : List.of("../etc", "/etc/passwd", "resources//x")) {
                    Response refused = Api.as(tenant.token())
                            .body(Map.of("kind", "BROWSE", "browse", Map.of("backupId", backupId, "path", bad)))
                            .when()
                            .post("/api/v1/clusters/" + clusterId + "/commands");
                    assertThat(refused.statusCode()).as(bad).isEqualTo(400);
                    assertThat(refused.contentType()).startsWith(Api.PROBLEM);
                }
                // a listing has no file; the listing's answer is its report
                Api.as(tenant.token())
                        .when()
                        .get("/api/v1/clusters/" + clusterId + "/commands/"
                                + root.path("id").asText() + "/file")
                        .then()
                        .statusCode(404);

                // another tenant: not its cluster's command, and its own agent cannot read this tenant's backup
                Api.as(other.token()).when().get(fileUrl).then().statusCode(404);
                JsonNode foreign = list(other, otherClusterId, backupId, "", null, 0);
                assertThat(foreign.path("phase").asText()).isEqualTo("Failed");
                assertThat(foreign.path("message").asText()).contains("404");

                // the same from the command line: a folder, a file saved and checked, a folder that is not there
                Path cli = Files.createTempDirectory("files-cli");
                CairnCli.Result login = CairnCli.run(
                        cli, tenant.password() + "\n", "login", "--email", tenant.email(), "--password-stdin");
                assertThat(login.status()).as(login.err()).isZero();
                CairnCli.Result folder2 = CairnCli.run(cli, "", "backup", "files", backupId, DEPLOYMENTS);
                assertThat(folder2.status()).as(folder2.err()).isZero();
                assertThat(folder2.out()).contains("web.json").contains("0644");
                Path saved = cli.resolve("web.json");
                CairnCli.Result got = CairnCli.run(
                        cli, "", "backup", "download", backupId, DEPLOYMENTS + "/web.json", "--out", saved.toString());
                assertThat(got.status()).as(got.err()).isZero();
                assertThat(got.out())
                        .contains("Saved " + DEPLOYMENTS + "/web.json")
                        .contains(sent.path("sha256").asText());
                assertThat(Files.readAllBytes(saved)).isEqualTo(bytes);
                CairnCli.Result nope = CairnCli.run(cli, "", "backup", "files", backupId, "nope");
                assertThat(nope.status()).isEqualTo(1);
                assertThat(nope.err()).contains("Failed").contains("no directory nope");

                // kept for cairn.commands.download-keep (a minute here), then gone: 410
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofSeconds(2))
                        .until(() -> Api.as(tenant.token()).when().get(fileUrl).statusCode() == 410);
                assertThat(Api.json(Api.as(tenant.token()).when().get(fileUrl))
                                .path("type")
                                .asText())
                        .endsWith("download-expired");
            } finally {
                for (RunningAgent agent : agents) {
                    agent.close();
                }
            }
        }
    }

    private final List<RunningAgent> agents = new java.util.ArrayList<>();

    /** A cluster of the tenant whose agent runs and has reported it browses; its id. */
    private String connect(Tenants.SignedUp tenant, MockCluster cluster, String name) throws Exception {
        JsonNode created = Agents.createCluster(tenant, name);
        String id = created.path("cluster").path("id").asText();
        agents.add(RunningAgent.start(
                cluster,
                created.path("registration").path("token").asText(),
                Files.createTempDirectory("files-" + name)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Api.json(Api.as(tenant.token()).when().get("/api/v1/clusters/" + id))
                        .path("agentCapabilities")
                        .toString()
                        .contains("\"browse\""));
        return id;
    }

    private static String browse(
            Tenants.SignedUp tenant,
            String clusterId,
            String backupId,
            String path,
            boolean download,
            String after,
            int limit) {
        Map<String, Object> spec = new java.util.HashMap<>(
                Map.of("backupId", backupId, "path", path, "download", download, "limit", limit));
        if (after != null) {
            spec.put("after", after);
        }
        return Api.as(tenant.token())
                .body(Map.of("kind", "BROWSE", "browse", spec))
                .when()
                .post("/api/v1/clusters/" + clusterId + "/commands")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }

    private static JsonNode list(
            Tenants.SignedUp tenant, String clusterId, String backupId, String path, String after, int limit) {
        return awaitEnd(tenant, clusterId, browse(tenant, clusterId, backupId, path, false, after, limit));
    }

    private static JsonNode awaitEnd(Tenants.SignedUp tenant, String clusterId, String commandId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Set.of("Completed", "PartiallyFailed", "Failed", "Cancelled")
                        .contains((last[0] = Api.json(Api.as(tenant.token())
                                        .when()
                                        .get("/api/v1/clusters/" + clusterId + "/commands/" + commandId)))
                                .path("phase")
                                .asText()));
        return last[0];
    }

    private static String typeOf(JsonNode listing, String name) {
        for (JsonNode e : listing.path("report").path("entries")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("type").asText();
            }
        }
        return null;
    }
}
