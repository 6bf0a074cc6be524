package dev.cairn.platform.kafka;

import dev.cairn.api.agent.KafkaLogin;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Kafka client settings and dead-lettering, one way for every service. */
public final class KafkaClients {
    /** The header that carries why a record was dead-lettered. */
    public static final String REASON_HEADER = "cairn.dlq.reason";
    /** The header that names where it came from: topic/partition/offset. */
    public static final String SOURCE_HEADER = "cairn.dlq.source";

    private KafkaClients() {}

    /**
     * Brokers and a SCRAM login over {@code protocol} (SASL_SSL in production, SASL_PLAINTEXT locally) with {@code
     * mechanism} (SCRAM-SHA-512 on MSK, SCRAM-SHA-256 on the local broker).
     */
    public static Properties scram(
            String bootstrapServers, String protocol, String mechanism, String user, String password) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("security.protocol", protocol);
        p.put("sasl.mechanism", mechanism);
        p.put("sasl.jaas.config", KafkaLogin.scramJaasConfig(user, password));
        return p;
    }

    /**
     * Consumer settings of {@code group} that commits its offsets itself (never automatically), starts a new group at
     * the earliest offset, takes at most {@code maxPollRecords} a poll, and fails over fast ({@link #fastFailover}).
     */
    public static Properties committingConsumer(Properties common, String group, int maxPollRecords) {
        Properties p = fastFailover(common);
        p.put("group.id", group);
        // the client id names the group and the instance (a pod's host name): the consumers' metrics
        // (kafka_consumer_*{client_id}) then say whose lag they are, not "consumer-<group>-<n>"
        p.put("client.id", group + "-" + instance());
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.poll.records", Integer.toString(maxPollRecords));
        return p;
    }

    /** This process among the group's members: its host name (a pod's name in Kubernetes), else its process id. */
    static String instance() {
        String host = System.getenv("HOSTNAME");
        return host != null && !host.isBlank()
                ? host
                : Long.toString(ProcessHandle.current().pid());
    }

    /** Producer settings that wait for every in-sync replica and never write a record twice on a retry. */
    public static Properties reliableProducer(Properties common) {
        common.put("acks", "all");
        common.put("enable.idempotence", "true");
        return common;
    }

    /**
     * Consumer settings of a group whose members own their partitions' work: a member that dies (a crash, a SIGKILL)
     * hands its partitions over within 10 s, not the client's default 45 s, during which its tenants' records wait.
     */
    public static Properties fastFailover(Properties consumer) {
        consumer.put("session.timeout.ms", "10000");
        consumer.put("heartbeat.interval.ms", "3000");
        return consumer;
    }

    /**
     * Sends {@code record} as received to the dead-letter {@code topic}, with the reason and its source in headers,
     * and waits for the broker's acknowledgement.
     *
     * @throws IllegalStateException when the dead-letter topic does not take it (the consumer must not go on)
     */
    public static void deadLetter(
            Producer<byte[], byte[]> producer, String topic, ConsumerRecord<byte[], byte[]> record, String reason) {
        try {
            deadLetterAsync(producer, topic, record, reason).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("dead-letter topic unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Sends {@code record} to the dead-letter topic with its reason and source, without waiting: the caller waits
     * for every such send before it commits the offsets past the record (so none is lost), and sends many in one
     * round trip (a flood of junk costs batches, not one round trip each).
     */
    public static java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> deadLetterAsync(
            Producer<byte[], byte[]> producer, String topic, ConsumerRecord<byte[], byte[]> record, String reason) {
        ProducerRecord<byte[], byte[]> dead =
                new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers());
        dead.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        dead.headers()
                .add(
                        SOURCE_HEADER,
                        (record.topic() + "/" + record.partition() + "/" + record.offset())
                                .getBytes(StandardCharsets.UTF_8));
        return producer.send(dead);
    }
}
