package dev.cairn.it.backup;

import static dev.cairn.it.support.Catalog.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.chunk.SealedChunk;
import dev.cairn.data.record.ChunkRecordV1;
import dev.cairn.data.record.PackReferenceV3;
import dev.cairn.it.support.AgentRecords;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import dev.cairn.testing.servers.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Agents' chunk records through Kafka into packs in the tenant's home region and the catalog; records that are not
 * what they claim (another tenant, another agent, a bad MAC, garbage) go to the dead-letter topic, and the consumer
 * goes on.
 */
class IngestIT {

    @Test
    void authenticRecordsBecomePacksAndForgedOnesAreDeadLettered() throws Exception {
        Platform platform = TestPlatform.get();
        Tenants.SignedUp alice = Tenants.free("Ingest Alice");
        Tenants.SignedUp mallory = Tenants.free("Ingest Mallory");
        Agents.Registered aliceAgent = Agents.registered(alice, "alice-prod");
        Agents.Registered malloryAgent = Agents.registered(mallory, "mallory-prod");
        UUID aliceCluster =
                UUID.fromString(aliceAgent.credentials().path("clusterId").asText());
        UUID malloryCluster =
                UUID.fromString(malloryAgent.credentials().path("clusterId").asText());
        ChunkSealer aliceSealer = AgentRecords.sealer(aliceAgent, alice.id());
        byte[] aliceMac =
                aliceAgent.unwrap(aliceAgent.credentials().path("macKey").asText());
        byte[] malloryMac =
                malloryAgent.unwrap(malloryAgent.credentials().path("macKey").asText());
        UUID backup = UUID.randomUUID();

        byte[] first = ("first chunk of alice " + "x".repeat(5000)).getBytes(StandardCharsets.UTF_8);
        byte[] second = new byte[300_000];
        new java.util.Random(7).nextBytes(second);
        SealedChunk one = aliceSealer.seal(first, 0, first.length);
        SealedChunk two = aliceSealer.seal(second, 0, second.length);
        SealedChunk oneAgain = aliceSealer.seal(first, 0, first.length); // same id: stored once

        // the dead-letter topic is shared by every test of the run: read only what comes after this mark
        Map<TopicPartition, Long> deadLettersBefore = deadLetterEnds(platform.kafka());
        try (var producer = producer(aliceAgent.credentials().path("kafka"))) {
            send(producer, record(alice.id(), aliceCluster, backup, one), aliceMac);
            send(producer, record(alice.id(), aliceCluster, backup, two), aliceMac);
            send(producer, record(alice.id(), aliceCluster, backup, oneAgain), aliceMac);
            // forged: alice's agent claims mallory's tenant
            send(producer, record(mallory.id(), aliceCluster, backup, one), aliceMac);
            // forged: a MAC under another key
            send(producer, record(alice.id(), aliceCluster, backup, two), malloryMac);
            // garbage value
            ProducerRecord<byte[], byte[]> garbage =
                    new ProducerRecord<>(Platform.DATA_TOPIC, one.id().bytes(), "not an envelope".getBytes());
            garbage.headers().add(ChunkRecordV1.H_VERSION, "1".getBytes());
            producer.send(garbage).get(30, TimeUnit.SECONDS);
        }
        // mallory's agent writes a record that claims to come from alice's agent, for alice's tenant
        try (var producer = producer(malloryAgent.credentials().path("kafka"))) {
            send(producer, record(alice.id(), aliceCluster, backup, two), malloryMac);
            send(producer, record(alice.id(), malloryCluster, backup, two), malloryMac);
        }

        // then: alice's two distinct chunks are in the catalog, in a pack in her home region
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> chunkCount(alice.id()) == 2);
        assertThat(chunkCount(mallory.id())).isZero();
        List<String> packKeys;
        try (S3Client s3 = platform.objectStores().get("eu-west-1").client()) {
            packKeys = s3
                    .listObjectsV2(
                            b -> b.bucket(Platform.bucket("eu-west-1")).prefix("tenants/" + alice.id() + "/packs/"))
                    .contents()
                    .stream()
                    .map(o -> o.key())
                    .toList();
            assertThat(packKeys).anyMatch(k -> k.endsWith(".index"));
            // and each chunk reads back from its pack, byte for byte
            for (SealedChunk chunk : List.of(one, two)) {
                long[] place = place(alice.id(), chunk.id());
                String packKey = packKey(place[2]);
                byte[] pack = s3.getObjectAsBytes(
                                b -> b.bucket(Platform.bucket("eu-west-1")).key(packKey))
                        .asByteArray();
                byte[] envelope = java.util.Arrays.copyOfRange(pack, (int) place[0], (int) (place[0] + place[1]));
                byte[] expected = chunk == one ? first : second;
                assertThat(aliceSealer.open(envelope, chunk.id())).isEqualTo(expected);
            }
        }
        // packs are written at home; the DR region (us-east-1) holds nothing but copies of them (ReplicationIT)
        try (S3Client s3 = platform.objectStores().get("us-east-1").client()) {
            assertThat(s3
                            .listObjectsV2(
                                    b -> b.bucket(Platform.bucket("us-east-1")).prefix("tenants/" + alice.id()))
                            .contents()
                            .stream()
                            .map(o -> o.key()))
                    .as("objects in the DR region are copies of home objects")
                    .allMatch(packKeys::contains);
        }
        // stored bytes are what the packs hold
        assertThat(storedBytes(alice.id())).isEqualTo(packBytes(alice.id())).isPositive();

        // agents ask which chunks their tenant lacks: alice's agent learns hers are stored; mallory's learns nothing
        String fresh = "ab".repeat(32);
        String aliceToken = Agents.accessToken(aliceAgent.apiToken());
        Api.as(aliceToken)
                .body(Map.of("ids", List.of(one.id().hex(), two.id().hex(), fresh)))
                .when()
                .post("/api/v1/chunks/missing")
                .then()
                .statusCode(200)
                .body("missing", contains(fresh));
        String malloryToken = Agents.accessToken(malloryAgent.apiToken());
        Api.as(malloryToken)
                .body(Map.of("ids", List.of(one.id().hex())))
                .when()
                .post("/api/v1/chunks/missing")
                .then()
                .statusCode(200)
                .body("missing", contains(one.id().hex()));
        // bad ids are a clear 400
        Api.as(aliceToken)
                .body(Map.of("ids", List.of("not-hex")))
                .when()
                .post("/api/v1/chunks/missing")
                .then()
                .statusCode(400)
                .contentType(Api.PROBLEM);

        // the five forged records are dead-lettered with their reasons
        List<String> reasons = deadLetterReasons(platform.kafka(), deadLettersBefore, 5);
        assertThat(reasons).hasSize(5);
        assertThat(reasons).anyMatch(r -> r.contains("does not belong to tenant"));
        assertThat(reasons).anyMatch(r -> r.contains("MAC does not verify"));
        assertThat(reasons).anyMatch(r -> r.contains("not a chunk envelope"));
    }

    @Test
    void aBundleIsStoredWholeAndABundleItsMacDoesNotVouchForIsRefusedWhole() throws Exception {
        Platform platform = TestPlatform.get();
        Tenants.SignedUp bob = Tenants.free("Bundle Bob");
        Tenants.SignedUp eve = Tenants.free("Bundle Eve");
        Agents.Registered bobAgent = Agents.registered(bob, "bob-prod");
        Agents.Registered eveAgent = Agents.registered(eve, "eve-prod");
        UUID bobCluster =
                UUID.fromString(bobAgent.credentials().path("clusterId").asText());
        byte[] bobMac = bobAgent.unwrap(bobAgent.credentials().path("macKey").asText());
        byte[] eveMac = eveAgent.unwrap(eveAgent.credentials().path("macKey").asText());
        ChunkSealer sealer = AgentRecords.sealer(bobAgent, bob.id());
        java.util.Random random = new java.util.Random(11);
        List<SealedChunk> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] data = new byte[i == 0 ? 200_000 : 40 + i];
            random.nextBytes(data);
            chunks.add(sealer.seal(data, 0, data.length));
        }
        UUID backup = UUID.randomUUID();
        Map<TopicPartition, Long> deadLettersBefore = deadLetterEnds(platform.kafka());

        // when: bob's agent sends three chunks (one of them twice) in a bundle it signs
        try (var producer = producer(bobAgent.credentials().path("kafka"))) {
            AgentRecords.sendBundle(
                    producer,
                    bob.id(),
                    bobCluster,
                    backup,
                    List.of(chunks.get(0), chunks.get(1), chunks.get(2), chunks.get(1)),
                    bobMac);
            // forged: chunks 3 and 4 under eve's key, then under bob's key claiming eve's tenant
            AgentRecords.sendBundle(
                    producer, bob.id(), bobCluster, backup, List.of(chunks.get(3), chunks.get(4)), eveMac);
            AgentRecords.sendBundle(
                    producer, eve.id(), bobCluster, backup, List.of(chunks.get(3), chunks.get(4)), bobMac);
        }
        // eve's agent sends a bundle claiming bob's agent
        try (var producer = producer(eveAgent.credentials().path("kafka"))) {
            AgentRecords.sendBundle(producer, bob.id(), bobCluster, backup, List.of(chunks.get(5)), eveMac);
        }

        // then: the signed bundle's three distinct chunks are stored and read back; nothing of the forged ones is
        List<String> reasons = deadLetterReasons(platform.kafka(), deadLettersBefore, 3).stream()
                .filter(r -> r.contains(bobCluster.toString()))
                .toList();
        assertThat(reasons).hasSize(3);
        assertThat(reasons).filteredOn(r -> r.contains("MAC does not verify")).hasSize(2);
        assertThat(reasons).anyMatch(r -> r.contains("does not belong to tenant"));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> chunkCount(bob.id()) == 3);
        assertThat(chunkCount(eve.id())).isZero();
        try (S3Client s3 = platform.objectStores().get("eu-west-1").client()) {
            for (SealedChunk chunk : chunks.subList(0, 3)) {
                long[] place = place(bob.id(), chunk.id());
                byte[] pack = s3.getObjectAsBytes(
                                b -> b.bucket(Platform.bucket("eu-west-1")).key(packKey(place[2])))
                        .asByteArray();
                assertThat(java.util.Arrays.copyOfRange(pack, (int) place[0], (int) (place[0] + place[1])))
                        .isEqualTo(chunk.envelope());
            }
        }
        assertThat(storedBytes(bob.id())).isEqualTo(packBytes(bob.id())).isPositive();
    }

    @Test
    void aPackItsAgentUploadedCommitsOnceAndOnlyAsItsRecordVouchesWithinItsOwnSlot() throws Exception {
        Platform platform = TestPlatform.get();
        Tenants.SignedUp carol = Tenants.free("Upload Carol");
        Tenants.SignedUp trudy = Tenants.free("Upload Trudy");
        Agents.Registered carolAgent = Agents.registered(carol, "carol-prod");
        Agents.Registered trudyAgent = Agents.registered(trudy, "trudy-prod");
        UUID carolCluster =
                UUID.fromString(carolAgent.credentials().path("clusterId").asText());
        UUID trudyCluster =
                UUID.fromString(trudyAgent.credentials().path("clusterId").asText());
        byte[] carolMac =
                carolAgent.unwrap(carolAgent.credentials().path("macKey").asText());
        byte[] trudyMac =
                trudyAgent.unwrap(trudyAgent.credentials().path("macKey").asText());
        String carolToken = Agents.accessToken(carolAgent.apiToken());
        String trudyToken = Agents.accessToken(trudyAgent.apiToken());
        ChunkSealer sealer = AgentRecords.sealer(carolAgent, carol.id());
        java.util.Random random = new java.util.Random(23);
        List<SealedChunk> chunks = new ArrayList<>();
        java.io.ByteArrayOutputStream packBytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            byte[] data = new byte[100_000 + i];
            random.nextBytes(data);
            chunks.add(sealer.seal(data, 0, data.length));
            packBytes.writeBytes(chunks.get(i).envelope());
        }
        byte[] pack = packBytes.toByteArray();
        PackReferenceV3.Entry[] entries = chunks.stream()
                .map(c -> new PackReferenceV3.Entry(c.id(), c.envelope().length))
                .toArray(PackReferenceV3.Entry[]::new);
        UUID backup = UUID.fromString(Agents.startBackup(carolToken, "upload-it"));

        // slots: the same Idempotency-Key answers the same slot; another tenant's agent gets none for this backup
        JsonNode slot = slot(carolToken, backup, "first");
        UUID packId = UUID.fromString(slot.path("packId").asText());
        assertThat(slot(carolToken, backup, "first").path("packId").asText()).isEqualTo(packId.toString());
        Api.as(trudyToken)
                .header("Idempotency-Key", "mine")
                .when()
                .post("/api/v1/backups/" + backup + "/packs")
                .then()
                .statusCode(404)
                .contentType(Api.PROBLEM);
        JsonNode lying = slot(carolToken, backup, "second");
        JsonNode empty = slot(carolToken, backup, "third");

        // a slot's URL writes its own object and nothing else: not another tenant's key, not another slot's
        String url = slot.path("url").asText();
        assertThat(url).contains("tenants/" + carol.id() + "/packs/" + packId);
        assertThat(put(url.replace(carol.id().toString(), trudy.id().toString()), pack, md5(pack)))
                .isEqualTo(403);
        assertThat(put(url.replace(packId.toString(), lying.path("packId").asText()), pack, md5(pack)))
                .isEqualTo(403);
        assertThat(put(url, pack, md5(new byte[] {1})))
                .as("a body its Content-MD5 does not match")
                .isEqualTo(400);
        assertThat(put(url, pack, md5(pack))).isEqualTo(200);
        assertThat(put(lying.path("url").asText(), pack, md5(pack))).isEqualTo(200);

        Map<TopicPartition, Long> deadLettersBefore = deadLetterEnds(platform.kafka());
        UUID lyingId = UUID.fromString(lying.path("packId").asText());
        UUID emptyId = UUID.fromString(empty.path("packId").asText());
        PackReferenceV3 honest = new PackReferenceV3(packId, pack.length, md5Bytes(pack), List.of(entries));
        try (var producer = producer(carolAgent.credentials().path("kafka"))) {
            AgentRecords.sendPackReference(producer, carol.id(), carolCluster, backup, honest, carolMac);
            // the object in the second slot is not what this record vouches for (another MD5)
            byte[] otherMd5 = md5Bytes(new byte[] {7});
            AgentRecords.sendPackReference(
                    producer,
                    carol.id(),
                    carolCluster,
                    backup,
                    new PackReferenceV3(lyingId, pack.length, otherMd5, List.of(entries)),
                    carolMac);
            // nothing was uploaded into the third slot
            AgentRecords.sendPackReference(
                    producer,
                    carol.id(),
                    carolCluster,
                    backup,
                    new PackReferenceV3(emptyId, pack.length, md5Bytes(pack), List.of(entries)),
                    carolMac);
        }
        // trudy's agent announces carol's pack as its own tenant's
        try (var producer = producer(trudyAgent.credentials().path("kafka"))) {
            AgentRecords.sendPackReference(producer, trudy.id(), trudyCluster, backup, honest, trudyMac);
        }

        // then the honest pack is carol's, under its slot's id, with an index object; its slot is used up
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> chunkCount(carol.id()) == 3);
        assertThat(chunkCount(trudy.id())).isZero();
        assertThat(query("SELECT count(*) FROM ingest.pack WHERE tenant_id = ? AND id = '" + packId + "'", carol.id()))
                .isOne();
        assertThat(query("SELECT count(*) FROM ingest.pack WHERE tenant_id = ?", carol.id()))
                .isOne();
        assertThat(query(
                        "SELECT count(*) FROM ingest.upload_slot WHERE tenant_id = ? AND used_at IS NULL AND pack_id = '"
                                + packId + "'",
                        carol.id()))
                .isZero();
        assertThat(storedBytes(carol.id())).isEqualTo(packBytes(carol.id())).isGreaterThan(pack.length);
        // a used slot's key is not answered again, and a key names one backup's slot only
        Api.as(carolToken)
                .header("Idempotency-Key", "first")
                .when()
                .post("/api/v1/backups/" + backup + "/packs")
                .then()
                .statusCode(409)
                .contentType(Api.PROBLEM)
                .body("type", org.hamcrest.Matchers.endsWith("/upload-slot-used"));
        String otherBackup = Agents.startBackup(carolToken, "upload-it-2");
        Api.as(carolToken)
                .header("Idempotency-Key", "second")
                .when()
                .post("/api/v1/backups/" + otherBackup + "/packs")
                .then()
                .statusCode(422)
                .contentType(Api.PROBLEM);
        try (S3Client s3 = platform.objectStores().get("eu-west-1").client()) {
            String index = s3.getObjectAsBytes(b -> b.bucket(Platform.bucket("eu-west-1"))
                            .key("tenants/" + carol.id() + "/packs/" + packId + ".index"))
                    .asUtf8String();
            assertThat(index).startsWith("cairn-pack-index v1 " + packId + " " + carol.id());
            for (SealedChunk chunk : chunks) {
                long[] place = place(carol.id(), chunk.id());
                byte[] stored = s3.getObjectAsBytes(
                                b -> b.bucket(Platform.bucket("eu-west-1")).key(packKey(place[2])))
                        .asByteArray();
                assertThat(sealer.open(
                                java.util.Arrays.copyOfRange(stored, (int) place[0], (int) (place[0] + place[1])),
                                chunk.id()))
                        .hasSize(chunk.plainLength());
            }
        }

        // and announcing it again (a replay) commits nothing more
        try (var producer = producer(carolAgent.credentials().path("kafka"))) {
            AgentRecords.sendPackReference(producer, carol.id(), carolCluster, backup, honest, carolMac);
        }
        List<String> reasons = deadLetterReasons(platform.kafka(), deadLettersBefore, 4).stream()
                .filter(r -> r.contains(packId.toString())
                        || r.contains(lyingId.toString())
                        || r.contains(emptyId.toString()))
                .toList();
        assertThat(reasons).hasSize(4);
        assertThat(reasons)
                .filteredOn(r -> r.contains("not what the record vouches for"))
                .hasSize(1);
        assertThat(reasons)
                .filteredOn(r -> r.contains(emptyId + " was not uploaded"))
                .hasSize(1);
        assertThat(reasons)
                .filteredOn(r -> r.contains(packId + " has no open upload slot"))
                .as("trudy's claim and carol's replay")
                .hasSize(2);
        assertThat(query("SELECT count(*) FROM ingest.pack WHERE tenant_id = ?", carol.id()))
                .isOne();
        assertThat(storedBytes(carol.id())).isEqualTo(packBytes(carol.id()));
    }

    private static JsonNode slot(String token, UUID backup, String idempotencyKey) {
        return Api.as(token)
                .header("Idempotency-Key", idempotencyKey)
                .when()
                .post("/api/v1/backups/" + backup + "/packs")
                .then()
                .statusCode(201)
                .extract()
                .as(JsonNode.class);
    }

    /**
     * PUTs {@code body} to a pre-signed URL with a Content-MD5 header; answers the status. Without {@code Expect:
     * 100-continue} a refusal sometimes came as a closed connection instead ("header parser received no bytes").
     */
    private static int put(String url, byte[] body, String md5Base64) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                // the store may refuse before the body (a signature or digest it will not take)
                                // and close the connection: with 100-continue the refusal arrives as an answer
                                .expectContinue(true)
                                .header("Content-MD5", md5Base64)
                                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    private static byte[] md5Bytes(byte[] bytes) throws Exception {
        return java.security.MessageDigest.getInstance("MD5").digest(bytes);
    }

    private static String md5(byte[] bytes) throws Exception {
        return java.util.Base64.getEncoder().encodeToString(md5Bytes(bytes));
    }

    @Test
    void aFloodOfRecordsNamingAnUnknownAgentCostsOneLookupPerCacheLifetime() throws Exception {
        Platform platform = TestPlatform.get();
        Tenants.SignedUp tenant = Tenants.free("Ingest Flood");
        Agents.Registered agent = Agents.registered(tenant, "flooder");
        byte[] mac = agent.unwrap(agent.credentials().path("macKey").asText());
        SealedChunk chunk = AgentRecords.sealer(agent, tenant.id()).seal(new byte[] {1, 2, 3}, 0, 3);
        UUID stranger = UUID.randomUUID();
        // enough for many dead-letter batches: each batch is sent without waiting and awaited before its offsets
        // are committed, so none may be lost or doubled
        int records = 2_000;

        Map<TopicPartition, Long> deadLettersBefore = deadLetterEnds(platform.kafka());
        long lookupsBefore = unknownAgentLookups();
        long begin = System.nanoTime();
        try (var producer = producer(agent.credentials().path("kafka"))) {
            for (int i = 0; i < records; i++) {
                send(producer, record(tenant.id(), stranger, UUID.randomUUID(), chunk), mac);
            }
        }

        // every record is dead-lettered, but the tenant service was asked about the stranger once per time to live
        List<String> reasons = deadLetterReasons(platform.kafka(), deadLettersBefore, records);
        assertThat(reasons.stream().filter(r -> r.contains("unknown agent " + stranger)))
                .hasSize(records);
        // one per 5 s the flood lasted at most (a loaded machine takes longer than 10 s over the 2,000 records)
        long lifetimes = 1 + Duration.ofNanos(System.nanoTime() - begin).toMillis() / 5_000;
        assertThat(unknownAgentLookups() - lookupsBefore)
                .as("lookups of an unknown agent (the cache keeps negative entries for 5 s) in %d lifetimes", lifetimes)
                .isBetween(1L, lifetimes);
    }

    /** The tenant service's count of agent lookups it answered with 404, from its Prometheus metrics. */
    private static long unknownAgentLookups() {
        String metrics = Api.management("tenant").when().get("/q/metrics").asString();
        return Math.round(metrics.lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_count{")
                        && l.contains("uri=\"/internal/v1/agents/{clusterId}\"")
                        && l.contains("status=\"404\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum());
    }

    private static ChunkRecordV1 record(UUID tenant, UUID agent, UUID backup, SealedChunk chunk) {
        return new ChunkRecordV1(tenant, agent, backup, chunk.id(), chunk.envelope());
    }

    /** Sends the record as an agent would, with a MAC under {@code macKey}. */
    private static void send(KafkaProducer<byte[], byte[]> producer, ChunkRecordV1 record, byte[] macKey)
            throws Exception {
        SealedChunk chunk = new SealedChunk(record.chunkId(), record.envelope(), 0, false);
        AgentRecords.send(producer, record.tenantId(), record.agentId(), record.backupId(), chunk, macKey);
    }

    private static KafkaProducer<byte[], byte[]> producer(JsonNode kafka) {
        return AgentRecords.producer(kafka);
    }

    /** The end offset of each partition of the dead-letter topic now. */
    private static Map<TopicPartition, Long> deadLetterEnds(KafkaServer kafka) {
        try (var consumer = deadLetterConsumer(kafka)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Platform.DATA_DEAD_LETTER_TOPIC).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** The reasons of the records dead-lettered after {@code from}, waiting up to a minute for {@code atLeast}. */
    private static List<String> deadLetterReasons(KafkaServer kafka, Map<TopicPartition, Long> from, int atLeast) {
        List<String> reasons = new ArrayList<>();
        try (var consumer = deadLetterConsumer(kafka)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.currentTimeMillis() + 60_000;
            while (reasons.size() < atLeast && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    var reason = r.headers().lastHeader("cairn.dlq.reason");
                    reasons.add(reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return reasons;
    }

    private static KafkaConsumer<byte[], byte[]> deadLetterConsumer(KafkaServer kafka) {
        Properties p = kafka.clientProperties(KafkaServer.ADMIN_USER, kafka.adminPassword());
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static long chunkCount(UUID tenant) throws Exception {
        return query("SELECT count(*) FROM ingest.chunk WHERE tenant_id = ?", tenant);
    }

    private static long storedBytes(UUID tenant) throws Exception {
        return query("SELECT stored_bytes FROM ingest.tenant_storage WHERE tenant_id = ?", tenant);
    }

    private static long packBytes(UUID tenant) throws Exception {
        return query("SELECT coalesce(sum(size_bytes), 0) FROM ingest.pack WHERE tenant_id = ?", tenant);
    }

    /** [offset, length, pack row number] of a chunk. */
    private static final Map<Long, String> PACKS = new java.util.HashMap<>();

    private static long[] place(UUID tenant, ChunkId id) throws Exception {
        try (Connection c = TestPlatform.get().postgres().connect(Platform.DATABASE);
                PreparedStatement s = c.prepareStatement("SELECT c.pack_offset, c.stored_length, p.object_key"
                        + " FROM ingest.chunk c JOIN ingest.pack p ON p.id = c.pack_id"
                        + " WHERE c.tenant_id = ? AND c.chunk_id = ?")) {
            s.setObject(1, tenant);
            s.setBytes(2, id.bytes());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long key = PACKS.size();
                PACKS.put(key, rs.getString(3));
                return new long[] {rs.getLong(1), rs.getLong(2), key};
            }
        }
    }

    private static String packKey(long key) {
        return PACKS.get(key);
    }
}
