package dev.cairn.agent.kafka;

import dev.cairn.agent.backup.ChunkSink;
import dev.cairn.agent.credentials.AgentCredentials;
import dev.cairn.data.chunk.SealedChunk;
import dev.cairn.data.record.ChunkBundleV2;
import dev.cairn.data.record.ChunkRecordV1;
import dev.cairn.data.record.PackReferenceV3;
import dev.cairn.data.record.RecordAuthenticator;
import dev.cairn.data.record.TraceParent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Chunk records v2 and pack reference records v3 (docs/protocol.md): sealed chunks of a backup gathered into bundles of about
 * {@link ChunkBundleV2#TARGET_BYTES} (a larger chunk travels alone), each one record with the agent's MAC over the
 * whole value, through an idempotent producer with {@code acks=all}. A bundle is closed when it is full, when another
 * backup's chunk comes, and by {@link #flush()}. Memory: one open bundle plus the producer's buffer, which is bounded
 * ({@code buffer.memory}): when the broker is slower than the agent, {@code send} blocks, so memory stays flat
 * whatever the backup's size.
 */
public final class KafkaChunkSink implements ChunkSink {
    private final AgentCredentials credentials;
    private final Function<UUID, String> traceparents;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** The open bundle (guarded by {@code this}): its backup, chunks and value size. */
    private UUID openBackup;

    private List<ChunkBundleV2.Chunk> open = new ArrayList<>();
    private long openBytes;

    public KafkaChunkSink(AgentCredentials credentials, long bufferBytes) {
        this(credentials, bufferBytes, TraceParent::ofBackup);
    }

    /** A sink whose records carry the {@code traceparent} {@code traceparents} gives for their backup. */
    public KafkaChunkSink(AgentCredentials credentials, long bufferBytes, Function<UUID, String> traceparents) {
        this.credentials = credentials;
        this.traceparents = traceparents;
        dev.cairn.api.agent.AgentCredentials.Kafka kafka = credentials.kafka();
        this.topic = kafka.topic() == null ? "cairn.data.v1" : kafka.topic();
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("security.protocol", kafka.securityProtocol());
        p.put("sasl.mechanism", kafka.saslMechanism());
        p.put("sasl.jaas.config", kafka.jaasConfig());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(bufferBytes));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(8 * 1024 * 1024));
        // a batch holds a bundle (a record larger than a batch gets a buffer of its own, counted in buffer.memory
        // too); the data topic has a dozen partitions, each with a batch open, within buffer.memory
        p.put(
                ProducerConfig.BATCH_SIZE_CONFIG,
                Long.toString(Math.min(bufferBytes, ChunkBundleV2.TARGET_BYTES + 64 * 1024)));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"); // envelopes are compressed and encrypted already
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(10 * 60_000L));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(10 * 60_000L));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "cairn-agent-" + credentials.clusterId());
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void send(UUID backup, SealedChunk chunk) {
        checkFailure();
        List<ChunkBundleV2.Chunk> full = null;
        UUID fullBackup;
        synchronized (this) {
            fullBackup = openBackup;
            if (!open.isEmpty()
                    && (!backup.equals(openBackup)
                            || openBytes + ChunkBundleV2.ENTRY + chunk.envelope().length > ChunkBundleV2.TARGET_BYTES
                            || open.size() == ChunkBundleV2.MAX_CHUNKS)) {
                full = take();
            }
            openBackup = backup;
            open.add(new ChunkBundleV2.Chunk(chunk.id(), chunk.envelope()));
            openBytes += ChunkBundleV2.ENTRY + chunk.envelope().length;
        }
        if (full != null) {
            // encoded, signed and handed to the producer outside the lock: the other senders go on filling
            send(fullBackup, full);
        }
    }

    @Override
    public void flush() {
        List<ChunkBundleV2.Chunk> rest;
        UUID backup;
        synchronized (this) {
            backup = openBackup;
            rest = open.isEmpty() ? null : take();
        }
        if (rest != null) {
            send(backup, rest);
        }
        producer.flush();
        checkFailure();
    }

    private List<ChunkBundleV2.Chunk> take() {
        List<ChunkBundleV2.Chunk> taken = open;
        open = new ArrayList<>();
        openBytes = 0;
        return taken;
    }

    private void send(UUID backup, List<ChunkBundleV2.Chunk> chunks) {
        byte[] value = new ChunkBundleV2(credentials.tenantId(), credentials.clusterId(), backup, chunks).encode();
        // keyed by its first chunk id: bundles spread over the topic's partitions as v1's chunks did
        ProducerRecord<byte[], byte[]> out =
                new ProducerRecord<>(topic, chunks.getFirst().id().bytes(), value);
        headers(out, ChunkBundleV2.VERSION, backup);
        out.headers()
                .add(
                        ChunkRecordV1.H_MAC,
                        RecordAuthenticator.mac(
                                credentials.macKey(), credentials.tenantId(), credentials.clusterId(), backup, value));
        producer.send(out, this::completed);
    }

    @Override
    public void sendPack(UUID backup, PackReferenceV3 reference) {
        checkFailure();
        byte[] value = reference.encode();
        // keyed by the pack id: announcements spread over the partitions
        ByteBuffer key = ByteBuffer.allocate(16)
                .putLong(reference.packId().getMostSignificantBits())
                .putLong(reference.packId().getLeastSignificantBits());
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, key.array(), value);
        headers(out, PackReferenceV3.VERSION, backup);
        out.headers()
                .add(
                        ChunkRecordV1.H_MAC,
                        RecordAuthenticator.macPackReference(
                                credentials.macKey(), credentials.tenantId(), credentials.clusterId(), backup, value));
        producer.send(out, this::completed);
    }

    private void headers(ProducerRecord<byte[], byte[]> out, String version, UUID backup) {
        out.headers().add(ChunkRecordV1.H_VERSION, version.getBytes(StandardCharsets.UTF_8));
        out.headers()
                .add(ChunkRecordV1.H_TENANT, credentials.tenantId().toString().getBytes(StandardCharsets.UTF_8));
        out.headers()
                .add(ChunkRecordV1.H_AGENT, credentials.clusterId().toString().getBytes(StandardCharsets.UTF_8));
        out.headers().add(ChunkRecordV1.H_BACKUP, backup.toString().getBytes(StandardCharsets.UTF_8));
        out.headers().add(TraceParent.HEADER, traceparents.apply(backup).getBytes(StandardCharsets.UTF_8));
    }

    private void completed(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    }

    private void checkFailure() {
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("the data topic refused a record: " + failed.getMessage(), failed);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
