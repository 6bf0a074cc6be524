package dev.cairn.agent.kafka;

import dev.cairn.agent.backup.ChunkSink;
import dev.cairn.agent.credentials.AgentCredentials;
import dev.cairn.data.chunk.SealedChunk;
import dev.cairn.data.record.ChunkRecordV1;
import dev.cairn.data.record.RecordAuthenticator;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Chunk records v1 (docs/protocol.md) with the agent's MAC, through an idempotent producer with {@code acks=all}.
 * Its buffer is bounded ({@code buffer.memory}): when the broker is slower than the agent, {@code send} blocks, so
 * memory stays flat whatever the backup's size.
 */
public final class KafkaChunkSink implements ChunkSink {
    private final AgentCredentials credentials;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaChunkSink(AgentCredentials credentials, long bufferBytes) {
        this.credentials = credentials;
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
        // 1 MiB batches: the data topic has a dozen partitions, each with a batch open, within buffer.memory (a
        // record larger than a batch gets a buffer of its own, counted in that memory too)
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Long.toString(Math.min(bufferBytes, 1024 * 1024)));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"); // envelopes are compressed and encrypted already
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(10 * 60_000L));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(10 * 60_000L));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "cairn-agent-" + credentials.clusterId());
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void send(UUID backup, SealedChunk chunk) {
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("the data topic refused a record: " + failed.getMessage(), failed);
        }
        ChunkRecordV1 record = new ChunkRecordV1(
                credentials.tenantId(), credentials.clusterId(), backup, chunk.id(), chunk.envelope());
        ProducerRecord<byte[], byte[]> out =
                new ProducerRecord<>(topic, chunk.id().bytes(), chunk.envelope());
        out.headers().add(ChunkRecordV1.H_VERSION, ChunkRecordV1.VERSION.getBytes(StandardCharsets.UTF_8));
        out.headers()
                .add(ChunkRecordV1.H_TENANT, credentials.tenantId().toString().getBytes(StandardCharsets.UTF_8));
        out.headers()
                .add(ChunkRecordV1.H_AGENT, credentials.clusterId().toString().getBytes(StandardCharsets.UTF_8));
        out.headers().add(ChunkRecordV1.H_BACKUP, backup.toString().getBytes(StandardCharsets.UTF_8));
        out.headers().add(ChunkRecordV1.H_MAC, RecordAuthenticator.mac(credentials.macKey(), record));
        producer.send(out, (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
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
