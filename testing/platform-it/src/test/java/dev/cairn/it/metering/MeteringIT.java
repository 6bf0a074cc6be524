package dev.cairn.it.metering;

import static dev.cairn.it.support.Catalog.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Collection;
import dev.cairn.it.support.DisruptsThePlatform;
import dev.cairn.it.support.Faults;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Metering;
import dev.cairn.it.support.Operators;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import dev.cairn.testing.servers.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage events leave ingest (and the tenant service) through their outboxes and are counted by metering exactly once:
 * an event delivered twice counts once, a record that is no event is dead-lettered, and metering killed with SIGKILL
 * in the middle of a batch counts that batch once after its restart. The hours are sums of the events, and agree with
 * ingest's counter; connected clusters follow agents' registrations and revocations.
 */
@DisruptsThePlatform
class MeteringIT {
    @TempDir
    Path tmp;

    @Test
    void everyUsageEventCountsOnceThroughDuplicatesJunkAndASigkillMidBatch() throws Exception {
        // given a tenant that backed up a folder, and a second tenant that did nothing
        Tenants.SignedUp tenant = Tenants.free("Metered Co");
        Tenants.SignedUp quiet = Tenants.free("Quiet Co");
        UUID t = tenant.id();
        LocalAgent agent = new LocalAgent(Agents.registered(tenant, "metered"), tmp.resolve("agent"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("a.bin"), random(3 << 20, 1));
        String first = Collection.completed(agent.backup(src));

        // then metering catches up with ingest: same stored bytes, one PROTECTED event of the backup's logical bytes
        Metering.awaitCaughtUp(t);
        assertThat(Metering.stored(t)).isEqualTo(Collection.stored(t)).isGreaterThan(3 << 20);
        JsonNode backup = Api.json(Api.as(tenant.token()).when().get("/api/v1/backups/" + first));
        assertThat(query("SELECT bytes FROM metering.usage_event WHERE tenant_id = ? AND kind = 'PROTECTED'", t))
                .isEqualTo(backup.path("statistics").path("logicalBytes").asLong())
                .isEqualTo(3 << 20);

        // when every usage record of the tenant is delivered again, with a record that is no usage event
        long storedBefore = Metering.stored(t);
        long eventsBefore = query("SELECT count(*) FROM metering.usage_event WHERE tenant_id = ?", t);
        List<ConsumerRecord<byte[], byte[]>> again = usageRecordsOf(t);
        assertThat(again).hasSizeGreaterThanOrEqualTo((int) eventsBefore);
        long deadBefore = deadLetters();
        try (KafkaProducer<byte[], byte[]> producer = adminProducer()) {
            for (ConsumerRecord<byte[], byte[]> r : again) {
                producer.send(new ProducerRecord<>(Platform.USAGE_TOPIC, r.key(), r.value()));
            }
            producer.send(new ProducerRecord<>(
                    Platform.USAGE_TOPIC,
                    t.toString().getBytes(StandardCharsets.UTF_8),
                    "{\"specversion\":\"1.0\",\"type\":\"dev.cairn.usage.stolen.v1\"}"
                            .getBytes(StandardCharsets.UTF_8)));
            producer.flush();
        }
        // then the junk is dead-lettered, and nothing counted twice
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters() > deadBefore);
        assertThat(Metering.stored(t)).isEqualTo(storedBefore);
        assertThat(query("SELECT count(*) FROM metering.usage_event WHERE tenant_id = ?", t))
                .isEqualTo(eventsBefore);

        // when metering halts with a batch written but not committed, is killed there (SIGKILL) and restarted
        Files.write(src.resolve("b.bin"), random(2 << 20, 2));
        Faults.killAt(
                        TestPlatform.get().services().get("metering"),
                        "METERING_BEFORE_COMMIT",
                        () -> Collection.completed(agent.backup(src)))
                .get(120, TimeUnit.SECONDS);

        // then every event counts once, and the hours are exactly the sums of the events
        Metering.awaitCaughtUp(t);
        assertThat(Metering.stored(t)).isEqualTo(Collection.stored(t));
        for (String kind : List.of("STORED", "INGESTED", "PROTECTED", "NEW")) {
            assertThat(query(
                            "SELECT coalesce(sum(bytes), 0) FROM metering.usage_event WHERE tenant_id = ? AND kind = '"
                                    + kind + "'",
                            t))
                    .as(kind + " counted by metering vs written by ingest")
                    .isEqualTo(query(
                            "SELECT coalesce(sum(bytes), 0) FROM ingest.usage_event WHERE tenant_id = ? AND kind = '"
                                    + kind + "'",
                            t));
        }
        assertThat(query("SELECT sum(stored_delta) FROM metering.usage_hour WHERE tenant_id = ?", t))
                .isEqualTo(Metering.stored(t));
        assertThat(query("SELECT sum(ingested_bytes) FROM metering.usage_hour WHERE tenant_id = ?", t))
                .isEqualTo(query(
                        "SELECT sum(bytes) FROM ingest.usage_event WHERE tenant_id = ? AND kind = 'INGESTED'", t));
        assertThat(query("SELECT sum(backups) FROM metering.usage_hour WHERE tenant_id = ?", t))
                .isEqualTo(2);

        // and the tenant sees it: usage against the free tier, and the hours' history ending at what it stores
        JsonNode now = Metering.current(tenant);
        assertThat(now.path("storedBytes").asLong()).isEqualTo(Collection.stored(t));
        assertThat(now.path("plan").asText()).isEqualTo("FREE");
        assertThat(now.path("limitBytes").asLong()).isEqualTo(1_000_000_000_000L);
        assertThat(now.path("level").asText()).isEqualTo("Ok");
        JsonNode hours = Api.json(
                Api.as(tenant.token()).queryParam("granularity", "hour").when().get("/api/v1/usage/history"));
        JsonNode last = hours.path("items").get(hours.path("items").size() - 1);
        assertThat(last.path("endStoredBytes").asLong()).isEqualTo(Collection.stored(t));
        assertThat(last.path("peakStoredBytes").asLong()).isGreaterThanOrEqualTo(Collection.stored(t));
        assertThat(last.path("storedByteHours").decimalValue()).isPositive();
        long backups = 0;
        long clusters = 0;
        for (JsonNode h : hours.path("items")) {
            backups += h.path("backups").asLong();
            clusters = Math.max(clusters, h.path("protectedClusters").asLong());
        }
        assertThat(backups).isEqualTo(2);
        assertThat(clusters).isEqualTo(1);
        assertThat(last.path("connectedClusters").asLong()).isEqualTo(1);
        assertThat(now.path("connectedClusters").asLong()).isEqualTo(1);

        // when a second cluster's agent registers and is revoked, and the revocation is repeated
        UUID second = UUID.fromString(Agents.registered(tenant, "metered-too")
                .credentials()
                .path("clusterId")
                .asText());
        Metering.awaitCaughtUp(t);
        assertThat(Metering.current(tenant).path("connectedClusters").asLong()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            Api.as(tenant.token())
                    .when()
                    .delete("/api/v1/clusters/" + second)
                    .then()
                    .statusCode(204);
        }
        // then the tenant service counted one connection and one disconnection, and metering one each
        Metering.awaitCaughtUp(t);
        assertThat(query(
                        "SELECT count(*) FROM tenant.usage_event WHERE tenant_id = ? AND cluster_id = '" + second + "'",
                        t))
                .isEqualTo(2);
        assertThat(Metering.current(tenant).path("connectedClusters").asLong()).isEqualTo(1);
        assertThat(query("SELECT sum(connected_delta) FROM metering.usage_hour WHERE tenant_id = ?", t))
                .isEqualTo(1);

        // and a second tenant sees only its own (nothing), and metering agrees with ingest for every tenant
        assertThat(Metering.current(quiet).path("storedBytes").asLong()).isZero();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode report =
                            Api.json(Api.as(Operators.token()).when().post("/api/v1/admin/metering/reconciliation"));
                    assertThat(report.path("tenantsChecked").asLong()).isPositive();
                    assertThat(report.path("driftBytes").asLong())
                            .as(report.toString())
                            .isZero();
                });
    }

    private static List<ConsumerRecord<byte[], byte[]>> usageRecordsOf(UUID tenant) {
        Properties p = admin();
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(Platform.USAGE_TOPIC).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            var ends = c.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(tenant.toString())) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    private static long deadLetters() {
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(admin(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(Platform.USAGE_TOPIC + ".dlq").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            return c.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    private static KafkaProducer<byte[], byte[]> adminProducer() {
        return new KafkaProducer<>(admin(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Properties admin() {
        return TestPlatform.get()
                .kafka()
                .clientProperties(
                        KafkaServer.ADMIN_USER, TestPlatform.get().kafka().adminPassword());
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
