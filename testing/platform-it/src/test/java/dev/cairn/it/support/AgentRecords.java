package dev.cairn.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.api.agent.KafkaLogin;
import dev.cairn.data.chunk.ChunkKeys;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.chunk.SealedChunk;
import dev.cairn.data.record.ChunkBundleV2;
import dev.cairn.data.record.ChunkRecordV1;
import dev.cairn.data.record.PackReferenceV3;
import dev.cairn.data.record.RecordAuthenticator;
import dev.cairn.testing.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test fixtures: what a registered agent writes to the data topic, as the real agent does. */
public final class AgentRecords {
    private AgentRecords() {}

    /** Kafka client properties for an agent's credentials ({@code kafka} of its registration answer). */
    public static Properties clientProperties(JsonNode kafka) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.path("bootstrapServers").asText());
        p.put("security.protocol", kafka.path("securityProtocol").asText());
        p.put("sasl.mechanism", kafka.path("saslMechanism").asText());
        p.put(
                "sasl.jaas.config",
                KafkaLogin.scramJaasConfig(
                        kafka.path("username").asText(), kafka.path("password").asText()));
        return p;
    }

    /** An idempotent, acks=all producer with the agent's credentials. */
    public static KafkaProducer<byte[], byte[]> producer(JsonNode kafka) {
        Properties p = clientProperties(kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The agent's chunk sealer for its tenant, with the keys it received at registration. */
    public static ChunkSealer sealer(Agents.Registered agent, UUID tenant) {
        JsonNode keys = agent.credentials().path("dataKeys");
        return new ChunkSealer(new ChunkKeys(
                tenant,
                agent.unwrap(keys.path("CHUNK_ID").asText()),
                agent.unwrap(keys.path("CHUNK_ENCRYPTION").asText())));
    }

    /** Sends a chunk record v1 with its headers and a MAC under {@code macKey}; waits for the broker's ack. */
    public static void send(
            KafkaProducer<byte[], byte[]> producer,
            UUID tenant,
            UUID agent,
            UUID backup,
            SealedChunk chunk,
            byte[] macKey)
            throws Exception {
        ChunkRecordV1 record = new ChunkRecordV1(tenant, agent, backup, chunk.id(), chunk.envelope());
        ProducerRecord<byte[], byte[]> out =
                new ProducerRecord<>(Platform.DATA_TOPIC, record.chunkId().bytes(), record.envelope());
        out.headers().add(ChunkRecordV1.H_VERSION, ChunkRecordV1.VERSION.getBytes(StandardCharsets.UTF_8));
        out.headers().add(ChunkRecordV1.H_TENANT, tenant.toString().getBytes(StandardCharsets.UTF_8));
        out.headers().add(ChunkRecordV1.H_AGENT, agent.toString().getBytes(StandardCharsets.UTF_8));
        out.headers().add(ChunkRecordV1.H_BACKUP, backup.toString().getBytes(StandardCharsets.UTF_8));
        out.headers().add(ChunkRecordV1.H_MAC, RecordAuthenticator.mac(macKey, record));
        producer.send(out).get(30, TimeUnit.SECONDS);
    }

    /**
     * Sends a chunk bundle record v2 of {@code chunks}, as the agent does, with a MAC under {@code macKey}; waits for
     * the broker's ack.
     */
    public static void sendBundle(
            KafkaProducer<byte[], byte[]> producer,
            UUID tenant,
            UUID agent,
            UUID backup,
            java.util.List<SealedChunk> chunks,
            byte[] macKey)
            throws Exception {
        byte[] value = new ChunkBundleV2(
                        tenant,
                        agent,
                        backup,
                        chunks.stream()
                                .map(c -> new ChunkBundleV2.Chunk(c.id(), c.envelope()))
                                .toList())
                .encode();
        ProducerRecord<byte[], byte[]> out =
                new ProducerRecord<>(Platform.DATA_TOPIC, chunks.getFirst().id().bytes(), value);
        out.headers().add(ChunkRecordV1.H_VERSION, ChunkBundleV2.VERSION.getBytes(StandardCharsets.UTF_8));
        out.headers().add(ChunkRecordV1.H_TENANT, tenant.toString().getBytes(StandardCharsets.UTF_8));
        out.headers().add(ChunkRecordV1.H_AGENT, agent.toString().getBytes(StandardCharsets.UTF_8));
        out.headers().add(ChunkRecordV1.H_BACKUP, backup.toString().getBytes(StandardCharsets.UTF_8));
        out.headers().add(ChunkRecordV1.H_MAC, RecordAuthenticator.mac(macKey, tenant, agent, backup, value));
        producer.send(out).get(30, TimeUnit.SECONDS);
    }

    /**
     * Sends a pack reference record v3 (a pack the agent uploaded itself), as the agent does, with a MAC under
     * {@code macKey}; waits for the broker's ack.
     */
    public static void sendPackReference(
            KafkaProducer<byte[], byte[]> producer,
            UUID tenant,
            UUID agent,
            UUID backup,
            PackReferenceV3 reference,
            byte[] macKey)
            throws Exception {
        byte[] value = reference.encode();
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Platform.DATA_TOPIC, null, value);
        out.headers().add(ChunkRecordV1.H_VERSION, PackReferenceV3.VERSION.getBytes(StandardCharsets.UTF_8));
        out.headers().add(ChunkRecordV1.H_TENANT, tenant.toString().getBytes(StandardCharsets.UTF_8));
        out.headers().add(ChunkRecordV1.H_AGENT, agent.toString().getBytes(StandardCharsets.UTF_8));
        out.headers().add(ChunkRecordV1.H_BACKUP, backup.toString().getBytes(StandardCharsets.UTF_8));
        out.headers()
                .add(ChunkRecordV1.H_MAC, RecordAuthenticator.macPackReference(macKey, tenant, agent, backup, value));
        producer.send(out).get(30, TimeUnit.SECONDS);
    }
}
