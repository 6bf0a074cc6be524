package dev.cairn.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Tenants;
import dev.cairn.testing.kubernetes.MockCluster;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A cluster's resources through the whole platform: the agent backs a realistic (mock) cluster up over Kafka into
 * object storage, then restores it from the platform into an empty cluster with a namespace mapping; a preview
 * before changes nothing.
 */
class KubernetesRoundTripIT {

    @Test
    void backsUpAClusterAndRestoresItIntoAnEmptyOneWithANamespaceMapping() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Kube Round Trip");
        Agents.Registered registered = Agents.registered(tenant, "k3s-edge");
        LocalAgent agent = new LocalAgent(registered, Files.createTempDirectory("kube-agent"));
        try (MockCluster source = MockCluster.realistic();
                MockCluster target = MockCluster.empty().establishCustomResourceDefinitions()) {
            // given a backup of two namespaces
            LocalAgent.Run backup =
                    agent.run("backup", "local", "--kubernetes", source.url(), "--include-namespaces", "shop,billing");
            assertThat(backup.exit()).as(backup.toString()).isZero();
            String id = backup.json().path("id").asText();
            assertThat(backup.json().path("phase").asText()).isEqualTo("Completed");
            assertThat(backup.json().path("statistics").path("files").asLong()).isGreaterThan(25);

            // when previewed: nothing changes
            LocalAgent.Run preview = agent.run(
                    "restore",
                    "local",
                    id,
                    "--kubernetes",
                    target.url(),
                    "--namespace-mapping",
                    "shop:shop-dr",
                    "--preview");
            assertThat(preview.exit()).as(preview.toString()).isZero();
            assertThat(target.all("v1", "Namespace")).isEmpty();
            assertThat(target.all("apps/v1", "Deployment")).isEmpty();

            // then the restore creates what the preview said
            LocalAgent.Run restore = agent.run(
                    "restore", "local", id, "--kubernetes", target.url(), "--namespace-mapping", "shop:shop-dr");
            assertThat(restore.exit()).as(restore.toString()).isZero();
            JsonNode report = restore.json();
            assertThat(report.path("items")).isEqualTo(preview.json().path("items"));
            assertThat(report.path("failed").asInt()).isZero();
            assertThat(target.client()
                            .apps()
                            .deployments()
                            .inNamespace("shop-dr")
                            .withName("web")
                            .get())
                    .isNotNull();
            assertThat(target.client()
                            .apps()
                            .statefulSets()
                            .inNamespace("shop-dr")
                            .withName("db")
                            .get())
                    .isNotNull();
            assertThat(target.client()
                            .batch()
                            .v1()
                            .cronjobs()
                            .inNamespace("billing")
                            .withName("invoices")
                            .get())
                    .isNotNull();
            assertThat(target.all("example.com/v1", "Widget"))
                    .extracting(w -> w.getMetadata().getNamespace() + "/"
                            + w.getMetadata().getName())
                    .containsExactlyInAnyOrder("shop-dr/blue", "shop-dr/red", "billing/ledger");
            assertThat(target.client()
                            .secrets()
                            .inNamespace("shop-dr")
                            .withName("db-credentials")
                            .get()
                            .getData())
                    .isEqualTo(source.client()
                            .secrets()
                            .inNamespace("shop")
                            .withName("db-credentials")
                            .get()
                            .getData());
            assertThat(target.client().pods().inNamespace("shop-dr").list().getItems())
                    .isEmpty();
        }
    }
}
