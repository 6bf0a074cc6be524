package dev.cairn.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.servers.KafkaServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker is real: SCRAM authenticates clients and ACLs decide what each may do. */
class KafkaAuthorizationIT {
    private static final String DATA_TOPIC = "it.data.v1";
    private static final String OTHER_TOPIC = "it.other.v1";
    private static KafkaServer kafka;

    @BeforeAll
    static void writerMayOnlyWriteTheDataTopic() {
        kafka = TestPlatform.get().kafka();
        kafka.ensureTopic(DATA_TOPIC, 3, Map.of());
        kafka.ensureTopic(OTHER_TOPIC, 1, Map.of());
        kafka.upsertScramUser("it-writer", "it-writer-password");
        kafka.allowTopics("it-writer", DATA_TOPIC, Set.of(AclOperation.WRITE, AclOperation.DESCRIBE));
        kafka.allowTransactionalIds("it-writer", "it-writer-");
    }

    @Test
    void aScramUserWritesToTheTopicItsAclAllows() throws Exception {
        try (var producer = producer("it-writer", "it-writer-password")) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(DATA_TOPIC, "k".getBytes(), "v".getBytes()))
                    .get(30, TimeUnit.SECONDS);
            assertThat(sent.topic()).isEqualTo(DATA_TOPIC);
            assertThat(sent.offset()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aScramUserIsRefusedOnATopicOutsideItsAcl() {
        try (var producer = producer("it-writer", "it-writer-password")) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(OTHER_TOPIC, "v".getBytes()))
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWriteOnlyUserCannotReadItsOwnTopic() {
        Properties properties = kafka.clientProperties("it-writer", "it-writer-password");
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "it-writer-group");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DATA_TOPIC));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(20)))
                    .isInstanceOfAny(GroupAuthorizationException.class, TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (var producer = producer("it-writer", "not-the-password")) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(DATA_TOPIC, "v".getBytes()))
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String user, String password) {
        Properties properties = kafka.clientProperties(user, password);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "25000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
