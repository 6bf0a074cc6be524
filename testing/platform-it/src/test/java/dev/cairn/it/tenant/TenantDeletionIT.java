package dev.cairn.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Catalog;
import dev.cairn.it.support.Collection;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Metering;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.it.support.WaitsMostly;
import dev.cairn.testing.platform.Platform;
import dev.cairn.testing.servers.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Deleting a tenant: a grace period that can be cancelled, then keys, objects, users and rows destroyed. */
@WaitsMostly
class TenantDeletionIT {
    @Test
    void aDeletionCanBeCancelledDuringItsGracePeriod() {
        Tenants.SignedUp tenant = Tenants.free("Second Thoughts");
        String token = tenant.token();

        Api.as(token)
                .when()
                .delete("/api/v1/tenant")
                .then()
                .statusCode(202)
                .body("phase", equalTo("PendingDeletion"))
                .body("deleteAfter", not(emptyOrNullString()));
        // nothing new starts while deletion is pending
        Api.as(token)
                .body(java.util.Map.of("name", "late"))
                .when()
                .post("/api/v1/clusters")
                .then()
                .statusCode(409)
                .contentType(Api.PROBLEM);

        Api.as(token)
                .when()
                .post("/api/v1/tenant/cancel-deletion")
                .then()
                .statusCode(200)
                .body("phase", equalTo("Active"));
        // and it survives the grace period
        await().pollDelay(Duration.ofSeconds(8))
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Api.as(tenant.token())
                        .when()
                        .get("/api/v1/tenant")
                        .then()
                        .statusCode(200)
                        .body("phase", equalTo("Active")));
    }

    @Test
    void afterTheGracePeriodKeysObjectsUsersAndAgentsAreDestroyed(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        Platform platform = TestPlatform.get();
        Tenants.SignedUp doomed = Tenants.free("Doomed Co");
        Tenants.SignedUp bystander = Tenants.free("Bystander Co");
        Agents.Registered agent = Agents.registered(doomed, "doomed-cluster");
        // a backup, so that the tenant stores bytes that the purge must give back (and metering must see freed)
        java.nio.file.Path src = java.nio.file.Files.createDirectories(tmp.resolve("src"));
        java.nio.file.Files.writeString(src.resolve("a.txt"), "doomed data");
        String backup = Collection.completed(new LocalAgent(agent, tmp.resolve("agent")).backup(src));
        assertThat(Collection.stored(doomed.id())).isPositive();
        String doomedKey = "tenants/" + doomed.id() + "/packs/0001";
        String bystanderKey = "tenants/" + bystander.id() + "/packs/0001";
        for (String region : java.util.List.of("eu-west-1", "us-east-1")) {
            try (S3Client s3 = platform.objectStores().get(region).client()) {
                s3.putObject(b -> b.bucket(Platform.bucket(region)).key(doomedKey), RequestBody.fromString("x"));
                s3.putObject(b -> b.bucket(Platform.bucket(region)).key(bystanderKey), RequestBody.fromString("y"));
            }
        }
        assertThat(Tenants.keyCount(doomed.id())).isEqualTo(2);
        // what the other services keep of it: a policy (scheduler) and a recovery (recovery service)
        String cluster = agent.credentials().path("clusterId").asText();
        dev.cairn.it.support.Policies.create(doomed, cluster, "doomed-nightly");
        Api.as(doomed.token())
                .body(java.util.Map.of("backupId", backup, "targetClusterId", cluster))
                .when()
                .post("/api/v1/recoveries")
                .then()
                .statusCode(202);
        assertThat(rows("scheduler.policy", doomed.id())).isOne();
        assertThat(rows("recovery.recovery", doomed.id())).isOne();

        // when
        Api.as(doomed.token()).when().delete("/api/v1/tenant").then().statusCode(202);

        // then: once the grace period ends, the tenant's keys are gone (crypto-shredding) and it is a tombstone
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> "Deleted".equals(Tenants.phase(doomed.id())));
        assertThat(Tenants.keyCount(doomed.id())).isZero();
        // every service that keeps its data heard of the purge (cairn.tenants.v1) and forgot it: its catalog (nothing
        // stored, and metering counts its bytes freed), its policies, its recoveries, its quota level
        List<String> kept = List.of(
                "ingest.backup",
                "ingest.upload_slot",
                "ingest.restore_source",
                "ingest.chunk",
                "scheduler.policy",
                "scheduler.policy_run",
                "recovery.recovery",
                "metering.quota_state",
                "metering.quota_notice");
        await().alias("every service forgets the purged tenant")
                .atMost(Duration.ofSeconds(60))
                .until(() -> kept.stream().allMatch(table -> rowsOrFail(table, doomed.id()) == 0));
        assertThat(Collection.stored(doomed.id())).isZero();
        Metering.awaitCaughtUp(doomed.id());
        assertThat(Metering.stored(doomed.id())).isZero();
        // the announcement is relayed once, keyed by the tenant
        assertThat(Catalog.query(
                        "SELECT count(*) FROM tenant.tenant_event WHERE tenant_id = ? AND type = 'Deleted'"
                                + " AND relayed_at IS NOT NULL",
                        doomed.id()))
                .isOne();
        for (String region : java.util.List.of("eu-west-1", "us-east-1")) {
            try (S3Client s3 = platform.objectStores().get(region).client()) {
                assertThat(s3.listObjectsV2(
                                        b -> b.bucket(Platform.bucket(region)).prefix("tenants/" + doomed.id()))
                                .contents())
                        .isEmpty();
                assertThat(s3.listObjectsV2(
                                        b -> b.bucket(Platform.bucket(region)).prefix(bystanderKey))
                                .contents())
                        .hasSize(1);
            }
        }
        // its administrator can no longer sign in, and its agent gets no API token
        assertThatThrownBy(doomed::token).hasMessageContaining("401");
        assertThat(Agents.accessToken(agent.apiToken())).isNull();
        // the other tenant is untouched
        Api.as(bystander.token())
                .when()
                .get("/api/v1/tenant")
                .then()
                .statusCode(200)
                .body("phase", equalTo("Active"));
        assertThat(Tenants.keyCount(bystander.id())).isEqualTo(2);
    }

    /**
     * A record on the tenants' topic that is not a tenant event goes to the dead-letter topic, once from each service
     * that reads the topic, and each goes on: a purge announced after it is still acted on.
     */
    @Test
    void aRecordThatIsNoTenantEventIsDeadLetteredByEachServiceAndTheyGoOn() throws Exception {
        long before = deadLetters();
        Properties admin = TestPlatform.get()
                .kafka()
                .clientProperties(
                        KafkaServer.ADMIN_USER, TestPlatform.get().kafka().adminPassword());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(admin, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Platform.TENANTS_TOPIC,
                            "junk".getBytes(StandardCharsets.UTF_8),
                            "{\"specversion\":\"1.0\",\"type\":\"dev.cairn.tenant.stolen.v1\"}"
                                    .getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        Tenants.SignedUp doomed = Tenants.free("Doomed After Junk Co");
        Agents.Registered agent = Agents.registered(doomed, "junk-cluster");
        dev.cairn.it.support.Policies.create(
                doomed, agent.credentials().path("clusterId").asText(), "nightly");
        Api.as(doomed.token()).when().delete("/api/v1/tenant").then().statusCode(202);

        await().alias("the junk dead-lettered by ingest, the scheduler, metering and the recovery service")
                .atMost(Duration.ofSeconds(60))
                .until(() -> deadLetters() - before == 4);
        await().alias("the purge after it acted on")
                .atMost(Duration.ofSeconds(60))
                .until(() -> "Deleted".equals(Tenants.phase(doomed.id()))
                        && rowsOrFail("scheduler.policy", doomed.id()) == 0);
    }

    private static long deadLetters() {
        Properties admin = TestPlatform.get()
                .kafka()
                .clientProperties(
                        KafkaServer.ADMIN_USER, TestPlatform.get().kafka().adminPassword());
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(admin, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(Platform.TENANTS_TOPIC + ".dlq").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            return c.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    private static long rowsOrFail(String table, UUID tenantId) {
        try {
            return rows(table, tenantId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long rows(String table, UUID tenantId) throws Exception {
        return dev.cairn.it.support.Catalog.query("SELECT count(*) FROM " + table + " WHERE tenant_id = ?", tenantId);
    }
}
